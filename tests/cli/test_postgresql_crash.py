"""The PostgreSQL server stopped abruptly (immediate shutdown: no checkpoint, as a crash) in the
middle of an ingest: the ingest ends with a one-line error; once the server is back, a re-run
stores every document once, every fact with its evidence, and the register takes them all in."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from communique.schema import fact_kinds
from communique.store import Store
from tests.cli.test_crash import _corpus
from tests.conftest import BACKENDS
from tests.pg_cluster import Cluster, wait_until_accepting

FILES = 300
FACTS = " UNION ALL ".join(f"SELECT document_id, evidence FROM {k.table}" for k in fact_kinds().values())
COMMAND = [sys.executable, "-c", "from communique.cli import main; main()"]


def _count(url: str) -> int:
    try:
        store = Store(url, create=False)
    except Exception:  # the schema is not there yet, or the server is down
        return 0
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar()
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL is not among the test backends")
def test_immediate_shutdown_mid_ingest_then_rerun(tmp_path):
    corpus = _corpus(tmp_path, FILES)
    cluster = Cluster().init().start()  # its own server: this test stops it
    try:
        url = cluster.url(cluster.new_database())
        command = [*COMMAND, "ingest", str(corpus), "--db", url, "--workers", "1", "-q"]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while _count(url) < 20 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        cluster.stop("immediate")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode != 0, "the server should stop in the middle of the ingest"
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        print("the ingest said:", err.strip())
        cluster.start()
        wait_until_accepting(cluster)
        stored = _count(url)
        assert 0 < stored < FILES

        rerun = subprocess.run(command[:-1], capture_output=True, text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr
        assert f"{FILES - stored} new" in rerun.stdout and f"{stored} unchanged" in rerun.stdout
        store = Store(url, create=False)
        with store.engine.connect() as conn:
            def one(sql: str) -> int:
                return conn.execute(text(sql)).scalar()

            assert one("SELECT count(*) FROM documents") == FILES == one("SELECT count(DISTINCT sha256) FROM documents")
            assert one("SELECT count(*) FROM sources") == FILES
            assert one("SELECT count(*) FROM documents_search") == FILES
            assert one(f"SELECT count(DISTINCT document_id) FROM ({FACTS}) f") == FILES
            assert one(f"SELECT count(*) FROM ({FACTS}) f WHERE json_array_length(evidence) = 0") == 0
            assert one("SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)") == 0
            assert one("SELECT count(*) FROM tracked_documents") == FILES
        store.close()
    finally:
        cluster.remove()
