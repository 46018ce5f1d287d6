"""The structure of a joint statement or declaration: section headings and numbered clauses.

`find_clauses(doc, kb)` reads `doc.body` line by line (lines of `title` and `caption` paragraphs
are skipped) and returns the numbered clauses with the heading each falls under and its pillar.
A document without a run of at least `MIN_CLAUSES` numbered clauses returns [], unless fewer
clauses come with other evidence of a statement (see "Short statements").

Structure
---------
* Clause numbers: "1.", "1)", "(1)", "第三条", "Điều 3", "Article 3", and "一、" where the lines so
  numbered are paragraphs (not short headings), at the start of a line. A dateline glued before
  the number ("Beijing, Feb 6 (Agency):1. …", "HÀ NỘI, ngày 7/3/2025: 1. …") is part of the line
  start. The clause style is the one giving the longest numbered sequence; a clause must carry the
  next number (or "1" again right after a section heading: numbering restarting per section). A
  line of the clause style out of sequence ("1." of a list inside a clause) is part of the clause's text.
* Section headings: a line opening with a marker of another style ("I.", "一、", "(一)", "A.",
  "1)" when clauses are "(1)"; "(a)"/"a)" only before a capitalised title), short and without
  sentence-final punctuation. Unnumbered heading lines (all capitals, or short lines without
  final punctuation) count when they form a run of heading lines directly before a clause
  ("Bilateral Cooperation" / "(a) Economic Cooperation" / "5. …": a run holding a numbered
  heading counts whole), and there are at least `MIN_UNNUMBERED_HEADINGS` such runs in a document
  without numbered headings, or the run stands inside the clause sequence and names a pillar.
  The clauses after a run fall under its last heading.
* A clause runs from its number to the next clause or heading; following unnumbered lines ending
  like sentences are part of it, and so is the body's last line when it is cut off mid-sentence.
  Unnumbered lines after the last clause (closing lines, signature, source) are part of it only
  when some earlier clause also ran over several paragraphs. A heading-like line of a paragraph
  style that ends the body ("四、双方高度评价") is a clause cut off, not a heading.
* `Clause.start`/`end` are offsets in `doc.body` of the clause text *without* its number prefix
  (the marker and the space after it), from the first character after the prefix to the end of its
  last line; `Clause.text` is `doc.body[start:end]`.

Short statements
----------------
One or two clauses are a statement when the numbering starts at 1 and the title or one of the
first `STATEMENT_NAME_HEAD_LINES` lines names a joint statement (extract/data/statements.yaml), or
the numbering opens the body (one of its first `FEW_CLAUSES_TOP_LINES` lines) with paragraphs of
at least `FEW_CLAUSES_MIN_UNITS` words whose subject is the parties ("The two sides…", "双方").

Pillars
-------
Clause texts are classified as running text (`classify_pillar(..., running_text=True)`: a heading
name met inside a clause weighs as a keyword).

1. Clauses before the first heading are `preamble` when there are at most `PREAMBLE_MAX_CLAUSES` of them.
2. Clauses under a heading take the heading's pillar, read by meaning with `classify_pillar`
   (never by the heading's position). When the heading is unknown to the lexicon or its confidence
   is below `HEADING_MIN_CONFIDENCE`, the section's pillar is the vote of the heading and its
   clauses (`pillar_scores` summed, the heading weighing `HEADING_VOTE_WEIGHT`).
3. Implementation rule: going back from the last clause, at most `MAX_IMPLEMENTATION_CLAUSES`
   clauses whose own text is about implementing the statement are `implementation`, even under
   the last heading: the top pillar of the clause alone is `implementation` with a score of at least
   `IMPLEMENTATION_MIN_SCORE` and a confidence of at least `IMPLEMENTATION_MIN_CONFIDENCE`, the
   preamble's framing words ("this joint statement", "the two leaders") left out of that count.
   The first clause from the end that fails this stops the rule; preamble clauses are never taken.
4. Without headings (or before a heading that comes later than that), the opening clauses are
   `preamble` as long as they frame the statement rather than commit the parties in a sector:
   no sector evidence; or more framing evidence (the visit, the talks, history, the decision,
   principles) than any sector; or an opening sentence about the visit or the talks, unless a
   sector has more than `LEAD_SECTOR_MAX_RATIO` times the clause's framing evidence; or the agenda
   of the talks (at least `SURVEY_MIN_PILLARS` sectors named, none with `SURVEY_MAX_SHARE` of the
   evidence). So "people-to-people" or "the region" in a preamble clause does not make it a sector.
   The first clause that commits in a sector ends the preamble.
5. A clause with neither heading nor preamble position gets its own `classify_pillar`; without
   any evidence it takes the previous clause's pillar (the first clause: `preamble`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from communique.extract.commitments import modality_lexicon
from communique.extract.context import sentences
from communique.extract.pillars import best_pillar, classify_pillar, guess_language, pillar_evidence, pillar_scores
from communique.model import Document
from communique.text.dates import find_dates
from communique.text.normalize import fold
from communique.text.numerals import chinese_number
from communique.text.words import has_word

if TYPE_CHECKING:
    from communique.kb.base import KnowledgeBase


@lru_cache(maxsize=1)
def _statement_words() -> dict[str, Any]:
    text = resources.files("communique.extract").joinpath("data/statements.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _folded(key: str) -> tuple[str, ...]:
    return tuple(sorted({fold(str(w)) for words in _statement_words()[key].values() for w in words},
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def statement_names() -> tuple[str, ...]:
    """Folded names of joint statements in all languages (extract/data/statements.yaml), longest first."""
    return _folded("statement_names")


@lru_cache(maxsize=1)
def reporting_words() -> tuple[str, ...]:
    """Folded words of a headline reporting a statement ("issued", "发表"), all languages."""
    return _folded("reporting_words")

PREAMBLE = "preamble"
IMPLEMENTATION = "implementation"

MIN_CLAUSES = 3  # fewer numbered clauses in sequence: not a statement (a news article, a short list)
# A statement that numbers no paragraph (as many governments publish them): each paragraph of at
# least so many words, ending like a sentence, is a clause numbered by position.
UNNUMBERED_CLAUSE_MIN_UNITS = 8
MIN_UNNUMBERED_HEADINGS = 2  # unnumbered heading lines count only when they structure the clauses
STATEMENT_NAME_HEAD_LINES = 3  # fewer clauses: a statement name is looked for in the title and so many first lines
FEW_CLAUSES_TOP_LINES = 2  # ... or the numbering opens the body, on one of its first lines,
FEW_CLAUSES_MIN_UNITS = 25  # ... with clauses of paragraphs of at least so many words (2 CJK characters = 1)
HEADING_MAX_CHARS = 160  # a section heading is one short line
HEADING_MAX_WORDS = 20  # ... of at most so many words in spaced scripts
HEADING_MAX_CJK_CHARS = 50  # ... or so many characters in Chinese
UNNUMBERED_HEADING_MAX_WORDS = 12  # an unnumbered heading is shorter still
UNNUMBERED_HEADING_MAX_CJK_CHARS = 30
HEADING_PERIOD_MAX_WORDS = 10  # a numbered heading may end with "." only when this short
PREAMBLE_MAX_CLAUSES = 6  # so many clauses before the first heading are all the preamble
LEAD_SECTOR_MAX_RATIO = 2.0  # a clause opening on the visit is framing unless a sector has more than this × its framing
SURVEY_MIN_PILLARS = 3  # a clause naming so many sectors, ...
SURVEY_MAX_SHARE = 0.5  # ... none with this share of the evidence, lists the agenda of the talks
HEADING_MIN_CONFIDENCE = 0.5  # below this the heading's pillar is settled by a vote with its clauses
HEADING_VOTE_WEIGHT = 2.0  # the heading's evidence counts this many times in that vote
MAX_IMPLEMENTATION_CLAUSES = 3  # closing clauses that the implementation rule may take
IMPLEMENTATION_MIN_SCORE = 2.0  # two implementation keywords, or one heading name ("落实", "Implementation")
IMPLEMENTATION_MIN_CONFIDENCE = 0.4
MAX_ROMAN = 39  # "I." .. "XXXIX."

_CN_NUM = "零〇一二三四五六七八九十百两"
_SENTENCE_END = tuple(".!?;:。！？；：…\"”’»)）]】》」』")
_HEADING_BAD_END = tuple(",;:，；：、")

# (style, pattern) in the order tried; a pattern matches at the start of a stripped line.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("article", re.compile(rf"(?:第\s*(?P<n>[{_CN_NUM}\d]{{1,5}})\s*条|(?:Điều|Article)\s+(?P<m>\d{{1,3}}))"
                           r"\s*[.:：、\-–]?\s*", re.IGNORECASE)),
    ("roman", re.compile(r"(?P<n>[IVX]{1,6})\s*[.)．、]\s*(?=\S)")),
    ("cjk", re.compile(rf"(?P<n>[{_CN_NUM}]{{1,4}})\s*[、．.]\s*")),
    ("cjk_paren", re.compile(rf"[(（]\s*(?P<n>[{_CN_NUM}]{{1,4}})\s*[)）]\s*")),
    ("alpha", re.compile(r"(?P<n>[A-H])\s*[.)]\s+(?=\S)")),
    # "(a)" / "a)": sub-headings when capitalised and short, items of a list inside a clause otherwise.
    ("alpha_lower", re.compile(r"(?:[(（]\s*(?P<n>[a-h])\s*[)）]|(?P<m>[a-h])[)）])\s*(?=\S)")),
    ("paren_both", re.compile(r"[(（]\s*(?P<n>\d{1,3})\s*[)）]\s*")),
    ("paren", re.compile(r"(?P<n>\d{1,3})\s*[)）]\s*")),
    ("dot", re.compile(r"(?P<n>\d{1,3})\s*[.．](?!\d)\s*")),
)
CLAUSE_STYLES = ("dot", "paren", "paren_both", "article", "cjk")
# Styles that number clauses only where the numbered lines are paragraphs: "一、" opens a section
# heading in most Chinese statements ("一、政治互信") and a whole clause in others ("一、应……邀请，……。").
PARAGRAPH_STYLES = frozenset({"cjk"})
SUBHEADING_STYLES = frozenset({"alpha_lower"})  # a heading only when it reads like a title
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
DATELINE_PLACE_MAX_WORDS = 4  # the place of a dateline: "Hà Nội", "New Delhi", "北京" (a CJK character counts 1/2)
# "Place, date (Agency):" before a marker; the place is one to four capitalised words.
DATELINE_MAX_CHARS = 80  # a dateline glued before a clause number ends within so many characters
_DATELINE_END = re.compile(r"[:：—–-]")  # the separator after "Place, date (Agency)"
_PLACE = re.compile(r"[^\W\d_][\w.'’ -]{0,40}")  # "Beijing", "HÀ NỘI", "New Delhi"
_AGENCY = re.compile(r"[(（][^\n()（）]{1,30}[)）]")  # an agency in brackets: "(AFP)", "(Reuters)"
_BRACKET_DATELINE = re.compile(r"[(（](?P<inner>[^\n()（）]{4,40})[)）]\s*")


@dataclass(frozen=True)
class Clause:
    """One numbered clause: its own number, the heading it falls under, its pillar and where it is.

    `start`/`end` delimit the clause text in `doc.body` without the number prefix; `text` is that text.
    """

    number: str
    heading: str | None
    pillar: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Line:
    start: int  # offsets in the body of the stripped line
    end: int
    text: str
    style: str | None = None  # numbering marker style, None for an unnumbered line
    number: int | None = None
    content_start: int = 0  # offset in the body after the marker


def _cn_number(text: str) -> int | None:
    """'三' -> 3, '十二' -> 12, '二十一' -> 21; digits as digits."""
    return chinese_number(text) or None


def _roman(text: str) -> int | None:
    """'XIV' -> 14 for well-formed numerals up to MAX_ROMAN, else None."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    if not 0 < total <= MAX_ROMAN:
        return None
    tens, ones = divmod(total, 10)
    canon = "X" * tens + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][ones]
    return total if canon == text else None


def _marker(text: str) -> tuple[str, int, int] | None:
    """(style, number, length of the prefix) of a line's numbering marker, or None."""
    for style, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group("n") or (m.groupdict().get("m") or "")
        if style == "roman":
            value = _roman(raw)
        elif style in ("alpha", "alpha_lower"):
            value = ord(raw.upper()) - ord("A") + 1
        else:
            value = _cn_number(raw)
        if value is None or m.end() >= len(text):
            continue
        return style, value, m.end()
    return None


def _dateline_prefix(text: str) -> int:
    """Length of a dateline glued before a clause marker ("Beijing, Feb 6 (Agency):1. …",
    "HÀ NỘI, ngày 12/3/2025: 1. …", "（2025年2月6日，北京）一、…"), or 0 when the line has none.

    A dateline is a place and a date (`find_dates` must read the date part whole), an optional
    agency in parentheses, and a colon or dash; or a date and a place together in brackets."""
    for sep in _DATELINE_END.finditer(text, 0, DATELINE_MAX_CHARS):
        after = text[sep.end():]
        place, comma, rest = text[:sep.start()].partition(",")
        if not comma or not _PLACE.fullmatch(place.strip()) or not _marker(after.lstrip()):
            continue
        rest = rest.strip()
        agency = _AGENCY.search(rest) if rest.endswith((")", "）")) else None
        date = rest[:agency.start()].strip() if agency and agency.end() == len(rest) else rest
        found = find_dates(date) if date else []
        if found and found[0].start == 0 and found[-1].end == len(date):
            return sep.end() + len(after) - len(after.lstrip())
    m = _BRACKET_DATELINE.match(text)
    if m:
        inner = m.group("inner")
        found = find_dates(inner)
        rest = inner[:found[0].start] + inner[found[0].end:] if len(found) == 1 else None
        if rest is not None and 0 < len(_CJK.sub("xx ", rest).split()) <= DATELINE_PLACE_MAX_WORDS:
            return m.end()
    return 0


def _lines(doc: Document) -> Iterator[_Line]:
    """The stripped non-empty lines of the body, outside title and caption paragraphs."""
    skipped = sorted((p.start, p.end) for p in doc.paragraphs if p.kind in ("title", "caption"))
    starts = [s for s, _ in skipped]
    pos = 0
    for raw in doc.body.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        text = raw.strip()
        if not text:
            continue
        k = bisect.bisect_right(starts, end - 1) - 1  # the last skipped span starting inside or before the line
        if k >= 0 and skipped[k][1] > start:
            continue
        start += len(raw) - len(raw.lstrip())
        end = start + len(text)
        found = _marker(text)
        if not found and (lead := _dateline_prefix(text)):
            # The marker after a glued dateline opens the line as well: the dateline is not clause text.
            found = _marker(text[lead:])
            if found:
                style, number, length = found
                found = (style, number, lead + length)
        if found:
            style, number, length = found
            yield _Line(start, end, text, style, number, start + length)
        else:
            yield _Line(start, end, text, content_start=start)


def _size(text: str) -> tuple[int, int]:
    """(Chinese characters, words of spaced scripts) in a text."""
    cjk = len(_CJK.findall(text))
    words = len(_CJK.sub(" ", text).split())
    return cjk, words


def _units(text: str) -> int:
    """The length of a text in words, two Chinese characters counting as one."""
    cjk, words = _size(text)
    return words + cjk // 2


def _heading_like(text: str, numbered: bool) -> bool:
    """A short line that does not end like a sentence (numbered headings may end with a period)."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX_CHARS or text.endswith(_HEADING_BAD_END):
        return False
    cjk, words = _size(text)
    max_cjk = HEADING_MAX_CJK_CHARS if numbered else UNNUMBERED_HEADING_MAX_CJK_CHARS
    max_words = HEADING_MAX_WORDS if numbered else UNNUMBERED_HEADING_MAX_WORDS
    if cjk > max_cjk or words > max_words:
        return False
    if text.endswith(_SENTENCE_END):
        return numbered and text.endswith((".", "．")) and words + cjk // 2 <= HEADING_PERIOD_MAX_WORDS
    return True


def _content(line: _Line) -> str:
    """The line's text after its numbering marker."""
    return line.text[line.content_start - line.start:].strip()


def _clause_line(lines: list[_Line], i: int, style: str) -> bool:
    """Line `i` is numbered in `style` and can open a clause: for a paragraph style, a paragraph
    (not a short heading), unless it is the body's last line (a clause cut off: nothing follows)."""
    line = lines[i]
    if line.style != style or line.number is None:
        return False
    return style not in PARAGRAPH_STYLES or i + 1 == len(lines) or not _heading_like(_content(line), numbered=True)


def _sequence(lines: list[_Line], style: str) -> int:
    """How many lines of `style` form a clause sequence 1, 2, 3... (restarts at 1 allowed)."""
    count, last = 0, 0
    for i, line in enumerate(lines):
        if not _clause_line(lines, i, style):
            continue
        assert line.number is not None
        if line.number == last + 1 or (line.number == 1 and last > 0):
            count, last = count + 1, line.number
    return count


@dataclass
class _Draft:
    number: int
    heading: int | None  # index into the headings list
    start: int
    end: int
    line: int  # index of its first line
    paragraphs: int = 1


def _heading_blocks(lines: list[_Line], is_clause: list[bool], numbered: dict[int, str],
                    candidates: dict[int, str], kb: KnowledgeBase, lang: str | None) -> dict[int, str]:
    """The heading lines: numbered headings, and unnumbered heading lines in a run of heading lines
    directly before a clause ("Bilateral Cooperation" / "(a) Economic Cooperation" / "5. …").

    A run holding a numbered heading counts whole. A run of unnumbered lines only counts when there
    are at least `MIN_UNNUMBERED_HEADINGS` such runs (they structure the text, in a document
    without numbered headings), or when it stands after a clause and names a pillar (a section
    opening inside the clause sequence)."""
    heading_at = dict(numbered)
    unnumbered_runs: list[tuple[list[int], bool]] = []  # (line indices, inside the clause sequence)
    seen_clause = False
    for j in range(len(lines)):
        if not is_clause[j]:
            continue
        run: list[int] = []
        k = j - 1
        while k >= 0 and (k in numbered or k in candidates):
            run.insert(0, k)
            k -= 1
        if run and any(k in numbered for k in run):
            heading_at.update((k, candidates[k]) for k in run if k in candidates)
        elif run:
            unnumbered_runs.append((run, seen_clause))
        seen_clause = True
    many = len(unnumbered_runs) >= MIN_UNNUMBERED_HEADINGS and not numbered
    for run, inside in unnumbered_runs:
        if many or (inside and any(classify_pillar(candidates[k], kb, lang)[0] for k in run)):
            heading_at.update((k, candidates[k]) for k in run)
    return heading_at


def _structure(lines: list[_Line], kb: KnowledgeBase, lang: str | None) -> tuple[list[str], list[_Draft]]:
    """Headings (texts) and clause drafts in body order; ([], []) when there is no clause sequence."""
    counts = {style: _sequence(lines, style) for style in CLAUSE_STYLES}
    clause_style = max(CLAUSE_STYLES, key=lambda s: counts[s])
    if counts[clause_style] == 0:
        return [], []
    is_clause = [_clause_line(lines, i, clause_style) for i in range(len(lines))]

    def numbered_heading(i: int, line: _Line) -> bool:
        if line.style is None or is_clause[i] or (line.style == clause_style and line.style not in PARAGRAPH_STYLES):
            return False
        content = _content(line)
        if line.style in SUBHEADING_STYLES and (not content[:1].isupper() or content.endswith(_SENTENCE_END)):
            return False  # "a) expand two-way trade;": an item of a list inside a clause
        return _heading_like(content, numbered=True)

    numbered = {i: _content(line) for i, line in enumerate(lines) if numbered_heading(i, line)}
    candidates = {i: line.text for i, line in enumerate(lines)
                  if line.style is None and _heading_like(line.text, numbered=False)}
    heading_at = _heading_blocks(lines, is_clause, numbered, candidates, kb, lang)

    headings: list[str] = []
    drafts: list[_Draft] = []
    current: int | None = None
    heading_since_clause = False
    last = 0
    open_clause: _Draft | None = None
    for i, line in enumerate(lines):
        if i in heading_at:
            headings.append(heading_at[i])
            current = len(headings) - 1
            heading_since_clause = True
            open_clause = None
            continue
        if is_clause[i] and line.number is not None and (
                line.number == last + 1 or (line.number == 1 and (last == 0 or heading_since_clause))):
            open_clause = _Draft(line.number, current, line.content_start, line.end, i)
            drafts.append(open_clause)
            last, heading_since_clause = line.number, False
            continue
        cut_off = i + 1 == len(lines) and not _heading_like(line.text, numbered=False)
        if open_clause is not None and (line.text.endswith(_SENTENCE_END) or cut_off):
            # A paragraph of the clause; the body's last line may be one cut off mid-sentence.
            open_clause.end = line.end
            open_clause.paragraphs += 1
    if drafts and drafts[-1].paragraphs > 1 and all(d.paragraphs == 1 for d in drafts[:-1]):
        # Clauses of one paragraph each: what follows the last one is closing text, not part of it.
        last_draft = drafts[-1]
        last_draft.end, last_draft.paragraphs = lines[last_draft.line].end, 1
    return headings, drafts


def _titled_statement(doc: Document, lines: list[_Line]) -> bool:
    """The document's title is a statement's name ("Joint Statement between …", "Tuyên bố chung
    Việt Nam - …", "…联合声明"), not a headline reporting one ("… issue joint statement", "发表联合声明")."""
    titles = [doc.body[p.start:p.end] for p in doc.paragraphs if p.kind == "title"]
    if not titles and lines and _heading_like(lines[0].text, numbered=False):
        titles = [lines[0].text]
    if not titles:
        return False
    title = fold(titles[0]).strip()
    names = statement_names()
    if has_word(title, reporting_words()):
        return False
    if _CJK.search(title):
        return any(title.endswith(n) for n in names)
    return any(title.startswith(n) for n in names)


def _by_position(lines: list[_Line]) -> tuple[list[str], list[_Draft]]:
    """A named statement without numbers: its paragraphs are the clauses, numbered by position;
    a heading-like line between them heads the clauses after it."""
    headings: list[str] = []
    drafts: list[_Draft] = []
    for i, line in enumerate(lines):
        if line.text.endswith(_SENTENCE_END) and _units(line.text) >= UNNUMBERED_CLAUSE_MIN_UNITS:
            drafts.append(_Draft(len(drafts) + 1, len(headings) - 1 if headings else None, line.start, line.end, i))
        elif drafts and _heading_like(line.text, numbered=False):
            headings.append(line.text)
    return headings, drafts


def _statement_named(doc: Document, head: list[_Line]) -> bool:
    """The title, or one of the lines before the first clause, names a joint statement."""
    texts = [doc.body[p.start:p.end] for p in doc.paragraphs if p.kind == "title"] + [line.text for line in head]
    return any(has_word(fold(text), statement_names()) for text in texts)


def _few_clauses_are_a_statement(doc: Document, lines: list[_Line], drafts: list[_Draft]) -> bool:
    """Fewer than `MIN_CLAUSES` clauses still make a statement when numbering starts at 1 and either
    the title or the first lines name a joint statement, or the numbering opens the body
    (within its first `FEW_CLAUSES_TOP_LINES` lines) with paragraphs whose subject is the parties
    ("The two sides agreed…", "双方…", "Hai bên…")."""
    first = drafts[0]
    if first.number != 1:
        return False
    if _statement_named(doc, lines[:min(first.line, STATEMENT_NAME_HEAD_LINES)]):
        return True
    if first.line >= FEW_CLAUSES_TOP_LINES:
        return False
    texts = [doc.body[d.start:d.end] for d in drafts]
    paragraphs = all(_units(lines[d.line].text) >= FEW_CLAUSES_MIN_UNITS for d in drafts)
    return paragraphs and any(has_word(fold(text), modality_lexicon().parties_subject) for text in texts)


def _section_pillars(headings: list[str], drafts: list[_Draft], texts: list[str], kb: KnowledgeBase,
                     lang: str | None) -> list[str | None]:
    """The pillar of each heading: by its own meaning, or by a vote with its clauses when unsure."""
    out: list[str | None] = []
    for index, heading in enumerate(headings):
        pillar, confidence = classify_pillar(heading, kb, lang)
        if pillar is None or confidence < HEADING_MIN_CONFIDENCE:
            votes = {pid: HEADING_VOTE_WEIGHT * score for pid, score in pillar_scores(heading, kb, lang).items()}
            for draft, text in zip(drafts, texts, strict=True):
                if draft.heading == index:
                    for pid, score in pillar_scores(text, kb, lang, running_text=True).items():
                        votes[pid] = votes.get(pid, 0.0) + score
            voted, _ = best_pillar(votes)
            pillar = voted or pillar
        out.append(pillar)
    return out


def _framing(text: str, kb: KnowledgeBase, lang: str | None) -> bool:
    """The clause frames the statement (the visit, history, the decision, principles, the agenda of
    the talks) rather than committing the parties in a sector; see rule 4 of the module docstring."""
    scores, first = pillar_evidence(text, kb, lang, running_text=True)
    sectors = {pid: score for pid, score in scores.items() if pid not in (PREAMBLE, IMPLEMENTATION)}
    if not sectors:
        return True
    top = max(sectors.values())
    if scores.get(PREAMBLE, 0.0) > top:
        return True
    opening = sentences(text, fold(text))[:1]
    if opening:
        lead_scores = pillar_scores(opening[0].text, kb, lang, running_text=True)
        preamble = lead_scores.pop(PREAMBLE, 0.0)
        lead_scores.pop(IMPLEMENTATION, None)
        opens_framing = preamble > max(lead_scores.values(), default=0.0)
        if opens_framing and top <= LEAD_SECTOR_MAX_RATIO * scores.get(PREAMBLE, 0.0):
            return True  # it opens with the visit, the talks, the history: the rest comes with them
    # The agenda of the talks: many sectors named, none of them the clause's subject.
    return len(sectors) >= SURVEY_MIN_PILLARS and top / sum(sectors.values()) < SURVEY_MAX_SHARE


def _is_implementation(text: str, kb: KnowledgeBase, lang: str | None) -> bool:
    """The clause alone is about implementing the statement (see rule 3 of the module docstring)."""
    scores, first = pillar_evidence(text, kb, lang)
    scores.pop(PREAMBLE, None)  # framing words ("this joint statement", "the two leaders") close statements too
    pillar, confidence = best_pillar(scores, first)
    return pillar == IMPLEMENTATION and scores[IMPLEMENTATION] >= IMPLEMENTATION_MIN_SCORE and \
        confidence >= IMPLEMENTATION_MIN_CONFIDENCE


def find_clauses(doc: Document, kb: KnowledgeBase) -> list[Clause]:
    """The numbered clauses of a joint statement or declaration in `doc.body`, with headings and pillars.

    Returns [] for a document without a sequence of at least `MIN_CLAUSES` numbered clauses (or of
    fewer with the evidence of a short statement). See the module docstring for the structure read,
    the offsets and the pillar rules.
    """
    lines = list(_lines(doc))
    lang = doc.language if doc.language in ("vi", "zh", "en") else guess_language(doc.body)
    headings, drafts = _structure(lines, kb, lang)
    if not drafts and _titled_statement(doc, lines):
        headings, drafts = _by_position(lines)
    elif not drafts or (len(drafts) < MIN_CLAUSES and not _few_clauses_are_a_statement(doc, lines, drafts)):
        return []
    if not drafts:
        return []
    texts = [doc.body[d.start:d.end] for d in drafts]
    sections = _section_pillars(headings, drafts, texts, kb, lang)

    first_heading = next((k for k, d in enumerate(drafts) if d.heading is not None), len(drafts))
    # The clauses before the first heading are the preamble when the headings come soon; otherwise
    # (no headings, or a heading late in the sequence) the preamble is the opening run of framing clauses.
    lead = first_heading if headings and first_heading <= PREAMBLE_MAX_CLAUSES else 0
    while lead < first_heading and _framing(texts[lead], kb, lang):
        lead += 1
    pillars: list[str] = []
    for k, (draft, text) in enumerate(zip(drafts, texts, strict=True)):
        pillar: str | None
        if k < lead:
            pillar = PREAMBLE
        elif draft.heading is not None and sections[draft.heading] is not None:
            pillar = sections[draft.heading]
        else:
            pillar = classify_pillar(text, kb, lang, running_text=True)[0]
        pillars.append(pillar or (pillars[-1] if pillars else PREAMBLE))

    for k in range(len(drafts) - 1, max(len(drafts) - 1 - MAX_IMPLEMENTATION_CLAUSES, -1), -1):
        if pillars[k] == PREAMBLE or not _is_implementation(texts[k], kb, lang):
            break
        pillars[k] = IMPLEMENTATION

    return [Clause(number=str(d.number), heading=headings[d.heading] if d.heading is not None else None,
                   pillar=pillar, start=d.start, end=d.end, text=text)
            for d, pillar, text in zip(drafts, pillars, texts, strict=True)]
