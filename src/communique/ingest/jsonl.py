"""JSON Lines of scraped articles: one object per line, each its own Document.

A line has `text` or `html` (HTML goes through the same extraction as HTML files) and optional
`url`, `title`, `published` (a date, see `hints.parse_date`), `source`, `author`; other keys
are kept in `hints.extra`. A bad line becomes a RejectedInput for that line alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from communique.errors import RejectedInput
from communique.ingest.decoding import NUL_SAMPLE_BYTES, decode_bytes, normalize_text, unicode_encoding
from communique.ingest.hints import metadata_from_mapping
from communique.ingest.htmlpage import extract_html
from communique.model import Document, Metadata

CONTENT_KEYS = ("text", "html")
# A line longer than this is refused without being held in memory whole (an article is far smaller).
MAX_LINE_BYTES = 10_000_000
# Bytes read at a time while skipping the rest of a line that is too long.
_SKIP_CHUNK = 1 << 20


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, None for a line over `limit` bytes (its bytes skipped, not kept)."""
    while True:
        data = handle.readline(limit + 1)
        if not data:
            return
        if len(data) > limit and not data.endswith(b"\n"):
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield data


def read_jsonl(path: str, handle: BinaryIO | None = None, max_bytes: int = MAX_LINE_BYTES
               ) -> Iterator[Document | RejectedInput]:
    """Yield a Document (path 'FILE#L<n>', format 'jsonl') or a RejectedInput per non-blank line.

    Streams the file (from `handle` when the caller has it open, else opened by `path`) line by
    line (UTF-8, or another ASCII-compatible encoding detected per line); a line over
    min(`max_bytes`, MAX_LINE_BYTES) is refused. UTF-16/32 files, rare for JSONL, are decoded whole
    first, so they are refused over `max_bytes`. Raises OSError if the file cannot be opened.
    """
    if handle is None:
        with open(path, "rb") as opened:
            yield from read_jsonl(path, opened, max_bytes)
        return
    limit = min(max_bytes, MAX_LINE_BYTES)
    encoding = unicode_encoding(handle.read(NUL_SAMPLE_BYTES))
    handle.seek(0)
    if encoding and not encoding.startswith("utf-8"):
        data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield RejectedInput(path, f"too large (a {encoding} JSON Lines file is read whole; the limit is "
                                      f"{max_bytes:,} bytes)")
            return
        text, encoding = decode_bytes(data, path)
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield _record(line, f"{path}#L{number}", encoding)
        return
    for number, data in enumerate(_lines(handle, limit), 1):
        line_path = f"{path}#L{number}"
        if data is None:
            yield RejectedInput(line_path, f"line too long (over {limit:,} bytes)")
            continue
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if not data.strip():
            continue
        try:
            line, line_encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                line, line_encoding = decode_bytes(data, line_path)
            except RejectedInput as rejected:
                yield rejected
                continue
        yield _record(line, line_path, line_encoding)


def _record(line: str, path: str, encoding: str) -> Document | RejectedInput:
    try:
        fields = json.loads(line)
    except ValueError as error:
        return RejectedInput(path, f"invalid JSON ({error})")
    except RecursionError:
        return RejectedInput(path, "JSON nested too deeply")
    if not isinstance(fields, dict):
        return RejectedInput(path, f"not a JSON object but {type(fields).__name__}")
    try:
        return _document(fields, path, encoding)
    except RejectedInput as rejected:
        return rejected


def _document(fields: dict[str, Any], path: str, encoding: str) -> Document:
    hints = metadata_from_mapping(fields, skip=CONTENT_KEYS)
    text, html = fields.get("text"), fields.get("html")
    if isinstance(text, str) and text.strip():
        hints.extra["content"] = "text"
        raw = normalize_text(text).strip()
    elif isinstance(html, str) and html.strip():
        hints.extra["content"] = "html"
        raw, page = extract_html(html, path, url=hints.url)
        _fill_from(hints, page)
    else:
        raise RejectedInput(path, "no 'text' or 'html' string")
    return Document(path=path, raw=raw, format="jsonl", encoding=encoding, hints=hints)


def _fill_from(hints: Metadata, page: Metadata) -> None:
    """Fill the fields the JSON line left empty from what the HTML page itself says."""
    for name in ("title", "published", "url", "author", "source"):
        if getattr(hints, name) is None:
            setattr(hints, name, getattr(page, name))
    hints.extra = {**page.extra, **hints.extra}
