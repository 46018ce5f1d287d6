"""The document model: one `Document` flows through the pipeline stages.

Readers create it (path, raw text, format hints); `clean` fills the body, the removed spans
and the metadata; `language` fills the languages; later stages add mentions and facts.
Offsets are character offsets: into `raw` for removed spans and segments, into `body` for
paragraphs and everything extracted from the text.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ID_LENGTH = 16  # hex characters of the SHA-256 kept as the document id
# The languages (ISO 639-1) the language stage assigns: by script, or by lingua among the Latin-script ones.
SCRIPT_LANGUAGES = ("zh", "ja", "ko", "th", "ru")
LATIN_LANGUAGES = ("en", "vi", "fr", "id", "ms", "de", "es", "pt", "it", "nl", "tl")
LANGUAGES = LATIN_LANGUAGES + SCRIPT_LANGUAGES


@dataclass(frozen=True)
class DateValue:
    """A date known to a precision: year only, year and month, or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', as precise as known."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str | None) -> DateValue | None:
        if not text:
            return None
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)  # type: ignore[arg-type]


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Period:
    """A date as precise as it is known: the days from `first` to `last` (one day, a month or a
    year), with its 'YYYY[-MM[-DD]]' form."""

    first: date
    last: date
    iso: str
    precision: str  # day|month|year

    @property
    def rank(self) -> int:
        """0 for a day, 1 for a month, 2 for a year: more precise first."""
        return _PRECISION_RANK[self.precision]

    def overlaps(self, other: Period) -> bool:
        return self.first <= other.last and other.first <= self.last


def period(value: str | date | DateValue | Period | None) -> Period | None:
    """The `Period` of 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (or a date, or a DateValue); None when there
    is no date or it is not a valid one."""
    if value is None or isinstance(value, Period):
        return value
    if isinstance(value, date):
        return Period(value, value, value.isoformat(), "day")
    try:
        known = value if isinstance(value, DateValue) else DateValue.parse(value[:10])
        if known is None:
            return None
        if known.day:
            day = date(known.year, known.month or 1, known.day)
            return Period(day, day, known.iso(), "day")
        if known.month:
            last = calendar.monthrange(known.year, known.month)[1]
            return Period(date(known.year, known.month, 1), date(known.year, known.month, last), known.iso(), "month")
        return Period(date(known.year, 1, 1), date(known.year, 12, 31), known.iso(), "year")
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True)
class Span:
    """A stretch of text: [start, end) with what it is."""

    start: int
    end: int
    kind: str
    language: str | None = None


@dataclass
class Metadata:
    title: str | None = None
    published: DateValue | None = None
    url: str | None = None
    author: str | None = None
    source: str | None = None  # outlet or wire named in the text ("据baochinhphu.vn报道", "Theo TTXVN")
    photo_credits: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # reader-specific fields kept as they came


@dataclass
class Document:
    """One document as it moves through the pipeline."""

    path: str
    raw: str  # decoded, NFC-normalised text as read (for HTML: the extracted text)
    format: str = "text"  # text|markdown|html|pdf|docx|jsonl
    encoding: str | None = None
    hints: Metadata = field(default_factory=Metadata)  # metadata the reader found (HTML meta, JSONL fields)

    body: str = ""  # the clean body
    removed: list[Span] = field(default_factory=list)  # spans of `raw` dropped as page chrome, kind = reason
    segments: list[tuple[int, int, int]] = field(default_factory=list)  # (raw_start, raw_end, body_start)
    paragraphs: list[Span] = field(default_factory=list)  # body spans, kind = title|body|caption|heading
    meta: Metadata = field(default_factory=Metadata)
    language: str | None = None

    signature: list[int] = field(default_factory=list)  # MinHash of the body (near duplicates)
    duplicate_of: str | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # What a stage found more of than its per-document cap: kind -> {"found": n, "kept": cap} (the
    # first ones in text order are kept).
    capped: dict[str, dict[str, int]] = field(default_factory=dict)

    _sha: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    _folded: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def folded(self) -> str:
        """The body in search form (clean.normalize.fold; same length), computed once per body."""
        if self._folded is None or self._folded[0] is not self.body:
            from communique.text.normalize import fold  # the model module imports no stage at load

            self._folded = (self.body, fold(self.body))
        return self._folded[1]

    @property
    def sha256(self) -> str:
        """SHA-256 of the clean body (computed once per body)."""
        if self._sha is None or self._sha[0] is not self.body:
            self._sha = (self.body, hashlib.sha256(self.body.encode("utf-8")).hexdigest())
        return self._sha[1]

    @property
    def id(self) -> str:
        return self.sha256[:ID_LENGTH]

    def raw_offset(self, body_offset: int) -> int:
        """Map an offset in `body` back to `raw` (for showing evidence in the original)."""
        for raw_start, raw_end, body_start in reversed(self.segments):
            if body_offset >= body_start:
                return min(raw_start + body_offset - body_start, raw_end)
        return body_offset
