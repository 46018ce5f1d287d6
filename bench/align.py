"""Clause alignment and cross-lingual retrieval on the evaluation sets of tests/data.

    .venv/bin/python bench/align.py

Alignment: the Chinese joint statement (seed 003, read from ../shared) against our own English
and Vietnamese paraphrases of its clauses (tests/data/alignment.yaml: shuffled, some merged, some
left out, some decoys), each made into a numbered statement and run through the whole pipeline.
Retrieval: tests/data/retrieval.yaml's English queries against the seeds' paragraphs (MRR).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from communique import api, pipeline
from communique.merge.embeddings import MemoryCache, embedder
from communique.merge.evaluation import (
    alignment_scores,
    clause_alignment,
    mean_reciprocal_rank,
    retrieval_rank,
    statement_text,
)
from communique.model import Document
from communique.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
TITLES = {"en": "JOINT STATEMENT ON THE COMPREHENSIVE STRATEGIC PARTNERSHIP BETWEEN VIET NAM AND THE UNITED KINGDOM",
          "vi": "TUYÊN BỐ CHUNG VỀ QUAN HỆ ĐỐI TÁC CHIẾN LƯỢC TOÀN DIỆN VIỆT NAM - VƯƠNG QUỐC ANH"}


def processed(path: str, text: str) -> Document:
    return pipeline.process(Document(path=path, raw=text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every item's prediction")
    args = parser.parse_args()
    items = yaml.safe_load((ROOT / "tests/data/alignment.yaml").read_text(encoding="utf-8"))
    seed = next(SEEDS.glob("003_*"))
    canonical = processed(str(seed), seed.read_text(encoding="utf-8"))
    vectors = MemoryCache(embedder())
    for lang, rows in items.items():
        t0 = time.perf_counter()
        translation = processed(f"{lang}.txt", statement_text(TITLES[lang], [r["text"] for r in rows]))
        found = clause_alignment(canonical, translation, vectors)
        predicted = [found.get(str(n), set()) for n in range(1, len(rows) + 1)]
        gold = [{str(c) for c in r["clauses"]} for r in rows]
        print(f"{lang}: {alignment_scores(predicted, gold)}  ({time.perf_counter() - t0:.1f} s)")
        if args.show:
            for n, (p, g, r) in enumerate(zip(predicted, gold, rows, strict=True), 1):
                mark = "ok " if p == g else "BAD"
                print(f"  {mark} {n:>2} gold={sorted(g, key=int)} got={sorted(p, key=int)} {r['text'][:70]}")
    print(f"embedded {vectors.embedded} texts")
    retrieval()


def retrieval() -> None:
    queries = yaml.safe_load((ROOT / "tests/data/retrieval.yaml").read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/seeds.db")
        api.ingest([SEEDS], db=store)
        t0 = time.perf_counter()
        ranks = [retrieval_rank(api.search_passages(q["query"], db=store, limit=10), q["document"], q["contains"],
                                lambda d: store.get(d).body) for q in queries]
        took = time.perf_counter() - t0
    top3 = sum(1 for r in ranks if r and r <= 3) / len(ranks)
    print(f"retrieval: {len(ranks)} English queries, top-1 {sum(r == 1 for r in ranks) / len(ranks):.2f}, "
          f"top-3 {top3:.2f}, MRR {mean_reciprocal_rank(ranks):.3f}, ranks {ranks}  ({took:.1f} s, "
          "first query embeds every paragraph)")


if __name__ == "__main__":
    main()
