"""Listings of the HTTP API: one page of records with a cursor to the next, as JSON or CSV.

A cursor is opaque to clients: the offset of the next page and a fingerprint of the filters it was
made with (a cursor used with other filters is refused, not silently applied to another listing).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from communique.errors import CommuniqueError
from communique.output import spreadsheet_safe

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
FORMATS = ("json", "csv")


class BadCursor(CommuniqueError):
    """A cursor that this listing did not make."""


def _fingerprint(filters: Mapping[str, Any]) -> str:
    text = json.dumps({k: v for k, v in sorted(filters.items()) if v is not None}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def make_cursor(offset: int, filters: Mapping[str, Any]) -> str:
    raw = json.dumps({"o": offset, "f": _fingerprint(filters)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_cursor(cursor: str | None, filters: Mapping[str, Any]) -> int:
    """The offset a cursor stands for (0 without one)."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = int(data["o"])
        fingerprint = str(data["f"])
    except (ValueError, KeyError, TypeError) as error:
        raise BadCursor(f"cursor {cursor[:40]!r} is not one this listing made") from error
    if offset < 0 or fingerprint != _fingerprint(filters):
        raise BadCursor("cursor was made for other filters: start again without it")
    return offset


def page(records: Sequence[dict[str, Any]], cursor: str | None, limit: int,
         filters: Mapping[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The records of one page, and the cursor of the next (None on the last page)."""
    start = read_cursor(cursor, filters)
    items = list(records[start:start + limit])
    following = make_cursor(start + limit, filters) if start + limit < len(records) else None
    return items, following


def csv_text(records: Sequence[dict[str, Any]]) -> str:
    """Records as CSV: a column per key (in first-seen order); lists of plain values joined with
    "; ", other nested values as JSON; every cell made safe for spreadsheets."""
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(columns))
    for record in records:
        writer.writerow([spreadsheet_safe(_cell(record.get(c))) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def respond(request: Any, records: Sequence[dict[str, Any]], filters: Mapping[str, Any], cursor: str | None,
            limit: int, fmt: str, name: str) -> Any:
    """One page of a listing as JSON (`items`, `count`, `next`: the URL of the next page), or the
    whole filtered listing as CSV (`format=csv`, a file named after the listing)."""
    from fastapi.responses import JSONResponse, Response

    if fmt == "csv":
        return Response(csv_text(records), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    items, following = page(records, cursor, limit, filters)
    next_url = str(request.url.include_query_params(cursor=following)) if following else None
    return JSONResponse(jsonable(
        {"count": len(records), "items": items, "next": next_url}))


def jsonable(value: Any) -> Any:
    """Dates and datetimes as ISO strings, tuples as lists, recursively."""
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)
