"""Writers of the export: JSON (one object), JSON Lines (one record a line), CSV (documents)."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from communique.export.contract import SCHEMA_ID
from communique.output import spreadsheet_safe

CSV_COLUMNS = ("id", "path", "sha256", "language", "title", "published", "published_partial", "url", "author",
               "source", "duplicate_of", "text")
FORMATS = ("json", "jsonl", "csv")
# The `type` of a JSON Lines record, by the export section it comes from.
RECORD_KINDS = {"documents": "document", "entities": "entity", "partnerships": "partnership", "events": "event",
                "commitments": "commitment", "targets": "target", "register": "register_commitment"}


# Line and paragraph separators JSON leaves raw: escaped, so readers that split lines the Unicode way
# (Python's str.splitlines, JavaScript) still see one record per line.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS)


def write_export(export: dict[str, Any], out: TextIO, fmt: str = "json") -> None:
    """Write an export dict (section lists may be iterators) to `out` without building strings of it all."""
    if fmt == "json":
        out.write('{"schema": ' + _dumps(export.get("schema", SCHEMA_ID)))
        for name, records in export.items():
            if name == "schema":
                continue
            out.write(f',\n "{name}": [')
            for n, record in enumerate(records):
                out.write(("," if n else "") + "\n  " + _dumps(record))
            out.write("]")
        out.write("}\n")
    elif fmt == "jsonl":
        out.write(_dumps({"type": "schema", "schema": export.get("schema", SCHEMA_ID)}) + "\n")
        for name, records in export.items():
            if name == "schema":
                continue
            kind = RECORD_KINDS.get(name, name)
            for record in records:
                # `type` names the line's record kind; an entity's or event's own type is `<kind>_type`.
                line = {"type": kind, **{f"{kind}_type" if k == "type" else k: v for k, v in record.items()}}
                out.write(_dumps(line) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for record in export.get("documents", []):
            writer.writerow({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in record.items()})
    else:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
