"""Events a document reports: talks, meetings, calls, visits, dialogues, signings, statements.

Each sentence is read for the words that report an event: the trigger words of data/events.yaml and
the trigger grammar of data/event_grammar.yaml (verb + modifiers + event noun, "held wide-ranging
talks", "có cuộc hội đàm", "共同主持第四次…会议"; noun + verb, "the joint statement issued on…"),
matched with Vietnamese tone marks kept. An event is keyed by its type, its date and its counterpart:
- a report with no date joins the last event of its type; one whose date differs from every event of
  its type (a day apart or more, a month not containing it) is an event of its own;
- "A and B met C respectively", "分别会见", "lần lượt tiếp": one event per subject (or per object);
  two meetings with one shared person and one other person each are two meetings;
- a recalled event ("last visited … in 2017", "自第17次会议(2020年8月)以来") keeps its own past date
  (a year is a date for a visit) and is kept apart from the current ones;
- two coordinated verbs of one meeting ("đón và hội đàm", "received and held talks") are one event;
- a visit named as the frame of another event ("trong khuôn khổ chuyến thăm …, hai bên hội đàm",
  "访问期间") is not an event of its own unless the frame gives its dates ("在…于5月15日至16日对越南
  进行正式访问期间"); events on a visit's dates are `part_of` it;
- future or invitation wording makes an event `planned` — unless the document is dated within
  the event's own dates (a statement issued during the visit it announces);
- negation ("chưa", "尚未", "not") drops the event;
- a statement document (numbered clauses, or a title or head line naming a joint statement) is one
  statement event, dated by its dateline or publication date.
An event takes the date nearest its trigger that is not in a later clause about the future; a
relative date or weekday resolves against the publication date or, without one, the document's main
date. Participants are the people named in the sentences, countries the document's two countries
(or the two the sentence names).
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
from communique.text.languages import language_code
from communique.text.normalize import search_form
from communique.text.words import WordIndex, has_word

# Characters of the trigger itself read for future words.
TRIGGER_HEAD = 6
# How far before a trigger (characters) future or negation words count.
MODALITY_REACH = 25
# An event's date is at most this many years from the document's year (a recalled event excepted).
EVENT_YEAR_REACH = 1
# Events whose unnamed participants are the document's leading people ("hai nhà lãnh đạo").
WITH_LEADERS = ("talks", "meeting", "call", "dialogue")
# A person named this many times or more is one of the document's leading people.
LEADER_MIN_MENTIONS = 2
# "tại London", "在伦敦", "in London": a place this close after these words is where it happened.
PLACE_WORDS = ("tai", "o", "在", "in", "at")
PLACE_REACH = 8
# A visit's destination this close after its word ("thăm cấp nhà nước Việt Nam": modifiers between).
DESTINATION_REACH = 24
HAN_PLACE_REACH = 3  # Chinese puts the word right before the place: "访问越南", "对越南进行", "在河内"
# A country this close before a person, with only capitalised words between, qualifies the person.
QUALIFIER_TITLE_CHARS = 24
# Characters of "what was signed" kept from the sentence.
SIGNED_MAX_CHARS = 240
# Triggers for which the frame rule applies.
FRAMED = ("visit",)
# A frame word this far before a visit trigger ("trong khuôn khổ chuyến thăm") or after it ("访问期间").
FRAME_BEFORE_REACH = 30
FRAME_AFTER_REACH = 40
# Reports of one event on days at most this far apart are one event ("hôm qua" against a dateline).
SAME_EVENT_DAYS = 1
# Kinds whose reports name their counterpart: two meetings that share one person and differ in the
# other are two meetings (a leader who received two officials).
BY_COUNTERPART = ("meeting", "call")
# Kinds that one sitting can be reported by two coordinated verbs ("đón và hội đàm").
ONE_SITTING = ("talks", "meeting")
# How far around a trigger recalled-event words count, and how far before one a coordinator links
# two verbs of one sitting.
RECALLED_BEFORE = 25
RECALLED_AFTER = 40
COORDINATOR_REACH = 12
# After a co-chaired or named meeting's noun, the bilateral marker may stand this far (its name:
# "Kỳ họp lần thứ 7 Ủy ban hỗn hợp Việt Nam - Malaysia"), within the clause.
BILATERAL_AFTER = 60
# A statement document names itself in one of its first lines, a heading of at most this many characters.
HEAD_LINES = 4
HEAD_LINE_MAX_CHARS = 120
# Clause breaks: a verb and its noun never stand on either side of one.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()，。；：！？（）、]")
_SENTENCE_STOP = ".。!！?？"


@dataclass(frozen=True)
class Hit:
    start: int  # offset in the sentence
    end: int
    kind: str
    recalled: bool = False
    head: int | None = None  # where the trigger's own words end, read for future words ("will visit")


def find_events(ctx: Context, kb: KnowledgeBase | None = None, is_statement: bool = False) -> list[dict[str, Any]]:
    """Events of one document, with evidence; `is_statement`: the document is a joint statement."""
    words = lexicon()
    grammar = _grammar()
    lang = _lang(ctx)
    anchor = ctx.doc.meta.published or _dateline_value(ctx)
    title_end = next((p.end for p in ctx.doc.paragraphs if p.kind == "title"), 0)
    events: list[dict[str, Any]] = []
    # Events whose sentence gives a date that cannot be resolved ("hôm qua" in an undated text):
    # they keep no date rather than take the document's main date.
    unresolved: set[int] = set()
    for sentence in ctx.sentences:
        searchable = ctx.searchable[sentence.start:sentence.end]
        hits = _hits(searchable, lang, grammar, headline=sentence.start < title_end, text=sentence.text)
        for hit in hits:
            kind = hit.kind
            if kind in FRAMED and not hit.recalled:
                own = _framed(ctx, sentence, hit.start, words.frame_before)
                if own is False:
                    continue
            else:
                own = None
            before = sentence.folded[max(0, hit.start - MODALITY_REACH):hit.start]
            if has_word(before, words.negated):
                continue
            recalled = hit.recalled or _recalled(searchable, hit, grammar["recalled"].get(lang, ()))
            dates = own if isinstance(own, list) else _candidate_dates(ctx, sentence, hit, recalled, lang)
            if kind == "visit" and not dates:
                continue
            start_date, end_date = _dates(ctx, dates, anchor)
            if recalled and start_date is None:
                continue  # a past event with no date of its own cannot be told from the current one
            stated_but_unknown = start_date is None and any(d.is_relative for d in dates)
            # The trigger itself may carry the future ("will visit", "sẽ thăm", "将访问").
            head = hit.start + TRIGGER_HEAD if hit.head is None else hit.head
            planned = not recalled and has_word(
                sentence.folded[max(0, hit.start - MODALITY_REACH):head], words.planned)
            if planned and _ongoing(ctx, start_date, end_date):
                planned = False
            if planned and start_date is None:
                continue  # an intention with no date ("pledged to hold the next dialogue") is no event yet
            people = _people(ctx, sentence)
            for share in _distributed(ctx, sentence, hit, people, grammar["distributive"].get(lang, ())):
                report = {"kind": kind, "date": start_date, "end": end_date, "planned": planned,
                          "recalled": recalled, "people": share, "split": share is not people}
                event = _joining(events, report)
                if event is None:
                    event = {
                        "type": kind, "status": "planned" if planned else "held", "date": start_date,
                        "end_date": end_date, "place": None, "participants": [],
                        "countries": list(ctx.countries_in(sentence.start, sentence.end)[:2]),
                        "documents": [ctx.doc.id], "evidence": [], "_recalled": recalled,
                        "_split": report["split"]}
                    events.append(event)
                elif not planned:
                    event["status"] = "held"
                if stated_but_unknown and event["date"] is None:
                    unresolved.add(id(event))
                if event["date"] is None:
                    event["date"], event["end_date"] = start_date, end_date
                event["end_date"] = event["end_date"] or end_date
                for person in share:
                    if person not in event["participants"]:
                        event["participants"].append(person)
                event["place"] = event["place"] or _place(ctx, sentence, kb, kind)
                if kind == "signing":
                    _signed(ctx, sentence, hit.start, event)
                evidence = {"document": ctx.doc.id, "start": sentence.start, "end": sentence.end}
                if evidence not in event["evidence"]:
                    event["evidence"].append(evidence)
    if not any(e["type"] == "statement" for e in events):
        statement = _statement_document(ctx, is_statement, grammar, lang, anchor)
        if statement is not None:
            events.append(statement)
    return _finished(ctx, events, unresolved)


def _finished(ctx: Context, events: list[dict[str, Any]], unresolved: set[int]) -> list[dict[str, Any]]:
    """Countries, the main date for an undated held event, leaders as participants, ids, `part_of`."""
    leaders = _leaders(ctx)
    main_value = _main_value(ctx)
    main_iso = main_value.iso() if main_value else None
    for n, event in enumerate(events):
        if len(event["countries"]) != 2 and ctx.pair:
            event["countries"] = list(ctx.pair)
        event["countries"] = sorted(event["countries"])
        if event["date"] is None and event["status"] == "held" and id(event) not in unresolved:
            event["date"] = main_iso
        if (len(event["participants"]) < 2 and event["type"] in WITH_LEADERS and not event["_split"]
                and not event["_recalled"]):
            event["participants"] = list(dict.fromkeys(event["participants"] + leaders))
        event["id"] = f"{ctx.doc.id}:{event['type']}:{n}"
    _link_to_visits(events)
    for event in events:
        event.pop("_recalled", None)
        event.pop("_split", None)
    return events


def _lang(ctx: Context) -> str:
    code = language_code(ctx.doc.language)
    return code if code in _grammar()["languages"] else "en"


def _dateline_value(ctx: Context) -> Any:
    """The date the document gives itself when it has no publication date: the first full date
    (day, month and year stated) of its head — the title and the first paragraph, where a dateline
    ("Jakarta, March 3, 2025 (AFP):"), a stamp or the lead photo's caption ("… on Sept. 9, 2024.")
    stands — or of a caption. A date further in the article's prose is an event's, not the
    document's."""
    heads = [(p.start, p.end) for p in ctx.doc.paragraphs if p.kind == "caption"]
    first_body = next((p for p in ctx.doc.paragraphs if p.kind not in ("title", "caption")), None)
    if first_body is not None:
        heads.append((0, first_body.end))
    for mention in ctx.dates:
        if mention.year and mention.month and mention.day and not mention.is_relative and any(
                s <= mention.start and mention.end <= e for s, e in heads):
            return mention.value(ctx.year)
    return None


def _main_value(ctx: Context) -> Any:
    """The date an undated event of the document takes: the body's first full date; else, for a
    body that states none (a news item dated only by its page), the publication date to the day."""
    main = ctx.main_date()
    if main is not None:
        return main.value(ctx.year, ctx.doc.meta.published)
    published = ctx.doc.meta.published
    return published if published is not None and published.precision == "day" else None


# --- triggers ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    text = resources.files("communique.extract").joinpath("data/event_grammar.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["compiled"] = {lang: _compile(lang, spec) for lang, spec in data["languages"].items()}
    for key in ("bilateral", "multilateral", "distributive", "coordinators", "recalled", "statement_document",
                "future_clause"):
        data[key] = {lang: tuple(sorted((search_form(w) for w in ws), key=len, reverse=True))
                     for lang, ws in data[key].items()}
    return data


def _alternation(words: list[str], spaced: bool, regex: bool = False, formed: bool = False) -> str:
    """One pattern of `words` (regular expressions with `regex`; already in search form with
    `formed`), longest first, at word boundaries in a spaced script."""
    forms = sorted({w if regex else re.escape(w if formed else search_form(w)) for w in words}, key=len, reverse=True)
    body = "|".join(forms)
    return rf"(?<!\w)(?:{body})(?![\w'])" if spaced else f"(?:{body})"


def _compile(lang: str, spec: dict[str, Any]) -> dict[str, Any]:
    """One pattern of the verbs (a form may be of several classes: "issued" reports a statement
    before or after its noun) and one of the nouns, each noun class a named group."""
    spaced = lang != "zh"
    verb_classes: dict[str, set[str]] = {}
    for cls, ws in (spec.get("verbs") or {}).items():
        for w in ws or ():
            verb_classes.setdefault(search_form(w), set()).add(cls)
    verbs = [_alternation(list(verb_classes), spaced, regex=False, formed=True)]
    if spec.get("ordinals"):
        verbs.append(f"(?P<ordinal>{_alternation(spec['ordinals'], spaced, regex=True)})")
    nouns = [f"(?P<{cls}>{_alternation(ws, spaced)})" for cls, ws in (spec.get("nouns") or {}).items() if ws]
    headline = {}
    not_after = spec.get("headline_not_after") or []
    for kind, ws in (spec.get("headline") or {}).items():
        guard = rf"(?!\s+(?:{'|'.join(re.escape(search_form(w)) for w in not_after)})(?!\w))" if not_after else ""
        headline[kind] = re.compile(_alternation(ws, spaced) + guard)
    classifiers = tuple(search_form(w) for w in spec.get("classifiers") or ())
    return {"verbs": re.compile("|".join(verbs)), "verb_classes": verb_classes, "nouns": re.compile("|".join(nouns)),
            "headline": headline, "headline_object_capitalised": bool(spec.get("headline_object_capitalised")),
            "object_capitalised": frozenset(search_form(w) for w in spec.get("object_capitalised") or ()),
            "classifiers": classifiers, "host_link": tuple(spec.get("host_link") or ())}


@lru_cache(maxsize=1)
def _trigger_index() -> WordIndex:
    """Every trigger word of every language (data/events.yaml, and the recalled-visit words of the
    grammar), in search form, labelled with its kind of event. (Read from the file: `lexicon()`
    holds the triggers folded, and folding loses the tone marks the search form keeps.)"""
    text = resources.files("communique.extract").joinpath("data/events.yaml").read_text(encoding="utf-8")
    labelled: dict[str, str] = {}
    for kind, by_lang in yaml.safe_load(text)["triggers"].items():
        for words in by_lang.values():
            for word in words:
                labelled.setdefault(search_form(word), kind)
    for kind, by_lang in _grammar()["recalled_triggers"].items():
        for words in by_lang.values():
            for word in words:
                labelled[search_form(word)] = "recalled:" + kind
    return WordIndex(labelled)


def _hits(searchable: str, lang: str, grammar: dict[str, Any], headline: bool = False,
          text: str | None = None) -> list[Hit]:
    """The first trigger of each kind in a sentence (in `search_form`), coordinated verbs of one
    sitting as one."""
    found: list[Hit] = []
    takes_someone = grammar["compiled"][lang]["object_capitalised"]
    for start, end, label in _trigger_index().find_all(searchable):
        if text is not None and searchable[start:end] in takes_someone and not _capitalised_after(text, end):
            continue  # "received a proposal", "greeted the news": not a guest
        recalled = label.startswith("recalled:")
        found.append(Hit(start, end, label.removeprefix("recalled:"), recalled))
    found += _grammar_hits(searchable, lang, grammar)
    if headline:
        capitalised = grammar["compiled"][lang]["headline_object_capitalised"]
        for kind, pattern in grammar["compiled"][lang]["headline"].items():
            found += [Hit(m.start(), m.end(), kind) for m in pattern.finditer(searchable)
                      if not (capitalised and text is not None and not _capitalised_after(text, m.end()))]
    found.sort(key=lambda h: (h.start, -h.end))
    first: dict[tuple[str, bool], Hit] = {}
    for hit in found:
        first.setdefault((hit.kind, hit.recalled), hit)
    hits = sorted(first.values(), key=lambda h: h.start)
    return _one_sitting(searchable, hits, grammar["coordinators"].get(lang, ()))


def _one_sitting(searchable: str, hits: list[Hit], coordinators: tuple[str, ...]) -> list[Hit]:
    """"tiếp và hội đàm", "received and held talks": a meeting verb coordinated with a talks verb is
    the talks."""
    kinds = {h.kind for h in hits if not h.recalled}
    if not set(ONE_SITTING) <= kinds:
        return hits
    meeting = next(h for h in hits if h.kind == "meeting" and not h.recalled)
    talks = next(h for h in hits if h.kind == "talks" and not h.recalled)
    first, second = sorted((meeting, talks), key=lambda h: h.start)
    gap = searchable[first.end:second.start].strip()
    if len(gap) <= COORDINATOR_REACH and any(gap == c or gap.startswith(c + " ") or (not c.isascii() and
                                             not c[0].isalpha() and gap.startswith(c)) for c in coordinators):
        return [h for h in hits if h is not meeting]
    return hits


def _capitalised_after(text: str, end: int) -> bool:
    """Whether the word after a headline verb starts with a capital: "… gặp Tổng thống Pháp" (whom),
    not "Doanh nghiệp gặp khó khi xuất khẩu" (the verb's other senses take a common noun)."""
    rest = text[end:].lstrip()
    if rest[:4].lower() == "the ":  # "received the Prime Minister of …"
        rest = rest[4:].lstrip()
    return rest[:1].isupper()


def _grammar_hits(searchable: str, lang: str, grammar: dict[str, Any]) -> list[Hit]:
    """Verb + modifiers + noun (or noun + verb) phrases of the grammar in one sentence."""
    compiled = grammar["compiled"][lang]
    spec = grammar["languages"][lang]
    classes = compiled["verb_classes"]
    verbs = [(m.start(), m.end(), cls) for m in compiled["verbs"].finditer(searchable)
             for cls in (("ordinal",) if m.lastgroup == "ordinal" else sorted(classes.get(m.group(), ())))]
    if not verbs:
        return []
    nouns = [(m.start(), m.end(), m.lastgroup) for m in compiled["nouns"].finditer(searchable)]
    rules = grammar["rules"]
    out = []
    for n_start, n_end, n_cls in nouns:
        for v_start, v_end, v_cls in sorted(verbs, key=lambda v: -v[0]):
            noun_first = v_start >= n_end
            if not noun_first and v_end > n_start:
                continue
            gap = searchable[n_end:v_start] if noun_first else searchable[v_end:n_start]
            rule = next((r for r in rules if r["verbs"] == v_cls and n_cls in r["nouns"]
                         and (r.get("order") == "noun_first") == noun_first
                         and _gap_fits(gap, r, spec, compiled, lang)), None)
            if rule is None:
                continue
            start, end = (n_start, v_end) if noun_first else (v_start, n_end)
            if rule.get("bilateral") and not _bilateral(searchable, start, end, lang, grammar):
                continue
            if rule.get("hosted") and has_word(searchable[start:end], grammar["multilateral"].get(lang, ())):
                continue  # "Malaysia hosted the ASEAN Foreign Ministers for talks": not the pair's
            out.append(Hit(start, end, grammar["kinds"][n_cls], head=v_end if noun_first else min(v_end, n_start)))
            break
    return out


def _gap_fits(gap: str, rule: dict[str, Any], spec: dict[str, Any], compiled: dict[str, Any], lang: str) -> bool:
    """The words between a verb and its noun: few, within one clause, as the rule asks."""
    if _CLAUSE_BREAK.search(gap):
        return False
    if lang == "zh":
        reach = spec["after_gap_chars"] if rule.get("order") == "noun_first" else spec["gap_chars"]
        return len(gap.strip()) <= reach
    words = gap.split()
    if rule.get("order") == "noun_first":
        return len(words) <= spec["after_gap_words"]
    if rule.get("hosted"):
        # "hosted X for (wide-ranging) talks": the guest, the link word, the noun's modifiers. A guest
        # is someone ("the Prime Minister of India"), not a thing ("received a proposal for talks").
        links = [n for n, w in enumerate(words) if w in compiled["host_link"]]
        return (bool(links) and 0 < links[-1] <= spec["hosted_gap_words"]
                and words[0] not in spec.get("not_a_guest", ())
                and len(words) - links[-1] - 1 <= spec["gap_words"])
    if rule.get("classifier") and lang == "vi" and not any(w in compiled["classifiers"] for w in words):
        return False
    return len(words) <= spec["gap_words"]


def _bilateral(searchable: str, start: int, end: int, lang: str, grammar: dict[str, Any]) -> bool:
    """A bilateral marker in the phrase's clause (its name may follow the noun: "Kỳ họp lần thứ 4
    Ủy ban hỗn hợp Việt Nam - Malaysia"), and no multilateral word."""
    rest = searchable[end:end + BILATERAL_AFTER]
    stop = _CLAUSE_BREAK.search(rest)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(searchable, max(0, start - BILATERAL_AFTER), start)]
    opening = breaks[-1] if breaks else max(0, start - BILATERAL_AFTER)
    window = searchable[opening:end] + (rest[:stop.start()] if stop else rest)
    if has_word(window, grammar["multilateral"].get(lang, ())):
        return False
    return has_word(window, grammar["bilateral"].get(lang, ()))


def _recalled(searchable: str, hit: Hit, words: tuple[str, ...]) -> bool:
    window = searchable[max(0, hit.start - RECALLED_BEFORE):hit.end + RECALLED_AFTER]
    return has_word(window, words)


# --- frames, dates, people -----------------------------------------------------------------------


def _framed(ctx: Context, sentence: Sentence, hit: int, frames: tuple[str, ...]) -> bool | list[Any] | None:
    """"trong khuôn khổ chuyến thăm", "during the visit", "访问期间": the visit frames another event
    (False), unless the frame gives the visit's dates (the dates, "在…于5月15日至16日对越南进行正式
    访问期间"); None when there is no frame. The frame ends at its clause ("Trong khuôn khổ chuyến
    thăm …, chiều 29/10, …": the date is the next event's)."""
    folded = sentence.folded
    before = folded[max(0, hit - FRAME_BEFORE_REACH):hit]
    after = folded[hit:hit + FRAME_AFTER_REACH]
    frame_after = next((f for f in frames if not f.isascii() and f in after), None)
    if frame_after is not None:
        # The frame runs from its clause's start to the frame word ("在…访问期间").
        close = hit + after.index(frame_after) + len(frame_after)
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, hit)]
        span = (breaks[-1] if breaks else 0, close)
    elif has_word(before, frames):
        opening = max(folded.rfind(f, max(0, hit - FRAME_BEFORE_REACH), hit) for f in frames)
        stop = _CLAUSE_BREAK.search(folded, hit)
        span = (max(opening, 0), stop.start() if stop else len(folded))
    else:
        return None
    own = [d for d in ctx.dates_in(sentence.start + span[0], sentence.start + span[1])
           if d.precision in ("month", "day") and _current(ctx, d)]
    return own or False


def _current(ctx: Context, mention: Any) -> bool:
    """A date near the document's own year: "1973" in a visit sentence is history, not the visit."""
    if ctx.year is None or mention.year is None:
        return True
    return abs(mention.year - ctx.year) <= EVENT_YEAR_REACH


def _candidate_dates(ctx: Context, sentence: Sentence, hit: Hit, recalled: bool, lang: str) -> list[Any]:
    """The sentence's dates an event may take, nearest its trigger first: known to the month (a bare
    year is a period, "giai đoạn 2024-2026", except for a recalled visit), near the document's year
    unless recalled, and never past a future clause after the trigger ("prepares to take office in
    October")."""
    precisions = ("year", "month", "day") if recalled and hit.kind == "visit" else ("month", "day")
    future = _grammar()["future_clause"].get(lang, ())
    searchable = ctx.searchable
    trigger_start, trigger_end = sentence.start + hit.start, sentence.start + hit.end
    out = []
    for d in ctx.dates_in(sentence.start, sentence.end):
        if d.precision not in precisions or not (recalled or _current(ctx, d)):
            continue
        if d.start >= trigger_end and has_word(searchable[trigger_end:d.start], future):
            continue
        out.append(d)
    return sorted(out, key=lambda d: trigger_start - d.end if d.end <= trigger_start else max(0, d.start - trigger_end))


def _dates(ctx: Context, dates: list[Any], anchor: Any) -> tuple[str | None, str | None]:
    """The first of `dates` that resolves, with its end: a relative one ("hôm qua", "on Thursday")
    against `anchor` (the publication date, else the document's main date), never without one."""
    for mention in dates:
        value = mention.value(ctx.year, anchor)
        if value is None:
            continue
        has_end = mention.end_day or mention.end_month or mention.is_relative
        end = mention.end_value(ctx.year, anchor) if has_end else None
        return value.iso(), end.iso() if end else None
    return None, None


def _ongoing(ctx: Context, start: str | None, end: str | None) -> bool:
    """The document is dated within the event's own dates."""
    published = ctx.doc.meta.published
    if published is None or start is None:
        return False
    day = published.iso()
    return start <= day <= (end or start)


def _distributed(ctx: Context, sentence: Sentence, hit: Hit, people: list[str],
                 words: tuple[str, ...]) -> list[list[str]]:
    """The participants of each event a sentence reports: "A and B met C respectively" is one event
    per subject (A with C, B with C); "A lần lượt tiếp B, C" one per object."""
    if not words or len(people) < 3 or not has_word(ctx.searchable[sentence.start:sentence.end], words):
        return [people]
    trigger = sentence.start + hit.start
    order = {}
    for m in ctx.doc.mentions:
        if m["entity"] in people and sentence.start <= m["start"] < sentence.end:
            order.setdefault(m["entity"], m["start"])
    subjects = [p for p in people if order.get(p, trigger) < trigger]
    objects = [p for p in people if p not in subjects]
    if len(subjects) >= 2 and objects:
        return [[s, *objects] for s in subjects]
    if len(objects) >= 2 and subjects:
        return [[*subjects, o] for o in objects]
    return [people]


def _joining(events: list[dict[str, Any]], report: dict[str, Any]) -> dict[str, Any] | None:
    """The event of the document a report is about, or None for a new one."""
    same = [e for e in events if e["type"] == report["kind"] and e["_recalled"] == report["recalled"]]
    if report["recalled"]:
        return next((e for e in same if e["date"] == report["date"]), None)
    fitting = [e for e in same if _same_time(e, report) and _same_counterpart(e, report)]
    if report["date"] is None:
        return fitting[-1] if fitting else None
    return next((e for e in fitting if e["date"] is not None), None) or (fitting[0] if fitting else None)


def _same_time(event: dict[str, Any], report: dict[str, Any]) -> bool:
    """A report's date fits an event's: one of them undated, the day inside the other's range or
    month, or days at most SAME_EVENT_DAYS apart."""
    a, b = event["date"], report["date"]
    if a is None or b is None or a.startswith(b) or b.startswith(a):
        return True
    if event.get("end_date") and a <= b <= event["end_date"]:
        return True
    if report.get("end") and b <= a <= report["end"]:
        return True
    if len(a) == len(b) == 10:
        from datetime import date

        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= SAME_EVENT_DAYS
    return False


def _same_counterpart(event: dict[str, Any], report: dict[str, Any]) -> bool:
    """Two meetings that share one person and each have another are two meetings (a leader who
    received two officials); a report of fewer people (an attendee, "the two leaders") is the same."""
    if report["kind"] not in BY_COUNTERPART and not report["split"] and not event["_split"]:
        return True
    mine, theirs = set(report["people"]), set(event["participants"])
    if len(mine) < 2 or len(theirs) < 2:
        return not (report["split"] and event["_split"])
    return not (mine & theirs and mine - theirs and theirs - mine)


def _link_to_visits(events: list[dict[str, Any]]) -> None:
    """An event held on the dates of the document's one visit is `part_of` it."""
    visits = [e for e in events if e["type"] == "visit" and e["status"] == "held" and not e["_recalled"]
              and e["date"]]
    for event in events:
        if event["type"] == "visit" or event["_recalled"] or not event["date"]:
            continue
        containing = [v for v in visits if v["countries"] == event["countries"] and _within(event["date"], v)]
        if len(containing) == 1:
            event["part_of"] = containing[0]["id"]


def _within(day: str, visit: dict[str, Any]) -> bool:
    first, last = visit["date"], visit.get("end_date") or visit["date"]
    return first[:len(day)] <= day <= last or first <= day <= last


def _statement_document(ctx: Context, is_statement: bool, grammar: dict[str, Any], lang: str,
                        anchor: Any) -> dict[str, Any] | None:
    """The statement a statement document is: one with numbered clauses, or whose title or one of
    its first heading lines names a joint statement. Dated by the first date of its head (its
    dateline) or its publication date."""
    nouns = grammar["statement_document"].get(lang, ())
    head = _head_lines(ctx)
    named = [(s, e) for s, e in head if has_word(ctx.searchable[s:e], nouns)]
    if not (is_statement or named):
        return None
    head_end = head[-1][1] if head else 0
    date = None
    if ctx.doc.meta.published is not None:
        date = ctx.doc.meta.published.iso()
    else:
        for mention in ctx.dates_in(0, max(head_end, 1)):
            value = mention.value(ctx.year, anchor)
            if value is not None and value.day is not None:
                date = value.iso()
                break
    start, end = named[0] if named else (head[0] if head else (0, min(len(ctx.doc.body), 1)))
    return {"type": "statement", "status": "held", "date": date, "end_date": None, "place": None,
            "participants": [], "countries": list(ctx.pair or ()), "documents": [ctx.doc.id],
            "evidence": [{"document": ctx.doc.id, "start": start, "end": max(end, start + 1)}],
            "_recalled": False, "_split": False}


def _head_lines(ctx: Context) -> list[tuple[int, int]]:
    """The title and the first lines of the body that read as headings (short, not ending a sentence)."""
    out: list[tuple[int, int]] = []
    pos = 0
    body = ctx.doc.body
    for line in body.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        text = line.strip()
        if not text:
            continue
        if len(out) >= HEAD_LINES:
            break
        if len(text) <= HEAD_LINE_MAX_CHARS and text[-1] not in _SENTENCE_STOP:
            out.append((start, end))
        elif out or start > 0:
            out.append((start, start))  # a prose line: counted, never read as a heading
    return [(s, e) for s, e in out if e > s]


def _place(ctx: Context, sentence: Sentence, kb: KnowledgeBase | None, kind: str) -> str | None:
    """Where: for a visit, the place or country it went to ("thăm chính thức Việt Nam", "对越南进行
    访问", "a visit to Hanoi"); else the first one named right after "tại", "ở", "在", "in", "at" in
    the sentence. A country that qualifies a person ("泰国总理", "Thai Prime Minister X") is no place."""
    mentions = [m for m in ctx.doc.mentions if sentence.start <= m["start"] < sentence.end]
    places = [m for i, m in enumerate(mentions) if m["entity"].split(":", 1)[0] in ("place", "country")
              and not _qualifies_next(ctx.doc.body, m, mentions[i + 1] if i + 1 < len(mentions) else None)]
    words = lexicon()
    folded = ctx.doc.folded
    rules = [(words.destination_before, DESTINATION_REACH)] if kind in FRAMED else []
    rules.append((PLACE_WORDS, PLACE_REACH))
    for before_words, reach in rules:
        for m in places:
            near = min(reach, HAN_PLACE_REACH) if "\u3400" <= m["text"][:1] <= "\u9fff" else reach
            if has_word(folded[max(sentence.start, m["start"] - near):m["start"]], before_words):
                entity = kb.get(m["entity"]) if kb else None
                return entity.name if entity else m["text"]
    return None


def _qualifies_next(body: str, mention: dict[str, Any], following: dict[str, Any] | None) -> bool:
    """The place or country stands before a person or a body with only a title between: "泰国总理",
    "Thai Prime Minister Paetongtarn", "Hanoi People's Committee"."""
    if following is None or following["entity"].split(":", 1)[0] not in ("person", "org"):
        return False
    between = body[mention["end"]:following["start"]]
    if len(between) > QUALIFIER_TITLE_CHARS:
        return False
    return all(word[:1].isupper() for word in between.split())


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
