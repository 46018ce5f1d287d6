"""The fact kinds, declared once in `facts.yaml`, and what derives from the declaration: the store's
fact tables (a column per property), the export's JSON Schema definitions, the API's typed models,
and the check every record passes before it is stored.

`python -m communique.schema` rewrites the fact definitions of export/export.schema.json from the
declaration (a test fails while the committed file and the declaration disagree).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

TYPES = ("id", "text", "string", "date", "day", "integer", "number", "boolean", "alpha2", "language", "enum",
         "span", "object")
STAGES = ("document", "merge")
PROPERTY_KEYS = {"type", "list", "nullable", "optional", "stage", "values", "pattern", "pair", "description",
                 "minimum", "min_items", "max_items", "properties", "index", "other"}
# Columns every fact table has before the declared ones.
ROW_KEYS = ("pk", "document_id", "pair")

_PATTERNS = {
    "date": re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"),
    "day": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "alpha2": re.compile(r"[A-Z]{2}"),
    "language": re.compile(r"[a-z]{2,3}"),
}


class FactError(ValueError):
    """A record that breaks its kind's declaration."""


class DeclarationError(ValueError):
    """facts.yaml itself is malformed (a programming error caught by the tests)."""


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    list: bool = False
    nullable: bool = False
    optional: bool = False
    stage: str = "document"
    values: tuple[str, ...] = ()
    other: str | None = None  # an enum's prefix for values beyond its list ("other:")
    pattern: str | None = None
    pair: bool = False
    index: bool = False
    minimum: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    description: str | None = None
    properties: tuple[Property, ...] = ()

    @property
    def stored(self) -> bool:
        return self.stage == "document"


@dataclass(frozen=True)
class FactKind:
    name: str  # "event"
    plural: str  # "events": the key of Document.facts and the export's list
    table: str  # "event_facts"
    description: str
    properties: tuple[Property, ...]

    @property
    def stored(self) -> tuple[Property, ...]:
        """The properties a document's record has (and its table a column for)."""
        return tuple(p for p in self.properties if p.stored)

    def get(self, name: str) -> Property:
        return next(p for p in self.properties if p.name == name)

    @property
    def pair_property(self) -> Property | None:
        return next((p for p in self.properties if p.pair), None)


def _property(name: str, spec: Mapping[str, Any], where: str) -> Property:
    unknown = set(spec) - PROPERTY_KEYS
    if unknown:
        raise DeclarationError(f"{where}.{name}: unknown keys {sorted(unknown)}")
    kind = spec.get("type")
    if kind not in TYPES:
        raise DeclarationError(f"{where}.{name}: type {kind!r} is not one of {', '.join(TYPES)}")
    if spec.get("stage", "document") not in STAGES:
        raise DeclarationError(f"{where}.{name}: stage is one of {', '.join(STAGES)}")
    if (kind == "enum") != bool(spec.get("values")):
        raise DeclarationError(f"{where}.{name}: an enum, and only an enum, has values")
    if (kind == "object") != bool(spec.get("properties")):
        raise DeclarationError(f"{where}.{name}: an object, and only an object, has properties")
    nested = tuple(_property(n, s, f"{where}.{name}") for n, s in (spec.get("properties") or {}).items())
    return Property(name=name, type=kind, list=bool(spec.get("list")), nullable=bool(spec.get("nullable")),
                    optional=bool(spec.get("optional")), stage=spec.get("stage", "document"),
                    values=tuple(str(v) for v in spec.get("values") or ()), other=spec.get("other"),
                    pattern=spec.get("pattern"),
                    pair=bool(spec.get("pair")), index=bool(spec.get("index")), minimum=spec.get("minimum"),
                    min_items=spec.get("min_items"), max_items=spec.get("max_items"),
                    description=spec.get("description"), properties=nested)


@cache
def fact_kinds() -> dict[str, FactKind]:
    """The declared fact kinds by their plural ("events"), in declaration order."""
    text = resources.files("communique.schema").joinpath("facts.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    out: dict[str, FactKind] = {}
    for name, spec in data["kinds"].items():
        props = tuple(_property(n, s, name) for n, s in spec["properties"].items())
        if sum(p.pair for p in props) > 1:
            raise DeclarationError(f"{name}: at most one property is the pair")
        if any(p.name in ROW_KEYS for p in props):
            raise DeclarationError(f"{name}: {', '.join(ROW_KEYS)} are the table's own columns")
        out[spec["plural"]] = FactKind(name, spec["plural"], spec["table"], spec["description"].strip(), props)
    return out


def fact_kind(plural: str) -> FactKind:
    try:
        return fact_kinds()[plural]
    except KeyError:
        raise FactError(f"unknown fact kind {plural!r}: one of {', '.join(fact_kinds())}") from None


# --- the check -----------------------------------------------------------------------------------

def _value_error(prop: Property, value: Any, stored_only: bool) -> str | None:
    """Why `value` is not a value of `prop` (one item of a list property), or None."""
    if value is None:
        return None if prop.nullable else "is null"
    kind = prop.type
    if kind == "boolean":
        return None if isinstance(value, bool) else "is not a boolean"
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and prop.minimum is not None and value < prop.minimum:
            return f"is below {prop.minimum}"
        return None if ok else "is not an integer"
    if kind == "number":
        return None if isinstance(value, int | float) and not isinstance(value, bool) else "is not a number"
    if kind == "span":
        if not (isinstance(value, dict) and isinstance(value.get("document"), str)
                and all(isinstance(value.get(k), int) for k in ("start", "end"))):
            return "is not a span {document, start, end}"
        return None
    if kind == "object":
        return check_object(prop.properties, value, stored_only)
    if not isinstance(value, str):
        return "is not a string"
    if kind == "id" and not value:
        return "is empty"
    if kind == "enum" and prop.other and value.startswith(prop.other) and len(value) > len(prop.other):
        return None
    if kind == "enum" and value not in prop.values:
        return f"is {value!r}, not one of {', '.join(prop.values)}"
    pattern = _PATTERNS.get(kind)
    if pattern and not pattern.fullmatch(value):
        return f"is {value!r}, not a {kind}"
    if prop.pattern and not re.search(prop.pattern, value):
        return f"is {value!r}, which does not match {prop.pattern}"
    return None


def _property_error(prop: Property, value: Any, stored_only: bool) -> str | None:
    if not prop.list:
        return _value_error(prop, value, stored_only)
    if value is None:
        return None if prop.nullable else "is null"
    if not isinstance(value, list):
        return "is not a list"
    if prop.min_items is not None and len(value) < prop.min_items:
        return f"has fewer than {prop.min_items} items"
    if prop.max_items is not None and len(value) > prop.max_items:
        return f"has more than {prop.max_items} items"
    for i, item in enumerate(value):
        if (why := _value_error(prop, item, stored_only)) is not None:
            return f"[{i}] {why}"
    return None


def check_object(props: Iterable[Property], record: Any, stored_only: bool = True) -> str | None:
    """Why `record` breaks the declared properties (the stored ones only, with `stored_only`), or None."""
    if not isinstance(record, dict):
        return "is not an object"
    declared = {p.name: p for p in props if p.stored or not stored_only}
    unknown = sorted(set(record) - set(declared))
    if unknown:
        return f"has undeclared properties: {', '.join(unknown)}"
    for name, prop in declared.items():
        if name not in record:
            if not prop.optional:
                return f"lacks {name}"
            continue
        if (why := _property_error(prop, record[name], stored_only)) is not None:
            return f"{name} {why}"
    return None


def check(plural: str, record: Mapping[str, Any]) -> None:
    """Raise FactError when `record` is not a document's record of its kind (as stored)."""
    kind = fact_kind(plural)
    why = check_object(kind.properties, record)
    if why is not None:
        raise FactError(f"{kind.name} record {record.get('id', '')!s}: {why}".replace("record : ", "record: "))


# --- rows of the store -----------------------------------------------------------------------------

def pair_of(codes: Iterable[str] | None) -> str | None:
    """"GB-VN": alpha-2 codes sorted and joined (None for none)."""
    codes = sorted(set(codes or ()))
    return "-".join(codes) if codes else None


def to_row(plural: str, record: Mapping[str, Any], document_id: str) -> dict[str, Any]:
    """The row of a fact table for one checked record."""
    kind = fact_kind(plural)
    check(plural, record)
    row: dict[str, Any] = {"document_id": document_id}
    for prop in kind.stored:
        row[prop.name] = record.get(prop.name)
    if (pair := kind.pair_property) is not None:
        row["pair"] = pair_of(record.get(pair.name))
    return row


def from_row(plural: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The record a row stores: every property that is not optional, and the optional ones that
    have a value, in declaration order."""
    record: dict[str, Any] = {}
    for prop in fact_kind(plural).stored:
        value = row[prop.name]
        if value is None and prop.optional:
            continue
        record[prop.name] = value
    return record


# --- JSON Schema -------------------------------------------------------------------------------------

def _value_schema(prop: Property) -> dict[str, Any]:
    kind = prop.type
    schema: dict[str, Any]
    if kind == "span":
        return {"$ref": "#/$defs/span"}
    if kind == "object":
        schema = object_schema(prop.properties)
    elif kind == "enum" and prop.other:
        alternatives = "|".join(map(re.escape, prop.values))
        schema = {"type": "string", "pattern": f"^({alternatives}|{re.escape(prop.other)}.+)$"}
    elif kind == "enum":
        schema = {"enum": list(prop.values) + ([None] if prop.nullable else [])}
        return schema
    elif kind in ("integer", "number", "boolean"):
        schema = {"type": kind}
        if prop.minimum is not None:
            schema["minimum"] = prop.minimum
    else:
        schema = {"type": "string"}
        if kind == "id":
            schema["minLength"] = 1
        if kind in _PATTERNS:
            schema["pattern"] = f"^{_PATTERNS[kind].pattern}$"
        if prop.pattern:
            schema["pattern"] = prop.pattern
    if prop.nullable and not prop.list:
        schema["type"] = [schema["type"], "null"]
    return schema


def property_schema(prop: Property) -> dict[str, Any]:
    if prop.list:
        schema: dict[str, Any] = {"type": ["array", "null"] if prop.nullable else "array",
                                  "items": _value_schema(prop)}
        if prop.min_items is not None:
            schema["minItems"] = prop.min_items
        if prop.max_items is not None:
            schema["maxItems"] = prop.max_items
    else:
        schema = _value_schema(prop)
    if prop.description:
        schema = {"description": prop.description, **schema}
    return schema


def object_schema(props: Iterable[Property]) -> dict[str, Any]:
    props = tuple(props)
    return {"type": "object", "additionalProperties": False,
            "required": [p.name for p in props if not p.optional],
            "properties": {p.name: property_schema(p) for p in props}}


SPAN_SCHEMA = {"type": "object", "required": ["document", "start", "end"],
               "properties": {"document": {"type": "string", "minLength": 1},
                              "start": {"type": "integer", "minimum": 0},
                              "end": {"type": "integer", "minimum": 0}}}


def export_definitions() -> dict[str, Any]:
    """The export's JSON Schema definitions of the fact kinds (as the export has them: merged)."""
    defs: dict[str, Any] = {"span": SPAN_SCHEMA}
    for kind in fact_kinds().values():
        defs[kind.name] = {"description": kind.description, **object_schema(kind.properties)}
    return defs


# --- API models -----------------------------------------------------------------------------------

def _annotation(prop: Property, models: dict[str, Any]) -> Any:
    from typing import Literal

    scalar: Any
    if prop.type == "object":
        scalar = _model(f"{prop.name.title()}Item", prop.properties, models)
    elif prop.type == "span":
        scalar = _model("Span", (Property("document", "id"), Property("start", "integer", minimum=0),
                                 Property("end", "integer", minimum=0)), models)
    elif prop.type == "enum" and not prop.other:
        scalar = Literal[prop.values]  # type: ignore[valid-type]
    else:
        scalar = {"integer": int, "number": float, "boolean": bool}.get(prop.type, str)
    annotation = list[scalar] if prop.list else scalar  # type: ignore[valid-type]
    return annotation | None if prop.nullable or prop.optional else annotation


def _model(name: str, props: Iterable[Property], models: dict[str, Any]) -> Any:
    import pydantic

    if name in models:
        return models[name]
    fields: dict[str, Any] = {}
    for prop in props:
        default = None if prop.optional else ...
        fields[prop.name] = (_annotation(prop, models),
                             pydantic.Field(default, description=prop.description))
    model = pydantic.create_model(name, __config__=pydantic.ConfigDict(extra="forbid"), **fields)
    models[name] = model
    return model


@cache
def api_models() -> dict[str, Any]:
    """A pydantic model per fact kind, by plural, as the API returns the records (merged)."""
    models: dict[str, Any] = {}
    return {plural: _model(kind.name.title(), kind.properties, models) for plural, kind in fact_kinds().items()}
