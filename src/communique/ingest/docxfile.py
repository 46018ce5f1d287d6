"""Word (.docx) files: paragraphs and tables in document order, with python-docx."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence

import docx
from docx.document import Document as DocxDocument
from docx.table import Table, _Cell

from communique.errors import RejectedInput
from communique.ingest.decoding import normalize_text
from communique.model import Document, Metadata


def read_docx(path: str, data: bytes) -> Document:
    """Read a DOCX file's bytes into a Document (format 'docx', one paragraph per block).

    Paragraphs are separated by blank lines; a table is one block with a line per row and cells
    joined by ' | '. Hints: title and author from the core properties, `extra['created']`.
    Raises RejectedInput for broken files and documents without text.
    """
    _check_archive(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [normalize_text(block).strip() for block in _blocks(document)]
        properties = document.core_properties
    except Exception as error:  # zipfile, lxml and python-docx raise many kinds on damaged files
        raise RejectedInput(path, f"broken DOCX ({type(error).__name__}: {error})") from None
    raw = "\n\n".join(block for block in blocks if block)
    if not raw:
        raise RejectedInput(path, "DOCX has no text")
    hints = Metadata(
        title=normalize_text(properties.title).strip() or None if properties.title else None,
        author=normalize_text(properties.author).strip() or None if properties.author else None,
    )
    if properties.created is not None:
        hints.extra["created"] = properties.created.date().isoformat()
    return Document(path=path, raw=raw, format="docx", encoding=None, hints=hints)


# What a DOCX may unpack to, in all and as a share of its size: an office document compresses some
# 5-20 times; a zip bomb, thousands of times.
MAX_UNPACKED_BYTES = 200_000_000
MAX_UNPACK_RATIO = 200
MAX_MEMBERS = 10_000
# Bytes of each part read to find where its XML prolog ends (Word writes a prolog of ~60 bytes).
PROLOG_BYTES = 65536
# An XML prolog: an optional BOM, then declarations, processing instructions and comments.
_PROLOG = re.compile(r"\A\ufeff?\s*(?:(?:<\?.*?\?>|<!--.*?-->)\s*)*", re.S)


def _check_archive(path: str, data: bytes) -> None:
    """Refuse a zip bomb from the archive's directory, before anything is decompressed, and parts
    that declare a DTD. (The sizes it declares are checked again as the parser reads: zipfile stops
    at the declared size.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise RejectedInput(path, f"DOCX with {len(members):,} parts (possible zip bomb)")
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACK_RATIO * max(len(data), 1) + 10_000_000:
                raise RejectedInput(
                    path, f"DOCX would unpack to {unpacked:,} bytes from {len(data):,} (possible zip bomb)"
                )
            for member in members:
                with archive.open(member) as part:
                    head = part.read(PROLOG_BYTES)
                reason = _dtd_refusal(head)
                if reason:
                    raise RejectedInput(path, f"DOCX part {member.filename} {reason}")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise RejectedInput(path, f"broken DOCX ({type(error).__name__}: {error})") from None


def _dtd_refusal(head: bytes) -> str | None:
    """Why an XML part is refused (it declares a DTD, or its prolog is too long to check), or None.

    Office files never carry a DTD (ECMA-376 Part 2 forbids them; consumers treat one as an
    error), and a DTD is where entity bombs and external entities live, so any DTD is refused
    rather than trusting the XML parser to defuse it.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    if not text.lstrip("\ufeff").lstrip().startswith("<"):
        return None  # not XML (an image, a font): the parser never reads it as XML
    prolog = _PROLOG.match(text)
    rest = text[prolog.end():] if prolog else text
    if rest.startswith("<!DOCTYPE"):
        return "declares a DTD (Office files have none; possible XML entity attack)"
    # A comment or instruction still open at the end of the head: the prolog runs on past it.
    if rest[:2] in ("", "<!", "<?") and len(head) == PROLOG_BYTES:
        return f"has an XML prolog over {PROLOG_BYTES:,} bytes"
    return None


def _blocks(document: DocxDocument) -> Iterator[str]:
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            yield "\n".join(_row_text(row.cells) for row in item.rows)
        else:
            yield item.text


def _row_text(cells: Sequence[_Cell]) -> str:
    texts: list[str] = []
    for cell in cells:
        text = " ".join(cell.text.split())
        if not texts or texts[-1] != text:  # merged cells come back once per grid column
            texts.append(text)
    return " | ".join(texts)
