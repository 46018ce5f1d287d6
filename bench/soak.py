"""Soak: mixed reads and writes against `communique serve` on localhost, bounded in time and count,
with 20 clients; prints errors, p95 latency, and the server's RSS at the start and at the end.

    .venv/bin/python bench/soak.py --minutes 10 --clients 20 --documents 500
    .venv/bin/python bench/soak.py --minutes 10 --clients 20 --db sqlite:///copy.db   # a register made before
                                      # (bench/gen.py, then `communique ingest`); the soak writes into it
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from http_load import Server, Timings, build_register, percentile, request

MAX_REQUESTS_PER_CLIENT = 100_000
READS = ["/", "/partnerships/{pair}", "/commitments", "/documents", "/search?q=Sadao",
         "/api/v1/commitments?limit=50", "/api/v1/events", "/api/v1/search?q=scholarships",
         "/feeds/pairs/{pair}.atom", "/api/v1/documents?format=csv"]
STATES = ["announced", "in_progress", "partial", "no_evidence"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--write-share", type=float, default=0.1, help="share of requests that write")
    parser.add_argument("--db", default=None, help="soak this register (it is written to) rather than build one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or build_register(Path(folder), args.documents)
        from communique import api
        from communique.serve import tokens

        # One token per client, as a desk of analysts has: the write limit is per token.
        store = api.open_store(db)
        client_tokens = [tokens.create(store, f"soak-{i}", "write")["token"] for i in range(args.clients)]
        server = Server(db, Path(folder))
        try:
            rows = server.get_json("/api/v1/commitments?limit=500")["items"]
            ids = [c["id"] for c in rows]
            pair = Counter(c["parties"] for c in rows).most_common(1)[0][0]
            reads = [r.format(pair=pair) for r in READS] + [f"/commitments/{quote(i)}" for i in ids[:20]]
            print(f"{len(ids)} commitments written to; pages of {pair}")
            timings = Timings()
            paths = Timings()  # reads by page
            deadline = time.monotonic() + args.minutes * 60
            rss = [(0.0, server.rss_mb())]

            def client(seed: int) -> None:
                rng = random.Random(seed)
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
                headers = {"Authorization": f"Bearer {client_tokens[seed]}", "Content-Type": "application/json"}
                for n in range(MAX_REQUESTS_PER_CLIENT):
                    if time.monotonic() > deadline:
                        return
                    t0 = time.perf_counter()
                    if rng.random() < args.write_share:
                        body = json.dumps({"implementation": rng.choice(STATES), "note": f"soak {seed}-{n}"})
                        path = f"/api/v1/commitments/{quote(rng.choice(ids))}/assessments"
                        status, _ = request(connection, "POST", path, body.encode(), headers)
                        kind, ok = "write", status == 201
                    else:
                        path = rng.choice(reads)
                        status, _ = request(connection, "GET", path, headers={"Accept": "text/html"})
                        kind, ok = "read", status == 200
                    took = time.perf_counter() - t0
                    timings.add(kind, took)
                    if kind == "read":
                        paths.add(path.split("?")[0] if not path.startswith("/commitments/") else "/commitments/ID",
                                  took)
                    if not ok:
                        timings.error(f"{status} {path}")

            def sample() -> None:
                while time.monotonic() < deadline:
                    time.sleep(30)
                    rss.append((args.minutes * 60 - (deadline - time.monotonic()), server.rss_mb()))

            threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
            threads.append(threading.Thread(target=sample, daemon=True))
            for t in threads:
                t.start()
            for t in threads[:-1]:
                t.join()
            rss.append((args.minutes * 60, server.rss_mb()))
            done = sum(len(v) for v in timings.by_kind.values())
            print(f"{done} requests in {args.minutes:g} min by {args.clients} clients, "
                  f"{len(timings.errors)} errors {timings.errors[:3]}")
            for kind, values in timings.by_kind.items():
                print(f"  {kind}: {len(values)} requests, p50 {percentile(values, 0.5) * 1000:.0f} ms, "
                      f"p95 {percentile(values, 0.95) * 1000:.0f} ms")
            print("  reads by page (p50 / p95 ms): " + "; ".join(
                f"{p} {percentile(v, 0.5) * 1000:.0f} / {percentile(v, 0.95) * 1000:.0f}"
                for p, v in sorted(paths.by_kind.items())))
            print(f"  server RSS: start {rss[0][1]:.0f} MB, end {rss[-1][1]:.0f} MB; samples "
                  + ", ".join(f"{t:.0f}s {m:.0f}" for t, m in rss))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
