"""Facets of search results, as datasette shows them: per language, country pair, kind of document,
year and outlet, the count of hits, and the hits narrowed to the values chosen. A document with
facts of several pairs counts under each."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from communique.store import Store
from communique.store.schema import documents, fact_tables

FACETS = ("language", "pair", "kind", "year", "outlet")
MAX_VALUES = 12
# A document's kind, from what was found in it: several clauses of commitments make a statement (a
# speech or a news report restates one or two); events or partnership levels, news; else other.
STATEMENT, NEWS, OTHER = "statement", "news", "other"
STATEMENT_CLAUSES = 3


def _facts_of(store: Store, ids: list[str]) -> tuple[dict[str, set[str]], dict[str, Counter[str]]]:
    """Per document: the country pairs of its facts, and how many facts of each kind it holds."""
    pairs: dict[str, set[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    with store.engine.connect() as conn:
        for kind, table in fact_tables.items():
            has_pair = "pair" in table.c
            columns = [table.c.document_id, table.c.pair] if has_pair else [table.c.document_id]
            for i in range(0, len(ids), 500):
                for row in conn.execute(select(*columns).where(table.c.document_id.in_(ids[i:i + 500]))):
                    kinds.setdefault(row[0], Counter())[kind] += 1
                    if has_pair and row[1]:
                        pairs.setdefault(row[0], set()).add(row[1])
    return pairs, kinds


def document_kind(kinds: Counter[str]) -> str:
    if kinds["commitments"] >= STATEMENT_CLAUSES:
        return STATEMENT
    return NEWS if kinds["events"] or kinds["partnerships"] or kinds["commitments"] else OTHER


def facet(store: Store, hits: list[dict[str, Any]], chosen: dict[str, str | None], base: dict[str, str]
          ) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The hits narrowed to the `chosen` facet values, and per facet its values with their counts
    and the search URL that adds (or, for a chosen one, removes) each."""
    ids = list({h["document"] for h in hits})
    meta: dict[str, dict[str, str]] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for row in conn.execute(select(documents.c.id, documents.c.language, documents.c.published,
                                           documents.c.source).where(documents.c.id.in_(ids[i:i + 500]))):
                meta[row.id] = {"language": row.language or "?", "year": (row.published or "?")[:4],
                                "outlet": row.source or "?"}
    pairs, kinds = _facts_of(store, ids)
    for hit in hits:
        hit.update(meta.get(hit["document"], {"language": "?", "year": "?", "outlet": "?"}))
        hit["pairs"] = sorted(pairs.get(hit["document"], ()))
        hit["kind"] = document_kind(kinds.get(hit["document"], Counter()))
    kept = [h for h in hits if all(not v or v in _values(h, k) for k, v in chosen.items())]
    out: dict[str, list[dict[str, Any]]] = {}
    for name in FACETS:
        values = []
        for value, count in Counter(v for h in kept for v in _values(h, name)).most_common(MAX_VALUES):
            args = base | {k: v for k, v in chosen.items() if v and k != name}
            if chosen.get(name) != value:
                args[name] = value
            values.append({"value": value, "count": count, "chosen": chosen.get(name) == value,
                           "url": "/search?" + urlencode(args)})
        out[name] = values
    return kept, out


def _values(hit: dict[str, Any], name: str) -> list[str]:
    return hit["pairs"] if name == "pair" else [hit[name]]
