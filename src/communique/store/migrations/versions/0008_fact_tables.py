"""Facts in a table per kind, a column per property (communique/schema/facts.yaml), in place of
one `facts` table of JSON records (issue 17).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

The tables are created from the declaration as it stands at this revision: a later change to a
fact kind copies the tables' definitions here first and makes its own migration. Stored records
that the declaration refuses stay in `facts_unconverted` (nothing is dropped unread).
"""

import json

import sqlalchemy as sa
from alembic import op

from communique.schema import FactError, to_row
from communique.store import schema

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in schema.fact_tables.values():
        table.create(bind)
    old = sa.table("facts", sa.column("pk"), sa.column("document_id"), sa.column("kind"), sa.column("record"))
    refused = 0
    batch: dict[str, list[dict]] = {}
    for row in bind.execute(sa.select(old).order_by(old.c.pk)):
        record = json.loads(row.record) if isinstance(row.record, str) else row.record
        try:
            batch.setdefault(row.kind, []).append(to_row(row.kind, record, row.document_id))
        except FactError:
            refused += 1
            continue
        if len(batch[row.kind]) >= 1000:
            bind.execute(schema.fact_tables[row.kind].insert(), batch.pop(row.kind))
    for kind, rows in batch.items():
        bind.execute(schema.fact_tables[kind].insert(), rows)
    if refused:
        op.rename_table("facts", "facts_unconverted")
    else:
        op.drop_table("facts")


def downgrade() -> None:
    from communique.schema import from_row

    bind = op.get_bind()
    op.create_table(
        "facts",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    facts = sa.table("facts", sa.column("document_id"), sa.column("kind"), sa.column("record", sa.JSON))
    for kind, table in schema.fact_tables.items():
        rows = [{"document_id": r.document_id, "kind": kind, "record": from_row(kind, r._mapping)}
                for r in bind.execute(sa.select(table).order_by(table.c.pk))]
        if rows:
            bind.execute(facts.insert(), rows)
        table.drop(bind)
