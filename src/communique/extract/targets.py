"""Numeric goals and figures in text: "up to £5 billion", "50亿英镑", "gấp đôi", "net zero by 2050".

`find_targets` returns every amount, percentage, multiple and net-zero pledge of a text with its
character offsets, what it is worth (`value`, `unit`, `qualifier`), the year it is tied to and
whether the sentence sets it as a goal (`kind="target"`) or states it as a fact (`"figure"`).
A deadline without a number ("English as the second language by 2035") is a target with
`value=None` when its sentence expresses a goal.

The words of each language live in `extract/data/targets/<code>.yaml`; this module only compiles
them and applies the same rules to every language (sentences split by `text.sentences`). Each
file holds these keys (lower case):

- `decimal_separator` ("," in Vietnamese, where "2.000" is two thousand); a separator followed by a
  group of other than three digits is read as a decimal point whatever the language ("1.5 tỷ").
- `native_numerals`: characters of native numerals ("五千亿", "两万三千亿", read by cn2an), or "".
- `number_words`: number words (word → value) read before a scale only ("two billion pounds");
  `number_word_joiner` joins a multiple of ten and a unit ("twenty-five"), or "".
- `compound_scales`: smaller scales that may follow a scale with more digits ("1亿8000万").
- `scales` (word → multiplier), `currency_symbols` (before the number), `currency_words`,
  `units` and `count_units` (after it; a count such as "2.000 người" is reported only in a goal),
  `percent_words` / `percent_prefixes` ("百分之").
- `qualifiers_before`, `qualifiers_after_number` ("50多亿"), `qualifiers_after` ("以上"):
  word → one of up_to, over, under, about, at_least, nearly.
- `ratio_patterns`: (pattern, value) multiples ("gấp đôi" → 2; a group `num` gives the value, a
  group `q` a qualifier of `qualifiers_before`: "tăng hơn 2 lần");
  `not_ratio_after`: words that make a multiple something else ("double taxation").
- `net_zero_patterns`: net-zero pledges (value 0.0, unit "net_emissions", always a target).
- `goal_words`, `fact_words` (a fact between a goal word and an amount cuts the goal off),
  `range_starters` ("từ 2021 đến năm 2025" is a period, not a deadline).
- `year_patterns`: (pattern with group `y`, role); role "deadline" ("by 2030", "到2030年") makes an
  amount a target when the year is not known to be past, "at" ("vào năm", "in") does so only when
  the year is known to be ahead of `reference_year`, "reference" ("năm 2024") only attaches;
  "start" ("since 2019", "kể từ năm 2019", "自2019年以来"), "base" (a comparison's base: "so với
  năm 2015", "compared with 2015", "比2015年") and "office" ("the 2025 ASEAN chairmanship") are
  years a figure is not of: they are read only to keep their year from
  attaching.
- `relative_year_patterns`: (pattern, offset, role): years counted from `reference_year` ("last
  year" → -1, "năm nay" → 0, "明年" → +1); without a reference year they are not read.
- `hint_words` (frequent words, to choose a language for a bare number when `lang` is None).

ISO currency codes ("USD 9 billion", "9 tỷ USD") are shared by every language and listed here.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TypeVar

from communique.text.languages import LanguageData, language_files
from communique.text.normalize import to_simplified, tone_normal
from communique.text.numerals import chinese_amount
from communique.text.patterns import with_first_chars
from communique.text.sentences import sentence_spans

__all__ = ["Target", "find_targets"]

LANGUAGES: dict[str, LanguageData] = language_files("communique.extract", "data/targets")

ISO_CURRENCIES = (
    "USD", "GBP", "EUR", "VND", "CNY", "RMB", "JPY", "AUD", "SGD", "KRW", "INR", "THB", "CAD", "CHF",
    "HKD", "NZD", "RUB", "MYR", "IDR", "LAK", "KHR",
)
CURRENCY_ALIASES = {"RMB": "CNY"}

# Year roles read only so that their year attaches to nothing: a period's start, an office's year.
NOT_THE_YEAR = ("start", "office", "base")
YEAR_MIN = 1900  # a year outside YEAR_MIN..YEAR_MAX is not a deadline or a reference year
YEAR_MAX = 2100
GOAL_AFTER_WINDOW = 12  # characters after an amount searched for a goal word ("的目标", "target")

_LATIN = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF"  # Latin letters, Vietnamese included
_SP = r"[^\S\n]"  # a space that does not cross a line
_DIGITS = r"\d+(?:[.,]\d+)*"

# A sentence ends after 。！？ (with closing quotes), after .!? followed by a space, and at a line break.
# A clause ends at ; ： 、 and at a comma that is not a decimal or thousands separator ("1,5").
_CLAUSE_END = re.compile(r"[;；，：、]|,(?!\d)|:(?!\d)")


@dataclass(frozen=True)
class Target:
    """A numeric goal or figure: `text[start:end]`, with what it states.

    `kind` is "target" (a goal) or "figure" (a fact). `value` is absolute (5 billion → 5e9), a
    multiple for unit "ratio", 0.0 for "net_emissions", the number for "percent", None for a
    deadline without a number. `unit` is an ISO currency code, "percent", "ratio",
    "net_emissions", "tonnes", "MW", "GW", "people"... or None. `year` is the deadline or
    reference year stated with it; `qualifier` is one of up_to, over, under, about, at_least,
    nearly. `sentence_start`/`sentence_end` delimit its sentence.
    """

    start: int
    end: int
    text: str
    kind: str
    value: float | None
    unit: str | None
    year: int | None
    qualifier: str | None
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class _Candidate:
    """An amount before its year and kind are known."""

    start: int
    end: int
    value: float | None
    unit: str | None
    qualifier: str | None
    lang: str
    weak: bool = False  # a count noun: reported only as part of a goal
    net_zero: bool = False


@dataclass(frozen=True)
class _YearMention:
    start: int
    end: int
    year: int
    role: str  # "deadline", "at", "reference", or one of NOT_THE_YEAR


@dataclass(frozen=True)
class _Compiled:
    """The compiled patterns of one language."""

    name: str
    data: LanguageData
    amount: re.Pattern[str]  # [qualifier] [symbol] number [mid qualifier] [scale] [unit] [qualifier]
    percent: re.Pattern[str]
    ratios: tuple[tuple[re.Pattern[str], float | None], ...]
    net_zero: tuple[re.Pattern[str], ...]
    goal: re.Pattern[str]
    fact: re.Pattern[str] | None
    range_starter: re.Pattern[str] | None
    years: tuple[tuple[re.Pattern[str], str], ...]
    relative_years: tuple[tuple[re.Pattern[str], int, str], ...]
    number_words: dict[str, float]  # lower-cased
    number_word: re.Pattern[str] | None  # a number word and its scale ("two billion"): an amount without digits
    hint: re.Pattern[str] | None
    units: dict[str, tuple[str, bool]]  # lower-cased word → (unit, is a count)


# --- compiling -------------------------------------------------------------------------------------


def _is_latin(char: str) -> bool:
    return re.match(rf"[{_LATIN}]", char) is not None


def _word(word: str) -> str:
    """`word` as a pattern: spaces match any run of spaces, Latin edges are word boundaries."""
    body = r"\s+".join(re.escape(part) for part in word.split(" "))
    if _is_latin(word[0]):
        body = rf"(?<![{_LATIN}])" + body
    if _is_latin(word[-1]):
        body += rf"(?![{_LATIN}])"
    return body


def _words(words: Iterable[str]) -> str:
    """An alternation of `words`, longest first so that "đô la Mỹ" wins over "đô la"."""
    return "|".join(_word(w) for w in sorted(set(words), key=len, reverse=True))


def _listed(words: Iterable[str]) -> str:
    """`_words` for a pattern of its own, behind the lookahead for their first characters."""
    words = list(words)
    return _starting_with(_words(words), _first_chars(words))


def _optional_group(name: str, words: Iterable[str], before: str = "", after: str = "") -> str:
    words = list(words)
    if not words:
        return ""
    return rf"(?:{before}(?P<{name}>{_words(words)}){after})?"


def _first_chars(words: Iterable[str]) -> str:
    """A character class body holding the first character of each of `words` (as `_word` writes them)."""
    firsts = {r"\s" if w[0].isspace() else re.escape(w[0]) for w in words if w}
    return "".join(sorted(firsts))


def _starting_with(pattern: str, first: str) -> str:
    """`pattern` behind a lookahead for its possible first characters `first` (a class body).

    The same matches: every match of `pattern` starts with one of them. Faster: the regex engine
    tries the pattern's many alternatives only where the text has such a character, instead of at
    every position (an alternation under IGNORECASE gets no prefix scan of its own)."""
    return rf"(?=[{first}])(?:{pattern})"


def _number_pattern(native: str, words: Iterable[str] = (), joiner: str = "") -> str:
    left = rf"(?<![\d.,{_LATIN}])"
    alternatives = [rf"{left}(?P<num>{_DIGITS})"]
    if native:
        alternatives.append(rf"(?<![{native}])(?P<cnum>[{native}]+)")
    words = list(words)
    if words:
        word = rf"(?:{_words(words)})"
        compound = rf"{word}(?:{re.escape(joiner)}{word})?" if joiner else word
        alternatives.append(rf"(?<![{_LATIN}])(?P<wnum>{compound})(?![{_LATIN}])")
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _compile_language(name: str, data: LanguageData) -> _Compiled:
    flags = re.IGNORECASE
    iso = "|".join(ISO_CURRENCIES)
    symbols = _words(data["currency_symbols"])
    symbol = rf"(?P<sym>{symbols}|(?-i:(?:{iso})(?![A-Za-z]))){_SP}?"
    units: dict[str, tuple[str, bool]] = {}
    for table, is_count in ((data["currency_words"], False), (data["units"], False), (data["count_units"], True)):
        for word, unit in table.items():
            units[word.lower()] = (unit, is_count)
    unit = rf"(?P<unit>{_words(units)}|(?-i:(?:{iso})(?![A-Za-z])))"
    number = _number_pattern(data["native_numerals"], data["number_words"], data["number_word_joiner"])
    before = _optional_group("qb", data['qualifiers_before'], after=rf"{_SP}*")
    mid = _optional_group("qm", data["qualifiers_after_number"])
    scale = _optional_group("scale", data['scales'], before=rf"{_SP}?")
    if data["compound_scales"]:  # "1亿8000万": the smaller scale's digits continue the amount
        scale += rf"(?:(?P<num2>\d+)(?P<scale2>{_words(data['compound_scales'])}))?"
    after = _optional_group("qa", data['qualifiers_after'], before=rf"{_SP}?")
    # A symbol before the number ("US$80 billion") or a unit after it ("9 tỷ USD"): `_amounts` checks.
    amount = rf"{before}(?:{symbol})?{number}{mid}{scale}(?:{_SP}?{unit})?{after}"
    digits_number = _number_pattern(data["native_numerals"])  # no number words: "two percent" is rare
    percent_number = digits_number.replace("?P<num>", "?P<pnum>").replace("?P<cnum>", "?P<pcnum>")
    percent_alternatives = [rf"{digits_number}{_SP}?(?P<pct>{_words(data['percent_words'])})"]
    if data["percent_prefixes"]:
        percent_alternatives.append(rf"(?:{_words(data['percent_prefixes'])}){percent_number}")
    percent = rf"{before}(?:{'|'.join(percent_alternatives)}){after}"
    # Where an amount or a percentage can start: a qualifier, a symbol, a currency code, a number.
    number_first = r"\d" + re.escape(data["native_numerals"])
    amount = _starting_with(amount, _first_chars([*data["qualifiers_before"], *data["currency_symbols"],
                                                  *ISO_CURRENCIES, *data["number_words"]]) + number_first)
    percent = _starting_with(percent, _first_chars([*data["qualifiers_before"], *data["percent_prefixes"]])
                             + number_first)
    not_after = _words(data["not_ratio_after"])
    ratio_tail = rf"(?!{_SP}*(?:{not_after}))" if data['not_ratio_after'] else ""
    return _Compiled(
        name=name,
        data=data,
        amount=re.compile(amount, flags),
        percent=re.compile(percent, flags),
        ratios=tuple(
            (with_first_chars(rf"(?<![{_LATIN}])(?:{p})(?![{_LATIN}]){ratio_tail}", flags), v)
            for p, v in data["ratio_patterns"]
        ),
        net_zero=tuple(with_first_chars(rf"(?<![{_LATIN}])(?:{tone_normal(p)})", flags)
                       for p in data["net_zero_patterns"]),
        goal=re.compile(_listed(data["goal_words"]), flags),
        fact=re.compile(_listed(data["fact_words"]), flags) if data["fact_words"] else None,
        range_starter=re.compile(_listed(data["range_starters"]), flags) if data["range_starters"] else None,
        years=tuple(
            (with_first_chars(rf"(?<![{_LATIN}])(?:{p})(?!\d)", flags), role) for p, role in data['year_patterns']
        ),
        relative_years=tuple(
            (with_first_chars(rf"(?<!\d{_SP})(?<![\d{_LATIN}])(?:{p})(?![{_LATIN}])", flags), offset, role)
            for p, offset, role in data["relative_year_patterns"]
        ),
        number_words={k.lower(): v for k, v in data["number_words"].items()},
        number_word=re.compile(rf"{_listed(data['number_words'])}{_SP}+(?:{_words(data['scales'])})", flags)
        if data["number_words"] else None,
        hint=re.compile(_listed(data["hint_words"]), flags) if data["hint_words"] else None,
        units=units,
    )


@cache
def _compiled(name: str) -> _Compiled:
    return _compile_language(name, LANGUAGES[name])


# --- numbers ---------------------------------------------------------------------------------------


def _parse_number(raw: str, decimal_separator: str) -> float:
    """Read "2.000" (vi), "1,5" (vi), "1,500" (en), "1.5" in the convention of the language.

    The last separator is a decimal point when it is the language's decimal separator and occurs
    once, or when the digits after it are not a group of three ("1.5 tỷ" in a Vietnamese text).
    """
    separators = [c for c in raw if c in ".,"]
    if not separators:
        return float(raw)
    last = separators[-1]
    tail = raw.rsplit(last, 1)[1]
    if len(separators) == 1 or len(set(separators)) == 1:
        is_decimal = len(separators) == 1 and (last == decimal_separator or len(tail) != 3)
    else:
        is_decimal = True  # "1.234,5": the last kind of separator is the decimal one
    if is_decimal:
        head = raw.rsplit(last, 1)[0].replace(".", "").replace(",", "")
        return float(f"{head}.{tail}")
    return float(raw.replace(".", "").replace(",", ""))


def _parse_native(raw: str) -> float | None:
    """Read a native numeral: "三十" = 30, "五千亿" = 5e11, "两万三千亿" = 2.3e12."""
    value = chinese_amount(raw)
    return None if value is None else float(value)


def _parse_words(raw: str, lang: _Compiled) -> float | None:
    """Read "two", "twenty-five" (a multiple of ten and a unit); None for other pairings."""
    joiner = lang.data["number_word_joiner"]
    parts = [re.sub(r"\s+", " ", p).lower() for p in (raw.split(joiner) if joiner else [raw])]
    values = [lang.number_words[p] for p in parts]
    if len(values) == 2 and not (values[0] >= 20 and values[0] % 10 == 0 and values[1] < 10):
        return None
    return float(sum(values))


def _number(match: re.Match[str], lang: _Compiled, digits: str, native: str) -> float | None:
    raw = match.group(digits)
    if raw is not None:
        return _parse_number(raw, lang.data["decimal_separator"])
    raw = match.groupdict().get(native)
    if raw:
        return _parse_native(raw)
    raw = match.groupdict().get("wnum") if digits == "num" else None
    return _parse_words(raw, lang) if raw else None


def _qualifier(match: re.Match[str], lang: _Compiled) -> str | None:
    tables = (
        ("qb", lang.data["qualifiers_before"]),
        ("qm", lang.data["qualifiers_after_number"]),
        ("qa", lang.data["qualifiers_after"]),
    )
    for group, table in tables:
        word = match.groupdict().get(group)
        if word:
            lowered = {k.lower(): v for k, v in table.items()}
            return lowered.get(re.sub(r"\s+", " ", word).lower())
    return None


def _scale(word: str | None, lang: _Compiled) -> float:
    if not word:
        return 1.0
    lowered = {k.lower(): v for k, v in lang.data["scales"].items()}
    return lowered[re.sub(r"\s+", " ", word).lower()]


# --- candidates ------------------------------------------------------------------------------------


def _amounts(text: str, lang: _Compiled) -> Iterator[_Candidate]:
    for match in lang.amount.finditer(text):
        value = _number(match, lang, "num", "cnum")
        if value is None:
            continue
        symbol, unit_word = match.group("sym"), match.group("unit")
        if symbol is None and unit_word is None:
            continue  # a bare number: a date, a count of years, a clause number
        if match.groupdict().get("wnum") and not match.group("scale"):
            continue  # "two pounds", "one euro": a number word counts only with a scale
        weak = False
        if unit_word is not None and unit_word.upper() not in ISO_CURRENCIES:
            unit, weak = lang.units[re.sub(r"\s+", " ", unit_word).lower()]
        elif unit_word is not None:
            unit = CURRENCY_ALIASES.get(unit_word.upper(), unit_word.upper())
        else:
            unit = None
        if symbol is not None:
            symbols = {k.lower(): v for k, v in lang.data["currency_symbols"].items()}
            code = symbol.strip()
            unit = symbols.get(code.lower()) or CURRENCY_ALIASES.get(code.upper(), code.upper())
        value *= _scale(match.group("scale"), lang)
        if match.groupdict().get("num2"):
            value += _parse_number(match.group("num2"), lang.data["decimal_separator"]) * _scale(
                match.group("scale2"), lang)
        yield _Candidate(match.start(), match.end(), value, unit, _qualifier(match, lang), lang.name, weak=weak)


def _percents(text: str, lang: _Compiled) -> Iterator[_Candidate]:
    for match in lang.percent.finditer(text):
        value = _number(match, lang, "num", "cnum")
        if value is None and "pnum" in match.groupdict():
            value = _number(match, lang, "pnum", "pcnum")
        if value is not None:
            yield _Candidate(match.start(), match.end(), value, "percent", _qualifier(match, lang), lang.name)


def _ratios(text: str, lang: _Compiled) -> Iterator[_Candidate]:
    for pattern, fixed in lang.ratios:
        for match in pattern.finditer(text):
            raw = match.groupdict().get("num")
            value = fixed if raw is None else _parse_number(raw, lang.data["decimal_separator"])
            word = match.groupdict().get("q")
            lowered = {k.lower(): v for k, v in lang.data["qualifiers_before"].items()}
            qualifier = lowered.get(re.sub(r"\s+", " ", word).lower()) if word else None
            yield _Candidate(match.start(), match.end(), value, "ratio", qualifier, lang.name)


def _net_zeros(text: str, lang: _Compiled) -> Iterator[_Candidate]:
    toned = tone_normal(text)  # "trung hòa" and "trung hoà" alike; same length, same offsets
    for pattern in lang.net_zero:
        for match in pattern.finditer(toned):
            yield _Candidate(match.start(), match.end(), 0.0, "net_emissions", None, lang.name, net_zero=True)


def _years(text: str, lang: _Compiled, reference_year: int | None = None) -> list[_YearMention]:
    """Introduced years ("by 2030", "năm 2024", "到2035年") and, with the document's year, relative
    ones ("last year", "năm nay", "去年"), the longest reading of each place."""
    found = []
    for pattern, role in lang.years:
        for match in pattern.finditer(text):
            year = int(match.group("y"))
            if YEAR_MIN <= year <= YEAR_MAX:
                found.append(_YearMention(match.start(), match.end(), year, role))
    if reference_year is not None:
        for pattern, offset, role in lang.relative_years:
            for match in pattern.finditer(text):
                found.append(_YearMention(match.start(), match.end(), reference_year + offset, role))
    return _without_overlaps(found, key=lambda y: (y.start, -(y.end - y.start)))


_Span = TypeVar("_Span", _Candidate, _YearMention)


def _without_overlaps(items: list[_Span], key: Callable[[_Span], tuple]) -> list[_Span]:
    """Keep, in `key` order, the items that overlap no item kept before them; sorted by start."""
    kept: list[_Span] = []  # by start, none overlapping: a new item is checked against its neighbours
    starts: list[int] = []
    for item in sorted(items, key=key):
        at = bisect_right(starts, item.start)
        if (at and kept[at - 1].end > item.start) or (at < len(kept) and kept[at].start < item.end):
            continue
        kept.insert(at, item)
        starts.insert(at, item.start)
    return kept


# --- sentences and clauses -------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _clause_ends(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause boundaries of one sentence, found once (a sentence of 10⁵
    amounts would otherwise be scanned again for each)."""
    found = [(m.start(), m.end()) for m in _CLAUSE_END.finditer(text, start, end)]
    return [a for a, _ in found], [b for _, b in found]


def _clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause of the sentence around text[start:end]: from the last boundary before it (a comma
    or colon just before it counts, whatever follows) to the first one after it."""
    starts, ends = _clause_ends(text, *sentence)
    before = bisect_right(ends, start)
    left = ends[before - 1] if before else sentence[0]
    if start - 1 >= sentence[0] and text[start - 1] in ",:":
        left = start
    after = bisect_left(starts, end)
    return left, starts[after] if after < len(starts) else sentence[1]


# --- the finder ------------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_CHINESE_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十百千万亿]{2,}")


def find_targets(text: str, lang: str | None = None, reference_year: int | None = None,
                 counts: bool = False) -> list[Target]:
    """Every numeric goal and figure in `text`, in text order, with character offsets.

    `lang` is "vi", "zh" or "en"; None, or a language without target words, tries every language
    (for a bare number read differently by two languages, the language whose frequent words the
    sentence holds most wins). With
    `reference_year` (the year of the document), a year after it introduced by "in"/"vào năm"
    makes a goal, and deadlines not after it make none. With `counts`, a count stated as a fact
    ("200 scholarships were awarded") is a figure too (a target's progress reads them).
    """
    names = [lang] if lang in LANGUAGES else list(LANGUAGES)
    languages = [_compiled(name) for name in names]
    # Chinese words are matched on the Simplified form (億 as 亿, 日圓 as 日圆): same length, same offsets.
    searched = to_simplified(text)
    results: list[Target] = []
    for sentence in sentence_spans(searched, lang if lang in LANGUAGES else None):
        results.extend(_sentence_targets(searched, sentence, languages, reference_year, counts))
    if searched is not text:
        results = [replace(t, text=text[t.start:t.end]) for t in results]
    return results


def _sentence_targets(
    text: str, sentence: tuple[int, int], languages: list[_Compiled], reference_year: int | None,
    counts: bool = False,
) -> list[Target]:
    s_start, s_end = sentence
    body = text[s_start:s_end]
    # Without a digit only a multiple or a net-zero pledge can be a target ("gấp đôi", "翻一番");
    # amounts, percentages and deadlines all have digits (or, rarely, Chinese numerals).
    with_digits = (_DIGIT.search(body) is not None or _CHINESE_NUMERAL.search(body) is not None
                   or any(lang.number_word is not None and lang.number_word.search(body) for lang in languages))
    finders = (_amounts, _percents, _ratios, _net_zeros) if with_digits else (_ratios, _net_zeros)
    ranking = _language_ranking(body, languages)
    candidates: list[_Candidate] = []
    for language in languages:
        for finder in finders:
            candidates.extend(
                _Candidate(c.start + s_start, c.end + s_start, c.value, c.unit, c.qualifier, c.lang, c.weak, c.net_zero)
                for c in finder(body, language)
            )
    # Longest first; between equally long readings, the language of the sentence.
    candidates = _without_overlaps(candidates, key=lambda c: (c.start, -(c.end - c.start), ranking[c.lang]))
    if not with_digits and not candidates:
        return []
    years = _without_overlaps(
        [
            _YearMention(y.start + s_start, y.end + s_start, y.year, y.role)
            for language in languages
            for y in _years(body, language, reference_year)
        ],
        key=lambda y: (y.start, -(y.end - y.start)),
    )
    # A period's start or an office's year was read (the longest reading) only to be set aside.
    years = [y for y in years if y.role not in NOT_THE_YEAR
             and all(y.end <= c.start or y.start >= c.end for c in candidates)]
    if not candidates and not years:
        return []  # nothing to report: the goal, fact and range words need not be looked for
    goal_spans = _spans(text, sentence, [language.goal for language in languages])
    fact_spans = _spans(text, sentence, [language.fact for language in languages if language.fact])
    range_spans = _spans(text, sentence, [language.range_starter for language in languages if language.range_starter])

    found: list[Target] = []
    used_years: set[int] = set()
    starts = [c.start for c in candidates]
    for index, candidate in enumerate(candidates):
        year = _attach_year(text, candidate, sentence, years, starts, index)
        goal = candidate.net_zero or _in_goal_scope(text, candidate, sentence, goal_spans, fact_spans)
        if not goal and year is not None:
            goal = _is_goal_year(year, reference_year, range_spans, text, sentence)
        if candidate.weak and not goal and not counts:
            continue  # "2.000 người" as a count is not a figure worth reporting (but as a target's progress)
        if year is not None:
            used_years.add(year.start)
        found.append(_target(text, candidate, "target" if goal else "figure", year, sentence))
    # A deadline without a number, in a sentence that sets a goal.
    for year in years:
        if year.start in used_years or year.role == "reference":
            continue
        span = _Candidate(year.start, year.end, None, None, None, "")
        in_scope = _in_goal_scope(text, span, sentence, goal_spans, fact_spans)
        if not (in_scope or _is_goal_year(year, reference_year, range_spans, text, sentence)):
            continue
        if reference_year is not None and year.year < reference_year:
            continue
        if _starts_range(text, year, sentence, range_spans):
            continue
        # "The goal agreed in 2015 was met": a fact in the year's clause.
        clause_start, clause_end = _clause(text, year.start, year.end, sentence)
        if any(clause_start <= f[0] and f[1] <= clause_end for f in fact_spans):
            continue
        found.append(_target(text, span, "target", year, sentence))
    return sorted(found, key=lambda t: t.start)


def _language_ranking(body: str, languages: list[_Compiled]) -> dict[str, int]:
    """Rank of each language for this sentence: most hint words first, then the order given."""
    if len(languages) == 1:
        return {languages[0].name: 0}
    scores = {lang.name: len(lang.hint.findall(body)) if lang.hint else 0 for lang in languages}
    order = sorted(languages, key=lambda lang: -scores[lang.name])
    return {lang.name: rank for rank, lang in enumerate(order)}


def _spans(text: str, sentence: tuple[int, int], patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    return sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text, sentence[0], sentence[1]))


def _in_goal_scope(
    text: str,
    candidate: _Candidate,
    sentence: tuple[int, int],
    goal_spans: list[tuple[int, int]],
    fact_spans: list[tuple[int, int]],
) -> bool:
    """A goal word before the amount with no fact word in between, or one just after it in its clause."""
    before = [g for g in goal_spans if g[1] <= candidate.start]
    if before:
        last_goal = before[-1]
        if not any(last_goal[1] <= f[0] and f[1] <= candidate.start for f in fact_spans):
            return True
    _, clause_end = _clause(text, candidate.start, candidate.end, sentence)
    limit = min(clause_end, candidate.end + GOAL_AFTER_WINDOW)
    return any(candidate.end <= g[0] and g[1] <= limit for g in goal_spans)


def _is_goal_year(
    year: _YearMention,
    reference_year: int | None,
    range_spans: list[tuple[int, int]],
    text: str,
    sentence: tuple[int, int],
) -> bool:
    """Whether a year makes its sentence a goal: a deadline not past, an "at" year ahead."""
    if _starts_range(text, year, sentence, range_spans):
        return False
    if year.role == "deadline":
        return reference_year is None or year.year >= reference_year
    if year.role == "at":
        return reference_year is not None and year.year > reference_year
    return False


def _starts_range(text: str, year: _YearMention, sentence: tuple[int, int], range_spans: list[tuple[int, int]]) -> bool:
    """Whether the year ends a period ("từ năm 2021 đến năm 2025", "从2021年到2025年")."""
    clause_start, _ = _clause(text, year.start, year.end, sentence)
    return any(clause_start <= r[0] and r[1] <= year.start for r in range_spans)


def _attach_year(
    text: str,
    candidate: _Candidate,
    sentence: tuple[int, int],
    years: list[_YearMention],
    starts: list[int],
    index: int,
) -> _YearMention | None:
    """The year of the amount: the nearest one in its clause, else the nearest before it in the
    sentence with no other amount in between ("到2030年，贸易额达到1000亿美元")."""
    clause_start, clause_end = _clause(text, candidate.start, candidate.end, sentence)
    in_clause = [y for y in years if y.start >= clause_start and y.end <= clause_end]
    if in_clause:
        return min(in_clause, key=lambda y: min(abs(y.start - candidate.end), abs(candidate.start - y.end)))
    # An amount standing between the year and this one owns the year.
    earlier = [y for y in years if y.end <= candidate.start and bisect.bisect_left(starts, y.start) == index]
    return earlier[-1] if earlier else None


def _target(
    text: str, candidate: _Candidate, kind: str, year: _YearMention | None, sentence: tuple[int, int]
) -> Target:
    return Target(
        start=candidate.start,
        end=candidate.end,
        text=text[candidate.start : candidate.end],
        kind=kind,
        value=candidate.value,
        unit=candidate.unit,
        year=year.year if year else None,
        qualifier=candidate.qualifier,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
    )
