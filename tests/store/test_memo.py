"""Views kept by `Store.memo` until the store changes: a commit by any connection, of this
process or another, is seen at the next read; threads that ask together compute once."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from communique.clean import clean
from communique.language import identify
from communique.model import Document
from communique.store import Store
from communique.store.store import Snapshot


def _doc(text: str, path: str) -> Document:
    return identify(clean(Document(path=path, raw=text)))


def _count(store: Store, calls: list[int]) -> int:
    calls.append(1)
    return store.stats()["documents"]


def test_a_kept_view_is_computed_again_after_a_commit(db_url):
    store = Store(db_url)
    calls: list[int] = []
    assert store.memo("count", lambda: _count(store, calls)) == 0
    assert store.memo("count", lambda: _count(store, calls)) == 0
    assert len(calls) == 1  # kept
    store.put(_doc("Vietnam and Chile signed a trade deal.", "a.txt"))
    assert store.memo("count", lambda: _count(store, calls)) == 1
    assert len(calls) == 2


def test_a_commit_by_another_process_is_seen(db_url):
    url = db_url
    store = Store(url)
    calls: list[int] = []
    assert store.memo("count", lambda: _count(store, calls)) == 0
    script = ("import sys; from communique.store import Store; from communique.model import Document\n"
              "from communique.clean import clean\n"
              "Store(sys.argv[1]).put(clean(Document(path='b.txt', raw='Peru and Laos opened embassies.')))")
    subprocess.run([sys.executable, "-c", script, url], check=True)
    assert store.memo("count", lambda: _count(store, calls)) == 1


def test_threads_asking_together_wait_for_one_computation(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.3)
        return 7

    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(store.memo("slow", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [7] * 8 and len(calls) == 1


def test_an_in_memory_store_keeps_nothing():
    store = Store("sqlite://")
    calls: list[int] = []
    store.memo("count", lambda: _count(store, calls))
    store.memo("count", lambda: _count(store, calls))
    assert store.version() is None and len(calls) == 2


def test_the_oldest_views_go_first(tmp_path, monkeypatch):
    import communique.store.store as module

    monkeypatch.setattr(module, "MEMO_ENTRIES", 2)
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    calls: list[str] = []
    for name in ("a", "b", "a", "c", "a", "b"):
        store.memo(name, lambda name=name: calls.append(name))
    assert calls == ["a", "b", "c", "b"]  # "a" was used last before "c" came, so "b" went


def test_a_register_write_keeps_the_views_of_the_documents(tmp_path):
    from datetime import UTC, datetime

    from communique.store.schema import tokens, tracked_documents

    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.put(_doc("Vietnam and Chile signed a trade deal.", "a.txt"))
    calls: list[str] = []

    def views() -> None:
        store.memo("documents only", lambda: calls.append("documents"), scopes=("documents",))
        store.memo("everything", lambda: calls.append("everything"))

    views()
    with store.writing() as conn:  # the register changes: what depends on it is computed again
        conn.execute(tracked_documents.insert().values(document_id="x", at=datetime.now(UTC)))
    views()
    assert calls == ["documents", "everything", "everything"]
    with store.writing() as conn:  # neither part: a token
        conn.execute(tokens.insert().values(id="t1", name="n", scope="read", secret_sha256="0" * 64,
                                            created_at=datetime.now(UTC)))
    views()
    assert calls == ["documents", "everything", "everything"]
    store.put(_doc("Peru and Laos opened embassies.", "b.txt"))  # the documents: both again
    views()
    assert calls == ["documents", "everything", "everything", "documents", "everything"]


def test_a_reader_may_be_answered_with_the_last_value_while_another_computes_the_next(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.memo("page", lambda: "first", stale_seconds=10)
    store.put(_doc("Vietnam and Chile signed a trade deal.", "a.txt"))  # the value kept is now old
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return "second"

    worker = threading.Thread(target=lambda: store.memo("page", slow, stale_seconds=10))
    worker.start()
    started.wait(5)
    assert store.memo("page", lambda: "never", stale_seconds=10) == "first"  # does not wait
    release.set()
    worker.join()
    assert store.memo("page", lambda: "never", stale_seconds=10) == "second"
    store.put(_doc("Peru and Laos opened embassies.", "b.txt"))
    assert store.memo("page", lambda: "third") == "third"  # without stale_seconds: always current


def test_facts_or_mentions_replaced_alone_are_a_change_of_the_documents(tmp_path):
    # Their rows carry no trigger (migration 0011): replace_facts and replace_mentions count themselves.
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    doc = _doc("Vietnam and Chile signed a trade deal.", "a.txt")
    store.put(doc)
    calls: list[int] = []
    for replace in (store.replace_facts, store.replace_mentions):
        store.memo("facts", lambda: calls.append(1), scopes=("documents",))
        before = len(calls)
        replace(doc)
        store.memo("facts", lambda: calls.append(1), scopes=("documents",))
        assert len(calls) == before + 1, replace.__name__


def test_a_postgresql_snapshot_is_as_new_as_another_when_it_sees_all_it_sees():
    older = Snapshot.parse("100:105:100,102")  # 100 and 102 running, 101, 103, 104 completed
    assert Snapshot.parse("100:105:100,102") >= older
    assert Snapshot.parse("102:106:102") >= older  # 100 completed since, 105 too
    assert not older >= Snapshot.parse("102:106:102")
    assert not Snapshot.parse("100:106:100,101,102") >= older  # 101 is seen by older, not by this one
