"""Entity mentions and the entities found in documents (people named by a title, not in the KB).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("entity_id", sa.String(200), nullable=False, index=True),
        sa.Column("spans", sa.JSON, nullable=False),
    )
    op.create_table(
        "found_entities",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("found_entities")
    op.drop_table("mentions")
