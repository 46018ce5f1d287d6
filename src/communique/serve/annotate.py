"""A document's clean text as HTML with what was found in it marked: mentions of people, places,
countries, organisations and instruments (linked to their entity), targets, and the sentences
facts rest on (linked to the fact). Text is escaped; spans may overlap (each elementary piece
carries the classes of every span over it)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

FACT_KINDS = {"partnerships": "partnership", "events": "event", "commitments": "commitment", "targets": "target"}


def spans_of(record: dict[str, Any], mentions: list[dict[str, Any]], names: dict[str, str]
             ) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, css class, link, title) of every annotation, in the body's offsets."""
    doc_id = record["id"]
    out: list[tuple[int, int, str, str | None, str]] = []
    for m in mentions:
        kind = m["entity_id"].split(":", 1)[0] if ":" in m["entity_id"] else "other"
        out.append((m["start"], m["end"], f"m m-{kind}", f"/entities/{quote(m['entity_id'], safe=':')}",
                    names.get(m["entity_id"], m["entity_id"])))
    for section, kind in FACT_KINDS.items():
        for fact in record["facts"].get(section) or ():
            spans = [(e["start"], e["end"]) for e in fact.get("evidence") or () if e.get("document") == doc_id]
            if not spans and fact.get("start") is not None and fact.get("end") is not None:
                spans = [(fact["start"], fact["end"])]
            link = f"/commitments/{quote(fact['id'], safe=':')}" if kind == "commitment" else None
            if kind == "event":
                link = f"/events/{quote(fact['id'], safe=':')}"
            title = kind + (f": {fact.get('level') or fact.get('type') or fact.get('pillar') or ''}")
            for start, end in spans:
                out.append((start, end, f"f f-{kind}", link, title))
    length = len(record["body"])
    return [(max(0, s), min(length, e), c, link, t) for s, e, c, link, t in out if 0 <= s < e]


def annotated_body(record: dict[str, Any], mentions: list[dict[str, Any]], names: dict[str, str]) -> Markup:
    body: str = record["body"]
    spans = spans_of(record, mentions, names)
    cuts = sorted({0, len(body), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [s for s in spans if s[0] <= start and end <= s[1]]
        piece = str(escape(body[start:end]))
        if not over:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for _, _, cls, _, _ in over for c in cls.split()))
        mention = next((s for s in over if s[2].startswith("m ")), None)
        target = mention or next((s for s in over if s[3]), None)
        title = escape(" · ".join(dict.fromkeys(t for *_, t in over)))
        if target is not None and target[3]:
            out.append(f'<a class="{classes}" href="{escape(target[3])}" title="{title}">{piece}</a>')
        else:
            out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
    return Markup("".join(out))
