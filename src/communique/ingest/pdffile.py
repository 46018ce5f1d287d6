"""PDF files: the text layer, page by page, with pypdf."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from communique.errors import RejectedInput
from communique.ingest.decoding import normalize_text
from communique.model import Document, Metadata

# A complete PDF ends with '%%EOF', possibly followed by a little padding or junk.
EOF_WINDOW = 2048
# Fewer letters than this per page on average means the text layer is missing (scanned pages with
# at most page numbers or a stamp as text).
MIN_LETTERS_PER_PAGE = 10
# Control characters that text layers sometimes carry (NUL, glyph codes); tab and newline stay.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# More pages than this is refused before any is read (the longest reports analysts track run to ~1,000).
MAX_PAGES = 2_000


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF's bytes into a Document (format 'pdf', pages separated by blank lines).

    Hints: title and author from the document info; `extra` has the page count, the character
    offset in `raw` where each page starts, and the creation date (not taken as the publication
    date: it is the file's). Raises RejectedInput for truncated, broken or encrypted PDFs and
    for PDFs without a text layer.
    """
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise RejectedInput(path, "truncated PDF (no %%EOF marker at the end)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise RejectedInput(path, "encrypted PDF (needs a password)")
        if len(reader.pages) > MAX_PAGES:
            raise RejectedInput(path, f"PDF of {len(reader.pages):,} pages (the limit is {MAX_PAGES:,})")
        pages = [_page_text(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata
    except RejectedInput:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise RejectedInput(path, f"broken PDF ({type(error).__name__}: {error})") from None
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    for text in pages:
        if text and length:
            parts.append("\n\n")
            length += 2
        offsets.append(length)
        parts.append(text)
        length += len(text)
    raw = "".join(parts)
    letters = sum(c.isalpha() for c in raw)
    if letters < MIN_LETTERS_PER_PAGE * len(pages) or not raw:
        raise RejectedInput(
            path, f"PDF has no text layer ({letters} letters in {len(pages)} pages; scanned images need OCR)"
        )
    hints = Metadata(extra={"pages": len(pages), "page_offsets": offsets})
    if info is not None:
        hints.title = _info_text(info.title)
        hints.author = _info_text(info.author)
        try:
            created = info.creation_date
        except Exception:  # malformed date strings raise
            created = None
        if created is not None:
            hints.extra["created"] = created.date().isoformat()
    return Document(path=path, raw=raw, format="pdf", encoding=None, hints=hints)


def _page_text(text: str) -> str:
    return normalize_text(_CONTROLS.sub("", text)).strip()


def _info_text(value: object) -> str | None:
    return normalize_text(str(value)).strip() or None if value else None
