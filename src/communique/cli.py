"""The `communique` command: parse arguments, call `api`, print. No logic of its own."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

import click

from communique import api
from communique.errors import CommuniqueError, RejectedInput
from communique.export.writers import FORMATS
from communique.ingest import iter_paths
from communique.pipeline import DEFAULT_MAX_BYTES
from communique.store import ENV_DB

EXIT_REJECTED = 3
# Below this many files, worker processes cost more to start than they save.
PARALLEL_MIN_FILES = 40

db_option = click.option(
    "--db", "db", default=None, metavar="URL",
    help=f"Database URL (sqlite:///file.db, postgresql://...) or path; default ${ENV_DB}, else ./communique.db.",
)


kb_option = click.option(
    "--kb", "kb", multiple=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE",
    help="A knowledge-base file of your own (repeatable; also $COMMUNIQUE_KB).",
)


class Group(click.Group):
    """Turns the library's errors into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommuniqueError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=Group)
@click.version_option(package_name="communique")
def cli() -> None:
    """Communiqué: a register of diplomatic partnerships, events and commitments."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Reject files larger than this.")
@click.option("--workers", default=0, help="Worker processes (0: one per core for large batches).")
@kb_option
def ingest(paths: tuple[Path, ...], db: str | None, max_bytes: int, workers: int, kb: tuple[str, ...]) -> None:
    """Read, clean and store the documents under PATHS (files or folders, walked recursively)."""
    files = list(iter_paths(paths))
    if workers <= 0:
        workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_MIN_FILES else 1
    show_bar = sys.stderr.isatty()

    def on_file(path: Path, items: list[Any]) -> None:
        for item in items:
            if isinstance(item, RejectedInput):
                click.echo(f"rejected: {item}", err=True)
        if bar is not None:
            bar.update(1)

    bar = None
    if show_bar:
        with click.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
            report = api.ingest(files, db=db, max_bytes=max_bytes, workers=workers, on_file=on_file, kb=kb)
    else:
        report = api.ingest(files, db=db, max_bytes=max_bytes, workers=workers, on_file=on_file, kb=kb)
    c = report.counts
    click.echo(
        f"{report.files} files: {c['new']} new, {c['version']} new versions, {c['unchanged']} unchanged, "
        f"{c['known']} already stored from another path, {c['rejected']} rejected"
        + (f" ({c['near_duplicates']} near duplicates of stored articles)" if c["near_duplicates"] else "")
    )
    if not report.ok:
        sys.exit(EXIT_REJECTED)


@cli.command()
@click.argument("query")
@db_option
@click.option("--lang", default=None, help="Only documents in this language (ISO 639-1).")
@click.option("--limit", default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--mode", type=click.Choice(list(api.SEARCH_MODES)), default="text", show_default=True,
              help="text: every term must occur; semantic: by meaning, in any language; hybrid: both.")
@click.option("--passages", is_flag=True,
              help="Rank paragraphs, not documents (by meaning and the entities the query names).")
def search(query: str, db: str | None, lang: str | None, limit: int, fmt: str, mode: str, passages: bool) -> None:
    """Search: full text (without diacritics, matches with or without them), by meaning, or both."""
    if passages:
        hits = api.search_passages(query, db=db, lang=lang, limit=limit)
    else:
        hits = api.search(query, db=db, lang=lang, limit=limit, mode=mode)
    if fmt == "json":
        click.echo(json.dumps([{"id": h.id, "path": h.path, "score": h.score, "snippet": h.snippet,
                                "title": h.title, "language": h.language} for h in hits],
                              ensure_ascii=False, indent=1))
        return
    if not hits:
        click.echo("no results")
        return
    bold = sys.stdout.isatty()
    for n, h in enumerate(hits, 1):
        click.echo(f"{n}. [{h.language or '?'}] {h.title or h.path}  ({h.id}, score {h.score:.2f})")
        snippet = h.snippet
        if bold:
            parts = snippet.split("**")
            snippet = "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(parts))
        click.echo(f"   {snippet}")
        click.echo(f"   {h.path}")


@cli.command()
@click.argument("doc_id")
@db_option
@click.option("--raw", is_flag=True, help="The text as read, with what the cleaner removed marked.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(doc_id: str, db: str | None, raw: bool, fmt: str) -> None:
    """One document: metadata and clean text (or the raw text with removed spans marked)."""
    record = api.document_record(doc_id, db=db)
    doc = api.get_document(record["id"], db=db)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=1, default=str))
        return
    meta = doc.meta
    for label, value in (("id", record["id"]), ("path", doc.path), ("sources", ", ".join(record["sources"])),
                         ("version", record["version"]), ("language", doc.language), ("title", meta.title),
                         ("published", meta.published.iso() if meta.published else None),
                         ("url", meta.url), ("author", meta.author), ("source", meta.source),
                         ("photo credits", ", ".join(meta.photo_credits) or None)):
        if value:
            click.echo(f"{label:>13}: {value}")
    click.echo()
    if not raw:
        click.echo(doc.body)
        return
    removed = {(s.start, s.end): s.kind for s in doc.removed}
    pos = 0
    for line in doc.raw.split("\n"):
        stripped = line.strip()
        start = pos + len(line) - len(line.lstrip())
        kind = removed.get((start, start + len(stripped)))
        if kind:
            click.echo(click.style(f"- [{kind}] {stripped}", dim=True) if sys.stdout.isatty()
                       else f"- [{kind}] {stripped}")
        elif stripped:
            click.echo(f"  {stripped}")
        pos += len(line) + 1


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(db: str | None, fmt: str) -> None:
    """What the register holds."""
    numbers = api.stats(db=db)
    if fmt == "json":
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=1))
        return
    click.echo(f"documents: {numbers['documents']} (versions: {numbers['versions']}, "
               f"source paths: {numbers['sources']}, dated: {numbers['dated']})")
    click.echo("languages: " + ", ".join(f"{k} {v}" for k, v in numbers["languages"].items()))
    click.echo("formats:   " + ", ".join(f"{k} {v}" for k, v in numbers["formats"].items()))


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default stdout).")
@click.option("--all-versions", is_flag=True, help="Include superseded versions of changed files.")
@kb_option
def export(db: str | None, fmt: str, out: Path | None, all_versions: bool, kb: tuple[str, ...]) -> None:
    """The register in the public export format (docs/export.md)."""
    if out is None:
        api.export_to(sys.stdout, fmt, db=db, all_versions=all_versions, kb=kb)
        return
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        api.export_to(fh, fmt, db=db, all_versions=all_versions, kb=kb)
    tmp.replace(out)


@cli.command()
@db_option
@click.option("--type", "kind", type=click.Choice(["person", "country", "organization", "instrument",
                                                    "mechanism", "place", "other"]), default=None)
@click.option("--doc", "doc_id", default=None, help="Only the entities of this document.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
def entities(db: str | None, kind: str | None, doc_id: str | None, fmt: str, kb: tuple[str, ...]) -> None:
    """Entities the documents mention, most mentioned first."""
    found = api.entities(db=db, kind=kind, doc_id=doc_id, kb=kb)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for e in found:
        other = " / ".join(dict.fromkeys(n for lang in ("vi", "zh") for n in e["names"].get(lang, [])[:1]))
        click.echo(f"{e['mentions']:>5}  {e['id']:<40} {e['type']:<12} {e['name']}" + (f"  ({other})" if other else ""))


@cli.command()
@db_option
@click.option("--kind", type=click.Choice(["partnership", "event", "commitment", "target"]), default=None)
@click.option("--pair", default=None, metavar="AA-BB", help="Only facts about these two countries (alpha-2).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def facts(db: str | None, kind: str | None, pair: str | None, fmt: str) -> None:
    """Facts extracted from the documents, each with the sentence it came from."""
    found = api.facts(db=db, kind=kind, pair=pair)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for f in found:
        who = "-".join(f.get("parties") or f.get("countries") or [])
        if f["kind"] == "partnership":
            line = f"{who} {f['level']} {f.get('date') or '(no date)'} [{f.get('change')}]"
        elif f["kind"] == "event":
            people = ", ".join(f["participants"])
            line = f"{who} {f['type']} {f.get('date') or '(no date)'} {f.get('status', '')} {people}"
        elif f["kind"] == "commitment":
            line = f"{who} {f.get('pillar')} clause {f.get('clause') or '-'} {f.get('modality')}"
        else:
            line = f"{f.get('text')} = {f.get('value')} {f.get('unit') or ''} {f.get('year') or ''}"
        click.echo(f"{f['kind']:<11} {line}")
        click.echo(f"            « {' '.join(f['evidence_text'].split())[:300]} »")


@cli.command()
@db_option
@click.option("--pair", default=None, metavar="AA-BB", help="Only events of these two countries (alpha-2).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def events(db: str | None, pair: str | None, fmt: str) -> None:
    """Events, each with every document that reports it."""
    found = api.events(db=db, pair=pair)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for e in found:
        when = e.get("date") or "(no date)"
        if e.get("end_date"):
            when += f" – {e['end_date']}"
        click.echo(f"{when}  {e['type']:<9} {'-'.join(e['countries'])}  {e.get('status', 'held')}  "
                   f"{e.get('place') or ''}  {', '.join(e['participants'])}")
        for report in e["reports"]:
            click.echo(f"    {report['document']}  {report['path']}")


@cli.command()
@db_option
@kb_option
def relink(db: str | None, kb: tuple[str, ...]) -> None:
    """Link the stored documents again (after the knowledge base, or your --kb file, changed)."""
    counts = api.relink(db=db, kb=kb)
    click.echo(f"{counts['documents']} documents linked again: {counts['mentions']} mentions")


@cli.command()
@click.argument("entity_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@kb_option
def entity(entity_id: str, db: str | None, fmt: str, kb: tuple[str, ...]) -> None:
    """One entity: names in every language, roles, and where the documents mention it."""
    record = api.entity(entity_id, db=db, kb=kb)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
        return
    click.echo(f"{record['id']}  ({record['type']}) {record['name']}")
    for lang, names in record["names"].items():
        if names:
            click.echo(f"  {lang}: {', '.join(names)}")
    if record.get("country"):
        click.echo(f"  country: {record['country']}")
    for role in record.get("roles", []):
        since, until = role.get("start") or "?", role.get("end") or ""
        click.echo(f"  role: {role['role']} {role.get('country') or ''} {since} – {until}")
    click.echo(f"  mentioned {len(record['mentioned_in'])} times")
    for m in record["mentioned_in"][:50]:
        click.echo(f"    {m['document']} [{m['start']}:{m['end']}] {m['text']}  ({m['how']})")


def main() -> None:
    cli()


def _wrapped(text: str, width: int, indent: int) -> str:
    """`text` wrapped to the columns right of `indent`, continuation lines indented (Chinese, Japanese
    and Korean characters take two columns)."""
    columns = max(40, width - indent)
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    if wide > len(text) / 2:
        columns //= 2
    return ("\n" + " " * indent).join(textwrap.wrap(" ".join(text.split()), width=columns))


@cli.command()
@db_option
@click.option("--pair", default=None, metavar="AA-BB", help="Only commitments of these two countries (alpha-2).")
@click.option("--aligned", is_flag=True, help="Only commitments found in more than one document or language.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def commitments(db: str | None, pair: str | None, aligned: bool, fmt: str) -> None:
    """The register of commitments, each once with the number of its variants and their languages."""
    found = api.commitments(db=db, pair=pair, aligned=aligned)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for c in found:
        languages = ",".join(dict.fromkeys(v["language"] or "?" for v in c["variants"]))
        clause = f"§{c['clause']}" if c.get("clause") else "news"
        click.echo(f"{c['id']:<24} {'-'.join(c.get('parties') or ()):<6} {clause:<6} {c.get('pillar') or '':<22} "
                   f"{len(c['variants'])}×{languages:<9} {' '.join(c['text'].split())[:70]}")


@cli.command()
@click.argument("commitment_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def commitment(commitment_id: str, db: str | None, fmt: str) -> None:
    """One commitment with its variants side by side: every document and language that states it."""
    c = api.commitment(commitment_id, db=db)
    if fmt == "json":
        click.echo(json.dumps(c, ensure_ascii=False, indent=1))
        return
    binding = "binding" if c.get("binding") else "not binding"
    click.echo(f"{c['id']}  {'-'.join(c.get('parties') or ())}  {c.get('pillar') or '(no pillar)'}  "
               f"clause {c.get('clause') or '-'}  {c.get('modality') or '-'} ({binding})")
    if c.get("instruments"):
        click.echo(f"  names: {', '.join(c['instruments'])}")
    if c.get("targets"):
        click.echo(f"  targets: {', '.join(c['targets'])}")
    width = shutil.get_terminal_size((120, 20)).columns
    for v in c["variants"]:
        how = f"{v.get('match')} {v['score']:.2f}" if v.get("score") is not None else "first"
        where = f"{Path(v.get('path') or v['document']).name}"
        clause = "§" + v["clause"] if v.get("clause") else ""
        label = f"  {v['language'] or '?':<3}{where[:26]:<27}{clause:<5}{how:<15}"
        click.echo(label + _wrapped(v["text"], width, len(label)))


@cli.command()
@click.argument("doc_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def diff(doc_id: str, db: str | None, fmt: str) -> None:
    """The facts a version of a changed file added, dropped or changed against the version before it."""
    found = api.diff(doc_id, db=db)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    click.echo(f"{found['document']} (version {found['version']} of {found['path']}) against "
               f"{found['previous']} (version {found['previous_version']}): {len(found['changed'])} changed, "
               f"{len(found['added'])} added, {len(found['dropped'])} dropped, {found['unchanged']} unchanged")
    for change in found["changed"]:
        # A long text changed is shown by the two sentences below; short values side by side.
        fields = "; ".join(k if max(len(str(a)), len(str(b))) > 40 else f"{k} {a} → {b}"
                           for k, (a, b) in change["fields"].items())
        click.echo(f"changed  {change['kind']:<11} {fields}")
        click.echo(f"         - « {change['before_text'][:300]} »")
        click.echo(f"         + « {change['after_text'][:300]} »")
    for label, sign in (("dropped", "-"), ("added", "+")):
        for item in found[label]:
            click.echo(f"{label:<8} {item['kind']:<11} {sign} « {item['text'][:300]} »")
