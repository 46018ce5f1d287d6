"""Linking throughput on one core, knowledge-base load time and memory.

    .venv/bin/python bench/link.py [--mb 5]

Loads the packaged KB and builds the matcher (timed, with the process's RSS before and after),
then links the clean bodies of the seed documents (../shared/seeds) and the samples, repeated to
about --mb megabytes of text, in this one process. Prints KB load seconds, matcher build seconds,
RSS growth, MB/s and mentions found.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from communique.clean import clean
from communique.ingest import iter_paths, read_path
from communique.kb import base
from communique.link.linker import _matcher, link_text
from communique.model import Document

REPO = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="megabytes of text to link")
    args = ap.parse_args()
    bodies = []
    for path in iter_paths([REPO.parent / "shared" / "seeds", REPO / "samples"]):
        for item in read_path(path):
            if isinstance(item, Document):
                doc = clean(item)
                bodies.append((doc.body, "zh" if sum("\u4e00" <= c <= "\u9fff" for c in doc.body) > 100 else "vi"))
    before = rss_mb()
    started = time.perf_counter()
    kb = base.load_kb()
    loaded = time.perf_counter()
    _matcher(kb)
    built = time.perf_counter()
    after = rss_mb()
    target = args.mb * 1e6
    done = 0
    mentions = 0
    t0 = time.perf_counter()
    while done < target:
        for body, lang in bodies:
            mentions += len(link_text(body, kb, lang).mentions)
            done += len(body.encode("utf-8"))
    seconds = time.perf_counter() - t0
    print(f"kb_entities={len(kb.entities)} kb_load_s={loaded - started:.2f} matcher_build_s={built - loaded:.2f} "
          f"rss_growth_mb={after - before:.0f} text_mb={done / 1e6:.1f} seconds={seconds:.1f} "
          f"mb_per_s={done / 1e6 / seconds:.2f} mentions={mentions}")


if __name__ == "__main__":
    main()
