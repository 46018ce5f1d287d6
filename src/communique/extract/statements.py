"""The structure of a joint statement or declaration: section headings and numbered clauses.

`find_clauses(doc, kb)` reads `doc.body` line by line (lines of `title` and `caption` paragraphs
are skipped) and returns the numbered clauses with the heading each falls under and its pillar.
A document without a run of at least `MIN_CLAUSES` numbered clauses returns [].

Structure
---------
* Clause numbers: "1.", "1)", "(1)", "第三条", "Điều 3", "Article 3" at the start of a line. The
  clause style is the one giving the longest numbered sequence; a clause must carry the next number
  (or "1" again right after a section heading: numbering restarting per section). A line of the
  clause style out of sequence ("1." of a list inside a clause) is part of the clause's text.
* Section headings: a line opening with a marker of another style ("I.", "一、", "(一)", "A.",
  "1)" when clauses are "(1)"), short and without sentence-final punctuation; where a document
  has no numbered headings, unnumbered heading lines (all capitals, or short lines without final
  punctuation) count when directly followed by a clause and there are at least
  `MIN_UNNUMBERED_HEADINGS` of them.
* A clause runs from its number to the next clause or heading; following unnumbered lines ending
  like sentences are part of it. Unnumbered lines after the last clause (closing lines, signature,
  source) are part of it only when some earlier clause also ran over several paragraphs.
* `Clause.start`/`end` are offsets in `doc.body` of the clause text *without* its number prefix
  (the marker and the space after it), from the first character after the prefix to the end of its
  last line; `Clause.text` is `doc.body[start:end]`.

Pillars
-------
1. Clauses before the first heading (in a document with headings) are `preamble`.
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
4. A clause with neither heading nor preamble position (a document without headings) gets its
   own `classify_pillar`; without any evidence it takes the previous clause's pillar (the first
   clause: `preamble`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from communique.extract.numerals import chinese_number
from communique.extract.pillars import best_pillar, classify_pillar, guess_language, pillar_evidence, pillar_scores
from communique.model import Document

if TYPE_CHECKING:
    from communique.kb.base import KnowledgeBase

PREAMBLE = "preamble"
IMPLEMENTATION = "implementation"

MIN_CLAUSES = 3  # fewer numbered clauses in sequence: not a statement (a news article, a short list)
MIN_UNNUMBERED_HEADINGS = 2  # unnumbered heading lines count only when they structure the clauses
HEADING_MAX_CHARS = 160  # a section heading is one short line
HEADING_MAX_WORDS = 20  # ... of at most so many words in spaced scripts
HEADING_MAX_CJK_CHARS = 50  # ... or so many characters in Chinese
UNNUMBERED_HEADING_MAX_WORDS = 12  # an unnumbered heading is shorter still
UNNUMBERED_HEADING_MAX_CJK_CHARS = 30
HEADING_PERIOD_MAX_WORDS = 10  # a numbered heading may end with "." only when this short
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
    ("paren_both", re.compile(r"[(（]\s*(?P<n>\d{1,3})\s*[)）]\s*")),
    ("paren", re.compile(r"(?P<n>\d{1,3})\s*[)）]\s*")),
    ("dot", re.compile(r"(?P<n>\d{1,3})\s*[.．](?!\d)\s*")),
)
CLAUSE_STYLES = ("dot", "paren", "paren_both", "article")
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


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
        elif style == "alpha":
            value = ord(raw) - ord("A") + 1
        else:
            value = _cn_number(raw)
        if value is None or m.end() >= len(text):
            continue
        return style, value, m.end()
    return None


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


def _sequence(lines: list[_Line], style: str) -> int:
    """How many lines of `style` form a clause sequence 1, 2, 3... (restarts at 1 allowed)."""
    count, last = 0, 0
    for line in lines:
        if line.style != style or line.number is None:
            continue
        if line.number == last + 1 or (line.number == 1 and last > 0):
            count, last = count + 1, line.number
    return count


@dataclass
class _Draft:
    number: int
    heading: int | None  # index into the headings list
    start: int
    end: int
    paragraphs: int = 1


def _structure(lines: list[_Line]) -> tuple[list[str], list[_Draft]]:
    """Headings (texts) and clause drafts in body order; ([], []) when there is no clause sequence."""
    counts = {style: _sequence(lines, style) for style in CLAUSE_STYLES}
    clause_style = max(CLAUSE_STYLES, key=lambda s: counts[s])
    if counts[clause_style] < MIN_CLAUSES:
        return [], []

    def numbered_heading(line: _Line) -> bool:
        return line.style is not None and line.style != clause_style and \
            _heading_like(line.text[line.content_start - line.start:], numbered=True)

    has_numbered_headings = any(numbered_heading(line) for line in lines)
    headings: list[str] = []
    drafts: list[_Draft] = []
    pending: list[tuple[int, str]] = []  # unnumbered heading candidates: (line index, text)
    heading_at: dict[int, str] = {}
    for i, line in enumerate(lines):
        if numbered_heading(line):
            heading_at[i] = line.text[line.content_start - line.start:].strip()
        elif not has_numbered_headings and line.style is None and _heading_like(line.text, numbered=False):
            pending.append((i, line.text))
    if pending:
        # Unnumbered headings: directly followed by a clause line, and enough of them to structure the text.
        followed = [(i, t) for i, t in pending if i + 1 < len(lines) and lines[i + 1].style == clause_style]
        if len(followed) >= MIN_UNNUMBERED_HEADINGS:
            heading_at.update(followed)

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
        if line.style == clause_style and line.number is not None and (
                line.number == last + 1 or (line.number == 1 and (last == 0 or heading_since_clause))):
            open_clause = _Draft(line.number, current, line.content_start, line.end)
            drafts.append(open_clause)
            last, heading_since_clause = line.number, False
            continue
        if open_clause is not None and line.text.endswith(_SENTENCE_END):
            open_clause.end = line.end
            open_clause.paragraphs += 1
    if len(drafts) < MIN_CLAUSES:
        return [], []
    if drafts and drafts[-1].paragraphs > 1 and all(d.paragraphs == 1 for d in drafts[:-1]):
        # Clauses of one paragraph each: what follows the last one is closing text, not part of it.
        last_draft = drafts[-1]
        first_line = next(line for line in lines if line.content_start == last_draft.start)
        last_draft.end, last_draft.paragraphs = first_line.end, 1
    return headings, drafts


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
                    for pid, score in pillar_scores(text, kb, lang).items():
                        votes[pid] = votes.get(pid, 0.0) + score
            voted, _ = best_pillar(votes)
            pillar = voted or pillar
        out.append(pillar)
    return out


def _is_implementation(text: str, kb: KnowledgeBase, lang: str | None) -> bool:
    """The clause alone is about implementing the statement (see rule 3 of the module docstring)."""
    scores, first = pillar_evidence(text, kb, lang)
    scores.pop(PREAMBLE, None)  # framing words ("this joint statement", "the two leaders") close statements too
    pillar, confidence = best_pillar(scores, first)
    return pillar == IMPLEMENTATION and scores[IMPLEMENTATION] >= IMPLEMENTATION_MIN_SCORE and \
        confidence >= IMPLEMENTATION_MIN_CONFIDENCE


def find_clauses(doc: Document, kb: KnowledgeBase) -> list[Clause]:
    """The numbered clauses of a joint statement or declaration in `doc.body`, with headings and pillars.

    Returns [] for a document without a sequence of at least `MIN_CLAUSES` numbered clauses.
    See the module docstring for the structure read, the offsets and the pillar rules.
    """
    lines = list(_lines(doc))
    headings, drafts = _structure(lines)
    if not drafts:
        return []
    lang = doc.language if doc.language in ("vi", "zh", "en") else guess_language(doc.body)
    texts = [doc.body[d.start:d.end] for d in drafts]
    sections = _section_pillars(headings, drafts, texts, kb, lang)

    pillars: list[str] = []
    for draft, text in zip(drafts, texts, strict=True):
        pillar: str | None
        if headings and draft.heading is None:
            pillar = PREAMBLE
        elif draft.heading is not None and sections[draft.heading] is not None:
            pillar = sections[draft.heading]
        else:
            pillar = classify_pillar(text, kb, lang)[0]
        pillars.append(pillar or (pillars[-1] if pillars else PREAMBLE))

    for k in range(len(drafts) - 1, max(len(drafts) - 1 - MAX_IMPLEMENTATION_CLAUSES, -1), -1):
        if pillars[k] == PREAMBLE or not _is_implementation(texts[k], kb, lang):
            break
        pillars[k] = IMPLEMENTATION

    return [Clause(number=str(d.number), heading=headings[d.heading] if d.heading is not None else None,
                   pillar=pillar, start=d.start, end=d.end, text=text)
            for d, pillar, text in zip(drafts, pillars, texts, strict=True)]
