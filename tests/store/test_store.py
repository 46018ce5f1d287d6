"""The store through the library API, on real SQLite files and PostgreSQL databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import communique.store
from communique import api
from communique.clean import clean
from communique.language import identify
from communique.model import Document
from communique.store import Store, resolve_url


def _doc(text: str, path: str = "a.txt") -> Document:
    return identify(clean(Document(path=path, raw=text)))


def test_resolve_url(monkeypatch):
    monkeypatch.delenv("COMMUNIQUE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///communique.db"
    assert resolve_url("x/y.db") == "sqlite:///x/y.db"
    monkeypatch.setenv("COMMUNIQUE_DB", "sqlite:////tmp/env.db")
    assert resolve_url(None) == "sqlite:////tmp/env.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_sqlite_file_is_wal_and_migrated(tmp_path):
    path = tmp_path / "r.db"
    store = Store(f"sqlite:///{path}")
    store.put(_doc("Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư.\n"))
    store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    migrations = Path(communique.store.__file__).parent / "migrations" / "versions"
    newest = max(p.name.split("_")[0] for p in migrations.glob("0*.py"))
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == newest
    # Opening again runs no migration twice and keeps the data.
    assert Store(f"sqlite:///{path}").stats()["documents"] == 1


def test_roundtrip_keeps_offsets_and_metadata(db_url):
    raw = ("Thời sự\nViệt Nam và Australia nâng cấp quan hệ\nThứ Năm, 07/03/2024 - 15:20\n"
           "Chiều 7/3, hai Thủ tướng đã hội đàm tại Canberra, nhất trí nâng cấp quan hệ.\nMinh Anh\n")
    doc = _doc(raw)
    store = Store(db_url)
    assert store.put(doc).status == "new"
    back = store.get(doc.id[:6])
    assert back.body == doc.body and back.sha256 == doc.sha256
    assert back.meta.published.iso() == "2024-03-07" and back.meta.author == "Minh Anh"
    assert [(s.start, s.end, s.kind) for s in back.removed] == [(s.start, s.end, s.kind) for s in doc.removed]
    assert back.paragraphs == doc.paragraphs


def test_search_ranks_title_and_phrase_higher(db_url):
    store = Store(db_url)
    store.put(_doc("Hai bên bàn về năng lượng sạch và hợp tác giáo dục trong năm tới.\n", "one.txt"))
    store.put(_doc("Đối tác năng lượng sạch Việt Nam - Anh\nHai bên ra mắt Đối tác năng lượng sạch.\n", "two.txt"))
    store.put(_doc("Hai bên bàn về năng lượng tái tạo, sạch sẽ và hợp tác giáo dục.\n", "three.txt"))
    hits = api.search("nang luong sach", db=store)
    assert [h.path for h in hits][:2] == ["two.txt", "one.txt"]
    assert "**năng lượng sạch**" in hits[0].snippet.replace("** **", " ")


def test_search_finds_decomposed_input(db_url):
    import unicodedata
    store = Store(db_url)
    text = unicodedata.normalize("NFD", "Hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.\n")
    from communique.text.normalize import normalize
    store.put(_doc(normalize(text)))
    assert len(api.search(unicodedata.normalize("NFD", "hợp tác quốc phòng"), db=store)) == 1


def test_every_kb_level_and_pillar_fits_its_fact_column():
    # PostgreSQL enforces declared widths (SQLite does not): a level id longer than its column
    # failed the whole document there.
    from communique.kb.base import load_kb
    from communique.store.schema import fact_tables

    kb = load_kb()
    assert max(map(len, kb.levels)) <= fact_tables["partnerships"].c.level.type.length
    assert max(map(len, kb.pillars)) <= fact_tables["commitments"].c.pillar.type.length
