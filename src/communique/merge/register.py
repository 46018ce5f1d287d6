"""The register of commitments, built from a store: the commitment records of its documents
aligned across documents and languages (merge.align), with the vectors cached in the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import numpy as np

from communique.merge.align import align_commitments, summaries
from communique.merge.embeddings import Embedder, embedder
from communique.merge.events import dates_learned
from communique.merge.semantic import vectors_for
from communique.model import DateValue
from communique.store import Store


def document_dates(published: Iterable[tuple[str, date | None]],
                   events: Iterable[dict[str, Any]]) -> dict[str, date | None]:
    """Each document's date: published (to the day), else the date of the event it reports
    (learned by grouping, or its own first dated event), else None. `published` gives
    (document id, publication day or None) for every document."""
    events = list(events)
    learned = dates_learned(events)
    own: dict[str, str] = {}
    for event in events:
        if event.get("date") and len(event["date"]) >= 10 and event.get("status", "held") == "held":
            for doc in event.get("documents") or ():
                own.setdefault(doc, event["date"])
    out: dict[str, date | None] = {}
    for doc_id, day in published:
        value = learned.get(doc_id) or own.get(doc_id)
        out[doc_id] = day or (date.fromisoformat(value[:10]) if value else None)
    return out


def _published(store: Store) -> Iterator[tuple[str, date | None]]:
    """Each current document's publication day, when known to the day."""
    for doc_id, value in store.published_dates():
        day = DateValue.parse(value)
        yield doc_id, date(day.year, day.month, day.day) if day and day.month and day.day else None


def commitment_register(store: Store, events: Iterable[dict[str, Any]], model: Embedder | None = None,
                        only: str | None = None) -> Iterator[dict[str, Any]]:
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

    def records_of(doc_id: str) -> list[dict[str, Any]]:
        return store.facts_of(doc_id, "commitments")

    def mentions(doc_id: str) -> list[dict[str, Any]]:
        return [{"entity": m["entity_id"], "start": m["start"], "end": m["end"]}
                for m in store.mentions(document_id=doc_id)]

    yield from align_commitments(documents, records_of, dates, mentions, vectors, only=only)
