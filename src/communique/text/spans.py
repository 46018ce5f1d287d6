"""Choosing among overlapping matches: the longest wins, then the leftmost."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def longest_first(items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items whose spans do not overlap, longer spans chosen first, in text order."""
    ordered = sorted(items, key=lambda item: (span(item)[0] - span(item)[1], span(item)[0]))
    taken: list[T] = []
    used: set[int] = set()
    for item in ordered:
        start, end = span(item)
        if used.isdisjoint(range(start, end)):
            used.update(range(start, end))
            taken.append(item)
    return sorted(taken, key=lambda item: span(item)[0])


class TakenSpans:
    """Characters of a text already taken by a match (a mask: marking and asking are O(span))."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()):
        self._mask = bytearray(length)
        for start, end in spans:
            self.take(start, end)

    def take(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Any character of [start, end) taken."""
        return self._mask.find(1, start, end) != -1

    def __contains__(self, offset: int) -> bool:
        return bool(self._mask[offset])
