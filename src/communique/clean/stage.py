"""The `clean` stage's function: page chrome out, the article body and its metadata in."""

from __future__ import annotations

from communique.clean.chrome import KEPT, classify_line, mark_document, split_store_stamp
from communique.clean.lexicon import load_lexicon
from communique.clean.lines import reflow, split_lines
from communique.clean.metadata import collect_metadata
from communique.clean.settings import DEFAULT, CleanerSettings
from communique.model import Document, Span

# Paragraph kinds in the body, by the kind of line they came from.
_PARAGRAPH_KIND = {"title": "title", "prose": "body", "headline": "heading", "caption": "caption",
                   "dateline_body": "body"}


def clean(doc: Document, settings: CleanerSettings = DEFAULT, lexicon_path: str | None = None) -> Document:
    """Fill `doc.body`, `doc.removed`, `doc.segments`, `doc.paragraphs` and `doc.meta` from `doc.raw`."""
    lexicon = load_lexicon(lexicon_path)
    lines = reflow(split_store_stamp(split_lines(doc.raw), lexicon))
    for line in lines:
        classify_line(line, lexicon, settings)
    mark_document(lines, lexicon, settings, title_hint=doc.hints.title)

    parts: list[str] = []
    pos = 0
    doc.removed, doc.segments, doc.paragraphs = [], [], []
    for line in lines:
        if line.blank:
            continue
        if line.kind not in KEPT:
            doc.removed.append(Span(line.start, line.end, line.kind))
            continue
        if parts:
            parts.append("\n")
            pos += 1
        for raw_start, raw_end, offset in line.pieces or [(line.start, line.end, 0)]:
            doc.segments.append((raw_start, raw_end, pos + offset))
        doc.paragraphs.append(Span(pos, pos + len(line.text), _PARAGRAPH_KIND[line.kind]))
        parts.append(line.text)
        pos += len(line.text)
    doc.body = "".join(parts)
    doc.meta = collect_metadata(lines, doc.hints, lexicon)
    return doc
