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
    cjk_count,
    ends_sentence,
    glued_joins,
    has_clause_punctuation,
    is_cjk,
    is_url,
    letter_count,
    units,
)
from communique.clean.settings import CleanerSettings
from communique.text.dates import DateMention, find_dates
from communique.text.normalize import fold, to_simplified

# Kinds of line that stay in the body.
KEPT = frozenset({"title", "prose", "headline", "caption", "dateline_body"})
# Kinds that may stand between the last paragraph and the site's tail, and are not the article.
_END_MATTER = frozenset({"url", "attribution", "byline", "editor", "footer", "credit_only", "link_box",
                         "link_line", "share_row", "dateline", "inline_marker", "nav", "widget", "notice"})
# Kinds of line that may stand in a box of links after its marker.
_BOX_KINDS = frozenset({"headline", "headline_run", "url", "image_alt", "credit_only", "footer",
                        "inline_marker", "link_line", "share_row", "widget"})
# A list item or a numbered clause ("- ", "• ", "a) ", "1. ", "(iii) ", "一、", "Điều 3."): never a link.
_LIST_ITEM = re.compile(r"^(?:[-–—•*+·▪►]\s|[(（]?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)）]\s?|"
                        r"[一二三四五六七八九十]+[、.]|(?:Điều|Article|Khoản|第)\s*\d)")
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}(?::\d{2})?\b|\d{1,2}时\d{1,2}分")
_DIGIT = re.compile(r"\d")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_.'’-]*(?:[-'’.][^\W\d_]+)*\.?$")
_PREFIX = re.compile(r"^([^:：]{1,30})[:：]\s*\S")
# Every photo-credit pattern has one of these; lines without are not tried against them.
_CREDIT_HINT = re.compile(r"[:：(（摄]|minh họa|\d\s*$", re.IGNORECASE)
_KICKER = re.compile(r"^[A-Z][A-Z&/ -]{2,24}[:：]\s+\S")
# Marker lines, share bars and marker-led links are short; longer lines are not looked at.
_MARKER_LINE_MAX_CHARS = 120
_PIECES = re.compile(r"\s*(?:[|•·]|\s{2,})\s*")


def classify_line(line: Line, lex: ChromeLexicon, settings: CleanerSettings) -> None:
    """Set `line.kind` (and `line.value`) from the line alone."""
    # Patterns are written in Simplified Chinese; Traditional lines are matched in that form
    # (same length, so offsets and captured values can be read off the original).
    if line.info.get("stamp"):
        return  # a store stamp split off the first line (`split_store_stamp`): a dateline already
    text = to_simplified(line.text)
    if not text:
        line.kind = "blank"
        return
    if is_url(text):
        line.kind, line.value = "url", text
        return
    if _marker_line(line, text, lex):
        return
    size = units(text)
    if size <= 3 * settings.label_max_units and lex.footer.search(text):
        line.kind = "footer"
        return
    if lex.image_alt.search(text):
        line.kind = "image_alt"
        return
    if lex.editor.search(text):
        line.kind = "editor"
        return
    for pattern in lex.caption_credit if _CREDIT_HINT.search(text) else ():
        match = pattern.search(text)
        if match:
            line.value = line.text[match.start("credit") : match.end("credit")].strip(" .;,") or None
            rest = text[: match.start()].strip(" .,-–—()（）")
            described = "caption" in pattern.groupindex and match.group("caption")
            line.kind = "caption" if described or units(rest) >= 2 else "credit_only"
            return
    if size <= settings.label_max_units:
        for pattern in lex.attribution:
            match = pattern.search(text)
            if match:
                line.kind = "attribution"
                line.value = line.text[match.start("source") : match.end("source")].strip(" .。")
                return
    for pattern in lex.byline if size <= settings.label_max_units * 2 else ():
        match = pattern.search(text)
        if match:
            line.kind, line.value = "byline", line.text[match.start("author") : match.end("author")].strip()
            return
    if size <= 3 * settings.label_max_units and _dateline(line, lex, settings):
        return
    punctuated = has_clause_punctuation(text)
    ends = ends_sentence(text)
    if (not punctuated and size >= settings.headline_run_min_units) or \
            (not ends and glued_joins(text) >= settings.glued_min_joins):
        line.kind = "headline_run"
    elif ends or (punctuated and size >= settings.prose_min_units
                                 and not _KICKER.match(text)):
        line.kind = "prose"
    else:
        line.kind = "headline"


def _marker_line(line: Line, text: str, lex: ChromeLexicon) -> bool:
    """Section markers ("Tin khác"), marker-led link lines ("Xem thêm: …"), share bars."""
    if len(text) > _MARKER_LINE_MAX_CHARS:
        return False
    key = marker_key(text)
    if key in lex.widget_labels or (lex.widget is not None and lex.widget.search(text)):
        line.kind = "widget"
        return True
    if key in lex.tail_markers:
        line.kind = "tail_marker"
        return True
    if key in lex.inline_markers:
        line.kind = "inline_marker"
        return True
    prefix = _PREFIX.match(text)
    if prefix:
        head = marker_key(prefix.group(1))
        if head in lex.inline_markers or head in lex.tail_markers or head in lex.share_words:
            line.kind = "link_line"
            return True
    pieces = [p for p in _PIECES.split(text) if p.strip()]
    if len(pieces) == 1:
        pieces = text.split()
    if len(pieces) >= 2 and all(marker_key(p) in lex.chrome_words for p in pieces):
        line.kind = "share_row"
        return True
    return False


def _dateline(line: Line, lex: ChromeLexicon, settings: CleanerSettings) -> bool:
    """A line that is mostly a date, with weekday, time, place, author or source around it."""
    mentions = [m for m in find_dates(line.text) if m.year is not None and m.month is not None]
    if not mentions:
        return False
    text = line.text
    # Blank out dates and times; keep offsets so the rest can be read off the original.
    chars = list(text)
    for m in mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    for t in _TIME.finditer(text):
        chars[t.start() : t.end()] = " " * (t.end() - t.start())
    rest = "".join(chars)
    folded = fold(rest)
    fields: dict[str, str] = {}
    for field_name, labels in lex.dateline_fields.items():
        for label in labels:
            found = re.search(rf"(?<!\w){re.escape(label)}\s*[:：]\s*", folded)
            if found:
                value_end = _next_label(folded, found.end(), lex)
                fields[field_name] = rest[found.end() : value_end].strip(" ,;|-–—")
                blank = " " * (value_end - found.start())
                rest = rest[: found.start()] + blank + rest[value_end:]
                folded = folded[: found.start()] + blank + folded[value_end:]
                break
    for word in lex.dateline_words:
        for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            blank = " " * (found.end() - found.start())
            rest = rest[: found.start()] + blank + rest[found.end() :]
    leftover = re.sub(r"^[\s\W_]+|[\s\W_]+$", "", rest)
    if units(leftover) > settings.dateline_max_leftover_units:
        return False
    line.kind = "dateline"
    line.info["date"] = mentions[0]
    if fields.get("source"):
        line.info["source"] = fields["source"]
    author = fields.get("author")
    if leftover and not author:
        # "Hanoi, 25 February 2025": a name before a comma and the date is the place.
        after = rest[rest.find(leftover) + len(leftover) :]
        if after.lstrip().startswith(",") and text.find(leftover) < mentions[0].start:
            line.info["place"] = leftover
        else:
            author = leftover
            simplified = to_simplified(leftover)
            for pattern in lex.byline:  # "记者陈怡君／综合报导" -> the name alone
                match = pattern.search(simplified)
                if match:
                    author = leftover[match.start("author") : match.end("author")]
                    break
    line.value = author or None
    return True


def _next_label(folded: str, start: int, lex: ChromeLexicon) -> int:
    """Where the value of a dateline field ends: at the next field label, or the end."""
    end = len(folded)
    for labels in lex.dateline_fields.values():
        for label in labels:
            found = re.search(rf"(?<!\w){re.escape(label)}\s*[:：]", folded[start:])
            if found:
                end = min(end, start + found.start())
    return end


def looks_like_byline(text: str, settings: CleanerSettings) -> bool:
    """A short line of capitalised name words, no digits ("Mạnh Quân", "LƯU THỦY", "张伟"),
    perhaps with a role after a comma ("Tom Whitfield, Political Correspondent")."""
    if len(text) > 2 * settings.byline_max_chars or _DIGIT.search(text) or ends_sentence(text):
        return False
    name = re.split(r"\s*[,–—|]\s*|\s+-\s+", text, maxsplit=1)[0]
    if len(name) > settings.byline_max_chars:
        return False
    if is_cjk(name):
        return len(name.replace(" ", "")) <= 4
    words = name.replace("/", " ").split()
    if not 1 <= len(words) <= settings.byline_max_words:
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def _is_breadcrumb(text: str, lex: ChromeLexicon, settings: CleanerSettings) -> bool:
    for sep in lex.breadcrumb_separators:
        parts = [p.strip() for p in re.split(f"(?:{re.escape(sep)})+", text)]
        if len(parts) < 2 or not all(parts):
            continue
        limit = settings.label_max_units if sep in lex.strong_breadcrumb_separators else 4
        if all(units(p) <= limit for p in parts):
            return True
    return _starts_with_home_word(text, lex, settings)


def _starts_with_home_word(text: str, lex: ChromeLexicon, settings: CleanerSettings) -> bool:
    """"Trang chủ Thế giới Châu Á", "首页 国际": a trail whose separators were lost still starts
    with the home link, and is short. An English home word is also an ordinary word ("Home
    ministers meet in Jakarta"): there every word after it must be a capitalised section name."""
    if ends_sentence(text) or units(text) > settings.label_max_units:
        return False
    key = marker_key(text)
    for word in lex.home_words:
        if key == word or (key.startswith(word) and not key[len(word)].isalnum()):
            if word.isascii():
                rest = text.split()[len(word.split()):]
                return all(w[:1].isupper() or not w[:1].isalpha() for w in rest)
            return True
    return False


def split_store_stamp(lines: list[Line], lex: ChromeLexicon) -> list[Line]:
    """The first line, when it starts with a store's stamp ("date 2025-02-06 The Islamic …"),
    becomes two: the stamp (a dateline) and the rest of the line."""
    first = next((i for i, ln in enumerate(lines) if not ln.blank), None)
    if first is None:
        return lines
    line = lines[first]
    match = lex.store_stamp.match(line.text)
    if match is None:
        return lines
    day = int(match.group("day")) if match.group("day") else None
    stamp = Line(line.start, line.start + match.end(), match.group())
    stamp.kind = "dateline"
    stamp.info["stamp"] = True
    stamp.info["date"] = DateMention(0, match.end(), match.group(), year=int(match.group("year")),
                                     month=int(match.group("month")), day=day)
    rest = line.text[match.end():]
    lead = len(rest) - len(rest.lstrip())
    out = [*lines[:first], stamp]
    if rest.strip():
        out.append(Line(stamp.end + lead, line.end, rest.strip()))
    return out + lines[first + 1:]


def _cjk_document(lines: list[Line]) -> bool | None:
    """True when most of the document (in units: a CJK character is half a word) is CJK,
    False when almost none of it is, else None."""
    cjk = total = 0.0
    for line in lines:
        if line.text:
            cjk += cjk_count(line.text) / 2
            total += units(line.text)  # (the same measure as _cjk_share, summed over the lines)
    if not total:
        return None
    share = cjk / total
    if share >= CJK_DOCUMENT_SHARE:
        return True
    if share <= 1 - CJK_DOCUMENT_SHARE:
        return False
    return None


# A document is in one script when this share of its text is in it (CJK or not).
CJK_DOCUMENT_SHARE = 0.6


def _cjk_share(text: str) -> float:
    """Share of the text's units (a CJK character is half a word) that are CJK."""
    total = units(text)
    return cjk_count(text) / 2 / total if total else 0.0


def _in_other_script(text: str, cjk_document: bool) -> bool:
    """Whether a line is written in the other script than the document, measured as the document
    is: a line mixing both ("「…」（Strengthened Strategic Partnership）") is not."""
    share = _cjk_share(text)
    return share <= 1 - CJK_DOCUMENT_SHARE if cjk_document else share >= CJK_DOCUMENT_SHARE


def _next_content(lines: list[Line], i: int, step: int = 1) -> int | None:
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank:
            return j
        j += step
    return None


def mark_document(lines: list[Line], lex: ChromeLexicon, settings: CleanerSettings,
                  title_hint: str | None = None) -> None:
    """Decide, from where lines stand, which are the article; reset `kind` of the others."""
    first_prose = _mark_head(lines, lex, settings, title_hint)
    _split_picture_alts(lines, first_prose, lex, settings)
    cut = _mark_tail(lines, first_prose)
    _mark_boxes(lines, first_prose, cut, settings)
    _mark_unmarked_links(lines, first_prose, cut, settings)
    end = _mark_end_of_article(lines, first_prose, cut, settings)
    for line in lines[first_prose:end]:
        if line.kind == "dateline":  # a date line inside the text ("Hà Nội, ngày 29/10/2025") stays
            line.kind = "dateline_body"
    _mark_repeats(lines)


def _mark_head(lines: list[Line], lex: ChromeLexicon, settings: CleanerSettings,
               title_hint: str | None) -> int:
    """Title, labels, datelines and bylines above the first paragraph; returns its index.

    The title is the headline that heads the article: the last headline-like line before the
    first paragraph (site names, slogans and section labels stand above it), or the line that
    matches the reader's title hint. Lines in the other script than the document's before its
    first line in its own script are a site notice ("the site moves on 1/7…" atop a Chinese page).
    """
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    hint = marker_key(title_hint) if title_hint else None
    cjk_document = _cjk_document(lines)
    own_script_seen = cjk_document is None
    candidates: list[int] = []
    hinted: int | None = None
    first_prose = len(lines)
    for n, i in enumerate(content):
        line = lines[i]
        if not own_script_seen and line.kind in ("prose", "headline", "headline_run") \
                and letter_count(line.text):
            if _in_other_script(line.text, cjk_document):
                line.kind = "notice"
                continue
            own_script_seen = True
        is_hint = hint is not None and marker_key(line.text) == hint
        unfinished = line.kind == "prose" and not ends_sentence(line.text)
        if hinted is None and n < settings.head_lines and (
                is_hint or (hint is None and line.kind == "headline")
                or (hint is None and unfinished and not candidates)) \
                and settings.title_min_units <= units(line.text) <= settings.title_max_units \
                and not _is_breadcrumb(line.text, lex, settings) \
                and not (candidates and looks_like_byline(line.text, settings)):
            candidates.append(i)
            if is_hint:
                hinted = i
            continue
        if line.kind == "prose":
            first_prose = i
            break
    title = hinted if hinted is not None else (candidates[-1] if candidates else None)
    if title is not None:
        lines[title].kind = "title"
    for i in content:
        if i >= first_prose:
            break
        line = lines[i]
        before_title = title is None or i < title
        if i != title and i in candidates:
            line.kind = "label" if before_title else "headline"
        if line.kind in ("headline", "prose"):
            if _is_breadcrumb(line.text, lex, settings) or units(line.text) < settings.title_min_units:
                line.kind = "label"
            elif not before_title and looks_like_byline(line.text, settings):
                line.kind, line.value = "byline", re.split(r"\s*[,–—|]\s*|\s+-\s+", line.text, maxsplit=1)[0]
            elif before_title:
                line.kind = "label"
        elif line.kind in ("tail_marker", "inline_marker"):
            line.kind = "nav"
    return first_prose


def _split_picture_alts(lines: list[Line], first_prose: int, lex: ChromeLexicon,
                        settings: CleanerSettings) -> None:
    """Alt text of a picture that repeats the headline and numbers the picture ("<title> ảnh 1"),
    alone on its line or glued before the caption: the alt text is chrome, the caption stays."""
    title = next((ln.text for ln in lines if ln.kind == "title"), None)
    if not title:
        return
    i = first_prose
    while i < len(lines):
        line = lines[i]
        # (a re-flowed line is left whole: its text is not one stretch of raw)
        if line.kind in KEPT and line.kind != "title" and not line.pieces and line.text.startswith(title):
            after = len(title) + len(line.text[len(title):]) - len(line.text[len(title):].lstrip())
            label = lex.picture_label.match(line.text, after)
            rest = line.text[label.end():] if label else ""
            if label and (any(c.isdigit() for c in label.group()) or not rest.strip()):
                alt_end = line.start + label.end()
                if not rest.strip():
                    line.kind = "image_alt"
                else:
                    lead = len(rest) - len(rest.lstrip())
                    alt = Line(line.start, alt_end, line.text[:label.end()].rstrip(), kind="image_alt")
                    caption = Line(alt_end + lead, line.end, rest.strip())
                    classify_line(caption, lex, settings)
                    lines[i:i + 1] = [alt, caption]
                    i += 1
        i += 1


def _mark_unmarked_links(lines: list[Line], first_prose: int, cut: int, settings: CleanerSettings) -> None:
    """A box of related links without a marker: a run of short lines that end no sentence,
    between two paragraphs that do. (Headings are headline lines, not prose, and stay; so do
    list items and clause numbers, and lines after a paragraph that opens a list with ":".)"""
    def linklike(line: Line) -> bool:
        return (line.kind == "prose" and not ends_sentence(line.text)
                and units(line.text) <= settings.link_run_max_units
                and not _LIST_ITEM.match(line.text) and not line.text.endswith((",", ";", "，", "；")))

    def closed_paragraph(j: int | None) -> bool:
        return j is not None and j < cut and lines[j].kind == "prose" \
            and ends_sentence(lines[j].text) and not lines[j].text.rstrip().endswith((":", "："))

    i = _next_content(lines, first_prose - 1) if first_prose < len(lines) else None
    while i is not None and i < cut:
        if not linklike(lines[i]) or not closed_paragraph(_next_content(lines, i, -1)):
            i = _next_content(lines, i)
            continue
        run = [i]
        j = _next_content(lines, i)
        while j is not None and j < cut and linklike(lines[j]):
            run.append(j)
            j = _next_content(lines, j)
        if len(run) >= settings.link_run_min_lines and closed_paragraph(j):
            for k in run:
                lines[k].kind = "link_box"
        i = j


def _mark_tail(lines: list[Line], first_prose: int) -> int:
    """Index where the site's own lists start (everything from there is chrome), or len(lines)."""
    for i in range(first_prose, len(lines)):
        if lines[i].kind == "tail_marker":
            cut = i
            break
    else:
        return len(lines)
    for line in lines[cut:]:
        if not line.blank and line.kind != "tail_marker":
            line.kind = "site_tail"
    return cut


def _mark_boxes(lines: list[Line], first_prose: int, cut: int, settings: CleanerSettings) -> None:
    """An inline marker and the links after it, up to where the article's prose resumes."""
    i = first_prose
    while i < cut:
        if lines[i].kind != "inline_marker":
            i += 1
            continue
        lines[i].kind = "link_box"
        j = _next_content(lines, i)
        while j is not None and j < cut:
            line = lines[j]
            if line.kind == "prose":
                # Prose followed by a headline is a teaser of another article; two prose
                # lines in a row are the article again.
                nxt = _next_content(lines, j)
                if nxt is None or nxt >= cut or lines[nxt].kind == "prose":
                    break
                if lines[nxt].kind not in ("headline", "headline_run"):
                    break
            elif line.kind not in _BOX_KINDS:
                break
            line.kind = "link_box"
            j = _next_content(lines, j)
        i = j if j is not None else cut


def _mark_end_of_article(lines: list[Line], first_prose: int, cut: int, settings: CleanerSettings) -> int:
    """Bylines, attributions, URLs, footers and stray labels between the last paragraph and the
    site's tail. Returns the index where the article's text ends."""
    end = cut
    j = _next_content(lines, cut, -1)
    while j is not None and j > first_prose:
        line = lines[j]
        if line.kind == "headline":
            if looks_like_byline(line.text, settings):
                line.kind, line.value = "byline", re.split(r"\s*[,–—|]\s*|\s+-\s+", line.text, maxsplit=1)[0]
            elif units(line.text) <= settings.label_max_units or _KICKER.match(line.text):
                # A label or a kicker-led headline after the last paragraph
                # ("Gửi bình luận của bạn", "WEATHER: Cold wave advisory ...").
                line.kind = "trailer"
            else:
                break
        elif line.kind not in _END_MATTER:
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
        if key in seen and key:
            line.kind = "repeat"
        seen.add(key)
