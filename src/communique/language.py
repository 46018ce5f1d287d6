"""The `language` stage: a language per paragraph, and the document's by weight of text.

Scripts settle most cases at once (Han, kana, Hangul, Thai, Cyrillic; Vietnamese letters such
as ơ, ư, đ and the stacked tone marks); lingua decides among Latin-script languages.
Languages are ISO 639-1 codes.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from communique.model import LATIN_LANGUAGES, Document, Span

# Share of Latin words carrying a letter found only in Vietnamese that makes a paragraph Vietnamese.
VIETNAMESE_WORD_SHARE = 0.2
# A paragraph's language is read off its first characters, this many.
SAMPLE_CHARS = 400
# Paragraphs shorter than this many letters take the document's language.
MIN_LETTERS = 12

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Runs of each script's characters, counted by their lengths (in the order of the tie-break).
_SCRIPT_RUNS = tuple((script, re.compile(pattern.pattern + "+")) for script, pattern in
                     (("ja", _KANA), ("zh", _HAN), ("ko", _HANGUL), ("th", _THAI), ("ru", _CYRILLIC)))
# Any letter of the scripts above: text without one is settled among the Latin-script languages.
_OTHER_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: counted by their lengths, fewer matches than letters
# Words with a letter of the Vietnamese alphabet that no other major Latin-script language uses.
# (Tried only where a word starts: from inside a long word without such a letter, every position
# would scan to the word's end again.)
_VIETNAMESE_WORD = re.compile(
    r"(?<![A-Za-z\u00c0-\u024f\u1e00-\u1eff])"
    r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]*[ơưăđƠƯĂĐ\u1ea0-\u1ef9][A-Za-z\u00c0-\u024f\u1e00-\u1eff]*")


# lingua's low-accuracy models load at once and settle most paragraphs; below this confidence
# the high-accuracy models (about two seconds to load) decide — for paragraphs of at least
# HIGH_ACCURACY_MIN_CHARS; shorter unsure ones take the document's language.
LOW_ACCURACY_CONFIDENCE = 0.9
HIGH_ACCURACY_MIN_CHARS = 120


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool) -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LATIN_LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def _detect_latin(text: str) -> str | None:
    values = _detector(True).compute_language_confidence_values(text)
    if values and values[0].value >= LOW_ACCURACY_CONFIDENCE:
        found = values[0].language
    elif len(text) >= HIGH_ACCURACY_MIN_CHARS:
        found = _detector(False).detect_language_of(text)
    else:
        return None
    return found.iso_code_639_1.name.lower() if found else None


def _count_letters(text: str) -> int:
    return sum(map(len, _LETTERS.findall(text)))


def detect(text: str) -> str | None:
    """ISO 639-1 code of the language of `text`, or None when there is too little to tell."""
    return _detect_sample(text[:SAMPLE_CHARS])


def _detect_sample(text: str, letters: int | None = None) -> str | None:
    """`detect` of a sample of at most SAMPLE_CHARS characters (with its letters, when counted)."""
    if letters is None:
        letters = _count_letters(text)
    if letters < MIN_LETTERS and not _HAN.search(text):
        return None
    if _OTHER_SCRIPT.search(text):
        counts = {script: sum(map(len, runs.findall(text))) for script, runs in _SCRIPT_RUNS}
        script, count = max(counts.items(), key=lambda kv: kv[1])
        if counts["ja"] and counts["ja"] * 10 >= counts["zh"]:
            script, count = "ja", counts["ja"] + counts["zh"]
        if count * 2 >= letters:
            return script
    words = len(_LATIN_WORD.findall(text))
    if words and len(_VIETNAMESE_WORD.findall(text)) / words >= VIETNAMESE_WORD_SHARE:
        return "vi"
    return _detect_latin(text)


def identify(doc: Document) -> Document:
    """Set a language on each paragraph and on the document (the one with most letters)."""
    weights: Counter[str] = Counter()
    found: list[str | None] = []
    for para in doc.paragraphs:
        text = doc.body[para.start : para.end]
        letters = _count_letters(text)
        # A paragraph no longer than the sample is its own sample: its letters are counted once.
        lang = _detect_sample(text, letters) if len(text) <= SAMPLE_CHARS else detect(text)
        found.append(lang)
        if lang:
            weights[lang] += letters
    if weights:
        doc.language = weights.most_common(1)[0][0]
    else:
        doc.language = detect(doc.body) or detect(doc.raw)
    doc.paragraphs = [Span(p.start, p.end, p.kind, lang or doc.language)
                      for p, lang in zip(doc.paragraphs, found, strict=True)]
    return doc
