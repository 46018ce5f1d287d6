"""The "documents" change counter is raised once per document written, not once per mention and
fact row: triggers stay on the documents and sources tables, and `Store.replace_mentions` and
`Store.replace_facts` (which change those rows of a stored document alone) raise it themselves.
A trigger per mention and fact row cost ingest about a sixth of its time.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PER_ROW_TABLES = ("mentions", "found_entities", "partnership_facts", "event_facts", "commitment_facts",
                  "target_facts")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in PER_ROW_TABLES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS count_{table}_{action}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in PER_ROW_TABLES:
        for action in ("INSERT", "UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER count_{table}_{action.lower()} AFTER {action} ON {table} "
                       "BEGIN UPDATE store_versions SET version = version + 1 WHERE scope = 'documents'; END")
