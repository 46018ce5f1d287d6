"""The stages on a Dask cluster (`--workers N`, `--scheduler`): a worker killed mid-run loses
nothing and duplicates nothing; option errors are one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from communique.store import Store
from tests.cli.test_crash import FACTS, _corpus
from tests.cli.test_postgresql_crash import _count
from tests.conftest import run_cli

COMMAND = [sys.executable, "-c", "from communique.cli import main; main()"]
FILES = 400


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(tmp_path):
    # One backend: the engine is under test here (storing is the same code on both, tested elsewhere).
    db_url = f"sqlite:///{tmp_path / 'register.db'}"
    from dask.distributed import Client, LocalCluster

    corpus = _corpus(tmp_path, FILES)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)  # worker address -> its process id
        assert len(pids) == 2
        proc = subprocess.Popen([*COMMAND, "ingest", str(corpus), "--db", db_url, "-q",
                                 "--scheduler", cluster.scheduler_address],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 180
        while _count(db_url) < 50 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the kill should land in the middle of the run"
        os.kill(next(iter(pids.values())), signal.SIGKILL)
        out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"{FILES} new" in out, out
    store = Store(db_url, create=False)
    with store.engine.connect() as conn:
        def one(sql: str) -> int:
            return conn.execute(text(sql)).scalar()

        assert one("SELECT count(*) FROM documents") == FILES == one("SELECT count(DISTINCT sha256) FROM documents")
        assert one("SELECT count(*) FROM sources") == FILES
        assert one("SELECT count(*) FROM (SELECT document_id, entity_id FROM mentions "
                   "GROUP BY document_id, entity_id HAVING count(*) > 1) twice") == 0
        assert one(f"SELECT count(DISTINCT document_id) FROM ({FACTS}) f") == FILES  # each article states facts
        assert one("SELECT count(*) FROM tracked_documents") == FILES
    store.close()


@pytest.mark.parametrize("args, message", [
    (("--workers", "2", "--scheduler", "tcp://127.0.0.1:1"), "--workers and --scheduler: give one"),
    (("--scheduler", "127.0.0.1:8786"), "give the address of a Dask scheduler"),
])
def test_wrong_engine_options_are_one_line_errors(tmp_path, args, message):
    (tmp_path / "a.txt").write_text("Hai bên nhất trí tăng cường hợp tác.\n", encoding="utf-8")
    code, _, err = run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "r.db"), *args)
    assert code != 0 and message in err and "Traceback" not in err
