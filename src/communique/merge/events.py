"""One event, many reports: grouping the events of different documents.

Blocked, so the work stays near-linear in the number of events: events are compared only within
a block of the same type and the same two countries. Within a block, dated events closer than
DATE_WINDOW_DAYS to the group's first date are one event (each report keeps its own evidence);
an undated report joins the one group of its block that shares a participant with it, and takes
that group's date. Planned events are never merged with held ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

# Reports of one event give dates at most this many days apart (time zones, "yesterday").
DATE_WINDOW_DAYS = 2


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _block(event: dict[str, Any]) -> tuple[str, tuple[str, ...], str]:
    return event["type"], tuple(sorted(event.get("countries") or ())), event.get("status", "held")


def group_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge reports of the same event; returns events in the export's shape, each listing every
    document that reports it and the evidence of each report."""
    blocks: dict[tuple[str, tuple[str, ...], str], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        blocks[_block(event)].append(event)
    out: list[dict[str, Any]] = []
    for members in blocks.values():
        dated = sorted((e for e in members if _day(e.get("date"))), key=lambda e: e["date"])
        undated = [e for e in members if not _day(e.get("date"))]
        groups: list[list[dict[str, Any]]] = []
        for event in dated:
            day = _day(event["date"])
            start = _day(groups[-1][0]["date"]) if groups else None
            if start is not None and day is not None and (day - start).days <= DATE_WINDOW_DAYS:
                groups[-1].append(event)
            else:
                groups.append([event])
        for event in undated:
            people = set(event.get("participants") or ())
            fitting = [g for g in groups if people and people & {p for e in g for p in e.get("participants") or ()}]
            if len(fitting) == 1:
                fitting[0].append(event)
            else:
                groups.append([event])
        out.extend(_merged(group) for group in groups)
    return out


def _merged(group: list[dict[str, Any]]) -> dict[str, Any]:
    first = group[0]
    merged = dict(first)
    merged["id"] = first["id"] if len(group) == 1 else "event:" + first["id"]
    merged["documents"] = list(dict.fromkeys(d for e in group for d in e.get("documents") or ()))
    merged["evidence"] = [ev for e in group for ev in e.get("evidence") or ()]
    merged["participants"] = list(dict.fromkeys(p for e in group for p in e.get("participants") or ()))
    merged["date"] = next((e["date"] for e in group if e.get("date")), None)
    merged["end_date"] = next((e["end_date"] for e in group if e.get("end_date")), None)
    merged["place"] = next((e["place"] for e in group if e.get("place")), None)
    if len(group) > 1:
        merged["reports"] = [e["id"] for e in group]
    return merged


def dates_learned(events: list[dict[str, Any]]) -> dict[str, str]:
    """Document id -> the date its undated reports took from the event they joined."""
    learned: dict[str, str] = {}
    for event in events:
        if event.get("date") and len(event["documents"]) > 1:
            for doc in event["documents"]:
                learned.setdefault(doc, event["date"])
    return learned
