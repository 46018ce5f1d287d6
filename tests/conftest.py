"""Shared fixtures: the seed documents live outside the repository, in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SAMPLES = REPO / "samples"


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


@pytest.fixture(scope="session")
def seeded(tmp_path_factory, seeds_dir) -> str:
    """A SQLite register with the five seeds ingested once for the session."""
    db = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "seeds.db")
    code, out, err = run_cli("ingest", str(seeds_dir), "--db", db)
    assert code == 0, err
    assert "5 new" in out
    return db
