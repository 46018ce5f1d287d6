"""Alembic on a plain connection (none of the store's code): to make a register of an older
revision, as a user upgrading would have it, for migration tests."""

from __future__ import annotations

from importlib import resources
from typing import Any


def alembic_config() -> tuple[Any, str]:
    """Alembic's config for the store's migrations, and their head revision."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("communique.store") / "migrations"))
    return config, ScriptDirectory.from_config(config).get_current_head()


def downgrade(db: Any, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    config, _ = alembic_config()
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()  # the last connection checkpoints the WAL into the file
