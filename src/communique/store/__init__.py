"""The `store` stage: the register on SQLite (default) or any SQLAlchemy URL."""

from communique.store.store import DEFAULT_DB, ENV_DB, Hit, Outcome, Store, resolve_url

__all__ = ["DEFAULT_DB", "ENV_DB", "Hit", "Outcome", "Store", "resolve_url"]
