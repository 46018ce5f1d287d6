"""Sentence splitting for every language, behind one function (`sentence_spans`).

Split after sentence punctuation followed by a space (closing quotes and brackets stay with their
sentence), right after Chinese full-width punctuation, and at line breaks; never after an
abbreviation of the language (`data/sentences.yaml`: "Mr.", "U.S.", "Sept.", "TS.", "Tp.") or an
initial ("John F. Kennedy"), nor before a lower-case word.

A rule-based splitter on purpose: pysbd (the maintained library for en/zh) ran at about 40,000
characters a second here, a thousand times slower than this one, and has no Vietnamese;
underthesea's splitter returns strings without offsets. Both would also need the text's own
offsets recovered.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from communique.text.languages import language_code

_CLOSERS = r"”’」』\"')）\]"  # closing quotes and brackets (inside a character class)
_SENTENCE_END = re.compile(
    rf"(?:(?<=[.!?;；。！？])|(?<=[.!?;；。！？][{_CLOSERS}]))\s+"  # punctuation (and a closer), a space
    rf"|(?<=[。！？；])(?![{_CLOSERS}])|(?<=[。！？；][{_CLOSERS}])(?![{_CLOSERS}])"  # full-width: no space
    r"|\n+"
)
# The word a period follows: "H.E." gives "H.E", "(Mr." gives "Mr".
_WORD_BEFORE_PERIOD = re.compile(r"([^\s(\[\"'“‘«]+)\.$")
ABBREVIATION_REACH = 24  # characters before a period read for the abbreviation it may end


@lru_cache(maxsize=2)
def _abbreviations(key: str) -> dict[str, frozenset[str]]:
    """Per language, the words of one list of data/sentences.yaml (lower case, without the period)."""
    text = resources.files("communique.text").joinpath("data/sentences.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)[key]
    return {lang: frozenset(str(w).casefold() for w in words or ()) for lang, words in data.items()}


def abbreviations_for(lang: str | None, key: str = "abbreviations") -> frozenset[str]:
    """The language's abbreviations with the English ones (Latin names and titles in vi/zh texts:
    "H.E. Mr. …"); all of them for an unknown language. `key="before_number"`: those that are
    abbreviations only before a number."""
    table = _abbreviations(key)
    code = language_code(lang)
    if code not in table:
        return frozenset().union(*table.values())
    return table[code] | table.get("en", frozenset())


def _ends_sentence(text: str, period_end: int, next_start: int, abbreviations: frozenset[str],
                   before_number: frozenset[str] = frozenset()) -> bool:
    """Whether the period before `period_end` ends a sentence."""
    if next_start < len(text) and text[next_start].islower():
        return False
    m = _WORD_BEFORE_PERIOD.search(text, max(0, period_end - ABBREVIATION_REACH), period_end)
    if m is None:
        return True
    word = m.group(1)
    if len(word) == 1 and word.isalpha():
        return False
    key = word.casefold()
    if key in before_number:
        return not (next_start < len(text) and text[next_start].isdigit())
    return key not in abbreviations


def sentence_spans(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, without the spaces between sentences."""
    abbreviations = abbreviations_for(lang)
    before_number = abbreviations_for(lang, "before_number")
    out = []
    pos = 0
    padded = text + "\n"
    for m in _SENTENCE_END.finditer(padded):
        if (m.start() > 0 and padded[m.start() - 1] == "." and "\n" not in m.group()
                and not _ends_sentence(padded, m.start(), m.end(), abbreviations, before_number)):
            continue
        start, end = pos, m.start()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
        pos = m.end()
    return out
