"""Group commit: documents put within `Store.batch()` share commits, each stored whole or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from communique.clean import clean
from communique.language import identify
from communique.model import Document
from communique.store import Store


def _doc(n: int) -> Document:
    text = f"Bản tin số {n}: hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư.\n"
    return identify(clean(Document(path=f"{n}.txt", raw=text)))


def _count(url: str, table: str) -> int:
    """Rows of `table` another connection sees (committed ones)."""
    watcher = Store(url, create=False)
    try:
        with watcher.engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    finally:
        watcher.close()


def _committed(url: str) -> int:
    return _count(url, "documents")


def _index_rows(url: str) -> int:
    return _count(url, "documents_search" if url.startswith("postgresql") else "documents_fts")


def test_commits_every_n_documents_and_at_the_end(db_url):
    path = db_url
    store = Store(db_url)
    seen = []
    with store.batch(documents=3, seconds=3600):
        for n in range(7):
            assert store.put(_doc(n)).status == "new"
            seen.append(_committed(path))  # what another connection sees
    assert seen == [0, 0, 3, 3, 3, 6, 6]
    assert _committed(path) == 7
    assert _index_rows(path) == 7
    assert _count(path, "sources") == 7


def test_a_failing_document_is_undone_alone(db_url, monkeypatch):
    path = db_url
    store = Store(db_url)
    insert_facts = store._insert_facts
    with store.batch(documents=100, seconds=3600):
        store.put(_doc(0))
        store.put(_doc(1))

        def broken(conn, doc):
            if doc.path == "2.txt":
                raise RuntimeError("disk on fire")
            insert_facts(conn, doc)

        with monkeypatch.context() as patch:
            patch.setattr(store, "_insert_facts", broken)
            with pytest.raises(RuntimeError):
                store.put(_doc(2))
        store.put(_doc(3))
    assert [r["path"] for r in sorted(store.document_rows(), key=lambda r: r["path"])] == ["0.txt", "1.txt", "3.txt"]
    assert _count(path, "sources") == 3
    assert _index_rows(path) == 3
    if path.startswith("sqlite"):
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_an_error_outside_put_keeps_what_was_put(db_url):
    path = db_url
    store = Store(db_url)
    with pytest.raises(KeyboardInterrupt), store.batch(documents=100, seconds=3600):
        store.put(_doc(1))
        store.put(_doc(2))
        raise KeyboardInterrupt
    assert _committed(path) == 2


def test_same_body_again_in_one_batch_is_known(db_url):
    store = Store(db_url)
    with store.batch():
        assert store.put(_doc(1)).status == "new"
        again = _doc(1)
        again.path = "copy.txt"
        assert store.put(again).status == "known"
        assert store.put(_doc(1)).status == "unchanged"
    assert store.stats()["sources"] == 2
