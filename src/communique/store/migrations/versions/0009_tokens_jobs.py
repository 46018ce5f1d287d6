"""The web application's API tokens (hashed) and upload jobs (issue 18).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from alembic import op

from communique.store import schema

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Created from schema.py as it stands at this revision: a later change to these tables copies their
# definitions here first and makes its own migration.
TABLES = ("tokens", "jobs")


def upgrade() -> None:
    bind = op.get_bind()
    for name in TABLES:
        schema.metadata.tables[name].create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for name in reversed(TABLES):
        schema.metadata.tables[name].drop(bind)
