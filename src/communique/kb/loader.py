"""Loading and validating knowledge-base files (kb/data/*.yaml, and users' own with --kb)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from communique import safeyaml
from communique.errors import CommuniqueError

DATA_FILES = ("countries", "places", "roles", "people", "organizations", "instruments", "mechanisms",
              "levels", "pillars")


class KBError(CommuniqueError):
    """A knowledge-base file that does not follow the schema, named with the reason."""


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    text = resources.files("communique.kb").joinpath("schema/kb.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def read_file(path: str | Path, text: str | None = None) -> dict[str, Any]:
    """Parse and validate one KB file; raise KBError naming the file and the first problem."""
    name = str(path)
    try:
        data = safeyaml.load(text if text is not None else Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, safeyaml.UnsafeYAML) as exc:
        raise KBError(f"{name}: cannot read ({exc})") from exc
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "top"
        raise KBError(f"{name}: {where}: {errors[0].message}")
    return data


def packaged_files() -> list[tuple[str, str]]:
    """(name, text) of the KB files shipped with the package, in load order."""
    folder = resources.files("communique.kb").joinpath("data")
    out = []
    for stem in DATA_FILES:
        item = folder.joinpath(f"{stem}.yaml")
        if item.is_file():
            out.append((f"kb/data/{stem}.yaml", item.read_text(encoding="utf-8")))
    return out


def load_files(extra: Iterable[str | Path] = ()) -> list[dict[str, Any]]:
    """The packaged files and then the user's, parsed and validated; checks ids and references."""
    files = [read_file(name, text) | {"_path": name} for name, text in packaged_files()]
    files += [read_file(path) | {"_path": str(path)} for path in extra]
    check_references(files)
    return files


def check_references(files: list[dict[str, Any]]) -> None:
    """Ids unique within a file; roles, countries and parents that records name exist."""
    kinds: dict[str, set[str]] = {}
    for f in files:
        seen: set[str] = set()
        for record in f["records"]:
            if record["id"] in seen:
                raise KBError(f"{f['_path']}: duplicate id {record['id']}")
            seen.add(record["id"])
        kinds.setdefault(f["kind"], set()).update(seen)
    countries = {i.split(":", 1)[1] for i in kinds.get("country", set())}
    roles = {i.split(":", 1)[1] for i in kinds.get("role", set())}
    ids = set().union(*kinds.values()) if kinds else set()
    for f in files:
        for record in f["records"]:
            where = f"{f['_path']}: {record['id']}"
            code = record.get("country")
            if code and countries and code not in countries:
                raise KBError(f"{where}: unknown country {code}")
            for role in record.get("roles", []):
                if roles and role["role"] not in roles:
                    raise KBError(f"{where}: unknown role {role['role']}")
                if countries and role.get("country") and role["country"] not in countries:
                    raise KBError(f"{where}: unknown country {role['country']} in a role")
            for lang in ("vi", "en"):
                for name in record.get("names", {}).get(lang, []):
                    if len(name.split()) <= 2 and not any(c.isupper() or c.isdigit() for c in name):
                        raise KBError(f"{where}: {lang} name {name!r} looks like a fragment "
                                      "(quote names with commas in YAML lists)")
            parent = record.get("parent")
            if parent and parent not in ids:
                raise KBError(f"{where}: unknown parent {parent}")


def main(argv: list[str] | None = None) -> int:
    """`python -m communique.kb.loader [FILE...]`: validate the packaged KB and the given files."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        files = load_files(args)
    except KBError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for f in files:
        print(f"{f['_path']}: {len(f['records'])} {f['kind']} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
