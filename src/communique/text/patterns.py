"""Regular expressions behind a lookahead for the characters a match can start with.

Python's regex engine tries a pattern at every position of the text; a pattern that starts with
an alternation or an optional part under IGNORECASE gets no prefix scan, so each position costs
a try of every alternative. `with_first_chars` puts `(?=[...])` before such a pattern, the class
holding every character a match can start with (read off the parsed pattern): the same matches,
found where the text has one of those characters only. When the first characters cannot be told
(a match may be empty, start with any character, or the parser is not the one known), the
pattern is compiled as it is.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the standard library's own parser (private: without it, patterns stay as they are)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    _c = _p = None

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


class _Unknown(Exception):
    """The first characters of a part of the pattern cannot be told."""


def _class_items(items: list[tuple[Any, Any]]) -> set[str]:
    out = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(re.escape(chr(av)))
        elif name == "RANGE":
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            out.add(_CATEGORIES[str(av)])
        else:  # NEGATE and the rest
            raise _Unknown
    return out


def _sequence(items: Any, state: dict[str, bool]) -> tuple[set[str], bool]:
    """First characters of a sequence, and whether it can match the empty string."""
    first: set[str] = set()
    for op, av in items:
        chars, empty = _item(str(op), av, state)
        first |= chars
        if not empty:
            return first, False
    return first, True


def _item(op: str, av: Any, state: dict[str, bool]) -> tuple[set[str], bool]:
    if op == "LITERAL":
        return {re.escape(chr(av))}, False
    if op == "IN":
        return _class_items(av), False
    if op in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: the next item starts the match
        return set(), True
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, body = av
        if add_flags & re.IGNORECASE:
            state["ignorecase"] = True
        return _sequence(body, state)
    if op == "BRANCH":
        first: set[str] = set()
        empty = False
        for alternative in av[1]:
            chars, alt_empty = _sequence(alternative, state)
            first |= chars
            empty = empty or alt_empty
        return first, empty
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, body = av
        chars, empty = _sequence(body, state)
        return chars, empty or low == 0
    raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, ATOMIC_GROUP...


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The lookahead `(?=[...])` for what a match of `pattern` can start with, or None."""
    if _p is None or re.match(r"\(\?[aiLmsux]+\)", pattern):  # global inline flags stay first
        return None
    try:
        parsed = _p.parse(pattern, flags)
        state = {"ignorecase": bool(flags & re.IGNORECASE)}
        chars, empty = _sequence(parsed, state)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if empty or not chars:
        return None
    body = "".join(sorted(chars))
    return f"(?=(?i:[{body}]))" if state["ignorecase"] else f"(?=[{body}])"


def with_first_chars(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, behind the lookahead for its first characters when they can be told."""
    guard = first_chars(pattern, flags)
    return re.compile(pattern if guard is None else f"{guard}(?:{pattern})", flags)
