"""Long IN lists in pieces: SQLite takes at most 250,000 bound parameters a statement (Debian's
build; 32,766 by default) and PostgreSQL's protocol 65,535, while a run at scale names every
document or commitment it touched (100k and more)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

IN_LIST_MAX = 500  # values per IN list: far under both limits, and short statements for the planner

T = TypeVar("T")


def chunked(values: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """`values` in lists of at most `size` (IN_LIST_MAX), in their order (sorted first by the
    caller when the statements must be repeatable)."""
    size = size or IN_LIST_MAX
    piece: list[T] = []
    for value in values:
        piece.append(value)
        if len(piece) == size:
            yield piece
            piece = []
    if piece:
        yield piece
