"""Listings for a person and for a script: a table (rich), JSON or CSV, from the same rows.

A listing is a list of records (plain dicts) and the columns a person wants to see; JSON gives
the records whole, CSV and the table give the columns. Tables are one line per row: text that
does not fit is cut with "…", Chinese and Vietnamese measured by their display width.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

LISTING_FORMATS = ("text", "json", "csv")
# Width of a table when the output is not a terminal (a file or a pipe keeps long lines).
PIPED_WIDTH = 160
# A cell of a list value joins its items with this.
LIST_SEPARATOR = ", "


@dataclass(frozen=True)
class Column:
    """One column: its header, how to read the cell from a record, and how it behaves in a table."""

    header: str
    value: Callable[[dict[str, Any]], Any]
    ratio: int | None = None  # share of the free width (long text); None: as wide as its content
    justify: str = "left"


# Control characters (C0 but tab and newline, DEL, C1): a document's text never drives the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a control character is shown as (one character for one: offsets into the text stay valid).
CONTROL_SHOWN_AS = "\ufffd"
# CSV cells starting with these are formulas to a spreadsheet: they are written behind a quote mark.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d[\d,.]*$")


def safe_text(text: str) -> str:
    """`text` with control characters (ANSI escapes among them) made visible and harmless, same length."""
    return _CONTROL.sub(CONTROL_SHOWN_AS, text)


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (numbers such as -5 stay numbers)."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def cell(value: Any) -> str:
    """A cell as text: nothing for None, lists joined, numbers as written, control characters shown."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell(v) for v in value if v is not None)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(safe_text(str(value)).split())


def write_json(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    json.dump(list(records), out, ensure_ascii=False, indent=1, default=str)
    out.write("\n")


def write_csv(records: Iterable[dict[str, Any]], columns: list[Column], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow([_csv_header(c.header) for c in columns])
    for record in records:
        writer.writerow([spreadsheet_safe(cell(c.value(record))) for c in columns])


def _csv_header(header: str) -> str:
    return header.lower().replace(" ", "_")


def write_table(records: Iterable[dict[str, Any]], columns: list[Column], out: TextIO,
                empty: str = "nothing found") -> None:
    """A table, one line per record; `empty` is printed when there are no records."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    rows = [[cell(c.value(r)) for c in columns] for r in records]
    terminal = out.isatty() if hasattr(out, "isatty") else False
    width = shutil.get_terminal_size((PIPED_WIDTH, 24)).columns if terminal else PIPED_WIDTH
    console = Console(file=out, width=width, force_terminal=terminal, no_color=not terminal,
                      highlight=False, soft_wrap=False, emoji=False, markup=False)
    if not rows:
        console.print(empty)
        return
    widths = _widths(columns, [[cell_len(v) for v in row] for row in rows], width)
    table = Table(box=None, header_style="bold" if terminal else "", pad_edge=False,
                  show_edge=False, expand=False, padding=(0, COLUMN_GAP - 1, 0, 0))
    for c, w in zip(columns, widths, strict=True):
        table.add_column(c.header, width=w, justify=c.justify, no_wrap=True, overflow="ellipsis")  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*row)
    if terminal:
        console.print(table)
        return
    with console.capture() as captured:
        console.print(table)
    out.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


# Spaces between two columns of a table; the narrowest a long-text column gets.
COLUMN_GAP = 2
MIN_TEXT_WIDTH = 12


def _widths(columns: list[Column], cells: list[list[int]], width: int) -> list[int]:
    """Column widths: short columns as wide as their widest cell, long-text ones (with a ratio)
    sharing what is left in proportion, none wider than its content."""
    content = [max([len(c.header)] + [row[i] for row in cells]) for i, c in enumerate(columns)]
    fixed = sum(content[i] for i, c in enumerate(columns) if not c.ratio)
    free = max(width - fixed - COLUMN_GAP * (len(columns) - 1), 0)
    ratios = sum(c.ratio or 0 for c in columns)
    out = []
    for i, c in enumerate(columns):
        if not c.ratio:
            out.append(content[i])
        else:
            out.append(max(min(content[i], free * c.ratio // ratios), min(MIN_TEXT_WIDTH, content[i])))
    # What a long-text column does not need goes to the others that do.
    spare = free - sum(w for w, c in zip(out, columns, strict=True) if c.ratio)
    for i, c in enumerate(columns):
        if c.ratio and spare > 0 and out[i] < content[i]:
            extra = min(spare, content[i] - out[i])
            out[i] += extra
            spare -= extra
    return out


def emit(records: list[dict[str, Any]], columns: list[Column], fmt: str, out: TextIO,
         empty: str = "nothing found") -> None:
    """Write `records` as `fmt` (text|json|csv)."""
    if fmt == "json":
        write_json(records, out)
    elif fmt == "csv":
        write_csv(records, columns, out)
    elif fmt == "text":
        write_table(records, columns, out, empty=empty)
    else:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(LISTING_FORMATS)}")


# -- one document, for a person ---------------------------------------------------------------------

# Marks around a highlighted span when the output is not a terminal (a terminal shows a style).
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def fact_what(kind: str, record: dict[str, Any], names: dict[str, str]) -> str:
    """What a fact states, without its pair and date: a level, an event with its people, a clause's
    pillar and modality, a target's words and value; names instead of entity ids and level ids."""
    if kind == "partnership":
        return f"{names.get(record['level'], record['level'])} ({record.get('change')})"
    if kind == "event":
        people = ", ".join(names.get(p, p) for p in record.get("participants") or ())
        place = names.get(record.get("place") or "", record.get("place"))
        status = record.get("status") if record.get("status") != "held" else None
        parts = [record.get("type"), status, place and f"in {place}", people]
    elif kind == "commitment":
        clause = f"§{record['clause']}" if record.get("clause") else None
        parts = [record.get("pillar"), clause, record.get("modality")]
    elif record.get("value") is None:
        parts = [record.get("text")]
    else:
        parts = [record.get("text"), "=", cell(record.get("value")), record.get("unit")]
    return " ".join(cell(p) for p in parts if p not in (None, ""))


def fact_summary(kind: str, record: dict[str, Any], names: dict[str, str]) -> str:
    """One line saying what a fact is: its pair, date and what it states."""
    who = "-".join(record.get("parties") or record.get("countries") or [])
    when = record.get("date") or record.get("year")
    return " ".join(cell(p) for p in (who, when, fact_what(kind, record, names)) if p not in (None, ""))


def _numbered_spans(facts: dict[str, list[dict[str, Any]]], doc_id: str
                    ) -> tuple[list[tuple[int, str, dict[str, Any]]], list[tuple[int, int, list[int]]]]:
    """The facts numbered from 1, and the evidence spans in this document with the numbers of the
    facts they support (a span overlapping an earlier one joins it)."""
    numbered, by_span = [], {}
    n = 0
    for section, records in facts.items():
        for record in records:
            n += 1
            numbered.append((n, section[:-1] if section.endswith("s") else section, record))
            for e in record.get("evidence") or []:
                if e.get("document") == doc_id:
                    by_span.setdefault((e["start"], e["end"]), []).append(n)
    spans: list[tuple[int, int, list[int]]] = []
    for (start, end), numbers in sorted(by_span.items()):
        if spans and start < spans[-1][1]:
            last = spans[-1]
            spans[-1] = (last[0], max(last[1], end), sorted(set(last[2] + numbers)))
        else:
            spans.append((start, end, numbers))
    return numbered, spans


def _console(out: TextIO) -> Any:
    from rich.console import Console

    terminal = out.isatty() if hasattr(out, "isatty") else False
    return Console(file=out, force_terminal=terminal, no_color=not terminal, highlight=False, markup=False,
                   emoji=False, soft_wrap=not terminal), terminal


def _highlighted(text: str, offset: int, spans: list[tuple[int, int, list[int]]], terminal: bool) -> Any:
    """`text` (starting at `offset` in the body) with the spans marked and their fact numbers after them."""
    from rich.text import Text

    out = Text()
    pos = 0
    for start, end, numbers in spans:
        a, b = max(start - offset, 0), min(end - offset, len(text))
        if b <= a or a < pos:
            continue
        out.append(text[pos:a])
        label = "[" + ",".join(map(str, numbers)) + "]" if numbers else ""
        if terminal:
            out.append(text[a:b], style="reverse")
            out.append(label, style="bold cyan")
        else:
            out.append(f"{MARK_OPEN}{text[a:b]}{MARK_CLOSE}{label}")
        pos = b
    out.append(text[pos:])
    return out


def show_document(doc: Any, record: dict[str, Any], found: dict[str, Any], names: dict[str, str],
                  raw: bool, out: TextIO) -> None:
    """A document for a person: metadata; the clean text with the sentences that facts came from
    highlighted and numbered (or the raw text with what the cleaner removed); then the facts. For a
    passage or a fact (`found["kind"]`), the paragraphs that hold it, it highlighted."""
    console, terminal = _console(out)
    meta = doc.meta
    version = f"{record['version']}" + (f" (supersedes {record['supersedes']})" if record.get("supersedes") else "") \
        + (f" (superseded by {record['superseded_by']})" if record.get("superseded_by") else "")
    for label, value in (("id", record["id"]), ("path", doc.path), ("sources", ", ".join(record["sources"])),
                         ("version", version), ("language", doc.language), ("title", meta.title),
                         ("published", meta.published.iso() if meta.published else None),
                         ("url", meta.url), ("author", meta.author), ("source", meta.source),
                         ("photo credits", ", ".join(meta.photo_credits) or None),
                         ("duplicate of", doc.duplicate_of),
                         ("capped", "; ".join(f"{c['found']:,} {kind} found, first {c['kept']:,} kept"
                                              for kind, c in doc.capped.items()) or None)):
        if value:
            console.print(f"{label:>13}: {cell(value)}")
    console.print()
    if raw:
        _show_raw(doc, console, terminal)
        return
    numbered, spans = _numbered_spans(record["facts"], doc.id)
    if found["kind"] != "document":
        thing = found["record"]
        title = found["kind"] + (": " + fact_summary(found["kind"], thing, names) if thing else "")
        console.print(title)
        console.print()
        wanted = [(s, e, []) for s, e in found["spans"]]
        for p in doc.paragraphs:
            if any(s < p.end and e > p.start for s, e, _ in wanted):
                console.print(_highlighted(safe_text(doc.body[p.start:p.end]), p.start, wanted, terminal))
        return
    for p in doc.paragraphs:
        console.print(_highlighted(safe_text(doc.body[p.start:p.end]), p.start, spans, terminal))
    console.print()
    console.print(f"Facts found: {len(numbered)}" if numbered else "No facts found.")
    for n, kind, fact in numbered:
        ident = f"  ({fact['id']})" if fact.get("id") else ""
        console.print(f"  [{n}] {kind:<11} {fact_summary(kind, fact, names)}{ident}")


def _show_raw(doc: Any, console: Any, terminal: bool) -> None:
    removed = {(s.start, s.end): s.kind for s in doc.removed}
    pos = 0
    for line in doc.raw.split("\n"):
        stripped = line.strip()
        start = pos + len(line) - len(line.lstrip())
        kind = removed.get((start, start + len(stripped)))
        if kind:
            console.print(f"- [{kind}] {safe_text(stripped)}", style="dim" if terminal else None)
        elif stripped:
            console.print(f"  {safe_text(stripped)}")
        pos += len(line) + 1


def wrapped(text: str, width: int, indent: int) -> str:
    """`text` wrapped to the columns right of `indent`, continuation lines indented; Chinese,
    Japanese and Korean characters take two columns; a parenthesis is never split across lines."""
    import textwrap
    import unicodedata

    columns = max(40, width - indent)
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    if wide > len(text) / 2:
        columns //= 2
    if wide > len(text) / 2:  # no spaces to break at: lines of so many characters
        flat = " ".join(text.split())
        lines = [flat[i:i + columns] for i in range(0, len(flat), columns)]
        return ("\n" + " " * indent).join(lines)
    glue = "\x00"  # spaces inside parentheses are glued while wrapping
    depth, chars = 0, []
    for ch in " ".join(text.split()):
        if ch in "([（":
            depth += 1
        elif ch in ")]）" and depth:
            depth -= 1
        chars.append(glue if ch == " " and depth else ch)
    lines = textwrap.wrap("".join(chars), width=columns, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * indent).join(line.replace(glue, " ") for line in lines)
