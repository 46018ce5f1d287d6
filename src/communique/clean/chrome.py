"""Page-chrome removal for articles saved as text.

Two passes over the lines of a document:
1. `classify_line` says what each line looks like on its own (prose, headline, section marker,
   caption, dateline, URL, footer...), from the lexicon and the measures in `lines.py`;
2. `mark_document` decides, from where lines stand, what is the article: the title is the
   headline before the first prose; a tail marker after the prose starts the site's lists of
   other articles; a box of links after an inline marker ends where prose resumes; bylines,
   attributions and URLs at the end of the article are metadata.
Nothing here knows a site or a document: the words are in data/chrome.yaml, the numbers in settings.
"""

from __future__ import annotations

import re

from communique.clean.lexicon import ChromeLexicon, marker_key
from communique.clean.lines import (
    Line,
    ends_sentence,
    has_clause_punctuation,
    is_cjk,
    is_url,
    units,
    word_count,
)
from communique.clean.normalize import fold
from communique.clean.settings import CleanerSettings
from communique.extract.dates import find_dates

# Kinds of line that stay in the body.
KEPT = frozenset({"title", "prose", "headline", "caption", "dateline_body"})
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}(?::\d{2})?\b|\d{1,2}时\d{1,2}分")
_DIGIT = re.compile(r"\d")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_.'’-]*(?:[-'’.][^\W\d_]+)*\.?$")


def classify_line(line: Line, lex: ChromeLexicon, settings: CleanerSettings) -> None:
    """Set `line.kind` (and `line.value`) from the line alone."""
    text = line.text
    if not text:
        line.kind = "blank"
        return
    if is_url(text):
        line.kind, line.value = "url", text
        return
    key = marker_key(text)
    if key in lex.tail_markers:
        line.kind = "tail_marker"
        return
    if key in lex.inline_markers:
        line.kind = "inline_marker"
        return
    size = units(text)
    if any(p.search(text) for p in lex.footer) and size <= 3 * settings.label_max_units:
        line.kind = "footer"
        return
    if any(p.search(text) for p in lex.image_alt):
        line.kind = "image_alt"
        return
    for pattern in lex.caption_credit:
        match = pattern.search(text)
        if match:
            line.value = match.group("credit").strip(" .;,") or None
            rest = text[: match.start()].strip(" .,-–—()（）")
            line.kind = "caption" if units(rest) >= 2 else "credit_only"
            return
    if size <= settings.label_max_units:
        for pattern in lex.attribution:
            match = pattern.search(text)
            if match:
                line.kind, line.value = "attribution", match.group("source").strip(" .。")
                return
    for pattern in lex.byline:
        match = pattern.search(text)
        if match:
            line.kind, line.value = "byline", match.group("author").strip()
            return
    if size <= 3 * settings.label_max_units and _dateline(line, lex, settings):
        return
    punctuated = has_clause_punctuation(text)
    if not punctuated and size >= settings.headline_run_min_units:
        line.kind = "headline_run"
    elif ends_sentence(text) or (punctuated and size >= settings.prose_min_units):
        line.kind = "prose"
    else:
        line.kind = "headline"


def _dateline(line: Line, lex: ChromeLexicon, settings: CleanerSettings) -> bool:
    """A line that is mostly a date (with weekday, time, author or source around it)."""
    mentions = [m for m in find_dates(line.text) if m.year is not None and m.month is not None]
    if not mentions:
        return False
    leftover = line.text
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        leftover = leftover[: m.start] + " " + leftover[m.end :]
    leftover = _TIME.sub(" ", leftover)
    folded = fold(leftover)
    for word in lex.dateline_words:
        folded = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", folded)
    source = None
    for label in lex.dateline_source_labels:
        match = re.search(rf"{re.escape(label)}\s*[:：]\s*(\S.*)$", folded)
        if match:
            start = match.start(1)
            source = leftover[start : start + len(match.group(1))].strip()
            folded = folded[: match.start()]
    rest = re.sub(r"[\W_]+", " ", folded).strip()
    if units(rest) > settings.dateline_max_leftover_units:
        return False
    line.kind = "dateline"
    # The leftover text of the original (not folded) line is the author, if any.
    author = re.sub(r"[\s\W_]+$|^[\s\W_]+", "", _strip_like(leftover, folded, rest))
    line.value = author or None
    line.info["date"] = mentions[0]
    if source:
        line.info["source"] = source
    return True


def _strip_like(original: str, folded: str, rest: str) -> str:
    """The stretch of `original` that `rest` (a cleaned piece of `folded`) came from."""
    if not rest:
        return ""
    first, last = rest.split()[0], rest.split()[-1]
    start = folded.find(first)
    end = folded.rfind(last) + len(last)
    return original[start:end] if 0 <= start < end else ""


def looks_like_byline(text: str, settings: CleanerSettings) -> bool:
    """A short line of capitalised name words with no digits ("Mạnh Quân", "LƯU THỦY", "张伟")."""
    if len(text) > settings.byline_max_chars or _DIGIT.search(text) or ends_sentence(text):
        return False
    if is_cjk(text):
        return len(text.replace(" ", "")) <= 4
    words = text.replace("/", " ").split()
    if not 1 <= len(words) <= settings.byline_max_words:
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def _is_breadcrumb(text: str, lex: ChromeLexicon, settings: CleanerSettings) -> bool:
    for sep in lex.breadcrumb_separators:
        parts = [p.strip() for p in text.split(sep)]
        if len(parts) >= 2 and all(p and units(p) <= 4 for p in parts):
            return True
    return units(text) < settings.title_min_units


def _next_content(lines: list[Line], i: int, step: int = 1) -> int | None:
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank:
            return j
        j += step
    return None


def mark_document(lines: list[Line], lex: ChromeLexicon, settings: CleanerSettings) -> None:
    """Decide, from where lines stand, which are the article; reset `kind` of the others."""
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    first_prose = next((i for i in content if lines[i].kind == "prose"), len(lines))

    _mark_head(lines, content, first_prose, lex, settings)
    cut = _mark_tail(lines, first_prose, settings)
    _mark_boxes(lines, first_prose, cut, settings)
    end = _mark_end_of_article(lines, first_prose, cut, settings)
    for line in lines[first_prose:end]:
        if line.kind == "dateline":  # a date line inside the text ("Hà Nội, ngày 29/10/2025") stays
            line.kind = "dateline_body"
    _mark_repeats(lines)


def _mark_head(lines: list[Line], content: list[int], first_prose: int,
               lex: ChromeLexicon, settings: CleanerSettings) -> None:
    title_seen = False
    for n, i in enumerate(content):
        if i >= first_prose:
            break
        line = lines[i]
        if line.kind == "headline" and not title_seen:
            if n < settings.head_lines and not _is_breadcrumb(line.text, lex, settings) \
                    and units(line.text) <= settings.title_max_units:
                line.kind = "title"
                title_seen = True
            else:
                line.kind = "label"
        elif line.kind in ("tail_marker", "inline_marker"):
            line.kind = "nav"
        elif line.kind == "dateline_body":
            line.kind = "dateline"


def _mark_tail(lines: list[Line], first_prose: int, settings: CleanerSettings) -> int:
    """Index where the site's own lists start (everything from there is chrome), or len(lines)."""
    for i in range(first_prose, len(lines)):
        if lines[i].kind == "tail_marker":
            cut = i
            break
    else:
        return len(lines)
    for line in lines[cut:]:
        if not line.blank:
            line.kind = "site_tail" if line.kind != "tail_marker" else line.kind
    return cut


def _mark_boxes(lines: list[Line], first_prose: int, cut: int, settings: CleanerSettings) -> None:
    """An inline marker and the links after it, up to where the article's prose resumes."""
    i = first_prose
    while i < cut:
        if lines[i].kind != "inline_marker":
            i += 1
            continue
        j = _next_content(lines, i)
        while j is not None and j < cut:
            line = lines[j]
            if line.kind == "prose":
                # Prose between two headlines is a teaser of another article.
                nxt = _next_content(lines, j)
                teaser = nxt is not None and nxt < cut and lines[nxt].kind in ("headline", "headline_run")
                resumed = 0
                k: int | None = j
                while k is not None and k < cut and lines[k].kind == "prose" and not teaser:
                    resumed += 1
                    k = _next_content(lines, k)
                if resumed >= settings.resume_prose_lines or (not teaser and resumed and k is None):
                    break
            if line.kind not in ("prose", "headline", "headline_run", "url", "image_alt",
                                 "credit_only", "footer", "inline_marker"):
                break
            line.kind = "link_box"
            j = _next_content(lines, j)
        lines[i].kind = "link_box"
        i = (j if j is not None else cut) if j != i else i + 1


def _mark_end_of_article(lines: list[Line], first_prose: int, cut: int, settings: CleanerSettings) -> int:
    """Bylines, attributions, URLs and footers between the last paragraph and the site's tail.

    Returns the index where the article's text ends."""
    end = cut
    j = _next_content(lines, cut, -1)
    while j is not None and j > first_prose:
        line = lines[j]
        if line.kind in ("url", "attribution", "byline", "footer", "credit_only", "link_box", "dateline"):
            pass
        elif line.kind == "headline" and looks_like_byline(line.text, settings):
            line.kind, line.value = "byline", line.text
        else:
            break
        end = j
        j = _next_content(lines, j, -1)
    return end


def _mark_repeats(lines: list[Line]) -> None:
    """A kept line that repeats an earlier one is image alt text or a repeated caption."""
    seen: set[str] = set()
    for line in lines:
        if line.kind not in KEPT:
            continue
        key = marker_key(line.text)
        if key in seen and word_count(line.text) > 0:
            line.kind = "repeat"
        seen.add(key)
