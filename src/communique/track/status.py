"""Assessments of register commitments on separate axes, append-only (data/rubric.yaml).

The automatic assessment (author `auto`, review `machine_proposed`) reads the commitment's
evidence: confirmed links and proposed ones scoring at least evidence.MOVES_STATUS_MIN (rejected
ones never count); the latest of them, by its document's date, sets `implementation` through the
rubric's `from_stance`. Without any, a verifiable commitment has `no_evidence` (as of the day it
was assessed); one that is not verifiable is `not_assessable`. `schedule` compares its own
deadline with that implementation. A new automatic assessment is appended only when it differs
from the latest one, and never on top of an analyst's unless evidence newer than the analyst's
assessment has come in. Analysts append their own (`assess`) and decide on links (`decide`);
nothing is ever updated in place but an evidence link's state, whose every change is logged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import insert, select, update

from communique.errors import CommuniqueError
from communique.store import Store
from communique.store.schema import assessments, evidence, evidence_log, register_commitments
from communique.track.evidence import MOVES_STATUS_MIN, numbers_in

AUTO = "auto"
DECISIONS = ("confirmed", "rejected")


class EvidenceConflict(CommuniqueError):
    """A decision on an evidence link someone else has decided in the meantime."""


@lru_cache(maxsize=1)
def rubric() -> dict[str, Any]:
    return yaml.safe_load(resources.files("communique.track").joinpath("data/rubric.yaml").read_text(encoding="utf-8"))


def implementation_values() -> tuple[str, ...]:
    return tuple(rubric()["implementation"])


def schedule_of(deadline: str | None, implementation: str, today: date) -> str:
    """no_deadline, on_time, at_risk (the deadline year has come and nothing moved) or overdue."""
    if not deadline:
        return "no_deadline"
    if implementation == "achieved":
        return "on_time"
    year = int(deadline[:4])
    if year < today.year:
        return "overdue"
    if year == today.year and implementation in ("no_evidence", "announced", "stalled"):
        return "at_risk"
    return "on_time"


def _assessment_id(register_id: str, author: str, at: datetime, implementation: str) -> str:
    return "a-" + hashlib.sha256(f"{register_id}|{author}|{at.isoformat()}|{implementation}".encode()).hexdigest()[:20]


def latest(conn: Any, register_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(assessments).where(assessments.c.register_id == register_id)
                       .order_by(assessments.c.pk.desc()).limit(1)).first()
    return dict(row._mapping) if row else None


def _considered(conn: Any, register_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(select(evidence).where(evidence.c.register_id == register_id,
                                               evidence.c.state != "rejected"))
    return [dict(r._mapping) for r in rows if r.state == "confirmed" or r.score >= MOVES_STATUS_MIN]


def reassess(store: Store, register_ids: Iterable[str], today: date | None = None,
             dates: dict[str, Any] | None = None) -> int:
    """Append the automatic assessment of each commitment where it changed; returns how many.
    `dates`: each document's date (register.corpus_dates), when the caller has them."""
    register_ids = sorted(set(register_ids))
    if not register_ids:
        return 0
    today = today or datetime.now(UTC).date()
    if dates is None:
        from communique.track.register import corpus_dates

        dates = corpus_dates(store)[1]
    table = rubric()
    appended = 0
    with store.writing() as conn:
        commitments = {r.id: r for r in conn.execute(
            select(register_commitments).where(register_commitments.c.id.in_(register_ids)))}
        for register_id in register_ids:
            commitment = commitments.get(register_id)
            if commitment is None:
                continue
            links = _considered(conn, register_id)
            links.sort(key=lambda e: ((d.first if (d := dates.get(e["document_id"])) else date.min), e["score"]))
            if not commitment.verifiable:
                implementation = "not_assessable"
            elif links:
                implementation = table["from_stance"][links[-1]["stance"]]
            else:
                implementation = "no_evidence"
            as_of = dates.get(links[-1]["document_id"]) if links else None
            record = {"implementation": implementation,
                      "schedule": schedule_of(commitment.deadline, implementation, today),
                      "target_progress": _target_progress(commitment, links),
                      "evidence": sorted(e["id"] for e in links)}
            previous = latest(conn, register_id)
            if previous and all(previous[k] == v for k, v in record.items()):
                continue
            if previous and previous["author"] != AUTO and not _newer_evidence(previous, links):
                continue  # an analyst's assessment stands until new evidence comes in
            at = datetime.now(UTC)
            conn.execute(insert(assessments).values(
                id=_assessment_id(register_id, AUTO, at, implementation), register_id=register_id,
                review="machine_proposed", author=AUTO, at=at,
                as_of=(as_of.iso if as_of else today.isoformat()), rubric=table["version"], note=None, **record))
            appended += 1
    return appended


def _newer_evidence(previous: dict[str, Any], links: list[dict[str, Any]]) -> bool:
    considered = set(previous.get("evidence") or ())
    return any(e["id"] not in considered for e in links)


def _target_progress(commitment: Any, links: list[dict[str, Any]]) -> dict[str, Any] | None:
    """For a commitment with a target: its deadline, and the latest link that shares a figure."""
    if not commitment.targets:
        return None
    figures = numbers_in(commitment.text)
    sharing = [e for e in links if numbers_in(e["text"]) & figures]
    latest_link = sharing[-1] if sharing else None
    return {"targets": list(commitment.targets), "deadline": commitment.deadline,
            "latest": latest_link["text"] if latest_link else None,
            "source": latest_link["id"] if latest_link else None}


def assess(store: Store, register_id: str, implementation: str, author: str, note: str | None = None,
           schedule: str | None = None, disputed: bool = False, today: date | None = None) -> dict[str, Any]:
    """An analyst's assessment, appended; returns it."""
    table = rubric()
    if implementation not in table["implementation"]:
        raise CommuniqueError(f"--implementation: {implementation!r} is not one of "
                              f"{', '.join(table['implementation'])}")
    if schedule is not None and schedule not in table["schedule"]:
        raise CommuniqueError(f"--schedule: {schedule!r} is not one of {', '.join(table['schedule'])}")
    if not author.strip() or author == AUTO:
        raise CommuniqueError(f"--author: {author!r} is reserved or empty: give your user name")
    today = today or datetime.now(UTC).date()
    at = datetime.now(UTC)
    with store.writing() as conn:
        commitment = conn.execute(select(register_commitments).where(register_commitments.c.id == register_id)).first()
        if commitment is None:
            raise CommuniqueError(f"no register commitment {register_id!r}")
        links = _considered(conn, register_id)
        row = {"id": _assessment_id(register_id, author, at, implementation), "register_id": register_id,
               "implementation": implementation,
               "schedule": schedule or schedule_of(commitment.deadline, implementation, today),
               "target_progress": _target_progress(commitment, links),
               "review": "disputed" if disputed else "analyst_confirmed", "author": author, "at": at,
               "as_of": today.isoformat(), "evidence": sorted(e["id"] for e in links),
               "rubric": table["version"], "note": note}
        conn.execute(insert(assessments).values(**row))
    return row


def decide(store: Store, evidence_id: str, state: str, author: str, note: str | None = None) -> dict[str, Any]:
    """Confirm or reject a proposed link. Two analysts deciding at once: the first decision wins,
    the second gets EvidenceConflict naming it; the log keeps every change."""
    if state not in DECISIONS:
        raise CommuniqueError(f"decision {state!r} is not one of {', '.join(DECISIONS)}")
    if not author.strip() or author == AUTO:
        raise CommuniqueError(f"--author: {author!r} is reserved or empty: give your user name")
    at = datetime.now(UTC)
    with store.writing() as conn:
        row = conn.execute(select(evidence).where(evidence.c.id == evidence_id)).first()
        if row is None:
            raise CommuniqueError(f"no evidence link {evidence_id!r} (`communique evidence list` shows them)")
        # The state read is the state written over: a decision taken in between makes this one fail.
        changed = conn.execute(update(evidence).where(evidence.c.id == evidence_id, evidence.c.state == "proposed")
                               .values(state=state)).rowcount
        if changed != 1:
            last = conn.execute(select(evidence_log).where(evidence_log.c.evidence_id == evidence_id)
                                .order_by(evidence_log.c.pk.desc()).limit(1)).first()
            who = f" by {last.author} at {last.at:%Y-%m-%d %H:%M}" if last is not None else ""
            current = conn.execute(select(evidence.c.state).where(evidence.c.id == evidence_id)).scalar()
            raise EvidenceConflict(f"evidence {evidence_id} was {current}{who}: not {state} again")
        conn.execute(insert(evidence_log).values(evidence_id=evidence_id, state=state, previous="proposed",
                                                 author=author, at=at, note=note))
        register_id = row.register_id
    reassess(store, [register_id])
    return {"id": evidence_id, "state": state, "register_id": register_id, "author": author}
