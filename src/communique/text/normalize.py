"""Text normalisation: the forms text is stored, searched and matched in.

`normalize` gives the stored form (NFC, one newline convention, no invisible characters).
`fold` gives the search form: lower case, no diacritics ("hợp tác" -> "hop tac", "Đông" -> "dong"),
Traditional Chinese as Simplified. `fold` keeps the length of its input, character for character,
so that an offset found in the folded text is the same offset in the original.
`tone_normal` gives the form text is compared in where diacritics count: Vietnamese tone marks in
one placement ("hòa" and "hoà" alike), also the same length as its input.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import opencc
import yaml

# Zero-width and BOM characters that scraped text carries; they break matching and hashing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x0b|\x0c")
_T2S = opencc.OpenCC("t2s")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def normalize(text: str) -> str:
    """Stored form: NFC, `\\n` newlines, invisible characters removed, no-break spaces as spaces."""
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return unicodedata.normalize("NFC", text)


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in "đĐ":
        return "d"
    if ch in "•・‧∙⋅･":  # the middle dots of Chinese transliterated names, as one
        return "·"
    if ch in "‐‑‒–—―−":  # dashes and hyphens: "Việt Nam – Anh" searches and matches as "Việt Nam - Anh"
        return "-"
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        simplified = _T2S.convert(ch)
        return simplified if len(simplified) == 1 else ch
    base = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in base if not unicodedata.combining(c))
    if len(stripped) == 1:
        return stripped.lower()[:1] or ch
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


class _FoldTable(dict[int, str]):
    """Code point -> folded character, filled as characters are met; `str.translate` reads it in C."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Search form of `text`, same length: lower case, diacritics off, Simplified Chinese."""
    return text.translate(_FOLD_TABLE)


class _SimplifiedTable(dict[int, str]):
    """Code point -> Simplified character for Chinese characters, the character itself otherwise."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self[code] = _fold_char(ch) if _HAN.match(ch) else ch
        return out


_SIMPLIFIED_TABLE = _SimplifiedTable()


def to_simplified(text: str) -> str:
    """Traditional Chinese characters as Simplified, one for one (same length); the rest as is."""
    if not _HAN.search(text):
        return text
    return text.translate(_SIMPLIFIED_TABLE)


def is_word_char(ch: str) -> bool:
    """A letter or digit of a spaced script: where names and words need boundaries. Chinese,
    Japanese and Korean (and later blocks) have none, so no boundary is asked of them."""
    return ch < "\u2e80" and ch.isalnum()



@lru_cache(maxsize=1)
def _tone_moves() -> tuple[re.Pattern[str], dict[str, str]]:
    """(pattern of old-style pairs, old pair -> new pair), built from text/data/vi_tone_placement.yaml."""
    data = yaml.safe_load(resources.files("communique.text").joinpath("data/vi_tone_placement.yaml")
                          .read_text(encoding="utf-8"))
    moves: dict[str, str] = {}
    for glide, vowels in data["glides"].items():
        for vowel in vowels:
            for mark in data["tone_marks"]:
                for g, v in ((glide, vowel), (glide.upper(), vowel), (glide, vowel.upper()),
                             (glide.upper(), vowel.upper())):
                    old = unicodedata.normalize("NFC", g + mark) + v
                    moves[old] = g + unicodedata.normalize("NFC", v + mark)
    return re.compile("|".join(sorted(moves))), moves


def tone_normal(text: str) -> str:
    """`text` (NFC) with Vietnamese tone marks in the new-style placement: "hòa bình" -> "hoà bình",
    "thủy" -> "thuỷ", "khỏe" -> "khoẻ". Same length as `text`, character for character; case and
    every other character are kept. For comparing, never for storing."""
    pattern, moves = _tone_moves()
    return pattern.sub(lambda m: moves[m.group()], text)


class _SearchTable(dict[int, str]):
    """Code point -> lower-case character (the character itself when lower-casing changes the
    length), one dash and one apostrophe; filled as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "‐‑‒–—―−":
            out = "-"
        elif ch in "’‘":
            out = "'"
        else:
            lowered = ch.lower()
            out = lowered if len(lowered) == 1 else ch
        self[code] = out
        return out


_SEARCH_TABLE = _SearchTable()


def search_form(text: str) -> str:
    """The form event words are matched on, same length as `text`: lower case, Simplified Chinese,
    Vietnamese tone marks kept in one placement ("hội đàm" matches "Hội đàm", never "hồi đáp", which
    the folded form confuses), one kind of dash and apostrophe."""
    return tone_normal(to_simplified(text)).translate(_SEARCH_TABLE)
