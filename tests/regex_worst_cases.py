"""Every regular expression Communiqué compiles, fed 10⁵ characters of its own worst cases.

Run in a fresh interpreter (`python tests/regex_worst_cases.py`): `re._compile` (behind every
`re.compile`, `re.search`, `re.sub`...) is wrapped before the package is imported, so the patterns
compiled at import and those built from the language data while documents are processed are all
recorded, with the module that compiled them. For each pattern the worst cases are runs of the
characters it repeats (a backtracking blow-up needs a long run the repeated part accepts): each such
character alone, and pairs of them alternating. Every case is scanned with `finditer` to the end, as
the stages do, under an alarm; the result is one JSON line per pattern slower than `SLOW_SECONDS`.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import signal
import sys
import time
from re import _parser as sre_parse  # the standard library's own parser
from typing import Any

RUN = 100_000  # characters per case
SLOW_SECONDS = 5.0  # a linear scan of RUN characters takes well under a second; a quadratic one, minutes
REPEATED_CHARS = 6  # characters tried alone per pattern
PAIRED_CHARS = 4  # of which the first ones are also tried in alternating pairs
# A representative character of each category a class can hold.
CATEGORY_SAMPLES = {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a", "CATEGORY_NOT_DIGIT": "a",
                    "CATEGORY_NOT_SPACE": "a", "CATEGORY_NOT_WORD": "."}
SAMPLE_TEXTS = [  # written for this audit: one per language, so the per-language patterns get built
    "Ngày 5/3/2025, Việt Nam và Singapore nhất trí nâng kim ngạch lên 10 tỷ USD vào năm 2030.",
    "2025年3月5日，中国和越南同意，到2030年双边贸易额达到1000亿美元。",
    "On 5 March 2025 Vietnam and the UK agreed to reach $5 billion of trade by 2030.",
    "Le 5 mars 2025, la France et le Vietnam ont signé un accord.",
]

recorded: dict[tuple[str, int], tuple[re.Pattern[str], str]] = {}


def _record() -> None:
    original = re._compile  # type: ignore[attr-defined]

    def compile_and_record(pattern: Any, flags: Any = 0) -> Any:
        compiled = original(pattern, flags)
        if isinstance(pattern, str) and (pattern, int(flags)) not in recorded:
            frame = sys._getframe(1)
            while frame is not None and frame.f_globals.get("__name__", "") in ("re", "re._compiler", "re.__init__"):
                frame = frame.f_back
            module = frame.f_globals.get("__name__", "") if frame is not None else ""
            if module.startswith("communique"):
                recorded[(pattern, int(flags))] = (compiled, module)
        return compiled

    re._compile = compile_and_record  # type: ignore[attr-defined]


def _repeated(items: Any, in_repeat: bool, out: dict[str, bool]) -> None:
    """Characters the pattern can match, each with whether a repeat (more than once) holds it."""
    for op, av in items:
        name = str(op)
        chars: list[str] = []
        if name == "LITERAL":
            chars = [chr(av)]
        elif name == "IN":
            for member_op, member in av:
                kind = str(member_op)
                if kind == "LITERAL":
                    chars.append(chr(member))
                elif kind == "RANGE":
                    chars.append(chr(member[0]))
                elif kind == "CATEGORY" and str(member) in CATEGORY_SAMPLES:
                    chars.append(CATEGORY_SAMPLES[str(member)])
        elif name == "SUBPATTERN":
            _repeated(av[3], in_repeat, out)
        elif name == "BRANCH":
            for alternative in av[1]:
                _repeated(alternative, in_repeat, out)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _repeated(av[2], in_repeat or av[1] > 1, out)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _repeated(av[1], in_repeat, out)
        for char in chars:
            out[char] = out.get(char, False) or in_repeat


def worst_cases(pattern: str, flags: int) -> list[str]:
    found: dict[str, bool] = {}
    _repeated(sre_parse.parse(pattern, flags), False, found)
    chars = [c for c, repeated in found.items() if repeated][:REPEATED_CHARS] or list(found)[:PAIRED_CHARS]
    pairs = chars[:PAIRED_CHARS]
    return [c * RUN for c in chars] + [(a + b) * (RUN // 2) for i, a in enumerate(pairs) for b in pairs[i + 1:]]


class _Late(Exception):
    pass


def _scan(compiled: re.Pattern[str], text: str) -> float:
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, SLOW_SECONDS * 2)
    try:
        for _ in compiled.finditer(text):
            pass
    except _Late:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.monotonic() - started


def main() -> None:
    _record()
    package = importlib.import_module("communique")
    for module in pkgutil.walk_packages(package.__path__, "communique."):
        importlib.import_module(module.name)
    from communique import pipeline
    from communique.model import Document

    for n, text in enumerate(SAMPLE_TEXTS):
        pipeline.process(Document(path=f"sample-{n}", raw=text))

    def late(_signum: int, _frame: object) -> None:
        raise _Late()

    signal.signal(signal.SIGALRM, late)
    scans = 0
    started = time.monotonic()
    for (pattern, flags), (compiled, module) in sorted(recorded.items(), key=lambda item: item[1][1]):
        for case in worst_cases(pattern, flags):
            scans += 1
            seconds = _scan(compiled, case)
            if seconds > SLOW_SECONDS:
                print(json.dumps({"module": module, "pattern": pattern[:200], "case": case[:8],
                                  "seconds": round(seconds, 2)}, ensure_ascii=False), flush=True)
    print(json.dumps({"patterns": len(recorded), "scans": scans, "seconds": round(time.monotonic() - started, 1),
                      "modules": sorted({module for _, module in recorded.values()})}), flush=True)


if __name__ == "__main__":
    main()
