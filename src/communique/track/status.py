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
from sqlalchemy import func, insert, select, update

from communique.errors import CommuniqueError, Conflict, NotFound
from communique.extract.targets import find_targets
from communique.store import Store
from communique.store.chunks import chunked
from communique.store.schema import (
    assessments,
    documents,
    evidence,
    evidence_log,
    fact_tables,
    register_commitments,
)
from communique.track.evidence import MOVES_STATUS_MIN, numbers_in

AUTO = "auto"
DECISIONS = ("confirmed", "rejected")


class EvidenceConflict(Conflict):
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


def _considered(conn: Any, register_id: str) -> list[dict[str, Any]]:
    return _considered_of(conn, [register_id]).get(register_id, [])


def _considered_of(conn: Any, register_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The links that count for the status (`considered`) of several commitments, in one statement."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(select(evidence).where(evidence.c.register_id.in_(register_ids),
                                                 evidence.c.state != "rejected")):
        if considered(link := dict(r._mapping)):
            out.setdefault(link["register_id"], []).append(link)
    return out


def latest_of(conn: Any, register_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The latest assessment of each of `register_ids` that has one (assessments are append-only:
    the highest pk), found by the database: the history of the others is not read."""
    out: dict[str, dict[str, Any]] = {}
    for piece in chunked(register_ids):
        newest = (select(func.max(assessments.c.pk)).where(assessments.c.register_id.in_(piece))
                  .group_by(assessments.c.register_id))
        for row in conn.execute(select(assessments).where(assessments.c.pk.in_(newest))):
            out[row.register_id] = dict(row._mapping)
    return out


def reassess(store: Store, register_ids: Iterable[str], today: date | None = None,
             dates: dict[str, Any] | None = None) -> int:
    """Append the automatic assessment of each commitment where it changed; returns how many.
    `dates`: each document's date (register.corpus_dates), when the caller has them."""
    register_ids = sorted(set(register_ids))
    if not register_ids:
        return 0
    if dates is None:
        dates = _corpus_dates(store)
    with store.writing(blocks=blocks_of(store, register_ids)) as conn:
        return reassess_in(conn, register_ids, today or datetime.now(UTC).date(), dates)


def blocks_of(store: Store, register_ids: Iterable[str]) -> set[str]:
    """The register blocks (pairs) of commitments: what their writers lock (`Store.writing`). A
    commitment's pair never changes (its id names a clause of a document of that pair)."""
    with store.engine.connect() as conn:
        return {p or "" for piece in chunked(register_ids) for p in conn.execute(
            select(register_commitments.c.parties).where(register_commitments.c.id.in_(piece)).distinct()).scalars()}


def _corpus_dates(store: Store) -> dict[str, Any]:
    from communique.track.register import corpus_dates

    return corpus_dates(store)[1]


def reassess_in(conn: Any, register_ids: list[str], today: date, dates: dict[str, Any]) -> int:
    """`reassess` inside the caller's write transaction (a decision and the status it moves are
    written together: a kill between them cannot leave a confirmed link with a stale status).
    Commitments are read, with their links and latest assessments, a piece at a time."""
    table = rubric()
    appended = 0
    for piece in chunked(register_ids):
        commitments = {r.id: r for r in conn.execute(
            select(register_commitments).where(register_commitments.c.id.in_(piece)))}
        links_of = _considered_of(conn, piece)
        previous_of = latest_of(conn, piece)
        targeted = [c for c in commitments.values() if c.targets]
        known = _targets_and_languages(conn, targeted, [e for c in targeted for e in links_of.get(c.id, [])])
        fresh = []
        for register_id in piece:
            commitment = commitments.get(register_id)
            if commitment is None:
                continue
            links = links_of.get(register_id, [])
            # in date order, then by score; the id last, so that ties come out the same on every backend
            links.sort(key=lambda e: (d.first if (d := dates.get(e["document_id"])) else date.min, e["score"], e["id"]))
            implementation = implementation_from(commitment.verifiable, links)
            as_of = dates.get(links[-1]["document_id"]) if links else None
            record = {"implementation": implementation,
                      "schedule": schedule_of(commitment.deadline, implementation, today),
                      "target_progress": _target_progress(conn, commitment, links, dates, known),
                      "evidence": sorted(e["id"] for e in links)}
            previous = previous_of.get(register_id)
            if previous and all(previous[k] == v for k, v in record.items()):
                continue
            if previous and previous["author"] != AUTO and not _newer_evidence(previous, links):
                continue  # an analyst's assessment stands until new evidence comes in
            at = datetime.now(UTC)
            fresh.append({"id": _assessment_id(register_id, AUTO, at, implementation), "register_id": register_id,
                          "review": "machine_proposed", "author": AUTO, "at": at,
                          "as_of": as_of.iso if as_of else today.isoformat(), "rubric": table["version"],
                          "note": None, **record})
        if fresh:
            conn.execute(insert(assessments), fresh)
            appended += len(fresh)
    return appended


def implementation_from(verifiable: bool, links: list[dict[str, Any]]) -> str:
    """The automatic implementation value: from the stance of the latest link considered (links in
    date order), no_evidence without any, not_assessable for a commitment with nothing verifiable."""
    if not verifiable:
        return "not_assessable"
    return rubric()["from_stance"][links[-1]["stance"]] if links else "no_evidence"


def considered(link: dict[str, Any]) -> bool:
    """Whether an evidence link counts for the status: confirmed, or proposed above the threshold."""
    return link["state"] == "confirmed" or (link["state"] == "proposed" and link["score"] >= MOVES_STATUS_MIN)


def _newer_evidence(previous: dict[str, Any], links: list[dict[str, Any]]) -> bool:
    considered = set(previous.get("evidence") or ())
    return any(e["id"] not in considered for e in links)


def _targets_and_languages(conn: Any, commitments: Iterable[Any], links: Iterable[dict[str, Any]]
                           ) -> tuple[dict[str, Any], dict[str, str | None]]:
    """The target facts of `commitments` by id and the language of each document of `links`, read
    in pieces (what `_target_progress` needs, for many commitments at once)."""
    table = fact_tables["targets"]
    target_ids = sorted({t for c in commitments for t in (c.targets or ())})
    stated = {r.id: r for piece in chunked(target_ids)
              for r in conn.execute(select(table).where(table.c.id.in_(piece)))}
    languages = {r.id: r.language for piece in chunked(sorted({e["document_id"] for e in links}))
                 for r in conn.execute(select(documents.c.id, documents.c.language).where(documents.c.id.in_(piece)))}
    return stated, languages


def _target_progress(conn: Any, commitment: Any, links: list[dict[str, Any]],
                     dates: dict[str, Any] | None = None,
                     known: tuple[dict[str, Any], dict[str, str | None]] | None = None) -> dict[str, Any] | None:
    """For a commitment with targets: each target with the latest figure an evidence link states in
    the same unit (links in date order), the figure against the target (`ratio`) and its source;
    a link that shares a number with the commitment but no figure of its unit is kept as `latest`."""
    if not commitment.targets:
        return None
    stated, languages = known or _targets_and_languages(conn, [commitment], links)
    read_links = [(e, find_targets(e["text"], languages.get(e["document_id"]), counts=True)) for e in links]
    out = []
    for target_id in commitment.targets:
        target = stated.get(target_id)
        if target is None:
            continue
        entry: dict[str, Any] = {"id": target_id, "text": target.text, "value": target.value, "unit": target.unit,
                                 "year": target.year, "qualifier": target.qualifier, "latest": None, "ratio": None}
        for link, figures in reversed(read_links):
            same = [f for f in figures if f.unit and f.unit == target.unit and f.value is not None]
            if same and target.unit != "net_emissions":
                figure = same[-1]
                day = dates.get(link["document_id"]) if dates else None
                entry["latest"] = {"value": figure.value, "text": figure.text, "evidence": link["id"],
                                   "document": link["document_id"], "date": day.iso if day else None}
                if target.value:
                    entry["ratio"] = round(figure.value / target.value, 3)
                break
        out.append(entry)
    figures_stated = numbers_in(commitment.text)
    sharing = [e for e in links if numbers_in(e["text"]) & figures_stated]
    latest_link = sharing[-1] if sharing else None
    return {"targets": out, "deadline": commitment.deadline,
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
    with store.writing(blocks=blocks_of(store, [register_id])) as conn:
        commitment = conn.execute(select(register_commitments).where(register_commitments.c.id == register_id)).first()
        if commitment is None:
            raise NotFound(f"no register commitment {register_id!r}")
        links = _considered(conn, register_id)
        row = {"id": _assessment_id(register_id, author, at, implementation), "register_id": register_id,
               "implementation": implementation,
               "schedule": schedule or schedule_of(commitment.deadline, implementation, today),
               "target_progress": _target_progress(conn, commitment, links),
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
    dates = _corpus_dates(store)  # read before the write lock is taken
    with store.engine.connect() as conn:
        linked = conn.execute(select(evidence.c.register_id).where(evidence.c.id == evidence_id)).scalar()
    with store.writing(blocks=blocks_of(store, [linked] if linked else [])) as conn:
        row = conn.execute(select(evidence).where(evidence.c.id == evidence_id)).first()
        if row is None:
            raise NotFound(f"no evidence link {evidence_id!r} (`communique evidence list` shows them)")
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
        reassess_in(conn, [register_id], at.date(), dates)
    return {"id": evidence_id, "state": state, "register_id": register_id, "author": author}
