"""Documents, their sources, and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("language", sa.String(8), index=True),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("url", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("photo_credits", sa.JSON, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("segments", sa.JSON, nullable=False),
        sa.Column("paragraphs", sa.JSON, nullable=False),
        sa.Column("duplicate_of", sa.String(16)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("supersedes", sa.String(16)),
        sa.Column("superseded_by", sa.String(16), index=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("path", sa.Text, nullable=False, index=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_id", "path", name="uq_sources_document_path"),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Trigram index: substring search with no word segmentation, so Chinese works as is.
        # Both columns hold fold(text): no diacritics, Simplified Chinese (see store.fulltext).
        # columnsize=0: no per-row column sizes (cheaper writes; bm25 reads them from the text).
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize='trigram', columnsize=0)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE documents_fts")
    op.drop_table("sources")
    op.drop_table("documents")
