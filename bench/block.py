"""Commitment alignment within one block (one pair, one statement group) as the block grows: a
statement of STATEMENT_CLAUSES clauses and N news documents of the same week, each with
COMMITMENTS_PER_NEWS commitment sentences (a restated clause, a sentence an earlier report
carried, new ones) naming KB concepts. Vectors come from each text's hash (bench/track.py's
HashEmbedder: no model time); what is timed is alignment's own work per document.

    .venv/bin/python bench/block.py --documents 100 --documents 400 --documents 1600

Prints, per N: seconds for the block, milliseconds per news document, register commitments made.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.track import HashEmbedder  # noqa: E402

from communique.merge.align import Block, align_block  # noqa: E402
from communique.merge.embeddings import MemoryCache  # noqa: E402
from communique.model import period  # noqa: E402

STATEMENT_CLAUSES = 40
COMMITMENTS_PER_NEWS = 4
CONCEPTS = [f"instrument:bench-{n}" for n in range(30)] + [f"place:bench-{n}" for n in range(20)]
TOPICS = ("rubber", "halal food", "border trade", "tourism", "fisheries", "rail links", "clean energy",
          "scholarships", "vaccines", "semiconductors", "critical minerals", "digital payments")


def _record(doc: str, n: int, text: str, clause: str | None) -> dict[str, Any]:
    return {"id": f"{doc}-{n}", "documents": [doc], "text": text, "clause": clause, "parties": ["MY", "TH"],
            "variants": [{"document": doc, "text": text, "start": 100 * n, "end": 100 * n + len(text)}]}


def corpus(news: int, seed: int = 1) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Records and mentions of one statement and `news` reports."""
    rng = random.Random(seed)
    records: dict[str, list[dict[str, Any]]] = {}
    found: dict[str, list[dict[str, Any]]] = {}
    clauses = [f"The two sides will expand cooperation on {rng.choice(TOPICS)} through programme {n}."
               for n in range(STATEMENT_CLAUSES)]
    records["statement"] = [_record("statement", n, t, str(n + 1)) for n, t in enumerate(clauses)]
    found["statement"] = [{"entity": rng.choice(CONCEPTS), "start": 100 * n + 5, "end": 100 * n + 9}
                          for n in range(STATEMENT_CLAUSES)]
    carried: list[str] = []
    for d in range(news):
        doc = f"news{d:05d}"
        texts = []
        for n in range(COMMITMENTS_PER_NEWS):
            roll = rng.random()
            if roll < 0.3:
                texts.append(rng.choice(clauses))  # a clause restated
            elif roll < 0.5 and carried:
                texts.append(rng.choice(carried))  # what an earlier report said
            else:
                texts.append(f"Officials said work on {rng.choice(TOPICS)} item {d}-{n} would start soon.")
                carried.append(texts[-1])
        records[doc] = [_record(doc, n, t, None) for n, t in enumerate(texts)]
        found[doc] = [{"entity": rng.choice(CONCEPTS), "start": 100 * n + 5, "end": 100 * n + 9}
                      for n in range(len(texts))]
    return records, found


def run(news: int) -> tuple[float, int]:
    records, found = corpus(news)
    block = Block(("MY", "TH"), period(date(2025, 3, 10).isoformat()), ["statement"],
                  [d for d in records if d != "statement"])
    vectors = MemoryCache(HashEmbedder())
    started = time.process_time()
    entries = align_block(block, records.__getitem__, found.__getitem__, vectors)
    return time.process_time() - started, len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, action="append", help="news documents in the block (repeatable)")
    args = parser.parse_args()
    print("| news documents | CPU s | ms per document | register commitments |")
    print("|---|---|---|---|")
    for news in args.documents or [100, 200, 400, 800, 1600]:
        seconds, made = run(news)
        print(f"| {news:,} | {seconds:.2f} | {1000 * seconds / news:.1f} | {made:,} |", flush=True)


if __name__ == "__main__":
    main()
