"""The register of commitments, built from a store: the commitment records of its documents
aligned across documents and languages (merge.align), with the vectors cached in the store."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any

import numpy as np

from communique.merge.align import align_commitments, summaries
from communique.merge.embeddings import Embedder, embedder
from communique.merge.events import dates_learned
from communique.merge.semantic import vectors_for
from communique.model import DateValue, Period, period
from communique.store import Store


def document_dates(published: Iterable[tuple[str, str | date | DateValue | None]],
                   events: Iterable[dict[str, Any]]) -> dict[str, Period | None]:
    """Each document's date, as precise as it is known: of its publication date, the date of the
    event it reports (learned by grouping) and the dates of its own held events, the first known to
    the day, else the first known to the month or the year, else None. `published` gives (document
    id, publication date or None) for every document."""
    events = list(events)
    learned = dates_learned(events)
    own: dict[str, list[str]] = {}
    for event in events:
        if event.get("date") and event.get("status", "held") == "held":
            for doc in event.get("documents") or ():
                own.setdefault(doc, []).append(event["date"])
    out: dict[str, Period | None] = {}
    for doc_id, value in published:
        known = [p for p in map(period, [value, learned.get(doc_id), *own.get(doc_id, ())]) if p]
        out[doc_id] = min(known, key=lambda p: p.rank) if known else None
    return out


def _published(store: Store) -> Iterator[tuple[str, str | None]]:
    """Each current document's publication date as stored ('YYYY[-MM[-DD]]' or None)."""
    yield from store.published_dates()


def commitment_register(store: Store, events: Iterable[dict[str, Any]], model: Embedder | None = None,
                        only: str | Collection[str] | None = None,
                        pairs_only: bool = False) -> Iterator[dict[str, Any]]:
    """Register commitments with their variants, streamed block by block (with `only`, a document
    id: the block of that document); only records that have something to align with are embedded,
    and their vectors are cached in the store."""
    documents = summaries(store.iter_facts("commitments"))
    if not documents:
        return
    dates = document_dates(_published(store), events)
    engine = model or embedder()

    def vectors(texts: list[str]) -> np.ndarray:
        return vectors_for(store, engine, texts)[0]

    # The records and mentions of the next blocks' documents, read together (align_commitments's prefetch).
    records: dict[str, list[dict[str, Any]]] = {}
    found: dict[str, list[dict[str, Any]]] = {}

    def prefetch(documents: list[str]) -> None:
        records.clear()
        found.clear()
        records.update(store.facts_of_documents(documents, "commitments"))
        found.update(store.mentions_of_documents(documents))

    def records_of(doc_id: str) -> list[dict[str, Any]]:
        held = records.get(doc_id)
        return held if held is not None else store.facts_of(doc_id, "commitments")

    def mentions(doc_id: str) -> list[dict[str, Any]]:
        held = found.get(doc_id)
        return [{"entity": m["entity_id"], "start": m["start"], "end": m["end"]}
                for m in (held if held is not None else store.mentions(document_id=doc_id))]

    yield from align_commitments(documents, records_of, dates, mentions, vectors, only=only, pairs_only=pairs_only,
                                 prefetch=prefetch)
