"""The stored register: commitments with their variants and aliases, evidence links with their
log, and append-only assessments (issue 17).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from alembic import op

from communique.store import schema

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Created from schema.py as it stands at this revision: a later change to these tables copies their
# definitions here first and makes its own migration.
TABLES = ("register_commitments", "register_variants", "register_aliases", "evidence", "evidence_log",
          "assessments", "tracked_documents")


def upgrade() -> None:
    bind = op.get_bind()
    for name in TABLES:
        schema.metadata.tables[name].create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for name in reversed(TABLES):
        schema.metadata.tables[name].drop(bind)
