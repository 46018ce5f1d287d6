"""Shared fixtures: the seed documents live outside the repository, in ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SAMPLES = REPO / "samples"

# -- the backends every storage, register and end-to-end test runs on ---------------------------
# COMMUNIQUE_TEST_BACKENDS="sqlite" runs them on SQLite alone (a machine without PostgreSQL);
# CI runs both. PostgreSQL: a throw-away cluster per test process (tests/pg_cluster.py).
BACKENDS = tuple(os.environ.get("COMMUNIQUE_TEST_BACKENDS", "sqlite,postgresql").split(","))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the seed documents are expected in {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))["documents"]


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run the real `communique` command in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session", params=BACKENDS)
def seeded(request, tmp_path_factory, seeds_dir) -> str:
    """A register with the five seeds ingested once for the session, on each backend in turn."""
    db = new_register_url(request, request.param, tmp_path_factory.mktemp("db"))
    code, out, err = run_cli("ingest", str(seeds_dir), "--db", db)
    assert code == 0, err
    assert "5 new" in out
    return db





@pytest.fixture(scope="session")
def pg_cluster():
    from tests.pg_cluster import Cluster

    cluster = Cluster().init().start()
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """A migrated, empty register database: each test's database is a copy (faster than migrating)."""
    from communique.store import Store

    name = pg_cluster.new_database()
    Store(pg_cluster.url(name)).close()
    return name


def new_register_url(request: pytest.FixtureRequest, backend: str, folder: Path, migrated: bool = True) -> str:
    """The URL of a new, empty register on `backend` (a file in `folder`, or a database on the test
    cluster, dropped when the test ends; `migrated=False`: a database without the schema yet)."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'register.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.new_database(template=request.getfixturevalue("pg_template") if migrated else None)
    request.addfinalizer(lambda: cluster.drop_database(name))
    return cluster.url(name)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A new empty register on each backend in turn."""
    return new_register_url(request, request.param, tmp_path)


@pytest.fixture(params=BACKENDS)
def new_db_url(request, tmp_path) -> str:
    """Nothing yet on each backend in turn: no SQLite file, a PostgreSQL database without the schema."""
    return new_register_url(request, request.param, tmp_path, migrated=False)


@pytest.fixture()
def backend(db_url) -> str:
    return "sqlite" if db_url.startswith("sqlite") else "postgresql"
