"""One event, many reports: grouping the events of different documents.

Blocked, so the work stays near-linear in the number of events: events are compared only within
a block of the same type and the same two countries. Within a block, events dated to the day and
closer than DATE_WINDOW_DAYS to the group's first date are one event (each report keeps its own
evidence). An event dated only to the month or the year joins the one group whose date falls in
that month or year (a group of the same date first; among several, the one sharing a participant),
else starts its own: dates keep their precision (`Period`), a month is never read as its first day.
An undated report joins the one group of its block that shares a participant with it, and takes
that group's date. Planned events are never merged with held ones, nor two events of one document
(its extractor told them apart: two meetings of one day with different counterparts, a recalled
visit); among several groups a report could join, the one sharing a participant wins. A `part_of`
naming a report names the merged event that holds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from communique.model import Period, period

# Reports of one event give dates at most this many days apart (time zones, "yesterday").
DATE_WINDOW_DAYS = 2


def _block(event: dict[str, Any]) -> tuple[str, tuple[str, ...], str]:
    return event["type"], tuple(sorted(event.get("countries") or ())), event.get("status", "held")


def _people(events: Iterable[dict[str, Any]]) -> set[str]:
    return {p for e in events for p in e.get("participants") or ()}


def _only(groups: list[list[dict[str, Any]]], event: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The one group of `groups` for `event`: the only one, else the only one sharing a participant."""
    if len(groups) == 1:
        return groups[0]
    people = set(event.get("participants") or ())
    sharing = [g for g in groups if people & _people(g)]
    return sharing[0] if len(sharing) == 1 else None


def group_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge reports of the same event; returns events in the export's shape, each listing every
    document that reports it and the evidence of each report."""
    blocks: dict[tuple[str, tuple[str, ...], str], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        blocks[_block(event)].append(event)
    out: list[dict[str, Any]] = []
    for members in blocks.values():
        when = {id(e): period(e.get("date")) for e in members}
        # Days first (in date order), then months, then years: a coarse date joins a precise group.
        dated = sorted((e for e in members if when[id(e)]),
                       key=lambda e: (when[id(e)].rank, when[id(e)].first))  # type: ignore[union-attr]
        undated = [e for e in members if not when[id(e)]]
        groups: list[list[dict[str, Any]]] = []
        starts: list[Period] = []  # the date of each group's first event
        for event in dated:
            span: Period = when[id(event)]  # type: ignore[assignment]
            if span.precision == "day":
                near = [g for g, s in zip(groups, starts, strict=True)
                        if s.precision == "day" and abs((span.first - s.first).days) <= DATE_WINDOW_DAYS
                        and _open_to(g, event)]
                if near:
                    _best(near, event).append(event)
                    continue
            else:
                same = [g for g, s in zip(groups, starts, strict=True) if s.iso == span.iso and _open_to(g, event)]
                fitting = same or [g for g, s in zip(groups, starts, strict=True)
                                   if s.overlaps(span) and _open_to(g, event)]
                group = _only(fitting, event) if fitting else None
                if group is not None:
                    group.append(event)
                    continue
            groups.append([event])
            starts.append(span)
        for event in undated:
            people = set(event.get("participants") or ())
            fitting = [g for g in groups if people and people & _people(g) and _open_to(g, event)]
            if len(fitting) == 1:
                fitting[0].append(event)
            else:
                groups.append([event])
        out.extend(_merged(group) for group in groups)
    holder = {report: e["id"] for e in out for report in e.get("reports") or ()}
    for event in out:
        if event.get("part_of") in holder:
            event["part_of"] = holder[event["part_of"]]
        if event.get("part_of") == event["id"]:
            del event["part_of"]
    return out


def _open_to(group: list[dict[str, Any]], event: dict[str, Any]) -> bool:
    """No event of `group` comes from a document of `event`: one document's events are apart."""
    docs = set(event.get("documents") or ())
    return not any(docs & set(e.get("documents") or ()) for e in group)


def _best(groups: list[list[dict[str, Any]]], event: dict[str, Any]) -> list[dict[str, Any]]:
    """Of the groups a report could join, the last one sharing a participant with it, else the last."""
    people = set(event.get("participants") or ())
    sharing = [g for g in groups if people & _people(g)]
    return (sharing or groups)[-1]


def _merged(group: list[dict[str, Any]]) -> dict[str, Any]:
    first = group[0]
    merged = dict(first)
    merged["id"] = first["id"] if len(group) == 1 else "event:" + first["id"]
    merged["documents"] = list(dict.fromkeys(d for e in group for d in e.get("documents") or ()))
    merged["evidence"] = [ev for e in group for ev in e.get("evidence") or ()]
    merged["participants"] = list(dict.fromkeys(p for e in group for p in e.get("participants") or ()))
    merged["date"] = _most_precise(e.get("date") for e in group)
    merged["end_date"] = _most_precise(e.get("end_date") for e in group)
    merged["place"] = next((e["place"] for e in group if e.get("place")), None)
    part_of = next((e["part_of"] for e in group if e.get("part_of")), None)
    if part_of:
        merged["part_of"] = part_of
    if len(group) > 1:
        merged["reports"] = [e["id"] for e in group]
    return merged


def _most_precise(values: Iterable[str | None]) -> str | None:
    """The first of the most precise dates given, as written (a day beats a month, a month a year)."""
    known = [v for v in values if v]
    return min(known, key=lambda v: p.rank if (p := period(v)) else 3) if known else None


def dates_learned(events: list[dict[str, Any]]) -> dict[str, str]:
    """Document id -> the date its undated reports took from the event they joined."""
    learned: dict[str, str] = {}
    for event in events:
        if event.get("date") and len(event["documents"]) > 1:
            for doc in event["documents"]:
                learned.setdefault(doc, event["date"])
    return learned
