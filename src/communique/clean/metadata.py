"""Document metadata from the lines the cleaner set aside, and from the reader's hints."""

from __future__ import annotations

from communique.clean.lines import Line
from communique.extract.dates import date_from_url
from communique.model import DateValue, Metadata


def collect_metadata(lines: list[Line], hints: Metadata) -> Metadata:
    """Title, published date, URL, author, source and photo credits.

    What the reader found in the file's own metadata (HTML head, JSONL fields) wins over what
    the text shows; a date in the URL is the last resort for `published`."""
    meta = Metadata(
        title=hints.title,
        published=hints.published,
        url=hints.url,
        author=hints.author,
        source=hints.source,
        photo_credits=list(hints.photo_credits),
        extra=dict(hints.extra),
    )
    body_dates = []
    for line in lines:
        kind = line.kind
        if kind == "title" and not meta.title:
            meta.title = line.text
        elif kind == "dateline":
            mention = line.info.get("date")
            value = mention.value() if mention is not None else None  # type: ignore[attr-defined]
            if value is not None and meta.published is None:
                meta.published = value
            if line.value and not meta.author:
                meta.author = line.value
            if line.info.get("source") and not meta.source:
                meta.source = str(line.info["source"])
            if line.info.get("place"):
                meta.extra.setdefault("dateline_place", line.info["place"])
        elif kind == "dateline_body":
            body_dates.append(line)
        elif kind == "byline" and line.value and not meta.author:
            meta.author = line.value
        elif kind == "attribution" and line.value and not meta.source:
            meta.source = line.value
        elif kind == "url" and line.value and not meta.url:
            meta.url = line.value
        elif kind in ("caption", "credit_only") and line.value and line.value not in meta.photo_credits:
            meta.photo_credits.append(line.value)
    if meta.published is None and meta.url:
        meta.published = date_from_url(meta.url)
    if meta.published is None and body_dates:
        # A statement's own date line ("2023年12月13日于河内", "Hanoi, 25 February 2025") at its
        # start or end dates it when nothing else does.
        kept = [ln for ln in lines if ln.kind in ("title", "prose", "headline", "caption", "dateline_body")]
        for line in body_dates:
            if line in kept[-3:] or line in kept[:3]:
                value = line.info["date"].value()  # type: ignore[attr-defined]
                if value is not None and value.precision == "day":
                    meta.published = value
                    break
    if meta.published is not None and not isinstance(meta.published, DateValue):
        meta.published = None
    return meta
