"""Reading the stored register: commitments with their current status, evidence links, scorecards."""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from communique.model import period
from communique.store import Store
from communique.store.chunks import chunked
from communique.store.schema import (
    assessments,
    evidence,
    evidence_log,
    fact_tables,
    register_commitments,
    register_variants,
)
from communique.track.status import considered, implementation_from, latest_of, rubric

EVIDENCE_STATES = ("proposed", "confirmed", "rejected")


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
        ids = [r["id"] for r in rows]
        current = latest_of(conn, ids)
        counts: Counter[str] = Counter()
        for piece in chunked(ids):
            counts.update(r.register_id for r in conn.execute(
                select(evidence.c.register_id).where(evidence.c.state != "rejected",
                                                     evidence.c.register_id.in_(piece))))
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


def evidence_link(store: Store, evidence_id: str) -> dict[str, Any] | None:
    """One evidence link with its log (every change of state, oldest first)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(evidence).where(evidence.c.id == evidence_id)).first()
        if row is None:
            return None
        log = [dict(e._mapping) for e in conn.execute(
            select(evidence_log).where(evidence_log.c.evidence_id == evidence_id).order_by(evidence_log.c.pk))]
    return dict(row._mapping) | {"log": log}


def assessment(store: Store, assessment_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(assessments).where(assessments.c.id == assessment_id)).first()
    return dict(row._mapping) if row is not None else None


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
        of_commitment = select(evidence.c.id).where(evidence.c.register_id == register_id)
        for entry in conn.execute(select(evidence_log).where(evidence_log.c.evidence_id.in_(of_commitment))
                                  .order_by(evidence_log.c.pk)):
            logs[entry.evidence_id].append(dict(entry._mapping))
        out["implementation"] = [e | {"log": logs.get(e["id"], [])} for e in links]
    current = out["assessments"][-1] if out["assessments"] else {}
    out["status"] = current.get("implementation")
    out["schedule"] = current.get("schedule")
    out["review"] = current.get("review")
    out["target_progress"] = current.get("target_progress")
    return out


def _summary(items: list[dict[str, Any]], status_key: str = "status") -> dict[str, Any]:
    """Commitments, the assessable ones, those with evidence, the count per implementation state,
    and the -1/0/+1 average with its percentage ((score + 1) / 2)."""
    scale = {k: v["g20"] for k, v in rubric()["implementation"].items()}
    statuses = [r[status_key] or "no_evidence" for r in items]
    states = Counter(statuses)
    scored = [scale[s] for s in statuses if scale.get(s) is not None]
    assessable = [r for r, s in zip(items, statuses, strict=True) if s != "not_assessable"]
    average = sum(scored) / len(scored) if scored else None
    return {"commitments": len(items), "assessable": len(assessable),
            "with_evidence": sum(1 for r in assessable if r["evidence"]),
            "states": dict(sorted(states.items())),
            "score": round(average, 3) if average is not None else None,
            "percent": round((average + 1) / 2 * 100, 1) if average is not None else None}


def scorecard(store: Store, pair: str, today: date | None = None) -> dict[str, Any]:
    """Per pillar, per party and for the whole partnership: commitments, the share with evidence,
    the share in each implementation state, and the G7/G20 Research Group's -1/0/+1 average with
    its percentage; commitments that are not assessable are counted apart. `quarters`: the same
    figures at the end of each quarter since the first statement, as the evidence then known (and
    the analysts' assessments then made) had them; `undated`: the commitments left out of the
    quarters because their document gives no date."""
    rows = status_rows(store, pair=pair)
    actors = _actors(store, [r["id"] for r in rows])
    by_pillar: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_party: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_pillar[row["pillar"] or "none"].append(row)
        for party in actors.get(row["id"]) or (row["parties"] or "").split("-"):
            if party:
                by_party[party].append(row)
    return {"pair": pair, "rubric": rubric()["version"], "overall": _summary(rows),
            "pillars": {p: _summary(items) for p, items in sorted(by_pillar.items())},
            "parties": {p: _summary(items) for p, items in sorted(by_party.items())},
            "quarters": quarterly(store, rows, today or datetime.now(UTC).date()),
            "undated": sum(1 for r in rows if period(r["stated"]) is None)}


def _actors(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """The acting parties of each register commitment, from its canonical record (commitments
    extracted before `actors` existed have none: all parties act)."""
    table = fact_tables["commitments"]
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for piece in chunked(ids):
            for row in conn.execute(select(table.c.id, table.c.actors).where(table.c.id.in_(piece))):
                if row.actors:
                    out[row.id] = list(row.actors)
    return out


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quarter_ends(first: date, last: date) -> list[date]:
    ends = []
    year, quarter = first.year, (first.month - 1) // 3
    while True:
        month = quarter * 3 + 3
        end = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(end)
        if end >= last:
            return ends
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)


def quarterly(store: Store, rows: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """The scorecard's overall figures at the end of each quarter from the first statement's to
    today's: a commitment counts once stated; its status is the one its evidence dated up to then
    gives (through the rubric), or an analyst's assessment made as of a day up to then when that
    is later than the evidence."""
    from communique.track.register import corpus_dates

    stated = {r["id"]: p.first for r in rows if (p := period(r["stated"]))}
    if not stated:
        return []
    ids = list(stated)
    _, dates = corpus_dates(store)
    links: dict[str, list[tuple[date, dict[str, Any]]]] = defaultdict(list)
    linked: dict[str, list[date]] = defaultdict(list)  # every link not rejected, by its document's date
    analysts: dict[str, list[tuple[date, str]]] = defaultdict(list)
    with store.engine.connect() as conn:
        for chunk in chunked(ids):
            for e in conn.execute(select(evidence).where(evidence.c.register_id.in_(chunk))):
                link = dict(e._mapping)
                day = dates.get(link["document_id"])
                if day is None or link["state"] == "rejected":
                    continue
                linked[link["register_id"]].append(day.first)
                if considered(link):
                    links[link["register_id"]].append((day.first, link))
            for a in conn.execute(select(assessments).where(assessments.c.register_id.in_(chunk),
                                                            assessments.c.author != "auto")
                                  .order_by(assessments.c.pk)):
                if (d := period(a.as_of)) is not None:
                    analysts[a.register_id].append((d.first, a.implementation))
    for found in links.values():
        found.sort(key=lambda item: (item[0], item[1]["score"]))
    out = []
    for end in _quarter_ends(min(stated.values()), today):
        items = []
        for row in rows:
            if row["id"] not in stated or stated[row["id"]] > end:
                continue
            known = [link for day, link in links[row["id"]] if day <= end]
            status = implementation_from(bool(row["verifiable"]), known)
            latest_evidence = max((day for day, _ in links[row["id"]] if day <= end), default=date.min)
            made = [(day, value) for day, value in analysts[row["id"]] if day <= end]
            if made and made[-1][0] >= latest_evidence:
                status = made[-1][1]
            items.append({"as_of_status": status, "evidence": sum(1 for day in linked[row["id"]] if day <= end)})
        out.append({"quarter": quarter_of(end), "end": end.isoformat(), **_summary(items, "as_of_status")})
    return out


def target_rows(store: Store, pair: str | None = None, today: date | None = None) -> list[dict[str, Any]]:
    """Every target of the register's commitments with its deadline, the days left to it (the end
    of its year; negative once passed), the latest figure in the same unit with its source, and
    the commitment's status; soonest deadline first, targets without one last."""
    today = today or datetime.now(UTC).date()
    out = []
    for row in status_rows(store, pair=pair):
        progress = (_latest_progress(store, row["id"]) or {}) if row["targets"] else {}
        seen: set[tuple[Any, ...]] = set()
        for target in progress.get("targets") or ():
            key = (target["value"], target["unit"], target["year"], target["qualifier"])
            if key in seen:
                continue  # the same target in another language version of the clause
            seen.add(key)
            year = target.get("year") or (int(row["deadline"][:4]) if row["deadline"] else None)
            deadline = date(year, 12, 31) if year else None
            latest = target.get("latest") or {}
            out.append({"commitment": row["id"], "parties": row["parties"], "pillar": row["pillar"],
                        "clause": row["clause"], "target": target["text"], "value": target["value"],
                        "unit": target["unit"], "qualifier": target["qualifier"], "deadline": year,
                        "days_left": (deadline - today).days if deadline else None,
                        "latest": latest.get("value"), "latest_text": latest.get("text"),
                        "latest_date": latest.get("date"), "source": latest.get("evidence"),
                        "source_document": latest.get("document"),
                        "ratio": target.get("ratio"), "status": row["status"], "schedule": row["schedule"]})
    out.sort(key=lambda r: (r["deadline"] is None, r["deadline"] or 0, r["parties"] or "", r["commitment"]))
    return out


def _latest_progress(store: Store, register_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        return conn.execute(select(assessments.c.target_progress).where(assessments.c.register_id == register_id)
                            .order_by(assessments.c.pk.desc()).limit(1)).scalar()


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


def changes(store: Store, pair: str | None = None, register_id: str | None = None, since: datetime | None = None,
            limit: int = 50) -> list[dict[str, Any]]:
    """What moved in the register, newest first: commitments that entered it (`entered`: the first,
    automatic assessment of a newly stated commitment), assessments made (by analysts or `auto`),
    evidence proposed, and decisions on evidence; of one pair or one commitment."""
    def scoped(query: Any, column: Any) -> Any:
        if register_id:
            return query.where(column == register_id)
        if pair:
            return query.where(column.in_(select(register_commitments.c.id)
                                          .where(register_commitments.c.parties == pair)))
        return query

    out: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        texts: dict[str, str] = {}
        query = scoped(select(assessments), assessments.c.register_id)
        if since is not None:
            query = query.where(assessments.c.at >= since)
        earlier = assessments.alias("earlier")
        first = ~(select(earlier.c.id).where(earlier.c.register_id == assessments.c.register_id,
                                             earlier.c.at < assessments.c.at).exists())
        query = query.add_columns(first.label("first"))
        for a in conn.execute(query.order_by(assessments.c.at.desc()).limit(limit)):
            entered = a.first and a.author == "auto"
            out.append({"kind": "entered" if entered else "assessment", "id": a.id, "at": a.at,
                        "register_id": a.register_id,
                        "author": a.author, "implementation": a.implementation, "schedule": a.schedule,
                        "review": a.review, "note": a.note})
        query = scoped(select(evidence), evidence.c.register_id)
        if since is not None:
            query = query.where(evidence.c.proposed_at >= since)
        for e in conn.execute(query.order_by(evidence.c.proposed_at.desc()).limit(limit)):
            out.append({"kind": "evidence_proposed", "id": e.id, "at": e.proposed_at, "register_id": e.register_id,
                        "author": "auto", "stance": e.stance, "score": e.score, "text": e.text, "reason": e.reason,
                        "document_id": e.document_id})
        query = scoped(select(evidence_log, evidence.c.register_id, evidence.c.text)
                       .join(evidence, evidence.c.id == evidence_log.c.evidence_id)
                       .where(evidence_log.c.state != "proposed"),  # proposals are listed above
                       evidence.c.register_id)
        if since is not None:
            query = query.where(evidence_log.c.at >= since)
        for d in conn.execute(query.order_by(evidence_log.c.at.desc()).limit(limit)):
            out.append({"kind": "evidence_" + d.state, "id": d.evidence_id, "at": d.at, "register_id": d.register_id,
                        "author": d.author, "text": d.text, "note": d.note})
        ids = list({c["register_id"] for c in out})
        for piece in chunked(ids):
            for r in conn.execute(select(register_commitments.c.id, register_commitments.c.text,
                                         register_commitments.c.parties)
                                  .where(register_commitments.c.id.in_(piece))):
                texts[r.id] = r.text
    for change in out:
        change["commitment"] = texts.get(change["register_id"], "")
        if change["at"].tzinfo is None:  # SQLite gives naive datetimes back; they were written in UTC
            change["at"] = change["at"].replace(tzinfo=UTC)
    out.sort(key=lambda c: c["at"], reverse=True)
    return out[:limit]
