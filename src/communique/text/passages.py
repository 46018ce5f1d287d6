"""Passages: the pieces of a document's body that search by meaning ranks and embeds.

A passage is a paragraph, or a piece of whole sentences of a long one (`chunks`). They are cut
once, when a document is stored (the `passages` table), so that a search need not read every body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from communique.text.sentences import sentence_spans

# Passages shorter than this many characters carry too little meaning to rank a document.
MIN_PASSAGE_CHARS = 20
# A long paragraph is embedded in pieces of whole sentences up to this many characters (Chinese,
# denser, half as many): the model reads at most 512 tokens, and a page-long paragraph (PDFs) would
# be cut. (Smaller pieces ranked worse on tests/data/retrieval.yaml: 0.73 MRR at 360 against 0.80.)
CHUNK_CHARS = 600


def text_key(text: str) -> str:
    """The key of a text's cached vector."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Spans of whole sentences of `text`, each up to `limit` characters (half for dense scripts)
    unless one sentence is longer."""
    if sum(1 for ch in text[:200] if "\u3400" <= ch <= "\u9fff") > 50:
        limit //= 2
    if len(text) <= limit:
        return [(0, len(text))]
    # A piece ends where the next sentence starts (the spaces between go with the piece before).
    ends = [start for start, _ in sentence_spans(text) if start > 0] + [len(text)]
    spans, start, last = [], 0, 0
    for end in ends:
        if end - start > limit and last > start:
            spans.append((start, last))
            start = last
        last = end
    if spans and len(text) - start < MIN_PASSAGE_CHARS:
        spans[-1] = (spans[-1][0], len(text))  # a short last sentence goes with the piece before it
    else:
        spans.append((start, len(text)))
    return spans


def passage_spans(body: str, paragraphs: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, int, str]]:
    """(start, end, paragraph start, paragraph kind) of every passage of `body`, in order, from its
    paragraphs' (start, end, kind)."""
    out = []
    for p_start, p_end, kind in paragraphs:
        text = body[p_start:p_end]
        if len(text) < MIN_PASSAGE_CHARS:
            continue
        for a, b in chunks(text):
            out.append((p_start + a, p_start + b, p_start, kind))
    return out
