"""One commitment, many variants: aligning commitments across documents and languages.

Extraction gives each document its own commitment records: a statement's, clause by clause; a
news report's, sentence by sentence. Here the records of one statement event become one register:

* Blocks: records are compared only within one pair of parties and one *statement group* (the
  statements of that pair dated within ALIGN_WINDOW_DAYS of each other, with the news dated in
  the same window; a document dated only to the month or the year joins the group of that same
  date, else the only group dated within it; an undated statement joins its pair's only statement
  group, an undated report joins nothing). So the work stays linear in
  the number of blocks, and only the records that have something to align with need a vector.
* The canonical statement of a group is the one with the most clauses; its records are the
  register's commitments. Every other statement (a translation, a summary) is aligned to it clause
  by clause, by content, not by number (translations renumber, merge and split clauses): a clause
  goes to the canonical clause it stands out most for (`margins`: similarity less the typical
  similarity of both sides, as in bitext mining) when that clears the thresholds of
  `align_clauses`; a clause that renders two canonical clauses merged goes to both (`_renders_both`:
  its length fits the two, or it names instruments only the second names). Each record of an
  aligned clause joins the closest record (part) of the canonical clause.
* A news sentence attaches to the statement commitment it stands out most for (MIN_NEWS_SCORE,
  MIN_NEWS_MARGIN), else to the same sentence in an earlier report (REPORTED_AGAIN_SCORE).
  What aligns with nothing stays a commitment of its own: wrong alignments are worse than none.

Similarity is the cosine of the texts' embeddings with the parties' and people's names masked (so
a formula that recurs between other partners is embedded once), plus concept evidence: the same
KB entities (instruments, mechanisms, agencies, places, third countries) and the same numbers and
years count for, different ones against. Thresholds were set on tests/data/alignment.yaml
(bench/align.py prints the figures).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from communique.merge.embeddings import MemoryCache
from communique.model import Period, period

# Statements of one pair dated at most this many days apart are versions of one statement
# (official translations come out a day or a few days later); news in that window reports it.
ALIGN_WINDOW_DAYS = 7
# Concept evidence: shared entities and numbers add up to CONCEPT_WEIGHT (Jaccard-scaled);
# different ones on both sides subtract CONFLICT_PENALTY.
CONCEPT_WEIGHT = 0.08
CONFLICT_PENALTY = 0.04
# A statement clause aligns with its best canonical clause (see `align_clauses`) at these scores:
# the cosine, and the margin over both sides' TOP_K nearest (see `margins`), lower when mutual.
MIN_CLAUSE_SCORE = 0.80
MIN_CLAUSE_MARGIN = 0.007
MIN_MUTUAL_MARGIN = 0.0
TOP_K = 4
# A second canonical clause is merged in at this margin; the typical length ratio of a translation
# is read from at least MIN_RATIO_PAIRS alignments of at least CONFIDENT_MARGIN.
MIN_MERGE_MARGIN = -0.005
CONFIDENT_MARGIN = 0.03
MIN_RATIO_PAIRS = 3
# A news sentence restates a statement commitment at this score and margin over its own TOP_K
# nearest parts (see `margins`; on the seeds, restatements stand 0.011-0.08 out, others <= 0.006) ...
MIN_NEWS_SCORE = 0.80
MIN_NEWS_MARGIN = 0.01
# ... and repeats another report's sentence (wire copy, lightly edited) at this cosine.
REPORTED_AGAIN_SCORE = 0.95

# Vectors kept in memory during one alignment run (beyond this, the memo starts again).
MEMO_TEXTS = 50_000
# Documents whose records and mentions a store is asked to read together (see align_commitments).
PREFETCH_DOCUMENTS = 256

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACES = re.compile(r"\s+")
# Entity kinds that are concepts (the parties' countries and people are masked; a third country is
# a concept), and the specific ones that can show a merged clause.
CONCEPT_KINDS = ("instrument", "mechanism", "org", "place", "country")
SPECIFIC_KINDS = ("instrument", "mechanism")


@dataclass
class Unit:
    """What aligns: one statement clause (with the records of its parts) or one news commitment."""

    document: str
    clause: str | None
    records: list[dict[str, Any]]
    text: str
    meaning: str  # the text with names masked: what is embedded
    concepts: frozenset[str]
    order: int  # position in its document

    @property
    def key(self) -> str:
        return self.records[0]["id"]


@dataclass
class Block:
    """The documents of one pair and one statement group: their ids, in date order."""

    pair: tuple[str, ...]
    date: Period | None  # the first statement's (or report's) date, as precise as known
    statements: list[str] = field(default_factory=list)
    news: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    """What blocking needs to know of a document's commitments (the records stay where they are)."""

    document: str
    pair: tuple[str, ...]
    clauses: int  # distinct clause numbers: 0 for a news report


def summaries(records: Iterable[dict[str, Any]]) -> list[Summary]:
    """One summary per document of a stream of commitment records (in document order)."""
    pairs: dict[str, tuple[str, ...]] = {}
    clauses: dict[str, set[str]] = defaultdict(set)
    for record in records:
        doc = record["documents"][0]
        pairs.setdefault(doc, tuple(sorted(record.get("parties") or ())))
        if record.get("clause") is not None:
            clauses[doc].add(record["clause"])
    return [Summary(doc, pair, len(clauses.get(doc, ()))) for doc, pair in pairs.items()]


Vectors = Callable[[list[str]], np.ndarray]  # texts -> normalised vectors (cached by the caller)


def _names_a_party(entity: str, parties: Iterable[str]) -> bool:
    kind, _, key = entity.partition(":")
    return kind == "person" or kind == "country" and key in parties


class MentionIndex:
    """A document's mentions sorted by offset, split into names to mask (the parties, people) and
    concepts, so that the mentions inside a stretch of text are found by bisection."""

    def __init__(self, mentions: Iterable[dict[str, Any]], parties: Iterable[str] = ()):
        parties = tuple(parties)
        names, concepts_ = [], []
        for m in mentions:
            if _names_a_party(m["entity"], parties):
                names.append((m["start"], m["end"]))
            elif m["entity"].split(":", 1)[0] in CONCEPT_KINDS and ":found-" not in m["entity"]:
                # found entities are named as each text names them: not evidence across languages
                concepts_.append((m["start"], m["entity"]))
        self.names = sorted(names)
        self.name_starts = [a for a, _ in self.names]
        self.concepts = sorted(concepts_)
        self.concept_starts = [a for a, _ in self.concepts]

    def masked(self, text: str, start: int) -> str:
        """`text` (found at `start` in its body) without the names of the parties and of people."""
        lo = bisect.bisect_left(self.name_starts, start)
        hi = bisect.bisect_left(self.name_starts, start + len(text))
        out, pos = [], 0
        for a, b in self.names[lo:hi]:
            if a - start >= pos:
                out.append(text[pos:a - start])
                pos = b - start
        out.append(text[pos:])
        return _SPACES.sub(" ", "".join(out)).strip()

    def concepts_in(self, text: str, start: int) -> frozenset[str]:
        """Language-independent evidence of what a text is about: KB entities (but the parties) and numbers."""
        lo = bisect.bisect_left(self.concept_starts, start)
        hi = bisect.bisect_left(self.concept_starts, start + len(text))
        found = {entity for _, entity in self.concepts[lo:hi]}
        found |= {"#" + n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text)}
        return frozenset(found)


def masked(text: str, start: int, mentions: Iterable[dict[str, Any]], parties: Iterable[str] = ()) -> str:
    """`text` (found at `start` in its body) without the names of the parties and of people."""
    return MentionIndex(mentions, parties).masked(text, start)


def concept_score(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if not shared:
        return -CONFLICT_PENALTY
    return CONCEPT_WEIGHT * shared / len(a | b)


def similarity(foreign: list[Unit], canonical: list[Unit], vectors: Vectors) -> np.ndarray:
    """Scores (len(foreign), len(canonical)): cosine of the masked texts plus concept evidence."""
    if not foreign or not canonical:
        return np.zeros((len(foreign), len(canonical)), dtype=np.float32)
    return _with_concepts(vectors([u.meaning for u in foreign]) @ vectors([u.meaning for u in canonical]).T,
                          foreign, canonical)


def margins(scores: np.ndarray, k: int = TOP_K, columns: bool = True) -> np.ndarray:
    """Scores less the mean of each side's k best (the ratio-margin idea of bitext mining): a
    sentence that is close to everything (a formula, a same-language neighbour) gains nothing.
    Without `columns`, only the rows' side counts (when the rows are a few sentences of one
    report, their number must not change the margin)."""
    if not scores.size:
        return scores
    kr, kc = min(k, scores.shape[1]), min(k, scores.shape[0])
    rows = -np.sort(-scores, axis=1)[:, :kr].mean(axis=1)
    if not columns:
        return scores - rows[:, None]
    cols = -np.sort(-scores, axis=0)[:kc, :].mean(axis=0)
    return scores - (rows[:, None] + cols[None, :]) / 2


def _typical_ratio(foreign: list[Unit], canonical: list[Unit], pairs: list[tuple[int, int]]) -> float | None:
    """The median length ratio of confidently aligned clauses (a translation's length is steady)."""
    ratios = sorted(len(foreign[i].text) / max(1, len(canonical[j].text)) for i, j in pairs)
    return ratios[len(ratios) // 2] if len(ratios) >= MIN_RATIO_PAIRS else None


def _renders_both(f: Unit, a: Unit, b: Unit, ratio: float | None) -> bool:
    """Whether `f` reads as `a` and `b` merged: its length fits the two better than `a` alone
    (the Gale–Church idea), or it names specific instruments or mechanisms only `b` names."""
    if ratio and f.text:
        alone = abs(math.log(len(f.text) / (ratio * max(1, len(a.text)))))
        joined = abs(math.log(len(f.text) / (ratio * max(1, len(a.text) + len(b.text)))))
        if joined < alone:
            return True
    only_b = {c for c in (f.concepts & b.concepts) - a.concepts if c.split(":", 1)[0] in SPECIFIC_KINDS}
    return bool(only_b)


def align_clauses(foreign: list[Unit], canonical: list[Unit], vectors: Vectors) -> list[list[int]]:
    """For each foreign clause, the canonical clauses (indices) it renders: [] (none), one, or two
    when it merges two canonical clauses.

    A clause takes its best canonical clause by margin when the margin clears MIN_CLAUSE_MARGIN, or
    MIN_MUTUAL_MARGIN when the choice is mutual (no other clause is closer to that canonical one).
    It also takes its second best, as a merge, when no other clause claims that one, it is the
    closest to it, and `_renders_both` says so."""
    scores = similarity(foreign, canonical, vectors)
    out: list[list[int]] = [[] for _ in foreign]
    if not scores.size:
        return out
    margin = margins(scores)
    row_best = np.argmax(margin, axis=1)
    col_best = np.argmax(margin, axis=0)
    for i, j in enumerate(row_best.tolist()):
        mutual = int(col_best[j]) == i
        if scores[i, j] >= MIN_CLAUSE_SCORE and (
                margin[i, j] >= MIN_CLAUSE_MARGIN or mutual and margin[i, j] >= MIN_MUTUAL_MARGIN):
            out[i] = [j]
    claimed = {found[0] for found in out if found}
    ratio = _typical_ratio(foreign, canonical, [(i, found[0]) for i, found in enumerate(out)
                                                 if found and margin[i, found[0]] >= CONFIDENT_MARGIN])
    for i, found in enumerate(out):
        if not found or len(canonical) < 2:
            continue
        a = found[0]
        b = int(np.argsort(-margin[i])[1])
        if (b not in claimed and int(col_best[b]) == i and margin[i, b] >= MIN_MERGE_MARGIN
                and _renders_both(foreign[i], canonical[a], canonical[b], ratio)):
            out[i] = sorted((a, b), key=lambda j: canonical[j].order)
    return out


def units_of(records: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> list[Unit]:
    """A document's records as units, one each, with their names masked and their concepts."""
    if not records:
        return []
    index = MentionIndex(mentions, records[0].get("parties") or ())
    out = []
    for order, record in enumerate(records):
        span = record["variants"][0]
        meaning = index.masked(span["text"], span["start"]) or record["text"]
        out.append(Unit(record["documents"][0], record.get("clause"), [record], record["text"], meaning,
                        index.concepts_in(span["text"], span["start"]), order))
    return out


def by_clause(parts: list[Unit]) -> list[Unit]:
    """A statement's units joined clause by clause (a record without a clause number stays alone)."""
    groups: dict[Any, list[Unit]] = {}
    for n, part in enumerate(parts):
        groups.setdefault(part.clause if part.clause is not None else ("record", n), []).append(part)
    return [Unit(members[0].document, members[0].clause, [r for m in members for r in m.records],
                 " ".join(m.text for m in members), " ".join(m.meaning for m in members),
                 frozenset().union(*(m.concepts for m in members)), order)
            for order, members in enumerate(groups.values())]


class _ByDate:
    """Blocks of one pair found by date. Blocks dated to the day are in buckets of ALIGN_WINDOW_DAYS
    days, so that a lookup looks at the neighbouring buckets only; blocks dated to a month or a
    year are found by that month or year (a month is never read as its first day)."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[Block]] = defaultdict(list)
        self.coarse: dict[str, list[Block]] = defaultdict(list)  # 'YYYY' or 'YYYY-MM' -> blocks

    def add(self, block: Block) -> None:
        if block.date is None:
            return
        if block.date.precision == "day":
            self.buckets[block.date.first.toordinal() // ALIGN_WINDOW_DAYS].append(block)
        else:
            self.coarse[block.date.iso].append(block)

    def nearest(self, when: Period) -> Block | None:
        """The block for a document of this date: for a day, the nearest block dated within
        ALIGN_WINDOW_DAYS, else the only block of its month or year; for a month or a year, the
        first block of that same date, else the only block whose date falls in it."""
        if when.precision == "day":
            day = when.first
            key = day.toordinal() // ALIGN_WINDOW_DAYS
            near = [b for k in (key - 1, key, key + 1) for b in self.buckets.get(k, ())
                    if abs((day - b.date.first).days) <= ALIGN_WINDOW_DAYS]  # type: ignore[union-attr]
            if near:
                return min(near, key=lambda b: abs((day - b.date.first).days))  # type: ignore[union-attr]
            within = self.coarse.get(day.strftime("%Y-%m"), []) + self.coarse.get(f"{day.year:04d}", [])
            return within[0] if len(within) == 1 else None
        if self.coarse.get(when.iso):
            return self.coarse[when.iso][0]
        first, last = when.first.toordinal() // ALIGN_WINDOW_DAYS, when.last.toordinal() // ALIGN_WINDOW_DAYS
        inside = [b for k in range(first, last + 1) for b in self.buckets.get(k, ())
                  if when.overlaps(b.date)]  # type: ignore[arg-type]
        if when.precision == "month":
            inside += self.coarse.get(f"{when.first.year:04d}", [])
        else:
            inside += [b for m in range(1, 13) for b in self.coarse.get(f"{when.first.year:04d}-{m:02d}", [])]
        return inside[0] if len(inside) == 1 else None


def blocks(documents: Iterable[Summary], dates: Mapping[str, date | Period | None]) -> list[Block]:
    """Documents in blocks of one pair and one statement group (see the module doc)."""
    by_pair: dict[tuple[str, ...], list[Summary]] = defaultdict(list)
    for summary in documents:
        by_pair[summary.pair].append(summary)
    when = {doc: period(value) for doc, value in dates.items()}
    out: list[Block] = []
    for pair, docs in by_pair.items():
        # Documents dated to the day first (in date order), then to the month, to the year, undated.
        ordered = sorted(docs, key=lambda s: (p.rank if (p := when.get(s.document)) else 3,
                                              p.first if p else date.max, -s.clauses, s.document))
        statements, undated, found = _ByDate(), [], []
        for summary in (s for s in ordered if s.clauses):
            day = when.get(summary.document)
            # An undated statement joins the pair's only statement group, dated or not.
            known = found + undated
            group = statements.nearest(day) if day else (known[0] if len(known) == 1 else None)
            if group:
                group.statements.append(summary.document)
            else:
                group = Block(pair, day, [summary.document])
                statements.add(group)
                (found if day else undated).append(group)
        news_only = _ByDate()
        for summary in (s for s in ordered if not s.clauses):
            day = when.get(summary.document)
            # An undated report joins nothing: grouping has given a date to those that report a known event.
            group = (statements.nearest(day) or news_only.nearest(day)) if day else None
            if group:
                group.news.append(summary.document)
            else:
                group = Block(pair, day, news=[summary.document])
                news_only.add(group)
                found.append(group)
        out.extend(found + undated)
    return out


def _entry(unit_record: dict[str, Any]) -> dict[str, Any]:
    entry = dict(unit_record)
    entry["variants"] = [v | {"record": unit_record["id"], "clause": unit_record.get("clause"), "score": None}
                         for v in unit_record["variants"]]
    entry["records"] = [unit_record["id"]]
    entry["documents"] = list(unit_record["documents"])
    entry["instruments"] = list(unit_record.get("instruments") or ())
    entry["targets"] = list(unit_record.get("targets") or ())
    return entry


def _attach(entry: dict[str, Any], record: dict[str, Any], score: float, how: str) -> None:
    entry["variants"].extend(v | {"record": record["id"], "clause": record.get("clause"), "score": round(score, 4),
                                  "match": how} for v in record["variants"])
    entry["records"].append(record["id"])
    entry["documents"] = list(dict.fromkeys(entry["documents"] + list(record["documents"])))
    entry["instruments"] = list(dict.fromkeys(entry["instruments"] + list(record.get("instruments") or ())))
    entry["targets"] = list(dict.fromkeys(entry["targets"] + list(record.get("targets") or ())))


ByDocument = Callable[[str], list[dict[str, Any]]]  # document id -> its commitment records, or its mentions


def align_block(block: Block, records_of: ByDocument, mentions: ByDocument, vectors: Vectors) -> list[dict[str, Any]]:
    """The register commitments of one block, each with its variants."""
    entries: list[dict[str, Any]] = []
    owner: dict[str, dict[str, Any]] = {}  # record id -> its entry

    def own(record: dict[str, Any]) -> None:
        owner[record["id"]] = _entry(record)
        entries.append(owner[record["id"]])

    parts: list[Unit] = []  # the canonical statement's records, one unit each
    if block.statements:
        statements = {doc: records_of(doc) for doc in block.statements}
        ranked = sorted(statements, key=lambda d: (-len({r.get("clause") for r in statements[d]}), d))
        canonical = statements[ranked[0]]
        found = mentions(ranked[0])
        parts = units_of(canonical, found)
        clauses = by_clause(parts)
        for record in canonical:
            own(record)
        for doc in ranked[1:]:
            found = mentions(doc)
            pieces = units_of(statements[doc], found)
            foreign = by_clause(pieces)
            piece_scores = similarity(pieces, parts, vectors)
            row_of = {p.key: n for n, p in enumerate(pieces)}
            for unit, targets in zip(foreign, align_clauses(foreign, clauses, vectors), strict=True):
                for record in unit.records:
                    if not targets:
                        own(record)
                        continue
                    row = piece_scores[row_of[record["id"]]]
                    # Each record to the best part of its clause (of each clause, when merged).
                    for j in targets:
                        members = {r["id"] for r in clauses[j].records}
                        pool = [n for n, p in enumerate(parts) if p.key in members]
                        best = max(pool, key=lambda n: row[n])
                        _attach(owner[parts[best].key], record, float(row[best]),
                                "merged" if len(targets) > 1 else "clause")
    # News: each sentence to the statement commitment it restates, else to an earlier report of it.
    part_vectors: np.ndarray | None = None  # embedded when a report first has sentences to align
    reported = _Reported(vectors)  # other documents' sentences that aligned with nothing
    for doc in block.news:
        found_units = units_of(records_of(doc), mentions(doc))
        if not found_units:
            continue
        # A report with nothing to meet (no statement, no earlier report) embeds nothing yet.
        own_vectors = vectors([u.meaning for u in found_units]) if parts or reported.units else None
        if own_vectors is not None and part_vectors is None and parts:
            part_vectors = vectors([p.meaning for p in parts])
        scores = (_with_concepts(own_vectors @ part_vectors.T, found_units, parts)
                  if own_vectors is not None and part_vectors is not None
                  else np.zeros((len(found_units), 0), dtype=np.float32))
        margin = margins(scores, columns=False)
        # before this document's own sentences join
        again = reported.best(own_vectors, found_units) if own_vectors is not None else [None] * len(found_units)
        for i, unit in enumerate(found_units):
            record = unit.records[0]
            best = int(np.argmax(margin[i])) if parts else -1
            if best >= 0 and scores[i, best] >= MIN_NEWS_SCORE and margin[i, best] >= MIN_NEWS_MARGIN:
                target, score = parts[best], float(scores[i, best])
            elif again[i] is not None and again[i][1] >= REPORTED_AGAIN_SCORE:
                target, score = reported.units[again[i][0]], again[i][1]
            else:
                own(record)
                reported.add(unit, own_vectors[i] if own_vectors is not None else None)
                continue
            _attach(owner[target.key], record, score, "sentence")
            owner[record["id"]] = owner[target.key]
    return entries


def _with_concepts(scores: np.ndarray, foreign: list[Unit], canonical: list[Unit]) -> np.ndarray:
    """Cosines (len(foreign), len(canonical)) plus concept evidence, in place."""
    for i, f in enumerate(foreign):
        if f.concepts:
            for j, c in enumerate(canonical):
                scores[i, j] += concept_score(f.concepts, c.concepts)
    return scores


class _Reported:
    """News sentences of a block that aligned with nothing, with their vectors in one growing
    matrix (a sentence added without one is embedded when first needed). A new sentence meets
    them all in one product, but concept evidence is read only for those whose cosine could still
    reach REPORTED_AGAIN_SCORE with it (at most CONCEPT_WEIGHT more): what made a block of 800
    reports take 13 s was that evidence read for every pair."""

    def __init__(self, vectors: Vectors) -> None:
        self.vectors = vectors
        self.units: list[Unit] = []
        self._matrix: np.ndarray | None = None
        self._filled = 0  # rows of the matrix holding their unit's vector

    def add(self, unit: Unit, vector: np.ndarray | None = None) -> None:
        self.units.append(unit)
        if vector is not None and self._filled == len(self.units) - 1:
            self._fill([vector])

    def _fill(self, rows: list[np.ndarray] | np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.float32)
        needed = self._filled + len(rows)
        if self._matrix is None or needed > len(self._matrix):
            grown = np.empty((max(16, 2 * needed), rows.shape[1]), dtype=np.float32)
            if self._matrix is not None:
                grown[:self._filled] = self._matrix[:self._filled]
            self._matrix = grown
        self._matrix[self._filled:needed] = rows
        self._filled = needed

    def best(self, vectors: np.ndarray, foreign: list[Unit]) -> list[tuple[int, float] | None]:
        """Per sentence, the earlier one it scores highest with (cosine plus concept evidence),
        among those that could reach REPORTED_AGAIN_SCORE; None when none could."""
        if not self.units:
            return [None] * len(foreign)
        if self._filled < len(self.units):
            self._fill(self.vectors([u.meaning for u in self.units[self._filled:]]))
        assert self._matrix is not None
        cosine = vectors @ self._matrix[:self._filled].T
        out: list[tuple[int, float] | None] = []
        for i, f in enumerate(foreign):
            near = np.nonzero(cosine[i] >= REPORTED_AGAIN_SCORE - CONCEPT_WEIGHT - 1e-6)[0]
            if not len(near):
                out.append(None)
                continue
            scores = cosine[i, near]  # a copy: float32, as similarity() computes them
            if f.concepts:
                for k, j in enumerate(near.tolist()):
                    scores[k] += concept_score(f.concepts, self.units[j].concepts)
            k = int(np.argmax(scores))
            out.append((int(near[k]), float(scores[k])))
        return out


def align_commitments(documents: Iterable[Summary], records_of: ByDocument, dates: Mapping[str, date | Period | None],
                      mentions: ByDocument, vectors: Vectors,
                      only: str | Collection[str] | None = None, pairs_only: bool = False,
                      prefetch: Callable[[list[str]], None] | None = None) -> Iterator[dict[str, Any]]:
    """The register, block by block: every commitment record in one register commitment (in two
    when it renders two clauses merged), which lists all its variants (document, language, text,
    offsets, and how and how well each matched). Records are fetched a block at a time; with
    `only` (a document id, or several), only the blocks of those documents are aligned; with
    `pairs_only`, only blocks of two countries. `prefetch`, when given, is told the documents of
    the next blocks (PREFETCH_DOCUMENTS at least) before their records and mentions are asked
    for: a store reads them in a few statements, not a few per document."""
    memo = MemoryCache(vectors)
    wanted = {only} if isinstance(only, str) else set(only or ())
    chosen = [block for block in blocks(documents, dates)
              if (only is None or not wanted.isdisjoint([*block.statements, *block.news]))
              and not (pairs_only and len(block.pair) != 2)]  # the register tracks pairs only
    ahead = 0  # blocks whose documents were prefetched
    for n, block in enumerate(chosen):
        if prefetch is not None and n == ahead:
            batch: list[str] = []
            while ahead < len(chosen) and len(batch) < PREFETCH_DOCUMENTS:
                batch += [*chosen[ahead].statements, *chosen[ahead].news]
                ahead += 1
            prefetch(batch)
        yield from align_block(block, records_of, mentions, memo)
        if len(memo.vectors) > MEMO_TEXTS:
            memo.vectors.clear()
