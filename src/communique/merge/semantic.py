"""Search by meaning across languages, and hybrid ranking.

Passages are the paragraphs of current documents; their vectors come from the store's cache or
are embedded on first use (only the texts that need a vector). A document's semantic score is its
best passage's cosine similarity to the query. Hybrid search fuses the full-text ranking and the
semantic ranking by reciprocal rank fusion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from communique.kb.base import KnowledgeBase
from communique.merge.embeddings import Embedder, text_key
from communique.store import Hit, Store

# Reciprocal rank fusion constant (the usual 60): how much a top rank outweighs a lower one.
RRF_K = 60
# Passages shorter than this many characters carry too little meaning to rank a document.
MIN_PASSAGE_CHARS = 20


@dataclass(frozen=True)
class Passage:
    document: str
    path: str
    title: str | None
    language: str | None
    start: int
    end: int
    text: str


def passages(store: Store, lang: str | None = None) -> list[Passage]:
    out = []
    for doc in store.iter_documents():
        if doc.duplicate_of or (lang and doc.language != lang):
            continue
        for p in doc.paragraphs:
            text = doc.body[p.start:p.end]
            if len(text) >= MIN_PASSAGE_CHARS:
                out.append(Passage(doc.id, doc.path, doc.meta.title, doc.language, p.start, p.end, text))
    return out


def vectors_for(store: Store, model: Embedder, texts: list[str]) -> tuple[np.ndarray, int]:
    """Vectors of `texts` (cached or embedded now); returns them and how many were embedded."""
    keys = [text_key(t) for t in texts]
    cached = store.cached_vectors(model.name, keys)
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        fresh = model.passages([t for _, t in missing])
        store.cache_vectors(model.name, [(k, v) for (k, _), v in zip(missing, fresh, strict=True)])
        cached.update({k: v for (k, _), v in zip(missing, fresh, strict=True)})
    return (np.vstack([cached[k] for k in keys]) if keys else np.zeros((0, 1), dtype=np.float32)), len(missing)


def semantic_search(store: Store, model: Embedder, query: str, lang: str | None = None,
                    limit: int = 10) -> list[Hit]:
    """Documents whose best passage is nearest in meaning to the query, in any language."""
    found = passages(store, lang)
    if not found:
        return []
    matrix, _ = vectors_for(store, model, [p.text for p in found])
    scores = matrix @ model.query(query)
    best: dict[str, tuple[float, Passage]] = {}
    for score, passage in zip(scores.tolist(), found, strict=True):
        if passage.document not in best or score > best[passage.document][0]:
            best[passage.document] = (score, passage)
    ranked = sorted(best.values(), key=lambda sp: -sp[0])[:limit]
    return [Hit(p.document, p.path, p.title, p.language, round(score, 4), p.text[:200].replace("\n", " "), p.start)
            for score, p in ranked]


def fuse(rankings: list[list[Hit]], limit: int = 10) -> list[Hit]:
    """Reciprocal rank fusion of several rankings of documents."""
    scores: dict[str, float] = {}
    first: dict[str, Hit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, 1):
            scores[hit.id] = scores.get(hit.id, 0.0) + 1.0 / (RRF_K + rank)
            first.setdefault(hit.id, hit)
    ranked = sorted(scores, key=lambda d: -scores[d])[:limit]
    return [Hit(d, first[d].path, first[d].title, first[d].language, round(scores[d], 5), first[d].snippet,
                first[d].start) for d in ranked]


def concept_search(store: Store, kb: KnowledgeBase, query: str, lang: str | None = None,
                   limit: int = 10) -> list[Hit]:
    """Documents that mention the KB entities the query names, in any language and script
    ("英国出口信贷" finds UK Export Finance wherever it is written), most mentions first."""
    from communique.link.linker import _matcher

    # Queries are typed in any case: try them as written and capitalised ("clean energy partnership").
    targets = {t for text in dict.fromkeys((query, query.title())) for hit in _matcher(kb).hits(text)
               for t in hit.targets if not t.startswith("role:")}
    counts: dict[str, int] = {}
    for entity_id in targets:
        for m in store.mentions(entity_id=entity_id):
            counts[m["document_id"]] = counts.get(m["document_id"], 0) + 1
    hits = []
    for doc_id in sorted(counts, key=lambda d: -counts[d])[:limit]:
        doc = store.get(doc_id)
        if doc.duplicate_of or (lang and doc.language != lang):
            continue
        hits.append(Hit(doc_id, doc.path, doc.meta.title, doc.language, float(counts[doc_id]),
                        doc.body[:200].replace("\n", " "), 0))
    return hits
