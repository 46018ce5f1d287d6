"""Time and peak memory of `communique ingest` on each hostile kind of input, one file at a time.

The files are those of the test battery (tests/ingest/test_hostile.py), written afresh; each is
ingested alone into a new register by a fresh process, and the outcome line is printed.

    .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))

from test_hostile import _battery  # noqa: E402  (the battery's generator, not a test run)

# The child reports its own peak memory when it ends (RUSAGE_CHILDREN would give the largest child's).
RUNNER = ("import resource, sys\nfrom communique.cli import main\nsys.argv = ['communique'] + sys.argv[1:]\n"
          "try:\n    main()\nfinally:\n"
          "    print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
COMMAND = [sys.executable, "-c", RUNNER]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "in"
        root.mkdir()
        _battery(root)
        print(f"{'file':<40} {'exit':>4} {'seconds':>8} {'peak MB':>8}  outcome")
        for path in sorted(root.iterdir(), key=lambda p: p.name):
            db = Path(folder) / f"{abs(hash(path.name))}.db"
            started = time.monotonic()
            proc = subprocess.run([*COMMAND, "ingest", str(path), "--db", str(db), "-q", "--workers", "1"],
                                  capture_output=True, text=True, timeout=600)
            seconds = time.monotonic() - started
            lines = proc.stderr.strip().splitlines()
            peak = next((int(x.split()[1]) for x in lines if x.startswith("PEAK_KB ")), 0) / 1024
            lines = [x for x in lines if not x.startswith("PEAK_KB ")]
            outcome = (lines or proc.stdout.strip().splitlines() or [""])[0]
            outcome = outcome.replace(str(root) + os.sep, "")
            print(f"{path.name[:40]!s:<40} {proc.returncode:>4} {seconds:>8.2f} {peak:>8.0f}  {outcome[:90]}")


if __name__ == "__main__":
    main()
