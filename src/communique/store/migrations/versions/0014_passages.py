"""The passages of every stored document (`schema.passages`): cut once when a document is stored,
so that search by meaning reads a row per passage instead of every document's body.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

import json

from alembic import op
from sqlalchemy import insert, text

from communique.store import schema

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BATCH = 200


def upgrade() -> None:
    bind = op.get_bind()
    schema.passages.create(bind)
    last = 0
    while True:  # documents stored before this migration
        rows = bind.execute(text("SELECT pk, body, paragraphs FROM documents WHERE pk > :last ORDER BY pk LIMIT :n"),
                            {"last": last, "n": BATCH}).all()
        if not rows:
            break
        found = []
        for row in rows:
            paragraphs = row.paragraphs if isinstance(row.paragraphs, list) else json.loads(row.paragraphs or "[]")
            found += schema.passage_rows(row.pk, row.body, [(s, e, k) for s, e, k, *_ in paragraphs])
        if found:
            bind.execute(insert(schema.passages), found)
        last = rows[-1].pk


def downgrade() -> None:
    schema.passages.drop(op.get_bind())
