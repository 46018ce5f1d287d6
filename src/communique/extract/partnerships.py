"""Partnership facts: which level two countries hold, whether the text reports it being set up or
raised, and since when — "nâng cấp quan hệ … lên Đối tác chiến lược toàn diện", "自1973年建交以来",
"established diplomatic ties in 1973".

A level named in a sentence belongs to the two countries the sentence names, or to the document's
two countries when the sentence speaks of "hai nước", "两国", "the two countries" (or, for diplomatic
relations "established", names no country at all). A level stated over a list of partners ("… với A,
B, C và D", "越南同A、B、C建立…") belongs to each of them with the anchor country; a capital stands
for its country there. Its date is the date the sentence gives next to it; for an upgrade with no
date nearby, the sentence's date, else the document's main date.

No fact: a level inside an instrument's name or a global formula ("人类命运共同体"), a level sought
("mong muốn sớm nâng cấp … lên", "toward a … partnership", "构建 …"), a level the KB gives only to
some countries (`parties`) for another pair. One fact per pair, level and date: the same level
written twice, or in two languages, is one fact, labelled as first written.
The words are data: data/partnerships.yaml (and the event lexicon's upgrade and "two sides" words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from communique.extract.context import Context, Sentence, lexicon
from communique.kb.base import KnowledgeBase
from communique.schema import fact_kind
from communique.text.normalize import fold, is_word_char
from communique.text.spans import longest_first
from communique.text.words import WordIndex, find_word, has_word

# The levels the export names (declared in communique/schema/facts.yaml); others are exported as
# "other:<label as written>".
CORE_LEVELS = fact_kind("partnerships").get("level").values
# (A dash between spaces is tried where the spaces start, not again from inside a run of spaces.)
_CLAUSE_BREAK = re.compile(r"[,，;；、:：]\s*|(?<!\s)\s+-\s+|\(|（")
# A date this many characters or fewer from the level's name belongs to it.
DATE_REACH = 60
# An aspiration word this many characters or fewer before a level (in its clause) makes it sought.
ASPIRATION_REACH = 48
ASPIRATION_NEAR = 16  # for direction words ("hướng tới", "towards a"), which also lead elsewhere
# What stands between two partners of a list: separators, "và"/"and"/"和", an article...
_LIST_SEPARATOR = re.compile(r"[,，、]|\b(?:va|and|as well as|cung)\b|和|及|以及|与|同")
_ASPIRATION_BREAK = re.compile(r"[,，;；:：(（]")
_ARTICLE = re.compile(r"\bthe\s+")
# ...and, in a list, at most this many other words (a partner the linker did not read: "Nga").
LIST_ITEM_WORDS = 3
LIST_ITEM_CJK_CHARS = 6


@dataclass(frozen=True)
class _Words:
    """data/partnerships.yaml, folded, longest first."""

    not_levels: tuple[str, ...]
    aspiration: tuple[str, ...]
    aspiration_near: tuple[str, ...]
    establish: tuple[str, ...]
    partner_before: tuple[str, ...]


@lru_cache(maxsize=1)
def _own_words() -> _Words:
    text = resources.files("communique.extract").joinpath("data/partnerships.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)

    def folded(key: str) -> tuple[str, ...]:
        return tuple(sorted({fold(w) for ws in data[key].values() for w in ws}, key=len, reverse=True))

    return _Words(not_levels=folded("not_levels"), aspiration=folded("aspiration_before"),
                  aspiration_near=folded("aspiration_just_before"),
                  establish=folded("establish"), partner_before=folded("partner_before"))


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
    own = _own_words()
    upgrade_words = tuple(sorted(set(words.upgrade) | set(own.establish), key=len, reverse=True))
    doc = ctx.doc
    # Inside an agreement's name ("Hiệp định Đối tác toàn diện …") or a global formula
    # ("人类命运共同体") a level's words are not a level.
    taken = _instrument_spans(ctx) + _formula_spans(doc.folded, own.not_levels)
    places = _place_countries(ctx, kb)
    facts: dict[tuple[tuple[str, str], str, str | None], dict[str, Any]] = {}
    matches = level_mentions(doc.folded, kb)
    for sentence in ctx.sentences:
        found = [f for f in matches if sentence.start <= f[0] < sentence.end]
        found = [f for f in found if not any(s <= f[0] < e for s, e in taken)
                 and not _sought(doc.folded, f[0], sentence, own.aspiration, ASPIRATION_REACH, words.anniversary)
                 and not _sought(doc.folded, f[0], sentence, own.aspiration_near, ASPIRATION_NEAR, words.anniversary)]
        # With an upgrade verb, the highest level of the sentence is the one reached; the others are
        # where the relationship came from ("từ Đối tác chiến lược lên Đối tác chiến lược toàn diện").
        top = max((_rank(kb, level_id) for _, _, level_id in found), default=0)
        upgrade_verb = has_word(sentence.folded, upgrade_words)
        for start, end, level_id in found:
            pairs = _pairs(ctx, sentence, level_id, places, own.partner_before, upgrade_verb)
            held_by = kb.levels[level_id].parties if level_id in kb.levels else ()
            if held_by:  # "quan hệ đặc biệt" holds only between the countries the KB lists
                pairs = [p for p in pairs if set(p) <= set(held_by)]
            if not pairs:
                continue
            upgrade = upgrade_verb and (
                len(found) == 1 or _rank(kb, level_id) == top or level_id == "diplomatic_relations")
            if level_id == "diplomatic_relations" and not upgrade and not ctx.dates_in(sentence.start, sentence.end):
                continue  # "quan hệ ngoại giao" in passing: no fact
            others = [(s, e) for s, e, _ in found if (s, e) != (start, end)]
            anniversary = level_id == "diplomatic_relations" and has_word(sentence.folded, words.anniversary)
            date = _date(ctx, start, end, sentence, upgrade and level_id != "diplomatic_relations", others,
                         anniversary)
            # Labelled as first written: "「加強版戰略夥伴關係」（Strengthened Strategic Partnership）" is one fact.
            level = level_id if level_id in CORE_LEVELS else f"other:{doc.body[start:end]}"
            for pair in pairs:
                fact = facts.setdefault((pair, level_id, date), {
                    "parties": list(pair), "level": level, "date": date,
                    "change": "upgrade" if upgrade else "mentioned", "evidence": []})
                if upgrade:
                    fact["change"] = "upgrade"
                evidence = {"document": doc.id, "start": sentence.start, "end": sentence.end}
                if evidence not in fact["evidence"]:
                    fact["evidence"].append(evidence)
    return _drop_undated_duplicates(facts)


def _formula_spans(folded: str, formulas: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for formula in formulas:
        pos = find_word(folded, (formula,))
        while pos >= 0:
            spans.append((pos, pos + len(formula)))
            pos = find_word(folded, (formula,), pos + 1)
    return spans


def _sought(folded: str, start: int, sentence: Sentence, aspiration: tuple[str, ...], reach: int,
            anniversary: tuple[str, ...]) -> bool:
    """An aspiration word just before the level, in its clause: "mong muốn sớm nâng cấp quan hệ lên …",
    "toward a … partnership", "推动构建 …". Not across an anniversary ("hướng tới kỷ niệm 50 năm
    thiết lập quan hệ ngoại giao" celebrates a level held)."""
    # The clause's start, a dash between two names ("Việt Nam - Kazakhstan") not counting as a break.
    left = max((m.end() for m in _ASPIRATION_BREAK.finditer(folded, sentence.start, start)), default=sentence.start)
    window_start = max(left, start - reach)
    window = folded[window_start:start]
    for word in aspiration:
        pos = window.rfind(word)
        while pos >= 0:
            bounded = not is_word_char(word[0]) or (
                (pos == 0 or not is_word_char(window[pos - 1]))
                and (pos + len(word) == len(window) or not is_word_char(window[pos + len(word)])))
            if bounded:
                return not has_word(window[pos + len(word):], anniversary)
            pos = window.rfind(word, 0, pos)
    return False


def _place_countries(ctx: Context, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """(start, end, country) of the places named that lie in a country: a capital stands for its
    country in a list of partners ("Hà Nội … với Bắc Kinh, Moskva")."""
    out = []
    for m in ctx.doc.mentions:
        if m["entity"].startswith("place:"):
            place = kb.get(m["entity"])
            if place is not None and place.country:
                out.append((m["start"], m["end"], place.country))
    return out


def _pairs(ctx: Context, sentence: Sentence, level_id: str, places: list[tuple[int, int, str]],
           partner_words: tuple[str, ...], upgrade_verb: bool) -> list[tuple[str, str]]:
    named = ctx.countries_in(sentence.start, sentence.end)
    if len(named) == 2:
        return [tuple(sorted(named))]  # type: ignore[list-item]
    in_sentence = sorted([m for m in ctx.countries_by_span if sentence.start <= m[0] and m[1] <= sentence.end]
                         + [m for m in places if sentence.start <= m[0] and m[1] <= sentence.end])
    if len({code for _, _, code in in_sentence}) > 2:
        listed = _listed_pairs(ctx.doc.folded, sentence, in_sentence, partner_words)
        if listed or len(named) > 2:
            return listed
    pair = _pair(ctx, sentence.start, sentence.end, sentence.folded)
    if pair is not None:
        return [pair]
    # "… 35 năm thiết lập quan hệ ngoại giao": diplomatic relations established, no country named.
    if level_id == "diplomatic_relations" and ctx.pair and not named and upgrade_verb:
        return [ctx.pair]
    return []


def _listed_pairs(folded: str, sentence: Sentence, mentions: list[tuple[int, int, str]],
                  partner_words: tuple[str, ...]) -> list[tuple[str, str]]:
    """The anchor (the first country or capital of the sentence) with each partner of the list after
    the first "with" word after it: "Việt Nam … với Trung Quốc, Nga, Ấn Độ và Hàn Quốc"."""
    anchor_start, anchor_end, anchor = mentions[0]
    local = sentence.folded
    offset = sentence.start
    at = find_word(local, partner_words, anchor_end - offset)
    if at < 0:
        return []
    word_end = at + offset + next(len(w) for w in partner_words if local.startswith(w, at))
    partners: list[str] = []
    cursor = word_end
    for start, end, code in mentions[1:]:
        if start < word_end:
            continue
        if not _list_gap(folded[cursor:start], first=not partners):
            break
        if code != anchor and code not in partners:
            partners.append(code)
        cursor = end
    return [tuple(sorted((anchor, code))) for code in partners]  # type: ignore[misc]


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
    if not candidates and upgrade and not others:
        # "Năm 2013, nhân chuyến thăm …, hai nước nâng cấp quan hệ lên …": the sentence's own date,
        # however far, before the document's.
        candidates = [d for d in ctx.dates_in(sentence.start, sentence.end) if d.precision is not None]
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


def _list_gap(gap: str, first: bool) -> bool:
    """Whether `gap` can stand between two partners of a list (between "with" and the first one when
    `first`): separators, conjunctions, articles and a few other words, no clause break."""
    if any(c in gap for c in ";；.。:：()（）"):
        return False
    rest = _ARTICLE.sub(" ", _LIST_SEPARATOR.sub(" ", gap)).strip()
    if first:
        return not rest
    if not _LIST_SEPARATOR.search(gap):
        return False
    words = rest.split()
    cjk = sum(1 for c in rest if not c.isspace() and not is_word_char(c))
    return len(words) <= LIST_ITEM_WORDS and cjk <= LIST_ITEM_CJK_CHARS


def _drop_undated_duplicates(facts: dict[tuple[tuple[str, str], str, str | None], dict[str, Any]]
                             ) -> list[dict[str, Any]]:
    """A level without a date next to the same level with one is the same fact: keep the dated one
    and give it the evidence of both."""
    dated = {(pair, level_id): f for (pair, level_id, date), f in facts.items() if date}
    out = []
    for (pair, level_id, date), fact in facts.items():
        if date is None and (pair, level_id) in dated:
            kept = dated[(pair, level_id)]
            kept["evidence"] += [e for e in fact["evidence"] if e not in kept["evidence"]]
            continue
        out.append(fact)
    return out
