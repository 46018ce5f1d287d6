"""Events a document reports: talks, meetings, calls, visits, dialogues, signings, statements.

Each sentence is read for the words that report an event (data/events.yaml). Within one document
the reports of one kind of event are one event (a report says "hội đàm" in many sentences about
the same talks), except visits and dialogues on different dates. Rules:
- a visit named as the frame of another event ("trong khuôn khổ chuyến thăm …, hai bên hội đàm",
  "访问期间") is not an event of its own; a visit is reported as one when its dates are given;
- future or invitation wording makes an event `planned` — unless the document is dated within
  the event's own dates (a statement issued during the visit it announces);
- negation ("chưa", "尚未", "not") drops the event;
- a statement event is reported by the statement itself (a document with numbered clauses).
Participants are the people named in the sentences, countries the document's two countries (or
the two the sentence names), the date the sentence's date or, for the first event, the document's
main date.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from communique.extract.context import Context, Sentence, WordIndex, has_word, lexicon
from communique.kb.base import KnowledgeBase

# Characters of the trigger itself read for future words.
TRIGGER_HEAD = 6
# How far before a trigger (characters) future or negation words count.
MODALITY_REACH = 25
# An event's date is at most this many years from the document's year.
EVENT_YEAR_REACH = 1
# Events whose unnamed participants are the document's leading people ("hai nhà lãnh đạo").
WITH_LEADERS = ("talks", "meeting", "call", "dialogue")
# A person named this many times or more is one of the document's leading people.
LEADER_MIN_MENTIONS = 2
# "tại London", "在伦敦", "in London": a place this close after these words is where it happened.
PLACE_WORDS = ("tai", "o", "在", "in", "at")
PLACE_REACH = 8
# Characters of "what was signed" kept from the sentence.
SIGNED_MAX_CHARS = 240
# Triggers for which the frame rule applies.
FRAMED = ("visit",)


def find_events(ctx: Context, kb: KnowledgeBase | None = None, is_statement: bool = False) -> list[dict[str, Any]]:
    """Events of one document, with evidence; `is_statement`: the document is a joint statement."""
    words = lexicon()
    hits = _trigger_index().find_all(ctx.doc.folded)
    events: dict[tuple[str, str | None], dict[str, Any]] = {}
    # Events whose sentence gives a date that cannot be resolved ("hôm qua" in an undated text):
    # they keep no date rather than take the document's main date.
    unresolved: set[int] = set()
    for sentence in ctx.sentences:
        first: dict[str, int] = {}
        for start, _, kind in hits:
            if sentence.start <= start < sentence.end:
                first.setdefault(kind, start - sentence.start)
        for kind, hit in first.items():
            if kind == "statement" and not is_statement:
                continue
            if kind in FRAMED and _framed(sentence, hit, words.frame_before):
                continue
            before = sentence.folded[max(0, hit - MODALITY_REACH):hit]
            if has_word(before, words.negated):
                continue
            # An event's date is known at least to the month; a bare year is a period ("giai đoạn 2024-2026").
            dates = [d for d in ctx.dates_in(sentence.start, sentence.end)
                     if d.precision in ("month", "day") and _current(ctx, d)]
            if kind == "visit" and not dates:
                continue
            start_date, end_date = _dates(ctx, dates)
            stated_but_unknown = start_date is None and any(d.is_relative for d in dates)
            # The trigger itself may carry the future ("will visit", "sẽ thăm", "将访问").
            planned = has_word(sentence.folded[max(0, hit - MODALITY_REACH):hit + TRIGGER_HEAD], words.planned)
            if planned and _ongoing(ctx, start_date, end_date):
                planned = False
            key = (kind, start_date if kind in ("visit", "dialogue") else None)
            event = events.get(key)
            if event is None:
                event = events[key] = {
                    "type": kind, "status": "planned" if planned else "held", "date": start_date,
                    "end_date": end_date, "place": None, "participants": [],
                    "countries": list(ctx.countries_in(sentence.start, sentence.end)[:2]),
                    "documents": [ctx.doc.id], "evidence": []}
            elif not planned:
                event["status"] = "held"
            if stated_but_unknown and event["date"] is None:
                unresolved.add(id(event))
            event["date"] = event["date"] or start_date
            event["end_date"] = event["end_date"] or end_date
            for person in _people(ctx, sentence):
                if person not in event["participants"]:
                    event["participants"].append(person)
            event["place"] = event["place"] or _place(ctx, sentence, kb)
            if kind == "signing":
                _signed(ctx, sentence, hit, event)
            event["evidence"].append({"document": ctx.doc.id, "start": sentence.start, "end": sentence.end})
    out = list(events.values())
    leaders = _leaders(ctx)
    main = ctx.main_date()
    main_date = main.value(ctx.year, ctx.doc.meta.published) if main else None
    main_value = main_date.iso() if main_date else None
    for n, event in enumerate(out):
        if len(event["countries"]) != 2 and ctx.pair:
            event["countries"] = list(ctx.pair)
        event["countries"] = sorted(event["countries"])
        if event["date"] is None and event["status"] == "held" and id(event) not in unresolved:
            event["date"] = main_value
        if len(event["participants"]) < 2 and event["type"] in WITH_LEADERS:
            event["participants"] = list(dict.fromkeys(event["participants"] + leaders))
        event["id"] = f"{ctx.doc.id}:{event['type']}:{n}"
    return out


def _current(ctx: Context, mention: Any) -> bool:
    """A date near the document's own year: "1973" in a visit sentence is history, not the visit."""
    if ctx.year is None or mention.year is None:
        return True
    return abs(mention.year - ctx.year) <= EVENT_YEAR_REACH


@lru_cache(maxsize=1)
def _trigger_index() -> WordIndex:
    """Every trigger word of every language, labelled with its kind of event."""
    labelled: dict[str, str] = {}
    for kind, by_lang in lexicon().triggers.items():
        for words in by_lang.values():
            for word in words:
                labelled.setdefault(word, kind)
    return WordIndex(labelled)


def _framed(sentence: Sentence, hit: int, frames: tuple[str, ...]) -> bool:
    """"trong khuôn khổ chuyến thăm", "during the visit", "访问期间": the visit frames another event."""
    before = sentence.folded[max(0, hit - 30):hit]
    after = sentence.folded[hit:hit + 40]
    return has_word(before, frames) or any(f in after for f in frames if not f.isascii())


def _dates(ctx: Context, dates: list[Any]) -> tuple[str | None, str | None]:
    """The first date of the sentence that resolves, with its end: a relative one ("hôm qua",
    "last week") against the document's publication date, never without it."""
    published = ctx.doc.meta.published
    for mention in dates:
        value = mention.value(ctx.year, published)
        if value is None:
            continue
        has_end = mention.end_day or mention.end_month or mention.is_relative
        end = mention.end_value(ctx.year, published) if has_end else None
        return value.iso(), end.iso() if end else None
    return None, None


def _ongoing(ctx: Context, start: str | None, end: str | None) -> bool:
    """The document is dated within the event's own dates."""
    published = ctx.doc.meta.published
    if published is None or start is None:
        return False
    day = published.iso()
    return start <= day <= (end or start)


def _place(ctx: Context, sentence: Sentence, kb: KnowledgeBase | None) -> str | None:
    """Where: the first place or country named right after "tại", "ở", "在", "in", "at" in the sentence."""
    for m in ctx.doc.mentions:
        if not sentence.start <= m["start"] < sentence.end:
            continue
        if m["entity"].split(":", 1)[0] not in ("place", "country"):
            continue
        before = ctx.doc.folded[max(sentence.start, m["start"] - PLACE_REACH):m["start"]]
        if has_word(before, PLACE_WORDS):
            entity = kb.get(m["entity"]) if kb else None
            return entity.name if entity else m["text"]
    return None


def _signed(ctx: Context, sentence: Sentence, hit: int, event: dict[str, Any]) -> None:
    """What was signed (the words after the signing verb) and by which agencies."""
    what = " ".join(sentence.text[hit:].split())[:SIGNED_MAX_CHARS]
    event.setdefault("what", what)
    agencies = [m["entity"] for m in ctx.doc.mentions if sentence.start <= m["start"] < sentence.end
                and m["entity"].split(":", 1)[0] in ("org", "organization")]
    event["agencies"] = list(dict.fromkeys(event.get("agencies", []) + agencies))


def _leaders(ctx: Context) -> list[str]:
    counts: dict[str, int] = {}
    for m in ctx.doc.mentions:
        if m["entity"].startswith("person:"):
            counts[m["entity"]] = counts.get(m["entity"], 0) + 1
    ranked = sorted((p for p, n in counts.items() if n >= LEADER_MIN_MENTIONS), key=lambda p: -counts[p])
    return ranked[:2]


def _people(ctx: Context, sentence: Sentence) -> list[str]:
    return list(dict.fromkeys(m["entity"] for m in ctx.doc.mentions
                              if m["entity"].startswith("person:")
                              and sentence.start <= m["start"] < sentence.end))
