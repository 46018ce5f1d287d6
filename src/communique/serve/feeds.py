"""Atom feeds of what moves in the register: per pair and per commitment ("tell me when
something moves"), built with ElementTree so every document string is escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from communique import api
from communique.serve.access import needs

ATOM = "http://www.w3.org/2005/Atom"
router = APIRouter(prefix="/feeds", dependencies=[Depends(needs("read"))])

TITLES = {"entered": "New commitment, status {implementation}",
          "assessment": "Status {implementation} ({review}, by {author})",
          "evidence_proposed": "Evidence proposed ({stance}, score {score:.2f})",
          "evidence_confirmed": "Evidence confirmed by {author}",
          "evidence_rejected": "Evidence rejected by {author}"}


def atom(title: str, self_url: str, page_url: str, changes: list[dict[str, Any]], base: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_url)
    updated = changes[0]["at"] if changes else datetime.now(UTC)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "Communiqué"
    for change in changes:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        kind = change["kind"]
        link = f"{base}/commitments/{change['register_id']}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{link}#{kind}-{change['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = TITLES[kind].format_map(
            {"score": 0.0} | {k: v for k, v in change.items() if v is not None})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = change["at"].isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        summary = change["commitment"]
        if change.get("text"):
            summary += "\n\nEvidence: " + change["text"]
        if change.get("note"):
            summary += "\n\nNote: " + change["note"]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _respond(body: bytes) -> Response:
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/pairs/{pair}.atom")
def pair_feed(request: Request, pair: Annotated[str, Path(max_length=120)]) -> Response:
    key = "-".join(api.parse_pair(pair))
    base = str(request.base_url).rstrip("/")
    changes = api.changes(db=request.app.state.store, pair=key)
    return _respond(atom(f"Communiqué: {key}", str(request.url), f"{base}/partnerships/{key}", changes, base))


@router.get("/commitments/{register_id}.atom")
def commitment_feed(request: Request,
                    register_id: Annotated[str, Path(max_length=200, pattern=r"^[\w:.\-]+$")]) -> Response:
    store = request.app.state.store
    found = api.register_commitment(register_id, db=store)
    base = str(request.base_url).rstrip("/")
    changes = api.changes(db=store, register_id=found["id"])
    return _respond(atom(f"Communiqué: {found['text'][:80]}", str(request.url),
                         f"{base}/commitments/{found['id']}", changes, base))
