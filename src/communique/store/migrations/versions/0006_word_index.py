"""A word index beside the trigram index: whole-word and prefix search in spaced scripts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from alembic import op
from sqlalchemy import text

from communique.store.fulltext import word_index_text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    # unicode61 over the folded text with Chinese, Japanese and Korean blanked out (they stay in
    # the trigram index): one token per word. The text is folded already, hence no diacritics
    # removal. Contentless: search reads the documents table, this holds the index only (and the
    # column sizes bm25 needs). No prefix indexes: `energ*` reads the range of words it starts;
    # prefix='2 3' sped up only one- and two-letter prefixes, for a third more write time and
    # twice the size (bench/RESULTS.md).
    op.execute("CREATE VIRTUAL TABLE documents_words USING fts5(title, body, content='', "
               "tokenize='unicode61 remove_diacritics 0')")
    # Fill it from the trigram index, which holds the same folded title and body.
    last = 0
    while True:
        rows = bind.execute(text("SELECT rowid, title, body FROM documents_fts WHERE rowid > :last "
                                 "ORDER BY rowid LIMIT :n"), {"last": last, "n": BATCH}).all()
        if not rows:
            break
        bind.execute(text("INSERT INTO documents_words(rowid, title, body) VALUES (:pk, :title, :body)"),
                     [{"pk": r.rowid, "title": word_index_text(r.title or ""), "body": word_index_text(r.body or "")}
                      for r in rows])
        last = rows[-1].rowid


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE documents_words")
