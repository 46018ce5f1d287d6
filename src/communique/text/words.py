"""Finding listed words in text: one word index (Aho–Corasick) and one boundary rule for every
lexicon of clean, link and extract.

Words and text are compared in one form, chosen by the caller and applied to both: `fold` (no
diacritics, lower case: "hop tac" finds "hợp tác") or `search_form` (tone marks kept: "hội đàm"
never finds "hồi đáp"); both keep the text's length, so offsets are the text's own.

The boundary rule (`bounded`): a hit that starts with a letter or digit of a spaced script must
not continue a word on its left, one that ends with one must not continue a word on its right.
Chinese, Japanese and Korean characters ask for no boundary ("会谈" is found in "举行会谈").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import ahocorasick

from communique.text.normalize import is_word_char

# An English possessive at the end of a word ("Thailand's", "the Philippines'"): a name ends before it.
POSSESSIVE_END = re.compile(r"['’]s?$")

Label = TypeVar("Label")


def bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands at word boundaries (the module's rule)."""
    if is_word_char(text[start]) and start > 0 and is_word_char(text[start - 1]):
        return False
    return not (is_word_char(text[end - 1]) and end < len(text) and is_word_char(text[end]))


class WordIndex(Generic[Label]):
    """Words (already in the caller's form) with a label each, all found in one pass over a text.
    `boundaries=False` keeps every hit (anchors of a wider search, where a boundary is checked later)."""

    def __init__(self, labelled: Mapping[str, Label], boundaries: bool = True):
        self.boundaries = boundaries
        self.empty = not labelled
        self._automaton = ahocorasick.Automaton()
        for word, label in labelled.items():
            if word:
                self._automaton.add_word(word, (len(word), label))
        if not self.empty:
            self._automaton.make_automaton()

    def find_all(self, text: str) -> list[tuple[int, int, Label]]:
        """(start, end, label) of every word in `text` (overlaps kept), in order of start."""
        if self.empty or not text:
            return []
        out = []
        for last, (length, label) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if not self.boundaries or bounded(text, start, end):
                out.append((start, end, label))
        out.sort(key=lambda hit: (hit[0], hit[1]))
        return out


def find_word(text: str, words: Iterable[str], start: int = 0) -> int:
    """Offset of the first of `words` in `text` from `start` (at word boundaries), or -1.
    (str.find per word: for a few words, faster than building an index or one regular expression
    of many alternatives with look-arounds.)"""
    best = -1
    for word in words:
        if not word:
            continue
        pos = text.find(word, start)
        while pos >= 0 and (best < 0 or pos < best):
            if bounded(text, pos, pos + len(word)):
                best = pos
                break
            pos = text.find(word, pos + 1)
    return best


def has_word(text: str, words: Iterable[str]) -> bool:
    """Any of `words` in `text`, at word boundaries."""
    return find_word(text, words) >= 0
