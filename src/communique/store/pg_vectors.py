"""Vectors in pgvector on PostgreSQL (migration 0015): the `embedding` column of `vectors`, an HNSW
index per model (vectors of a model share a dimension; the column itself has none), and the query
for the passages of current, non-duplicate documents nearest to a query vector.

The index serves inner product (`<#>`): the models' vectors are unit length, so it orders as
cosine similarity does. pgvector before 0.8 filters after the index scan, which returns at most
`hnsw.ef_search` rows: a search asks for EF_SEARCH candidates, and when filters (a language, kinds
of paragraph) leave fewer than it wanted, it runs again without the index (exact, slower).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, text

# Candidates the HNSW index returns per search (pgvector's limit for hnsw.ef_search is 1000).
EF_SEARCH = 400

# A searched text's vector (a passage's) goes into the `embedding` column too, under the HNSW index;
# a vector cached for alignment or evidence only stays bytes: keeping the index up to date costs the
# server ~4 ms a vector, and nothing searches those. A text cached before without it gains it.
INSERT = text("INSERT INTO vectors (text_sha, model, vector, embedding) "
              "VALUES (:text_sha, :model, :vector, CAST(:embedding AS vector)) "
              "ON CONFLICT (text_sha, model) DO UPDATE SET embedding = EXCLUDED.embedding "
              "WHERE vectors.embedding IS NULL")
SEARCHABLE_KEYS = text("SELECT text_sha FROM vectors WHERE model = :model AND text_sha IN :keys "
                       "AND embedding IS NOT NULL").bindparams(bindparam("keys", expanding=True))
HAS_COLUMN = text("SELECT 1 FROM information_schema.columns WHERE table_name = 'vectors' "
                  "AND column_name = 'embedding' AND table_schema = current_schema()")


def literal(values: Iterable[float]) -> str:
    """A vector as pgvector reads it: "[0.1,0.2,…]"."""
    return "[" + ",".join(f"{float(x):.7g}" for x in values) + "]"


def index_name(model: str) -> str:
    return "ix_vectors_hnsw_" + hashlib.sha1(model.encode()).hexdigest()[:12]


def create_index(conn: Any, model: str, dimensions: int) -> None:
    """The HNSW index of one model's vectors (a partial expression index: the column has no dimension)."""
    quoted = model.replace("'", "''")
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {index_name(model)} ON vectors USING hnsw "
                      f"((embedding::vector({int(dimensions)})) vector_ip_ops) WHERE model = '{quoted}'"))


def nearest_sql(dimensions: int, lang: bool, skip: int, exact: bool) -> str:
    """Passages (pk, cosine) of current, non-duplicate documents nearest to :q, at most :k."""
    d = int(dimensions)
    # a vector cached for alignment or evidence only has no embedding: never a passage hit
    where = ["v.model = :model", "v.embedding IS NOT NULL", "d.superseded_by IS NULL", "d.duplicate_of IS NULL"]
    if lang:
        where.append("d.language = :lang")
    if skip:
        where.append("p.kind NOT IN (" + ", ".join(f":skip{i}" for i in range(skip)) + ")")
    ordering = f"v.embedding::vector({d}) <#> CAST(:q AS vector({d}))"
    if exact:  # computed on every row: no index to miss filtered rows
        ordering = f"({ordering}) + 0"
    return (f"SELECT p.pk, -(v.embedding::vector({d}) <#> CAST(:q AS vector({d}))) AS score "
            "FROM vectors v JOIN passages p ON p.text_sha = v.text_sha JOIN documents d ON d.pk = p.document_pk "
            f"WHERE {' AND '.join(where)} ORDER BY {ordering} LIMIT :k")
