"""What the fact extractors share about one document: sentences, its year, its two countries,
its main date, and the event lexicon (data/events.yaml)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick
import yaml

from communique.clean.normalize import fold, is_word_char, to_simplified, tone_normal
from communique.extract.dates import DateMention, find_dates, stated_years
from communique.kb.base import KnowledgeBase
from communique.model import Document

_SENTENCE_END = re.compile(r"(?<=[.!?。！？;；])\s+|(?<=[。！？；])|\n+")
# The word a period follows: "H.E." gives "H.E", "(Mr." gives "Mr".
_WORD_BEFORE_PERIOD = re.compile(r"([^\s(\[\"'“‘«]+)\.$")
# Title mentions count this much more than body mentions in choosing the document's countries.
TITLE_WEIGHT = 3
# Characters around a year read for goal words before it and past-fact words around it.
GOAL_REACH = 12
# A person's mention counts this much for their country (less than naming the country).
PERSON_WEIGHT = 0.5
PAST_FACT_REACH = 40


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, dict[str, tuple[str, ...]]]
    frame_before: tuple[str, ...]
    planned: tuple[str, ...]
    negated: tuple[str, ...]
    upgrade: tuple[str, ...]
    two_sides: tuple[str, ...]
    past_fact: tuple[str, ...]
    goal_before: tuple[str, ...]
    anniversary: tuple[str, ...]


def _words(block: dict[str, list[str]]) -> tuple[str, ...]:
    return tuple(sorted({fold(w) for ws in block.values() for w in ws}, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("communique.extract").joinpath("data/events.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return Lexicon(
        triggers={kind: {lang: tuple(fold(w) for w in ws) for lang, ws in by_lang.items()}
                  for kind, by_lang in data["triggers"].items()},
        frame_before=_words(data["frame_before"]), planned=_words(data["planned"]),
        negated=_words(data["negated"]), upgrade=_words(data["upgrade"]),
        two_sides=_words(data["two_sides"]), past_fact=_words(data["past_fact"]),
        goal_before=_words(data["goal_before"]), anniversary=_words(data["anniversary"]),
    )


def find_word(folded: str, words: tuple[str, ...], start: int = 0) -> int:
    """Offset of the first of `words` (folded) in `folded` from `start`, or -1. Words of spaced
    scripts must stand at word boundaries; Chinese words need none. (str.find per word: much
    faster than one regular expression of many alternatives with look-arounds.)"""
    best = -1
    for word in words:
        pos = folded.find(word, start)
        if pos < 0:
            continue
        bounded = is_word_char(word[0])
        while pos >= 0 and (best < 0 or pos < best):
            end = pos + len(word)
            if not bounded or ((pos == 0 or not is_word_char(folded[pos - 1]))
                               and (end == len(folded) or not is_word_char(folded[end]))):
                best = pos
                break
            pos = folded.find(word, pos + 1)
    return best


class WordIndex:
    """Folded words with a label each, found all at once in a text (Aho–Corasick), spaced-script
    words at word boundaries only. For lexicons looked up in every sentence of a document."""

    def __init__(self, labelled: dict[str, str]):
        self.automaton = ahocorasick.Automaton()
        for word, label in labelled.items():
            self.automaton.add_word(word, (len(word), label))
        self.empty = not labelled
        if not self.empty:
            self.automaton.make_automaton()

    def find_all(self, folded: str) -> list[tuple[int, int, str]]:
        """(start, end, label) of every word in `folded`, in order of start."""
        if self.empty:
            return []
        out = []
        for last, (length, label) in self.automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if is_word_char(folded[start]) and (
                    (start > 0 and is_word_char(folded[start - 1]))
                    or (end < len(folded) and is_word_char(folded[end]))):
                continue
            out.append((start, end, label))
        out.sort()
        return out


def has_word(folded: str, words: tuple[str, ...]) -> bool:
    """Any of `words` in `folded`, at word boundaries where the word is in a spaced script."""
    return find_word(folded, words) >= 0


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    folded: str


@dataclass
class Context:
    """Per-document facts the extractors share (computed once)."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    year: int | None = None
    pair: tuple[str, str] | None = None
    dates: list[DateMention] = field(default_factory=list)
    countries_by_span: list[tuple[int, int, str]] = field(default_factory=list)
    # The body in `search_form` (tone marks kept), for event words.
    searchable: str = ""
    _date_starts: list[int] | None = field(default=None, repr=False)

    def countries_in(self, start: int, end: int) -> list[str]:
        """Country codes mentioned between two offsets, in order, once each."""
        return list(dict.fromkeys(c for s, e, c in self.countries_by_span if s >= start and e <= end))

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """The dates between two offsets (found in text order: a bisection, not a scan of them all,
        since every trigger of every sentence asks)."""
        if self._date_starts is None or len(self._date_starts) != len(self.dates):  # (the cap may cut the list)
            self._date_starts = [d.start for d in self.dates]
        out = []
        for mention in self.dates[bisect_left(self._date_starts, start):]:
            if mention.start >= end:
                break
            if mention.end <= end:
                out.append(mention)
        return out

    def main_date(self) -> DateMention | None:
        """The first date of the body known to the day (with the document's year), if any."""
        for mention in self.dates:
            if mention.day and mention.value(self.year) is not None:
                return mention
        return None


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, frozenset[str]]:
    """Per language, the words that a period follows without ending the sentence (data/sentences.yaml)."""
    text = resources.files("communique.extract").joinpath("data/sentences.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)["abbreviations"]
    return {lang: frozenset(str(w).casefold() for w in words or ()) for lang, words in data.items()}


def _abbreviations_for(lang: str | None) -> frozenset[str]:
    """The language's abbreviations with the English ones (Latin names and titles in vi/zh texts:
    "H.E. Mr. …"); all of them for an unknown language."""
    table = _abbreviations()
    code = (lang or "").split("-")[0].lower()
    if code not in table:
        return frozenset().union(*table.values())
    return table[code] | table.get("en", frozenset())


def _ends_sentence(body: str, period_end: int, next_start: int, abbreviations: frozenset[str]) -> bool:
    """Whether the period before `period_end` ends a sentence: not after an abbreviation ("Mr.",
    "U.S.", "Sept.", "TS.") or an initial ("John F. Kennedy"), nor before a lower-case word."""
    if next_start < len(body) and body[next_start].islower():
        return False
    m = _WORD_BEFORE_PERIOD.search(body, max(0, period_end - 24), period_end)
    if m is None:
        return True
    word = m.group(1)
    if len(word) == 1 and word.isalpha():
        return False
    return word.casefold() not in abbreviations


def sentences(body: str, folded: str, lang: str | None = None) -> list[Sentence]:
    """The sentences of `body` with their offsets: split after sentence punctuation and at line
    breaks, never after an abbreviation of the language (data/sentences.yaml).

    A rule-based splitter on purpose: pysbd (the maintained library for en/zh) ran at about 40,000
    characters a second here, a thousand times slower than this one, and has no Vietnamese;
    underthesea's splitter returns strings without offsets. Both would also need the text's own
    offsets recovered."""
    abbreviations = _abbreviations_for(lang)
    out = []
    pos = 0
    text = body + "\n"
    for m in _SENTENCE_END.finditer(text):
        if (m.start() > 0 and text[m.start() - 1] == "." and "\n" not in m.group()
                and not _ends_sentence(text, m.start(), m.end(), abbreviations)):
            continue
        if m.start() > pos:
            chunk = body[pos:m.start()]
            if chunk.strip():
                out.append(Sentence(pos, m.start(), chunk, folded[pos:m.start()]))
        pos = m.end()
    return out


class _SearchTable(dict[int, str]):
    """Code point -> lower-case character (the character itself when lower-casing changes the
    length), one dash and one apostrophe; filled as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "‐‑‒–—―−":
            out = "-"
        elif ch in "’‘":
            out = "'"
        else:
            lowered = ch.lower()
            out = lowered if len(lowered) == 1 else ch
        self[code] = out
        return out


_SEARCH_TABLE = _SearchTable()


def search_form(text: str) -> str:
    """The form event words are matched on, same length as `text`: lower case, Simplified Chinese,
    Vietnamese tone marks kept in one placement ("hội đàm" matches "Hội đàm", never "hồi đáp", which
    the folded form confuses), one kind of dash and apostrophe."""
    return tone_normal(to_simplified(text)).translate(_SEARCH_TABLE)


def reference_year(doc: Document, folded: str, dates: list[DateMention]) -> int | None:
    """The year the document was written in: its published year; else the year of its full dates
    ("29/10/2025"); else the latest year it states that is not a goal ("vào năm 2050", "到2035年")
    nor part of a period ("giai đoạn 2021-2025", "2024-2026年阶段", "the 2025–2029 plan": a
    plan's years are ahead, a past stretch's are behind), plus one when that year is reported as
    complete ("đạt trên 9 tỷ USD năm 2024"). A text that states only periods is in the first
    year of its latest one."""
    if doc.meta.published:
        return doc.meta.published.year
    full = [d.year for d in dates if d.year and d.month and d.day]
    if full:
        return max(full)
    words = lexicon()
    periods = [d for d in dates if d.year and d.end_year and d.month is None and d.end_year != d.year]
    years = []
    for year, pos in stated_years(doc.body):
        if any(p.start <= pos < p.end for p in periods):
            continue
        if not has_word(folded[max(0, pos - GOAL_REACH):pos], words.goal_before):
            years.append((year, pos))
    if not years:
        starts = [p.year for p in periods if p.year]
        return max(starts) if starts else None
    latest = max(y for y, _ in years)
    for year, pos in years:
        window = folded[max(0, pos - PAST_FACT_REACH):pos + PAST_FACT_REACH]
        if year == latest and has_word(window, words.past_fact):
            return latest + 1
    return latest


# Dates read per document (a long statement holds a few dozen): a text made of dates keeps its first
# ones, so the stages that look up the dates of each sentence stay bounded.
MAX_DATES_PER_DOCUMENT = 5_000


def build_context(doc: Document, kb: KnowledgeBase | None = None) -> Context:
    """Sentences, reference year, dates, and the two countries the document is about (named, or
    implied by the people it names: "Thủ tướng Phạm Minh Chính" speaks for Vietnam)."""
    folded = doc.folded
    ctx = Context(doc=doc, sentences=sentences(doc.body, folded, doc.language))
    ctx.searchable = search_form(doc.body)
    ctx.dates = find_dates(doc.body, doc.language)
    if len(ctx.dates) > MAX_DATES_PER_DOCUMENT:
        doc.capped["dates"] = {"found": len(ctx.dates), "kept": MAX_DATES_PER_DOCUMENT}
        del ctx.dates[MAX_DATES_PER_DOCUMENT:]
    ctx.year = reference_year(doc, folded, ctx.dates)
    ctx.countries_by_span = [(m["start"], m["end"], m["entity"].split(":", 1)[1]) for m in doc.mentions
                             if m["entity"].startswith("country:")]
    title_end = next((p.end for p in doc.paragraphs if p.kind == "title"), 0)
    weights: Counter[str] = Counter()  # type: ignore[assignment]
    for start, _, code in ctx.countries_by_span:
        weights[code] += TITLE_WEIGHT if start < title_end else 1
    found = {e["id"]: e.get("country") for e in doc.facts.get("found_entities", [])}
    for m in doc.mentions:
        if m["entity"].startswith("person:"):
            person = kb.get(m["entity"]) if kb else None
            code = person.country if person else found.get(m["entity"])
            if code:
                weights[code] += PERSON_WEIGHT
    top = [code for code, _ in weights.most_common(2)]
    if len(top) == 2:
        ctx.pair = tuple(sorted(top))  # type: ignore[assignment]
    return ctx
