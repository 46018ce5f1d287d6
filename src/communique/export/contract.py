"""The export records, built from the store in the shape of schema/export.schema.json.

The shape is a public, versioned contract (docs/export.md): lists that later stages fill
(entities, partnerships, events, commitments, targets) are present, empty until then.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import TYPE_CHECKING, Any

import jsonschema

from communique import progress
from communique.kb.base import KnowledgeBase, load_kb
from communique.merge.events import dates_learned, group_events
from communique.merge.register import commitment_register
from communique.model import Document

if TYPE_CHECKING:
    from communique.store import Store

SCHEMA_ID = "communique.export/2"
# Versions still written (`communique export --schema-version N`), each with its JSON Schema file.
SCHEMA_FILES = {1: "export.v1.schema.json", 2: "export.schema.json"}
SCHEMA_VERSION = 2
SECTIONS = ("documents", "entities", "partnerships", "events", "commitments", "targets", "register")


def schema_id(version: int = SCHEMA_VERSION) -> str:
    if version not in SCHEMA_FILES:
        raise ValueError(f"--schema-version {version}: one of {', '.join(map(str, SCHEMA_FILES))}")
    return f"communique.export/{version}"


def document_record(doc: Document, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """One document as exported: `text` is the clean body, offsets point into it."""
    published = doc.meta.published
    record: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "sha256": doc.sha256,
        "language": doc.language,
        "title": doc.meta.title,
        "published": published.iso() if published and published.precision == "day" else None,
        "published_partial": published.iso() if published and published.precision != "day" else None,
        "url": doc.meta.url,
        "author": doc.meta.author,
        "source": doc.meta.source,
        "photo_credits": list(doc.meta.photo_credits),
        "format": doc.format,
        "encoding": doc.encoding,
        "text": doc.body,
        "paragraphs": [{"start": p.start, "end": p.end, "kind": p.kind, "language": p.language}
                       for p in doc.paragraphs],
        "duplicate_of": doc.duplicate_of,
        "mentions": list(doc.mentions),
    }
    if extra:
        record.update(extra)
    return record


def _documents(store: Store, all_versions: bool) -> Iterator[dict[str, Any]]:
    links = store.version_links()
    numbers = store.stats()
    with progress.task("exporting documents", numbers["versions" if all_versions else "documents"]) as bar:
        for doc in store.iter_documents(current_only=not all_versions):
            doc.mentions = [{"entity": m["entity_id"], "start": m["start"], "end": m["end"], "text": m["text"]}
                            for m in store.mentions(document_id=doc.id)]
            yield document_record(doc, links.get(doc.id))
            bar.advance()


def _entities(store: Store, kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """The KB entities that documents mention, then the entities found in documents."""
    counts = store.mention_counts()
    for entity_id in sorted(counts):
        entity = kb.get(entity_id)
        if entity is not None:
            yield entity.export()
    for entity_id, record in sorted(store.found_entities().items()):
        if entity_id in counts:
            yield record


def iter_sections(store: Store, all_versions: bool = False, kb: KnowledgeBase | None = None,
                  version: int = SCHEMA_VERSION) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """(section name, records) for each list of the export, streamed from the store. Consume the
    sections in order: targets name register commitments as the commitments stream out. Version 1
    has no `register` section."""
    from communique.track.views import export_records

    schema_id(version)
    yield "documents", _documents(store, all_versions)
    yield "entities", _entities(store, kb or load_kb())
    events = group_events(store.iter_facts("events"))
    learned = dates_learned(events)
    yield "partnerships", chain(dated_partnerships(store, learned), _superseded(store, "partnerships", all_versions))
    yield "events", chain(events, _superseded(store, "events", all_versions))
    register_id: dict[str, str] = {}  # record id -> register commitment id, filled as commitments stream out
    yield "commitments", chain(_noting(commitment_register(store, events), register_id),
                               (_as_register(c) for c in _superseded(store, "commitments", all_versions)))
    yield "targets", chain((_registered(t, register_id) for t in store.iter_facts("targets")),
                           _superseded(store, "targets", all_versions))
    if version >= 2:
        yield "register", export_records(store)


def _superseded(store: Store, kind: str, all_versions: bool) -> Iterator[dict[str, Any]]:
    """With `all_versions`, the facts of the superseded versions as each version had them (neither
    grouped nor aligned with the current register), marked with their `version` and `superseded_by`."""
    if all_versions:
        for record, version, superseded_by in store.iter_superseded_facts(kind):
            yield record | {"version": version, "superseded_by": superseded_by}


def _as_register(record: dict[str, Any]) -> dict[str, Any]:
    """A commitment record of one document in the shape of a register commitment of its own."""
    variants = [v | {"record": record["id"], "clause": record.get("clause"), "score": None}
                for v in record.get("variants") or ()]
    return record | {"records": [record["id"]], "variants": variants}


def _noting(entries: Iterator[dict[str, Any]], register_id: dict[str, str]) -> Iterator[dict[str, Any]]:
    for entry in entries:
        register_id.update((record, entry["id"]) for record in entry["records"])
        yield entry


def _registered(target: dict[str, Any], register_id: dict[str, str]) -> dict[str, Any]:
    """A target names the register commitment that holds its record."""
    record = target.get("commitment")
    return target | {"commitment": register_id.get(record, record)} if record else target


def dated_partnerships(store: Store, learned: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """The partnership facts of the store, an undated upgrade taking the date of the event its
    report joined (`learned`: document id -> date, from event grouping; computed when None)."""
    if learned is None:
        learned = dates_learned(group_events(store.iter_facts("events")))
    return (_dated(p, learned) for p in store.iter_facts("partnerships"))


def _dated(partnership: dict[str, Any], learned: dict[str, str]) -> dict[str, Any]:
    """An undated upgrade in a report that joined a dated event takes the event's date."""
    if partnership.get("date") is None and partnership.get("change") == "upgrade":
        document = (partnership.get("evidence") or [{}])[0].get("document")
        if document in learned:
            return partnership | {"date": learned[document], "date_from": "event"}
    return partnership


def build_export(store: Store, all_versions: bool = False, kb: KnowledgeBase | None = None,
                 version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The whole export as one dict (for small registers and tests; writers stream instead)."""
    out: dict[str, Any] = {"schema": schema_id(version)}
    for name, records in iter_sections(store, all_versions, kb, version):
        out[name] = list(records)
    return out


@lru_cache(maxsize=2)
def json_schema(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    text = resources.files("communique.export").joinpath(SCHEMA_FILES[version]).read_text(encoding="utf-8")
    return json.loads(text)


def validate(export: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `export` breaks the contract of the version it names."""
    named = str(export.get("schema", ""))
    version = int(named.rsplit("/", 1)[1]) if named.rsplit("/", 1)[-1].isdigit() else SCHEMA_VERSION
    _validator(version if version in SCHEMA_FILES else SCHEMA_VERSION).validate(export)


@lru_cache(maxsize=2)
def _validator(version: int = SCHEMA_VERSION) -> Any:
    """The schema's validator, built once (jsonschema.validate checks and builds it on every call)."""
    schema = json_schema(version)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)
