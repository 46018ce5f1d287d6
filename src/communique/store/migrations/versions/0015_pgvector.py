"""On PostgreSQL with the pgvector extension available: cached vectors also as `vector` values
(`vectors.embedding`), so that search by meaning asks the server for the nearest passages through
an HNSW index (one per model, made when its first vectors are cached: `Store.cache_vectors`).
Without the extension (not installed, or the user may not create it), and on SQLite, vectors stay
bytes and the search ranks them in memory.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from communique.store import pg_vectors

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).first() is None:
        return
    savepoint = bind.begin_nested()
    try:  # a user who may not create extensions gets the register without (an admin can add it)
        bind.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
    except DBAPIError:
        savepoint.rollback()
        return
    savepoint.commit()
    op.execute("ALTER TABLE vectors ADD COLUMN embedding vector")
    # vectors cached before: their bytes as values (float32, as numpy wrote them)
    rows = bind.execute(text("SELECT text_sha, model, vector FROM vectors")).all()
    if rows:
        import numpy as np

        bind.execute(text("UPDATE vectors SET embedding = CAST(:e AS vector) WHERE text_sha = :k AND model = :m"),
                     [{"e": pg_vectors.literal(np.frombuffer(r.vector, dtype=np.float32)), "k": r.text_sha,
                       "m": r.model} for r in rows])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE vectors DROP COLUMN IF EXISTS embedding")
