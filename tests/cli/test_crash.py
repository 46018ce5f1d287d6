"""A kill in the middle of an ingest, a relink or a migration leaves a consistent store, and a re-run
completes the work."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

from communique.schema import fact_kinds
from tests.migrating import alembic_config, downgrade

# Every stored fact of every kind (a table per kind): its document and its evidence spans.
FACTS = " UNION ALL ".join(f"SELECT document_id, evidence FROM {k.table}" for k in fact_kinds().values())
# The highest row number of any fact table (relink writes facts anew, under higher numbers).
LAST_FACT = "SELECT max(m) FROM (" + " UNION ALL ".join(
    f"SELECT max(pk) AS m FROM {k.table}" for k in fact_kinds().values()) + ")"

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
    assert one(f"SELECT count(*) FROM ({FACTS}) WHERE document_id NOT IN (SELECT id FROM documents)") == 0
    assert one("SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)") == 0
    assert one(f"SELECT count(DISTINCT document_id) FROM ({FACTS})") == files  # each article states facts
    assert one(f"SELECT count(*) FROM ({FACTS}) WHERE json_array_length(evidence) = 0") == 0


def test_kill_during_relink_then_rerun(tmp_path):
    corpus = _corpus(tmp_path, 300)
    db = tmp_path / "relink.db"
    base = [sys.executable, "-c", "from communique.cli import main; main()"]
    subprocess.run([*base, "ingest", str(corpus), "--db", str(db), "-q"], check=True, capture_output=True, timeout=300)
    con = sqlite3.connect(db)
    facts_before = con.execute(f"SELECT count(*) FROM ({FACTS})").fetchone()[0]
    mentions_before = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    last_fact = con.execute(LAST_FACT).fetchone()[0]
    con.close()
    proc = subprocess.Popen([*base, "relink", "--db", str(db), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:  # until relink has rewritten a document
        try:
            with sqlite3.connect(db, timeout=5) as watch:
                if watch.execute(LAST_FACT).fetchone()[0] > last_fact:
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
    assert con.execute(f"SELECT count(*) FROM ({FACTS})").fetchone()[0] == facts_before
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions_before
    assert con.execute(f"SELECT count(DISTINCT document_id) FROM ({FACTS})").fetchone()[0] == 300


# -- a kill during a migration -------------------------------------------------------------

# A register of this revision (before signatures, the vector cache and the word index) is brought to
# head by three migrations, the last of which fills the word index from the stored documents.
OLD_REVISION = "0003"
MIGRATION_ARTICLES = (
    "Bản tin số {n}: Việt Nam và Anh nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong năm {year}.\n"
    "Hai nhà lãnh đạo cũng trao đổi về các vấn đề khu vực và quốc tế cùng quan tâm.\n",
    "Bulletin {n}: Viet Nam and the United Kingdom agreed to deepen cooperation in trade and investment in {year}.\n"
    "The two leaders also discussed regional and international issues of common concern.\n",
    "第{n}号简报：越南和英国同意在{year}年加强经贸和投资合作。\n双方领导人还就共同关心的地区和国际问题交换了意见。\n",
)
SEARCHES = ("hợp tác", "hop tac", "investment", "invest*", "合作", "英国")


def _copy_register(source, target) -> None:
    """`source` (closed, its WAL checkpointed) over `target`, with `target`'s WAL and shared memory
    removed: a stale WAL would be replayed onto the copy."""
    import shutil

    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)


def _write_locked(con: sqlite3.Connection) -> bool:
    """Whether another connection holds the write lock (the migration's transaction is open). One
    probing connection is kept open: opening and closing one for each probe would recover and
    checkpoint the WAL each time, in the way of the migration."""
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        return True


def _contents(db) -> dict:
    """What a migration must keep: the documents, their facts and mentions, and the file's soundness."""
    con = sqlite3.connect(db)
    try:
        rows = lambda sql: sorted(con.execute(sql).fetchall())  # noqa: E731
        return {
            "integrity": con.execute("PRAGMA integrity_check").fetchall(),
            "foreign_keys": con.execute("PRAGMA foreign_key_check").fetchall(),
            "documents": rows("SELECT pk, id, sha256, path, body, version, superseded_by FROM documents"),
            "sources": rows("SELECT document_id, path FROM sources"),
            "facts": _fact_records(con),
            "mentions": rows("SELECT document_id, entity_id, spans FROM mentions"),
            "trigram_rows": rows("SELECT rowid FROM documents_fts"),
        }
    finally:
        con.close()


def _fact_records(con: sqlite3.Connection) -> list:
    """(document, kind, record as canonical JSON) of every stored fact, whichever revision stores them:
    one `facts` table of JSON records (before 0008) or a table per kind."""
    import json

    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    out = []
    if "facts" in tables:
        for document, kind, record in con.execute("SELECT document_id, kind, record FROM facts"):
            kept = {k: v for k, v in json.loads(record).items() if v is not None}
            out.append((document, kind, json.dumps(kept, sort_keys=True)))
        return sorted(out)
    for plural, kind in fact_kinds().items():
        cursor = con.execute(f"SELECT * FROM {kind.table}")
        names = [c[0] for c in cursor.description]
        for row in cursor:
            values = dict(zip(names, row, strict=True))
            record = {}
            for prop in kind.stored:
                value = values[prop.name]
                if value is not None and (prop.list or prop.type in ("span", "object")):
                    value = json.loads(value)
                elif value is not None and prop.type == "boolean":
                    value = bool(value)
                if value is not None:
                    record[prop.name] = value
            out.append((values["document_id"], plural, json.dumps(record, sort_keys=True)))
    return sorted(out)


def _schema(db) -> tuple[str | None, set[str], set[str]]:
    """(alembic version, table names, columns of `documents`)."""
    con = sqlite3.connect(db)
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in con.execute("PRAGMA table_info(documents)")}
        return version, tables, columns
    finally:
        con.close()


def _word_rows(db) -> list:
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute("SELECT rowid FROM documents_words").fetchall())
    finally:
        con.close()


def _searches(db) -> dict[str, list[str]]:
    from communique.store import Store

    store = Store(f"sqlite:///{db}", create=False)
    try:
        return {query: sorted(hit.id for hit in store.search(query, limit=1000)) for query in SEARCHES}
    finally:
        store.close()


def test_kill_during_migration_leaves_the_old_revision_or_head(tmp_path):
    """SIGKILL a command while it migrates an older register, at random points of the migration's
    transaction, several times: each time the file is sound and at the old revision or at head (the
    schema of one or the other, never a part of the migrations), no document, fact or mention lost;
    then a normal run brings it to head with everything intact and both full-text indexes in sync."""
    import random

    rng = random.Random(1515)
    files = 120
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(files):
        (corpus / f"{n:04d}.txt").write_text(MIGRATION_ARTICLES[n % 3].format(n=n, year=2000 + n % 25),
                                             encoding="utf-8")
    base = [sys.executable, "-c", "from communique.cli import main; main()"]
    current = tmp_path / "current.db"
    subprocess.run([*base, "ingest", str(corpus), "--db", str(current), "-q", "--workers", "1"],
                   check=True, capture_output=True, timeout=300)
    _, head = alembic_config()
    expected = _contents(current)
    assert expected["integrity"] == [("ok",)] and expected["foreign_keys"] == []
    assert len(expected["documents"]) == files
    assert len({fact[0] for fact in expected["facts"]}) == files and expected["mentions"]
    searches = _searches(current)
    assert all(searches.values()), searches
    head_schema = _schema(current)
    assert head_schema[0] == head != OLD_REVISION

    old = tmp_path / "old.db"
    _copy_register(current, old)
    downgrade(old, OLD_REVISION)
    old_schema = _schema(old)
    assert old_schema[0] == OLD_REVISION and "documents_words" not in old_schema[1]
    assert "signature" not in old_schema[2] and "vectors" not in old_schema[1]
    assert _contents(old) == expected

    command = [*base, "stats"]  # any command opening the register migrates it

    def start(db, probe: sqlite3.Connection) -> tuple[subprocess.Popen, bool]:
        """The command on `db`, and whether its migration was seen holding the write lock."""
        proc = subprocess.Popen([*command, "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if _write_locked(probe):
                return proc, True
            time.sleep(0.001)  # leave the command the CPU
        return proc, False

    def probing(db) -> sqlite3.Connection:
        return sqlite3.connect(db, timeout=0, isolation_level=None)

    # How long the migration's transaction lasts here, to spread the kills over it.
    calibration = tmp_path / "calibration.db"
    _copy_register(old, calibration)
    with closing(probing(calibration)) as probe:
        proc, seen = start(calibration, probe)
        began = time.monotonic()
        while proc.poll() is None and _write_locked(probe):
            time.sleep(0.001)
        window = time.monotonic() - began
    assert proc.wait(timeout=60) == 0 and seen, proc.stderr.read()
    assert _schema(calibration) == (head, head_schema[1], head_schema[2])

    work = tmp_path / "work.db"
    _copy_register(old, work)
    inside, outcomes = 0, []
    latest = 1.5 * window  # the latest kill point: lowered when a kill comes after the commit
    for _ in range(30):
        if _schema(work)[0] == head:  # the last kill came after the commit: start again from the old register
            _copy_register(old, work)
        with closing(probing(work)) as probe:
            proc, seen = start(work, probe)
            delay = rng.uniform(0, latest)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
        killed = proc.wait() == -signal.SIGKILL
        schema = _schema(work)
        assert schema in (old_schema, head_schema), (outcomes, schema)  # one revision's tables, whole
        assert _contents(work) == expected, outcomes
        if schema == head_schema:
            assert _word_rows(work) == expected["trigram_rows"]
            latest = max(delay, 0.7 * latest)  # the transaction is shorter than that on this machine now
        inside += seen and killed and schema == old_schema  # killed with the migration's transaction open
        outcomes.append((round(delay, 4), schema[0]))
        if inside >= 5 and len(outcomes) >= 8 and schema == old_schema:
            break  # the normal run below starts from the state the last kill left mid-migration
    assert inside >= 3, outcomes

    rerun = subprocess.run([*command, "--db", str(work)], capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert f"documents: {files}" in rerun.stdout
    assert _schema(work) == head_schema
    assert _contents(work) == expected
    assert _word_rows(work) == expected["trigram_rows"]  # the word index holds every document, once
    assert _searches(work) == searches


# -- the register (issue 17) --------------------------------------------------------------------

TRACKED_ARTICLE = ("---\npublished: 2025-{month:02d}-{day:02d}\n---\n"
                   "Malaysia and Thailand: talks on cooperation, report {n}\n\n"
                   "Kuala Lumpur, {day} {month_name} 2025 – Malaysia and Thailand agreed to expand cooperation on "
                   "{topic}, including {count} new projects by 2027.\n"
                   "The two sides will also hold a joint forum on {topic} in Bangkok.\n")
TOPICS = ("rubber", "halal food", "border trade", "tourism", "fisheries", "rail links", "energy", "education")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _tracked_corpus(tmp_path, files: int):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(files):
        month, day = 1 + n % 12, 1 + n % 27
        (corpus / f"{n:03d}.txt").write_text(TRACKED_ARTICLE.format(
            n=n, month=month, day=day, month_name=MONTHS[month - 1], topic=TOPICS[n % len(TOPICS)],
            count=10 + n), encoding="utf-8")
    return corpus


def _register_consistent(db) -> None:
    """Every commitment record of a current document is in the register, none twice under one id,
    no variant without its commitment, every evidence link and assessment of a commitment that exists."""
    con = sqlite3.connect(db)
    records = {r for (r,) in con.execute(
        "SELECT f.id FROM commitment_facts f JOIN documents d ON d.id = f.document_id "
        "WHERE d.superseded_by IS NULL AND d.duplicate_of IS NULL")}
    variants = con.execute("SELECT register_id, record_id FROM register_variants").fetchall()
    assert records and records == {r for _, r in variants}
    assert len(variants) == len(set(variants))
    ids = {i for (i,) in con.execute("SELECT id FROM register_commitments")}
    assert {i for i, _ in variants} <= ids
    assert {i for (i,) in con.execute("SELECT register_id FROM evidence")} <= ids
    assert {i for (i,) in con.execute("SELECT register_id FROM assessments")} <= ids
    # a state and its log line are written together
    for evidence_id, state in con.execute("SELECT id, state FROM evidence"):
        logged = [s for (s,) in con.execute("SELECT state FROM evidence_log WHERE evidence_id = ? ORDER BY pk",
                                            (evidence_id,))]
        assert logged[0] == "proposed" and logged[-1] == state
    con.close()


@pytest.mark.slow
def test_kill_while_the_register_is_updated_then_rerun(tmp_path):
    corpus = _tracked_corpus(tmp_path, 40)
    db = tmp_path / "tracked.db"
    command = [sys.executable, "-c", "from communique.cli import main; main()",
               "ingest", str(corpus), "--db", f"sqlite:///{db}", "-q"]
    rng = random.Random(17)
    for _attempt in range(3):
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(2.0, 8.0))  # reading, storing or aligning: wherever it is
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    _register_consistent(db)
    con = sqlite3.connect(db)
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert documents == 40
    assert con.execute("SELECT count(*) FROM tracked_documents").fetchone()[0] == documents
    ids = sorted(i for (i,) in con.execute("SELECT id FROM register_commitments"))
    con.close()
    # a clean run of the same corpus gives the same register
    clean = tmp_path / "clean.db"
    subprocess.run([*command[:-3], "--db", f"sqlite:///{clean}", "-q"], capture_output=True, timeout=600, check=True)
    con = sqlite3.connect(clean)
    assert sorted(i for (i,) in con.execute("SELECT id FROM register_commitments")) == ids
    con.close()


@pytest.mark.slow
def test_kill_during_an_evidence_confirmation_loses_neither_link_nor_history(tmp_path):
    from tests.track import corpus as tracking_corpus

    tracking_corpus.write(tmp_path / "corpus")
    db = tmp_path / "r.db"
    base = [sys.executable, "-c", "from communique.cli import main; main()"]
    subprocess.run([*base, "ingest", str(tmp_path / "corpus"), "--db", f"sqlite:///{db}", "-q"], check=True,
                   capture_output=True, timeout=600)
    con = sqlite3.connect(db)
    links = [i for (i,) in con.execute("SELECT id FROM evidence WHERE state = 'proposed'")]
    con.close()
    assert links
    rng = random.Random(5)
    for link in links:
        proc = subprocess.Popen([*base, "evidence", "confirm", link, "--author", "lan", "--db", f"sqlite:///{db}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    _register_consistent(db)
    con = sqlite3.connect(db)
    assert {i for (i,) in con.execute("SELECT id FROM evidence")} >= set(links)
    con.close()
