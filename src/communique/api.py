"""The library surface: what the CLI, the HTTP server and the tests call.

Every function takes a database (a `Store` or a URL/path; None means $COMMUNIQUE_DB or
./communique.db) and returns plain data; nothing here prints.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique import pipeline
from communique.errors import CommuniqueError, RejectedInput
from communique.export import SCHEMA_ID, build_export, iter_sections, write_export
from communique.extract.stage import extract
from communique.kb.base import Entity, KnowledgeBase, load_kb
from communique.link import link
from communique.merge.duplicates import DuplicateIndex
from communique.merge.embeddings import embedder
from communique.merge.events import group_events
from communique.merge.register import commitment_register
from communique.merge.semantic import concept_search, fuse, passage_search, semantic_search
from communique.model import Document
from communique.store import Hit, Store

ENV_KB = "COMMUNIQUE_KB"


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


def kb_paths(paths: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The user's KB files: those given, then those in $COMMUNIQUE_KB (separated like PATH)."""
    extra = [str(p) for p in paths]
    extra += [p for p in os.environ.get(ENV_KB, "").split(os.pathsep) if p]
    return tuple(dict.fromkeys(extra))


def knowledge_base(kb: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base with the user's files added."""
    return load_kb(kb_paths(kb))


def ingest(paths: Iterable[str | Path], db: str | Store | None = None,
           max_bytes: int = pipeline.DEFAULT_MAX_BYTES, workers: int = 1,
           on_file: Callable[[Path, list[Document | RejectedInput]], None] | None = None,
           kb: Iterable[str | Path] = ()) -> IngestReport:
    """Read, clean and store every document under `paths`; each document stored whole or not at all.

    Outcomes counted: `new`, `version` (a changed file: new version, old one kept), `unchanged`
    (same file again), `known` (same body from another path), and rejected inputs with reasons."""
    store = open_store(db)
    report = IngestReport()
    knowledge_base(kb)  # a broken KB file stops the run here, before any document is read
    duplicates = DuplicateIndex(store.signatures())
    runs = pipeline.run(paths, max_bytes=max_bytes, workers=workers, kb_paths=kb_paths(kb))
    with store.batch():  # group commit: documents share transactions, each one stored whole or not at all
        for path, items in runs:
            report.files += 1
            for item in items:
                if isinstance(item, RejectedInput):
                    report.rejected.append(item)
                    report.counts["rejected"] += 1
                    continue
                item.duplicate_of = duplicates.first_copy(item.id, item.signature)
                outcome = store.put(item)
                report.counts[outcome.status] += 1
                if outcome.status in ("new", "version"):
                    duplicates.add(item.id, item.signature)
                    report.counts["near_duplicates"] += item.duplicate_of is not None
            if on_file:
                on_file(path, items)
    return report


SEARCH_MODES = ("text", "semantic", "hybrid")


def search(query: str, db: str | Store | None = None, lang: str | None = None, limit: int = 20,
           mode: str = "text", model: str | None = None) -> list[Hit]:
    """Ranked documents for `query`: `text` (full text, see store.fulltext), `semantic` (meaning,
    across languages, with sentence embeddings), or `hybrid` (full text, meaning and the KB
    entities the query names, fused by reciprocal rank)."""
    store = open_store(db)
    if mode == "text":
        return store.search(query, lang=lang, limit=limit)
    by_meaning = semantic_search(store, embedder(model), query, lang=lang, limit=max(limit, 20))
    if mode == "semantic":
        return by_meaning[:limit]
    if mode == "hybrid":
        by_concept = concept_search(store, knowledge_base(), query, lang=lang, limit=max(limit, 20))
        return fuse([store.search(query, lang=lang, limit=max(limit, 20)), by_meaning, by_concept], limit)
    raise CommuniqueError(f"unknown search mode {mode!r}: choose one of {', '.join(SEARCH_MODES)}")


def search_passages(query: str, db: str | Store | None = None, lang: str | None = None, limit: int = 10,
                    model: str | None = None) -> list[Hit]:
    """Paragraphs that answer `query`, in any language: meaning (embeddings) fused with the KB
    entities and numbers the query names; hit ids are "document:paragraph start"."""
    return passage_search(open_store(db), embedder(model), knowledge_base(), query, lang=lang, limit=limit)


def get_document(doc_id: str, db: str | Store | None = None) -> Document:
    """The stored document with this id or unique id prefix."""
    return open_store(db).get(doc_id)


def document_record(doc_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """The stored row of a document with its version links and source paths."""
    return open_store(db).record(doc_id)


def stats(db: str | Store | None = None) -> dict[str, Any]:
    """Counts of what the register holds."""
    return open_store(db).stats()


def export(db: str | Store | None = None, all_versions: bool = False,
           kb: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The register as the public export contract (`communique.export/1`)."""
    return build_export(open_store(db), all_versions=all_versions, kb=knowledge_base(kb))


def export_to(out: Any, fmt: str = "json", db: str | Store | None = None, all_versions: bool = False,
              kb: Iterable[str | Path] = ()) -> None:
    """Write the export to a text stream in `json`, `jsonl` or `csv`, streamed from the store."""
    sections = dict(iter_sections(open_store(db), all_versions=all_versions, kb=knowledge_base(kb)))
    write_export({"schema": SCHEMA_ID, **sections}, out, fmt)


def entities(db: str | Store | None = None, kind: str | None = None, doc_id: str | None = None,
             kb: Iterable[str | Path] = ()) -> list[dict[str, Any]]:
    """Entities mentioned in the register (or in one document), with their mention counts, most first."""
    store = open_store(db)
    base = knowledge_base(kb)
    found = store.found_entities()
    if doc_id:
        counts = Counter(m["entity_id"] for m in store.mentions(document_id=store.get(doc_id).id))
    else:
        counts = Counter(store.mention_counts())
    out = []
    for entity_id, n in counts.most_common():
        record = base.get(entity_id).export() if base.get(entity_id) else found.get(entity_id)
        if record and (kind is None or record["type"] == kind):
            out.append(record | {"mentions": n})
    return out


def entity(entity_id: str, db: str | Store | None = None, kb: Iterable[str | Path] = ()) -> dict[str, Any]:
    """One entity (KB or found) with its names, roles and where it is mentioned."""
    store = open_store(db)
    base = knowledge_base(kb)
    known: Entity | None = base.get(entity_id)
    record = known.export() if known else store.found_entities().get(entity_id)
    if record is None:
        matches = base.search(entity_id)
        if len(matches) == 1:
            record = matches[0].export()
    if record is None:
        raise CommuniqueError(f"no entity {entity_id!r} (give an id such as country:VN, or an exact name)")
    record = dict(record)
    record["mentioned_in"] = [
        {"document": m["document_id"], "start": m["start"], "end": m["end"], "text": m["text"], "how": m["how"]}
        for m in store.mentions(entity_id=record["id"])]
    return record


def relink(db: str | Store | None = None, kb: Iterable[str | Path] = ()) -> dict[str, int]:
    """Link every stored document again with the current KB; returns counts of documents and mentions."""
    store = open_store(db)
    base = knowledge_base(kb)
    documents = found = 0
    for doc in store.iter_documents():
        link(doc, base)
        extract(doc, base)
        store.replace_mentions(doc)
        store.replace_facts(doc)
        documents += 1
        found += len(doc.mentions)
    return {"documents": documents, "mentions": found}


# The `--kind` names of the facts command and the export sections they are stored under.
FACT_SECTIONS = {"partnership": "partnerships", "event": "events", "commitment": "commitments", "target": "targets"}


def facts(db: str | Store | None = None, kind: str | None = None, pair: str | None = None) -> list[dict[str, Any]]:
    """Facts of the register, each with the sentence it came from (`evidence_text`).

    `kind` is partnership|event|commitment|target (all when None); `pair` like "GB-VN" keeps the
    facts whose parties or countries are those two countries."""
    store = open_store(db)
    wanted = sorted(pair.upper().split("-")) if pair else None
    bodies: dict[str, str] = {}
    out = []
    for name in ([FACT_SECTIONS[kind]] if kind else list(FACT_SECTIONS.values())):
        for record in store.iter_facts(name):
            countries = record.get("parties") or record.get("countries")
            # Targets carry no parties: they follow their document (a pair filter keeps them all).
            if wanted and name != "targets" and (countries is None or sorted(countries) != wanted):
                continue
            evidence = record.get("evidence") or [{"document": record.get("document"), "start": record.get("start"),
                                                   "end": record.get("end")}]
            first = evidence[0]
            if first.get("document") not in bodies:
                bodies[first["document"]] = store.get(first["document"]).body
            body = bodies[first["document"]]
            out.append({"kind": name[:-1], **record, "evidence_text": body[first["start"]:first["end"]]})
    return out


def events(db: str | Store | None = None, pair: str | None = None) -> list[dict[str, Any]]:
    """Events across documents (reports of one event grouped), each with the paths of its reports."""
    store = open_store(db)
    wanted = sorted(pair.upper().split("-")) if pair else None
    found = [e for e in group_events(store.iter_facts("events"))
             if wanted is None or sorted(e.get("countries") or []) == wanted]
    paths: dict[str, str] = {}
    for event in found:
        for doc_id in event["documents"]:
            if doc_id not in paths:
                paths[doc_id] = store.get(doc_id).path
        event["reports"] = [{"document": d, "path": paths[d]} for d in event["documents"]]
    return sorted(found, key=lambda e: (e.get("date") or "", e["type"]))


def commitments(db: str | Store | None = None, pair: str | None = None,
                aligned: bool = False) -> list[dict[str, Any]]:
    """The register of commitments: each statement clause or news sentence once, with its variants
    in every document and language (merge.align). `aligned` keeps those with more than one variant."""
    store = open_store(db)
    wanted = sorted(pair.upper().split("-")) if pair else None
    found = commitment_register(store, group_events(store.iter_facts("events")))
    return [c for c in found if (wanted is None or sorted(c.get("parties") or ()) == wanted)
            and (not aligned or len(c["variants"]) > 1)]


def commitment(commitment_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """One register commitment, by its id or the id of any record it holds, with the path of each
    variant's document."""
    store = open_store(db)
    document = commitment_id.split(":", 1)[0]  # record ids are "<document>:c<n>"
    for entry in commitment_register(store, group_events(store.iter_facts("events")), only=document):
        if commitment_id == entry["id"] or commitment_id in entry["records"]:
            paths = {d: store.get(d).path for d in entry["documents"]}
            entry["variants"] = [v | {"path": paths.get(v["document"])} for v in entry["variants"]]
            return entry
    raise CommuniqueError(f"no commitment {commitment_id!r} (ids are listed by `communique commitments`)")
