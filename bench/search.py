"""Full-text search latency on N varied copies of the seed documents.

    .venv/bin/python bench/search.py --n 10000 [--db FILE] [--repeat 5]

Builds the store with `communique.api.ingest` (the copies of bench/ingest.py), unless --db names
an existing SQLite file, which is then only read (and migrated). Prints, for each query, the
number of hits (limit 20) and the median wall time over --repeat runs of `Store.search`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from communique import api  # noqa: E402
from communique.store import Store  # noqa: E402
from ingest import make_copies  # noqa: E402

QUERIES = [
    "UK", "UK*", "hợp tác", "hop tac", "năng lượng sạch", '"năng lượng sạch"', "hòa bình", "CPTPP",
    "đầu tư OR thương mại", "hợp tác -kinh", "đ*", "thuong*", "伙伴关系", "英国", "UK* OR 英国",
]


def time_queries(store: Store, repeat: int) -> None:
    for query in QUERIES:
        times, hits = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            hits = store.search(query, limit=20)
            times.append(time.perf_counter() - started)
        print(f"{query!r:28} hits={len(hits):3d} median_ms={statistics.median(times) * 1000:8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="number of copies, when no --db is given")
    ap.add_argument("--db", help="an existing SQLite file to search")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        if args.db:
            db = "sqlite:///" + args.db
        else:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            make_copies(corpus, args.n, 5000, random.Random(7))
            db = "sqlite:///" + str(Path(tmp) / "bench.db")
            api.ingest([corpus], db=db, workers=args.workers)
        started = time.perf_counter()
        store = Store(db)
        print(f"open and migrate: {time.perf_counter() - started:.2f} s; documents: {store.stats()['documents']}")
        time_queries(store, args.repeat)


if __name__ == "__main__":
    main()
