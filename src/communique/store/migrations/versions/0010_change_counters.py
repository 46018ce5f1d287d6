"""Change counters: a number per part of the store (its documents and facts; its register) that
triggers raise on every row written there, so that views kept in memory (Store.memo) know which
writes concern them: an analyst's assessment does not make the server group every event again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from alembic import op

from communique.store import schema

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Which tables each counter follows (as they stand at this revision).
SCOPES = {
    "documents": ("documents", "sources", "mentions", "found_entities", "partnership_facts", "event_facts",
                  "commitment_facts", "target_facts"),
    "register": ("register_commitments", "register_variants", "register_aliases", "evidence", "evidence_log",
                 "assessments", "tracked_documents"),
}


def upgrade() -> None:
    bind = op.get_bind()
    schema.metadata.tables["store_versions"].create(bind)
    for scope in SCOPES:
        op.execute(f"INSERT INTO store_versions (scope, version) VALUES ('{scope}', 0)")
    if bind.dialect.name != "sqlite":
        return  # elsewhere Store.memo keeps nothing (yet)
    for scope, tables in SCOPES.items():
        for table in tables:
            for action in ("INSERT", "UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER count_{table}_{action.lower()} AFTER {action} ON {table} "
                           f"BEGIN UPDATE store_versions SET version = version + 1 WHERE scope = '{scope}'; END")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for tables in SCOPES.values():
            for table in tables:
                for action in ("insert", "update", "delete"):
                    op.execute(f"DROP TRIGGER IF EXISTS count_{table}_{action}")
    schema.metadata.tables["store_versions"].drop(bind)
