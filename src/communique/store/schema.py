"""The tables of the register, declared once with SQLAlchemy Core.

Migrations (store/migrations) create them; code reads and writes through these objects, so
SQLite and PostgreSQL run the same statements. Full-text indexes are backend-specific and live
in `fulltext.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from communique.schema import FactKind, Property, fact_kinds
from communique.text.passages import passage_spans, text_key

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(16), nullable=False, unique=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),  # the first path it was read from
    Column("format", String(16), nullable=False),
    Column("encoding", String(32)),
    Column("language", String(8), index=True),
    Column("title", Text),
    Column("published", String(10)),  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as known
    Column("url", Text),
    Column("author", Text),
    Column("source", Text),
    Column("photo_credits", JSON, nullable=False, default=list),
    Column("meta", JSON, nullable=False, default=dict),
    Column("raw", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("removed", JSON, nullable=False, default=list),  # [[start, end, reason]] into raw
    Column("segments", JSON, nullable=False, default=list),  # [[raw_start, raw_end, body_start]]
    Column("paragraphs", JSON, nullable=False, default=list),  # [[start, end, kind, language]]
    Column("duplicate_of", String(16)),  # id of the first copy of a near-duplicate article
    Column("signature", JSON),  # MinHash values of the body's shingles (merge.duplicates)
    Column("version", Integer, nullable=False, default=1),
    Column("supersedes", String(16)),  # id of the previous version of the same file
    Column("superseded_by", String(16), index=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

# Every path a document was read from: the same article saved twice is one document, two sources.
sources = Table(
    "sources",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("path", Text, nullable=False, index=True),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "path", name="uq_sources_document_path"),
)


# Entity mentions, one row per entity and document: `spans` holds [start, end, text, how] for each
# mention (offsets into the document's clean body; `how` says which rule linked it).
mentions = Table(
    "mentions",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("spans", JSON, nullable=False),
)

# People (and later other entities) found in documents and not in the KB, in the export's shape.
found_entities = Table(
    "found_entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("record", JSON, nullable=False),
)


# Facts of a document: one table per kind declared in communique/schema/facts.yaml, a column per
# property (lists, spans and objects as JSON), and `pair` ("GB-VN") for the kinds that have parties.
def _column_type(prop: Property) -> Any:
    if prop.list or prop.type in ("span", "object"):
        return JSON
    return {"integer": Integer, "number": Float, "boolean": Boolean, "text": Text, "string": Text,
            "date": String(10), "day": String(10), "alpha2": String(2), "language": String(8),
            "enum": String(200), "id": String(200)}[prop.type]


def _fact_table(kind: FactKind) -> Table:
    columns = [Column("pk", Integer, primary_key=True, autoincrement=True),
               Column("document_id", String(16), ForeignKey("documents.id"), nullable=False, index=True)]
    if kind.pair_property is not None:
        columns.append(Column("pair", String(16), index=True))
    columns += [Column(p.name, _column_type(p), nullable=p.optional or p.nullable, index=p.index,
                       comment=p.description) for p in kind.stored]
    return Table(kind.table, metadata, *columns, comment=kind.description)


fact_tables: dict[str, Table] = {plural: _fact_table(kind) for plural, kind in fact_kinds().items()}


# Embeddings cached by text hash and model (float32 bytes), so a text is embedded once.
vectors = Table(
    "vectors",
    metadata,
    Column("text_sha", String(64), primary_key=True),
    Column("model", String(64), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)


# The passages of each document's body that search by meaning ranks (communique.text.passages),
# cut when the document is stored, with the hash of their text (the key of their cached vector).
passages = Table(
    "passages",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("document_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),  # start of the paragraph the passage is (a piece of)
    Column("kind", String(16), nullable=False),  # the paragraph's kind: title, body, caption, heading
    Column("text_sha", String(64), nullable=False),
)


def passage_rows(document_pk: int, body: str, paragraphs: Iterable[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The `passages` rows of a document's body, from its paragraphs' (start, end, kind)."""
    return [{"document_pk": document_pk, "start": s, "end": e, "paragraph": p, "kind": k,
             "text_sha": text_key(body[s:e])} for s, e, p, k in passage_spans(body, paragraphs)]


# -- the register (issue 17): stored, maintained block by block at ingest (communique.track) ----

# One row per register commitment: a statement clause (or a news sentence no statement holds) with
# its variants in every document and language. `id` is the record id of its canonical variant
# ("<document>:c<n>", content-derived: the same corpus in any order gives the same ids); when a
# block's canonical statement changes, the old id is kept in register_aliases.
register_commitments = Table(
    "register_commitments",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("parties", String(16), index=True),  # "GB-VN": alpha-2 codes, sorted
    Column("pillar", String(40), index=True),
    Column("clause", String(16)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("document_id", String(16), nullable=False, index=True),  # the canonical variant's
    Column("stated", String(10)),  # the statement's date, as precise as known
    Column("deadline", String(10)),  # its own deadline (a year), if it states one
    Column("modality", String(16)),
    Column("binding", Boolean, nullable=False, default=False),
    Column("verifiable", Boolean, nullable=False, default=True),
    Column("targets", JSON, nullable=False, default=list),  # target record ids
    Column("instruments", JSON, nullable=False, default=list),
    Column("variants", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

register_variants = Table(
    "register_variants",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("register_id", String(64), nullable=False, index=True),
    Column("record_id", String(40), nullable=False, index=True),
    Column("document_id", String(16), nullable=False, index=True),
    Column("clause", String(16)),
    Column("language", String(8)),
    Column("start", Integer),
    Column("end", Integer),
    Column("score", Float),
    Column("match", String(16)),
    UniqueConstraint("register_id", "record_id", "start", name="uq_register_variant"),
)

# An id a register commitment had before its block was aligned again: old URLs still resolve.
register_aliases = Table(
    "register_aliases",
    metadata,
    Column("old_id", String(64), primary_key=True),
    Column("id", String(64), nullable=False, index=True),
)

# A sentence of a later document proposed as evidence for a register commitment.
evidence = Table(
    "evidence",
    metadata,
    Column("id", String(24), primary_key=True),  # "e-" + hash of (commitment, document, span)
    Column("register_id", String(64), nullable=False, index=True),
    Column("document_id", String(16), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("stance", String(16), nullable=False),  # progress | completion | contradicts | mention
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("state", String(16), nullable=False),  # proposed | confirmed | rejected
    Column("proposed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("register_id", "document_id", "start", "end", name="uq_evidence_span"),
)

# Every change of an evidence link's state, append-only: who, when, from what to what, why.
evidence_log = Table(
    "evidence_log",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("evidence_id", String(24), nullable=False, index=True),
    Column("state", String(16), nullable=False),
    Column("previous", String(16)),
    Column("author", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
)

# Assessments of a register commitment, append-only: the current status is the latest one.
assessments = Table(
    "assessments",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(24), nullable=False, unique=True),
    Column("register_id", String(64), nullable=False, index=True),
    Column("implementation", String(16), nullable=False),
    Column("schedule", String(16), nullable=False),
    Column("target_progress", JSON),
    Column("review", String(24), nullable=False),
    Column("author", String(64), nullable=False),  # a user name, or "auto"
    Column("at", DateTime(timezone=True), nullable=False),
    Column("as_of", String(10), nullable=False),  # the date of the latest evidence considered
    Column("evidence", JSON, nullable=False, default=list),  # evidence ids considered
    Column("rubric", String(16), nullable=False),
    Column("note", Text),
)

# Documents whose register blocks, evidence proposals and assessments are up to date: what a run
# killed midway left out is taken up by the next ingest.
tracked_documents = Table(
    "tracked_documents",
    metadata,
    Column("document_id", String(16), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

# API tokens of the web application: only a hash of the secret is kept; a revoked token stays
# (revoked_at set) so that its name still explains what the assessments it wrote are.
tokens = Table(
    "tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("scope", String(8), nullable=False),  # read | write | admin
    Column("secret_sha256", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

# Uploads processed in the background: a job per upload, its files and how far it got.
jobs = Table(
    "jobs",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("author", String(64), nullable=False),
    Column("state", String(12), nullable=False),  # queued | running | done | failed
    Column("files", JSON, nullable=False),  # [{"name", "size", "outcome", "document", "reason"}]
    Column("done", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("error", Text),
)


# A counter per part of the store, raised by triggers on every row written there (migration 0010):
# "documents" (documents, their sources, mentions and facts) and "register" (register commitments,
# evidence, assessments). Views kept in memory are keyed by the counters they depend on.
store_versions = Table(
    "store_versions",
    metadata,
    Column("scope", String(16), primary_key=True),
    Column("version", Integer, nullable=False, default=0),
)
