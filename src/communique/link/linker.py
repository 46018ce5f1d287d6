"""The `link` stage: KB mentions in the clean body, with offsets, and people found by their titles.

Steps, over one document:
1. the matcher's hits, overlaps resolved longest-first;
2. forms that need context ("Anh", "Mỹ", "越" in "越英关系") kept only where the context shows a
   country;
3. titles ("Thủ tướng", "英国首相", "Prime Minister"): a known name after a title is linked; an
   unknown one is a person found in the text, with the stated role and country — unless it is a
   misspelling of a person already in the document or of the office holder ("Thủ tướng Lauren
   Wong" → Lawrence Wong); a title with a country and no name is the person who held the office
   on the document's date ("Thủ tướng Anh", "英国首相");
4. surnames and given names after an honorific or a title ("ông Albanese", "Thủ tướng Wong")
   for the people already mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from communique.ingest.plausibility import is_vietnamese_word
from communique.kb.base import Entity, KnowledgeBase, Office
from communique.link.instruments import discover, entity_of, slug
from communique.link.matcher import ABBREV, AMBIGUOUS, ROLE, SHORT, Hit, Matcher, same_writing
from communique.model import DateValue, Document
from communique.text.dates import stated_years
from communique.text.normalize import fold, tone_normal
from communique.text.spans import TakenSpans, longest_first
from communique.text.words import POSSESSIVE_END

# A name after a title differing from a known person's by at most this much is a misspelling.
MISSPELLING_MIN_RATIO = 78
# How far (characters) after a title its name, country or organisation may stand.
TITLE_REACH = 90
# Tokens of a name found after a title: Vietnamese names have 2–5 syllables, others 1–4 words.
VI_NAME_TOKENS = (2, 5)
FOREIGN_NAME_TOKENS = (1, 4)
ZH_NAME_CHARS = (2, 12)
# A Chinese rendering of a foreign name written without a middle dot is this short ("玛里", "东姑扎夫鲁").
UNDOTTED_RENDERING_CHARS = 5

_TOKEN = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)


@dataclass(frozen=True)
class Cues:
    country_before: dict[str, frozenset[str]]
    not_country_after: frozenset[str]
    honorifics_before: frozenset[str]
    honorifics_after: tuple[str, ...]
    zh_pair_followers: tuple[str, ...]
    zh_name_stops: tuple[str, ...]
    zh_surnames: frozenset[str]
    title_description: frozenset[str]
    pair_separators: frozenset[str]
    role_complement: frozenset[str]
    name_chain: frozenset[str]
    generational_suffixes: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = yaml.safe_load(resources.files("communique.link").joinpath("data/cues.yaml").read_text(encoding="utf-8"))
    return Cues(
        country_before={lang: frozenset(fold(w) for w in ws) for lang, ws in data["country_context_before"].items()},
        not_country_after=frozenset(fold(w) for ws in data["not_country_after"].values() for w in ws),
        honorifics_before=frozenset(fold(w) for ws in data["honorifics_before"].values() for w in ws),
        honorifics_after=tuple(w for ws in data["honorifics_after"].values() for w in ws),
        zh_pair_followers=tuple(data["zh_pair_followers"]),
        zh_name_stops=tuple(data["zh_name_stops"]),
        zh_surnames=frozenset(data["zh_surnames"]),
        title_description=frozenset(fold(w) for ws in data["title_description"].values() for w in ws),
        pair_separators=frozenset(data["pair_separators"]),
        role_complement=frozenset(fold(w) for ws in data["role_complement"].values() for w in ws),
        name_chain=frozenset(fold(w) for ws in data["name_chain"].values() for w in ws),
        generational_suffixes=frozenset(fold(w) for w in data["generational_suffixes"]),
    )


@dataclass
class Linked:
    """The mentions of one document and the people found in it."""

    mentions: list[dict[str, Any]] = field(default_factory=list)
    found: dict[str, Entity] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


def document_date(doc: Document) -> DateValue | None:
    """The date roles are resolved at: the published date, else the latest year the text states."""
    if doc.meta.published:
        return doc.meta.published
    years = [year for year, _ in stated_years(doc.body)]
    return DateValue(max(years)) if years else None


def link_text(text: str, kb: KnowledgeBase, lang: str | None = None, on: DateValue | None = None,
              folded: str | None = None) -> Linked:
    """Mentions in `text` (see the module docstring); `on` is the date titles are resolved at;
    `folded` is fold(text) when the caller has it."""
    cues = load_cues()
    folded = folded if folded is not None else fold(text)
    toned = tone_normal(text)  # same length: offsets into it are offsets into the text
    hits = _choose([h for h in _matcher(kb).hits(text, folded, toned) if not _office_inside(text, h)])
    linked = Linked()
    accepted: list[tuple[Hit, str]] = []  # (hit, entity id)
    roles: list[Hit] = []
    pending: list[Hit] = []
    for hit in hits:
        if hit.how == ROLE:
            roles.append(hit)
        elif hit.how in (AMBIGUOUS, ABBREV, SHORT):
            pending.append(hit)
        else:
            target = _resolve(hit, toned)
            if target:
                accepted.append((hit, target))
    countries = [(h, t) for h, t in accepted if t.startswith("country:")]
    paired = _pending_pairs(text, pending, countries, accepted, cues)
    for hit in pending:
        if hit.how == SHORT:
            continue
        if id(hit) in paired:
            continue
        if not any(t.startswith("country:") for t in hit.targets):
            generic = _by_parties(hit, kb, {t.split(":", 1)[1] for _, t in countries})
            if generic:
                accepted.append((hit, generic))
            continue
        target = next(iter(hit.targets))
        if _country_context(hit, text, folded, countries, roles, cues, lang):
            accepted.append((hit, target))
            countries.append((hit, target))
    _zh_pairs(text, folded, kb, accepted, cues)
    accepted.sort(key=lambda ht: ht[0].start)
    _renderings(text, kb, roles, accepted)
    accepted.sort(key=lambda ht: ht[0].start)
    people = _titles(text, folded, kb, roles, accepted, linked, cues, lang, on)
    _short_names(text, folded, kb, pending, people, roles, accepted, cues)
    _instruments(text, folded, kb, accepted, pending, linked, lang)
    placed: set[tuple[str, int, int]] = set()
    for hit, target in sorted(accepted, key=lambda ht: ht[0].start):
        if (target, hit.start, hit.end) in placed:  # one span found twice (by its name and by its title)
            continue
        placed.add((target, hit.start, hit.end))
        linked.mentions.append({"entity": target, "start": hit.start, "end": hit.end,
                                "text": text[hit.start:hit.end], "how": hit.how})
    return linked


# Mentions kept per document: real articles and statements hold a few hundred; a text repeating a
# name without end keeps its first ones, so what later stages and the store hold stays bounded.
MAX_MENTIONS_PER_DOCUMENT = 20_000


def link(doc: Document, kb: KnowledgeBase) -> Document:
    """The stage: fill `doc.mentions` and `doc.facts["found_entities"]`."""
    linked = link_text(doc.body, kb, doc.language, document_date(doc), doc.folded)
    doc.mentions = linked.mentions
    if len(doc.mentions) > MAX_MENTIONS_PER_DOCUMENT:
        doc.capped["mentions"] = {"found": len(doc.mentions), "kept": MAX_MENTIONS_PER_DOCUMENT}
        del doc.mentions[MAX_MENTIONS_PER_DOCUMENT:]
    doc.facts["found_entities"] = [found_record(e) for e in linked.found.values()]
    return doc


def found_record(entity: Entity) -> dict[str, Any]:
    """A found entity in the export's shape; instruments keep their parties and period."""
    record = entity.export() | {"found": True}
    for key in ("parties", "period"):
        if key in entity.extra:
            record[key] = entity.extra[key]
    if entity.acronyms:
        record["aliases"] = list(entity.acronyms)
    return record


def _instruments(text: str, folded: str, kb: KnowledgeBase, accepted: list[tuple[Hit, str]], pending: list[Hit],
                 linked: Linked, lang: str | None) -> None:
    """Instruments and mechanisms named in the text but not in the KB (link/instruments.py). A KB
    generic name left unresolved ("Đối thoại Biển" in a text naming no parties) is not found anew
    unless the text shows its parties."""
    generic = [(h.start, h.end) for h in pending
               if any(t.split(":", 1)[0] in ("instrument", "mechanism", "org") for t in h.targets)]
    named: dict[str, str] = {}  # folded English name -> id, for shorter mentions of the same instrument
    for item in discover(text, folded, kb, accepted, lang, generic):
        entity = entity_of(item)
        short = fold(item.en or item.surface)
        longer = next((i for n, i in named.items() if n.endswith(" " + short) and not entity.acronyms), None)
        if longer is not None:  # "the Defence Cooperation Agreement" after "... Defence Cooperation Agreement (DCA)"
            accepted.append((Hit(item.start, item.end, (), "short"), longer))
            continue
        for form in (item.en, item.surface):
            if form:
                named.setdefault(fold(form.split(" (")[0].split("（")[0]), entity.id)
        known = linked.found.get(entity.id)
        if known is not None:  # named twice in the document, perhaps in two languages
            names = {lang_: tuple(dict.fromkeys((*known.names.get(lang_, ()), *forms)))
                     for lang_, forms in (known.names | entity.names).items()}
            entity = replace(known, names=names)
        linked.found[entity.id] = entity
        accepted.append((Hit(item.start, item.end, (), "found"), entity.id))


# Chinese offices are named after their office: 外交部 (ministry) + 长 = 外交部长 (the minister), 国防部长,
# 局长, 司长. A ministry's name followed by 长 is the minister's title, not the ministry.
_ZH_OFFICE_ENDS = "部局厅司署处"
_ZH_HEAD_OF = "长"


def _office_inside(text: str, hit: Hit) -> bool:
    return (hit.end < len(text) and text[hit.end] == _ZH_HEAD_OF and text[hit.end - 1] in _ZH_OFFICE_ENDS
            and any(t.startswith("org:") for t in hit.targets))


def _choose(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest first, then leftmost."""
    return longest_first(hits, lambda h: (h.start, h.end))


def _resolve(hit: Hit, toned: str) -> str | None:
    """The one entity a name hit stands for, or None when the span cannot tell; `toned` is the
    text in tone_normal form."""
    targets = hit.targets
    if len(targets) == 1:
        return next(iter(targets))
    span = toned[hit.start:hit.end]
    exact = {f.target for f in hit.forms if same_writing(span, f.surface)}
    if len(exact) == 1:
        return next(iter(exact))
    return None


def _prev_word(folded: str, start: int) -> str:
    words = re.findall(r"[\w.]+", folded[max(0, start - 40):start])
    return words[-1] if words else ""


def _country_context(hit: Hit, text: str, folded: str, countries: list[tuple[Hit, str]], roles: list[Hit],
                     cues: Cues, lang: str | None) -> bool:
    """A form that is also a common word or a name stands for a country here."""
    before = text[max(0, hit.start - 40):hit.start]
    after = folded[hit.end:hit.end + 12].split()
    if after and after[0].strip(",.;:") in cues.not_country_after:
        return False
    # Next to another country: "Việt Nam - Anh", "Việt - Trung", "Anh và Việt Nam".
    for other, _ in countries:
        if other.end <= hit.start and hit.start - other.end <= 5:
            gap = text[other.end:hit.start]
        elif hit.end <= other.start and other.start - hit.end <= 5:
            gap = text[hit.end:other.start]
        else:
            continue
        if gap.strip() in cues.pair_separators or not gap.strip():
            return True
    if hit.how == ABBREV:
        return False
    # After a title: "Thủ tướng Anh", "Tổng thống Mỹ".
    if any(0 <= hit.start - r.end <= 2 for r in roles):
        return True
    previous = re.findall(r"[^\W\d_]+", before)
    if not previous:
        return False  # at the start of a sentence: "Anh ấy", "Anh cho biết"
    last = previous[-1]
    two = " ".join(previous[-2:])
    if last[0].isupper() and fold(two) not in cues.country_before.get(lang or "vi", frozenset()) \
            and fold(last) not in cues.country_before.get(lang or "vi", frozenset()):
        return False  # part of a name: "Ngọc Anh", "Thị Mỹ"
    words = cues.country_before.get(lang or "vi", frozenset())
    return fold(last) in words or fold(two) in words


def _by_parties(hit: Hit, kb: KnowledgeBase, codes: set[str]) -> str | None:
    """A generic name ("Maritime Dialogue", "海上对话") is the mechanism or instrument of the countries
    the document is about: the one candidate whose parties the document names."""
    fitting = [t for t in hit.targets
               if (e := kb.get(t)) is not None and e.extra.get("parties") and set(e.extra["parties"]) <= codes]
    return fitting[0] if len(fitting) == 1 else None


def _pending_pairs(text: str, pending: list[Hit], countries: list[tuple[Hit, str]],
                   accepted: list[tuple[Hit, str]], cues: Cues) -> set[int]:
    """Two short forms joined as a pair ("Việt - Trung", "Mỹ - Nhật") vouch for each other.

    Returns the ids of the hits accepted so."""
    paired: set[int] = set()
    forms = [h for h in pending if h.how in (AMBIGUOUS, ABBREV) and len(h.targets) == 1]
    for left, right in zip(forms, forms[1:], strict=False):
        gap = text[left.end:right.start].strip()
        if gap in cues.pair_separators and right.start - left.end <= 5 and left.targets != right.targets:
            for hit in (left, right):
                if id(hit) not in paired:
                    paired.add(id(hit))
                    pair = (hit, next(iter(hit.targets)))
                    accepted.append(pair)
                    countries.append(pair)
    return paired


@lru_cache(maxsize=4)
def _zh_pair_pattern(kb: KnowledgeBase, followers: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    forms: dict[str, str] = {}
    for entity in kb.of_type("country"):
        for form in entity.abbrev.get("zh", ()):
            forms.setdefault(fold(form), entity.id)
    if not forms:
        return None, forms
    chars = "".join(re.escape(c) for c in forms)
    after = "|".join(re.escape(w) for w in followers)
    return re.compile(rf"([{chars}])([{chars}])(?=(?:{after}))"), forms


def _zh_pairs(text: str, folded: str, kb: KnowledgeBase, accepted: list[tuple[Hit, str]], cues: Cues) -> None:
    """"越英关系", "中越两国": two one-character country forms before a relation word."""
    pattern, forms = _zh_pair_pattern(kb, cues.zh_pair_followers)
    if pattern is None:
        return
    # Characters already in a mention, one byte each: an overlap test costs the span's length, not
    # the number of mentions (a text repeating a name 10⁵ times stays linear).
    taken = TakenSpans(len(folded), ((h.start, h.end) for h, _ in accepted))
    for m in pattern.finditer(folded):
        for group in (1, 2):
            start, end = m.start(group), m.end(group)
            if start not in taken:
                accepted.append((Hit(start, end, (), "abbrev"), forms[m.group(group)]))


def _entity_country(entity_id: str, kb: KnowledgeBase) -> str | None:
    entity = kb.get(entity_id)
    if entity is None:
        return None
    return entity.code or entity.country


# "玛里（Maris Sangiampongsa）": a Chinese rendering of a name, then the name in Latin letters.
_RENDERING = re.compile(r"([\u3400-\u9fff·•・]{2,12})[ \u00a0]?[（(][ \u00a0]?([A-Z][^()（）\n]{1,60}?)[ \u00a0]?[)）]")


def _renderings(text: str, kb: KnowledgeBase, roles: list[Hit], accepted: list[tuple[Hit, str]]) -> None:
    """A Chinese rendering followed by a KB person's Latin name in parentheses is that person, and
    so is the rendering wherever else the text writes it ("玛里表示…"); a title right before the
    rendering then names this person, not the office holder of the day. The rendering's left edge
    is the end of a title, a name or a country before it (or punctuation): "泰国外长玛里" gives 玛里."""
    by_span = {(h.start, h.end): t for h, t in accepted}
    ends = {h.end for h in roles} | {h.end for h, _ in accepted}
    learned: dict[str, str] = {}
    for m in _RENDERING.finditer(text):
        person = by_span.get((m.start(2), m.end(2)))
        if person is None or not person.startswith("person:"):
            continue
        start = next((e for e in sorted(ends, reverse=True) if m.start(1) <= e < m.end(1)), m.start(1))
        dotted = any(c in m.group(1) for c in "·•・")
        if start == m.start(1) and not dotted and m.end(1) - start > UNDOTTED_RENDERING_CHARS:
            continue  # the run may hold words before the name ("会见了玛里"): no edge to cut it at
        rendering = text[start:m.end(1)].strip("·•・")
        if ZH_NAME_CHARS[0] <= len(rendering) <= ZH_NAME_CHARS[1]:
            learned[rendering] = person
            last = re.split(r"[·•・]", rendering)[-1]
            if last != rendering and len(last) >= ZH_NAME_CHARS[0]:
                learned.setdefault(last, person)  # "特蕾莎·拉扎罗" -> "拉扎罗"
    if not learned:
        return
    spans = {rendering: [(m.start(), m.end()) for m in re.finditer(re.escape(rendering), text)]
             for rendering in learned}
    written = {span for found in spans.values() for span in found}
    # A found person written as a rendering (no Chinese name in the KB) gives way to the KB person.
    accepted[:] = [(h, t) for h, t in accepted if not (t.startswith("person:found-") and (h.start, h.end) in written)]
    taken = TakenSpans(len(text), ((h.start, h.end) for h, _ in accepted))
    for rendering in sorted(learned, key=len, reverse=True):
        for start, end in spans[rendering]:
            if not taken.overlaps(start, end):
                accepted.append((Hit(start, end, (), "rendering"), learned[rendering]))
                taken.take(start, end)


def _titles(text: str, folded: str, kb: KnowledgeBase, roles: list[Hit], accepted: list[tuple[Hit, str]],
            linked: Linked, cues: Cues, lang: str | None, on: DateValue | None) -> dict[str, Entity]:
    """Resolve titles to people; returns the people of the document by id (KB and found)."""
    people: dict[str, Entity] = {t: kb.entities[t] for _, t in accepted if t.startswith("person:")}
    by_start = {h.start: (h, t) for h, t in accepted}
    role_people: dict[str, str] = {}  # role id -> the last person seen with that title
    doc_countries = [t.split(":", 1)[1] for _, t in accepted if t.startswith("country:")]
    for role_hit in roles:
        role_ids = sorted(t.split(":", 1)[1] for t in role_hit.targets)
        country, name_hit, end = _after_title(text, role_hit, accepted, by_start, kb, cues)
        if country is None:
            country = _country_before_title(text, role_hit, accepted, kb)
        if name_hit is not None:
            _, target = name_hit
            if target.startswith("person:"):
                for role_id in role_ids:
                    role_people[role_id] = target
            continue
        # "Thủ tướng" is a prime minister or a chancellor: the office the country has decides.
        holders = {role_id: _holders(kb, role_id, [country] if country else list(dict.fromkeys(doc_countries)), on)
                   for role_id in role_ids}
        role_id = next((r for r in role_ids if holders[r]), role_ids[0])
        run = _name_after(text, end, lang, cues)
        if run is not None and _complement_of(text, role_hit.end, run[0], cues):
            run = None  # "President of the People's Republic of China": the office's country, not a name
        if run is not None and " of " in fold(text[role_hit.start:role_hit.end]) and \
                fold(text[role_hit.end:run[0]]).split() == ["and"]:
            run = _name_after(text, _TOKEN.match(text, run[0]).end(), lang, cues)  # type: ignore[union-attr]
            # "Secretary of Commerce and Industry Piyush Goyal": the word after "and" ends the office
        before = _name_before(text, role_hit.start, cues) if run is None else None
        if before is not None and before[0] in by_start:
            _, known = by_start[before[0]]  # "Xi Jinping, President of ...": already linked
            if known.startswith("person:"):
                for role_id in role_ids:
                    role_people[role_id] = known
            continue
        if before is not None:
            run = before
        if run is not None:
            start, stop = run
            surface = text[start:stop]
            person = _misspelt(surface, people.values(), holders[role_id])
            label = "misspelt"
            if person is None:
                person, label = _by_ending(surface, people.values(), cues), "short"
            if person is None:
                person, label = _by_short_name(kb, _without_suffix(surface, cues), role_ids, on), "short"
            if person is None:
                person, label = _found_person(surface, role_id, country, on, lang, linked), "found"
            people[person.id] = person
            role_people[role_id] = person.id
            accepted.append((Hit(start, stop, (), label), person.id))
            continue
        # A title with no name: the office holder on the date, or the last one named in the text.
        target = holders[role_id][0].id if country and len(holders[role_id]) == 1 else None
        target = target or next((role_people[r] for r in role_ids if r in role_people), None)
        if target:
            accepted.append((Hit(role_hit.start, role_hit.end, role_hit.forms), target))
            people.setdefault(target, kb.entities.get(target) or linked.found[target])
    return people


def _complement_of(text: str, title_end: int, name_start: int, cues: Cues) -> bool:
    """Between a title and the capitalised words after it stands "of" ("Secretary of Commerce",
    "Premier of the State Council"): those words complete the office, they are not a name."""
    between = fold(text[title_end:name_start]).split()
    return bool(between) and between[0] in cues.role_complement


def _name_before(text: str, title_start: int, cues: Cues) -> tuple[int, int] | None:
    """"H.E. Mr. Joko Widodo, President of ...": a name of 2–4 capitalised words just before a
    title, after a comma; honorifics before it are not part of it."""
    head = text[max(0, title_start - 80):title_start]
    if not head.endswith(", "):
        return None
    words = list(_TOKEN.finditer(head[:-2]))
    picked: list[re.Match[str]] = []
    for m in reversed(words):
        if picked and head[m.end():picked[-1].start()] != " ":
            break
        word = m.group()
        if fold(word) in cues.honorifics_before or fold(word) in cues.name_chain or not word[:1].isupper():
            break
        picked.append(m)
        if len(picked) > FOREIGN_NAME_TOKENS[1]:
            return None
    if not 2 <= len(picked) <= FOREIGN_NAME_TOKENS[1] or picked[0].end() != len(head) - 2:
        return None
    offset = title_start - len(head)
    return offset + picked[-1].start(), offset + picked[0].end()


def _by_ending(surface: str, people: Any, cues: Cues) -> Entity | None:
    """"President Widodo", "Tổng thống Marcos Jr.": the one person of the document whose name ends
    with this surname (a generational suffix kept with it or not)."""
    base = fold(_without_suffix(surface, cues)).rstrip(".")
    if " " in base:
        return None
    found = {p.id: p for p in people for name in p.all_names()
             if fold(_without_suffix(name, cues)).rstrip(".").endswith(" " + base)}
    return next(iter(found.values())) if len(found) == 1 else None


def _without_suffix(name: str, cues: Cues) -> str:
    """The name without a generational suffix ("Marcos Jr." -> "Marcos")."""
    words = name.split()
    if len(words) > 1 and fold(words[-1]).rstrip(".") in cues.generational_suffixes:
        return " ".join(words[:-1]).rstrip(",")
    return name


def _holders(kb: KnowledgeBase, role_id: str, countries: list[str], on: DateValue | None) -> list[Entity]:
    return [p for c in countries for p in kb.holders(role_id, c, on)]


def _after_title(text: str, role_hit: Hit, accepted: list[tuple[Hit, str]], by_start: dict[int, tuple[Hit, str]],
                 kb: KnowledgeBase, cues: Cues) -> tuple[str | None, tuple[Hit, str] | None, int]:
    """Walk from a title over its country, organisation and description to a known name.

    Returns (country, the person hit if one follows, where the walk stopped)."""
    country = None
    pos = role_hit.end
    limit = min(len(text), role_hit.end + TITLE_REACH)
    while pos < limit:
        while pos < limit and text[pos] in " \u00a0":
            pos += 1
        if pos in by_start:
            hit, target = by_start[pos]
            if target.startswith("person:"):
                return country, (hit, target), hit.end
            country = country or _entity_country(target, kb)
            pos = hit.end
            continue
        token = _TOKEN.match(text, pos)
        if token is None:
            break
        word = fold(token.group())
        two = fold(" ".join(text[pos:pos + 30].split()[:2]))
        if two in cues.title_description:
            pos = token.end()
            token = _TOKEN.match(text, pos + 1)
            pos = token.end() if token else pos
            continue
        if word in cues.title_description or (word[:1].islower() and word in cues.title_description):
            pos = token.end()
            continue
        break
    return country, None, pos


def _country_before_title(text: str, role_hit: Hit, accepted: list[tuple[Hit, str]], kb: KnowledgeBase) -> str | None:
    """"英国首相", "British Prime Minister", "越共中央总书记": a country or body just before the title."""
    for hit, target in reversed(accepted):
        if hit.end <= role_hit.start and role_hit.start - hit.end <= 2:
            return _entity_country(target, kb)
        if hit.end < role_hit.start - 2:
            break
    return None




def _name_after(text: str, pos: int, lang: str | None, cues: Cues) -> tuple[int, int] | None:
    """The span of a person's name starting at `pos`, if one stands there."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos >= len(text):
        return None
    if "\u3400" <= text[pos] <= "\u9fff":
        return _zh_name(text, pos, cues)
    tokens = []
    for m in _TOKEN.finditer(text, pos):
        if text[tokens[-1][1]:m.start()].strip() if tokens else text[pos:m.start()].strip():
            break  # punctuation between tokens ends the name
        word = m.group().rstrip(".")
        if not word[:1].isupper():
            break
        owner = POSSESSIVE_END.search(word)  # "Paetongtarn's visit": the name ends before 's
        if owner:
            word = word[:owner.start()]
        tokens.append((m.start(), m.start() + len(word)))
        if word != m.group():
            break
    if not tokens:
        return None
    words = [text[s:e] for s, e in tokens]
    vietnamese = all(is_vietnamese_word(w.lower()) for w in words)
    low, high = VI_NAME_TOKENS if vietnamese and lang == "vi" else FOREIGN_NAME_TOKENS
    if not low <= len(tokens) <= high:
        return None
    return tokens[0][0], tokens[-1][1]


def _zh_name(text: str, pos: int, cues: Cues) -> tuple[int, int] | None:
    if any(text.startswith(stop, pos) for stop in cues.zh_name_stops):
        return None
    end = pos
    while end < len(text) and ("\u3400" <= text[end] <= "\u9fff" or text[end] in "·•・"):
        if any(text.startswith(stop, end) for stop in cues.zh_name_stops) and end > pos + 1:
            break
        if any(text.startswith(h, end) for h in cues.honorifics_after):
            break
        end += 1
    low, high = ZH_NAME_CHARS
    dotted = "·" in fold(text[pos:end])
    if not low <= end - pos <= high or (not dotted and (end - pos > 3 or text[pos] not in cues.zh_surnames)):
        return None
    return pos, end


def _by_short_name(kb: KnowledgeBase, surface: str, role_ids: list[str], on: DateValue | None) -> Entity | None:
    """"Chancellor Merz": the one KB person with this surname who held the title on the date."""
    key = fold(surface)
    found = [p for p in kb.people_by_short_name(key)
             if any(o.role in role_ids and (on is None or o.held_on(on)) for o in p.offices)]
    return found[0] if len(found) == 1 else None


def _misspelt(surface: str, people: Any, holders: list[Entity]) -> Entity | None:
    """A person of the document, or the office holder, whose name this surface misspells."""
    key = fold(surface)
    for person in list(people) + holders:
        for name in person.all_names():
            if fuzz.ratio(key, fold(name)) >= MISSPELLING_MIN_RATIO:
                return person
    return None


def _found_person(surface: str, role_id: str, country: str | None, on: DateValue | None, lang: str | None,
                  linked: Linked) -> Entity:
    """A person named after a title but not in the KB: the id is the same in every document."""
    entity_id = f"person:found-{slug(surface)}"
    if entity_id in linked.found:
        return linked.found[entity_id]
    ascii_name = " ".join(fold(surface).split()).title() if surface.isascii() or lang == "vi" else surface
    names = {lang or "und": (surface,)}
    if ascii_name != surface:
        names["en"] = (ascii_name,)
    entity = Entity(id=entity_id, type="person", name=ascii_name if ascii_name.isascii() else surface,
                    names=names, country=country,
                    offices=(Office(role=role_id, country=country, start=on, end=on),) if role_id else ())
    linked.found[entity_id] = entity
    return entity


def _short_names(text: str, folded: str, kb: KnowledgeBase, pending: list[Hit], people: dict[str, Entity],
                 roles: list[Hit], accepted: list[tuple[Hit, str]], cues: Cues) -> None:
    """Surnames and given names of people already in the document, after an honorific or title."""
    role_ends = {r.end for r in roles} | {r.end + 1 for r in roles}
    # Characters already in a mention, one byte each: an overlap test costs the span's length, not
    # the number of mentions (a text repeating a name 10⁵ times stays linear).
    taken = TakenSpans(len(folded), ((h.start, h.end) for h, _ in accepted))
    shorts: dict[str, str] = {}
    for person in people.values():
        for forms in person.short_names.values():
            for form in forms:
                shorts.setdefault(fold(form), person.id)
        if person.id.startswith("person:found-"):
            last = person.name.split()[-1] if " " in person.name else ""
            if last:
                shorts.setdefault(fold(last), person.id)
    for key, person_id in shorts.items():
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            start, end = m.start(), m.end()
            if not text[start].isupper() and not "\u3400" <= text[start] <= "\u9fff":
                continue
            if taken.overlaps(start, end):
                continue
            previous = _prev_word(folded, start)
            after = text[end:end + 3]
            if start in role_ends or previous in cues.honorifics_before or \
                    any(after.startswith(h) for h in cues.honorifics_after):
                accepted.append((Hit(start, end, (), "short"), person_id))
                taken.take(start, end)

