"""Tracking implementation (issue 17): the stored register of commitments (`register`), evidence
from later documents (`evidence`), and append-only assessments on separate axes (`status`).

Ingest calls `update(store, documents)` with the documents it stored: only the blocks (country
pair × statement group) those documents touch are aligned again, and only their commitments are
proposed evidence for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select

from communique.store import Store
from communique.store.chunks import chunked
from communique.store.schema import documents as documents_table
from communique.store.schema import register_commitments, tracked_documents


def untracked(store: Store) -> set[str]:
    """Current documents the register has not taken in yet (a run killed before it did)."""
    with store.engine.connect() as conn:
        current = set(conn.execute(select(documents_table.c.id).where(documents_table.c.superseded_by.is_(None)))
                      .scalars())
        done = set(conn.execute(select(tracked_documents.c.document_id)).scalars())
    return current - done


def update(store: Store, documents: Iterable[str] = (), everything: bool = False) -> dict[str, int]:
    """Register, evidence and automatic assessments after `documents` were stored (and any the
    register has not taken in yet); counts. Every step can run again without doubling anything.
    With `everything`, every commitment is assessed again (its schedule moves with the calendar)."""
    from communique.track.evidence import propose
    from communique.track.register import sync
    from communique.track.status import reassess

    wanted = sorted(set(documents) | untracked(store))
    if not wanted and not everything:
        return {"commitments": 0, "evidence": 0, "assessments": 0}
    from communique.track.register import corpus_dates

    known = corpus_dates(store)  # storing the register does not change the facts: read once
    touched, proposals, moved = set(), 0, set()
    if wanted:
        touched = sync(store, wanted, known)
        proposals, moved = propose(store, wanted, dates=known[1])
    if everything:
        with store.engine.connect() as conn:
            moved |= set(conn.execute(select(register_commitments.c.id)).scalars())
    assessed = reassess(store, touched | moved, dates=known[1])
    now = datetime.now(UTC)
    if not wanted:
        return {"commitments": len(touched), "evidence": proposals, "assessments": assessed}
    with store.writing() as conn:
        for piece in chunked(wanted):
            conn.execute(delete(tracked_documents).where(tracked_documents.c.document_id.in_(piece)))
        conn.execute(insert(tracked_documents), [{"document_id": d, "at": now} for d in wanted])
    return {"commitments": len(touched), "evidence": proposals, "assessments": assessed}
