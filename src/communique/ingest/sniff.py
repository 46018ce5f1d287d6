"""Which reader a file needs, from its leading bytes first and its extension second.

Content wins over the extension: a `.txt` that starts with `%PDF-` is a PDF, an `.html` that
is plain prose is text. The extension only decides between text and Markdown.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import PurePath

from communique.ingest.decoding import unicode_encoding

# How many leading bytes are read to sniff the format.
SNIFF_BYTES = 65536
# The PDF header may follow some junk; the standard allows it within the first 1024 bytes.
PDF_HEADER_WINDOW = 1024
# Markup that does not start with <html or <!doctype counts as HTML if it starts with a tag and
# has at least this many known HTML tags in the sniffed head.
HTML_MIN_TAGS = 3
# Lines sampled to recognise JSON Lines, and the share of them that must be JSON objects
# (not all: a corrupt line must not turn a JSONL file into text).
JSONL_SAMPLE_LINES = 10
JSONL_MIN_OBJECT_SHARE = 0.5

MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown", ".mkd"}
# Formats of other binary files, named in the rejection reason.
BINARY_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"Rar!": "RAR archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "legacy Office (OLE) file",
    b"\x7fELF": "ELF executable",
}

_PDF_HEADER = re.compile(rb"(?:\A|[\r\n])%PDF-\d")
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_JSON_OBJECT_START = re.compile(r'\A\s*\{\s*"[^"\n]*"\s*:')
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|title|meta|link|div|span|p|a|br|hr|img|ul|ol|li|table|tr|td|th|h[1-6]|"
    r"article|section|header|footer|nav|main|strong|em|b|i|script|style|figure|figcaption)\b[^<>]*>",
    re.I,
)


def sniff_format(path: str | PurePath, head: bytes) -> str:
    """Return the format of a file from its leading bytes (`head`) and its name.

    One of 'pdf', 'docx', 'html', 'jsonl', 'markdown', 'text', or 'zip' (a ZIP that is not a
    DOCX) or 'binary:<what>' for other known binary formats. Text that will not decode is left
    for the decoder to reject.
    """
    suffix = PurePath(path).suffix.lower()
    if _PDF_HEADER.search(head[:PDF_HEADER_WINDOW]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path, suffix)
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            return f"binary:{what}"
    text = _head_text(head)
    if _looks_like_markup(text):
        return "html"
    if _looks_like_jsonl(text, complete=len(head) < SNIFF_BYTES):
        return "jsonl"
    return "markdown" if suffix in MARKDOWN_EXTENSIONS else "text"


def _sniff_zip(path: str | PurePath, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            return "docx" if "word/document.xml" in archive.namelist() else "zip"
    except (zipfile.BadZipFile, OSError):
        # a damaged archive named .docx goes to the DOCX reader, which says what is wrong
        return "docx" if suffix == ".docx" else "zip"


def _head_text(head: bytes) -> str:
    """The head as text good enough for spotting markup and JSON (exact decoding comes later)."""
    name = unicode_encoding(head)
    if name:
        return head.decode(name, errors="ignore").lstrip("\ufeff")
    return head.decode("latin-1")  # ASCII-compatible: tags and braces stay what they are


def _looks_like_markup(text: str) -> bool:
    if _HTML_START.match(text):
        return True
    stripped = text.lstrip()
    return stripped.startswith("<") and len(_HTML_TAG.findall(stripped)) >= HTML_MIN_TAGS


def _looks_like_jsonl(text: str, complete: bool) -> bool:
    lines = text.split("\n")
    if not complete:
        lines = lines[:-1]  # the last line of a cut-off head may be partial
    sample = [line for line in lines if line.strip()][:JSONL_SAMPLE_LINES]
    if not sample:  # one line longer than the head: judge by how it starts
        return bool(_JSON_OBJECT_START.match(text))
    objects = 0
    for line in sample:
        try:
            objects += isinstance(json.loads(line), dict)
        except ValueError:
            continue
    return objects >= JSONL_MIN_OBJECT_SHARE * len(sample)
