"""Latency of the served pages and text search against `communique serve` on localhost: p50/p95
of search (API, text mode), the partnership page and a commitment page, with 20 concurrent clients.

    .venv/bin/python bench/serve.py --documents 2000 --clients 20 --requests 2000
    .venv/bin/python bench/serve.py --db sqlite:///big.db --clients 20 --requests 2000   # a register made before
                                                        # (e.g. bench/gen.py then `communique ingest`)
"""

from __future__ import annotations

import argparse
import http.client
import random
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from http_load import Server, Timings, build_register, percentile, request

QUERIES = ["Sadao", "scholarships", "halal industry", "rubber prices", "hợp tác", "奖学金", "border crossing",
           "Songkhla", "energy trade", "tourism", "renewable energy", "năng lượng tái tạo", "maritime security",
           "an ninh hàng hải", "可再生能源", "digital trade", "học bổng", "direct flights", "net zero", "fisheries"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="in all, spread over the clients")
    parser.add_argument("--db", default=None, help="serve this register rather than build one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        if args.db:
            db = args.db
        else:
            db = build_register(Path(folder), args.documents)
            print(f"register of {args.documents + 6} documents built in {time.perf_counter() - started:.0f} s")
        server = Server(db, Path(folder))
        try:
            stats = server.get_json("/api/v1/stats")
            commitments = server.get_json("/api/v1/commitments?limit=200")["items"]
            pairs = Counter(c["parties"] for c in commitments).most_common(5)
            print(f"serving {stats['documents']:,} documents; partnership pages of {', '.join(p for p, _ in pairs)}")
            paths = {"search": [f"/api/v1/search?q={quote(q)}&limit=10" for q in QUERIES],
                     "partnership page": [f"/partnerships/{p}" for p, _ in pairs],
                     "commitment page": [f"/commitments/{quote(c['id'])}" for c in commitments]}
            timings = Timings()
            per_client = args.requests // args.clients

            def client(seed: int) -> None:
                rng = random.Random(seed)
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                for _ in range(per_client):
                    kind = rng.choice(list(paths))
                    path = rng.choice(paths[kind])
                    t0 = time.perf_counter()
                    status, _ = request(connection, "GET", path, headers={"Accept": "text/html"})
                    timings.add(kind, time.perf_counter() - t0)
                    if status != 200:
                        timings.error(f"{status} {path}")

            threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
            print(f"{per_client * args.clients} requests by {args.clients} clients in {elapsed:.1f} s "
                  f"({per_client * args.clients / elapsed:.0f}/s), {len(timings.errors)} errors, "
                  f"server RSS {server.rss_mb():.0f} MB")
            print("| kind | requests | p50 ms | p95 ms |\n|---|---|---|---|")
            for kind, values in timings.by_kind.items():
                print(f"| {kind} | {len(values)} | {percentile(values, 0.5) * 1000:.0f} | "
                      f"{percentile(values, 0.95) * 1000:.0f} |")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
