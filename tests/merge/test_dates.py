"""Dates known to the month or the year in event grouping and alignment blocks: never read as a
day, never taken for "no date"."""

from __future__ import annotations

from datetime import date

from communique.merge.align import Summary, blocks
from communique.merge.events import group_events
from communique.merge.register import document_dates
from communique.model import period

from .test_events import event


def _groups(events: list[dict]) -> list[tuple[list[str], str | None]]:
    return sorted((e["documents"], e["date"]) for e in group_events(events))


def test_periods():
    assert (period("2026-10").first, period("2026-10").last) == (date(2026, 10, 1), date(2026, 10, 31))
    assert (period("2024").first, period("2024").last, period("2024").precision) == (date(2024, 1, 1),
                                                                                  date(2024, 12, 31), "year")
    assert period("2025-10-29").precision == "day" and period(date(2025, 10, 29)).iso == "2025-10-29"
    assert period("2026-13") is None and period("2025-02-30") is None and period(None) is None


def test_reports_dated_to_the_same_month_or_year_are_one_event_without_a_shared_participant():
    assert _groups([event("a", date="2026-10", people=["person:a"]), event("b", date="2026-10", people=["person:b"]),
                    event("c", date="2024"), event("d", date="2024")]) == [
        (["a", "b"], "2026-10"), (["c", "d"], "2024")]


def test_other_months_and_years_stay_apart_even_with_the_same_people():
    people = ["person:to-lam"]
    assert len(group_events([event("a", date="2026-10", people=people), event("b", date="2026-11", people=people),
                             event("c", date="2024", people=people), event("d", date="2023", people=people)])) == 4


def test_a_month_joins_the_only_day_in_it_and_keeps_the_day():
    assert _groups([event("a", date="2025-10-29"), event("b", date="2025-10"), event("c", date="2025")]) == [
        (["a", "b", "c"], "2025-10-29")]


def test_a_month_with_two_days_in_it_joins_the_one_sharing_a_participant_or_none():
    days = [event("a", date="2025-10-03", people=["person:x"]), event("b", date="2025-10-20", people=["person:y"])]
    assert _groups([*days, event("c", date="2025-10", people=["person:y"])]) == [
        (["a"], "2025-10-03"), (["b", "c"], "2025-10-20")]
    assert _groups([*days, event("c", date="2025-10")]) == [
        (["a"], "2025-10-03"), (["b"], "2025-10-20"), (["c"], "2025-10")]


def test_document_dates_keep_their_precision():
    events = group_events([event("a", date="2026-10"), event("b", date="2026-10"), event("c", date="2024-05-02")])
    dates = document_dates([("a", None), ("b", "2026"), ("c", None), ("d", "2025-03")], events)
    # The most precise date known wins (b: the month of its event over the year it was published).
    assert {d: p.iso if p else None for d, p in dates.items()} == {"a": "2026-10", "b": "2026-10",
                                                                   "c": "2024-05-02", "d": "2025-03"}
    assert document_dates([("c", "2024-05")], events)["c"].iso == "2024-05-02"


def test_alignment_blocks_by_month_and_year():
    docs = [Summary("s", ("GB", "VN"), 3), Summary("n1", ("GB", "VN"), 0), Summary("n2", ("GB", "VN"), 0),
            Summary("n3", ("GB", "VN"), 0), Summary("n4", ("GB", "VN"), 0), Summary("n5", ("GB", "VN"), 0)]
    dates = {"s": "2026-10", "n1": "2026-10-14", "n2": "2026-10", "n3": "2026-11", "n4": "2025", "n5": "2025"}
    found = {tuple(sorted(b.statements + b.news)) for b in blocks(docs, {k: period(v) for k, v in dates.items()})}
    assert found == {("n1", "n2", "s"), ("n3",), ("n4", "n5")}
