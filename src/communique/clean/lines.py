"""Lines of a text dump and the measures the cleaner's rules are written in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# Clause punctuation: Latin marks followed by a space or the end (so "U.S." and "3.5" are not),
# a period after a lone capital letter excepted; CJK marks anywhere.
_CLAUSE_PUNCT = re.compile(r"(?<!\b[A-Z])[.](?=\s|$)|[,;:!?](?=\s|$)|[。，；：！？、…]")
# A run of lower-case letters glued to a capitalised word: "AustraliaGiá", "nayHà", where a page
# dump joined two headlines. Shorter runs are names ("McDonald", "TikTok", "iPhone").
_GLUED = re.compile(r"[^\W\d_]{4,}")
GLUED_MIN_LOWER = 3
_TERMINAL = re.compile(r"[.!?。！？…]['\"”’»)）\]]*\s*$|[:：]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


@dataclass
class Line:
    """One line of the raw text: its offsets, its stripped text and what the cleaner made of it."""

    start: int  # offset of the first non-space character in raw
    end: int  # offset after the last non-space character
    text: str
    kind: str = "blank"
    value: str | None = None  # what the line gives the metadata (author, source, credit, url)
    info: dict[str, object] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(raw: str) -> list[Line]:
    """Lines of `raw` with offsets of their stripped text."""
    lines = []
    pos = 0
    for piece in raw.split("\n"):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        start = pos + lead
        lines.append(Line(start, start + len(stripped), stripped))
        pos += len(piece) + 1
    return lines


def units(text: str) -> float:
    """Length in words: spaced-script words count one, CJK characters one half."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text))) if cjk else len(_WORD.findall(text))
    return words + cjk / 2



def has_clause_punctuation(text: str) -> bool:
    return bool(_CLAUSE_PUNCT.search(text))


def glued_joins(text: str) -> int:
    """How many times a run of lower-case letters runs straight into a capitalised word."""
    joins = 0
    for word in _GLUED.findall(text):
        lower = 0
        for a, b in zip(word, word[1:], strict=False):
            lower = lower + 1 if a.islower() else 0
            if lower >= GLUED_MIN_LOWER and b.isupper():
                joins += 1
    return joins


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def cjk_count(text: str) -> int:
    """How many Chinese, Japanese or Korean characters `text` holds."""
    return len(_CJK.findall(text))


def letter_count(text: str) -> int:
    """How many letters `text` holds, in any script."""
    return len(_LETTER.findall(text))


def is_cjk(text: str) -> bool:
    """True when most letters are Chinese, Japanese or Korean."""
    cjk = cjk_count(text)
    return cjk > 0 and cjk >= letter_count(text) / 2
