"""The knowledge base in memory: entities, roles, levels and pillars, with the look-ups linking needs.

Built from the validated YAML files (loader.py); read-only once built, so worker processes can
share one copy each.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.kb.loader import load_files
from communique.model import DateValue
from communique.text.normalize import fold


def _names(value: dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(items) for lang, items in (value or {}).items()}


@dataclass(frozen=True)
class Office:
    """A role a person held: `role` id, where, and when (end None: still held)."""

    role: str
    country: str | None = None
    org: str | None = None
    label: str | None = None
    start: DateValue | None = None
    end: DateValue | None = None

    def held_on(self, day: DateValue) -> bool:
        """True when the office was held on `day` (compared at the precision both know)."""
        return (self.start is None or _before_or_same(self.start, day)) and \
            (self.end is None or _before_or_same(day, self.end))


def _before_or_same(a: DateValue, b: DateValue) -> bool:
    """a <= b at the precision both dates know."""
    ka = (a.year, a.month or 0, a.day or 0)
    kb = (b.year, b.month or 0, b.day or 0)
    n = 1 + (a.month is not None and b.month is not None) + (a.day is not None and b.day is not None)
    return ka[:n] <= kb[:n]


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    acronyms: tuple[str, ...] = ()
    short_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abbrev: dict[str, tuple[str, ...]] = field(default_factory=dict)
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country: str | None = None
    wikidata: str | None = None
    offices: tuple[Office, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str | None:
        """ISO alpha-2 of a country entity."""
        return self.id.split(":", 1)[1] if self.type == "country" else None

    def all_names(self) -> Iterator[str]:
        yield self.name
        for forms in self.names.values():
            yield from forms
        yield from self.acronyms

    def export(self) -> dict[str, Any]:
        """The entity in the export contract's shape."""
        names: dict[str, list[str]] = {lang: list(forms) for lang, forms in self.names.items()}
        for lang, forms in self.ambiguous.items():  # generic and short forms are names too
            names[lang] = list(dict.fromkeys(names.get(lang, []) + list(forms)))
        for lang in ("vi", "zh", "en"):
            names.setdefault(lang, [])
        if self.acronyms:
            names["en"] = list(dict.fromkeys(names["en"] + list(self.acronyms)))
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name, "names": names,
                               "country": self.code or self.country, "wikidata": self.wikidata}
        if self.offices:
            out["roles"] = [{"role": o.role, "country": o.country, "label": o.label,
                             "start": o.start.iso() if o.start else None,
                             "end": o.end.iso() if o.end else None} for o in self.offices]
        return out


@dataclass(frozen=True)
class Term:
    """A role, level or pillar: an id, an English name, its forms per language, keywords."""

    id: str
    name: str
    names: dict[str, tuple[str, ...]]
    category: str | None = None
    rank: int | None = None
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A level only some countries hold ("quan hệ đặc biệt": Vietnam with Laos and Cuba): a pair holds
    # it only when both countries are listed. Empty: any pair.
    parties: tuple[str, ...] = ()


def _entity(record: dict[str, Any], kind: str) -> Entity:
    offices = tuple(
        Office(role=r["role"], country=r.get("country"), org=r.get("org"), label=r.get("label"),
               start=DateValue.parse(r.get("start")), end=DateValue.parse(r.get("end")))
        for r in record.get("roles", [])
    )
    known = {"id", "type", "name", "names", "acronyms", "short_names", "ambiguous", "abbrev", "demonyms",
             "country", "wikidata", "roles"}
    return Entity(
        id=record["id"], type=record.get("type", kind), name=record["name"], names=_names(record.get("names")),
        acronyms=tuple(record.get("acronyms", ())), short_names=_names(record.get("short_names")),
        ambiguous=_names(record.get("ambiguous")), abbrev=_names(record.get("abbrev")),
        demonyms=_names(record.get("demonyms")), country=record.get("country"), wikidata=record.get("wikidata"),
        offices=offices, extra={k: v for k, v in record.items() if k not in known},
    )


def _term(record: dict[str, Any]) -> Term:
    return Term(id=record["id"].split(":", 1)[1], name=record["name"], names=_names(record.get("names")),
                category=record.get("category"), rank=record.get("rank"),
                keywords=_names(record.get("keywords")), parties=tuple(record.get("parties", ())))


class KnowledgeBase:
    """Entities by id, roles/levels/pillars by id, and indexes for the linker."""

    def __init__(self, files: Iterable[dict[str, Any]]):
        self.entities: dict[str, Entity] = {}
        self.roles: dict[str, Term] = {}
        self.levels: dict[str, Term] = {}
        self.pillars: dict[str, Term] = {}
        self.sources: dict[str, list[str]] = {}
        for f in files:
            self.sources[f["_path"]] = list(f["sources"])
            kind = f["kind"]
            table = {"role": self.roles, "level": self.levels, "pillar": self.pillars}.get(kind)
            for record in f["records"]:
                if table is not None:
                    term = _term(record)
                    table[term.id] = term
                else:
                    self.entities[record["id"]] = _entity(record, kind)
        self._short: dict[str, list[Entity]] = defaultdict(list)
        self._holders: dict[tuple[str, str | None], list[tuple[Office, Entity]]] = defaultdict(list)
        for entity in self.entities.values():
            for office in entity.offices:
                self._holders[(office.role, office.country)].append((office, entity))
            for forms in entity.short_names.values():
                for form in dict.fromkeys(fold(f) for f in forms):
                    self._short[form].append(entity)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def country(self, code: str) -> Entity | None:
        return self.entities.get(f"country:{code}")

    def of_type(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == kind]

    def holders(self, role: str, country: str | None, on: DateValue | None) -> list[Entity]:
        """People who held `role` in `country` on the date (all holders when the date is None)."""
        found = [(o, e) for o, e in self._holders.get((role, country), []) if on is None or o.held_on(on)]
        if on is None:
            # No date: the most recent holder.
            found.sort(key=lambda oe: (oe[0].start.year, oe[0].start.month or 0) if oe[0].start else (0, 0))
            found = found[-1:]
        return [e for _, e in found]

    def people_by_short_name(self, folded: str) -> list[Entity]:
        """People whose surname or given name, folded, is `folded`."""
        return list({e.id: e for e in self._short.get(folded, [])}.values())

    def countries_named(self, text: str) -> list[Entity]:
        """Countries any of whose names, short or ambiguous forms or acronyms folds to `text` folded
        ("Anh", "UK", "Việt Nam", "英国"): for options that name a country, where no context is needed."""
        key = fold(text).strip()
        out = []
        for entity in self.of_type("country"):
            forms = [*entity.all_names(), *(f for fs in entity.short_names.values() for f in fs),
                     *(f for fs in entity.ambiguous.values() for f in fs),
                     *(f for fs in entity.abbrev.values() for f in fs)]
            if any(fold(f).strip() == key for f in forms):
                out.append(entity)
        return out

    def search(self, text: str) -> list[Entity]:
        """Entities any of whose names folds to `text` folded (for the CLI and the API)."""
        key = fold(text).strip()
        return [e for e in self.entities.values() if any(fold(n) == key for n in e.all_names())]


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...], _versions: tuple[tuple[int, int], ...]) -> KnowledgeBase:
    return KnowledgeBase(load_files(extra))


def file_version(path: str | Path) -> tuple[int, int]:
    """(modification time in ns, size) of a file, (0, 0) when it cannot be read: when it changed."""
    try:
        found = Path(path).stat()
    except OSError:
        return (0, 0)  # load_files reports the missing file
    return (found.st_mtime_ns, found.st_size)


# One load at a time: threads that ask together (a server's first requests) wait for the first
# load instead of each spending seconds on its own copy.
_LOADING = threading.Lock()


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The packaged KB plus the user's files (later files extend it; the same id overrides). A
    user's file changed since it was loaded (a KB entry added by the server) is loaded again."""
    paths = tuple(str(p) for p in extra)
    versions = tuple(file_version(p) for p in paths)
    with _LOADING:
        return _load(paths, versions)
