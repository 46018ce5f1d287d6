"""The same corpus ingested into SQLite by one process and into PostgreSQL by a 2-worker Dask
cluster gives the same export: the same documents, facts, groups and register ids (only the clock times of assessments, and so their ids, differ)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import BACKENDS, new_register_url, run_cli
from tests.track import corpus

# When an assessment was written, and its id (a hash of that time): they differ from run to run.
CLOCK = re.compile(r'(?<="at": )"\d{4}-\d\d-\d\dT[^"]*"|"a-[0-9a-f]{20}"')


@pytest.mark.skipif(set(BACKENDS) != {"sqlite", "postgresql"}, reason="compares the two backends")
def test_sqlite_and_postgresql_give_the_same_export(request, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    corpus.write(folder, tuple(corpus.FILES) + tuple(corpus.HISTORY_FILES))
    exports = {}
    # SQLite in this process; PostgreSQL with the stages on a 2-worker Dask LocalCluster.
    for backend, workers in (("sqlite", "1"), ("postgresql", "2")):
        db = new_register_url(request, backend, tmp_path)
        code, _, err = run_cli("ingest", str(folder), "--db", db, "-q", "--workers", workers)
        assert code == 0, err
        out = tmp_path / f"{backend}.json"
        code, _, err = run_cli("export", "--db", db, "--out", str(out))
        assert code == 0, err
        exports[backend] = json.loads(CLOCK.sub('"-"', out.read_text(encoding="utf-8")))
    sqlite, postgresql = exports["sqlite"], exports["postgresql"]
    assert len(sqlite["documents"]) >= 6 and len({d["language"] for d in sqlite["documents"]}) >= 2
    assert len(sqlite["register"]) >= 4 and sqlite["events"]
    for part in sqlite:
        assert postgresql[part] == sqlite[part], part
