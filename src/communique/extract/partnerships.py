"""Partnership facts: which level two countries hold, whether the text reports it being set up or
raised, and since when — "nâng cấp quan hệ … lên Đối tác chiến lược toàn diện", "自1973年建交以来",
"established diplomatic ties in 1973".

A level named in a sentence belongs to the two countries the sentence names, or to the document's
two countries when the sentence speaks of "hai nước", "两国", "the two countries". Its date is the
date the sentence gives next to it; for an upgrade with no date of its own, the document's main date.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from communique.clean.normalize import fold
from communique.extract.context import Context, WordIndex, has_word, lexicon
from communique.kb.base import KnowledgeBase
from communique.spans import longest_first

# The levels the export names; others are exported as "other:<label as written>".
CORE_LEVELS = ("diplomatic_relations", "comprehensive_partnership", "strategic_partnership",
               "comprehensive_strategic_partnership")
# (A dash between spaces is tried where the spaces start, not again from inside a run of spaces.)
_CLAUSE_BREAK = re.compile(r"[,，;；、:：]\s*|(?<!\s)\s+-\s+|\(|（")
# A date this many characters or fewer from the level's name belongs to it.
DATE_REACH = 60


@lru_cache(maxsize=4)
def _level_index(kb: KnowledgeBase) -> WordIndex:
    """The levels' names, folded, labelled with the level id."""
    forms: dict[str, str] = {}
    for level in kb.levels.values():
        for names in level.names.values():
            for name in names:
                forms.setdefault(fold(name), level.id)
    return WordIndex(forms)


def level_mentions(folded: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """(start, end, level id) of every level named in the folded text, longest first where they
    overlap ("Đối tác chiến lược toàn diện" holds "Đối tác chiến lược")."""
    return longest_first(_level_index(kb).find_all(folded), lambda h: (h[0], h[1]))


def find_partnerships(ctx: Context, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Partnership facts of one document, one per (pair, level, date), with evidence."""
    words = lexicon()
    taken = _instrument_spans(ctx)
    facts: dict[tuple[tuple[str, str], str, str | None], dict[str, Any]] = {}
    doc = ctx.doc
    matches = level_mentions(doc.folded, kb)
    for sentence in ctx.sentences:
        found = [f for f in matches if sentence.start <= f[0] < sentence.end]
        # Inside an agreement's name ("Hiệp định Đối tác toàn diện …") a level's words are not a level.
        found = [f for f in found if not any(s <= f[0] < e for s, e in taken)]
        # With an upgrade verb, the highest level of the sentence is the one reached; the others are
        # where the relationship came from ("từ Đối tác chiến lược lên Đối tác chiến lược toàn diện").
        top = max((_rank(kb, level_id) for _, _, level_id in found), default=0)
        for start, end, level_id in found:
            pair = _pair(ctx, sentence.start, sentence.end, sentence.folded)
            if pair is None:
                continue
            upgrade = has_word(sentence.folded, words.upgrade) and (
                len(found) == 1 or _rank(kb, level_id) == top or level_id == "diplomatic_relations")
            if level_id == "diplomatic_relations" and not upgrade and not ctx.dates_in(sentence.start, sentence.end):
                continue  # "quan hệ ngoại giao" in passing: no fact
            others = [(s, e) for s, e, _ in found if (s, e) != (start, end)]
            anniversary = level_id == "diplomatic_relations" and has_word(sentence.folded, words.anniversary)
            date = _date(ctx, start, end, sentence, upgrade and level_id != "diplomatic_relations", others,
                         anniversary)
            level = level_id if level_id in CORE_LEVELS else f"other:{doc.body[start:end]}"
            key = (pair, level, date)
            fact = facts.setdefault(key, {"parties": list(pair), "level": level, "date": date,
                                          "change": "upgrade" if upgrade else "mentioned", "evidence": []})
            if upgrade:
                fact["change"] = "upgrade"
            fact["evidence"].append({"document": doc.id, "start": sentence.start, "end": sentence.end})
    return _drop_undated_duplicates(list(facts.values()))


def _rank(kb: KnowledgeBase, level_id: str) -> int:
    level = kb.levels.get(level_id)
    return level.rank if level and level.rank is not None else 0


def _instrument_spans(ctx: Context) -> list[tuple[int, int]]:
    return [(m["start"], m["end"]) for m in ctx.doc.mentions
            if m["entity"].split(":", 1)[0] in ("instrument", "mechanism", "org")]


def _pair(ctx: Context, start: int, end: int, folded: str) -> tuple[str, str] | None:
    named = ctx.countries_in(start, end)
    if len(named) == 2:
        return tuple(sorted(named))  # type: ignore[return-value]
    if len(named) > 2:
        return None
    if ctx.pair and (not named or named[0] in ctx.pair) and (named or has_word(folded, lexicon().two_sides)):
        return ctx.pair
    return None


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, b_start - a_end, a_start - b_end)


def _clause_bounds(body: str, start: int, end: int, sentence: Any) -> tuple[int, int]:
    """The clause of the sentence a level stands in: between commas, semicolons and the like."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(body, sentence.start, start)), default=sentence.start)
    right_match = _CLAUSE_BREAK.search(body, end, sentence.end)
    return left, right_match.start() if right_match else sentence.end


def _date(ctx: Context, start: int, end: int, sentence: Any, upgrade: bool,
          others: list[tuple[int, int]], anniversary: bool = False) -> str | None:
    """The date of this level: one in its own clause ("1973年建交，2018年建立战略伙伴关系"), else the
    nearest in the sentence that is not in another level's clause; for an upgrade without one, the
    document's main date. In an anniversary clause a single year is the celebration, not the start."""
    body = ctx.doc.body
    left, right = _clause_bounds(body, start, end, sentence)
    published = ctx.doc.meta.published  # relative dates ("năm ngoái", "去年") count from it
    candidates = [d for d in ctx.dates_in(left, right) if d.precision is not None]
    if not candidates:
        claimed = [_clause_bounds(body, s, e, sentence) for s, e in others]
        candidates = [d for d in ctx.dates_in(sentence.start, sentence.end)
                      if d.precision is not None and _gap(start, end, d.start, d.end) <= DATE_REACH
                      and not any(cl <= d.start < cr for cl, cr in claimed)]
    if anniversary:
        candidates = [d for d in candidates if d.end_year]  # "(1973 - 2023)": the range's start
    if candidates:
        best = min(candidates, key=lambda d: _gap(start, end, d.start, d.end))
        value = best.value(ctx.year, published)
        if value is not None:
            return value.iso()
        if best.is_relative:
            return None  # "năm ngoái" in an undated text: stated, unknown, not the main date
    if upgrade:
        main = ctx.main_date()
        if main is not None:
            value = main.value(ctx.year, published)
            return value.iso() if value else None
    return None


def _drop_undated_duplicates(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A level without a date next to the same level with one is the same fact: keep the dated one
    and give it the evidence of both."""
    dated = {(tuple(f["parties"]), f["level"]): f for f in facts if f["date"]}
    out = []
    for fact in facts:
        key = (tuple(fact["parties"]), fact["level"])
        if fact["date"] is None and key in dated:
            dated[key]["evidence"] += fact["evidence"]
            continue
        out.append(fact)
    return out
