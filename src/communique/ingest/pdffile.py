"""PDF files: the text layer, page by page, with pypdf."""

from __future__ import annotations

import io
import re

from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, StreamObject

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
# Compression bombs. A page's content inflates to a few KB to a few MB; pypdf caps each stream
# (75 MB by default) and keeps every stream it inflated until the reader goes, so a bomb of many
# pages each under the cap grew by 1.3 GB in 20 pages. The caps below bound one stream, the page
# content of the whole document, and the text taken from it.
MAX_STREAM_BYTES = 25_000_000
# Tokens parsed in one content stream: a dense page of text has some 10-50 thousand; pypdf's
# default of 2 million grew memory by 400 MB.
MAX_STREAM_TOKENS = 500_000
MAX_CONTENT_BYTES = 100_000_000
MAX_TEXT_CHARS = 20_000_000
_PYPDF_LIMITS = {
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "stream_parsing_work_maximum_count": MAX_STREAM_TOKENS,
}
_BOMB = "possible compression bomb"


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF's bytes into a Document (format 'pdf', pages separated by blank lines).

    Hints: title and author from the document info; `extra` has the page count, the character
    offset in `raw` where each page starts, and the creation date (not taken as the publication
    date: it is the file's). Raises RejectedInput for truncated, broken or encrypted PDFs, for
    PDFs without a text layer, and for compression bombs (past MAX_STREAM_BYTES or MAX_STREAM_TOKENS
    in one stream, MAX_CONTENT_BYTES of page content or MAX_TEXT_CHARS of text in all).
    """
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise RejectedInput(path, "truncated PDF (no %%EOF marker at the end)")
    try:
        with apply_configuration(**_PYPDF_LIMITS):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise RejectedInput(path, "encrypted PDF (needs a password)")
            if len(reader.pages) > MAX_PAGES:
                raise RejectedInput(path, f"PDF of {len(reader.pages):,} pages (the limit is {MAX_PAGES:,})")
            pages = _pages_text(path, reader)
            info = reader.metadata
    except RejectedInput:
        raise
    except LimitReachedError as error:
        raise RejectedInput(path, f"PDF over a reading limit ({_BOMB}: {error})") from None
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


def _pages_text(path: str, reader: PdfReader) -> list[str]:
    """Each page's text, within the document's budgets of inflated content and of text."""
    pages: list[str] = []
    budget = _ContentBudget(path)
    chars = 0
    for page in reader.pages:
        budget.spend_on(page)
        text = _page_text(page.extract_text() or "")
        chars += len(text)
        if chars > MAX_TEXT_CHARS:
            raise RejectedInput(path, f"PDF text over {MAX_TEXT_CHARS:,} characters ({_BOMB})")
        pages.append(text)
    return pages


# Forms (XObjects) drawn inside forms are counted this deep; pypdf's own limit is on invocations.
MAX_FORM_DEPTH = 4


class _ContentBudget:
    """The inflated bytes of page content and of the forms pages draw, summed over the document and
    checked after each stream. Memory is what it bounds: pypdf keeps each stream it inflated (once,
    however many pages draw it), and extract_text reuses it."""

    def __init__(self, path: str):
        self.path = path
        self.left = MAX_CONTENT_BYTES
        self.seen: set[int] = set()

    def spend_on(self, page: PageObject) -> None:
        contents = _resolved(page.get("/Contents"))
        for stream in contents if isinstance(contents, ArrayObject) else [contents]:
            self._spend_on(_resolved(stream))
        self._spend_on_forms(page.get("/Resources"), MAX_FORM_DEPTH)

    def _spend_on_forms(self, resources: object, depth: int) -> None:
        resources = _resolved(resources)
        xobjects = _resolved(resources.get("/XObject")) if isinstance(resources, dict) else None
        if depth == 0 or not isinstance(xobjects, dict):
            return
        for ref in xobjects.values():
            form = _resolved(ref)
            if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form" and self._spend_on(form):
                self._spend_on_forms(form.get("/Resources"), depth - 1)

    def _spend_on(self, stream: object) -> bool:
        """Count a stream not counted yet; whether it was."""
        if not isinstance(stream, StreamObject) or id(stream) in self.seen:
            return False
        self.seen.add(id(stream))
        self.left -= len(stream.get_data())
        if self.left < 0:
            raise RejectedInput(self.path, f"PDF page content inflates to over {MAX_CONTENT_BYTES:,} bytes ({_BOMB})")
        return True


def _resolved(value: object) -> object:
    return value.get_object() if hasattr(value, "get_object") else value


def _page_text(text: str) -> str:
    return normalize_text(_CONTROLS.sub("", text)).strip()


def _info_text(value: object) -> str | None:
    return normalize_text(str(value)).strip() or None if value else None
