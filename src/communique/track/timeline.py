"""Partnership timelines: per pair, the levels the parties held and since when, with the events of
the relationship; over all pairs, a network of who holds which level with whom since when.

Every step keeps the sources of each date it is given: where documents disagree on the date of a
level (2010 in two reports, 2011 in a third) or on the level set up on one day, the step lists
every claim with its documents and is marked `disputed`, never silently settled. Dates of
different precision that agree ("2025" and "2025-10-29") are one claim, the more precise kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from communique.kb.base import KnowledgeBase
from communique.store import Store
from communique.text.normalize import fold


def level_term(kb: KnowledgeBase, level: str) -> Any:
    """The KB level a stated level is: a core id, or a level named as written ("other:战略伙伴关系")."""
    found = kb.levels.get(level)
    if found is not None:
        return found
    named = {fold(name): term for term in kb.levels.values() for names in term.names.values() for name in names}
    return named.get(fold(level.removeprefix("other:")))


def _agree(a: str, b: str) -> bool:
    """Two dates agree when one is the other made more precise."""
    return a.startswith(b) or b.startswith(a)


def _claims(stated: Iterable[tuple[str | None, str, str]]) -> list[dict[str, Any]]:
    """(date, change, document) statements of one level -> claims: one per date that disagrees with
    the others, each with its documents; the most precise form of agreeing dates kept."""
    claims: list[dict[str, Any]] = []
    undated: list[str] = []
    for day, change, document in stated:
        if not day:
            undated.append(document)
            continue
        claim = next((c for c in claims if _agree(c["date"], day)), None)
        if claim is None:
            claims.append({"date": day, "change": change, "documents": [document]})
            continue
        if len(day) > len(claim["date"]):
            claim["date"] = day
        if change == "upgrade":
            claim["change"] = "upgrade"
        if document not in claim["documents"]:
            claim["documents"].append(document)
    claims.sort(key=lambda c: (-len(c["documents"]), c["date"]))
    if undated:
        claims.append({"date": None, "change": "mentioned", "documents": list(dict.fromkeys(undated))})
    return claims


def pair_steps(partnerships: Iterable[dict[str, Any]], kb: KnowledgeBase) -> dict[str, list[dict[str, Any]]]:
    """Pair ("GB-VN") -> its level steps in date order, each with every claim and its sources."""
    stated: dict[tuple[str, str], list[tuple[str | None, str, str]]] = defaultdict(list)
    names: dict[tuple[str, str], tuple[str, int | None, str]] = {}
    for record in partnerships:
        parties = sorted(record.get("parties") or ())
        if len(parties) != 2:
            continue
        pair = "-".join(parties)
        term = level_term(kb, record["level"])
        key = (pair, term.id if term else record["level"])
        names.setdefault(key, (term.name if term else record["level"].removeprefix("other:"),
                               term.rank if term else None, record["level"]))
        for span in record.get("evidence") or [{}]:
            if span.get("document"):
                stated[key].append((record.get("date"), record.get("change") or "mentioned", span["document"]))
                break
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (pair, level_id), statements in stated.items():
        name, rank, level = names[(pair, level_id)]
        claims = _claims(statements)
        dated = [c for c in claims if c["date"]]
        out[pair].append({"level": level, "level_name": name, "rank": rank,
                          "date": dated[0]["date"] if dated else None,
                          "change": "upgrade" if any(c["change"] == "upgrade" for c in claims) else "mentioned",
                          "claims": claims, "disputed": len(dated) > 1,
                          "documents": list(dict.fromkeys(d for c in claims for d in c["documents"]))})
    for steps in out.values():
        _mark_level_disputes(steps)
        steps.sort(key=lambda s: (s["date"] is None, s["date"] or "", s["rank"] or 0))
    return dict(out)


def _mark_level_disputes(steps: list[dict[str, Any]]) -> None:
    """Two levels said to be set up on the same day by different documents: the sources disagree
    on the level (each step names the other)."""
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for step in steps:
        for claim in step["claims"]:
            if claim["date"] and claim["change"] == "upgrade" and len(claim["date"]) == 10:
                by_day[claim["date"]].append(step)
    for day, sharing in by_day.items():
        if len({s["level"] for s in sharing}) > 1:
            for step in sharing:
                others = sorted({s["level_name"] for s in sharing if s["level"] != step["level"]})
                if others:
                    step.setdefault("level_disputed", []).append({"date": day, "other_levels": others})


def timeline(store: Store, kb: KnowledgeBase, pair: str | None = None, country: str | None = None,
             events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The relationship's timeline (one pair) or every pair's (optionally those of one country):
    level steps with their claims, and the events of the pair in date order."""
    from communique.export.contract import dated_partnerships
    from communique.track.register import grouped_events

    if events is None:
        events = grouped_events(store)
    steps = pair_steps(dated_partnerships(store), kb)
    events_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        codes = sorted(set(event.get("countries") or ()))
        if len(codes) == 2 and event.get("date"):
            events_of["-".join(codes)].append({
                "id": event["id"], "type": event["type"], "date": event["date"], "end_date": event.get("end_date"),
                "place": event.get("place"), "status": event.get("status"), "participants": event.get("participants"),
                "documents": event.get("documents")})
    pairs = sorted(set(steps) | set(events_of))
    if pair is not None:
        pairs = [p for p in pairs if p == pair] or [pair]
    if country is not None:
        pairs = [p for p in pairs if country in p.split("-")]
    out = []
    for key in pairs:
        names = [(kb.country(c).name if kb.country(c) else c) for c in key.split("-")]
        out.append({"pair": key, "countries": " – ".join(names), "levels": steps.get(key, []),
                    "events": sorted(events_of.get(key, []), key=lambda e: e["date"])})
    return {"pairs": out, "network": network(steps, kb, country)}


def network(steps: dict[str, list[dict[str, Any]]], kb: KnowledgeBase, country: str | None = None) -> dict[str, Any]:
    """Each pair's highest level and the date it was set up (disputed where its sources disagree), as
    edges; grouped by level and year for one country ("Vietnam's comprehensive strategic partners by
    year of upgrade")."""
    edges = []
    for pair, pair_levels in sorted(steps.items()):
        if country is not None and country not in pair.split("-"):
            continue
        ranked = [s for s in pair_levels if s["rank"] is not None] or pair_levels
        top = max(ranked, key=lambda s: (s["rank"] or 0, s["date"] or ""))
        edges.append({"pair": pair, "parties": pair.split("-"), "level": top["level"], "level_name": top["level_name"],
                      "rank": top["rank"], "since": top["date"], "disputed": top["disputed"],
                      "documents": top["documents"]})
    nodes = sorted({c for e in edges for c in e["parties"]})
    out: dict[str, Any] = {"nodes": [{"id": c, "name": kb.country(c).name if kb.country(c) else c} for c in nodes],
                           "edges": edges}
    if country is not None:
        by_level: dict[str, dict[str, Any]] = {}
        for edge in sorted(edges, key=lambda e: (-(e["rank"] or 0), e["since"] or "9999")):
            partner = next((c for c in edge["parties"] if c != country), country)
            group = by_level.setdefault(edge["level"], {"level": edge["level"], "level_name": edge["level_name"],
                                                         "rank": edge["rank"], "partners": []})
            group["partners"].append({"country": partner,
                                      "name": kb.country(partner).name if kb.country(partner) else partner,
                                      "since": edge["since"], "year": edge["since"][:4] if edge["since"] else None,
                                      "disputed": edge["disputed"]})
        out["country"] = country
        out["by_level"] = list(by_level.values())
    return out
