"""Dates keep their precision (YYYY, YYYY-MM, YYYY-MM-DD) end to end: event grouping, alignment,
and every export format, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from communique.export import validate
from communique.model import DateValue, Document, Metadata, Span
from communique.store import Store

from ..conftest import run_cli as run

PEOPLE = ["person:pham-minh-chinh", "person:keir-starmer"]
# (document, event type, status, event date, publication date, the sentence of the report)
REPORTS = [
    ("day-a", "talks", "held", "2025-03-12", "2025-03-12",
     "Pham Minh Chinh held talks with Keir Starmer in London on 12 March 2025 and both sides will open a new air route."),
    ("day-b", "talks", "held", "2025-03-12", None,
     "Pham Minh Chinh held talks with Keir Starmer in London on 12 March 2025 and both sides will open a new air route."),
    ("month-a", "visit", "planned", "2026-10", "2026-10",
     "Keir Starmer will visit Viet Nam in October 2026 and the two sides will sign a new education agreement."),
    ("month-b", "visit", "planned", "2026-10", None,
     "Keir Starmer will visit Viet Nam in October 2026 and the two sides will sign a new education agreement."),
    ("year-a", "call", "held", "2024", "2024",
     "Pham Minh Chinh and Keir Starmer held a phone call in 2024 and agreed to double bilateral investment."),
    ("year-b", "call", "held", "2024", None,
     "Pham Minh Chinh and Keir Starmer held a phone call in 2024 and agreed to double bilateral investment."),
    # The same two people, another year: another call, although it shares both participants.
    ("year-c", "call", "held", "2023", None,
     "Pham Minh Chinh and Keir Starmer held a phone call in 2023 about climate finance and green growth."),
]


def _document(name: str, kind: str, status: str, when: str, published: str | None, sentence: str) -> Document:
    body = f"Report {name}\n{sentence}"
    doc = Document(path=f"{name}.txt", raw=body)
    doc.body, doc.language = body, "en"
    doc.paragraphs = [Span(0, len(name) + 7, "title", "en"), Span(len(name) + 8, len(body), "body", "en")]
    doc.meta = Metadata(title=f"Report {name}", published=DateValue.parse(published))
    start = len(name) + 8
    evidence = [{"document": doc.id, "start": start, "end": len(body)}]
    doc.facts = {
        "events": [{"id": f"{doc.id}:{kind}:0", "type": kind, "status": status, "date": when, "end_date": None,
                    "place": None, "participants": list(PEOPLE), "countries": ["GB", "VN"],
                    "documents": [doc.id], "evidence": evidence}],
        "commitments": [{"id": f"{doc.id}:c0", "parties": ["GB", "VN"], "pillar": None, "clause": None,
                         "modality": "will", "binding": True, "text": sentence, "language": "en",
                         "documents": [doc.id], "instruments": [], "targets": [],
                         "variants": [{"document": doc.id, "language": "en", "text": sentence,
                                       "start": start, "end": len(body)}], "evidence": evidence}],
    }
    return doc


@pytest.fixture()
def register(tmp_path) -> tuple[str, dict[str, str]]:
    db = "sqlite:///" + str(tmp_path / "dates.db")
    store = Store(db)
    ids = {}
    for report in REPORTS:
        doc = _document(*report)
        store.put(doc)
        ids[report[0]] = doc.id
    store.close()
    return db, ids


def _export(db: str, fmt: str) -> str:
    code, out, err = run("export", "--db", db, "--format", fmt)
    assert code == 0, err
    return out


def _events_by_documents(events: list[dict], ids: dict[str, str]) -> dict[tuple[str, ...], str | None]:
    names = {v: k for k, v in ids.items()}
    return {tuple(sorted(names[d] for d in e["documents"])): e["date"] for e in events}


EXPECTED_EVENTS = {("day-a", "day-b"): "2025-03-12", ("month-a", "month-b"): "2026-10",
                   ("year-a", "year-b"): "2024", ("year-c",): "2023"}


def test_json_export_groups_events_at_their_precision(register):
    db, ids = register
    exported = json.loads(_export(db, "json"))
    validate(exported)
    assert _events_by_documents(exported["events"], ids) == EXPECTED_EVENTS
    published = {d["path"][:-4]: (d["published"], d["published_partial"]) for d in exported["documents"]}
    assert published["day-a"] == ("2025-03-12", None)
    assert published["month-a"] == (None, "2026-10")
    assert published["year-a"] == (None, "2024")


def test_jsonl_export_keeps_the_precision(register):
    db, ids = register
    lines = [json.loads(line) for line in _export(db, "jsonl").splitlines()]
    assert _events_by_documents([r for r in lines if r["type"] == "event"], ids) == EXPECTED_EVENTS


def test_csv_export_keeps_partial_publication_dates(register):
    db, _ = register
    rows = {r["path"][:-4]: r for r in csv.DictReader(io.StringIO(_export(db, "csv")))}
    assert (rows["day-a"]["published"], rows["day-a"]["published_partial"]) == ("2025-03-12", "")
    assert (rows["month-a"]["published"], rows["month-a"]["published_partial"]) == ("", "2026-10")
    assert (rows["year-a"]["published"], rows["year-a"]["published_partial"]) == ("", "2024")


def test_commitments_align_the_reports_of_each_dated_event(register):
    """Two reports of an event dated to the year, the month or the day are in one alignment block:
    the sentence both repeat is one commitment with two variants; the other year's stays alone."""
    db, ids = register
    code, out, err = run("commitments", "--db", db, "--format", "json")
    assert code == 0, err
    names = {v: k for k, v in ids.items()}
    found = sorted(tuple(sorted(names[v["document"]] for v in c["variants"])) for c in json.loads(out))
    assert found == [("day-a", "day-b"), ("month-a", "month-b"), ("year-a", "year-b"), ("year-c",)]
    code, text, err = run("commitments", "--db", db)
    assert code == 0, err
