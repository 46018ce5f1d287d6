"""The target patterns stand behind a lookahead for their first characters (for speed); they
must match exactly what the patterns without it match."""

from __future__ import annotations

import re

import pytest

from communique.extract.targets import ISO_CURRENCIES, LANGUAGES, _compiled

GUARD = re.compile(r"^\(\?=\[[^\]]*(?:\\.[^\]]*)*\]\)\(\?:(.*)\)$", re.DOTALL)


def _lexicon_text(name: str) -> str:
    """Every word of the language's tables before, between and after numbers, in both cases."""
    data = LANGUAGES[name]
    words = [*data.QUALIFIERS_BEFORE, *data.CURRENCY_SYMBOLS, *ISO_CURRENCIES, *data.SCALES,
             *data.CURRENCY_WORDS, *data.UNITS, *data.PERCENT_WORDS, *data.PERCENT_PREFIXES,
             *data.QUALIFIERS_AFTER, *data.GOAL_WORDS, *data.FACT_WORDS, *data.RANGE_STARTERS,
             *data.HINT_WORDS]
    numbers = ["5", "1.500", "2,5", "３０", "五千", "十", "2030"]
    parts = []
    for n, word in enumerate(words):
        number = numbers[n % len(numbers)]
        parts += [f"{word} {number}", f"{number} {word}", f"{word}{number}{word}", f"x{word}",
                  word.upper(), f"{word.capitalize()} {number} {word}."]
    return " ".join(parts)


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_guarded_patterns_match_as_the_unguarded(name):
    compiled = _compiled(name)
    text = _lexicon_text(name)
    for attribute in ("amount", "percent", "goal", "fact", "range_starter", "hint"):
        pattern = getattr(compiled, attribute)
        if pattern is None:
            continue
        unguarded = GUARD.match(pattern.pattern)
        assert unguarded, attribute
        plain = re.compile(unguarded.group(1), pattern.flags)
        found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)], attribute
        assert found, attribute
