"""Reading the stored register: commitments with their current status, evidence links, scorecards."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from communique.store import Store
from communique.store.schema import (
    assessments,
    evidence,
    evidence_log,
    register_commitments,
    register_variants,
)
from communique.track.status import rubric

EVIDENCE_STATES = ("proposed", "confirmed", "rejected")


def _current(conn: Any) -> dict[str, dict[str, Any]]:
    """The latest assessment of every commitment (assessments are append-only: the highest pk)."""
    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(select(assessments).order_by(assessments.c.pk)):
        out[row.register_id] = dict(row._mapping)
    return out


def status_rows(store: Store, pair: str | None = None, pillar: str | None = None,
                implementation: str | None = None) -> list[dict[str, Any]]:
    """Register commitments with their current status, in pair, statement and clause order."""
    with store.engine.connect() as conn:
        query = select(register_commitments)
        if pair:
            query = query.where(register_commitments.c.parties == pair)
        if pillar:
            query = query.where(register_commitments.c.pillar == pillar)
        rows = [dict(r._mapping) for r in conn.execute(query)]
        current = _current(conn)
        counts = Counter(r.register_id for r in conn.execute(
            select(evidence.c.register_id).where(evidence.c.state != "rejected")))
    out = []
    for row in rows:
        status = current.get(row["id"]) or {}
        if implementation and status.get("implementation") != implementation:
            continue
        row.pop("updated_at", None)
        out.append(row | {"status": status.get("implementation"), "schedule": status.get("schedule"),
                          "review": status.get("review"), "assessed_by": status.get("author"),
                          "evidence": counts.get(row["id"], 0)})
    out.sort(key=lambda r: (r["parties"] or "", r["stated"] or "", r["document_id"], _clause_key(r["clause"])))
    return out


def _clause_key(clause: str | None) -> tuple[int, str]:
    return (int(clause), "") if clause and clause.isdigit() else (10**6, clause or "")


def evidence_rows(store: Store, register_id: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        query = select(evidence).order_by(evidence.c.register_id, evidence.c.score.desc())
        if register_id:
            query = query.where(evidence.c.register_id == register_id)
        if state:
            query = query.where(evidence.c.state == state)
        return [dict(r._mapping) for r in conn.execute(query)]


def commitment_detail(store: Store, register_id: str) -> dict[str, Any] | None:
    """One register commitment: its variants, every assessment (oldest first) and every link with its log."""
    with store.engine.connect() as conn:
        row = conn.execute(select(register_commitments).where(register_commitments.c.id == register_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["variants"] = [dict(v._mapping) for v in conn.execute(
            select(register_variants).where(register_variants.c.register_id == register_id)
            .order_by(register_variants.c.pk))]
        out["assessments"] = [dict(a._mapping) for a in conn.execute(
            select(assessments).where(assessments.c.register_id == register_id).order_by(assessments.c.pk))]
        links = [dict(e._mapping) for e in conn.execute(
            select(evidence).where(evidence.c.register_id == register_id).order_by(evidence.c.score.desc()))]
        logs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in conn.execute(select(evidence_log).where(evidence_log.c.evidence_id.in_([e["id"] for e in links]))
                                  .order_by(evidence_log.c.pk)):
            logs[entry.evidence_id].append(dict(entry._mapping))
        out["implementation"] = [e | {"log": logs.get(e["id"], [])} for e in links]
    current = out["assessments"][-1] if out["assessments"] else {}
    out["status"] = current.get("implementation")
    out["schedule"] = current.get("schedule")
    out["review"] = current.get("review")
    out["target_progress"] = current.get("target_progress")
    return out


def scorecard(store: Store, pair: str) -> dict[str, Any]:
    """Per pillar and for the whole partnership: commitments, the share with evidence, the share
    in each implementation state, and the G7/G20 Research Group's -1/0/+1 average with its
    percentage ((score + 1) / 2); commitments that are not assessable are counted apart."""
    scale = {k: v["g20"] for k, v in rubric()["implementation"].items()}
    rows = status_rows(store, pair=pair)

    def summary(items: list[dict[str, Any]]) -> dict[str, Any]:
        states = Counter(r["status"] or "no_evidence" for r in items)
        scored = [scale[s] for r in items if (s := r["status"] or "no_evidence") in scale and scale[s] is not None]
        assessable = [r for r in items if r["status"] != "not_assessable"]
        average = sum(scored) / len(scored) if scored else None
        return {"commitments": len(items), "assessable": len(assessable),
                "with_evidence": sum(1 for r in assessable if r["evidence"]),
                "states": dict(sorted(states.items())),
                "score": round(average, 3) if average is not None else None,
                "percent": round((average + 1) / 2 * 100, 1) if average is not None else None}

    by_pillar: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_pillar[row["pillar"] or "none"].append(row)
    return {"pair": pair, "rubric": rubric()["version"], "overall": summary(rows),
            "pillars": {p: summary(items) for p, items in sorted(by_pillar.items())}}


def export_records(store: Store) -> Iterator[dict[str, Any]]:
    """The stored register in the export's shape (`register` of communique.export/2)."""
    with store.engine.connect() as conn:
        commitments = [dict(r._mapping) for r in conn.execute(select(register_commitments)
                                                               .order_by(register_commitments.c.id))]
        variants: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for v in conn.execute(select(register_variants).order_by(register_variants.c.pk)):
            variants[v.register_id].append({"document": v.document_id, "clause": v.clause, "start": v.start,
                                            "end": v.end, "language": v.language, "score": v.score,
                                            "match": v.match})
        history: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in conn.execute(select(assessments).order_by(assessments.c.pk)):
            history[a.register_id].append({"id": a.id, "implementation": a.implementation, "schedule": a.schedule,
                                           "target_progress": a.target_progress, "review": a.review,
                                           "author": a.author, "at": a.at.isoformat(), "as_of": a.as_of,
                                           "evidence": list(a.evidence or ()), "rubric": a.rubric, "note": a.note})
        links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in conn.execute(select(evidence).order_by(evidence.c.register_id, evidence.c.score.desc())):
            links[e.register_id].append({"id": e.id, "document": e.document_id, "start": e.start, "end": e.end,
                                         "text": e.text, "stance": e.stance, "score": e.score, "state": e.state,
                                         "reason": e.reason})
    for c in commitments:
        current = history[c["id"]][-1] if history[c["id"]] else {}
        yield {"id": c["id"], "parties": (c["parties"] or "").split("-") if c["parties"] else [],
               "pillar": c["pillar"], "clause": c["clause"], "text": c["text"], "language": c["language"],
               "stated": c["stated"], "deadline": c["deadline"], "verifiable": bool(c["verifiable"]),
               "variants": variants[c["id"]], "status": current.get("implementation"),
               "schedule": current.get("schedule"), "target_progress": current.get("target_progress"),
               "review": current.get("review"), "assessments": history[c["id"]], "implementation": links[c["id"]]}
