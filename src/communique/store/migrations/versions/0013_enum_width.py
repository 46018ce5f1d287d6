"""Fact columns of enumerated values (a partnership level, an event type, a pillar...) widen from
40 to 200 characters: the KB's level ids reach 45 ("all_weather_strategic_cooperative_partnership")
and PostgreSQL, unlike SQLite, enforces the declared length. SQLite is left as it is.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from communique.schema import fact_kinds

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

WIDTH = 200  # store/schema.py's width of enum columns


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for kind in fact_kinds().values():
        for prop in kind.stored:
            if prop.type == "enum" and not prop.list:
                op.alter_column(kind.table, prop.name, type_=sa.String(WIDTH), existing_type=sa.String(40))


def downgrade() -> None:
    pass  # narrowing could cut stored values
