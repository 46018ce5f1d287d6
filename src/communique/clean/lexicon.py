"""The chrome lexicon (data/chrome.yaml) loaded once into compiled form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from communique.text.normalize import fold
from communique.text.patterns import with_first_chars

_COUNT = re.compile(r"\(\d+\)\W*$")  # "Bình luận (0)"
_SPACES = re.compile(r"\s+")


def marker_key(text: str) -> str:
    """The form a line is compared to section markers in: folded, outer punctuation and counts off."""
    key = _COUNT.sub("", fold(text))
    start, end = 0, len(key)
    while start < end and not key[start].isalnum():
        start += 1
    while end > start and not key[end - 1].isalnum():
        end -= 1
    return _SPACES.sub(" ", key[start:end])


@dataclass(frozen=True)
class ChromeLexicon:
    tail_markers: frozenset[str]
    inline_markers: frozenset[str]
    footer: re.Pattern[str]  # any of the footer patterns
    caption_credit: tuple[re.Pattern[str], ...]
    image_alt: re.Pattern[str]
    attribution: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    editor: re.Pattern[str]
    share_words: frozenset[str]  # marker keys
    chrome_words: frozenset[str]  # share words and markers: what a share bar is made of
    dateline_words: tuple[str, ...]  # folded, longest first
    dateline_fields: dict[str, tuple[str, ...]]  # field -> folded labels
    breadcrumb_separators: tuple[str, ...]
    strong_breadcrumb_separators: tuple[str, ...]
    widget_labels: frozenset[str]  # marker keys
    widget: re.Pattern[str] | None  # any of the widget patterns
    home_words: tuple[str, ...]  # marker keys, longest first
    deadline_words: tuple[str, ...]  # folded words before a date that is a deadline, not a past event
    picture_label: re.Pattern[str]  # a picture label and its number at the start of a text
    store_stamp: re.Pattern[str]


def _markers(by_language: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(marker_key(m) for words in by_language.values() for m in words)


def _patterns(items: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(with_first_chars(_scoped(p)) for p in items)


def _scoped(pattern: str) -> str:
    """A leading (?i) as a group of its own (the same pattern; it can then stand after a lookahead)."""
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else pattern


def _any(items: list[str]) -> re.Pattern[str]:
    """One pattern matching where any of `items` does (a leading (?i) stays with its item)."""
    return with_first_chars("|".join(f"(?:{_scoped(p)})" for p in items))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> ChromeLexicon:
    """Load the chrome lexicon from `path`, or the one shipped with the package."""
    if path:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    else:
        text = resources.files("communique.clean").joinpath("data/chrome.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    words = sorted({fold(w) for ws in data["dateline_words"].values() for w in ws}, key=len, reverse=True)
    return ChromeLexicon(
        tail_markers=_markers(data["tail_markers"]),
        inline_markers=_markers(data["inline_markers"]),
        footer=_any(data["footer_patterns"]),
        caption_credit=_patterns(data["caption_credit_patterns"]),
        image_alt=_any(data["image_alt_patterns"]),
        attribution=_patterns(data["attribution_patterns"]),
        byline=_patterns(data["byline_patterns"]),
        editor=_any(data["editor_patterns"]),
        share_words=_markers(data["share_words"]),
        chrome_words=_markers(data["share_words"]) | _markers(data["tail_markers"])
        | _markers(data["inline_markers"]),
        dateline_words=tuple(words),
        dateline_fields={k: tuple(fold(w) for w in v) for k, v in data["dateline_fields"].items()},
        breadcrumb_separators=tuple(data["breadcrumb_separators"]),
        strong_breadcrumb_separators=tuple(data["strong_breadcrumb_separators"]),
        widget_labels=_markers(data.get("widget_labels", {})),
        widget=_any(data["widget_patterns"]) if data.get("widget_patterns") else None,
        home_words=tuple(sorted({marker_key(w) for ws in data.get("home_words", {}).values() for w in ws},
                                key=len, reverse=True)),
        picture_label=_picture_label(data.get("picture_labels", [])),
        store_stamp=re.compile(data.get("store_stamp") or r"(?!)"),
        deadline_words=tuple(fold(w) for ws in data.get("deadline_words", {}).values() for w in ws),
    )


def _picture_label(words: list[str]) -> re.Pattern[str]:
    """"ảnh 1", "- Ảnh 2.", "(图1)", "Photo 3" where matched (the number optional); the caller
    skips the spaces before it (a leading \\s* would make a scan over spaces quadratic)."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:[-–—]\s*)?[(（]?(?i:{alternatives})\s*\d{{0,2}}[)）]?\.?", re.UNICODE)
