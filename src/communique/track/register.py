"""The stored register: register commitments and their variants, kept in step with the facts.

`sync(store, documents)` aligns again the blocks those documents belong to (merge.align) and
writes their register commitments. Ids are the record id of the canonical variant ("<document>:c<n>",
the document id being a hash of its content): the same corpus ingested in any order gives the same
ids. When a block's canonical statement changes (a longer version arrives), the commitment keeps
its evidence and assessments under the new id and the old id becomes an alias.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from communique.merge.events import group_events
from communique.merge.register import commitment_register, document_dates
from communique.model import Period
from communique.store import Store
from communique.store.chunks import chunked
from communique.store.schema import (
    assessments,
    evidence,
    register_aliases,
    register_commitments,
    register_variants,
)

WRITE_ROWS = 1000  # register rows per INSERT statement


def pair_key(parties: Iterable[str]) -> str | None:
    codes = sorted(set(parties or ()))
    return "-".join(codes) if len(codes) == 2 else None


def _deadline(entry: dict[str, Any], targets: dict[str, dict[str, Any]]) -> str | None:
    """The commitment's own deadline: the earliest year of its goals ("by 2030", "trong năm 2025")."""
    years = [t["year"] for t in (targets.get(i) for i in entry.get("targets") or ()) if t
             and t.get("kind") == "target" and t.get("year")]
    return str(min(years)) if years else None


def verifiable(entry: dict[str, Any]) -> bool:
    """An actor and an action one could observe: a binding modality ("agree", "will", "commit",
    extract/data/modality.yaml); a reaffirmed principle, a welcome or an aspiration is not
    assessable, whatever its pillar."""
    return bool(entry.get("binding"))


def _row(entry: dict[str, Any], stated: str | None, targets: dict[str, dict[str, Any]],
         now: datetime) -> dict[str, Any]:
    return {"id": entry["id"], "parties": pair_key(entry.get("parties") or ()), "pillar": entry.get("pillar"),
            "clause": entry.get("clause"), "language": entry.get("language"), "text": entry.get("text") or "",
            "document_id": entry["documents"][0], "stated": stated, "deadline": _deadline(entry, targets),
            "modality": entry.get("modality"), "binding": bool(entry.get("binding")),
            "verifiable": verifiable(entry), "targets": list(entry.get("targets") or ()),
            "instruments": list(entry.get("instruments") or ()), "variants": len(entry["variants"]),
            "updated_at": now}


def _variants(entry: dict[str, Any]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for v in entry["variants"]:
        key = (v["record"], v.get("start"))
        if key in seen:
            continue
        seen.add(key)
        out.append({"register_id": entry["id"], "record_id": v["record"], "document_id": v["document"],
                    "clause": v.get("clause"), "language": v.get("language"), "start": v.get("start"),
                    "end": v.get("end"), "score": v.get("score"), "match": v.get("match")})
    return out


def grouped_events(store: Store) -> list[dict[str, Any]]:
    """The events of the store, reports of one event grouped (merge.events), kept until the store
    changes; each a copy the caller may add keys to (its lists are shared: do not change them)."""
    kept = store.memo("grouped events", lambda: group_events(store.iter_facts("events")), scopes=("documents",))
    return [dict(e) for e in kept]


def corpus_dates(store: Store) -> tuple[list[dict[str, Any]], dict[str, Period | None]]:
    """The grouped events of the store and each document's date: shared by the register, the
    evidence proposals, the assessments and the scorecards, kept until the store changes (the
    dates are shared: do not change them)."""
    events = grouped_events(store)
    return events, store.memo("document dates", lambda: document_dates(store.published_dates(), events),
                              scopes=("documents",))


def sync(store: Store, documents: Iterable[str] | None = None,
         known: tuple[list[dict[str, Any]], dict[str, Period | None]] | None = None) -> set[str]:
    """Align again the blocks of `documents` (all blocks when None) and store their register
    commitments; returns the ids written. `known`: corpus_dates(store), when the caller has it."""
    wanted = set(documents) if documents is not None else None
    events, dates = known or corpus_dates(store)
    entries = list(commitment_register(store, events, only=wanted, pairs_only=True))
    targets = {t["id"]: t for t in store.iter_facts("targets") if t.get("id")}
    now = datetime.now(UTC)
    block_docs = {d for e in entries for d in e["documents"]} | (wanted or set())
    blocks = None  # every block: the whole register's lock
    if wanted is not None:
        with store.engine.connect() as conn:
            blocks = {pair_key(e.get("parties") or ()) or "" for e in entries} | _pairs_stored(conn, block_docs)
    try:
        with store.writing(blocks=blocks) as conn:
            return _write(conn, entries, wanted, block_docs, blocks, dates, targets, now)
    except _BlocksMoved:  # another writer moved the documents' rows into other blocks meanwhile
        with store.writing() as conn:
            return _write(conn, entries, wanted, block_docs, None, dates, targets, now)


class _BlocksMoved(Exception):
    pass


def _pairs_stored(conn: Any, documents: set[str]) -> set[str]:
    """The blocks (pairs) of the register commitments stored for `documents`, or with variants in them."""
    pairs: set[str] = set()
    for piece in chunked(sorted(documents)):
        held = select(register_variants.c.register_id).where(register_variants.c.document_id.in_(piece))
        query = select(register_commitments.c.parties).where(
            register_commitments.c.document_id.in_(piece) | register_commitments.c.id.in_(held)).distinct()
        pairs |= {p or "" for p in conn.execute(query).scalars()}
    return pairs


def _write(conn: Any, entries: list[dict[str, Any]], wanted: set[str] | None, block_docs: set[str],
           blocks: set[str] | None, dates: dict[str, Period | None], targets: dict[str, dict[str, Any]],
           now: datetime) -> set[str]:
    """Replace the register commitments of `block_docs` by `entries`, under the lock of `blocks`."""
    if blocks is not None and not _pairs_stored(conn, block_docs) <= blocks:
        raise _BlocksMoved()
    old_of_record: dict[str, str] = {}
    old_ids: set[str] = set()
    # every row is replaced (wanted None), else the rows of block_docs, a piece at a time
    for piece in [None] if wanted is None else chunked(sorted(block_docs)):
        variants_query = select(register_variants.c.register_id, register_variants.c.record_id)
        commitments_query = select(register_commitments.c.id)
        if piece is not None:
            variants_query = variants_query.where(register_variants.c.document_id.in_(piece))
            commitments_query = commitments_query.where(register_commitments.c.document_id.in_(piece))
        for register_id, record_id in conn.execute(variants_query):
            old_of_record.setdefault(record_id, register_id)
        old_ids |= set(conn.execute(commitments_query).scalars())
    old_ids |= set(old_of_record.values())
    new_ids = {e["id"] for e in entries}
    # An old id whose records now sit under another id: its history moves there, the id stays an alias.
    for entry in entries:
        for old in {old_of_record[r] for r in {v["record"] for v in entry["variants"]} & old_of_record.keys()}:
            if old != entry["id"] and old not in new_ids:
                _move(conn, old, entry["id"])
    # The new ids too: another ingest running at the same time may have written them meanwhile.
    for piece in chunked(sorted(old_ids | new_ids)):
        conn.execute(delete(register_variants).where(register_variants.c.register_id.in_(piece)))
        conn.execute(delete(register_commitments).where(register_commitments.c.id.in_(piece)))
    rows, variants = [], []
    for entry in entries:
        stated = dates.get(entry["documents"][0])
        rows.append(_row(entry, stated.iso if stated else None, targets, now))
        variants += _variants(entry)
    # in a few statements (executemany): one per row cost the server a round trip each
    for piece in chunked(rows, WRITE_ROWS):
        conn.execute(insert(register_commitments), piece)
    for piece in chunked(variants, WRITE_ROWS):
        conn.execute(insert(register_variants), piece)
    for piece in chunked(sorted(new_ids)):
        conn.execute(delete(register_aliases).where(register_aliases.c.old_id.in_(piece)))
    return new_ids


def _move(conn: Any, old: str, new: str) -> None:
    """The evidence and assessments of `old` now belong to `new`; `old` resolves to `new`."""
    conn.execute(update(evidence).where(evidence.c.register_id == old).values(register_id=new))
    conn.execute(update(assessments).where(assessments.c.register_id == old).values(register_id=new))
    conn.execute(update(register_aliases).where(register_aliases.c.id == old).values(id=new))
    conn.execute(delete(register_aliases).where(register_aliases.c.old_id == old))
    conn.execute(insert(register_aliases).values(old_id=old, id=new))


def resolve(store: Store, register_id: str) -> str | None:
    """The current id of a register commitment, by its id, an alias, or a record it holds."""
    with store.engine.connect() as conn:
        if conn.execute(select(register_commitments.c.id).where(register_commitments.c.id == register_id)).first():
            return register_id
        alias = conn.execute(select(register_aliases.c.id).where(register_aliases.c.old_id == register_id)).scalar()
        if alias:
            return alias
        return conn.execute(select(register_variants.c.register_id)
                            .where(register_variants.c.record_id == register_id)).scalar()
