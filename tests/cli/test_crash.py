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


def test_kill_mid_ingest_then_rerun(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(FILES):
        (corpus / f"{n:04d}.txt").write_text(ARTICLE.format(n=n, year=2000 + n % 25), encoding="utf-8")
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
