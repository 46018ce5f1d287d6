"""Start-up cost of the CLI: import time (python -X importtime) and wall time per command.

Runs each command in a fresh interpreter a few times on a small register and prints the median
of the import time the command's own modules cost (the sum of the top-level imports, less those
of an empty interpreter) and of the whole run.

    .venv/bin/python bench/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = (
    ["--version"],
    ["--help"],
    ["stats"],
    ["facts", "--kind", "partnership"],
    ["entities", "--limit", "3"],
    ["search", "hop tac", "--limit", "3"],
)
# A top-level line of -X importtime output: "import time: self | cumulative | name" at indent 0.
_TOP = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| (\S.*)$")
RUNNER = "import sys; from communique.cli import main; sys.argv = ['communique'] + sys.argv[1:]; main()"


def import_seconds(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds of imports at top level, wall seconds) of one run of the command."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", RUNNER, *args], capture_output=True,
                          text=True, env=env)
    wall = time.perf_counter() - started
    total = sum(int(m.group(1)) for line in proc.stderr.splitlines() if (m := _TOP.match(line)))
    return total / 1e6, wall


def baseline(env: dict[str, str]) -> float:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True, env=env)
    return sum(int(m.group(1)) for line in proc.stderr.splitlines() if (m := _TOP.match(line))) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    samples = Path(__file__).resolve().parents[1] / "samples"
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "s.db")
        env = dict(os.environ, COMMUNIQUE_DB=db)
        subprocess.run([sys.executable, "-c", RUNNER, "ingest", str(samples), "-q"], env=env,
                       capture_output=True, check=False)
        empty = statistics.median(baseline(env) for _ in range(args.repeat))
        print(f"{'command':<32} {'imports (s)':>12} {'wall (s)':>9}")
        for command in COMMANDS:
            runs = [import_seconds(command, env) for _ in range(args.repeat)]
            imports = statistics.median(r[0] for r in runs) - empty
            wall = statistics.median(r[1] for r in runs)
            print(f"{' '.join(command):<32} {imports:>12.3f} {wall:>9.2f}")


if __name__ == "__main__":
    main()
