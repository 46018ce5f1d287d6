"""Named instruments and mechanisms the knowledge base does not list, found as the linker finds people.

A name is built on a head noun (data/instruments.yaml, per language):
- English: capitalised words and connectors ending on a head ("Australia-Indonesia Defence
  Cooperation Agreement"), an optional complement ("... on Trade in Goods"), period ("2021-2025")
  and acronym ("(DCA)", kept only when its letters are the initials of the name); a capitalised
  name with an acronym that spells it whatever its head ("Free and Open Indo-Pacific (FOIP)"); an
  acronym before its expansion ("COMPACT (Catalysing Opportunities for ...)"); a quoted name after
  "called / named / dubbed";
- Chinese: a title in 《》 or a run of characters before a head (协定, 行动计划, 混合委员会...), going
  leftwards to a verb or particle, with a Latin acronym in （） before or after the head;
- Vietnamese: a capitalised head followed by its modifiers ("Hiệp định Thương mại tự do ...").

Each found entity keeps its acronym as an alias; a Chinese or Vietnamese name whose every part
is known (KB countries, places, organisations and levels, the gloss table, a period) also gets
an English name. The id is made from the parties and the acronym, else from the English name and
period, so one instrument found in several documents and languages is one entity.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from communique.extract.partnerships import level_mentions
from communique.kb.base import Entity, KnowledgeBase
from communique.link.matcher import Hit
from communique.text.normalize import fold
from communique.text.spans import TakenSpans
from communique.text.words import POSSESSIVE_END

# Words of an English name, its expansion or a quoted name, at most.
MAX_NAME_WORDS = 14
# Letters of an acronym.
ACRONYM_LETTERS = (2, 10)
# Characters of a quoted name or a 《》 title, at most.
MAX_QUOTED_CHARS = 160
MAX_TITLE_CHARS = 40
# Characters of a Chinese modifier with no acronym that neither the glosses nor the KB cover, at most.
MAX_UNGLOSSED_CHARS = 12

_WORD = re.compile(r"[^\W_][\w'’.&-]*|&", re.UNICODE)
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&-]{1,9}")
_PERIOD_EN = re.compile(r"\(?((?:19|20)\d\d)\s?[-–—/]\s?((?:19|20)?\d\d)\)?")
_TOWARDS_EN = re.compile(r"(towards?|to|until|beyond)\s((?:19|20)\d\d)\b")
_YEAR_AFTER_EN = re.compile(r"((?:19|20)\d\d)\b(?![-–—/]\d)")  # "Vision 2045", "Agenda 2030"
_YEARS_EN = re.compile(r"(?:19|20)\d\d(?:[-–—/](?:19|20)?\d\d)?")
_ZH_PERIOD = re.compile(r"((?:19|20)\d\d)\s?[-–—~至到]\s?((?:19|20)\d\d)")
_ZH_YEAR = re.compile(r"(?:19|20)\d\d")
_HAN = re.compile(r"[\u3400-\u9fff]")
_OPEN = "(（"
_CLOSE = ")）"
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "«": "»"}


@dataclass(frozen=True)
class Head:
    head: str
    type: str
    en: str
    bilateral: bool = False
    template: str = "{parties} {mods} {head} {period}"
    standalone: bool = False
    any_case: bool = False


@dataclass(frozen=True)
class Lexicon:
    en_heads: tuple[Head, ...]
    en_connectors: frozenset[str]
    en_complement_starts: frozenset[str]
    en_not_first: frozenset[str]
    en_headline_verbs: frozenset[str]
    en_naming_words: tuple[str, ...]
    en_org_heads: frozenset[str]
    zh_heads: tuple[Head, ...]
    zh_stops: tuple[str, ...]
    zh_coordinators: tuple[str, ...]
    zh_generic: frozenset[str]
    zh_max_modifier: int
    zh_glosses: dict[str, str]
    zh_sectors: frozenset[str]
    zh_period_suffixes: tuple[str, ...]
    zh_towards: tuple[str, ...]
    vi_heads: tuple[Head, ...]
    vi_stops: frozenset[str]
    vi_connectors: tuple[str, ...]
    vi_max_words: int
    vi_glosses: dict[str, str]
    en_heads_by_first: dict[str, tuple[Head, ...]]  # the English heads by their first word, longest first


def _by_first_word(heads: tuple[Head, ...]) -> dict[str, tuple[Head, ...]]:
    out: dict[str, list[Head]] = {}
    for head in heads:
        out.setdefault(head.head.split()[0], []).append(head)
    return {word: tuple(group) for word, group in out.items()}


def _heads(items: list[dict[str, Any]], folded: bool) -> tuple[Head, ...]:
    out = [Head(head=fold(i["head"]) if folded else i["head"], type=i["type"], en=i.get("en", i["head"]),
                bilateral=bool(i.get("bilateral", False)),
                template=i.get("template", "{parties} {mods} {head} {period}"),
                standalone=bool(i.get("standalone", False)), any_case=bool(i.get("any_case", False)))
           for i in items]
    return tuple(sorted(out, key=lambda h: -len(h.head)))  # longest head first


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = yaml.safe_load(resources.files("communique.link").joinpath("data/instruments.yaml")
                          .read_text(encoding="utf-8"))
    en, zh, vi = data["en"], data["zh"], data["vi"]
    en_heads = _heads(en["heads"], False)
    return Lexicon(
        en_heads=en_heads, en_heads_by_first=_by_first_word(en_heads), en_connectors=frozenset(en["connectors"]),
        en_complement_starts=frozenset(en["complement_starts"]), en_not_first=frozenset(en["not_first"]),
        en_headline_verbs=frozenset(en["headline_verbs"]), en_naming_words=tuple(en["naming_words"]),
        en_org_heads=frozenset(en["organisation_heads"]),
        zh_heads=_heads(zh["heads"], True),
        zh_stops=tuple(sorted((fold(s) for s in zh["stops"]), key=len, reverse=True)),
        zh_coordinators=tuple(zh["coordinators"]), zh_generic=frozenset(fold(g) for g in zh["generic"]),
        zh_max_modifier=int(zh["max_modifier_chars"]),
        zh_glosses={fold(k): v for k, v in zh["glosses"].items()}, zh_sectors=frozenset(fold(s) for s in zh["sectors"]),
        zh_period_suffixes=tuple(zh["period_suffixes"]), zh_towards=tuple(zh["towards_words"]),
        vi_heads=_heads(vi["heads"], True), vi_stops=frozenset(fold(s) for s in vi["stops"]),
        vi_connectors=tuple(fold(c) for c in vi["connectors"]), vi_max_words=int(vi["max_words"]),
        vi_glosses={fold(k): v for k, v in vi["glosses"].items()},
    )


@dataclass
class Found:
    """One instrument or mechanism named in the text."""

    start: int
    end: int
    type: str
    surface: str
    lang: str
    en: str | None = None
    acronym: str | None = None
    parties: tuple[str, ...] = ()
    period: str | None = None
    glossed: list[str] | None = None  # English words of the modifiers, when every part is known


# -- KB parts a Chinese or Vietnamese name is glossed from ------------------------------------

@dataclass(frozen=True)
class _KbNames:
    zh: dict[str, tuple[str, str | None]]  # folded zh name -> (English name, country code or None)
    zh_abbrev: dict[str, str]  # one-character country form -> code
    vi: dict[str, tuple[str, str | None]]
    country_en: dict[str, str]  # code -> English short name
    acronyms: frozenset[str]


@lru_cache(maxsize=4)
def _kb_names(kb: KnowledgeBase) -> _KbNames:
    zh: dict[str, tuple[str, str | None]] = {}
    vi: dict[str, tuple[str, str | None]] = {}
    abbrev: dict[str, str] = {}
    country_en: dict[str, str] = {}
    acronyms: set[str] = set()
    for entity in kb.entities.values():
        if entity.type not in ("country", "place", "organization", "instrument", "mechanism"):
            continue
        code = entity.code if entity.type == "country" else None
        if code:
            country_en[code] = entity.name
            for form in entity.abbrev.get("zh", ()):
                abbrev[fold(form)] = code
        acronyms.update(entity.acronyms)
        for form in entity.names.get("zh", ()):
            zh.setdefault(fold(form), (entity.name, code))
        for form in (*entity.names.get("vi", ()), *entity.ambiguous.get("vi", ())):
            vi.setdefault(fold(form), (entity.name, code))
    for level in kb.levels.values():
        for form in level.names.get("zh", ()):
            zh.setdefault(fold(form), (level.name, None))
        for form in level.names.get("vi", ()):
            vi.setdefault(fold(form), (level.name, None))
    return _KbNames(zh=zh, zh_abbrev=abbrev, vi=vi, country_en=country_en, acronyms=frozenset(acronyms))


# -- the stage's entry point -------------------------------------------------------------------

def discover(text: str, folded: str, kb: KnowledgeBase, accepted: list[tuple[Hit, str]],
             lang: str | None, generic: list[tuple[int, int]] | None = None) -> list[Found]:
    """Instruments and mechanisms named in `text` that no KB mention covers; a name over a KB generic
    name that could not be resolved (`generic` spans) only when its parties are known."""
    lex = lexicon()
    names = _kb_names(kb)
    # characters inside a KB instrument, mechanism or organisation
    known = TakenSpans(len(text), ((hit.start, hit.end) for hit, target in accepted
                                   if target.split(":", 1)[0] in ("instrument", "mechanism", "org")))
    countries = [(h.start, h.end, t.split(":", 1)[1]) for h, t in accepted if t.startswith("country:")]
    pair = _document_pair(countries)
    found: list[Found] = []
    if _HAN.search(text):
        found += _zh(text, folded, lex, names)
    found += _en(text, lex, names)
    found += _vi(text, folded, lex, names)
    levels = [(start, end) for start, end, _ in level_mentions(folded, kb)]
    out: list[Found] = []
    taken = TakenSpans(len(text))
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if known.overlaps(item.start, item.end) or taken.overlaps(item.start, item.end):
            continue
        if _head_in_level(item, folded, levels, lex):
            continue  # "Đối tác Chiến lược toàn diện" is a level, not a strategy
        if item.acronym and item.acronym in names.acronyms:
            continue
        if not item.parties:
            inside = tuple(dict.fromkeys(c for s, e, c in countries if item.start <= s and e <= item.end))
            item.parties = inside[:2]
        out.append(item)
        taken.take(item.start, item.end)
    for item in out:
        _finish(item, pair, lex, names)
    return [i for i in out if i.parties or not any(s < i.end and i.start < e for s, e in generic or ())]


def _head_in_level(item: Found, folded: str, levels: list[tuple[int, int]], lex: Lexicon) -> bool:
    """The head noun of the name stands inside a level of partnership's name."""
    head = _head_of(item, lex)
    if head is None:
        return False
    at = folded.find(fold(head.head), item.start, item.end)
    if at == -1:
        return False
    stop = at + len(head.head)
    return any(s <= at and stop <= e for s, e in levels if s < item.end and e > item.start)


def _document_pair(countries: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """The two countries mentioned most, in the order of their first mention."""
    counts = Counter(c for _, _, c in countries)
    top = [c for c, _ in counts.most_common(2)]
    if len(top) < 2:
        return None
    first = {c: min(s for s, _, k in countries if k == c) for c in top}
    return tuple(sorted(top, key=first.__getitem__))  # type: ignore[return-value]


def _head_of(item: Found, lex: Lexicon) -> Head | None:
    heads = {"zh": lex.zh_heads, "vi": lex.vi_heads}.get(item.lang, lex.en_heads)
    key = fold(item.surface)
    return next((h for h in heads if fold(h.head) in key), None)


def _finish(item: Found, pair: tuple[str, str] | None, lex: Lexicon, names: _KbNames) -> None:
    """Parties from the document's pair for a bilateral head naming none, and the English name."""
    head = _head_of(item, lex)
    # An English mechanism naming neither party is a proper name ("Raisina Dialogue", "Shangri-La
    # Dialogue": fora of many countries), not the pair's; an agreement signed by the two need not
    # name them, and Chinese and Vietnamese names of a pair's commission often leave them out.
    names_a_party = bool(item.parties) or item.lang != "en" or head is None or head.type != "mechanism"
    if pair and head is not None and head.bilateral and len(item.parties) < 2 and names_a_party and \
            (not item.parties or item.parties[0] in pair):
        item.parties = pair  # the document's pair, when the name names none or one of them
    if item.lang == "en":
        item.en = item.surface
        return
    if item.en is None and head is not None and item.glossed is not None:
        mods = item.glossed
        parties = "-".join(names.country_en.get(c, c) for c in item.parties)
        period = item.period or ""
        if period and period.isdigit():
            period = f"towards {period}"
        name = head.template.format(parties=parties, mods=_coordinated(mods), head=head.en, period=period)
        item.en = " ".join(name.replace(" on  ", " ").split()).removesuffix(" on").removesuffix(" on Cooperation")
        if not mods:
            item.en = " ".join(head.template.replace(" on {mods} Cooperation", "").replace(" on {mods}", "")
                               .format(parties=parties, mods="", head=head.en, period=period).split())
        if item.acronym:
            item.en = f"{item.en} ({item.acronym})"


def _coordinated(mods: list[str]) -> str:
    """Glossed modifiers as English words; coordinated sectors as a list ("Economic, Trade, Science
    and Technology" for 经贸与科技)."""
    if "and" not in mods:
        return " ".join(mods)
    words = [w for m in mods if m != "and" for w in m.split(" and ")]
    return ", ".join(words[:-1]) + " and " + words[-1]


def entity_of(item: Found) -> Entity:
    """The found entity: the same id for the same instrument in every document and language."""
    if item.acronym:
        key = "-".join([*(p.lower() for p in sorted(item.parties)), item.acronym.lower()])
    else:
        key = _slug(item.en or item.surface)
    prefix = {"organization": "org"}.get(item.type, item.type)
    names: dict[str, tuple[str, ...]] = {item.lang: (item.surface,)}
    if item.en and item.en != item.surface:
        names["en"] = tuple(dict.fromkeys((*names.get("en", ()), item.en)))
    extra: dict[str, Any] = {"parties": sorted(item.parties)} if item.parties else {}
    if item.period:
        extra["period"] = item.period
    return Entity(id=f"{prefix}:found-{key}", type=item.type, name=item.en or item.surface, names=names,
                  acronyms=(item.acronym,) if item.acronym else (), extra=extra)


def slug(text: str) -> str:
    """An id part from a name: folded, runs of other characters as one dash."""
    return re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", fold(text)).strip("-")


def _slug(text: str) -> str:
    return slug(text)[:80]


# -- English -------------------------------------------------------------------------------------

def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that ends a sentence ("Friday."), not an abbreviation ("U.S.")."""
    return word.endswith(".") and word.count(".") == 1 and len(word) > 3


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


def _en(text: str, lex: Lexicon, names: _KbNames) -> list[Found]:
    out: list[Found] = []
    tokens = list(_WORD.finditer(text))
    for i, tok in enumerate(tokens):
        word = tok.group().rstrip(".")
        if not _is_cap(word) or not word[:1].isalpha():
            continue
        head = _en_head_at(text, tokens, i, lex)
        if head is not None:
            found = _en_named(text, tokens, i, head, lex)
            if found:
                out.append(found)
                continue
        if _ACRONYM.fullmatch(word) and word.isupper() and len(word) >= 3:
            found = _en_expansion(text, tokens, i, lex)
            if found:
                out.append(found)
    out += _en_acronym_names(text, lex)
    out += _en_quoted(text, lex)
    return out


def _en_head_at(text: str, tokens: list[re.Match[str]], i: int, lex: Lexicon) -> tuple[Head, int] | None:
    """The head noun starting at token i, and the index of its last token."""
    for head in lex.en_heads_by_first.get(tokens[i].group().rstrip(".,"), ()):
        parts = head.head.split()
        if i + len(parts) > len(tokens):
            continue
        if all(tokens[i + k].group().rstrip(".,") == p for k, p in enumerate(parts)):
            gaps = [text[tokens[i + k].end():tokens[i + k + 1].start()] for k in range(len(parts) - 1)]
            if all(g == " " for g in gaps):
                return head, i + len(parts) - 1
    return None


def _en_named(text: str, tokens: list[re.Match[str]], i: int, head_at: tuple[Head, int],
              lex: Lexicon) -> Found | None:
    head, last = head_at
    # Leftwards over capitalised words and connectors, on one line, without punctuation between.
    first = i
    k = i - 1
    while k >= 0 and i - k <= MAX_NAME_WORDS:
        gap = text[tokens[k].end():tokens[k + 1].start()]
        if gap not in (" ", "-", "–"):
            break
        word = tokens[k].group()
        if word in lex.en_headline_verbs or _ends_sentence(word):
            break
        if word == "the":  # "the" opens a noun phrase: a name going leftwards ends after it
            break
        if POSSESSIVE_END.search(word):  # "Thailand's National Energy Plan": the owner, not the name
            break
        if _YEARS_EN.fullmatch(word) and tokens[k + 1].group() in ("and", "&"):
            break  # "… Plan of Action 2025-2030 and Digital Economy Programme": a name ends on its period
        if _is_cap(word):
            first = k
        elif word not in lex.en_connectors:
            break
        k -= 1
    while first < i and (tokens[first].group() in lex.en_not_first or tokens[first].group() in lex.en_connectors):
        first += 1
    modifiers = [t.group() for t in tokens[first:i]]
    end = tokens[last].end()
    # A complement: "Agreement on Trade in Goods", "Memorandum of Understanding on Defence Cooperation".
    k = last + 1
    if k + 1 < len(tokens) and tokens[k].group() in lex.en_complement_starts and \
            text[tokens[k - 1].end():tokens[k].start()] == " ":
        j, stop = k + 1, None
        while j < len(tokens) and j - k <= MAX_NAME_WORDS and text[tokens[j - 1].end():tokens[j].start()] == " ":
            word = tokens[j].group()
            if word in ("and", "&") and j + 1 < len(tokens) and tokens[j + 1].group() == "the":
                break  # "… on Fisheries Subsidies and the Kunming-Montreal …": a second name begins
            if _is_cap(word):
                stop = j
            elif word not in lex.en_connectors:
                break
            j += 1
        if stop is not None:
            end = tokens[stop].end()
            modifiers.append("…")
    if not modifiers:
        return None
    start = tokens[first].start()
    surface = text[start:end].rstrip(".,")
    end = start + len(surface)
    item = Found(start, end, head.type, surface, "en")
    _en_tail(text, item, lex)
    return item


def _en_tail(text: str, item: Found, lex: Lexicon) -> None:
    """A period and an acronym after a name: "Action Plan 2024-2026", "Agreement (DCA)"."""
    pos = item.end
    m = _PERIOD_EN.match(text, pos + 1) if text[pos:pos + 1] == " " else None
    if m:
        item.period = f"{m.group(1)}-{m.group(2)}"
        pos = m.end()
    else:
        m = _TOWARDS_EN.match(text, pos + 1) if text[pos:pos + 1] == " " else None
        if m:
            item.period = m.group(2)
            pos = m.end()
        elif text[pos:pos + 1] == " " and (m := _YEAR_AFTER_EN.match(text, pos + 1)):
            item.period = m.group(1)
            pos = m.end()
    acronym, after = _paren_acronym(text, pos)
    if acronym and _initials_match(acronym, text[item.start:item.end], lex):
        item.acronym = acronym
        pos = after
    item.surface = text[item.start:pos]
    item.end = pos


def _paren_acronym(text: str, pos: int) -> tuple[str | None, int]:
    """An acronym in parentheses at `pos` (after an optional space): ("DCA", end) or (None, pos)."""
    p = pos + 1 if text[pos:pos + 1] == " " else pos
    if text[p:p + 1] not in _OPEN:
        return None, pos
    m = _ACRONYM.match(text, p + 1)
    if not m or text[m.end():m.end() + 1] not in _CLOSE:
        return None, pos
    acronym = m.group()
    letters = sum(c.isupper() for c in acronym)
    if not (ACRONYM_LETTERS[0] <= letters <= ACRONYM_LETTERS[1]) or letters < len(acronym) / 2:
        return None, pos
    return acronym, m.end() + 1


def _initials(name: str, lex: Lexicon) -> tuple[list[str], list[bool]]:
    """Initials of the words of `name` (hyphenated parts apart), and whether each is a connector."""
    initials, optional = [], []
    for word in re.split(r"[\s\-–/]+", name):
        word = word.strip("'\"“”‘’(),.")
        if not word:
            continue
        initials.append(word[0].upper())
        optional.append(word in lex.en_connectors or not word[0].isupper())
    return initials, optional


def _initials_match(acronym: str, name: str, lex: Lexicon) -> bool:
    """The capital letters of `acronym` are the initials of the name's words, or of its last
    words (connectors may be skipped): "Defence Cooperation Agreement (DCA)", "ASEAN ... (AOIP)"."""
    letters = [c for c in acronym if c.isupper() or c.isdigit()]
    initials, optional = _initials(name, lex)

    def fits(i: int, j: int) -> bool:  # letters[j:] against initials[i:], to the end of the name
        if j == len(letters):
            return all(optional[i:])
        if i == len(initials):
            return False
        if initials[i] == letters[j] and fits(i + 1, j + 1):
            return True
        return optional[i] and fits(i + 1, j)

    # The acronym spells the whole name or its last words; names are short, so this is cheap.
    return any(fits(i, 0) for i in range(len(initials)) if i == 0 or not optional[i])


def _en_acronym_names(text: str, lex: Lexicon) -> list[Found]:
    """A capitalised name with an acronym that spells it: "Free and Open Indo-Pacific (FOIP)"."""
    out: list[Found] = []
    for m in re.finditer(r"[(（]([A-Z][A-Za-z0-9&-]{1,9})[)）]", text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        end = m.start()
        while end > 0 and text[end - 1] == " ":
            end -= 1
        tokens = _words(text, max(0, end - 200), end)
        if not tokens or tokens[-1].end() != end:
            continue
        first = len(tokens)
        for k in range(len(tokens) - 1, max(-1, len(tokens) - 1 - MAX_NAME_WORDS), -1):
            gap = text[tokens[k].end():tokens[k + 1].start()] if k + 1 < len(tokens) else ""
            if k + 1 < len(tokens) and gap not in (" ", "-", "–"):
                break
            word = tokens[k].group()
            if word in lex.en_headline_verbs or (k + 1 < len(tokens) and _ends_sentence(word)):
                break
            if _is_cap(word):
                first = k
            elif word not in lex.en_connectors:
                break
        while first < len(tokens) and (tokens[first].group() in lex.en_not_first
                                       or tokens[first].group() in lex.en_connectors):
            first += 1
        if first >= len(tokens):
            continue
        # The shortest ending of the name the acronym spells.
        for start_k in range(len(tokens) - 1, first - 1, -1):
            name = text[tokens[start_k].start():end]
            if tokens[start_k].group() in lex.en_connectors:
                continue
            if _initials_exact(acronym, name, lex):
                break
        else:
            continue
        start = tokens[start_k].start()
        if start_k > first:  # words before the spelled part stay in the name ("Australia-Indonesia ...")
            start = tokens[first].start()
        words = text[start:end].split()
        if len(words) < 2 and "-" not in words[0]:
            continue
        kind = "organization" if any(w in lex.en_org_heads for w in words) else "instrument"
        if kind == "instrument":
            head = next((h for h in lex.en_heads if h.head in text[start:end]), None)
            kind = head.type if head else kind
        out.append(Found(start, m.end(), kind, text[start:m.end()], "en", acronym=acronym))
    return out


def _initials_exact(acronym: str, name: str, lex: Lexicon) -> bool:
    """The acronym spells the whole of `name` (connectors may be skipped or spelled)."""
    letters = [c for c in acronym if c.isupper() or c.isdigit()]
    initials, optional = _initials(name, lex)

    def fits(i: int, j: int) -> bool:
        if j == len(letters):
            return all(optional[i:])
        if i == len(initials):
            return False
        return (initials[i] == letters[j] and fits(i + 1, j + 1)) or (optional[i] and fits(i + 1, j))

    return bool(initials) and not optional[0] and fits(0, 0)


def _en_expansion(text: str, tokens: list[re.Match[str]], i: int, lex: Lexicon) -> Found | None:
    """"US-India COMPACT (Catalysing Opportunities for Military Partnership, ...)": an acronym before
    the words it spells."""
    acronym = tokens[i].group()
    pos = tokens[i].end()
    if text[pos:pos + 2] != " (" and text[pos:pos + 1] != "(":
        return None
    open_at = text.index("(", pos)
    close = text.find(")", open_at, open_at + MAX_QUOTED_CHARS)
    if close == -1:
        return None
    inner = text[open_at + 1:close]
    if not _initials_exact(acronym, inner.replace(",", " "), lex):
        return None
    start = tokens[i].start()
    k = i - 1  # a capitalised prefix joined to the acronym: "US-India COMPACT"
    while k >= 0 and text[tokens[k].end():tokens[k + 1].start()] == " " and _is_cap(tokens[k].group()) \
            and tokens[k].group() not in lex.en_not_first and tokens[k].group() not in lex.en_headline_verbs \
            and i - k <= 3:
        start = tokens[k].start()
        k -= 1
    end = close + 1
    tail = re.match(r" (?:for|of|on) (?:the )?(?:\d+(?:st|nd|rd|th) )?[A-Z][\w-]*", text[end:end + 60])
    if tail:
        end += tail.end()
    head = next((h for h in lex.en_heads if h.head in inner), None)
    return Found(start, end, head.type if head else "instrument", text[start:end], "en", acronym=acronym)


def _en_quoted(text: str, lex: Lexicon) -> list[Found]:
    """"a new initiative called 'US-India COMPACT ...'": a quoted capitalised name after a naming word."""
    out: list[Found] = []
    for word in lex.en_naming_words:
        for m in re.finditer(rf"\b{re.escape(word)} ", text):
            q = m.end()
            close = _QUOTES.get(text[q:q + 1])
            if close is None or not text[q + 1:q + 2].isupper():
                continue
            end = text.find(close, q + 1, q + 1 + MAX_QUOTED_CHARS)
            if end == -1:
                continue
            surface = text[q + 1:end]
            acronym = next((w for w in surface.split() if w.isupper() and w.isalpha() and len(w) >= 3
                            and _ACRONYM.fullmatch(w)), None)
            head = next((h for h in lex.en_heads if h.head in surface), None)
            out.append(Found(q + 1, end, head.type if head else "instrument", surface, "en", acronym=acronym))
    return out


# -- Chinese -------------------------------------------------------------------------------------

def _zh(text: str, folded: str, lex: Lexicon, names: _KbNames) -> list[Found]:
    out: list[Found] = []
    for head in lex.zh_heads:
        longer = [h.head for h in lex.zh_heads if len(h.head) > len(head.head) and h.head.endswith(head.head)]
        for m in re.finditer(re.escape(head.head), folded):
            if any(folded.startswith(h, m.end() - len(h)) for h in longer):
                continue  # part of a longer head ("谅解备忘录" is read once, on its own head)
            item = _zh_named(text, folded, m.start(), m.end(), head, lex, names)
            if item:
                out.append(item)
    for m in re.finditer(rf"《([^《》\n]{{2,{MAX_TITLE_CHARS}}})》", folded):
        inner = m.group(1)
        head = next((h for h in lex.zh_heads if inner.endswith(h.head)), None)
        if head is None:
            continue
        item = Found(m.start(), m.end(), head.type, text[m.start():m.end()], "zh")
        _zh_gloss(item, inner[:-len(head.head)], lex, names)
        out.append(item)
    return out


def _zh_stop_before(folded: str, pos: int, lex: Lexicon) -> bool:
    return any(folded.startswith(s, pos - len(s)) for s in lex.zh_stops if pos >= len(s))


def _zh_named(text: str, folded: str, head_start: int, head_end: int, head: Head, lex: Lexicon,
              names: _KbNames) -> Found | None:
    end = head_end
    acronym, after = _paren_acronym(text, end)
    if acronym:
        end = after
    left = head_start
    # "政府安全保障能力强化支援（OSA）换文": the acronym stands before the head.
    before_acronym = None
    if folded[left - 1:left] in _CLOSE:
        open_at = max(folded.rfind("(", 0, left), folded.rfind("（", 0, left))
        inner = text[open_at + 1:left - 1] if open_at != -1 else ""
        if open_at != -1 and _ACRONYM.fullmatch(inner) and inner.isupper():
            before_acronym = inner
            left = open_at
    pos = left
    while pos > 0 and left - pos < lex.zh_max_modifier:
        ch = folded[pos - 1]
        if not (_HAN.match(ch) or ch.isdigit() or ch in "-–—~"):
            break
        if _zh_stop_before(folded, pos, lex):
            coordinator = next((c for c in lex.zh_coordinators if folded.startswith(c, pos - len(c))), None)
            if coordinator and _zh_sector_around(folded, pos - len(coordinator), pos, lex):
                pos -= len(coordinator)
                continue
            break
        pos -= 1
    modifier = folded[pos:left]
    if before_acronym:
        acronym = before_acronym
    if not modifier and not acronym and not head.standalone:
        return None
    if modifier and not acronym and _zh_generic(modifier, lex):
        return None
    item = Found(pos, end, head.type, text[pos:end], "zh", acronym=acronym)
    unknown, parts = _zh_gloss(item, modifier, lex, names)
    if not acronym and (unknown > MAX_UNGLOSSED_CHARS or (unknown and not parts)):
        return None  # unknown characters alone ("停火协议") or too many: a description or a clause, not a name
    return item


def _zh_sector_around(folded: str, start: int, end: int, lex: Lexicon) -> bool:
    """A sector word ends at `start` and another begins at `end` ("经贸与科技")."""
    left = any(folded.startswith(s, start - len(s)) for s in lex.zh_sectors)
    right = any(folded.startswith(s, end) for s in lex.zh_sectors)
    return left and right


def _zh_generic(modifier: str, lex: Lexicon) -> bool:
    """Only generic words ("双边合作", "3项"): no name."""
    rest = re.sub(r"\d+", "", modifier)
    for word in sorted(lex.zh_generic, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest


def _zh_gloss(item: Found, modifier: str, lex: Lexicon, names: _KbNames) -> tuple[int, int]:
    """Period, parties and the English words of a Chinese modifier; `glossed` stays None when a part
    is not known (the name then has no English form). Returns (unknown characters, known parts)."""
    mods: list[str] = []
    parties: list[str] = []
    pos = unknown = parts = 0
    while pos < len(modifier):
        rest = modifier[pos:]
        m = _ZH_PERIOD.match(rest)
        if m:
            item.period = f"{m.group(1)}-{m.group(2)}"
            pos += m.end()
            suffix = next((s for s in lex.zh_period_suffixes if rest.startswith(s, m.end())), "")
            pos += len(suffix)
            continue
        towards = next((t for t in lex.zh_towards if rest.startswith(t)), None)
        if towards and _ZH_YEAR.match(rest, len(towards)):
            year = _ZH_YEAR.match(rest, len(towards))
            item.period = year.group()  # type: ignore[union-attr]
            pos += year.end()  # type: ignore[union-attr]
            pos += len(next((s for s in lex.zh_period_suffixes if modifier.startswith(s, pos)), ""))
            continue
        longest = _longest(rest, names.zh, {})
        if len(rest) >= 2 and rest[0] in names.zh_abbrev and rest[1] in names.zh_abbrev and rest[0] != rest[1] \
                and (longest is None or len(longest[0]) < 2):
            parties += [names.zh_abbrev[rest[0]], names.zh_abbrev[rest[1]]]
            pos += 2
            continue
        match = _longest(rest, names.zh, lex.zh_glosses)
        if match is None:
            if rest[0] in lex.zh_coordinators:
                mods.append("and")
                pos += 1
                continue
            unknown += 1
            pos += 1
            continue
        parts += 1
        key, english, code = match
        if code:
            parties.append(code)
        else:
            mods.append(english)
        pos += len(key)
    item.parties = tuple(dict.fromkeys(parties))
    item.glossed = mods if not unknown else None
    return unknown, parts + (item.period is not None)


def _longest(text: str, kb_names: dict[str, tuple[str, str | None]],
             glosses: dict[str, str]) -> tuple[str, str, str | None] | None:
    for n in range(min(len(text), 16), 0, -1):
        key = text[:n]
        if key in kb_names:
            return key, kb_names[key][0], kb_names[key][1]
        if key in glosses:
            return key, glosses[key], None
    return None


# -- Vietnamese ----------------------------------------------------------------------------------

def _vi(text: str, folded: str, lex: Lexicon, names: _KbNames) -> list[Found]:
    out: list[Found] = []
    for head in lex.vi_heads:
        for m in re.finditer(rf"(?<!\w){re.escape(head.head)}(?!\w)", folded):
            if not head.any_case and not text[m.start()].isupper():
                continue
            item = _vi_named(text, folded, m.start(), m.end(), head, lex, names)
            if item:
                out.append(item)
    return out


def _vi_named(text: str, folded: str, start: int, head_end: int, head: Head, lex: Lexicon,
              names: _KbNames) -> Found | None:
    tokens = _words(text, head_end, min(len(text), head_end + 200))
    end, kept, skip_to = head_end, 0, 0
    for k, tok in enumerate(tokens):
        gap = text[(tokens[k - 1].end() if k else head_end):tok.start()]
        if gap.strip(" -–") or k >= lex.vi_max_words:
            break
        word = fold(tok.group())
        two = fold(" ".join(t.group() for t in tokens[k:k + 2]))
        if two in lex.vi_connectors or word in lex.vi_connectors:
            continue
        if k + 1 < len(tokens) and (two in lex.vi_glosses or two in names.vi) and skip_to <= k:
            skip_to = k + 2  # a two-word gloss holds a stop word ("tự do"): both words stay in
        if word in lex.vi_stops and not tok.group()[:1].isupper() and skip_to <= k:
            break
        if tok.group()[:1].isdigit() and not re.fullmatch(r"(?:19|20)\d\d(?:[-–](?:19|20)\d\d)?", tok.group()):
            break
        end, kept = tok.start() + len(tok.group().rstrip(".")), k + 1
        if tok.group().endswith("."):
            break  # the end of the sentence
    modifiers = tokens[:kept]
    if not modifiers and not head.standalone:
        return None
    content = [t for t in modifiers if fold(t.group()) not in lex.vi_connectors]
    opening = not text[:start].rstrip(" \"“'‘(").endswith(tuple(".!?:;\n")) and start > 0
    if content and not head.standalone and not content[0].group()[:1].isupper() and not opening:
        return None  # "Chương trình có ..." opening a sentence: a common noun, not a name
    acronym, after = _paren_acronym(text, end)
    item = Found(start, after if acronym else end, head.type, text[start:after if acronym else end], "vi",
                 acronym=acronym)
    _vi_gloss(item, folded[head_end:end], lex, names)
    return item


def _vi_gloss(item: Found, modifier: str, lex: Lexicon, names: _KbNames) -> None:
    """English words of a Vietnamese modifier, in English order (Vietnamese modifiers follow their
    noun: "thương mại tự do" is "Free Trade")."""
    words = modifier.replace("–", " ").replace("-", " ").split()
    mods: list[str] = []
    parties: list[str] = []
    known = True
    i = 0
    while i < len(words):
        m = re.fullmatch(r"((?:19|20)\d\d)[-–]((?:19|20)\d\d)", words[i])
        if m:
            item.period = f"{m.group(1)}-{m.group(2)}"
            i += 1
            continue
        if words[i] in lex.vi_connectors or " ".join(words[i:i + 2]) in lex.vi_connectors:
            i += 2 if " ".join(words[i:i + 2]) in lex.vi_connectors else 1
            continue
        for n in range(min(6, len(words) - i), 0, -1):
            key = " ".join(words[i:i + n])
            if key in names.vi:
                english, code = names.vi[key]
                (parties.append(code) if code else mods.append(english))
                break
            if key in lex.vi_glosses:
                mods.append(lex.vi_glosses[key])
                break
        else:
            known, n = False, 1
        i += n
    item.parties = tuple(dict.fromkeys(parties))
    item.glossed = list(reversed(mods)) if known else None
