"""The library surface: what the CLI, the HTTP server and the tests call.

Every function takes a database (a `Store` or a URL/path; None means $COMMUNIQUE_DB or
./communique.db) and returns plain data; nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique import pipeline
from communique.errors import RejectedInput
from communique.export import SCHEMA_ID, build_export, iter_sections, write_export
from communique.model import Document
from communique.store import Hit, Store


def open_store(db: str | Store | None = None) -> Store:
    """A `Store` for `db` (a Store passes through)."""
    return db if isinstance(db, Store) else Store(db or "")


@dataclass
class IngestReport:
    """What an ingest run did: counts by outcome, and one line per rejected input."""

    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[RejectedInput] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected


def ingest(paths: Iterable[str | Path], db: str | Store | None = None,
           max_bytes: int = pipeline.DEFAULT_MAX_BYTES, workers: int = 1,
           on_file: Callable[[Path, list[Document | RejectedInput]], None] | None = None) -> IngestReport:
    """Read, clean and store every document under `paths`; each document in its own transaction.

    Outcomes counted: `new`, `version` (a changed file: new version, old one kept), `unchanged`
    (same file again), `known` (same body from another path), and rejected inputs with reasons."""
    store = open_store(db)
    report = IngestReport()
    for path, items in pipeline.run(paths, max_bytes=max_bytes, workers=workers):
        report.files += 1
        for item in items:
            if isinstance(item, RejectedInput):
                report.rejected.append(item)
                report.counts["rejected"] += 1
            else:
                report.counts[store.put(item).status] += 1
        if on_file:
            on_file(path, items)
    return report


def search(query: str, db: str | Store | None = None, lang: str | None = None, limit: int = 20) -> list[Hit]:
    """Ranked documents matching `query` (see store.fulltext for the query language)."""
    return open_store(db).search(query, lang=lang, limit=limit)


def get_document(doc_id: str, db: str | Store | None = None) -> Document:
    """The stored document with this id or unique id prefix."""
    return open_store(db).get(doc_id)


def document_record(doc_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """The stored row of a document with its version links and source paths."""
    return open_store(db).record(doc_id)


def stats(db: str | Store | None = None) -> dict[str, Any]:
    """Counts of what the register holds."""
    return open_store(db).stats()


def export(db: str | Store | None = None, all_versions: bool = False) -> dict[str, Any]:
    """The register as the public export contract (`communique.export/1`)."""
    return build_export(open_store(db), all_versions=all_versions)


def export_to(out: Any, fmt: str = "json", db: str | Store | None = None, all_versions: bool = False) -> None:
    """Write the export to a text stream in `json`, `jsonl` or `csv`, streamed from the store."""
    sections = dict(iter_sections(open_store(db), all_versions=all_versions))
    write_export({"schema": SCHEMA_ID, **sections}, out, fmt)
