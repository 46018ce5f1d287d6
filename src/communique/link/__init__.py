"""The `link` stage: entity mentions from the knowledge base, and people found by their titles."""

from __future__ import annotations

from communique.kb.base import load_kb
from communique.link.linker import Linked, document_date, link, link_text
from communique.model import Document


def link_document(doc: Document) -> Document:
    """The pipeline stage with the packaged knowledge base."""
    return link(doc, load_kb())


__all__ = ["Linked", "document_date", "link", "link_document", "link_text"]
