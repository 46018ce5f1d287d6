"""CPU time of each per-document stage on real text, in one process: MB and documents per CPU-second.

    .venv/bin/python bench/stages.py [--copies 20] [--profile out.txt]

The texts are the seeds and the development documents in ../shared (never copied into the
repository), each copied --copies times with small changes: a numbered sentence at the top and
its paragraphs rotated, so that no two copies are the same text and no cache answers for a copy.
The KB is loaded and every pattern compiled before timing starts (its cost is printed apart); the
timed part is read → clean → language → link → extract → signature, as a worker runs it, without
storing. CPU time is `time.process_time()` around each stage.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def make_copies(out: Path, copies: int) -> int:
    """Writes the varied copies; returns the bytes written."""
    total = 0
    sources = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "dev").glob("*.txt"))
    for source in sources:
        lines = source.read_text(encoding="utf-8").split("\n")
        head, middle = lines[:2], lines[2:]
        for i in range(copies):
            shift = (i * 3) % max(1, len(middle))
            text = "\n".join(head + [f"({i})"] + middle[shift:] + middle[:shift]) + "\n"
            path = out / f"{source.stem}-{i:03d}.txt"
            path.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--profile", type=Path, help="also write cProfile stats (cumulative) to this file")
    args = parser.parse_args()
    started = time.process_time()
    from communique.ingest import read_path
    from communique.pipeline import stages

    steps = stages(())
    warm = time.process_time() - started
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        folder = Path(tmp)
        size = make_copies(folder, args.copies)
        paths = sorted(folder.iterdir())
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        spent: dict[str, float] = defaultdict(float)
        documents = 0
        for path in paths:
            clock = time.process_time()
            items = list(read_path(path))
            spent["read"] += time.process_time() - clock
            for doc in items:
                documents += 1
                for name, stage in steps:
                    clock = time.process_time()
                    doc = stage(doc)
                    spent[name] += time.process_time() - clock
        if profiler is not None:
            import pstats

            profiler.disable()
            with args.profile.open("w") as out:
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(80)
    total = sum(spent.values())
    print(f"{documents} documents, {size / 1e6:.2f} MB ({size / documents / 1024:.1f} KB each); "
          f"start-up (imports, KB, patterns) {warm:.2f} CPU-s")
    print("| stage | CPU s | ms/document | share |")
    print("|---|---|---|---|")
    for name, seconds in spent.items():
        print(f"| {name} | {seconds:.2f} | {seconds / documents * 1000:.2f} | {seconds / total:.0%} |")
    print(f"| **all** | {total:.2f} | {total / documents * 1000:.2f} | |")
    print(f"\n{documents / total:.1f} documents/CPU-s, {size / 1e6 / total:.3f} MB/CPU-s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
