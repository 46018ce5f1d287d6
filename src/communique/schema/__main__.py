"""Rewrite the fact definitions of the export's JSON Schema from facts.yaml:
`python -m communique.schema [--check]` (with --check: exit 1 when the file is out of date)."""

from __future__ import annotations

import json
import sys
from importlib import resources

from communique.schema import export_definitions


def updated(schema: dict) -> dict:
    """`schema` with the fact kinds' definitions taken from the declaration."""
    return schema | {"$defs": schema["$defs"] | export_definitions()}


def main(argv: list[str]) -> int:
    path = resources.files("communique.export").joinpath("export.schema.json")
    text = path.read_text(encoding="utf-8")
    new = json.dumps(updated(json.loads(text)), ensure_ascii=False, indent=2) + "\n"
    if "--check" in argv:
        if new != text:
            print(f"{path}: out of date with communique/schema/facts.yaml (run python -m communique.schema)")
            return 1
        return 0
    with open(str(path), "w", encoding="utf-8") as out:
        out.write(new)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
