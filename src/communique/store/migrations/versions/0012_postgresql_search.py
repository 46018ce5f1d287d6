"""Full-text search on PostgreSQL: a row of tsvectors per document (`store.pg_search`), with GIN
indexes. Built from the folded text in Python, as SQLite's indexes are; SQLite is left as it is.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import TSVECTOR

from communique.store import pg_search
from communique.text.normalize import fold

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 200


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.create_table(
        pg_search.TABLE,
        sa.Column("pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("words", TSVECTOR, nullable=False),
        sa.Column("grams", TSVECTOR, nullable=False),
    )
    op.create_index("ix_documents_search_words", pg_search.TABLE, ["words"], postgresql_using="gin")
    op.create_index("ix_documents_search_grams", pg_search.TABLE, ["grams"], postgresql_using="gin")
    last = 0
    while True:  # documents stored before this migration
        rows = bind.execute(text("SELECT pk, title, body FROM documents WHERE pk > :last ORDER BY pk LIMIT :n"),
                            {"last": last, "n": BATCH}).all()
        if not rows:
            break
        bind.execute(pg_search.INSERT, [pg_search.row(r.pk, fold(r.title or ""), fold(r.body)) for r in rows])
        last = rows[-1].pk


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table(pg_search.TABLE)
