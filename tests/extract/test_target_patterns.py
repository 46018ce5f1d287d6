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
    words = [*data["qualifiers_before"], *data["currency_symbols"], *ISO_CURRENCIES, *data["scales"],
             *data["currency_words"], *data["units"], *data["percent_words"], *data["percent_prefixes"],
             *data["qualifiers_after"], *data["goal_words"], *data["fact_words"], *data["range_starters"],
             *data["hint_words"]]
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
