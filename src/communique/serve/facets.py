"""Facets of search results, as datasette shows them: per language, year and outlet, the count
of hits, and the hits narrowed to the values chosen."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from communique.store import Store
from communique.store.schema import documents

FACETS = ("language", "year", "outlet")
MAX_VALUES = 12


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
    for hit in hits:
        hit.update(meta.get(hit["document"], {"language": "?", "year": "?", "outlet": "?"}))
    kept = [h for h in hits if all(not v or h[k] == v for k, v in chosen.items())]
    out: dict[str, list[dict[str, Any]]] = {}
    for name in FACETS:
        values = []
        for value, count in Counter(h[name] for h in kept).most_common(MAX_VALUES):
            args = base | {k: v for k, v in chosen.items() if v and k != name}
            if chosen.get(name) != value:
                args[name] = value
            values.append({"value": value, "count": count, "chosen": chosen.get(name) == value,
                           "url": "/search?" + urlencode(args)})
        out[name] = values
    return kept, out
