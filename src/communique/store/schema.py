"""The tables of the register, declared once with SQLAlchemy Core.

Migrations (store/migrations) create them; code reads and writes through these objects, so
SQLite and PostgreSQL run the same statements. Full-text indexes are backend-specific and live
in `fulltext.py`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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


# Facts of a document in the export's shape: kind is partnerships|events|commitments|targets.
facts = Table(
    "facts",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("record", JSON, nullable=False),
)


# Embeddings cached by text hash and model (float32 bytes), so a text is embedded once.
vectors = Table(
    "vectors",
    metadata,
    Column("text_sha", String(64), primary_key=True),
    Column("model", String(64), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)
