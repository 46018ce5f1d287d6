"""What the fact extractors share about one document: sentences, its year, its two countries,
its main date, and the event lexicon (data/events.yaml)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from communique.kb.base import KnowledgeBase
from communique.model import Document
from communique.text.dates import DateMention, find_dates, stated_years
from communique.text.normalize import fold, search_form
from communique.text.sentences import sentence_spans
from communique.text.words import has_word

# Title mentions count this much more than body mentions in choosing the document's countries.
TITLE_WEIGHT = 3
# Characters around a year read for goal words before it and past-fact words around it.
GOAL_REACH = 12
# A person's mention counts this much for their country (less than naming the country).
PERSON_WEIGHT = 0.5
PAST_FACT_REACH = 40
# Characters on either side of a year inside parentheses that cite a date ("(tháng 8/2020)").
CITED_PARENTHESES_CHARS = 16


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, dict[str, tuple[str, ...]]]
    frame_before: tuple[str, ...]
    destination_before: tuple[str, ...]
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
        frame_before=_words(data["frame_before"]), destination_before=_words(data["destination_before"]),
        planned=_words(data["planned"]),
        negated=_words(data["negated"]), upgrade=_words(data["upgrade"]),
        two_sides=_words(data["two_sides"]), past_fact=_words(data["past_fact"]),
        goal_before=_words(data["goal_before"]), anniversary=_words(data["anniversary"]),
    )


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
def sentences(body: str, folded: str, lang: str | None = None) -> list[Sentence]:
    """The sentences of `body` (text.sentences.sentence_spans) with their folded text."""
    return [Sentence(start, end, body[start:end], folded[start:end]) for start, end in sentence_spans(body, lang)]


def reference_year(doc: Document, folded: str, dates: list[DateMention]) -> int | None:
    """The year the document was written in: its published year; else the year of its full dates
    ("29/10/2025"); else the latest year it states that is not a goal ("vào năm 2050", "到2035年")
    nor part of a period ("giai đoạn 2021-2025", "2024-2026年阶段", "the 2025–2029 plan": a
    plan's years are ahead, a past stretch's are behind), plus one when that year is reported as
    complete ("đạt trên 9 tỷ USD năm 2024"). A text that states only periods is in the first
    year of its latest one. A year cited in short parentheses ("(2020年8月)", "(August 2020)")
    dates what it follows, not the text: it is never the document's year."""
    if doc.meta.published:
        return doc.meta.published.year
    full = [d.year for d in dates if d.year and d.month and d.day]
    if full:
        return max(full)
    words = lexicon()
    periods = [d for d in dates if d.year and d.end_year and d.month is None and d.end_year != d.year]
    years = []
    for year, pos in stated_years(doc.body):
        if any(p.start <= pos < p.end for p in periods) or _cited(doc.body, pos):
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


def _cited(body: str, pos: int) -> bool:
    """The year at `pos` stands in short parentheses of its own ("峰会（2020年8月）")."""
    before = body[max(0, pos - CITED_PARENTHESES_CHARS):pos]
    opened = max(before.rfind("("), before.rfind("（"))
    if opened < 0 or any(c in before[opened:] for c in ")）"):
        return False
    after = body[pos:pos + CITED_PARENTHESES_CHARS]
    closed = [i for i in (after.find(")"), after.find("）")) if i >= 0]
    return bool(closed) and not any(c in after[:min(closed)] for c in "(（")


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
