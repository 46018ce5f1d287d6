"""A kill in the middle of an ingest leaves a consistent store, and a re-run completes the batch."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

ARTICLE = ("Bản tin số {n}: hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư, "
           "đồng thời thúc đẩy giao lưu nhân dân trong năm {year}.\n"
           "Hai nhà lãnh đạo cũng trao đổi về các vấn đề khu vực và quốc tế cùng quan tâm.\n")
FILES = 400


def _count(db: str) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def _corpus(tmp_path, files: int):
    """A folder of `files` short articles, each a document of its own."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(files):
        (corpus / f"{n:04d}.txt").write_text(ARTICLE.format(n=n, year=2000 + n % 25), encoding="utf-8")
    return corpus


def test_kill_mid_ingest_then_rerun(tmp_path):
    corpus = _corpus(tmp_path, FILES)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-c", "from communique.cli import main; main()",
               "ingest", str(corpus), "--db", f"sqlite:///{db}", "--workers", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(str(db)) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _count(str(db))
    assert 0 < stored < FILES, "the kill should land in the middle of the batch"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{FILES - stored} new" in rerun.stdout and f"{stored} unchanged" in rerun.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == FILES
    assert con.execute("SELECT count(DISTINCT sha256) FROM documents").fetchone()[0] == FILES
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == FILES
    assert con.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == FILES
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_repeated_kills_lose_nothing_and_duplicate_nothing(tmp_path):
    """SIGKILL at random points, several times over one batch, then a re-run: the file is sound, the
    full-text indexes hold each document once, every fact and mention belongs to a stored document."""
    import random

    rng = random.Random(15)
    files = 500
    corpus = _corpus(tmp_path, files)
    db = tmp_path / "kills.db"
    command = [sys.executable, "-c", "from communique.cli import main; main()",
               "ingest", str(corpus), "--db", f"sqlite:///{db}", "--workers", "1", "-q"]
    counts = []
    for _ in range(6):
        if counts and counts[-1] == files:
            break
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        start = _count(str(db))
        deadline = time.monotonic() + 120
        while _count(str(db)) <= start and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.5))  # somewhere in the middle of a batch of writes
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        counts.append(_count(str(db)))
    assert counts == sorted(counts) and sum(0 < c < files for c in counts) >= 2, counts
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    con = sqlite3.connect(db)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert one("PRAGMA integrity_check") == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert one("SELECT count(*) FROM documents") == files == one("SELECT count(DISTINCT sha256) FROM documents")
    assert one("SELECT count(*) FROM sources") == files
    assert one("SELECT count(*) FROM documents_fts") == files
    assert one("SELECT count(*) FROM documents_fts WHERE rowid NOT IN (SELECT pk FROM documents)") == 0
    assert one("SELECT count(*) FROM facts WHERE document_id NOT IN (SELECT id FROM documents)") == 0
    assert one("SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)") == 0
    assert one("SELECT count(DISTINCT document_id) FROM facts") == files  # each article states facts
    assert one("SELECT count(*) FROM facts WHERE json_array_length(record, '$.evidence') = 0") == 0


def test_kill_during_relink_then_rerun(tmp_path):
    corpus = _corpus(tmp_path, 300)
    db = tmp_path / "relink.db"
    base = [sys.executable, "-c", "from communique.cli import main; main()"]
    subprocess.run([*base, "ingest", str(corpus), "--db", str(db), "-q"], check=True, capture_output=True, timeout=300)
    con = sqlite3.connect(db)
    facts_before = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    mentions_before = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    last_fact = con.execute("SELECT max(pk) FROM facts").fetchone()[0]
    con.close()
    proc = subprocess.Popen([*base, "relink", "--db", str(db), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:  # until relink has rewritten a document
        try:
            with sqlite3.connect(db, timeout=5) as watch:
                if watch.execute("SELECT max(pk) FROM facts").fetchone()[0] > last_fact:
                    break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the kill should land before relink ends"
    rerun = subprocess.run([*base, "relink", "--db", str(db), "-q"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == facts_before
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions_before
    assert con.execute("SELECT count(DISTINCT document_id) FROM facts").fetchone()[0] == 300
