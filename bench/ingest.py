"""Ingest throughput and peak memory on N varied copies of the seed documents.

    .venv/bin/python bench/ingest.py --n 1000 [--n 10000] [--workers 2]

Copies are made from the seeds in ../shared/seeds: each keeps the seed's first lines (headline,
chrome at the top) and tail (byline, site chrome), takes a random run of its paragraphs to about
--size bytes, and gets a numbered sentence so that no two copies are the same document. Files
are written before timing starts; the timed part is `communique.api.ingest` into a fresh SQLite
file, as `communique ingest` runs it. Prints documents/s, MB/s and peak RSS of this process and
its workers (ru_maxrss), so that runs with different N show whether memory stays flat.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from communique import api

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def make_copies(out: Path, n: int, size: int, rng: random.Random) -> int:
    """Write n varied copies; returns the total bytes written."""
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
    total = 0
    for i in range(n):
        lines = seeds[i % len(seeds)]
        head, middle, tail = lines[:2], lines[2:-12], lines[-12:]
        start = rng.randrange(max(1, len(middle) - 4))
        picked: list[str] = []
        used = 0
        for line in middle[start:] + middle[:start]:
            if used > size:
                break
            picked.append(line)
            used += len(line.encode("utf-8"))
        marker = f"Bản tin số {i} ghi nhận thêm {rng.randrange(10**6)} lượt quan tâm từ bạn đọc."
        text = "\n".join(head + [marker] + picked + tail) + "\n"
        path = out / f"{i // 1000:03d}" / f"copy_{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, action="append", help="number of copies (repeatable)")
    ap.add_argument("--size", type=int, default=5000, help="approximate bytes per copy")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for n in args.n or [1000]:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            total = make_copies(corpus, n, args.size, random.Random(args.seed))
            db = "sqlite:///" + str(Path(tmp) / "bench.db")
            cpu_before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            report = api.ingest([corpus], db=db, workers=args.workers)
            elapsed = time.perf_counter() - started
            own_cpu = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(cpu_before[0])
            worker_cpu = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(cpu_before[1])
            own, children = peak_rss_mb()
            print(f"n={n} files={report.files} stored={report.counts['new']} rejected={report.counts['rejected']} "
                  f"avg_kb={total / n / 1024:.1f} seconds={elapsed:.1f} docs_per_s={n / elapsed:.0f} "
                  f"mb_per_s={total / elapsed / 1e6:.2f} peak_rss_main_mb={own:.0f} "
                  f"peak_rss_worker_mb={children:.0f} workers={args.workers} "
                  f"cpu_ms_per_doc_main={own_cpu / n * 1000:.1f} cpu_ms_per_doc_workers={worker_cpu / n * 1000:.1f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
