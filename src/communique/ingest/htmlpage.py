"""HTML pages: main content and metadata with trafilatura, the text of <body> as a fallback."""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml import etree

from communique.errors import RejectedInput
from communique.ingest.decoding import decode_bytes, normalize_text
from communique.ingest.hints import parse_date
from communique.model import Document, Metadata

# Markup nested deeper than this is refused before parsing: deep trees make parsers and tree
# walkers (recursive in places) slow or crash; real pages stay far below 100.
MAX_HTML_DEPTH = 400
# Only this many leading bytes are searched for a declared charset.
CHARSET_WINDOW = 4096

_VOID = frozenset(
    ("area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "keygen")
    + ("link", "meta", "param", "source", "track", "wbr")
)
# Start tags that close an open element implicitly: tag -> (what they close, containers that stop
# the search). Block elements close an open <p>, a new <li> closes the previous one, and so on.
_P_CLOSERS = (
    *("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption"),
    *("figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu"),
    *("nav", "ol", "p", "pre", "section", "table", "ul"),
)
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **{
        tag: (frozenset({"p"}), frozenset({"table", "td", "th", "button", "object", "template"}))
        for tag in _P_CLOSERS
    },
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
}
# Comments and raw-text elements are skipped whole; group 2 = '/', group 3 = tag name, group 4 = '/'.
# Attribute runs stop at '<' so that a stray '<' costs a short scan, not one to the end of the file.
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea)\b[^<>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>",
    re.S | re.I,
)
_CHARSET = re.compile(
    rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding=["']([^"']+)""", re.I
)
# Elements whose text is never page text, and elements that start a new paragraph.
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {
    *("address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt"),
    *("fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
    *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"),
}


def html_depth(markup: str, limit: int = MAX_HTML_DEPTH) -> int:
    """Nesting depth of the elements in `markup`, by a cheap scan of the tags (no parsing).

    Void elements and implied end tags (`<p>`, `<li>`, ...) are taken into account; the scan
    stops as soon as the depth exceeds `limit`, so the result is at most `limit + 1`.
    """
    stack: list[str] = []
    deepest = 0
    for match in _TAG.finditer(markup):
        name = match.group(3)
        if not name:
            continue
        name = name.lower()
        if match.group(2):
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if name in _VOID or match.group(4):
            continue
        if name in _IMPLIED_END:
            _close_implied(stack, *_IMPLIED_END[name])
        stack.append(name)
        deepest = max(deepest, len(stack))
        if deepest > limit:
            break
    return deepest


def _close_implied(stack: list[str], closes: frozenset[str], scope: frozenset[str]) -> None:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index] in closes:
            del stack[index:]
            return
        if stack[index] in scope:
            return


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag or XML declaration, if any."""
    match = _CHARSET.search(data[:CHARSET_WINDOW])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", errors="ignore") or None


def extract_html(markup: str, path: str, url: str | None = None) -> tuple[str, Metadata]:
    """Main text (paragraphs separated by blank lines) and metadata of an HTML page.

    Takes the decoded markup, the path to name in errors and an optional known URL. Raises
    RejectedInput for markup nested deeper than MAX_HTML_DEPTH or a page without any text.
    """
    depth = html_depth(markup)
    if depth > MAX_HTML_DEPTH:
        raise RejectedInput(path, f"HTML nested deeper than {MAX_HTML_DEPTH} levels (possible HTML bomb)")
    try:
        result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    except Exception:  # a parser failure on odd markup: fall back to the plain body text
        result = None
    text = _blocks_text(result.body) if result is not None and result.body is not None else ""
    meta = _metadata(result) if result is not None else Metadata()
    if not text.strip():
        text = body_text(markup)
        if result is None:
            meta = _fallback_metadata(markup, url)
    text = normalize_text(text).strip()
    if not text:
        raise RejectedInput(path, "no text in HTML page")
    return text, meta


def read_html(path: str, data: bytes) -> Document:
    """Read an HTML file's bytes into a Document (format 'html', raw = extracted main text)."""
    markup, encoding = decode_bytes(data, path, declared=declared_charset(data))
    raw, hints = extract_html(markup, path)
    return Document(path=path, raw=raw, format="html", encoding=encoding, hints=hints)


def _metadata(result: Any) -> Metadata:
    meta = Metadata(
        title=_clean(result.title),
        published=parse_date(result.date),
        url=_clean(result.url),
        author=_clean(result.author),
        source=_clean(result.sitename),
    )
    for key in ("description", "hostname", "categories", "tags", "language", "image", "pagetype", "license"):
        value = getattr(result, key, None)
        if value:
            meta.extra[key] = normalize_text(value) if isinstance(value, str) else value
    return meta


def _fallback_metadata(markup: str, url: str | None) -> Metadata:
    try:
        return _metadata(trafilatura.extract_metadata(markup, default_url=url))
    except Exception:  # metadata is a bonus; the text already stands
        return Metadata(url=url)


def _clean(value: str | None) -> str | None:
    return normalize_text(value).strip() or None if value else None


def _blocks_text(body: etree._Element) -> str:
    """Text of trafilatura's output tree (p, head, list, table, quote, lb): one block per paragraph."""
    blocks: list[str] = []
    _collect_blocks(body, blocks)
    return "\n\n".join(block for block in blocks if block)


def _collect_blocks(element: etree._Element, blocks: list[str]) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("list", "quote", "div", "body") or (tag == "item" and child.find("list") is not None):
            if tag == "item":
                blocks.append(_tidy(_inline(child, skip="list")))
            _collect_blocks(child, blocks)
        elif tag == "table":
            rows = [" | ".join(_tidy(_inline(cell)) for cell in row) for row in child.iter("row")]
            blocks.append("\n".join(row for row in rows if row.strip(" |")))
        elif tag != "graphic":
            blocks.append(_tidy(_inline(child)))


def _inline(element: etree._Element, skip: str = "") -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != skip:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def body_text(markup: str) -> str:
    """Visible text of the whole <body> (scripts and styles dropped), blocks separated by blank lines."""
    try:
        tree = trafilatura.load_html(markup)
    except Exception:
        tree = None
    if tree is None:
        return ""
    body = tree.find(".//body")
    blocks: list[str] = []
    current: list[str] = []
    _walk_body(body if body is not None else tree, blocks, current)
    blocks.append("".join(current))
    return "\n\n".join(filter(None, (_tidy(block) for block in blocks)))


def _walk_body(element: etree._Element, blocks: list[str], current: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "br":
        current.append("\n")
        return
    block = tag in _BLOCK
    if block:
        blocks.append("".join(current))
        current.clear()
    if isinstance(element.tag, str):  # comments and processing instructions have no text of their own
        current.append(element.text or "")
    for child in element:
        _walk_body(child, blocks, current)
        current.append(child.tail or "")
    if block:
        blocks.append("".join(current))
        current.clear()
