"""Full-text search: whole words, prefixes, OR and NOT, phrases, scripts, diacritics, tone placement."""

from __future__ import annotations

import sqlite3

import pytest

from communique.clean import clean
from communique.errors import CommuniqueError
from communique.language import identify
from communique.model import Document
from communique.store import Store
from communique.store.fulltext import parse_query
from tests.conftest import BACKENDS, new_register_url
from tests.migrating import downgrade

DOCS = {
    "korea.txt": "Korea and Vietnam\nPresident Yoon Suk Yeol welcomed the partner delegation to Seoul.\n",
    "energy.txt": "UK support for clean energy\nThe UK will fund clean energy projects and research on new "
                  "energies for the two sides.\n",
    "art.txt": "Art and culture\nThe two sides agreed on an art exhibition and a film week.\n",
    "peace.txt": "Hợp tác vì hòa bình\nHai bên nhất trí hợp tác vì hòa bình và phát triển bền vững, thủy lợi.\n",
    "culture.txt": "Giao lưu văn hoá\nHai bên thúc đẩy giao lưu văn hoá và chăm sóc sức khoẻ cho người dân.\n",
    "meeting.txt": "Cuộc họp tác động\nCuộc họp bàn về tác động của biến đổi khí hậu tới người dân.\n",
    "china.txt": "中英全面战略伙伴关系\n双方同意加强清洁能源合作，欢迎英国加入CPTPP。\n",
}


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory) -> Store:
    store = Store(new_register_url(request, request.param, tmp_path_factory.mktemp("search")))
    for path, text in DOCS.items():
        store.put(identify(clean(Document(path=path, raw=text))))
    return store


def _paths(store: Store, query: str) -> set[str]:
    return {h.path for h in store.search(query)}


def test_latin_terms_match_whole_words_only(store):
    assert _paths(store, "UK") == {"energy.txt"}  # not "Suk"
    assert _paths(store, "art") == {"art.txt"}  # not "partner"
    assert _paths(store, "energ") == set()
    assert "**UK**" in store.search("UK")[0].snippet


def test_trailing_star_is_a_prefix(store):
    hits = store.search("energ*")
    assert {h.path for h in hits} == {"energy.txt"}
    assert "**energy**" in hits[0].snippet and "**energies**" in hits[0].snippet
    assert _paths(store, '"clean ener"*') == {"energy.txt"}


def test_or_needs_either_term(store):
    assert _paths(store, "clean OR art") == {"energy.txt", "art.txt"}
    assert _paths(store, "clean OR energy") == {"energy.txt"}  # not "Korea" (k-or-ea)
    # OR binds its neighbours; the other terms are still all needed.
    assert _paths(store, "sides clean OR film") == {"energy.txt", "art.txt"}
    assert _paths(store, "exhibition clean OR film") == {"art.txt"}
    assert _paths(store, "clean or energy") == set()  # lower-case "or" is a word to find
    # Across the scripts: a word index for Latin, characters for Chinese.
    assert _paths(store, "UK OR 英国") == {"energy.txt", "china.txt"}
    assert _paths(store, "energy OR 能源") == {"energy.txt", "china.txt"}


def test_not_and_minus_exclude(store):
    assert _paths(store, "sides") == {"energy.txt", "art.txt"}
    assert _paths(store, "sides NOT art") == {"energy.txt"}
    assert _paths(store, "sides -art") == {"energy.txt"}
    assert _paths(store, 'sides -"clean energy"') == {"art.txt"}
    assert _paths(store, "hop -hợp") == {"meeting.txt"}  # excluded with diacritics: "họp" stays
    with pytest.raises(CommuniqueError, match="only terms to exclude"):
        store.search("NOT art")


def test_quoted_phrase_keeps_its_words_together(store):
    assert _paths(store, '"clean energy"') == {"energy.txt"}
    assert _paths(store, '"energy clean"') == set()
    assert _paths(store, '"hop tac"') == {"peace.txt", "meeting.txt"}
    assert _paths(store, '"hợp tác"') == {"peace.txt"}


def test_chinese_matches_by_characters_in_either_script(store):
    assert _paths(store, "伙伴关系") == {"china.txt"}  # inside 全面战略伙伴关系, no segmentation
    assert _paths(store, "夥伴關係") == {"china.txt"}
    assert _paths(store, "能源") == {"china.txt"}  # two characters: below the trigram
    assert _paths(store, "CPTPP") == {"china.txt"}  # a Latin word written against Chinese characters


def test_diacritics_typed_or_not(store):
    assert _paths(store, "hop tac") == {"peace.txt", "meeting.txt"}
    assert _paths(store, "hợp tác") == {"peace.txt"}
    assert _paths(store, "họp") == {"meeting.txt"}
    assert _paths(store, "hớp tạc") == set()


def test_tone_placement_either_style(store):
    # peace.txt is written in the old style (hòa, thủy), culture.txt in the new (hoá, khoẻ).
    assert _paths(store, "hoà bình") == {"peace.txt"}
    assert _paths(store, "hòa bình") == {"peace.txt"}
    assert _paths(store, "thuỷ") == {"peace.txt"}
    assert _paths(store, "văn hóa") == {"culture.txt"}
    assert _paths(store, "khỏe") == {"culture.txt"}
    hit = store.search("văn hóa")[0]
    assert "**văn hoá**" in hit.snippet  # the text as written


def test_ranking_title_and_phrase(store):
    hits = store.search("clean energy")
    assert hits[0].path == "energy.txt" and hits[0].score > 0
    assert "**clean energy**" in hits[0].snippet


def test_query_parsing():
    query = parse_query('clean OR green "energy transition" -coal NOT gas energ*')
    assert [[t.text for t in g] for g in query.groups] == [["clean", "green"], ["energy transition"], ["energ"]]
    assert [t.text for t in query.excluded] == ["coal", "gas"]
    assert query.groups[2][0].prefix
    assert parse_query("OR clean OR").groups[0][0].text == "clean"


def test_migration_fills_the_word_index_of_an_existing_store(tmp_path):
    path = tmp_path / "old.db"
    store = Store(f"sqlite:///{path}")
    store.put(identify(clean(Document(path="energy.txt", raw=DOCS["energy.txt"]))))
    store.close()
    downgrade(path, "0005")  # as a store made before the word index was
    assert "documents_words" not in {n for (n,) in sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert _paths(Store(f"sqlite:///{path}"), "UK") == {"energy.txt"}
