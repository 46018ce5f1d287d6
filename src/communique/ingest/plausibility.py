"""How plausible a candidate decoding looks, for choosing between legacy encodings.

Single-byte and CJK legacy encodings decode almost any byte string without error, so a wrong
guess shows up only as nonsense. The score looks at the parts of the text that differ between
candidates — everything that is not ASCII — and asks:

* Latin words with diacritics: is each one a well-formed Vietnamese syllable in normal casing?
* CJK ideographs: is each one a common character (GB2312 level 1 for simplified, Big5 level 1
  for traditional; a real text is mostly one or the other, nonsense mixes rare characters)?
* anything else: is it ordinary punctuation?
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Tone marks (NFD combining characters) and the letters of the Vietnamese alphabet without tone.
TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_VIET_LETTERS = "abcdeghiklmnopqrstuvxyăâđêôơư"
_ONSET = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
# Rhymes without a final consonant, and vowel nuclei that take one.
_OPEN_RHYMES = (
    "a",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "e",
    "eo",
    "ê",
    "êu",
    "i",
    "ia",
    "iu",
    "iêu",
    "o",
    "oa",
    "oai",
    "oay",
    "oe",
    "oeo",
    "oi",
    "ô",
    "ôi",
    "ơ",
    "ơi",
    "u",
    "ua",
    "uây",
    "uê",
    "ui",
    "uôi",
    "uơ",
    "uy",
    "uya",
    "uyu",
    "ư",
    "ưa",
    "ưi",
    "ưu",
    "ươi",
    "ươu",
    "y",
    "yêu",
)
_CLOSED_NUCLEI = (
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "iê",
    "yê",
    "uô",
    "ươ",
    "oa",
    "oă",
    "oe",
    "oo",
    "uâ",
    "uê",
    "uy",
    "uyê",
)
_CODAS = "ch|nh|ng|c|m|n|p|t"
_STOP_CODAS = ("c", "ch", "p", "t")  # syllables ending in a stop take only the acute or dot-below tone
_SYLLABLE = re.compile(
    rf"(?:{_ONSET})?(?:(?:{'|'.join(sorted(_CLOSED_NUCLEI, key=len, reverse=True))})(?:{_CODAS})"
    rf"|(?:{'|'.join(sorted(_OPEN_RHYMES, key=len, reverse=True))}))"
)

# Latin letters with precomposed or combining diacritics.
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F]+")
_TYPOGRAPHIC = set("\u00a0\u00ab\u00bb\u00b0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2116")


def is_vietnamese_word(word: str) -> bool:
    """True if `word` (NFC) is one well-formed Vietnamese syllable in lower, Title or UPPER case."""
    if len(word) > 1 and not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    if any(c not in _VIET_LETTERS for c in base) or not _SYLLABLE.fullmatch(base):
        return False
    if base.endswith(_STOP_CODAS):
        return bool(tones) and TONE_MARKS[tones[0]] in ("acute", "dot")
    return True


def _is_ideograph(ch: str) -> bool:
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000


def _is_cjk_punctuation(ch: str) -> bool:
    cp = ord(ch)
    return 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF65


@cache
def common_simplified() -> frozenset[str]:
    """The 3,755 level-1 (most common) characters of GB2312."""
    return _decode_block("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))


@cache
def common_traditional() -> frozenset[str]:
    """The 5,401 level-1 (common) characters of Big5 (0xA440-0xC67E)."""
    chars = _decode_block("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return frozenset(c for c in chars if c.encode("big5") <= b"\xc6\x7e")


def _decode_block(codec: str, leads: range, trails: range | list[int]) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def score(text: str) -> float:
    """Share (0..1) of the non-ASCII units of `text` (NFC) that look like real Vietnamese or Chinese.

    Units are Latin words containing a non-ASCII letter, single CJK ideographs, and other
    non-ASCII characters. Text without any non-ASCII unit scores 0. An ideograph right after an
    ASCII letter counts as implausible: Chinese rarely does that ('APEC会议'), while Vietnamese
    misread as GBK or Big5 does it all the time ('bi睡' for 'biết').
    """
    good = 0.0
    units = 0
    latin_spans = []
    for match in _LATIN_WORD.finditer(text):
        latin_spans.append(match.span())
        word = match.group()
        if not word.isascii():
            units += 1
            good += is_vietnamese_word(word)
    simplified = traditional = 0
    position = 0
    for start, end in [*latin_spans, (len(text), len(text))]:
        for index in range(position, start):
            ch = text[index]
            if ch.isascii():
                continue
            units += 1
            if _is_ideograph(ch):
                if index and text[index - 1].isascii() and text[index - 1].isalpha():
                    continue
                simplified += ch in common_simplified()
                traditional += ch in common_traditional()
            elif _is_cjk_punctuation(ch) or ch in _TYPOGRAPHIC:
                good += 1
        position = end
    good += max(simplified, traditional)
    return good / units if units else 0.0
