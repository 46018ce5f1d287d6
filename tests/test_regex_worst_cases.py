"""Linear-time matching (issue 15, bounded work): each regular expression the package compiles gets
10⁵ characters of its own worst cases (tests/regex_worst_cases.py) and none takes long on them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.regex_worst_cases import RUN, worst_cases

AUDIT = Path(__file__).with_name("regex_worst_cases.py")
# Patterns found slow by this audit and fixed, as they were: a run of letters before a required one,
# and a run of spaces before a separator, each scanned again from every position of the run.
WERE_QUADRATIC = [
    (r"[A-Za-z\u00c0-\u024f]*[ơưăđ][A-Za-z\u00c0-\u024f]*", "a"),
    (r"[,;:]\s*|\s+-\s+|\(", " "),
]


def test_the_worst_cases_of_a_pattern_are_runs_of_what_it_repeats():
    for pattern, run_of in WERE_QUADRATIC:
        assert run_of * RUN in worst_cases(pattern, 0)


def test_no_pattern_of_any_stage_is_slow_on_its_worst_cases():
    result = subprocess.run([sys.executable, str(AUDIT)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    summary, slow = lines[-1], lines[:-1]
    assert not slow, slow
    # the audit saw the patterns of every stage, not an empty set
    assert summary["patterns"] > 200
    for stage in ("communique.clean.chrome", "communique.text.dates", "communique.extract.targets",
                  "communique.link.linker", "communique.language", "communique.ingest.sniff"):
        assert stage in summary["modules"]
