"""Metadata hints from key-value sources (JSONL fields, Markdown front matter)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from typing import Any

from communique.ingest.decoding import normalize_text
from communique.model import DateValue, Metadata
from communique.text.dates import DATED_YEAR_MIN, YEAR_MAX

# 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', optionally followed by a time ('T10:00:00+07:00', ' 10:00').
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d.*)?")
# English written dates as scrapers store them ('December 5, 2022', '5 Dec 2022').
_WRITTEN_DATE_FORMS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")
# Keys that fill a Metadata field; every other key goes to `extra`.
FIELD_KEYS = ("title", "url", "author", "source")
DATE_KEYS = ("published",)


def parse_date(value: object) -> DateValue | None:
    """Turn a date into a DateValue; None if it is not one of the accepted forms.

    Takes an ISO date or datetime string ('2024-03', '2024-03-07T10:00:00+07:00'), a `date` or
    `datetime`, and, as scrapers often give them, RFC 2822 ('Mon, 07 Oct 2024 19:30:00 +0200')
    and English 'December 5, 2022' / '5 December 2022' dates. The day is the one written, in
    the writer's time zone. Ambiguous numeric forms ('7/3/2024') are not guessed.
    """
    date = _stated_date(value)
    # "0000" or "0001-01-01" (a placeholder of a CMS) is no publication date: counted back from
    # ("last year"), it gave the year -1.
    return date if date is not None and DATED_YEAR_MIN <= date.year <= YEAR_MAX else None


def _stated_date(value: Any) -> DateValue | None:
    if isinstance(value, dt.date):  # datetime is a date too (YAML front matter gives these)
        return DateValue(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            dt.date(year or 1, month or 1, day or 1)  # validates month and day
        except ValueError:
            return None
        return DateValue(year, month, day)  # type: ignore[arg-type]
    return _parse_written_date(text)


def _parse_written_date(text: str) -> DateValue | None:
    if re.match(r"[A-Za-z]{3}, \d", text):
        try:
            return parse_date(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError):
            return None
    for form in _WRITTEN_DATE_FORMS:
        try:
            return parse_date(dt.datetime.strptime(text, form))
        except ValueError:
            continue
    return None


def metadata_from_mapping(
    fields: Mapping[str, Any], skip: tuple[str, ...] = (), date_keys: tuple[str, ...] = DATE_KEYS
) -> Metadata:
    """Build Metadata from a mapping: title/url/author/source strings, a date key as `published`.

    Keys in `skip` are ignored; other keys are kept in `extra` as they came (an unparseable date
    too; date objects as ISO strings). Strings are NFC-normalised.
    """
    meta = Metadata()
    for key, value in fields.items():
        if key in skip or value is None:
            continue
        date = parse_date(value) if key in date_keys else None
        if key in FIELD_KEYS and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = "; ".join(value)  # several authors or sources
        if key in FIELD_KEYS and isinstance(value, str):
            setattr(meta, key, normalize_text(value).strip() or None)
        elif date and meta.published is None:
            meta.published = date
        elif isinstance(value, str):
            meta.extra[key] = normalize_text(value)
        else:
            meta.extra[key] = value.isoformat() if isinstance(value, dt.date) else value
    return meta
