"""Search by meaning across languages, and hybrid ranking.

Passages are the paragraphs of current documents; their vectors come from the store's cache or
are embedded on first use (only the texts that need a vector). A document's semantic score is its
best passage's cosine similarity to the query. Hybrid search fuses the full-text ranking and the
semantic ranking by reciprocal rank fusion.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from communique import progress
from communique.kb.base import KnowledgeBase
from communique.merge.embeddings import Embedder, text_key
from communique.store import Hit, Store
from communique.text.sentences import sentence_spans

# Texts embedded (and cached) at a time when vectors are missing.
EMBED_STEP = 64
# Reciprocal rank fusion constant (the usual 60): how much a top rank outweighs a lower one.
RRF_K = 60
_NUMBERS = re.compile(r"\d{2,}")
# Passages shorter than this many characters carry too little meaning to rank a document.
MIN_PASSAGE_CHARS = 20
# A long paragraph is embedded in pieces of whole sentences up to this many characters (Chinese,
# denser, half as many): the model reads at most 512 tokens, and a page-long paragraph (PDFs) would
# be cut. (Smaller pieces ranked worse on tests/data/retrieval.yaml: 0.73 MRR at 360 against 0.80.)
CHUNK_CHARS = 600


@dataclass(frozen=True)
class Passage:
    document: str
    path: str
    title: str | None
    language: str | None
    start: int
    end: int
    text: str
    paragraph: int = 0  # start of the paragraph this piece belongs to


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Spans of whole sentences of `text`, each up to `limit` characters (half for dense scripts)
    unless one sentence is longer."""
    if sum(1 for ch in text[:200] if "\u3400" <= ch <= "\u9fff") > 50:
        limit //= 2
    if len(text) <= limit:
        return [(0, len(text))]
    # A piece ends where the next sentence starts (the spaces between go with the piece before).
    ends = [start for start, _ in sentence_spans(text) if start > 0] + [len(text)]
    spans, start, last = [], 0, 0
    for end in ends:
        if end - start > limit and last > start:
            spans.append((start, last))
            start = last
        last = end
    if spans and len(text) - start < MIN_PASSAGE_CHARS:
        spans[-1] = (spans[-1][0], len(text))  # a short last sentence goes with the piece before it
    else:
        spans.append((start, len(text)))
    return spans


def passages(store: Store, lang: str | None = None, skip: tuple[str, ...] = ()) -> list[Passage]:
    """The paragraphs of current documents that are not duplicates, long ones in pieces (`chunks`),
    but those of the kinds in `skip` (e.g. title, caption)."""
    out = []
    for doc in store.iter_documents():
        if doc.duplicate_of or (lang and doc.language != lang):
            continue
        for p in doc.paragraphs:
            text = doc.body[p.start:p.end]
            if len(text) < MIN_PASSAGE_CHARS or p.kind in skip:
                continue
            for a, b in chunks(text):
                out.append(Passage(doc.id, doc.path, doc.meta.title, doc.language, p.start + a, p.start + b,
                                   text[a:b], p.start))
    return out


def vectors_for(store: Store, model: Embedder, texts: list[str]) -> tuple[np.ndarray, int]:
    """Vectors of `texts` (cached or embedded now); returns them and how many were embedded."""
    keys = [text_key(t) for t in texts]
    cached = store.cached_vectors(model.name, keys)
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        # In steps, each cached at once: the progress shows, and an interrupted run keeps its vectors.
        with progress.task("embedding", len(missing)) as bar:
            for i in range(0, len(missing), EMBED_STEP):
                step = missing[i:i + EMBED_STEP]
                fresh = model.passages([t for _, t in step])
                store.cache_vectors(model.name, [(k, v) for (k, _), v in zip(step, fresh, strict=True)])
                cached.update({k: v for (k, _), v in zip(step, fresh, strict=True)})
                bar.advance(len(step))
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


def query_entities(kb: KnowledgeBase, query: str) -> set[str]:
    """The KB entities a query names (not roles: "minister" is no concept)."""
    from communique.link.linker import _matcher

    # Queries are typed in any case: try them as written and capitalised ("clean energy partnership").
    return {t for text in dict.fromkeys((query, query.title())) for hit in _matcher(kb).hits(text)
            for t in hit.targets if not t.startswith("role:")}


def passage_search(store: Store, model: Embedder, kb: KnowledgeBase, query: str, lang: str | None = None,
                   limit: int = 10) -> list[Hit]:
    """Paragraphs ranked by meaning (embeddings) fused with the KB entities of the query that each
    paragraph mentions, in any language: the passage that answers, not just its document (a title
    or caption answers nothing)."""
    found = passages(store, lang, skip=("title", "caption"))
    if not found:
        return []
    matrix, _ = vectors_for(store, model, [p.text for p in found])
    scores = matrix @ model.query(query)
    by_meaning = sorted(range(len(found)), key=lambda i: -scores[i])
    where: dict[str, list[int]] = {}
    for i, p in enumerate(found):
        where.setdefault(p.document, []).append(i)
    named: dict[int, set[str]] = {}
    for entity_id in query_entities(kb, query):
        for m in store.mentions(entity_id=entity_id):
            for i in where.get(m["document_id"], ()):
                if found[i].start <= m["start"] < found[i].end:
                    named.setdefault(i, set()).add(entity_id)
    for number in set(_NUMBERS.findall(query)):  # years and amounts read the same in every language
        whole = re.compile(rf"(?<!\d){number}(?!\d)")
        for i, p in enumerate(found):
            if whole.search(p.text):
                named.setdefault(i, set()).add("#" + number)
    # A concept that most passages name (the two countries) tells little: weigh by rarity (IDF).
    frequency: dict[str, int] = {}
    for concepts in named.values():
        for c in concepts:
            frequency[c] = frequency.get(c, 0) + 1
    weight = {c: math.log(len(found) / n) for c, n in frequency.items()}
    concept_score = {i: sum(weight[c] for c in cs) for i, cs in named.items()}
    by_concept = sorted((i for i in named if concept_score[i] > 0), key=lambda i: (-concept_score[i], -scores[i]))

    def hits(order: list[int]) -> list[Hit]:
        """One hit per paragraph (its best piece first), id "document:paragraph start"."""
        seen: dict[str, Hit] = {}
        for i in order:
            key = f"{found[i].document}:{found[i].paragraph}"
            seen.setdefault(key, Hit(key, found[i].path, found[i].title, found[i].language, float(scores[i]),
                                     found[i].text[:200].replace("\n", " "), found[i].start))
        return list(seen.values())

    return fuse([hits(by_meaning[:max(limit, 50)]), hits(by_concept)], limit)


def concept_search(store: Store, kb: KnowledgeBase, query: str, lang: str | None = None,
                   limit: int = 10) -> list[Hit]:
    """Documents that mention the KB entities the query names, in any language and script
    ("英国出口信贷" finds UK Export Finance wherever it is written), most mentions first."""
    targets = query_entities(kb, query)
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
