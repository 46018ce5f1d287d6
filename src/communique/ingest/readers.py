"""One file in, Documents or RejectedInputs out: size checks, format sniffing, dispatch to a reader."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from communique.errors import RejectedInput
from communique.ingest.docxfile import read_docx
from communique.ingest.htmlpage import read_html
from communique.ingest.jsonl import read_jsonl
from communique.ingest.limits import DEFAULT_MAX_BYTES
from communique.ingest.pdffile import read_pdf
from communique.ingest.sniff import SNIFF_BYTES, sniff_format
from communique.ingest.textfile import read_markdown, read_text
from communique.model import Document

# Readers of whole files: (path, bytes) -> Document; JSONL is streamed separately.
READERS: dict[str, Callable[[str, bytes], Document]] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | RejectedInput]:
    """Read one file; yield its Document(s), or a RejectedInput saying why (never raises it).

    Takes a file path and a size limit (checked on the open file before reading; for JSON Lines,
    streamed, on each line). Yields one
    Document for text, Markdown, HTML, PDF and DOCX files, one per line for JSON Lines,
    and a RejectedInput for a missing, too large, empty, binary, truncated or undecodable file or
    line, and for a file written to while it was read (its bytes could mix two versions).
    """
    name = str(path)
    try:
        info = os.stat(path)
    except OSError as error:
        yield RejectedInput(name, f"cannot read ({error.strerror or error})")
        return
    if not stat.S_ISREG(info.st_mode):
        yield RejectedInput(name, "not a regular file")
        return
    try:
        # Non-blocking: if the path became a FIFO since stat, opening it must not wait for a writer.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            # From here on the open file decides, not the path (it may have been replaced since stat).
            opened = os.fstat(handle.fileno())
            refusal = _refusal(opened)
            if refusal:
                yield RejectedInput(name, refusal)
                return
            head = handle.read(SNIFF_BYTES)
            kind = sniff_format(name, head)
            if kind == "jsonl":
                # Streamed line by line from this handle: each line is bounded, the file is not.
                handle.seek(0)
                yield from read_jsonl(name, handle, max_bytes)
                return
            if opened.st_size > max_bytes:
                yield RejectedInput(name, f"too large ({opened.st_size:,} bytes; the limit is {max_bytes:,})")
                return
            data = head + handle.read(max(0, max_bytes + 1 - len(head)))
            if _changed(opened, os.fstat(handle.fileno())):
                yield RejectedInput(name, "changed while it was read (read it again once it is complete)")
                return
        if len(data) > max_bytes:  # the file grew after stat
            yield RejectedInput(name, f"too large (over the limit of {max_bytes:,} bytes)")
        elif kind in READERS:
            yield READERS[kind](name, data)
        elif kind == "zip":
            yield RejectedInput(name, "unsupported format (ZIP archive that is not a DOCX)")
        else:
            yield RejectedInput(name, f"binary data ({kind.removeprefix('binary:')})")
    except RejectedInput as rejected:
        yield rejected
    except OSError as error:
        yield RejectedInput(name, f"cannot read ({error.strerror or error})")


def _refusal(info: os.stat_result) -> str | None:
    """Why a file is refused before anything is read (its type, or nothing in it), or None."""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "empty file"
    return None


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    """Whether the open file was written to between two fstat calls (its bytes may mix two versions)."""
    return (before.st_size, before.st_mtime_ns, before.st_ctime_ns) != (
        after.st_size, after.st_mtime_ns, after.st_ctime_ns)
