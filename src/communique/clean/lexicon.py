"""The chrome lexicon (data/chrome.yaml) loaded once into compiled form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from communique.clean.normalize import fold

_MARKER_TRIM = re.compile(r"^[\s\W_]+|[\s\W_]*(?:\(\d+\))?[\s\W_]*$", re.UNICODE)
_SPACES = re.compile(r"\s+")


def marker_key(text: str) -> str:
    """The form a line is compared to section markers in: folded, outer punctuation off."""
    return _SPACES.sub(" ", _MARKER_TRIM.sub("", fold(text)))


@dataclass(frozen=True)
class ChromeLexicon:
    tail_markers: frozenset[str]
    inline_markers: frozenset[str]
    footer: tuple[re.Pattern[str], ...]
    caption_credit: tuple[re.Pattern[str], ...]
    image_alt: tuple[re.Pattern[str], ...]
    attribution: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    editor: tuple[re.Pattern[str], ...]
    share_words: frozenset[str]  # marker keys
    dateline_words: tuple[str, ...]  # folded, longest first
    dateline_fields: dict[str, tuple[str, ...]]  # field -> folded labels
    breadcrumb_separators: tuple[str, ...]
    strong_breadcrumb_separators: tuple[str, ...]


def _markers(by_language: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(marker_key(m) for words in by_language.values() for m in words)


def _patterns(items: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in items)


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
        footer=_patterns(data["footer_patterns"]),
        caption_credit=_patterns(data["caption_credit_patterns"]),
        image_alt=_patterns(data["image_alt_patterns"]),
        attribution=_patterns(data["attribution_patterns"]),
        byline=_patterns(data["byline_patterns"]),
        editor=_patterns(data["editor_patterns"]),
        share_words=_markers(data["share_words"]),
        dateline_words=tuple(words),
        dateline_fields={k: tuple(fold(w) for w in v) for k, v in data["dateline_fields"].items()},
        breadcrumb_separators=tuple(data["breadcrumb_separators"]),
        strong_breadcrumb_separators=tuple(data["strong_breadcrumb_separators"]),
    )
