"""The library surface: what the CLI, the HTTP server and the tests call.

Every function takes a database (a `Store` or a URL/path; None means $COMMUNIQUE_DB or
./communique.db) and returns plain data; nothing here prints. Reading functions refuse a database
that does not exist (only `ingest` creates one). Heavy modules (the pipeline, embeddings, the
register) are imported where they are used, so that a command starts at once.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.errors import CommuniqueError, NotFound, RejectedInput
from communique.ingest.limits import DEFAULT_MAX_BYTES
from communique.model import Document

if TYPE_CHECKING:
    from communique.kb.base import KnowledgeBase
    from communique.merge.duplicates import DuplicateIndex
    from communique.store import Hit, Store

ENV_KB = "COMMUNIQUE_KB"
SEARCH_MODES = ("text", "semantic", "hybrid")
# The `--kind` names of the facts command and the sections they are stored under.
FACT_SECTIONS = {"partnership": "partnerships", "event": "events", "commitment": "commitments", "target": "targets"}
ENTITY_TYPES = ("person", "country", "organization", "instrument", "mechanism", "place", "other")


def open_store(db: str | Store | None = None, create: bool = False) -> Store:
    """A `Store` for `db` (a Store passes through). Without `create`, a SQLite file that does not
    exist is an error rather than a new empty register."""
    from communique.store import Store

    return db if isinstance(db, Store) else Store(db or "", create=create)


@dataclass
class IngestReport:
    """What an ingest run did: counts by outcome, and one line per rejected input."""

    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[RejectedInput] = field(default_factory=list)
    files: int = 0
    tracked: dict[str, int] = field(default_factory=dict)  # what the register took in (track.update)

    @property
    def ok(self) -> bool:
        return not self.rejected


def kb_paths(paths: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The user's KB files: those given, then those in $COMMUNIQUE_KB (separated like PATH)."""
    extra = [str(p) for p in paths]
    extra += [p for p in os.environ.get(ENV_KB, "").split(os.pathsep) if p]
    return tuple(dict.fromkeys(extra))


def knowledge_base(kb: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base with the user's files added."""
    from communique.kb.base import load_kb

    return load_kb(kb_paths(kb))


def ingest(paths: Iterable[str | Path], db: str | Store | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1,
           on_file: Callable[[Path, list[Document | RejectedInput]], None] | None = None,
           kb: Iterable[str | Path] = (), shown_paths: dict[str, str] | None = None,
           max_seconds: float | None = None, track: bool = True, scheduler: str | None = None) -> IngestReport:
    """Read, clean and store every document under `paths`; each document stored whole or not at all.

    Outcomes counted: `new`, `version` (a changed file: new version, old one kept), `unchanged`
    (same file again), `known` (same body from another path), and rejected inputs with reasons.
    `shown_paths` renames files (e.g. a spooled standard input) in what is stored and reported;
    `max_seconds` is the time one document may take through the stages (default
    pipeline.DOCUMENT_SECONDS), a document over it rejected with the stage named. With `track`
    (the default), the register, its evidence and assessments are brought up to date at the end
    (communique.track), for the blocks the stored documents touch. `workers` > 1 runs the stages
    on a Dask LocalCluster of that many processes, `scheduler` on an existing Dask cluster
    (communique.cluster); this process stores what they return."""
    from communique import pipeline
    from communique.merge.duplicates import DuplicateIndex

    if max_bytes <= 0:
        raise CommuniqueError(f"--max-bytes {max_bytes}: give a positive number of bytes")
    if max_seconds is not None and max_seconds <= 0:
        raise CommuniqueError(f"--max-seconds {max_seconds}: give a positive number of seconds")
    seconds = pipeline.DOCUMENT_SECONDS if max_seconds is None else max_seconds
    store = open_store(db, create=True)
    report = IngestReport()
    knowledge_base(kb)  # a broken KB file stops the run here, before any document is read
    duplicates = DuplicateIndex(store.signatures())
    # A file is known by its absolute path: "a.txt" from its folder and "/x/a.txt" are one source.
    absolute = (os.path.abspath(p) for p in paths)
    runs = pipeline.run(absolute, max_bytes=max_bytes, workers=workers, kb_paths=kb_paths(kb), seconds=seconds,
                        scheduler=scheduler)
    with store.batch():  # group commit: documents share transactions, each one stored whole or not at all
        for path, items in runs:
            report.files += 1
            if shown_paths:
                items = [_renamed(item, shown_paths) for item in items]
            for item in items:
                if isinstance(item, RejectedInput):
                    report.rejected.append(item)
                    report.counts["rejected"] += 1
                    continue
                item.duplicate_of = _first_copy(store, duplicates, item)
                outcome = store.put(item)
                report.counts[outcome.status] += 1
                if outcome.status in ("new", "version"):
                    duplicates.add(item.id, item.signature)
                    report.counts["near_duplicates"] += item.duplicate_of is not None
                if outcome.status == "version" and outcome.previous:
                    _revised(store, duplicates, outcome.previous, item.id)
            if on_file:
                on_file(path, items)
    if track:
        from communique import track as tracking

        report.tracked = tracking.update(store)
    return report


def _renamed(item: Document | RejectedInput, shown: dict[str, str]) -> Document | RejectedInput:
    name = item.path
    for real, label in shown.items():
        if name == real or name.startswith(real + "#"):
            name = label + name[len(real):]
            break
    if isinstance(item, RejectedInput):
        return RejectedInput(name, item.reason)
    item.path = name
    return item


def _first_copy(store: Store, duplicates: DuplicateIndex, doc: Document) -> str | None:
    """The stored article `doc` repeats, if any. A changed file is a revision: never a near duplicate
    of its own current version, nor of that version's copies (only current versions are indexed)."""
    first = duplicates.first_copy(doc.id, doc.signature)
    if first is None:
        return None
    previous = store.current_version(doc.path)
    if previous is None:
        return first
    besides = {previous, *(copy for copy, _ in store.copies_of(previous))}
    return duplicates.first_copy(doc.id, doc.signature, besides=besides)


def _revised(store: Store, duplicates: DuplicateIndex, old: str, new: str) -> None:
    """After `new` superseded `old`: `old` leaves the index, and the copies of `old` (which the store
    pointed to `new`) are checked: each points to the first current article it still repeats, or
    to none, when the revision no longer repeats it (then its facts are its own again)."""
    duplicates.remove(old)
    for copy, values in store.copies_of(new):
        # A first copy is indexed before its copies (so copies never point to each other in a
        # circle); the revision `new` is the one exception: it is the article they copied.
        earlier = duplicates.repeated(copy, values, before=copy)
        first = earlier[0] if earlier else new if new in duplicates.repeated(copy, values) else None
        if first != new:
            store.set_duplicate_of(copy, first)



def search(query: str, db: str | Store | None = None, lang: str | None = None, limit: int = 20,
           mode: str = "text", model: str | None = None) -> list[Hit]:
    """Ranked documents for `query`: `text` (full text, see store.fulltext), `semantic` (meaning,
    across languages, with sentence embeddings), or `hybrid` (full text, meaning and the KB
    entities the query names, fused by reciprocal rank)."""
    if not query.strip():
        raise CommuniqueError("the search query is empty")
    if mode not in SEARCH_MODES:
        raise CommuniqueError(f"unknown search mode {mode!r}: choose one of {', '.join(SEARCH_MODES)}")
    _positive("limit", limit)
    store = open_store(db)
    if mode == "text":
        return store.search(query, lang=lang, limit=limit)
    from communique.merge.embeddings import embedder
    from communique.merge.semantic import concept_search, fuse, semantic_search

    by_meaning = semantic_search(store, embedder(model), query, lang=lang, limit=max(limit, 20))
    if mode == "semantic":
        return by_meaning[:limit]
    by_concept = concept_search(store, knowledge_base(), query, lang=lang, limit=max(limit, 20))
    return fuse([store.search(query, lang=lang, limit=max(limit, 20)), by_meaning, by_concept], limit)


def search_passages(query: str, db: str | Store | None = None, lang: str | None = None, limit: int = 10,
                    model: str | None = None) -> list[Hit]:
    """Paragraphs that answer `query`, in any language: meaning (embeddings) fused with the KB
    entities and numbers the query names; hit ids are "document:paragraph start"."""
    from communique.merge.embeddings import embedder
    from communique.merge.semantic import passage_search

    if not query.strip():
        raise CommuniqueError("the search query is empty")
    _positive("limit", limit)
    return passage_search(open_store(db), embedder(model), knowledge_base(), query, lang=lang, limit=limit)


def get_document(doc_id: str, db: str | Store | None = None) -> Document:
    """The stored document with this id or unique id prefix."""
    return open_store(db).get(doc_id)


# Fields of a document's stored row that are internal to the store (not shown by `show --format json`).
INTERNAL_FIELDS = ("pk", "signature", "raw", "segments")


def document_record(doc_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """The stored row of a document with its version links, source paths and facts (internal
    fields such as the MinHash signature left out)."""
    store = open_store(db)
    record = store.record(doc_id)
    for name in INTERNAL_FIELDS:
        record.pop(name, None)
    record["removed"] = [{"start": s, "end": e, "reason": k} for s, e, k in record.get("removed") or []]
    record["paragraphs"] = [{"start": s, "end": e, "kind": k, "language": lang}
                            for s, e, k, lang in record.get("paragraphs") or []]
    record["facts"] = {name: store.facts_of(record["id"], name) for name in FACT_SECTIONS.values()}
    return record


def locate(thing_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """What an id printed by another command points at, in its document: a document ("ID"), a
    passage ("ID:START", as search --passages prints), or a fact ("ID:c3" commitment, "ID:t0"
    target, "ID:talks:0" event, a register commitment id). Returns {"document": Document,
    "kind": ..., "spans": [(start, end)], "record": the fact or None}."""
    store = open_store(db)
    doc_part, _, rest = thing_id.partition(":")
    doc = store.get(doc_part)
    if not rest:
        return {"document": doc, "kind": "document", "spans": [], "record": None}
    if rest.isdigit():
        start = int(rest)
        for p in doc.paragraphs:
            if p.start <= start < p.end:
                return {"document": doc, "kind": "passage", "spans": [(p.start, p.end)], "record": None}
        raise NotFound(f"no passage at {start} in document {doc.id} (passage ids are DOCUMENT:START)")
    wanted = f"{doc.id}:{rest}"
    for section in FACT_SECTIONS.values():
        for record in store.facts_of(doc.id, section):
            if record.get("id") == wanted:
                spans = [(e["start"], e["end"]) for e in record.get("evidence") or []
                         if e.get("document") == doc.id]
                if not spans and record.get("start") is not None:
                    spans = [(record["start"], record["end"])]
                return {"document": doc, "kind": section[:-1], "spans": spans, "record": record}
    raise NotFound(f"no fact {thing_id!r} in document {doc.id} "
                          "(give an id printed by facts, events, commitments or search --passages)")


def stats(db: str | Store | None = None) -> dict[str, Any]:
    """Counts of what the register holds."""
    return open_store(db).stats()


def _schema_version(version: int) -> int:
    from communique.export.contract import SCHEMA_FILES

    if version not in SCHEMA_FILES:
        raise CommuniqueError(f"--schema-version {version}: one of {', '.join(map(str, SCHEMA_FILES))}")
    return version


def export(db: str | Store | None = None, all_versions: bool = False,
           kb: Iterable[str | Path] = (), version: int = 2) -> dict[str, Any]:
    """The register as the public export contract (`communique.export/2`, or `/1` with `version=1`)."""
    from communique.export import build_export

    return build_export(open_store(db), all_versions=all_versions, kb=knowledge_base(kb),
                        version=_schema_version(version))


def export_to(out: Any, fmt: str = "json", db: str | Store | None = None, all_versions: bool = False,
              kb: Iterable[str | Path] = (), version: int = 2) -> None:
    """Write the export to a text stream in `json`, `jsonl` or `csv`, streamed from the store."""
    from communique.export import iter_sections, schema_id, write_export

    store = open_store(db)
    version = _schema_version(version)
    sections = dict(iter_sections(store, all_versions=all_versions, kb=knowledge_base(kb), version=version))
    write_export({"schema": schema_id(version), **sections}, out, fmt)


def entities(db: str | Store | None = None, kind: str | None = None, doc_id: str | None = None,
             kb: Iterable[str | Path] = ()) -> list[dict[str, Any]]:
    """Entities mentioned in the register (or in one document), with their mention counts, most first."""
    if kind is not None and kind not in ENTITY_TYPES:
        raise CommuniqueError(f"unknown entity type {kind!r}: choose one of {', '.join(ENTITY_TYPES)}")
    store = open_store(db)
    base = knowledge_base(kb)
    found = store.found_entities()
    if doc_id:
        counts = Counter(m["entity_id"] for m in store.mentions(document_id=store.get(doc_id).id))
    else:
        counts = Counter(store.mention_counts())
    out = []
    for entity_id, n in counts.most_common():
        known = base.get(entity_id)
        record = known.export() if known else found.get(entity_id)
        if record and (kind is None or record["type"] == kind):
            out.append(record | {"mentions": n})
    return out


def entity(entity_id: str, db: str | Store | None = None, kb: Iterable[str | Path] = ()) -> dict[str, Any]:
    """One entity (KB or found) with its names, roles and where it is mentioned."""
    store = open_store(db)
    base = knowledge_base(kb)
    known = base.get(entity_id)
    record = known.export() if known else store.found_entities().get(entity_id)
    if record is None:
        matches = base.search(entity_id)
        if len(matches) == 1:
            record = matches[0].export()
    if record is None:
        raise NotFound(f"no entity {entity_id!r} (give an id such as country:VN, or an exact name)")
    record = dict(record)
    record["mentioned_in"] = [
        {"document": m["document_id"], "start": m["start"], "end": m["end"], "text": m["text"], "how": m["how"]}
        for m in store.mentions(entity_id=record["id"])]
    return record


def names(ids: Iterable[str], db: str | Store | None = None, kb: Iterable[str | Path] = ()) -> dict[str, str]:
    """Entity id -> its name (KB entities and entities found in documents); unknown ids are left out."""
    wanted = set(ids)
    base = knowledge_base(kb)
    out = {i: base.get(i).name for i in wanted if base.get(i) is not None}  # type: ignore[union-attr]
    if wanted - set(out):
        found = open_store(db).found_entities()
        out.update({i: found[i]["name"] for i in wanted - set(out) if i in found})
    return out


def level_names(kb: Iterable[str | Path] = ()) -> dict[str, str]:
    """Partnership level id -> its English name."""
    return {level.id: level.name for level in knowledge_base(kb).levels.values()}


def relink(db: str | Store | None = None, kb: Iterable[str | Path] = ()) -> dict[str, int]:
    """Link every stored document again with the current KB; returns counts of documents and mentions."""
    from communique import progress
    from communique.extract.stage import extract
    from communique.link import link

    store = open_store(db)
    base = knowledge_base(kb)
    documents = found = 0
    with progress.task("relinking", store.stats()["documents"]) as bar:
        for doc in store.iter_documents():
            link(doc, base)
            extract(doc, base)
            store.replace_mentions(doc)
            store.replace_facts(doc)
            documents += 1
            found += len(doc.mentions)
            bar.advance()
    # The facts changed: the register is aligned again (ids are content-derived: the same ones
    # where the facts are the same), then evidence and assessments follow.
    from communique import track as tracking
    from communique.store.schema import tracked_documents

    with store.writing() as conn:
        conn.execute(tracked_documents.delete())
    tracking.update(store)
    return {"documents": documents, "mentions": found}


# -- options that name things: countries, dates, pillars, languages ------------------------------

_PAIR_SEPARATORS = re.compile(r"(?<!\s)\s*[-–—/,+&]\s*")  # spaces before a separator: tried where they start
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def country_code(name: str, kb: KnowledgeBase | None = None) -> str | None:
    """The ISO alpha-2 code of a country given by code ("GB", "gb") or by any of its names in the KB
    ("UK", "Anh", "Việt Nam", "英国"); None when nothing, or more than one country, answers."""
    base = kb or knowledge_base()
    text = name.strip()
    if re.fullmatch(r"[A-Za-z]{2}", text) and base.country(text.upper()) is not None:
        return text.upper()
    found = {e.code for e in base.countries_named(text)}
    return found.pop() if len(found) == 1 else None


def parse_pair(text: str, kb: KnowledgeBase | None = None) -> tuple[str, str]:
    """Two countries, sorted, from "GB-VN", "UK-VN", "Anh-Việt Nam", "英国-越南" (names may hold a
    hyphen: "Timor-Leste-VN" is read at the split where both sides are countries)."""
    base = kb or knowledge_base()
    cuts = list(_PAIR_SEPARATORS.finditer(text.strip()))
    if not cuts:
        raise CommuniqueError(f"--pair {text!r}: give two countries joined by '-', e.g. GB-VN or Anh-Việt Nam")
    unknown = ""
    for cut in cuts:
        left, right = text.strip()[:cut.start()], text.strip()[cut.end():]
        a, b = country_code(left, base), country_code(right, base)
        if a and b:
            if a == b:
                raise CommuniqueError(f"--pair {text!r}: both sides name {a}; give two different countries")
            return tuple(sorted((a, b)))  # type: ignore[return-value]
        unknown = unknown or (left if not a else right)
    raise CommuniqueError(f"--pair {text!r}: {unknown.strip()!r} is not a country the knowledge base knows "
                          "(give ISO codes or names, e.g. GB-VN, UK-VN, Anh-Việt Nam, 英国-越南)")


def parse_date(text: str, option: str = "date") -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD, checked (a month 1-12, a real day)."""
    from communique.model import period

    if _DATE.match(text.strip()) and period(text.strip()) is not None:
        return text.strip()
    raise CommuniqueError(f"--{option} {text!r}: not a date (give YYYY, YYYY-MM or YYYY-MM-DD)")


def parse_pillar(text: str, kb: KnowledgeBase | None = None) -> str:
    """A pillar id ("economy_trade") from its id or any of its names in the KB."""
    from communique.text.normalize import fold

    base = kb or knowledge_base()
    key = fold(text).strip().replace(" ", "_")
    for pillar in base.pillars.values():
        forms = [pillar.id, pillar.name, *(n for ns in pillar.names.values() for n in ns)]
        if any(fold(f).strip().replace(" ", "_") == key for f in forms):
            return pillar.id
    raise CommuniqueError(f"--pillar {text!r}: not a pillar; choose one of {', '.join(base.pillars)}")


def check_language(code: str) -> str:
    """A language code the product assigns (ISO 639-1), else an error naming the known ones."""
    from communique.model import LANGUAGES

    if code.lower() not in LANGUAGES:
        raise CommuniqueError(f"--lang {code!r}: not a language code Communiqué assigns; "
                              f"choose one of {', '.join(LANGUAGES)}")
    return code.lower()


def _positive(name: str, value: int) -> None:
    if value <= 0:
        raise CommuniqueError(f"--{name} {value}: give a positive number")


def _in_window(value: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    """True when the fact's dates (each as precise as known: "2025" is the whole year), from `value`
    to `end`, overlap [since, until]; undated facts never do."""
    from communique.model import period

    if since is None and until is None:
        return True
    first = period(value)
    if first is None:
        return False
    last = period(end) or first
    return (since is None or last.last >= period(since).first) and \
        (until is None or first.first <= period(until).last)  # type: ignore[union-attr]


def _pair_of(record: dict[str, Any]) -> list[str] | None:
    countries = record.get("parties") or record.get("countries")
    return sorted(countries) if countries else None


def facts(db: str | Store | None = None, kind: str | None = None, pair: str | tuple[str, str] | None = None,
          doc_id: str | None = None, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Facts of the register, each with its document id and the sentence it came from (`evidence_text`).

    `kind` is partnership|event|commitment|target (all when None); `pair` ("GB-VN", or any names
    `parse_pair` reads) keeps the facts whose parties or countries are those two countries (targets
    follow the commitment or document they belong to); `doc_id` one document; `since`/`until` keep
    dated facts whose date overlaps the window."""
    if kind is not None and kind not in FACT_SECTIONS:
        raise CommuniqueError(f"unknown fact kind {kind!r}: choose one of {', '.join(FACT_SECTIONS)}")
    since = parse_date(since, "since") if since is not None else None
    until = parse_date(until, "until") if until is not None else None
    store = open_store(db)
    wanted = list(parse_pair(pair) if isinstance(pair, str) else pair) if pair is not None else None
    only = store.get(doc_id).id if doc_id is not None else None
    bodies: dict[str, str] = {}
    pair_documents: set[str] = set()
    out = []
    for name in ([FACT_SECTIONS[kind]] if kind else list(FACT_SECTIONS.values())):
        for record in store.iter_facts(name):
            evidence = record.get("evidence") or [{"document": record.get("document"), "start": record.get("start"),
                                                   "end": record.get("end")}]
            first = evidence[0]
            document = record.get("document") or first.get("document")
            if only and document != only:
                continue
            if wanted and name != "targets":
                if _pair_of(record) != wanted:
                    continue
                pair_documents.add(document)
            if wanted and name == "targets" and kind is None and document not in pair_documents:
                continue  # with all kinds listed, a target follows the pair's documents
            if not _in_window(record.get("date") or (str(record["year"]) if record.get("year") else None),
                              record.get("end_date"), since, until):
                continue
            if first.get("document") not in bodies:
                bodies[first["document"]] = store.get(first["document"]).body
            body = bodies[first["document"]]
            out.append({"kind": name[:-1], **record, "document": document,
                        "evidence_text": body[first["start"]:first["end"]]})
    return out


def events(db: str | Store | None = None, pair: str | tuple[str, str] | None = None,
           since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Events across documents (reports of one event grouped), each with the paths of its reports."""
    from communique.track.register import grouped_events

    since = parse_date(since, "since") if since is not None else None
    until = parse_date(until, "until") if until is not None else None
    store = open_store(db)
    wanted = list(parse_pair(pair) if isinstance(pair, str) else pair) if pair is not None else None
    found = [e for e in grouped_events(store)
             if (wanted is None or sorted(e.get("countries") or []) == wanted)
             and _in_window(e.get("date"), e.get("end_date"), since, until)]
    paths = store.paths_of(d for event in found for d in event["documents"])
    for event in found:
        event["report_ids"] = event.get("reports") or [event["id"]]  # the fact ids of its reports
        event["reports"] = [{"document": d, "path": paths[d]} for d in event["documents"]]
    return sorted(found, key=lambda e: (e.get("date") or "", e["type"]))


def partnerships(db: str | Store | None = None, country: str | None = None,
                 pair: str | tuple[str, str] | None = None,
                 kb: Iterable[str | Path] = ()) -> list[dict[str, Any]]:
    """The partnership levels the documents state, one row per pair and level: since when (the
    earliest date the level is stated as set up, else mentioned), how (upgrade or mentioned), and the
    documents that say so; the highest level of each pair first, pairs by name."""
    base = knowledge_base(kb)
    code = None
    if country is not None:
        code = country_code(country, base)
        if code is None:
            raise CommuniqueError(f"--country {country!r}: not a country the knowledge base knows")
    wanted = list(parse_pair(pair, base) if isinstance(pair, str) else pair) if pair is not None else None
    store = open_store(db)
    from communique.export.contract import dated_partnerships
    from communique.text.normalize import fold

    named_levels = {fold(name): term for term in base.levels.values()
                    for names in term.names.values() for name in names}
    rows: dict[tuple[tuple[str, ...], str], dict[str, Any]] = {}
    for record in dated_partnerships(store):
        parties = tuple(sorted(record.get("parties") or ()))
        if len(parties) != 2 or (code and code not in parties) or (wanted and list(parties) != wanted):
            continue
        level = record["level"]
        # A level outside the core is exported as written ("other:战略合作伙伴关系"); the table names
        # the KB's level it is, once, in English, whichever language stated it.
        term = base.levels.get(level) or named_levels.get(fold(level.removeprefix("other:")))
        row = rows.setdefault((parties, term.id if term else level), {
            "pair": "-".join(parties), "parties": list(parties), "level": level,
            "level_name": term.name if term else level.removeprefix("other:"),
            "rank": term.rank if term else None,
            "since": None, "change": "mentioned", "documents": []})
        document = (record.get("evidence") or [{}])[0].get("document")
        if document and document not in row["documents"]:
            row["documents"].append(document)
        upgrade = record.get("change") == "upgrade"
        date = record.get("date")
        if upgrade and row["change"] != "upgrade":
            row["change"], row["since"] = "upgrade", date
        elif date and (upgrade or row["change"] != "upgrade") and (row["since"] is None or date < row["since"]):
            row["since"] = date
    country_names = {c: (base.country(c).name if base.country(c) else c) for p, _ in rows for c in p}
    for (parties, _), row in rows.items():
        row["countries"] = " – ".join(country_names[c] for c in parties)
    return sorted(rows.values(), key=lambda r: (r["countries"], -(r["rank"] or 0), r["level"]))


def commitments(db: str | Store | None = None, pair: str | tuple[str, str] | None = None, aligned: bool = False,
                pillar: str | None = None, has_target: bool = False) -> list[dict[str, Any]]:
    """The register of commitments: each statement clause or news sentence once, with its variants
    in every document and language (merge.align). `aligned` keeps those with more than one variant,
    `pillar` those of one pillar, `has_target` those with a target."""
    from communique.merge.register import commitment_register
    from communique.track.register import grouped_events

    pillar = parse_pillar(pillar) if pillar is not None else None
    store = open_store(db)
    wanted = list(parse_pair(pair) if isinstance(pair, str) else pair) if pair is not None else None
    found = commitment_register(store, grouped_events(store))
    kept = [c for c in found if (wanted is None or sorted(c.get("parties") or ()) == wanted)
            and (not aligned or len(c["variants"]) > 1) and (pillar is None or c.get("pillar") == pillar)
            and (not has_target or c.get("targets"))]
    if any(c.get("targets") for c in kept):
        texts = {t["id"]: t["text"] for t in store.iter_facts("targets") if t.get("id")}
        for c in kept:
            c["target_texts"] = [texts.get(t, t) for t in c.get("targets") or ()]
    return kept


def commitment(commitment_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """One register commitment, by its id or the id of any record it holds, with the path of each
    variant's document."""
    from communique.merge.register import commitment_register
    from communique.track.register import grouped_events

    store = open_store(db)
    document = commitment_id.split(":", 1)[0]  # record ids are "<document>:c<n>"
    for entry in commitment_register(store, grouped_events(store), only=document):
        if commitment_id == entry["id"] or commitment_id in entry["records"]:
            paths = store.paths_of(entry["documents"])
            entry["variants"] = [v | {"path": paths.get(v["document"])} for v in entry["variants"]]
            return entry
    raise NotFound(f"no commitment {commitment_id!r} (ids are listed by `communique commitments`)")


# -- diff of two versions of a changed file ----------------------------------------------------

# How the facts of two versions are matched, per kind: identity keys tried in turn (a fact left
# unmatched by one key may match by the next); what is left over was added or dropped.
_DIFF_IDENTITY: dict[str, tuple[Callable[[dict[str, Any]], Any], ...]] = {
    "partnerships": (lambda f: (tuple(sorted(f.get("parties") or ())), f.get("level")),),
    "events": (lambda f: (f.get("type"), tuple(sorted(f.get("countries") or ())),
                          tuple(sorted(f.get("participants") or ()))),),
    "commitments": (lambda f: ("clause", f["clause"]) if f.get("clause") else None,
                    lambda f: ("text", " ".join((f.get("text") or "").split())),
                    lambda f: ("similar", f.get("pillar"), f.get("modality"))),
    "targets": (lambda f: ("text", f.get("text")), lambda f: ("value", f.get("value"), f.get("unit")),
                lambda f: ("similar", f.get("kind"), f.get("unit"), f.get("year"))),
}
# Fields that name a document or an offset: they differ between any two versions.
_DIFF_IGNORED = frozenset({"id", "document", "documents", "evidence", "variants", "start", "end", "commitment",
                           "targets", "reports"})
# A fact matched by a "similar" key (a commitment by its pillar and modality, a target by its unit
# and year) is the same one when its text is this similar (difflib's ratio).
_DIFF_SAME_TEXT = 0.8


def _fact_fields(fact: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fact.items() if k not in _DIFF_IGNORED}


def _pair_facts(before: list[dict[str, Any]], after: list[dict[str, Any]], kind: str
                ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(matched pairs, dropped, added): by each identity key in turn; within one identity, equal
    facts first, then in document order."""
    from difflib import SequenceMatcher

    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    left, right = list(before), list(after)
    for identity in _DIFF_IDENTITY[kind]:
        for same_first in (True, False):
            for old in list(left):
                key = identity(old)
                if key is None:
                    continue
                for new in right:
                    if identity(new) != key or (same_first and _fact_fields(old) != _fact_fields(new)):
                        continue
                    if key[0] == "similar" and SequenceMatcher(None, old.get("text") or "", new.get("text") or "",
                                                             autojunk=False).ratio() < _DIFF_SAME_TEXT:
                        continue
                    pairs.append((old, new))
                    left.remove(old)
                    right.remove(new)
                    break
    return pairs, left, right


def diff(doc_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """What a version of a changed file changed in its facts, against the version before it: facts
    `added`, `dropped`, and `changed` (the same fact, matched by kind and identity, with other
    values: `fields` maps each to [before, after]), each with its sentence (`before_text`,
    `after_text`). `doc_id` is the id (or a unique prefix) of any version; that version is compared."""
    store = open_store(db)
    record = store.record(doc_id)
    if not record.get("supersedes"):
        later = f"; its newer version is {record['superseded_by']}" if record.get("superseded_by") else ""
        raise CommuniqueError(f"document {record['id']} ({record['path']}) has no earlier version to compare "
                              f"with: it is version {record['version']}{later}")
    previous = store.record(record["supersedes"])
    bodies = {record["id"]: record["body"], previous["id"]: previous["body"]}

    def sentence(fact: dict[str, Any], document: str) -> str:
        where = (fact.get("evidence") or [fact])[0]
        return " ".join(bodies[document][where.get("start") or 0:where.get("end") or 0].split())

    out: dict[str, Any] = {"document": record["id"], "path": record["path"], "version": record["version"],
                           "previous": previous["id"], "previous_version": previous["version"],
                           "added": [], "dropped": [], "changed": [], "unchanged": 0}
    for kind, name in ((k, n) for n, k in FACT_SECTIONS.items()):
        pairs, dropped, added = _pair_facts(store.facts_of(previous["id"], kind), store.facts_of(record["id"], kind),
                                            kind)
        for old, new in pairs:
            before, after = _fact_fields(old), _fact_fields(new)
            fields = {k: [before.get(k), after.get(k)] for k in dict.fromkeys([*before, *after])
                      if before.get(k) != after.get(k)}
            if not fields:
                out["unchanged"] += 1
                continue
            out["changed"].append({"kind": name, "fields": fields, "before": old, "after": new,
                                   "before_text": sentence(old, previous["id"]),
                                   "after_text": sentence(new, record["id"])})
        out["dropped"] += [{"kind": name, "fact": f, "text": sentence(f, previous["id"])} for f in dropped]
        out["added"] += [{"kind": name, "fact": f, "text": sentence(f, record["id"])} for f in added]
    return out


# -- tracking implementation: the stored register (communique.track) ------------------------------

ENV_USER = "COMMUNIQUE_USER"


def analyst(author: str | None = None) -> str:
    """Who an analyst's decision is recorded under: `author`, else $COMMUNIQUE_USER, else $USER."""
    name = author or os.environ.get(ENV_USER) or os.environ.get("USER") or ""
    if not name.strip():
        raise CommuniqueError("--author: give your user name (or set $COMMUNIQUE_USER)")
    return name.strip()


def _pair_key(pair: str | tuple[str, str] | None) -> str | None:
    if pair is None:
        return None
    return "-".join(parse_pair(pair) if isinstance(pair, str) else sorted(pair))


def _register_id(store: Store, register_id: str) -> str:
    from communique.track.register import resolve

    found = resolve(store, register_id)
    if found is None:
        raise NotFound(f"no register commitment {register_id!r} (`communique status` lists them)")
    return found


def status(db: str | Store | None = None, pair: str | tuple[str, str] | None = None, pillar: str | None = None,
           implementation: str | None = None, language: str | None = None, since: str | None = None,
           until: str | None = None, has_target: bool = False) -> list[dict[str, Any]]:
    """Register commitments with their current status (the latest assessment); `language` of the
    first variant, stated `since`/`until` (dates as YYYY[-MM[-DD]]), `has_target` with a target."""
    from communique.track.status import implementation_values
    from communique.track.views import status_rows

    if implementation is not None and implementation not in implementation_values():
        raise CommuniqueError(f"--implementation: {implementation!r} is not one of "
                              f"{', '.join(implementation_values())}")
    pillar = parse_pillar(pillar) if pillar is not None else None
    language = check_language(language) if language is not None else None
    since = parse_date(since, "since") if since is not None else None
    until = parse_date(until, "until") if until is not None else None
    rows = status_rows(open_store(db), _pair_key(pair), pillar, implementation)
    return [r for r in rows if (language is None or r["language"] == language)
            and (not has_target or r["targets"])
            and (since is None and until is None or _in_window(r["stated"], None, since, until))]


def register_commitment(register_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """One register commitment (by its id, an old id or a record id) with variants, assessments and evidence."""
    from communique.track.views import commitment_detail

    store = open_store(db)
    found = commitment_detail(store, _register_id(store, register_id))
    assert found is not None
    return found


def evidence_list(db: str | Store | None = None, register_id: str | None = None,
                  state: str | None = None) -> list[dict[str, Any]]:
    """Evidence links, by commitment and state (proposed|confirmed|rejected)."""
    from communique.track.views import EVIDENCE_STATES, evidence_rows

    if state is not None and state not in EVIDENCE_STATES:
        raise CommuniqueError(f"--state: {state!r} is not one of {', '.join(EVIDENCE_STATES)}")
    store = open_store(db)
    return evidence_rows(store, _register_id(store, register_id) if register_id else None, state)


def decide_evidence(evidence_id: str, state: str, db: str | Store | None = None, author: str | None = None,
                    note: str | None = None) -> dict[str, Any]:
    """Confirm or reject a proposed evidence link (track.status.decide)."""
    from communique.track.status import decide

    return decide(open_store(db), evidence_id, state, analyst(author), note)


def assess(register_id: str, implementation: str, db: str | Store | None = None, author: str | None = None,
           note: str | None = None, schedule: str | None = None, disputed: bool = False) -> dict[str, Any]:
    """An analyst's assessment of a register commitment, appended to its history."""
    from communique.track import status as tracking_status

    if implementation not in tracking_status.implementation_values():
        raise CommuniqueError(f"--implementation: {implementation!r} is not one of "
                              f"{', '.join(tracking_status.implementation_values())}")
    store = open_store(db)
    return tracking_status.assess(store, _register_id(store, register_id), implementation, analyst(author), note,
                                  schedule, disputed)


def scorecard(pair: str | tuple[str, str], db: str | Store | None = None) -> dict[str, Any]:
    """The partnership's scorecard: per pillar and overall (track.views.scorecard)."""
    from communique.track.views import scorecard as card

    key = _pair_key(pair)
    assert key is not None
    return card(open_store(db), key)


def timeline(db: str | Store | None = None, pair: str | tuple[str, str] | None = None, country: str | None = None,
             kb: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The partnership timeline of one pair, or of every pair (of one country), with the network of
    highest levels (track.timeline)."""
    from communique.track.timeline import timeline as build

    base = knowledge_base(kb)
    code = None
    if country is not None:
        code = country_code(country, base)
        if code is None:
            raise CommuniqueError(f"--country {country!r}: not a country the knowledge base knows")
    return build(open_store(db), base, pair=_pair_key(pair), country=code)


def targets(db: str | Store | None = None, pair: str | tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """The register's targets with deadlines, days left, the latest figure and its source
    (track.views.target_rows)."""
    from communique.track.views import target_rows

    return target_rows(open_store(db), _pair_key(pair))


def track(db: str | Store | None = None) -> dict[str, int]:
    """Bring the register up to date with every stored document (what `ingest` does for its own),
    and assess every commitment again (schedules move with the calendar; appended only on change)."""
    from communique import track as tracking

    return tracking.update(open_store(db), everything=True)


def mechanisms(db: str | Store | None = None, pair: str | tuple[str, str] | None = None,
               as_of: str | None = None) -> list[dict[str, Any]]:
    """Mechanisms with a recurrence, their meetings and gaps up to `as_of` (default today)."""
    from communique.model import period
    from communique.track.mechanisms import calendars

    day = period(parse_date(as_of, "as-of")) if as_of else None
    today = day.last if day else None  # "2026" counts to the end of 2026
    return calendars(open_store(db), _pair_key(pair), today)


def documents(db: str | Store | None = None, language: str | None = None, since: str | None = None,
              until: str | None = None, all_versions: bool = False) -> list[dict[str, Any]]:
    """Stored documents without their text, newest publication first."""
    language = check_language(language) if language is not None else None
    since = parse_date(since, "since") if since is not None else None
    until = parse_date(until, "until") if until is not None else None
    return open_store(db).document_rows(language, since, until, current_only=not all_versions)


def evidence_link(evidence_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """One evidence link with its log."""
    from communique.track.views import evidence_link as link

    found = link(open_store(db), evidence_id)
    if found is None:
        raise NotFound(f"no evidence link {evidence_id!r} (`communique evidence list` shows them)")
    return found


def assessment(assessment_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """One assessment, by its id."""
    from communique.track.views import assessment as one

    found = one(open_store(db), assessment_id)
    if found is None:
        raise NotFound(f"no assessment {assessment_id!r}")
    return found


def event(event_id: str, db: str | Store | None = None) -> dict[str, Any]:
    """One event (its reports grouped) by its id or the id of one of its reports, with `parts`: the
    events that are part of it."""
    every = events(db)
    for found in every:
        if event_id == found["id"] or event_id in found["report_ids"]:
            ids = (found["id"], *found["report_ids"])
            return found | {"parts": [e for e in every if e.get("part_of") in ids]}
    raise NotFound(f"no event {event_id!r} (`communique events` lists them)")


def changes(db: str | Store | None = None, pair: str | tuple[str, str] | None = None,
            register_id: str | None = None, days: int | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """What moved in the register (assessments, evidence proposed and decided), newest first; of one
    pair or one commitment; in the last `days` days."""
    from datetime import UTC, datetime, timedelta

    from communique.track.views import changes as moved

    _positive("limit", limit)
    if days is not None:
        _positive("days", days)
    store = open_store(db)
    since = datetime.now(UTC) - timedelta(days=days) if days else None
    return moved(store, _pair_key(pair), _register_id(store, register_id) if register_id else None, since, limit)
