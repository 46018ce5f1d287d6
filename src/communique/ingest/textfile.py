"""Plain text and Markdown files."""

from __future__ import annotations

import re

import yaml

from communique import safeyaml
from communique.errors import RejectedInput
from communique.ingest.decoding import decode_bytes
from communique.ingest.hints import metadata_from_mapping
from communique.model import Document, Metadata

# YAML front matter: '---' on the first line, closed by '---' or '...'.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_DATE_KEYS = ("published", "date")
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)


def read_text(path: str, data: bytes) -> Document:
    """Read a plain-text file's bytes into a Document (format 'text', no hints)."""
    text, encoding = decode_bytes(data, path)
    return Document(path=path, raw=text, format="text", encoding=encoding)


def read_markdown(path: str, data: bytes) -> Document:
    """Read a Markdown file's bytes into a Document (format 'markdown').

    YAML front matter, if any, becomes the hints (title, date/published, url, author, source,
    the rest in `extra`) and is left out of `raw`; otherwise the first '# ' heading is the title.
    """
    text, encoding = decode_bytes(data, path)
    hints = Metadata()
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            fields = safeyaml.load(match.group(1))
        except (yaml.YAMLError, safeyaml.UnsafeYAML) as error:
            if isinstance(error, safeyaml.UnsafeYAML):
                raise RejectedInput(path, f"front matter refused ({error})") from None
            fields = None
        if isinstance(fields, dict):
            hints = metadata_from_mapping(
                {str(k): v for k, v in fields.items()}, date_keys=FRONT_MATTER_DATE_KEYS
            )
            text = text[match.end() :]
            if not text.strip():
                raise RejectedInput(path, "no text after the front matter")
    if hints.title is None:
        heading = _H1.search(text)
        if heading:
            hints.title = heading.group(1)
    return Document(path=path, raw=text, format="markdown", encoding=encoding, hints=hints)
