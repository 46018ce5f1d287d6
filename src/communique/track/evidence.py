"""Evidence for register commitments from later documents.

For a new document of a pair, each sentence holding an action word (data/stances.yaml) is compared
with the open commitments of the same pair stated before the document (at least
`MIN_DAYS_AFTER` days): what they both name (agencies, instruments, mechanisms, programmes,
places; country names do not count), the numbers they share, and their meaning (the multilingual
embeddings of search and alignment; any language against any other). A pair whose score reaches
`PROPOSE_MIN` is stored as a `proposed` link with its stance and a reason a person can read; the
automatic status (track.status) moves only on links scoring `MOVES_STATUS_MIN` or more. A link an
analyst rejected is never proposed again (the row stays, `rejected`).

Sentences of the documents that state the commitment (its variants' documents) are never its
evidence: a report of the same visit restates, it does not implement.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml
from sqlalchemy import insert, select

from communique.merge.embeddings import embedder
from communique.merge.semantic import vectors_for
from communique.model import period
from communique.store import Store
from communique.store.chunks import chunked
from communique.store.schema import evidence, evidence_log, register_commitments, register_variants
from communique.text.normalize import search_form
from communique.text.sentences import sentence_spans
from communique.text.words import WordIndex

MIN_DAYS_AFTER = 7  # a report within a week of the statement is news of it, not of its implementation
PROPOSE_MIN = 0.5  # a link is proposed from this score
MOVES_STATUS_MIN = 0.65  # the automatic status moves only on links this strong
# How the score is made: meaning, shared names (a place counts half), shared figures.
MEANING_WEIGHT, NAMES_WEIGHT, NUMBERS_WEIGHT = 0.6, 0.3, 0.1
PLACE_WEIGHT = 0.5
# Meaning is relative: multilingual-e5 puts any two sentences of one pair and field near 0.8-0.85
# (a tourism memorandum against a scholarship clause: 0.84), so what counts is how much nearer the
# sentence is to this commitment than to the pair's other ones: MARGIN_FULL ahead is full meaning.
# A sentence below COSINE_FLOOR is about something else whatever the margin.
MARGIN_FULL = 0.08
COSINE_FLOOR = 0.78
# With a single open commitment there is no margin: the cosine itself, from SINGLE_FLOOR up.
SINGLE_FLOOR, SINGLE_FULL = 0.85, 0.93
MAX_SENTENCE_CHARS = 600
STANCES = ("contradicts", "completion", "progress", "mention")
# The facts that say which pair a document is about, and the key of their countries.
PAIR_KEYS = (("commitments", "parties"), ("events", "countries"), ("partnerships", "parties"))
DOCUMENTS_PER_READ = 256  # documents whose facts, mentions, texts and sentence vectors are read together
_NUMBER = re.compile(r"\d[\d.,]*")
_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=1)
def stances() -> WordIndex[str]:
    data = yaml.safe_load(resources.files("communique.track").joinpath("data/stances.yaml").read_text(encoding="utf-8"))
    labelled: dict[str, str] = {}
    for label in ("contradicts", "future", "completion", "progress"):
        for words in data[label].values():
            for word in words:
                labelled.setdefault(search_form(str(word)), label)
    return WordIndex(labelled)


def stance_of(sentence: str) -> str | None:
    """The sentence's stance toward what it reports, or None when it holds no action word."""
    found = {label for _, _, label in stances().find_all(search_form(sentence))}
    if not found:
        return None
    if "contradicts" in found:
        return "contradicts"
    if "future" in found:
        return "mention"
    if "completion" in found:
        return "completion"
    return "progress" if "progress" in found else "mention"


def evidence_id(register_id: str, document: str, start: int, end: int) -> str:
    return "e-" + hashlib.sha256(f"{register_id}|{document}|{start}|{end}".encode()).hexdigest()[:20]


def numbers_in(text: str) -> set[str]:
    """Figures of a text: numbers of two digits or more, years left out (every report has one)."""
    out = set()
    for raw in _NUMBER.findall(text):
        number = raw.rstrip(".,").replace(",", "").replace(".", "")
        if len(number) >= 2 and not _YEAR.fullmatch(number):
            out.add(number)
    return out


def _names(mentions: Iterable[dict[str, Any]], start: int, end: int) -> set[str]:
    """What a span names besides countries and people: agencies, instruments, mechanisms, places."""
    return {m["entity_id"] for m in mentions if start <= m["start"] < end
            and not m["entity_id"].startswith(("country:", "person:"))}


def _names_score(shared: set[str]) -> float:
    weight = sum(PLACE_WEIGHT if n.startswith("place:") else 1.0 for n in shared)
    return min(1.0, weight / 2)


def meaning(cosine: np.ndarray) -> np.ndarray:
    """Per sentence (row) and commitment (column), how specifically the sentence is about it (0-1)."""
    if cosine.shape[1] == 1:
        return np.clip((cosine - SINGLE_FLOOR) / (SINGLE_FULL - SINGLE_FLOOR), 0, 1)
    others = (cosine.sum(axis=1, keepdims=True) - cosine) / (cosine.shape[1] - 1)
    out = np.clip((cosine - others) / MARGIN_FULL, 0, 1)
    out[cosine < COSINE_FLOOR] = 0
    return out


def pair_of(facts: dict[str, list[dict[str, Any]]], mentions: list[dict[str, Any]]) -> str | None:
    """A document's pair of countries: the pair its facts (`facts`: kind -> the document's facts)
    name most, else the two countries it mentions most ("泰国…马来西亚学生")."""
    counts: Counter[tuple[str, ...]] = Counter()
    for kind, key in PAIR_KEYS:
        for fact in facts.get(kind, ()):
            codes = tuple(sorted(set(fact.get(key) or ())))
            if len(codes) == 2:
                counts[codes] += 1
    if counts:
        return "-".join(counts.most_common(1)[0][0])
    mentioned = Counter(m["entity_id"].split(":", 1)[1] for m in mentions if m["entity_id"].startswith("country:"))
    top = [code for code, _ in mentioned.most_common(2)]
    return "-".join(sorted(top)) if len(top) == 2 else None


def _months(later: Any, earlier: Any) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def propose(store: Store, documents: Iterable[str], model: Any = None,
            dates: dict[str, Any] | None = None) -> tuple[int, set[str]]:
    """Proposals for the commitments the `documents` may be evidence for; returns how many links
    were stored and the register ids they concern. `dates`: each document's date
    (register.corpus_dates), when the caller has them."""
    documents = list(dict.fromkeys(documents))  # once each: one document's links are stored together
    with store.engine.connect() as conn:
        pairs = set(conn.execute(select(register_commitments.c.parties).where(
            register_commitments.c.verifiable.is_(True)).distinct()).scalars())
    if not documents or not pairs:
        return 0, set()
    if dates is None:
        from communique.track.register import corpus_dates

        dates = corpus_dates(store)[1]
    engine = model or embedder()
    now = datetime.now(UTC)
    stored, touched = 0, set()
    by_pair: dict[str, _PairCommitments] = {}
    with store.engine.connect() as conn:
        # every commitment and document linked already (a rejected link is never proposed again,
        # nor another sentence of its document for the same commitment)
        known = {(r.register_id, r.document_id) for r in conn.execute(
            select(evidence.c.register_id, evidence.c.document_id))}
    for piece in chunked([d for d in documents if dates.get(d) is not None], DOCUMENTS_PER_READ):
        for pair, rows in _proposals(store, piece, pairs, by_pair, engine, dates, known, now).items():
            stored += _store(store, rows, now, pair)
            touched |= {r["register_id"] for r in rows}
    return stored, touched


def _proposals(store: Store, documents: list[str], pairs: set[str], by_pair: dict[str, _PairCommitments],
               engine: Any, dates: dict[str, Any], known: set[tuple[str, str]],
               now: datetime) -> dict[str, list[dict[str, Any]]]:
    """The links to propose for some documents, by pair: their facts, mentions, texts and sentence
    vectors read together, then each document's sentences scored against its pair's open commitments."""
    facts = {kind: store.facts_of_documents(documents, kind) for kind, _ in PAIR_KEYS}
    found = store.mentions_of_documents(documents)
    work: list[tuple[str, str, list[int]]] = []  # document, pair, open commitments
    for doc_id in documents:
        pair = pair_of({kind: facts[kind][doc_id] for kind, _ in PAIR_KEYS}, found[doc_id])
        if pair not in pairs:
            continue
        if pair not in by_pair:
            by_pair[pair] = _pair_commitments(store, pair, lambda texts: vectors_for(store, engine, texts)[0])
        if chosen := by_pair[pair].open_before(dates[doc_id].first, doc_id):
            work.append((doc_id, pair, chosen))
    bodies = store.bodies([doc for doc, _, _ in work])
    sentences_of: dict[str, list[tuple[int, int, str, str]]] = {}
    for doc_id, _, _ in work:
        body = bodies[doc_id]
        spans = [(s, e, body[s:e]) for s, e in sentence_spans(body) if e - s <= MAX_SENTENCE_CHARS]
        sentences_of[doc_id] = [(s, e, t, st) for s, e, t in spans if (st := stance_of(t))]
    texts = [t for doc_id, _, _ in work for _, _, t, _ in sentences_of[doc_id]]
    all_vectors = vectors_for(store, engine, texts)[0] if texts else np.zeros((0, 1), dtype=np.float32)
    out: dict[str, list[dict[str, Any]]] = {}
    row = 0
    for doc_id, pair, chosen in work:
        sentences = sentences_of[doc_id]
        sentence_vectors, row = all_vectors[row:row + len(sentences)], row + len(sentences)
        if sentences and (rows := _document_proposals(doc_id, dates[doc_id], sentences, sentence_vectors,
                                                      found[doc_id], by_pair[pair], chosen, known, now)):
            out.setdefault(pair, []).extend(rows)
    return out


def _document_proposals(doc_id: str, when: Any, sentences: list[tuple[int, int, str, str]],
                        sentence_vectors: np.ndarray, flat: list[dict[str, Any]], known_pair: _PairCommitments,
                        chosen: list[int], known: set[tuple[str, str]], now: datetime) -> list[dict[str, Any]]:
    """One document's links: for each commitment, its best sentence scoring PROPOSE_MIN or more."""
    commitments = [known_pair.rows[i] for i in chosen]
    cosine = sentence_vectors @ known_pair.vectors[chosen].T
    specific = meaning(cosine)
    rows = []
    # Only pairs whose meaning could reach PROPOSE_MIN with every name and figure shared are
    # scored: a document meets the few commitments near it, not the whole pair's register.
    possible = MEANING_WEIGHT * specific + NAMES_WEIGHT + NUMBERS_WEIGHT >= PROPOSE_MIN
    read: dict[int, tuple[set[str], set[str]]] = {}
    for i, j in zip(*np.nonzero(possible), strict=True):
        start, end, text, stance = sentences[i]
        if i not in read:
            read[i] = (_names(flat, start, end), numbers_in(text))
        names, numbers = read[i]
        commitment = commitments[int(j)]
        shared = names & commitment["names"]
        common_numbers = numbers & commitment["numbers"]
        score = (MEANING_WEIGHT * float(specific[i, j]) + NAMES_WEIGHT * _names_score(shared)
                 + NUMBERS_WEIGHT * (1.0 if common_numbers else 0.0))
        if score < PROPOSE_MIN or (commitment["id"], doc_id) in known:
            continue
        stated = period(commitment["stated"])
        reason = _reason(shared, common_numbers, float(cosine[i, j]), stance,
                         _months(when.first, stated.first) if stated else None)
        rows.append({"id": evidence_id(commitment["id"], doc_id, start, end), "register_id": commitment["id"],
                     "document_id": doc_id, "start": start, "end": end, "text": text, "stance": stance,
                     "score": round(score, 4), "reason": reason, "state": "proposed", "proposed_at": now})
    # One link per commitment and document: its best sentence.
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["register_id"] not in best or row["score"] > best[row["register_id"]]["score"]:
            best[row["register_id"]] = row
    return list(best.values())


def _reason(names: set[str], numbers: set[str], cosine: float, stance: str, months: int | None) -> str:
    from communique.kb.base import load_kb

    kb = load_kb()
    parts = []
    if names:
        labels = sorted((kb.get(n).name if kb.get(n) else n.split(":", 1)[-1]) for n in names)
        parts.append("names " + " and ".join(labels))
    if numbers:
        parts.append("shares the figure " + ", ".join(sorted(numbers)))
    parts.append(f"close in meaning ({cosine:.2f})")
    parts.append({"progress": "reports a step taken", "completion": "reports it done",
                  "contradicts": "reports a delay or a reversal", "mention": "restates it"}[stance])
    if months is not None:
        parts.append(f"{months} month{'s' if months != 1 else ''} after the statement")
    return "; ".join(parts)


@dataclass
class _PairCommitments:
    """A pair's verifiable commitments with their names, numbers, stated dates, the documents of
    their variants and their vectors: read and embedded once per pair in a run."""

    rows: list[dict[str, Any]]
    stated: list[Any]
    documents: list[set[str]]
    vectors: np.ndarray

    def __post_init__(self) -> None:
        # the last day of each statement as a day number (undated: never open), and the
        # commitments each document states
        self._last_day = np.array([p.last.toordinal() if p is not None else np.iinfo(np.int64).max
                                   for p in self.stated], dtype=np.int64)
        self._stated_by: dict[str, set[int]] = {}
        for i, docs in enumerate(self.documents):
            for doc in docs:
                self._stated_by.setdefault(doc, set()).add(i)

    def open_before(self, before: Any, doc_id: str) -> list[int]:
        """Indexes of the commitments stated at least MIN_DAYS_AFTER days before `before` and not
        stated by `doc_id` itself."""
        found = np.nonzero(self._last_day <= before.toordinal() - MIN_DAYS_AFTER)[0].tolist()
        own = self._stated_by.get(doc_id)
        return [i for i in found if i not in own] if own else found


def _pair_commitments(store: Store, pair: str, vectors: Any) -> _PairCommitments:
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(register_commitments).where(
            register_commitments.c.parties == pair, register_commitments.c.verifiable.is_(True))
            .order_by(register_commitments.c.id))]
        variants: dict[str, list[Any]] = {}
        for piece in chunked([r["id"] for r in rows]):
            for v in conn.execute(select(register_variants).where(register_variants.c.register_id.in_(piece))):
                variants.setdefault(v.register_id, []).append(v)
    found = store.mentions_of_documents({v.document_id for own in variants.values() for v in own})

    documents = []
    for row in rows:
        own = variants.get(row["id"], [])
        names: set[str] = set(row["instruments"] or ())
        for v in own:
            if v.start is not None:
                names |= _names(found[v.document_id], v.start, v.end)
        row.update(names=names, numbers=numbers_in(row["text"]))
        documents.append({v.document_id for v in own})
    return _PairCommitments(rows, [period(r["stated"]) for r in rows], documents,
                            vectors([r["text"] for r in rows]) if rows else np.zeros((0, 1), dtype=np.float32))


def _store(store: Store, rows: list[dict[str, Any]], now: datetime, pair: str) -> int:
    """Insert the links not stored yet (a re-run proposes nothing twice), each with its log line,
    under the lock of the commitments' block (`pair`)."""
    with store.writing(blocks={pair}) as conn:
        known = {i for piece in chunked([r["id"] for r in rows])
                 for i in conn.execute(select(evidence.c.id).where(evidence.c.id.in_(piece))).scalars()}
        fresh = [r for r in rows if r["id"] not in known]
        if fresh:
            conn.execute(insert(evidence), fresh)
            conn.execute(insert(evidence_log), [{"evidence_id": r["id"], "state": "proposed", "previous": None,
                                                 "author": "auto", "at": now, "note": r["reason"]} for r in fresh])
    return len(fresh)
