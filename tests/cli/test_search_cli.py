"""`communique search` end to end on documents written for these tests: words, prefixes, operators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import run_cli as run

DOCS = {
    "korea.txt": "Korea and Vietnam\nPresident Yoon Suk Yeol welcomed the partner delegation to Seoul.\n",
    "energy.txt": "UK support for clean energy\nThe UK will fund clean energy projects and new energies.\n",
    "peace.txt": "Hợp tác vì hòa bình\nHai bên nhất trí hợp tác vì hòa bình và phát triển bền vững.\n",
    "china.txt": "中英全面战略伙伴关系\n双方同意加强清洁能源合作。\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("search-cli")
    for name, text in DOCS.items():
        (root / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{root / 'r.db'}"
    code, _, err = run("ingest", str(root), "--db", url)
    assert code == 0, err
    return url


def _found(db: str, *query: str) -> set[str]:
    code, out, err = run("search", *query, "--db", db, "--format", "json")
    assert code == 0, err
    return {Path(h["path"]).name for h in json.loads(out)}


def test_search_words_prefixes_and_operators(db):
    assert _found(db, "UK") == {"energy.txt"}
    assert _found(db, "energ*") == {"energy.txt"}
    assert _found(db, "clean OR Korea") == {"energy.txt", "korea.txt"}
    assert _found(db, "clean -UK") == set()
    assert _found(db, "hoà bình") == {"peace.txt"}
    assert _found(db, "伙伴关系 OR Seoul") == {"china.txt", "korea.txt"}


def test_search_with_only_exclusions_is_a_one_line_error(db):
    for query in (("NOT UK",), ("--", "-UK")):  # "--": a query that starts with "-" is not an option
        code, _, err = run("search", "--db", db, *query)
        assert code != 0
        assert "only terms to exclude" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
