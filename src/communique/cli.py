"""The `communique` command: parse arguments, call `api`, print. No logic of its own.

Imports stay light at the top (click and the api surface): each command loads what it needs, so
that `communique --version` or `stats` answers at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import sqlalchemy.exc

from communique import api
from communique.errors import CommuniqueError, RejectedInput
from communique.ingest.limits import DEFAULT_MAX_BYTES
from communique.output import LISTING_FORMATS, Column, cell, emit, fact_what

EXIT_ERROR = 2  # the command could not do what was asked (a bad option value, no register...)
EXIT_REJECTED = 3  # ingest: some inputs were rejected, the rest stored
EXIT_INTERNAL = 1  # a bug in Communiqué
ENV_DEBUG = "COMMUNIQUE_DEBUG"
# The most results a listing asks for (a larger --limit is an error, not an overflow).
MAX_LIMIT = 100_000
# Below this many files, worker processes cost more to start than they save.
PARALLEL_MIN_FILES = 40
EXPORT_FORMATS = ("json", "jsonl", "csv")  # export.writers.FORMATS, without loading the export at start-up
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

def _not_empty(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option given an empty value is an error, not the same as leaving it out."""
    if isinstance(value, str) and not value.strip():
        raise click.BadParameter("is empty", ctx=ctx, param=param)
    return value


db_option = click.option(
    "--db", "db", default=None, metavar="URL", callback=_not_empty,
    help="Database URL (sqlite:///file.db, postgresql://...) or path; default $COMMUNIQUE_DB, else ./communique.db.",
)
kb_option = click.option(
    "--kb", "kb", multiple=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE",
    help="A knowledge-base file of your own (repeatable; also $COMMUNIQUE_KB).",
)
pair_option = click.option("--pair", default=None, metavar="A-B", callback=_not_empty,
                           help="Two countries by code or name: GB-VN, UK-VN, Anh-Việt Nam, 英国-越南.")
since_option = click.option("--since", default=None, metavar="DATE", callback=_not_empty,
                            help="Dated on or after (YYYY[-MM[-DD]]).")
until_option = click.option("--until", default=None, metavar="DATE", callback=_not_empty,
                            help="Dated on or before (YYYY[-MM[-DD]]).")


def format_option(choices: tuple[str, ...] = LISTING_FORMATS, default: str = "text") -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True)


def progress_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--verbose", "-v", is_flag=True, help="More detail (ingest: a line per file).")(command)
    return click.option("--quiet", "-q", is_flag=True, help="No progress display.")(command)


@contextmanager
def showing_progress(quiet: bool) -> Iterator[None]:
    """A bar with rate and time left on a terminal, a line every few seconds when piped, or nothing."""
    from communique import progress

    if quiet:
        reporter: Any = progress.SilentReporter()
    elif sys.stderr.isatty():
        reporter = progress.RichReporter()
    else:
        reporter = progress.LineReporter()
    with progress.reporting(reporter):
        yield


class Group(click.Group):
    """Errors as one line on stderr: the library's (exit 2), a wrong option or argument (exit 2),
    never a traceback for those."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:
            command = f" {error.ctx.command_path}" if getattr(error, "ctx", None) and error.ctx else ""
            hint = f" (see `{command.strip()} --help`)" if isinstance(error, click.UsageError) else ""
            click.echo(f"error: {_plain(error.format_message())}{hint}", err=True)
            sys.exit(EXIT_ERROR if isinstance(error, click.UsageError) else error.exit_code)
        except CommuniqueError as error:
            click.echo(f"error: {_plain(str(error))}", err=True)
            sys.exit(EXIT_ERROR)
        except (click.Abort, KeyboardInterrupt):
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `communique facts | head`
            sys.stderr.close()
            sys.exit(0)
        except sqlalchemy.exc.OperationalError as error:  # the server went away, the disk is full...
            click.echo(f"error: the database failed: {_plain(str(error.orig).strip().splitlines()[0])}; "
                       "what was committed is kept, and running the command again completes the work", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as error:  # a bug: one line; the traceback with COMMUNIQUE_DEBUG=1
            if os.environ.get(ENV_DEBUG):
                raise
            click.echo(f"error: internal error ({type(error).__name__}: {_plain(str(error))}); "
                       f"please report it (set {ENV_DEBUG}=1 for the traceback)", err=True)
            sys.exit(EXIT_INTERNAL)
        sys.exit(0)


def _shown_path(path: str) -> str:
    """A file name as one safe line: quoted, with escapes, when it holds a newline, a control
    character or surrounding blanks (a name can be anything a file system allows)."""
    if path.isprintable() and path == path.strip():
        return path
    import json

    return json.dumps(path, ensure_ascii=False)


def _plain(message: str) -> str:
    """One line, without control characters (a name read from a file never drives the terminal)."""
    return cell(message)


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(package_name="communique")
def cli() -> None:
    """Communiqué: a register of diplomatic partnerships, events and commitments.

    Shell completion: eval "$(_COMMUNIQUE_COMPLETE=bash_source communique)" (zsh_source, fish_source)."""


# -- ingest ----------------------------------------------------------------------------------------

@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@db_option
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(min=1, max=2**40),
              help="Reject files larger than this.")
@click.option("--max-seconds", default=None, type=click.FloatRange(min=0, min_open=True),
              help="Refuse a document that takes longer than this through the stages (default 120).")
@click.option("--workers", default=0, type=click.IntRange(min=0),
              help="Worker processes of a Dask LocalCluster (1: this process alone; 0: one per core for "
                   "large batches).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run the stages on an existing Dask cluster (instead of --workers).")
@kb_option
@progress_options
def ingest(paths: tuple[Path, ...], db: str | None, max_bytes: int, max_seconds: float | None, workers: int,
           scheduler: str | None, kb: tuple[str, ...], quiet: bool, verbose: bool) -> None:
    """Read, clean and store the documents under PATHS (files or folders, walked recursively).

    PATHS "-" reads standard input: a list of paths, one per line, or a JSON Lines stream of
    articles (lines starting with "{")."""
    from communique.ingest import iter_paths

    shown: dict[str, str] = {}
    given: list[Path] = []
    with _spooled_stdin(paths) as spooled:
        for path in paths:
            if str(path) == "-":
                kind, items = spooled
                if kind == "jsonl":
                    given.append(Path(items[0]))
                    shown[items[0]] = items[1]
                else:
                    given.extend(Path(p) for p in items)
            else:
                given.append(path)
        files = list(iter_paths(given))
        if scheduler is not None and workers > 0:
            raise CommuniqueError("--workers and --scheduler: give one (--scheduler uses that cluster's workers)")
        if workers <= 0:
            workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_MIN_FILES and scheduler is None else 1
        with showing_progress(quiet):
            report = _ingest(files, db, max_bytes, max_seconds, workers, kb, shown, verbose, scheduler)
    c = report.counts
    click.echo(
        f"{report.files} file{'s' if report.files != 1 else ''}: {c['new']} new, {c['version']} new versions, "
        f"{c['unchanged']} unchanged, "
        f"{c['known']} already stored from another path, {c['rejected']} rejected"
        + (f" ({c['near_duplicates']} near duplicates of stored articles)" if c["near_duplicates"] else "")
    )
    if not report.ok:
        sys.exit(EXIT_REJECTED)


def _ingest(files: list[Path], db: str | None, max_bytes: int, max_seconds: float | None, workers: int,
            kb: tuple[str, ...], shown: dict[str, str], verbose: bool,
            scheduler: str | None = None) -> api.IngestReport:
    from communique import progress

    with progress.task("ingesting", len(files)) as bar:
        def on_file(path: Path, items: list[Any]) -> None:
            for item in items:
                if isinstance(item, RejectedInput):
                    click.echo(f"rejected: {_shown_path(item.path)}: {_plain(item.reason)}", err=True)
                    continue
                for kind, cap in item.capped.items():
                    click.echo(f"note: {_shown_path(item.path)}: {cap['found']:,} {kind} found, the first "
                               f"{cap['kept']:,} kept (limit per document)", err=True)
                if verbose:
                    facts = sum(len(v) for k, v in item.facts.items() if k != "found_entities")
                    click.echo(f"read: {_shown_path(item.path)}: {item.id} ({item.language or '?'}, {facts} facts)",
                               err=True)
            bar.advance()

        return api.ingest(files, db=db, max_bytes=max_bytes, workers=workers, on_file=on_file, kb=kb,
                          shown_paths=shown, max_seconds=max_seconds, scheduler=scheduler)


@contextmanager
def _spooled_stdin(paths: tuple[Path, ...]) -> Iterator[tuple[str, list[str]]]:
    """Standard input, when a path is "-": ("paths", [path, ...]) for a list of paths, or
    ("jsonl", [spool file, shown name]) for a JSON Lines stream (kept in a temporary file)."""
    import tempfile
    from datetime import UTC, datetime

    if not any(str(p) == "-" for p in paths):
        yield ("paths", [])
        return
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    if data.lstrip()[:1] != b"{":
        lines = data.decode("utf-8", errors="replace").splitlines()
        yield ("paths", [line.strip() for line in lines if line.strip()])
        return
    with tempfile.TemporaryDirectory(prefix="communique-stdin-") as folder:
        spool = os.path.join(folder, "stdin.jsonl")
        with open(spool, "wb") as handle:
            handle.write(data)
        yield ("jsonl", [spool, f"stdin-{datetime.now(UTC):%Y%m%dT%H%M%S}"])


# -- search and reading ----------------------------------------------------------------------------

@cli.command(context_settings=CONTEXT)
@click.argument("query")
@db_option
@click.option("--lang", default=None, callback=_not_empty,
              help="Only documents in this language (ISO 639-1: en, vi, zh...).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1, max=MAX_LIMIT))
@format_option()
@click.option("--mode", type=click.Choice(list(api.SEARCH_MODES)), default="text", show_default=True,
              help="text: every term must occur; semantic: by meaning, in any language; hybrid: both.")
@click.option("--passages", is_flag=True,
              help="Rank paragraphs, not documents (by meaning and the entities the query names).")
@progress_options
def search(query: str, db: str | None, lang: str | None, limit: int, fmt: str, mode: str, passages: bool,
           quiet: bool, verbose: bool) -> None:
    """Search: full text (without diacritics, matches with or without them), by meaning, or both."""
    lang = api.check_language(lang) if lang is not None else None
    with showing_progress(quiet):
        if passages:
            hits = api.search_passages(query, db=db, lang=lang, limit=limit)
        else:
            hits = api.search(query, db=db, lang=lang, limit=limit, mode=mode)
    records = [{"rank": n, "id": h.id, "path": h.path, "score": h.score, "snippet": h.snippet,
                "title": h.title, "language": h.language} for n, h in enumerate(hits, 1)]
    emit(records, SEARCH_COLUMNS, fmt, sys.stdout, empty="no results")


SEARCH_COLUMNS = [
    Column("#", lambda r: r["rank"], justify="right"),
    Column("Lang", lambda r: r["language"]),
    Column("Id", lambda r: r["id"]),
    Column("Score", lambda r: f"{r['score']:.2f}", justify="right"),
    Column("Title", lambda r: r["title"] or Path(r["path"]).name, ratio=2),
    Column("Snippet", lambda r: _near_match(r["snippet"]), ratio=5),
]
# Characters of context kept before the first match of a snippet in the table (so that the match shows).
SNIPPET_LEAD = 30


def _near_match(snippet: str) -> str:
    at = snippet.find("**")
    if at <= SNIPPET_LEAD:
        return snippet
    cut = snippet.find(" ", at - SNIPPET_LEAD, at)
    return "…" + snippet[(cut + 1 if cut >= 0 else at - SNIPPET_LEAD):]


@cli.command(context_settings=CONTEXT)
@click.argument("thing_id", metavar="ID")
@db_option
@click.option("--raw", is_flag=True, help="The text as read, with what the cleaner removed marked.")
@format_option(("text", "json"))
def show(thing_id: str, db: str | None, raw: bool, fmt: str) -> None:
    """One document, or the thing another command printed the id of (a passage DOC:START, a fact
    DOC:c3, DOC:t0, DOC:talks:0, a register commitment) in its document, with the facts found in it."""
    from communique.output import show_document

    store = api.open_store(db)  # one store for the three look-ups
    found = api.locate(thing_id, db=store)
    doc = found["document"]
    record = api.document_record(doc.id, db=store)
    if fmt == "json":
        out = record if found["kind"] == "document" else {
            "kind": found["kind"], "id": thing_id, "record": found["record"],
            "spans": [{"start": s, "end": e, "text": doc.body[s:e]} for s, e in found["spans"]],
            "document": record}
        click.echo(_json(out))
        return
    names = api.names(_entity_ids(record["facts"]), db=store) | api.level_names()
    show_document(doc, record, found, names, raw=raw, out=sys.stdout)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=1, default=str)


def _entity_ids(facts: dict[str, list[dict[str, Any]]]) -> set[str]:
    ids: set[str] = set()
    for records in facts.values():
        for r in records:
            ids.update(r.get("participants") or ())
            if r.get("place"):
                ids.add(r["place"])
    return ids


@cli.command(context_settings=CONTEXT)
@db_option
@format_option(("text", "json"))
def stats(db: str | None, fmt: str) -> None:
    """What the register holds."""
    numbers = api.stats(db=db)
    if fmt == "json":
        click.echo(_json(numbers))
        return
    click.echo(f"documents: {numbers['documents']} (versions: {numbers['versions']}, "
               f"source paths: {numbers['sources']}, dated: {numbers['dated']})")
    click.echo("languages: " + (", ".join(f"{k} {v}" for k, v in numbers["languages"].items()) or "none"))
    click.echo("formats:   " + (", ".join(f"{k} {v}" for k, v in numbers["formats"].items()) or "none"))


@cli.command(context_settings=CONTEXT)
@db_option
@format_option(EXPORT_FORMATS, default="json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default stdout).")
@click.option("--all-versions", is_flag=True, help="Include superseded versions of changed files.")
@click.option("--schema-version", type=click.Choice(["1", "2"]), default="2", show_default=True,
              callback=lambda _ctx, _param, value: int(value),
              help="The contract to write: 2 (with the register) or 1 (for readers of the first version).")
@kb_option
@progress_options
def export(db: str | None, fmt: str, out: Path | None, all_versions: bool, kb: tuple[str, ...],
           schema_version: int, quiet: bool, verbose: bool) -> None:
    """The register in the public export format (docs/export.md)."""
    with showing_progress(quiet):
        if out is None:
            api.export_to(sys.stdout, fmt, db=db, all_versions=all_versions, kb=kb, version=schema_version)
            return
        if not out.parent.is_dir():
            raise CommuniqueError(f"--out {out}: the folder {out.parent} does not exist")
        tmp = out.with_name(out.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                api.export_to(fh, fmt, db=db, all_versions=all_versions, kb=kb, version=schema_version)
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)


# -- listings --------------------------------------------------------------------------------------

@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--type", "kind", type=click.Choice(list(api.ENTITY_TYPES)), default=None)
@click.option("--doc", "doc_id", default=None, callback=_not_empty, help="Only the entities of this document.")
@click.option("--limit", default=None, type=click.IntRange(min=1, max=MAX_LIMIT), help="At most this many.")
@format_option()
@kb_option
def entities(db: str | None, kind: str | None, doc_id: str | None, limit: int | None, fmt: str,
             kb: tuple[str, ...]) -> None:
    """Entities the documents mention, most mentioned first."""
    found = api.entities(db=db, kind=kind, doc_id=doc_id, kb=kb)[:limit]
    emit(found, ENTITY_COLUMNS, fmt, sys.stdout)


def _other_names(e: dict[str, Any]) -> str:
    return " / ".join(dict.fromkeys(n for lang in ("vi", "zh") for n in e["names"].get(lang, [])[:1]))


ENTITY_COLUMNS = [
    Column("Mentions", lambda e: e["mentions"], justify="right"),
    Column("Id", lambda e: e["id"]),
    Column("Type", lambda e: e["type"]),
    Column("Name", lambda e: e["name"], ratio=2),
    Column("Other names", _other_names, ratio=2),
]


@cli.command(context_settings=CONTEXT)
@click.argument("entity_id")
@db_option
@format_option(("text", "json"))
@kb_option
def entity(entity_id: str, db: str | None, fmt: str, kb: tuple[str, ...]) -> None:
    """One entity: names in every language, roles, and where the documents mention it."""
    record = api.entity(entity_id, db=db, kb=kb)
    if fmt == "json":
        click.echo(_json(record))
        return
    click.echo(f"{record['id']}  ({record['type']}) {record['name']}")
    for lang, forms in record["names"].items():
        if forms:
            click.echo(f"  {lang}: {', '.join(forms)}")
    if record.get("country"):
        click.echo(f"  country: {record['country']}")
    for role in record.get("roles", []):
        since, until = role.get("start") or "?", role.get("end") or ""
        click.echo(f"  role: {role['role']} {role.get('country') or ''} {since} – {until}")
    click.echo(f"  mentioned {len(record['mentioned_in'])} times")
    for m in record["mentioned_in"][:50]:
        click.echo(f"    {m['document']} [{m['start']}:{m['end']}] {_plain(m['text'])}  ({m['how']})")


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--kind", type=click.Choice(list(api.FACT_SECTIONS)), default=None)
@pair_option
@click.option("--doc", "doc_id", default=None, metavar="ID", callback=_not_empty,
              help="Only the facts of this document.")
@since_option
@until_option
@format_option()
def facts(db: str | None, kind: str | None, pair: str | None, doc_id: str | None, since: str | None,
          until: str | None, fmt: str) -> None:
    """Facts extracted from the documents, each with its document and the sentence it came from."""
    store = api.open_store(db)
    found = api.facts(db=store, kind=kind, pair=pair, doc_id=doc_id, since=since, until=until)
    names = api.names(_entity_ids({"facts": found}), db=store) | api.level_names() if fmt != "json" else {}
    emit(found, _fact_columns(names), fmt, sys.stdout, empty="no facts")


def _fact_columns(names: dict[str, str]) -> list[Column]:
    return [
        Column("Kind", lambda f: f.get("kind")),
        Column("Pair", lambda f: "-".join(f.get("parties") or f.get("countries") or [])),
        Column("Date", lambda f: f.get("date") or f.get("year")),
        Column("What", lambda f: fact_what(f["kind"], f, names), ratio=3),
        Column("Document", lambda f: f["document"]),
        Column("Sentence", lambda f: f["evidence_text"], ratio=4),
    ]


@cli.command(context_settings=CONTEXT)
@db_option
@pair_option
@since_option
@until_option
@format_option()
def events(db: str | None, pair: str | None, since: str | None, until: str | None, fmt: str) -> None:
    """Events, each with every document that reports it."""
    store = api.open_store(db)
    found = api.events(db=store, pair=pair, since=since, until=until)
    names = api.names(_entity_ids({"events": found}), db=store) if fmt != "json" else {}
    columns = [
        Column("Id", lambda e: e.get("id")),
        Column("Date", lambda e: (e.get("date") or "") + (f" – {e['end_date']}" if e.get("end_date") else "")),
        Column("Type", lambda e: e["type"]),
        Column("Pair", lambda e: "-".join(e.get("countries") or ())),
        Column("Status", lambda e: e.get("status") or "held"),
        Column("Place", lambda e: names.get(e.get("place") or "", e.get("place"))),
        Column("Participants", lambda e: [names.get(p, p) for p in e.get("participants") or ()], ratio=2),
        Column("Reports", lambda e: [Path(r["path"]).name for r in e["reports"]], ratio=2),
        Column("Documents", lambda e: e["documents"], ratio=1),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no events")


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--country", default=None, metavar="C", callback=_not_empty,
              help="Only the partnerships of this country (code or name).")
@pair_option
@format_option()
@kb_option
def partnerships(db: str | None, country: str | None, pair: str | None, fmt: str, kb: tuple[str, ...]) -> None:
    """Partnership levels between two countries: since when, how (set up or mentioned), and sources."""
    found = api.partnerships(db=db, country=country, pair=pair, kb=kb)
    columns = [
        Column("Pair", lambda p: p["pair"]),
        Column("Countries", lambda p: p["countries"], ratio=2),
        Column("Level", lambda p: p["level_name"], ratio=2),
        Column("Since", lambda p: p["since"]),
        Column("How", lambda p: "set up/raised" if p["change"] == "upgrade" else p["change"]),
        Column("Sources", lambda p: len(p["documents"]), justify="right"),
        Column("Documents", lambda p: p["documents"], ratio=1),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no partnerships")


@cli.command(context_settings=CONTEXT)
@db_option
@kb_option
@progress_options
def relink(db: str | None, kb: tuple[str, ...], quiet: bool, verbose: bool) -> None:
    """Link the stored documents again (after the knowledge base, or your --kb file, changed)."""
    with showing_progress(quiet):
        counts = api.relink(db=db, kb=kb)
    click.echo(f"{counts['documents']} documents linked again: {counts['mentions']} mentions")


@cli.command(context_settings=CONTEXT)
@db_option
@pair_option
@click.option("--aligned", is_flag=True, help="Only commitments found in more than one document or language.")
@click.option("--pillar", default=None, metavar="P", callback=_not_empty, help="Only this pillar (economy_trade, …).")
@click.option("--has-target", is_flag=True, help="Only commitments with a target (a number, a deadline).")
@format_option()
@progress_options
def commitments(db: str | None, pair: str | None, aligned: bool, pillar: str | None, has_target: bool, fmt: str,
                quiet: bool, verbose: bool) -> None:
    """The register of commitments, each once with the number of its variants and their languages."""
    with showing_progress(quiet):
        found = api.commitments(db=db, pair=pair, aligned=aligned, pillar=pillar, has_target=has_target)
    columns = [
        Column("Id", lambda c: c["id"]),
        Column("Pair", lambda c: "-".join(c.get("parties") or ())),
        Column("Clause", lambda c: f"§{c['clause']}" if c.get("clause") else "news"),
        Column("Pillar", lambda c: c.get("pillar")),
        Column("Variants", lambda c: f"{len(c['variants'])}×"
               + ",".join(dict.fromkeys(v["language"] or "?" for v in c["variants"]))),
        Column("Targets", lambda c: c.get("target_texts"), ratio=1),
        Column("Text", lambda c: c["text"], ratio=4),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no commitments")


@cli.command(context_settings=CONTEXT)
@click.argument("commitment_id")
@db_option
@format_option(("text", "json"))
@progress_options
def commitment(commitment_id: str, db: str | None, fmt: str, quiet: bool, verbose: bool) -> None:
    """One commitment with its variants side by side: every document and language that states it."""
    import shutil

    from communique.output import wrapped

    with showing_progress(quiet):
        c = api.commitment(commitment_id, db=db)
    if fmt == "json":
        click.echo(_json(c))
        return
    binding = "binding" if c.get("binding") else "not binding"
    click.echo(f"{c['id']}  {'-'.join(c.get('parties') or ())}  {c.get('pillar') or '(no pillar)'}  "
               f"clause {c.get('clause') or '-'}  {c.get('modality') or '-'} ({binding})")
    if c.get("instruments"):
        names = api.names(c["instruments"], db=db)
        click.echo(f"  names: {', '.join(names.get(i, i) for i in c['instruments'])}")
    if c.get("targets"):
        click.echo(f"  targets: {', '.join(c['targets'])}")
    width = shutil.get_terminal_size((120, 20)).columns
    for v in c["variants"]:
        how = f"{v.get('match')} {v['score']:.2f}" if v.get("score") is not None else "first"
        where = f"{Path(v.get('path') or v['document']).name}"
        clause = "§" + v["clause"] if v.get("clause") else ""
        where = where if len(where) <= 26 else where[:25] + "…"
        label = f"  {v['language'] or '?':<3}{where:<27}{clause:<5}{how:<15}"
        click.echo(label + wrapped(v["text"], width, len(label)))


@cli.command(context_settings=CONTEXT)
@click.argument("doc_id")
@db_option
@format_option(("text", "json"))
def diff(doc_id: str, db: str | None, fmt: str) -> None:
    """The facts a version of a changed file added, dropped or changed against the version before it."""
    found = api.diff(doc_id, db=db)
    if fmt == "json":
        click.echo(_json(found))
        return
    click.echo(f"{found['document']} (version {found['version']} of {found['path']}) against "
               f"{found['previous']} (version {found['previous_version']}): {len(found['changed'])} changed, "
               f"{len(found['added'])} added, {len(found['dropped'])} dropped, {found['unchanged']} unchanged")
    for change in found["changed"]:
        # A long text changed is shown by the two sentences below; short values side by side.
        fields = "; ".join(k if max(len(str(a)), len(str(b))) > 40 else f"{k} {a} → {b}"
                           for k, (a, b) in change["fields"].items())
        click.echo(f"changed  {change['kind']:<11} {fields}")
        click.echo(f"         - « {_plain(change['before_text'])[:300]} »")
        click.echo(f"         + « {_plain(change['after_text'])[:300]} »")
    for label, sign in (("dropped", "-"), ("added", "+")):
        for item in found[label]:
            click.echo(f"{label:<8} {item['kind']:<11} {sign} « {_plain(item['text'])[:300]} »")


# -- tracking implementation -----------------------------------------------------------------------

author_option = click.option("--author", default=None, metavar="NAME", callback=_not_empty,
                             help="Your user name (default $COMMUNIQUE_USER, else $USER).")
note_option = click.option("--note", default=None, callback=_not_empty, help="Why, in a sentence.")


@cli.command(context_settings=CONTEXT)
@db_option
@pair_option
@click.option("--pillar", default=None, metavar="P", callback=_not_empty, help="Only this pillar (economy_trade, …).")
@click.option("--implementation", default=None, metavar="S", callback=_not_empty,
              help="Only this status: no_evidence, announced, in_progress, partial, achieved, stalled, reversed, "
                   "not_assessable.")
@format_option()
def status(db: str | None, pair: str | None, pillar: str | None, implementation: str | None, fmt: str) -> None:
    """Register commitments with their current status, schedule and evidence count."""
    found = api.status(db=db, pair=pair, pillar=pillar, implementation=implementation)
    columns = [
        Column("Id", lambda c: c["id"]),
        Column("Pair", lambda c: c["parties"]),
        Column("Clause", lambda c: f"§{c['clause']}" if c.get("clause") else "news"),
        Column("Pillar", lambda c: c["pillar"]),
        Column("Status", lambda c: c["status"]),
        Column("Schedule", lambda c: c["schedule"]),
        Column("Due", lambda c: c["deadline"]),
        Column("Evidence", lambda c: c["evidence"], justify="right"),
        Column("Review", lambda c: c["review"]),
        Column("Text", lambda c: c["text"], ratio=4),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no register commitments")


@cli.group(context_settings=CONTEXT)
def evidence() -> None:
    """Evidence links proposed from later documents: list them, confirm or reject them."""


@evidence.command("list", context_settings=CONTEXT)
@click.argument("register_id", required=False, metavar="[ID]")
@db_option
@click.option("--state", default=None, metavar="S", callback=_not_empty, help="proposed, confirmed or rejected.")
@format_option()
def evidence_list(register_id: str | None, db: str | None, state: str | None, fmt: str) -> None:
    """Evidence links (of one register commitment, with ID), best first."""
    found = api.evidence_list(db=db, register_id=register_id, state=state)
    columns = [
        Column("Id", lambda e: e["id"]),
        Column("Commitment", lambda e: e["register_id"]),
        Column("Document", lambda e: e["document_id"]),
        Column("Stance", lambda e: e["stance"]),
        Column("Score", lambda e: f"{e['score']:.2f}", justify="right"),
        Column("State", lambda e: e["state"]),
        Column("Reason", lambda e: e["reason"], ratio=2),
        Column("Sentence", lambda e: e["text"], ratio=3),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no evidence links")


def _decision(state: str) -> Callable[..., None]:
    def command(evidence_id: str, db: str | None, author: str | None, note: str | None) -> None:
        done = api.decide_evidence(evidence_id, state, db=db, author=author, note=note)
        click.echo(f"{done['id']} {state} by {done['author']} (commitment {done['register_id']})")

    command.__doc__ = f"Mark a proposed evidence link {state}" + (
        "; it may move the commitment's status." if state == "confirmed" else "; it is never proposed again.")
    return command


for _state, _name in (("confirmed", "confirm"), ("rejected", "reject")):
    evidence.command(_name, context_settings=CONTEXT)(
        click.argument("evidence_id", metavar="ID")(db_option(author_option(note_option(_decision(_state))))))


@cli.command(context_settings=CONTEXT)
@click.argument("register_id", metavar="ID")
@db_option
@click.option("--implementation", required=True, metavar="S", callback=_not_empty,
              help="no_evidence, announced, in_progress, partial, achieved, stalled, reversed, not_assessable.")
@click.option("--schedule", default=None, metavar="S", callback=_not_empty,
              help="no_deadline, on_time, at_risk or overdue (default: from the deadline).")
@click.option("--disputed", is_flag=True, help="Record the assessment as disputing the machine's.")
@author_option
@note_option
def assess(register_id: str, db: str | None, implementation: str, schedule: str | None, disputed: bool,
           author: str | None, note: str | None) -> None:
    """Add an analyst's assessment to a register commitment (appended; history is kept)."""
    row = api.assess(register_id, implementation, db=db, author=author, note=note, schedule=schedule,
                     disputed=disputed)
    click.echo(f"{row['register_id']}: {row['implementation']}, {row['schedule']} ({row['review']} by "
               f"{row['author']})")


@cli.command(context_settings=CONTEXT)
@click.argument("pair", metavar="PAIR")
@db_option
@format_option(("text", "json"))
def scorecard(pair: str, db: str | None, fmt: str) -> None:
    """The partnership's scorecard: commitments per pillar by status, with the -1/0/+1 average."""
    card = api.scorecard(pair, db=db)
    if fmt == "json":
        click.echo(_json(card))
        return
    states = ("achieved", "partial", "in_progress", "announced", "stalled", "reversed", "no_evidence",
              "not_assessable")

    def table(title: str, label: str, rows: list[dict[str, Any]]) -> None:
        columns = [Column(label, lambda r: r["label"]),
                   Column("Commitments", lambda r: r["commitments"], justify="right"),
                   Column("With evidence", lambda r: f"{r['with_evidence']}/{r['assessable']}", justify="right")]
        columns += [Column(s.replace("_", " "), lambda r, s=s: r["states"].get(s, 0), justify="right")
                    for s in states]
        columns += [Column("Score", lambda r: "" if r["score"] is None else f"{r['score']:+.2f}", justify="right"),
                    Column("%", lambda r: "" if r["percent"] is None else f"{r['percent']:.0f}%", justify="right")]
        click.echo(title)
        emit(rows, columns, "text", sys.stdout)

    click.echo(f"Scorecard {card['pair']} (rubric {card['rubric']}; score: G7/G20 Research Group scale -1/0/+1)")
    table("By pillar:", "Pillar", [{"label": p, **s} for p, s in card["pillars"].items()]
          + [{"label": "all", **card["overall"]}])
    if card["parties"]:
        table("By acting party (a joint commitment counts for each):", "Party",
              [{"label": p, **s} for p, s in card["parties"].items()])
    if card["quarters"]:
        table("By quarter (status as the evidence dated up to each quarter's end had it):", "Quarter",
              [{"label": q["quarter"], **q} for q in card["quarters"]])
        if card["undated"]:
            click.echo(f"{card['undated']} commitments are left out of the quarters: their documents "
                       "give no date.")


@cli.command(context_settings=CONTEXT)
@click.argument("pair", required=False, metavar="[PAIR]")
@db_option
@click.option("--country", default=None, metavar="C", callback=_not_empty,
              help="Without PAIR: only the pairs of this country (code or name), grouped by level.")
@kb_option
@format_option(("text", "json"))
def timeline(pair: str | None, db: str | None, country: str | None, kb: tuple[str, ...], fmt: str) -> None:
    """A partnership's levels since when (every source's date where they disagree) and its events;
    without PAIR, every pair's, and the network of highest levels."""
    if pair is not None and country is not None:
        raise click.UsageError("give PAIR or --country, not both")
    found = api.timeline(db=db, pair=pair, country=country, kb=kb)
    if fmt == "json":
        click.echo(_json(found))
        return
    if country is not None and found["network"].get("by_level"):
        click.echo(f"Partners of {country} by level and year set up:")
        for group in found["network"]["by_level"]:
            partners = ", ".join(f"{p['name']} {p['year'] or '(undated)'}{' (disputed)' if p['disputed'] else ''}"
                                 for p in group["partners"])
            click.echo(f"  {group['level_name']}: {partners}")
        click.echo()
    if not found["pairs"]:
        click.echo("no partnerships or events")
    for entry in found["pairs"]:
        click.echo(f"{entry['pair']} {entry['countries']}")
        rows = [{"date": s["date"] or "", "what": s["level_name"],
                 "how": "set up/raised" if s["change"] == "upgrade" else "mentioned",
                 "sources": _claims_text(s)} for s in entry["levels"]]
        rows += [{"date": e["date"], "what": e["type"] + (f" ({e['place']})" if e.get("place") else ""),
                  "how": e.get("status") or "", "sources": ", ".join(e.get("documents") or ())}
                 for e in entry["events"]]
        rows.sort(key=lambda r: (r["date"] == "", r["date"]))
        emit(rows, [Column("Date", lambda r: r["date"]), Column("Level or event", lambda r: r["what"]),
                    Column("How", lambda r: r["how"]), Column("Sources", lambda r: r["sources"], ratio=3)],
             "text", sys.stdout, empty="  (nothing dated)")


def _claims_text(step: dict[str, Any]) -> str:
    """The sources of a level step; every claim with its documents where they disagree."""
    text = "; ".join(f"{c['date'] or 'undated'}: {', '.join(c['documents'])}" for c in step["claims"]) \
        if step["disputed"] else ", ".join(step["documents"])
    for dispute in step.get("level_disputed") or ():
        text += f" (other sources: {', '.join(dispute['other_levels'])} on {dispute['date']})"
    return ("sources disagree: " + text) if step["disputed"] else text


@cli.command(context_settings=CONTEXT)
@db_option
@pair_option
@format_option()
def targets(db: str | None, pair: str | None, fmt: str) -> None:
    """The register's targets with their deadlines and days left, the latest figure stated in later
    documents in the same unit, how far it is from the target, and its source."""
    found = api.targets(db=db, pair=pair)
    columns = [
        Column("Pair", lambda t: t["parties"]),
        Column("Clause", lambda t: f"§{t['clause']}" if t.get("clause") else "news"),
        Column("Target", lambda t: t["target"], ratio=2),
        Column("Due", lambda t: t["deadline"]),
        Column("Days left", lambda t: t["days_left"], justify="right"),
        Column("Latest", lambda t: t["latest_text"]),
        Column("Of target", lambda t: "" if t["ratio"] is None else f"{t['ratio']:.0%}", justify="right"),
        Column("Source", lambda t: t["source"]),
        Column("Status", lambda t: t["status"]),
        Column("Commitment", lambda t: t["commitment"]),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no targets in the register")


@cli.command(context_settings=CONTEXT)
@click.argument("pair", required=False, metavar="[PAIR]")
@db_option
@click.option("--as-of", default=None, metavar="YYYY-MM-DD", callback=_not_empty, help="The day gaps are counted to.")
@format_option()
def mechanisms(pair: str | None, db: str | None, as_of: str | None, fmt: str) -> None:
    """Mechanisms set to meet at a recurrence: the last meeting, the next one due and the gaps."""
    found = api.mechanisms(db=db, pair=pair, as_of=as_of)
    names = api.names([m["mechanism"] for m in found], db=db) if fmt == "text" else {}
    columns = [
        Column("Mechanism", lambda m: names.get(m["mechanism"], m["mechanism"]), ratio=2),
        Column("Pair", lambda m: m["parties"]),
        Column("Every", lambda m: f"{m['every_months']} months"),
        Column("Since", lambda m: m["since"]),
        Column("Last meeting", lambda m: m["last_meeting"]),
        Column("Next due", lambda m: m["next_due"]),
        Column("Gaps", lambda m: m["gaps"], justify="right"),
        Column("Periods", lambda m: " ".join({"held": "●", "overdue": "○", "due": "·"}[p["state"]]
                                            for p in m["periods"])),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no mechanisms with a recurrence")


@cli.command(context_settings=CONTEXT)
@db_option
def track(db: str | None) -> None:
    """Bring the register up to date with every stored document (ingest does it for its own)."""
    counts = api.track(db=db)
    click.echo(f"{counts['commitments']} commitments aligned, {counts['evidence']} evidence links proposed, "
               f"{counts['assessments']} assessments added")


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, callback=_not_empty,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(min=0, max=65535))
@click.option("--reads", type=click.Choice(["open", "token"]), default=None,
              help="Who may read: anyone (open, the default; also $COMMUNIQUE_READS) or holders of a token.")
def serve(db: str | None, host: str, port: int, reads: str | None) -> None:
    """Serve the register: the web application, the HTTP API (/api/v1, documented at /docs) and
    Atom feeds. Writes need a token (`communique token create`) or a signed-in session."""
    import uvicorn

    from communique.serve.app import create_app
    from communique.serve.settings import from_environment

    app = create_app(from_environment(db or "", reads=reads))
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"Communiqué serves {app.state.store.url} at http://{shown}:{port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group(context_settings=CONTEXT)
def token() -> None:
    """API tokens for the HTTP API and the web application's sign-in."""


@token.command("create", context_settings=CONTEXT)
@click.argument("name")
@db_option
@click.option("--scope", type=click.Choice(["read", "write", "admin"]), default="write", show_default=True,
              help="read: read only; write: also upload, decide evidence, assess; admin: also add KB entries.")
def token_create(name: str, db: str | None, scope: str) -> None:
    """A new token for NAME (a person or a program); it is shown once, and stored only hashed."""
    from communique.serve import tokens

    made = tokens.create(api.open_store(db, create=True), name, scope)
    click.echo(f"{made['token']}\n(token {made['id']} for {made['name']}, scope {made['scope']}: "
               "keep it now, it cannot be shown again)")


@token.command("list", context_settings=CONTEXT)
@db_option
@format_option()
def token_list(db: str | None, fmt: str) -> None:
    """Tokens by id, name and scope (never their secret), revoked ones included."""
    from communique.serve import tokens

    found = tokens.listing(api.open_store(db))
    columns = [
        Column("Id", lambda t: t["id"]),
        Column("Name", lambda t: t["name"]),
        Column("Scope", lambda t: t["scope"]),
        Column("Created", lambda t: t["created_at"]),
        Column("Revoked", lambda t: t["revoked_at"] or ""),
    ]
    emit(found, columns, fmt, sys.stdout, empty="no tokens")


@token.command("revoke", context_settings=CONTEXT)
@click.argument("token_id", metavar="ID")
@db_option
def token_revoke(token_id: str, db: str | None) -> None:
    """Revoke a token at once: it no longer reads, writes or signs in."""
    from communique.serve import tokens

    done = tokens.revoke(api.open_store(db), token_id)
    click.echo(f"token {done['id']} ({done['name']}) revoked")


@cli.command(context_settings=CONTEXT)
@click.argument("pair")
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "md", "xlsx"]), default="html", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default stdout; pdf and xlsx need a file or a redirect).")
@click.option("--base-url", default=None, metavar="URL", callback=_not_empty,
              help="Link sources to this Communiqué server (https://host) rather than to their own addresses.")
@click.option("--language", type=click.Choice(["en", "vi"]), default="en", show_default=True,
              help="The report's language (quoted texts stay as written).")
def report(pair: str, db: str | None, fmt: str, out: Path | None, base_url: str | None, language: str) -> None:
    """A report on PAIR to circulate: timeline, scorecard, commitments by pillar and status, targets,
    evidence and events, with charts; every figure cites its source documents."""
    from communique.report import gather, render

    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("give an http:// or https:// address", param_hint="--base-url")
    if out is None and fmt in ("pdf", "xlsx") and sys.stdout.isatty():
        raise click.BadParameter(f"a {fmt} report is binary: give --out FILE or redirect stdout", param_hint="--out")
    data = render(gather(pair, db=db, base_url=base_url), fmt, language)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        raise CommuniqueError(f"--out {out}: cannot write ({error.strerror})") from None
    click.echo(f"{fmt} report on {pair} written to {out} ({len(data):,} bytes)", err=True)


def main() -> None:
    cli()
