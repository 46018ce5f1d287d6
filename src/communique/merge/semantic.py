"""Search by meaning across languages, and hybrid ranking.

Passages are the paragraphs of current documents (cut when stored: `text.passages`), held with
their vectors in memory by a `PassageIndex` per store and model that each search brings up to date;
the vectors come from the store's cache or are embedded on first use (only the texts that need
one). A document's semantic score is its best passage's cosine similarity to the query. Hybrid
search fuses the full-text ranking and the semantic ranking by reciprocal rank fusion.
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from communique import progress
from communique.kb.base import KnowledgeBase
from communique.merge.embeddings import Embedder
from communique.store import Hit, Store
from communique.text.passages import text_key

# Texts embedded (and cached) at a time when vectors are missing.
EMBED_STEP = 64
# Reciprocal rank fusion constant (the usual 60): how much a top rank outweighs a lower one.
RRF_K = 60
# A hit shows this much of its passage, cut at a word end found within the last fifth (spaced scripts).
SNIPPET_CHARS = 200
SNIPPET_WORD_SLACK = 0.2
_NUMBERS = re.compile(r"\d{2,}")
# Passages asked for per document wanted, at first, when ranking documents by their best passage.
PASSAGES_PER_DOCUMENT = 10
# Passages ranked by meaning that passage search looks at for a number the query holds.
NUMBER_CANDIDATES = 500
# Kinds of paragraph that answer nothing: passage search leaves them out.
NOT_ANSWERS = ("title", "caption")


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


def passages(store: Store, lang: str | None = None, skip: tuple[str, ...] = ()) -> list[Passage]:
    """The passages of current documents that are not duplicates (`text.passages`: paragraphs,
    long ones in pieces), with their text, but those of the kinds in `skip` (e.g. title, caption)."""
    index = PassageIndex(store)
    index.refresh()
    chosen = [i for i in np.flatnonzero(index.wanted(lang, skip))]
    bodies = store.bodies(index.documents[index.document[i]][0] for i in chosen)
    return [index.passage(int(i), bodies) for i in chosen]


class PassageIndex:
    """The passages of a store's current, non-duplicate documents, with their vectors for one model,
    held in memory and brought up to date before each search: passages stored since are read
    (a row each, no body), the documents that stopped being current or became duplicates are
    masked, and only the vectors not held yet are read from the cache (or embedded). One per store
    and model (`passage_index`); a search costs one matrix product, not a read of every body."""

    def __init__(self, store: Store, model: Embedder | None = None):
        self.store, self.model = store, model
        self.last_pk = 0
        self.version: tuple[Any, ...] | None = None
        self.documents: list[tuple[str, str, str | None, str | None]] = []  # id, path, title, language
        self._document_of_pk: dict[int, int] = {}
        self.pk = np.zeros(0, dtype=np.int64)  # per passage: its row's pk (ascending)
        self.document = np.zeros(0, dtype=np.int32)  # per passage: its document's index in `documents`
        self.document_pk = np.zeros(0, dtype=np.int64)
        self.start = np.zeros(0, dtype=np.int32)
        self.end = np.zeros(0, dtype=np.int32)
        self.paragraph = np.zeros(0, dtype=np.int32)
        self.kind = np.zeros(0, dtype=object)  # per passage: its paragraph's kind
        self.language = np.zeros(0, dtype=object)  # per passage: its document's language
        self.keys: list[str] = []
        self.searchable = np.zeros(0, dtype=bool)
        self.row = np.zeros(0, dtype=np.int64)  # per passage: its vector's row in `matrix` (-1: none yet)
        self._row_of_key: dict[str, int] = {}
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self._rows = 0
        # Taken to refresh and to rank: a search never sees the arrays half brought up to date.
        self._lock = threading.RLock()
        self._ranges: dict[str, range] = {}  # document id -> its passages (`of_document`)
        self._ranges_at = 0

    def refresh(self) -> None:
        """Take in what the store holds now (and, with a model, the vectors of its passages)."""
        with self._lock:
            version = self.store.version(("documents",))
            if version is not None and self.version is not None and version == self.version:
                return
            self._read_new()
            pks = np.fromiter(self.store.searchable_document_pks(), dtype=np.int64)
            self.searchable = np.isin(self.document_pk, pks)
            if self.model is not None:
                self._take_vectors()
            self.version = version

    def _read_new(self) -> None:
        pk, document, document_pk, start, end, paragraph, kind, language = [], [], [], [], [], [], [], []
        for r in self.store.passages_after(self.last_pk):
            pk.append(r.pk)
            at = self._document_of_pk.get(r.document_pk)
            if at is None:
                at = self._document_of_pk[r.document_pk] = len(self.documents)
                self.documents.append((r.id, r.path, r.title, r.language))
            document.append(at)
            document_pk.append(r.document_pk)
            start.append(r.start)
            end.append(r.end)
            paragraph.append(r.paragraph)
            kind.append(r.kind)
            language.append(r.language)
            self.keys.append(r.text_sha)
            self.last_pk = r.pk
        if not document:
            return
        self.pk = np.concatenate([self.pk, np.array(pk, dtype=np.int64)])
        self.kind = np.concatenate([self.kind, np.array(kind, dtype=object)])
        self.language = np.concatenate([self.language, np.array(language, dtype=object)])
        self.document = np.concatenate([self.document, np.array(document, dtype=np.int32)])
        self.document_pk = np.concatenate([self.document_pk, np.array(document_pk, dtype=np.int64)])
        self.start = np.concatenate([self.start, np.array(start, dtype=np.int32)])
        self.end = np.concatenate([self.end, np.array(end, dtype=np.int32)])
        self.paragraph = np.concatenate([self.paragraph, np.array(paragraph, dtype=np.int32)])
        self.row = np.concatenate([self.row, np.full(len(document), -1, dtype=np.int64)])

    def _take_vectors(self) -> None:
        """Rows for the searchable passages' vectors not held yet: cached ones read, the rest embedded."""
        assert self.model is not None
        lacking = np.flatnonzero(self.searchable & (self.row < 0))
        if not len(lacking):
            return
        wanted = list(dict.fromkeys(self.keys[i] for i in lacking if self.keys[i] not in self._row_of_key))
        if self.store.pgvector:  # the server ranks them: only make sure each passage has its vector there
            held = self.store.vector_keys(self.model.name, wanted, searchable=True)
            lacking_keys = [k for k in wanted if k not in held]
            # cached already for alignment or evidence: the same vector, now made searchable
            cached = self.store.cached_vectors(self.model.name, lacking_keys)
            if cached:
                self.store.cache_vectors(self.model.name, list(cached.items()), searchable=True)
            missing = [k for k in lacking_keys if k not in cached]
            if missing:
                texts = self._texts_of(set(missing), lacking)
                _embed(self.store, self.model, [texts[k] for k in missing], searchable=True)
            self.row[lacking] = 0
            return
        found = self.store.cached_vectors(self.model.name, wanted)
        missing = [k for k in wanted if k not in found]
        if missing:
            texts = self._texts_of(set(missing), lacking)
            found.update(zip(missing, _embed(self.store, self.model, [texts[k] for k in missing]), strict=True))
        for key in wanted:
            self._add_vector(key, found[key])
        for i in lacking:
            self.row[i] = self._row_of_key[self.keys[i]]

    def _texts_of(self, keys: set[str], among: np.ndarray) -> dict[str, str]:
        needed = [i for i in among if self.keys[i] in keys]
        bodies = self.store.bodies(self.documents[self.document[i]][0] for i in needed)
        return {self.keys[i]: bodies[self.documents[self.document[i]][0]][self.start[i]:self.end[i]] for i in needed}

    def _add_vector(self, key: str, vector: np.ndarray) -> None:
        if self._rows == len(self.matrix):  # room doubles: appending stays linear
            grown = np.zeros((max(1024, 2 * len(self.matrix)), len(vector)), dtype=np.float32)
            if self._rows:
                grown[:self._rows] = self.matrix[:self._rows]
            self.matrix = grown
        self.matrix[self._rows] = vector
        self._row_of_key[key] = self._rows
        self._rows += 1

    def wanted(self, lang: str | None = None, skip: tuple[str, ...] = ()) -> np.ndarray:
        """A mask of the passages a search ranks: searchable, in `lang`, not of the kinds in `skip`."""
        with self._lock:
            mask = self.searchable.copy()
            if lang:
                mask &= self.language == lang
            if skip:
                mask &= ~np.isin(self.kind, list(skip))
            return mask

    def ranked(self, query_vector: np.ndarray, lang: str | None = None, skip: tuple[str, ...] = (),
               limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The passages a search ranks (`wanted`) nearest to the query, best first, at most `limit`:
        their indexes and cosine similarities. On pgvector the server ranks them through its index."""
        with self._lock:
            return self._ranked(query_vector, lang, skip, limit)

    def _ranked(self, query_vector: np.ndarray, lang: str | None, skip: tuple[str, ...],
                limit: int | None) -> tuple[np.ndarray, np.ndarray]:
        if self.store.pgvector and self.model is not None:
            total = int(self.wanted(lang, skip).sum())
            found = self.store.nearest_passages(self.model.name, query_vector, min(limit or total, total), lang, skip)
            at = np.searchsorted(self.pk, np.array([pk for pk, _ in found], dtype=np.int64))
            keep = (at < len(self.pk)) & (self.pk[np.minimum(at, len(self.pk) - 1)] == [pk for pk, _ in found])
            return at[keep], np.array([score for _, score in found], dtype=np.float32)[keep]
        chosen = np.flatnonzero(self.wanted(lang, skip))
        if not len(chosen) or not self._rows:
            return chosen[:0], np.zeros(0, dtype=np.float32)
        scores = (self.matrix[:self._rows] @ query_vector)[self.row[chosen]]
        order = np.argsort(-scores, kind="stable")[:limit]
        return chosen[order], scores[order]

    def similarity(self, query_vector: np.ndarray, chosen: list[int]) -> dict[int, float]:
        """The cosine similarity of some passages to the query."""
        with self._lock:
            return self._similarity(query_vector, chosen)

    def _similarity(self, query_vector: np.ndarray, chosen: list[int]) -> dict[int, float]:
        if self.store.pgvector and self.model is not None:
            held = self.store.cached_vectors(self.model.name, [self.keys[i] for i in chosen])
            return {i: float(held[self.keys[i]] @ query_vector) for i in chosen if self.keys[i] in held}
        return {i: float(self.matrix[self.row[i]] @ query_vector) for i in chosen if self.row[i] >= 0}

    def passage(self, i: int, bodies: dict[str, str]) -> Passage:
        doc_id, path, title, language = self.documents[self.document[i]]
        start, end = int(self.start[i]), int(self.end[i])
        return Passage(doc_id, path, title, language, start, end, bodies[doc_id][start:end], int(self.paragraph[i]))

    def of_document(self, doc_id: str) -> range:
        """The passages of one document (stored together, so contiguous)."""
        with self._lock:
            return self._of_document(doc_id)

    def _of_document(self, doc_id: str) -> range:
        if self._ranges_at != len(self.document):
            ranges: dict[str, range] = {}
            bounds = np.flatnonzero(np.diff(self.document, prepend=-1, append=-1))
            for a, b in zip(bounds[:-1], bounds[1:], strict=True):
                ranges[self.documents[self.document[a]][0]] = range(int(a), int(b))
            self._ranges, self._ranges_at = ranges, len(self.document)
        return self._ranges.get(doc_id, range(0))


_INDEXES: weakref.WeakKeyDictionary[Store, dict[str, PassageIndex]] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def passage_index(store: Store, model: Embedder) -> PassageIndex:
    """The store's passage index for `model`, up to date: one per store and model in this process."""
    with _INDEXES_LOCK:
        index = _INDEXES.setdefault(store, {}).get(model.name)
        if index is None:
            index = _INDEXES[store][model.name] = PassageIndex(store, model)
    index.refresh()
    return index


def _embed(store: Store, model: Embedder, texts: list[str], searchable: bool = False) -> list[np.ndarray]:
    """Vectors of `texts` embedded now, in steps, each cached at once: the progress shows, and an
    interrupted run keeps its vectors (`searchable`: passages, see Store.cache_vectors)."""
    out: list[np.ndarray] = []
    with progress.task("embedding", len(texts)) as bar:
        for i in range(0, len(texts), EMBED_STEP):
            step = texts[i:i + EMBED_STEP]
            fresh = model.passages(step)
            store.cache_vectors(model.name, [(text_key(t), v) for t, v in zip(step, fresh, strict=True)],
                                searchable=searchable)
            out.extend(fresh)
            bar.advance(len(step))
    return out


def vectors_for(store: Store, model: Embedder, texts: list[str]) -> tuple[np.ndarray, int]:
    """Vectors of `texts` (cached or embedded now); returns them and how many were embedded."""
    keys = [text_key(t) for t in texts]
    cached = store.cached_vectors(model.name, keys)
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        cached.update(zip([k for k, _ in missing], _embed(store, model, [t for _, t in missing]), strict=True))
    return (np.vstack([cached[k] for k in keys]) if keys else np.zeros((0, 1), dtype=np.float32)), len(missing)


def semantic_search(store: Store, model: Embedder, query: str, lang: str | None = None,
                    limit: int = 10) -> list[Hit]:
    """Documents whose best passage is nearest in meaning to the query, in any language."""
    index = passage_index(store, model)
    query_vector = model.query(query)
    wanted = max(limit * PASSAGES_PER_DOCUMENT, 50)
    while True:  # the best passages, until they hold `limit` documents (or there are no more)
        order, scores = index.ranked(query_vector, lang, limit=wanted)
        best: dict[str, tuple[float, int]] = {}
        for i, score in zip(order.tolist(), scores.tolist(), strict=True):
            doc_id = index.documents[index.document[i]][0]
            if doc_id not in best:
                best[doc_id] = (score, i)
                if len(best) == limit:
                    break
        if len(best) == limit or len(order) < wanted:
            break
        wanted *= 4
    bodies = store.bodies(best)
    return [Hit(p.document, p.path, p.title, p.language, round(score, 4), snippet(p.text), p.start)
            for score, p in ((score, index.passage(i, bodies)) for score, i in best.values())]


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of a passage on one line, cut at a word's end when the script spaces its words
    (a cut within the last SNIPPET_WORD_SLACK of the limit), with "…" when cut."""
    flat = text.replace("\n", " ").strip()
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit + 1)
    return (flat[:cut] if cut >= limit * (1 - SNIPPET_WORD_SLACK) else flat[:limit]).rstrip(" ,;:") + "…"


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
    or caption answers nothing). A number of the query counts among the passages nearest in meaning
    (NUMBER_CANDIDATES) and those naming its entities."""
    index = passage_index(store, model)
    mask = index.wanted(lang, skip=NOT_ANSWERS)
    query_vector = model.query(query)
    order, ranked_scores = index.ranked(query_vector, lang, NOT_ANSWERS, max(NUMBER_CANDIDATES, limit))
    if not len(order):
        return []
    score_of = dict(zip(order.tolist(), ranked_scores.tolist(), strict=True))
    named: dict[int, set[str]] = {}
    for entity_id in query_entities(kb, query):
        for m in store.mentions(entity_id=entity_id):
            for i in index.of_document(m["document_id"]):
                if mask[i] and index.start[i] <= m["start"] < index.end[i]:
                    named.setdefault(i, set()).add(entity_id)
    numbers = set(_NUMBERS.findall(query))  # years and amounts read the same in every language
    looked_at = list(dict.fromkeys([*order[:NUMBER_CANDIDATES].tolist(), *named])) if numbers else []
    bodies = store.bodies(index.documents[index.document[i]][0] for i in [*looked_at, *order[:max(limit, 50)]])
    for number in numbers:
        whole = re.compile(rf"(?<!\d){number}(?!\d)")
        for i in looked_at:
            if whole.search(index.passage(i, bodies).text):
                named.setdefault(i, set()).add("#" + number)
    # A concept that most passages name (the two countries) tells little: weigh by rarity (IDF).
    frequency: dict[str, int] = {}
    for concepts in named.values():
        for c in concepts:
            frequency[c] = frequency.get(c, 0) + 1
    weight = {c: math.log(int(mask.sum()) / n) for c, n in frequency.items()}
    score_of.update(index.similarity(query_vector, [i for i in named if i not in score_of]))
    concept_score = {i: sum(weight[c] for c in cs) for i, cs in named.items()}
    by_concept = sorted((i for i in named if concept_score[i] > 0),
                        key=lambda i: (-concept_score[i], -score_of.get(i, 0.0)))
    bodies.update(store.bodies(index.documents[index.document[i]][0] for i in by_concept if
                               index.documents[index.document[i]][0] not in bodies))

    def hits(chosen: list[int]) -> list[Hit]:
        """One hit per paragraph (its best piece first), id "document:paragraph start"."""
        seen: dict[str, Hit] = {}
        for i in chosen:
            p = index.passage(i, bodies)
            key = f"{p.document}:{p.paragraph}"
            seen.setdefault(key, Hit(key, p.path, p.title, p.language, float(score_of.get(i, 0.0)),
                                     snippet(p.text), p.start))
        return list(seen.values())

    return fuse([hits(order[:max(limit, 50)].tolist()), hits(by_concept)], limit)


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
                        snippet(doc.body), 0))
    return hits
