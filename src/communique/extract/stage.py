"""The `extract` stage: facts with evidence — partnerships, events, statement clauses and
commitments, targets and figures — from one linked document."""

from __future__ import annotations

from typing import Any

from communique.extract.commitments import attach_targets, find_commitments
from communique.extract.context import build_context
from communique.extract.events import find_events
from communique.extract.partnerships import find_partnerships
from communique.extract.statements import find_clauses
from communique.extract.targets import find_targets
from communique.kb.base import KnowledgeBase
from communique.model import Document
from communique.schema import check, fact_kinds

# Targets and figures kept per document (a statement holds a few dozen): a table of numbers keeps
# its first ones.
MAX_TARGETS_PER_DOCUMENT = 5_000


def _target_records(doc: Document, year: int | None) -> list[dict[str, Any]]:
    found = find_targets(doc.body, doc.language, year)
    if len(found) > MAX_TARGETS_PER_DOCUMENT:
        doc.capped["targets"] = {"found": len(found), "kept": MAX_TARGETS_PER_DOCUMENT}
        del found[MAX_TARGETS_PER_DOCUMENT:]
    return [{"id": f"{doc.id}:t{n}", "kind": t.kind, "text": t.text, "value": t.value, "unit": t.unit,
             "year": t.year, "qualifier": t.qualifier, "document": doc.id, "start": t.start, "end": t.end,
             "commitment": None,
             "evidence": [{"document": doc.id, "start": t.sentence_start, "end": t.sentence_end}]}
            for n, t in enumerate(found)]


def extract(doc: Document, kb: KnowledgeBase) -> Document:
    """Fill `doc.facts[kind]` for each kind of fact, every fact with evidence offsets into the body."""
    ctx = build_context(doc, kb)
    clauses = find_clauses(doc, kb)
    doc.facts["partnerships"] = find_partnerships(ctx, kb)
    doc.facts["events"] = find_events(ctx, kb, is_statement=bool(clauses))
    doc.facts["commitments"] = find_commitments(ctx, kb, clauses)
    doc.facts["targets"] = _target_records(doc, ctx.year)
    attach_targets(doc.facts["commitments"], doc.facts["targets"])
    for kind in fact_kinds():  # a record that breaks its declaration rejects the document, naming why
        for record in doc.facts[kind]:
            check(kind, record)
    return doc
