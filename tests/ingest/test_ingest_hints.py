"""Dates and metadata from key-value sources (JSONL fields, front matter)."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.ingest.hints import metadata_from_mapping, parse_date
from communique.model import DateValue


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-07", DateValue(2024, 3, 7)),
        ("2024-03", DateValue(2024, 3)),
        ("2024", DateValue(2024)),
        ("2024-03-07T23:30:00-05:00", DateValue(2024, 3, 7)),  # the day as written, not converted to UTC
        ("2024-03-07 10:00", DateValue(2024, 3, 7)),
        ("Mon, 07 Oct 2024 19:30:00 +0200", DateValue(2024, 10, 7)),
        ("December 5, 2022", DateValue(2022, 12, 5)),
        ("5 Dec 2022", DateValue(2022, 12, 5)),
        (dt.date(2023, 12, 12), DateValue(2023, 12, 12)),
        ("2024-02-30", None),
        ("2024-13", None),
        ("7/3/2024", None),  # day/month or month/day: not guessed
        ("hôm qua", None),
        (20240307, None),
    ],
)
def test_parse_date(value: object, expected: DateValue | None) -> None:
    assert parse_date(value) == expected


def test_metadata_from_mapping() -> None:
    meta = metadata_from_mapping(
        {
            "title": "  Tuyên bố chung  ",
            "published": "not a date",
            "url": "https://example.vn/x",
            "source": ["TTXVN", "VNA"],
            "author": None,
            "text": "skipped",
            "views": 12,
            "seen": dt.date(2024, 3, 8),
        },
        skip=("text",),
    )
    assert (meta.title, meta.url, meta.source, meta.author) == (
        "Tuyên bố chung",
        "https://example.vn/x",
        "TTXVN; VNA",
        None,
    )
    assert meta.published is None
    assert meta.extra == {"published": "not a date", "views": 12, "seen": "2024-03-08"}
