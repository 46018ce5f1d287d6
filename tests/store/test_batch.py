"""Group commit: documents put within `Store.batch()` share commits, each stored whole or not at all."""

from __future__ import annotations

import sqlite3

import pytest

from communique.clean import clean
from communique.language import identify
from communique.model import Document
from communique.store import Store


def _doc(n: int) -> Document:
    text = f"Bản tin số {n}: hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư.\n"
    return identify(clean(Document(path=f"{n}.txt", raw=text)))


def _committed(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def test_commits_every_n_documents_and_at_the_end(tmp_path):
    path = tmp_path / "b.db"
    store = Store(f"sqlite:///{path}")
    seen = []
    with store.batch(documents=3, seconds=3600):
        for n in range(7):
            assert store.put(_doc(n)).status == "new"
            seen.append(_committed(path))  # what another connection sees
    assert seen == [0, 0, 3, 3, 3, 6, 6]
    assert _committed(path) == 7
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 7
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 7


def test_a_failing_document_is_undone_alone(tmp_path, monkeypatch):
    path = tmp_path / "b.db"
    store = Store(f"sqlite:///{path}")
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
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT path FROM documents ORDER BY pk")] == ["0.txt", "1.txt", "3.txt"]
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 3
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_error_outside_put_keeps_what_was_put(tmp_path):
    path = tmp_path / "b.db"
    store = Store(f"sqlite:///{path}")
    with pytest.raises(KeyboardInterrupt), store.batch(documents=100, seconds=3600):
        store.put(_doc(1))
        store.put(_doc(2))
        raise KeyboardInterrupt
    assert _committed(path) == 2


def test_same_body_again_in_one_batch_is_known(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    with store.batch():
        assert store.put(_doc(1)).status == "new"
        again = _doc(1)
        again.path = "copy.txt"
        assert store.put(again).status == "known"
        assert store.put(_doc(1)).status == "unchanged"
    assert store.stats()["sources"] == 2
