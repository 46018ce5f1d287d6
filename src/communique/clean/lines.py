"""Lines of a text dump and the measures the cleaner's rules are written in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# Clause punctuation: Latin marks followed by a space or the end (so "U.S." and "3.5" are not),
# a period after a lone capital letter excepted; CJK marks anywhere.
_CLAUSE_PUNCT = re.compile(r"(?<!\b[A-Z])[.](?=\s|$)|[,;:!?](?=\s|$)|[。，；：！？、…]")
# A run of lower-case letters glued to a capitalised word: "AustraliaGiá", "nayHà", where a page
# dump joined two headlines. Shorter runs are names ("McDonald", "TikTok", "iPhone").
_GLUED = re.compile(r"[^\W\d_]{4,}")
GLUED_MIN_LOWER = 3
_TERMINAL = re.compile(r"[.!?。！？…]['\"”’»)）\]]*\s*$|[:：]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


@dataclass
class Line:
    """One line of the raw text: its offsets, its stripped text and what the cleaner made of it."""

    start: int  # offset of the first non-space character in raw
    end: int  # offset after the last non-space character
    text: str
    kind: str = "blank"
    value: str | None = None  # what the line gives the metadata (author, source, credit, url)
    info: dict[str, object] = field(default_factory=dict)
    # A line re-flowed from several raw lines (`reflow`): (raw_start, raw_end, offset in `text`)
    # of each; empty for a line that is one raw line (`text` is then `raw[start:end]`).
    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(raw: str) -> list[Line]:
    """Lines of `raw` with offsets of their stripped text."""
    lines = []
    pos = 0
    for piece in raw.split("\n"):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        start = pos + lead
        lines.append(Line(start, start + len(stripped), stripped))
        pos += len(piece) + 1
    return lines


# Hard-wrapped text (PDF or e-mail text broken at a fixed width): a document is wrapped when it has
# at least WRAP_MIN_LINES lines, the width its lines are broken at (the 90th percentile of their
# widths, a CJK character two columns) lies in WRAP_WIDTHS, and at least WRAP_FILLED_SHARE of its
# lines fill at least WRAP_FILL of that width, and most filled lines break a sentence: at least
# WRAP_BROKEN_SHARE of them (and WRAP_MIN_BREAKS) end no sentence and run on into the next line.
# (A page dump with a paragraph a line may have lines of one length; they end their sentences.)
WRAP_MIN_LINES = 6
WRAP_WIDTHS = (50, 110)
WRAP_FILL = 0.75
WRAP_FILLED_SHARE = 0.5
WRAP_BROKEN_SHARE = 0.6
WRAP_MIN_BREAKS = 3
# A line that starts a new block, never a continuation: a list item, a clause or article number,
# a heading number ("1.", "a)", "(iii)", "- ", "• ", "一、", "Điều 3", "Article 3", "第三条").
_BLOCK_START = re.compile(r"^(?:[-–—•*+·▪►]\s|[(（]?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)）](?:\s|$)|"
                          r"[一二三四五六七八九十]+[、.]|(?:Điều|Article|Chương|Chapter|Section|Mục|Khoản)\s+\d|"
                          r"第[一二三四五六七八九十百\d]+[条章节])")


# Characters of scripts written without spaces, and full-width punctuation and digits.
_UNSPACED = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def columns(text: str) -> int:
    """Display width: a CJK character takes two columns."""
    return len(text) + len(_CJK.findall(text))


def reflow(lines: list[Line]) -> list[Line]:
    """Join the lines of each paragraph of a hard-wrapped text into one line (a space between
    words of spaced scripts, nothing between CJK characters). A line is joined to the one before
    when that one fills the width it was wrapped at and this one does not start a new block (list
    item, clause number); blank lines, short lines (headings, a paragraph's last line) and text
    that is not wrapped are left alone. Each joined line keeps the raw offsets of its pieces."""
    widths = sorted(columns(ln.text) for ln in lines if ln.text)
    if len(widths) < WRAP_MIN_LINES:
        return lines
    width = widths[int(0.9 * (len(widths) - 1))]
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return lines
    filled = [i for i, ln in enumerate(lines) if ln.text and columns(ln.text) >= WRAP_FILL * width]
    if len(filled) < WRAP_FILLED_SHARE * len(widths):
        return lines
    breaks = sum(1 for i in filled if not ends_sentence(lines[i].text)
                 and i + 1 < len(lines) and lines[i + 1].text)
    if breaks < max(WRAP_MIN_BREAKS, WRAP_BROKEN_SHARE * len(filled)):
        return lines
    out: list[Line] = []
    last_piece = ""  # the last raw line joined into out[-1]
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.text and line.text and columns(last_piece) >= WRAP_FILL * width \
                and not _BLOCK_START.match(line.text):
            pieces = prev.pieces or [(prev.start, prev.end, 0)]
            glue = "" if _UNSPACED.match(last_piece[-1]) or _UNSPACED.match(line.text[0]) else " "
            if last_piece.endswith("-") and last_piece[-2:-1].isalpha():
                glue = ""  # "Indo-" + "Pacific": a word broken at its hyphen stays one word
            offset = len(prev.text) + len(glue)
            merged = Line(prev.start, line.end, prev.text + glue + line.text,
                          pieces=[*pieces, (line.start, line.end, offset)])
            out[-1] = merged
        else:
            out.append(line)
        last_piece = line.text
    return out


def units(text: str) -> float:
    """Length in words: spaced-script words count one, CJK characters one half."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text))) if cjk else len(_WORD.findall(text))
    return words + cjk / 2



def has_clause_punctuation(text: str) -> bool:
    return bool(_CLAUSE_PUNCT.search(text))


def glued_joins(text: str) -> int:
    """How many times a run of lower-case letters runs straight into a capitalised word."""
    joins = 0
    for word in _GLUED.findall(text):
        lower = 0
        for a, b in zip(word, word[1:], strict=False):
            lower = lower + 1 if a.islower() else 0
            if lower >= GLUED_MIN_LOWER and b.isupper():
                joins += 1
    return joins


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def cjk_count(text: str) -> int:
    """How many Chinese, Japanese or Korean characters `text` holds."""
    return len(_CJK.findall(text))


def letter_count(text: str) -> int:
    """How many letters `text` holds, in any script."""
    return len(_LETTER.findall(text))


def is_cjk(text: str) -> bool:
    """True when most letters are Chinese, Japanese or Korean."""
    cjk = cjk_count(text)
    return cjk > 0 and cjk >= letter_count(text) / 2
