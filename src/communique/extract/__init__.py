"""The `extract` stage: facts with evidence — partnerships, events (later: clauses, commitments,
targets) — from one linked document."""

from __future__ import annotations

from communique.extract.context import build_context
from communique.extract.events import find_events
from communique.extract.partnerships import find_partnerships
from communique.kb.base import KnowledgeBase
from communique.model import Document

FACT_KINDS = ("partnerships", "events", "commitments", "targets")


def extract(doc: Document, kb: KnowledgeBase) -> Document:
    """Fill `doc.facts[kind]` for each kind of fact, every fact with evidence offsets into the body."""
    ctx = build_context(doc, kb)
    doc.facts["partnerships"] = find_partnerships(ctx, kb)
    doc.facts["events"] = find_events(ctx)
    return doc
