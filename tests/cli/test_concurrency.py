"""Two ingests at once into one new register (SQLite, PostgreSQL), and reads while it is written
(issue 15): no crash, no "database is locked" or migration error, every document once, the file
sound."""

from __future__ import annotations

import re
import subprocess
import sys
import time

from sqlalchemy import text

from communique.store import Store

from ..conftest import SAMPLES

COMMAND = [sys.executable, "-c", "from communique.cli import main; main()"]


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_of_one_folder_into_a_new_register(new_db_url):
    db = new_db_url
    first, second = _start("ingest", str(SAMPLES), "--db", db, "-q"), _start("ingest", str(SAMPLES), "--db", db, "-q")
    results = [p.communicate(timeout=300) for p in (first, second)]
    for proc, (_out, err) in zip((first, second), results, strict=True):
        assert proc.returncode == 0, err
        assert err == "", err
    # Each document stored by one of them; the other found it stored ("unchanged", or "already stored
    # from another path" for a copy) — which one depends on how the two interleave.
    seen = []
    for out, _ in results:
        new, unchanged, known = (int(n) for n in re.findall(
            r"(\d+) new, 0 new versions, (\d+) unchanged, (\d+) already stored", out)[0])
        seen.append(new + unchanged + known)
    assert seen[0] == seen[1], results
    store = Store(db, create=False)
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).first() == ("ok",)
        documents = conn.execute(text("SELECT count(*) FROM documents")).scalar()
        assert documents == conn.execute(text("SELECT count(DISTINCT sha256) FROM documents")).scalar()
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        # Every document's facts once: no second copy of a document's rows from the other ingest.
        assert conn.execute(text("SELECT count(*) FROM (SELECT document_id, entity_id FROM mentions "
                                 "GROUP BY document_id, entity_id HAVING count(*) > 1) twice")).scalar() == 0
    store.close()
    total_new = sum(int(out.split(" new,")[0].rsplit(" ", 1)[1]) for out, _ in results)
    assert total_new == documents


def test_reads_while_an_ingest_writes(tmp_path):
    db = str(tmp_path / "r.db")
    writer = _start("ingest", str(SAMPLES), "--db", db, "-q")
    failures = []
    deadline = time.monotonic() + 300
    while writer.poll() is None and time.monotonic() < deadline:
        for args in (["stats"], ["search", "hop tac", "--format", "json"]):
            reader = subprocess.run([*COMMAND, *args, "--db", db], capture_output=True, text=True, timeout=120)
            # Before the writer's first commit, "no register" (no file yet, or a file without the
            # schema yet) is the right answer; anything else is a failure.
            if reader.returncode != 0 and not ("no register" in reader.stderr
                                               or "holds no Communiqué register" in reader.stderr):
                failures.append((args, reader.stderr))
    assert writer.wait(timeout=300) == 0
    assert failures == []
