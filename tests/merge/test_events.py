"""Grouping the events of different documents."""

from __future__ import annotations

from communique.merge.events import dates_learned, group_events


def event(doc, kind="talks", date=None, countries=("GB", "VN"), people=(), status="held"):
    return {"id": f"{doc}:{kind}:0", "type": kind, "status": status, "date": date, "end_date": None,
            "place": None, "participants": list(people), "countries": list(countries), "documents": [doc],
            "evidence": [{"document": doc, "start": 0, "end": 5}]}


def test_reports_of_one_event_merge_and_an_undated_one_takes_the_date():
    merged = group_events([
        event("a", date="2025-10-29", people=["person:to-lam", "person:keir-starmer"]),
        event("b", date="2025-10-30", people=["person:keir-starmer"]),
        event("c", people=["person:to-lam"]),
    ])
    assert len(merged) == 1
    (talks,) = merged
    assert talks["documents"] == ["a", "b", "c"] and talks["date"] == "2025-10-29"
    assert len(talks["evidence"]) == 3
    assert dates_learned(merged) == {"a": "2025-10-29", "b": "2025-10-29", "c": "2025-10-29"}


def test_what_stays_apart():
    merged = group_events([
        event("a", date="2025-10-29", people=["person:to-lam"]),
        event("b", kind="dialogue", people=["person:to-lam"]),            # another type
        event("c", date="2025-12-01", people=["person:to-lam"]),          # another date
        event("d", date="2025-10-29", countries=("SG", "VN")),            # another pair
        event("e", date="2025-10-29", status="planned"),                  # planned, not held
        event("f", people=["person:somebody-else"]),                      # undated, nobody shared
    ])
    assert len(merged) == 6


def test_undated_report_matching_two_events_stays_apart():
    merged = group_events([
        event("a", date="2025-03-01", people=["person:to-lam"]),
        event("b", date="2025-09-01", people=["person:to-lam"]),
        event("c", people=["person:to-lam"]),
    ])
    assert sorted(len(e["documents"]) for e in merged) == [1, 1, 1]
