"""Figures for the evaluation sets in tests/data: clause alignment and cross-lingual retrieval.

Pure functions over predictions and gold answers, shared by the tests (which assert goals) and
bench/align.py (which prints the figures published in bench/RESULTS.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from communique.merge.align import Block, Vectors, align_block
from communique.model import Document
from communique.store import Hit


@dataclass(frozen=True)
class AlignmentScores:
    items: int
    accuracy: float  # items whose predicted clause set is exactly the gold set (a decoy: empty)
    precision: float  # predicted (item, clause) links that are right
    recall: float  # gold links that were predicted
    wrong: int  # items given a clause set that is neither the gold one nor empty

    def __str__(self) -> str:
        return (f"items={self.items} accuracy={self.accuracy:.3f} precision={self.precision:.3f} "
                f"recall={self.recall:.3f} wrong={self.wrong}")


def alignment_scores(predicted: Sequence[Iterable[str]], gold: Sequence[Iterable[str]]) -> AlignmentScores:
    """Compare, item by item, the predicted set of clauses with the gold set."""
    right_items = right_links = predicted_links = gold_links = wrong = 0
    for p, g in zip(predicted, gold, strict=True):
        ps, gs = set(p), set(g)
        right_items += ps == gs
        wrong += bool(ps) and ps != gs
        right_links += len(ps & gs)
        predicted_links += len(ps)
        gold_links += len(gs)
    n = len(gold)
    return AlignmentScores(n, right_items / n if n else 0.0,
                           right_links / predicted_links if predicted_links else 1.0,
                           right_links / gold_links if gold_links else 1.0, wrong)


def mean_reciprocal_rank(ranks: Iterable[int | None]) -> float:
    """MRR of 1-based ranks (None: not found)."""
    values = [1.0 / r if r else 0.0 for r in ranks]
    return sum(values) / len(values) if values else 0.0


def statement_text(title: str, texts: Sequence[str]) -> str:
    """A statement document made of `texts` as its numbered clauses (1., 2., ...)."""
    return "\n\n".join([title] + [f"{n}. {t}" for n, t in enumerate(texts, 1)]) + "\n"


def clause_alignment(canonical: Document, translation: Document, vectors: Vectors) -> dict[str, set[str]]:
    """For each clause number of `translation`, the clauses of `canonical` its commitments joined
    when the two statements are aligned as one block (empty: it stayed a commitment of its own)."""
    records = {d.id: d.facts.get("commitments", []) for d in (canonical, translation)}
    by_id = {d.id: d for d in (canonical, translation)}
    block = Block(pair=("", ""), date=None, statements=[canonical.id, translation.id])
    entries = align_block(block, records.__getitem__, lambda doc_id: by_id[doc_id].mentions, vectors)
    found: dict[str, set[str]] = {r["clause"]: set() for r in records[translation.id] if r.get("clause")}
    for entry in entries:
        if entry["documents"][0] != canonical.id:
            continue
        for variant in entry["variants"]:
            if variant["document"] == translation.id and variant.get("clause"):
                found[variant["clause"]].add(entry["clause"])
    return found


def retrieval_rank(hits: Sequence[Hit], document_prefix: str, contains: str,
                   body_of: Callable[[str], str]) -> int | None:
    """1-based rank of the first paragraph hit (id "document:paragraph start") from the file whose
    name starts with `document_prefix` and whose paragraph contains `contains`; None if none is."""
    for rank, hit in enumerate(hits, 1):
        doc_id, _, start = hit.id.partition(":")
        if not Path(hit.path).name.startswith(document_prefix):
            continue
        body = body_of(doc_id)
        end = body.find("\n", int(start))
        if contains in body[int(start):end if end >= 0 else None]:
            return rank
    return None
