"""Mechanisms keep a calendar: a dialogue a statement sets up "annually" ("định kỳ hằng năm",
"每年举行") is an expected series of meetings, one a period from the statement's date; the held
events of the pair whose documents name the mechanism fill the periods, and a period that has
passed without one is a gap (`overdue`). Recurrence words: data/recurrence.yaml."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select

from communique.model import period
from communique.store import Store
from communique.store.schema import register_commitments
from communique.text.normalize import search_form
from communique.text.words import WordIndex
from communique.track.register import grouped_events


@lru_cache(maxsize=1)
def _recurrence() -> tuple[WordIndex[int], frozenset[str]]:
    data = yaml.safe_load(resources.files("communique.track").joinpath("data/recurrence.yaml")
                          .read_text(encoding="utf-8"))
    labelled = {search_form(str(w)): int(months) for months, by_lang in data["months"].items()
                for words in by_lang.values() for w in words}
    return WordIndex(labelled), frozenset(data["meeting_types"])


def recurrence_months(text: str) -> int | None:
    """Months between meetings that `text` sets ("annually" -> 12), or None."""
    hits = _recurrence()[0].find_all(search_form(text))
    return max(hits, key=lambda h: h[1] - h[0])[2] if hits else None


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def calendars(store: Store, pair: str | None = None, today: date | None = None) -> list[dict[str, Any]]:
    """Every mechanism a register commitment sets with a recurrence: its periods from the
    statement's date to today, each held (with the events that filled it) or a gap."""
    today = today or datetime.now(UTC).date()
    _, meeting_types = _recurrence()
    with store.engine.connect() as conn:
        query = select(register_commitments)
        if pair:
            query = query.where(register_commitments.c.parties == pair)
        commitments = [dict(r._mapping) for r in conn.execute(query)]
    events = [e for e in grouped_events(store)
              if e.get("status", "held") == "held" and e.get("type") in meeting_types and e.get("date")]
    out = []
    for c in commitments:
        months = recurrence_months(c["text"])
        start = period(c["stated"])
        mechanisms = [i for i in c["instruments"] or () if i.startswith("mechanism:")]
        if not months or start is None or not mechanisms:
            continue
        for mechanism in mechanisms:
            naming = {m["document_id"] for m in store.mentions(entity_id=mechanism)}
            held = sorted((period(e["date"]).first, e) for e in events  # type: ignore[union-attr]
                          if set(e.get("documents") or ()) & naming and period(e["date"]).first >= start.first
                          and sorted(e.get("countries") or ()) == sorted((c["parties"] or "").split("-")))
            periods, begin = [], start.first
            while begin <= today:
                end = _add_months(begin, months)
                filled = [e for day, e in held if begin <= day < end]
                state = "held" if filled else ("overdue" if end <= today else "due")
                periods.append({"from": begin.isoformat(), "to": end.isoformat(), "state": state,
                                "events": [e["id"] for e in filled]})
                begin = end
            last = held[-1][0].isoformat() if held else None
            out.append({"mechanism": mechanism, "parties": c["parties"], "commitment": c["id"], "every_months": months,
                        "since": start.iso, "last_meeting": last, "next_due": periods[-1]["to"] if periods else None,
                        "gaps": sum(1 for p in periods if p["state"] == "overdue"), "periods": periods})
    return out
