"""What a pair's report holds, gathered from the same library calls the CLI and the API make;
each row carries the numbers of the source documents it rests on (`refs`)."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from typing import Any

from communique import api


def N_(text: str) -> str:  # noqa: N802  (gettext's marker: the words are translated when rendered)
    return text


PILLAR_NAMES = {"politics_security": N_("Politics and security"), "economy_trade": N_("Economy and trade"),
                "environment_energy": N_("Environment and energy"),
                "science_tech_health": N_("Science, technology and health"), "people_culture": N_("People and culture"),
                "regional_international": N_("Regional and international"), "implementation": N_("Implementation"),
                "preamble": N_("Preamble"), "none": N_("No pillar")}
STATUS_NAMES = {"achieved": N_("achieved"), "partial": N_("partial"), "in_progress": N_("in progress"),
                "announced": N_("announced"), "stalled": N_("stalled"), "reversed": N_("reversed"),
                "no_evidence": N_("no evidence"), "not_assessable": N_("not assessable")}
CHANGE_NAMES = {"upgrade": N_("upgrade"), "mentioned": N_("stated")}
STANCE_NAMES = {"completion": N_("reports completion"), "progress": N_("reports progress"),
                "contradicts": N_("contradicts"), "mention": N_("mentions it")}
STATE_NAMES = {"proposed": N_("proposed"), "confirmed": N_("confirmed"), "rejected": N_("rejected")}
EVENT_NAMES = {"talks": N_("talks"), "visit": N_("visit"), "meeting": N_("meeting"), "call": N_("call"),
               "dialogue": N_("dialogue"), "signing": N_("signing"), "statement": N_("statement"), "other": N_("other")}
STATUS_ORDER = tuple(STATUS_NAMES)


class Sources:
    """Source documents numbered in the order the report first cites them."""

    def __init__(self, store: Any, base_url: str | None):
        self.store, self.base_url = store, base_url.rstrip("/") if base_url else None
        self.numbers: dict[str, int] = {}
        self.rows: list[dict[str, Any]] = []

    def cite(self, ids: Any) -> list[int]:
        out = []
        for doc_id in dict.fromkeys(i for i in ids if i):
            if doc_id not in self.numbers:
                doc = self.store.get(doc_id)
                meta = doc.meta
                self.numbers[doc_id] = len(self.rows) + 1
                link = f"{self.base_url}/documents/{doc.id}" if self.base_url else (meta.url or None)
                self.rows.append({"n": self.numbers[doc_id], "id": doc.id, "title": meta.title or doc.path,
                                  "published": meta.published.iso() if meta.published else None,
                                  "language": doc.language, "outlet": meta.source, "url": link,
                                  "origin": meta.url or os.path.basename(doc.path.split("#")[0])})
            out.append(self.numbers[doc_id])
        return sorted(out)


def gather(pair: str, db: Any = None, base_url: str | None = None, today: date | None = None) -> dict[str, Any]:
    """The report of `pair` (any spelling api.parse_pair takes)."""
    store = api.open_store(db)
    key = "-".join(api.parse_pair(pair))
    sources = Sources(store, base_url)
    found = api.timeline(db=store, pair=key)["pairs"]
    history = found[0] if found else {"pair": key, "countries": key, "levels": [], "events": []}

    levels = [{"level": lv["level_name"], "level_id": lv["level"], "date": lv["date"], "change": lv["change"],
               "disputed": lv["disputed"],
               "claims": [{"date": c["date"], "change": c["change"], "refs": sources.cite(c["documents"])}
                          for c in lv["claims"]],
               "refs": sources.cite(lv["documents"])} for lv in history["levels"]]
    names = api.names({p for e in history["events"] for p in e.get("participants") or []}, db=store)
    events = [{"date": e["date"], "end_date": e.get("end_date"), "type": e["type"], "place": e.get("place"),
               "status": e.get("status"), "participants": [names.get(p, p) for p in e.get("participants") or []],
               "refs": sources.cite(e["documents"])} for e in history["events"]]

    rows = api.status(db=store, pair=key)
    by_id = {r["id"]: r for r in rows}
    commitment_refs = {r["id"]: sources.cite([r["document_id"]]) for r in rows}
    pillars: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        pillars[r["pillar"] or "none"].append(r | {"refs": commitment_refs[r["id"]]})
    card = api.scorecard(key, db=store)
    scorecard = []
    for pillar, s in sorted(card["pillars"].items(), key=lambda item: -item[1]["commitments"]):
        refs = sorted({n for r in pillars.get(pillar, []) for n in r["refs"]})
        scorecard.append({"pillar": pillar, "name": PILLAR_NAMES.get(pillar, pillar), **s, "refs": refs})
    overall = card["overall"] | {"refs": sorted({n for refs in commitment_refs.values() for n in refs})}

    targets = []
    for t in api.targets(db=store, pair=key):
        stated = by_id.get(t["commitment"], {}).get("document_id")
        targets.append(t | {"refs": sources.cite([stated]), "latest_refs": sources.cite([t.get("source_document")])})
    evidence = []
    for e in api.evidence_list(db=store):
        if e["register_id"] in by_id:
            evidence.append(e | {"clause": by_id[e["register_id"]]["clause"], "refs": sources.cite([e["document_id"]])})
    moved = api.changes(db=store, pair=key, limit=20)
    return {"pair": key, "countries": history.get("countries") or key, "generated": (today or date.today()).isoformat(),
            "rubric": card.get("rubric"), "levels": levels, "events": events, "overall": overall,
            "scorecard": scorecard, "parties": card.get("parties") or {},
            "pillars": {p: pillars[p] for p in sorted(pillars, key=lambda p: -len(pillars[p]))},
            "targets": targets, "evidence": evidence, "moved": moved, "sources": sources.rows,
            "pillar_names": PILLAR_NAMES, "status_names": STATUS_NAMES, "change_names": CHANGE_NAMES,
            "stance_names": STANCE_NAMES, "state_names": STATE_NAMES, "event_names": EVENT_NAMES}
