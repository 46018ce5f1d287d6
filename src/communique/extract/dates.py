"""Dates in text, in metadata values and in URLs.

`find_dates` returns every date expression of a text with its character offsets, as stated:
a date without a year keeps `year=None` until a caller supplies a reference year, a month stays a
month, a range keeps its end. `parse_date_string` reads one metadata value, `date_from_url` the
date that news sites put in their URLs.

The words and shapes of each language live in `communique.extract.lang` (see its docstring);
this module only compiles them and applies the same rules to every language:

1. every pattern of the selected languages (plus the shared ISO forms) proposes candidates;
   a candidate must be a real calendar date (day 1-28..31 for its month, month 1-12) with a
   plausible year (`YEAR_MIN`..`YEAR_MAX` for a year alone, from `DATED_YEAR_MIN` with a month);
2. a dated candidate takes in what stands before it ("chiều", "Thứ Năm,", "ngày",
   "the afternoon of") and after it ("下午", a time "08:24", a time zone);
3. candidates that need evidence get it from that prefix, from parentheses ("Hôm nay (29/10)"),
   from a context word before them ("từ 28/10", "in 1973") or, failing that, from a neighbour:
   the other end of a range or an accepted date in the same list ("28/10, 29/10 và 30/10/2025");
   a bare "1/3" followed by "số dân" and a bare "2000" followed by "người" are never dates;
4. overlapping candidates: the longest wins (then an accepted one, then the earlier pattern),
   even when it still lacks evidence and is dropped later ("sau 3 tháng 10 doanh nghiệp" holds
   neither "3 tháng 10" nor "tháng 10");
5. two adjacent dates joined by a range connector ("đến", "至", "to", "-") become one range whose
   ends complete each other (the start takes the end's year, the end takes the start's month).

Bare numbers that are not dates: "24/7" and "1/3 số dân" (no context word), "2.000 người"
(no dotted day-month form without a year), "phiên bản 3.12", "112/35" (digits on either side),
"Nghị định 15/2020/NĐ-CP" (no bare month/year form), a 4-digit number without a year word
("UNCLOS 1982", "2.025 đại biểu"). Day-only expressions ("30日", "ngày 28") are read only as the
start or end of a range.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from communique.extract.lang import common, en, vi, zh
from communique.extract.numerals import chinese_number
from communique.model import DateValue

__all__ = ["DateMention", "date_from_url", "find_dates", "parse_date_string"]

YEAR_MIN = 1900  # a year standing alone ("năm 2010", "1973年", "in 1973") must lie in YEAR_MIN..YEAR_MAX
YEAR_MAX = 2100
DATED_YEAR_MIN = 1800  # a year stated with its month ("2/9/1945") may be older
MAX_YEAR_RANGE_SPAN = 100  # "1945-2025" is a range of years; "1900-2100" of anything else is not
CONTEXT_WINDOW = 40  # characters looked at before a candidate for its prefix and context words
LEAP_YEAR = 2000  # checks "29/2" when the year is not stated

# Language order breaks ties between equally long readings (05/06/2025 is day-first in vi and en).
LANGUAGES: dict[str, ModuleType] = {"vi": vi, "zh": zh, "en": en}

_LATIN = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF"  # Latin letters, Vietnamese included
_SP = r"[^\S\n]"  # a space that does not cross a line


@dataclass(frozen=True)
class DateMention:
    """One date expression: `text[start:end]`, with what it states.

    `year`/`month`/`day` are None where the text does not state them ("Ngày 12/3" has no year);
    a range also has `end_year`/`end_month`/`end_day` (each end completed from the other: in
    "28-30/10/2025" both ends are in October 2025). `time` is "HH:MM" (24-hour) when stated;
    `part_of_day` is one of morning, noon, afternoon, evening, night.
    """

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    time: str | None = None
    part_of_day: str | None = None

    @property
    def is_range(self) -> bool:
        """Whether the mention has an end ("28-30/10", "2024-2026")."""
        return self.end_year is not None or self.end_month is not None or self.end_day is not None

    def value(self, reference_year: int | None = None) -> DateValue | None:
        """The (start) date at its precision; a missing year is taken from `reference_year`.

        Returns None when the year is neither stated nor given, or the date does not exist in
        the reference year (29/2).
        """
        return _date_value(self.year if self.year is not None else reference_year, self.month, self.day)

    def end_value(self, reference_year: int | None = None) -> DateValue | None:
        """The end of a range (None for a single date), its missing year as in `value`.

        With a reference year, a range that runs past the new year ("28/12 - 3/1") ends in the
        year after the reference.
        """
        if not self.is_range:
            return None
        year = self.end_year
        if year is None and reference_year is not None:
            year = reference_year
            if self.year is None and _key(self.month, self.day) > _key(self.end_month, self.end_day):
                year += 1
        return _date_value(year, self.end_month, self.end_day)


# --- public functions ------------------------------------------------------------------------


def find_dates(text: str, lang: str | None = None) -> list[DateMention]:
    """Every date expression in `text`, in order, without overlaps.

    `lang` is "vi", "zh" or "en" (a region suffix such as "zh-CN" is ignored); None or an
    unknown language applies the patterns of all languages. The ISO forms apply always.
    """
    rules = _rules_for(lang)
    starts = _starts(text)
    candidates = [
        candidate
        for pattern in rules.patterns
        for position in starts.get(pattern.start, ())
        if (match := pattern.regex.match(text, position)) is not None
        and (candidate := _candidate(text, match, pattern, rules)) is not None
    ]
    kept = _merge_ranges(text, _longest(candidates), rules)
    _accept_lists(text, kept, rules)
    return [_mention(text, c, rules) for c in kept if c.accepted]


def parse_date_string(s: str) -> DateValue | None:
    """The first date with a stated year in a metadata value, at its precision.

    Reads "2025-10-30", "2025-10-30T08:24:00Z", "20251030", "2025-10", "2025", "October 30, 2025
    08:24", "Thứ Năm, 30/10/2025 - 08:24", "2025年10月30日"; None when no year is stated.
    """
    s = s.strip()
    if not s:
        return None
    compact = _COMPACT_DATE.fullmatch(s)
    if compact:
        return _date_value(*(int(part) for part in compact.groups()))
    iso_month = _ISO_MONTH.fullmatch(s)
    if iso_month:
        return _date_value(int(iso_month.group(1)), int(iso_month.group(2)), None)
    if _YEAR_ONLY.fullmatch(s):
        return _date_value(int(s), None, None)
    for mention in find_dates(s):
        found = mention.value()
        if found is not None:
            return found
    return None


def date_from_url(url: str) -> DateValue | None:
    """The date in a news URL's path or query: /2025/10/30/, /2025-10-30/, -20251030-, /20251030/
    (day precision) or /2025/10/ (month precision). Impossible dates are skipped."""
    parts = urlsplit(url)
    where = parts.path + ("?" + parts.query if parts.query else "")
    found = sorted((m for regex in _URL_DAY_PATTERNS for m in regex.finditer(where)), key=lambda m: m.start())
    for match in found:
        value = _date_value(*(int(part) for part in match.groups()))
        if value is not None and value.day is not None and YEAR_MIN <= value.year <= YEAR_MAX:
            return value
    for match in _URL_MONTH.finditer(where):
        year, month = int(match.group(1)), int(match.group(2))
        if YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12:
            return DateValue(year, month)
    return None


# --- values ----------------------------------------------------------------------------------


def _date_value(year: int | None, month: int | None, day: int | None) -> DateValue | None:
    if year is None or (day is not None and month is None):
        return None
    if month is None:
        return DateValue(year)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return DateValue(year, month)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return DateValue(year, month, day)


def _key(month: int | None, day: int | None) -> tuple[int, int]:
    return (month or 0, day or 0)


def _plausible(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if year is not None:
        low = DATED_YEAR_MIN if month is not None else YEAR_MIN
        if not low <= year <= YEAR_MAX:
            return False
    if day is not None:
        if month is None:
            return 1 <= day <= 31
        return 1 <= day <= calendar.monthrange(year if year is not None else LEAP_YEAR, month)[1]
    return year is not None or month is not None


_Triple = tuple[int | None, int | None, int | None]


def _order(start: _Triple, end: _Triple) -> int:
    """-1, 0 or 1 as `start` comes before, with or after `end` (missing parts span their unit)."""
    a = tuple(v if v is not None else 0 for v in start)
    b = (end[0] if end[0] is not None else 0, end[1] or 12, end[2] or 31)
    if start[0] is None or end[0] is None:
        a, b = a[1:], b[1:]
    if start[1] is None or end[1] is None:  # years only, or a year against a month
        a, b = a[:1], b[:1]
    return (a > b) - (a < b)


def _complete_range(start: _Triple, end: _Triple) -> tuple[_Triple, _Triple] | None:
    """Fill each end of a range from the other; None when the two ends cannot form a range."""
    (y1, m1, d1), (y2, m2, d2) = start, end
    if m1 is None and d1 is not None:
        m1 = m2
    if m2 is None and d2 is not None:
        m2 = m1
    year_from_end = y1 is None and y2 is not None
    year_from_start = y2 is None and y1 is not None
    if year_from_end:
        y1 = y2
    if year_from_start:
        y2 = y1
    if _order((y1, m1, d1), (y2, m2, d2)) >= 0:
        if year_from_end:  # "28/12 - 3/1/2026"
            y1 = y1 - 1 if y1 is not None else None
        elif year_from_start:  # "2025年12月28日至1月3日"
            y2 = y2 + 1 if y2 is not None else None
        elif not (y1 is None and m1 is not None and m2 is not None and m1 != m2):
            return None  # only a range across the new year may run backwards without years
        if (year_from_end or year_from_start) and _order((y1, m1, d1), (y2, m2, d2)) >= 0:
            return None
    if not (_plausible(y1, m1, d1) and _plausible(y2, m2, d2)):
        return None
    if m1 is None and y1 is not None and y2 is not None and y2 - y1 > MAX_YEAR_RANGE_SPAN:
        return None
    return (y1, m1, d1), (y2, m2, d2)


# --- compiled language data ------------------------------------------------------------------


def _words(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first; spaces inside a word match any spacing."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", _SP + "+") for w in unique) + ")"


def _is_latin_word(word: str) -> bool:
    return re.fullmatch(rf"[{_LATIN} ]+", word) is not None


def _connectors(words: Iterable[str]) -> str:
    """Connectors between two parts: words need spaces around them, signs do not."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word).replace(r"\ ", _SP + "+")
        parts.append(rf"{_SP}+{escaped}{_SP}+" if _is_latin_word(word) else rf"{_SP}*{escaped}{_SP}*")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _before(words: Iterable[str]) -> re.Pattern[str] | None:
    """Matches one of `words` ending where the search window ends (right before a candidate)."""
    words = list(words)
    if not words:
        return None
    return re.compile(rf"(?<![{_LATIN}])(?:{_words(words)}){_SP}*\Z", re.IGNORECASE)


def _after(words: Iterable[str]) -> re.Pattern[str] | None:
    """Matches one of `words` as the next word (used with `.match` at a candidate's end)."""
    words = list(words)
    if not words:
        return None
    return re.compile(rf"{_SP}*{_words(words)}(?![{_LATIN}])", re.IGNORECASE)


def _data(module: ModuleType, name: str, default: Any) -> Any:
    return getattr(module, name, default)


def _numerals(modules: Iterable[ModuleType]) -> tuple[dict[str, int], str]:
    digits: dict[str, int] = {}
    tens = ""
    for module in modules:
        digits.update(_data(module, "NUMERAL_DIGITS", {}))
        tens += str(_data(module, "NUMERAL_TEN", ""))
    return digits, tens


_NUMERAL_DIGITS, _NUMERAL_TENS = _numerals(LANGUAGES.values())
_MONTHS = {
    name.casefold(): number
    for module in LANGUAGES.values()
    for table in ("MONTH_NAMES", "MONTH_ABBREVIATIONS")
    for name, number in _data(module, table, {}).items()
}
_PARTS_OF_DAY = {
    " ".join(word.casefold().split()): value
    for module in LANGUAGES.values()
    for word, value in _data(module, "PART_OF_DAY", {}).items()
}


def _to_int(number: str) -> int:
    """An integer from decimal digits of any script or from Chinese numerals (二〇二五, 三十一)."""
    value = chinese_number(number)
    if value is None:
        raise ValueError(f"not a number: {number!r}")
    return value


def _month_names(module: ModuleType, group: str) -> str:
    names: dict[str, int] = _data(module, "MONTH_NAMES", {})
    abbreviations: dict[str, int] = _data(module, "MONTH_ABBREVIATIONS", {})
    if not names and not abbreviations:
        return f"(?P<{group}>(?!))"
    case_sensitive = bool(_data(module, "MONTH_NAMES_CASE_SENSITIVE", False))

    def forms(name: str) -> list[str]:
        return [name, name.upper()] if case_sensitive else [name]

    alternatives = [(form, "") for name in names for form in forms(name)]
    alternatives += [(form, r"\.?") for name in abbreviations for form in forms(name)]
    alternatives.sort(key=lambda pair: -len(pair[0]))
    body = "|".join(rf"{re.escape(form)}(?![{_LATIN}]){dot}" for form, dot in alternatives)
    return f"(?P<{group}>(?-i:{body}))" if case_sensitive else f"(?P<{group}>{body})"


def _placeholders(module: ModuleType) -> dict[str, str]:
    digits: dict[str, int] = _data(module, "NUMERAL_DIGITS", {})
    ten = str(_data(module, "NUMERAL_TEN", ""))
    year, month, day = r"\d{4}", r"\d{1,2}", r"\d{1,2}"
    if digits:
        all_digits = "".join(digits)
        one_to_nine = "".join(ch for ch, v in digits.items() if 1 <= v <= 9)
        one_to_three = "".join(ch for ch, v in digits.items() if 1 <= v <= 3)
        one_or_two = "".join(ch for ch, v in digits.items() if 1 <= v <= 2)
        year += f"|[{all_digits}]{{4}}"
        if ten:
            month += f"|{ten}[{one_or_two}]?|[{one_to_nine}]"
            day += f"|[{one_to_three}]?{ten}[{one_to_nine}]?|[{one_to_nine}]"
    relative = _data(module, "RELATIVE_DAYS", [])
    return {
        "Y": f"(?P<y>{year})",
        "Y2": f"(?P<y2>{year})",
        "M": f"(?P<m>{month})",
        "M2": f"(?P<m2>{month})",
        "D": f"(?P<d>{day})",
        "D2": f"(?P<d2>{day})",
        "MON": _month_names(module, "mon"),
        "MON2": _month_names(module, "mon2"),
        "TO": _connectors(_data(module, "RANGE_CONNECTORS", [])),
        "POD": _words(_data(module, "PART_OF_DAY", {})),
        "WEEKDAY": _words(_data(module, "WEEKDAYS", [])),
        "DAYWORD": _words(_data(module, "DAY_WORDS", [])),
        "RELDAY": _words(relative),
    }


_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9]*)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled; its `\\s` never crosses a line break."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template.replace(r"\s", _SP))


_NUMBER, _MONTH_NAME = "number", "month name"


def _start_kind(template: str) -> str:
    """How a template starts: with a number, a month name, or a word (returned in lower case)."""
    if template.startswith(("{D}", "{M}", "{Y}")):
        return _NUMBER
    if template.startswith("{MON}"):
        return _MONTH_NAME
    word = re.match(r"[^\W\d_]+", template)
    if word is None:
        raise ValueError(f"a date pattern starts with a number, a month name or a word: {template!r}")
    return word.group().casefold()


@dataclass(frozen=True)
class _Language:
    code: str
    patterns: tuple[tuple[re.Pattern[str], str, str], ...]  # (regex, acceptance, start kind)
    prefix: re.Pattern[str] | None  # searched backwards: ends right where a candidate starts
    suffix: re.Pattern[str] | None  # matched where a candidate ends


def _compile_prefix(prefix: str, values: dict[str, str]) -> re.Pattern[str]:
    # Anchored at the end: searched in the text right before a candidate.
    return re.compile(rf"(?<![{_LATIN}])(?:{_fill(prefix, values)})\Z", re.IGNORECASE)


def _compile_language(code: str, module: ModuleType) -> _Language:
    values = _placeholders(module)
    numeral_chars = "".join(_data(module, "NUMERAL_DIGITS", {})) + str(_data(module, "NUMERAL_TEN", ""))
    digit = rf"\d{numeral_chars}"
    # No digit or Latin letter may touch a number from outside: "112/35", "COP26", "29/10/2025".
    left = rf"(?<![{digit}{_LATIN}/])(?<!\d[.,])"
    right = rf"(?!(?<=[{digit}])[{digit}])(?!(?<=\d)[/.:-]\d)"
    patterns = tuple(
        (
            re.compile(left + "(?:" + _fill(template, values) + ")" + right, re.IGNORECASE),
            acceptance,
            _start_kind(template),
        )
        for template, acceptance in _data(module, "DATE_PATTERNS", [])
    )
    prefix = str(_data(module, "DATE_PREFIX", ""))
    suffix = str(_data(module, "DATE_SUFFIX", ""))
    return _Language(
        code=code,
        patterns=patterns,
        prefix=_compile_prefix(prefix, values) if prefix else None,
        suffix=re.compile(_fill(suffix, values), re.IGNORECASE) if suffix else None,
    )


_COMPILED = {code: _compile_language(code, module) for code, module in LANGUAGES.items()}
_COMMON = _compile_language("common", common)


def _month_initials() -> str:
    initials = set()
    for module in LANGUAGES.values():
        case_sensitive = _data(module, "MONTH_NAMES_CASE_SENSITIVE", False)
        for table in ("MONTH_NAMES", "MONTH_ABBREVIATIONS"):
            for name in _data(module, table, {}):
                first = name[0]
                initials.update({first, first.upper()} if case_sensitive else {first.lower(), first.upper()})
    return "".join(sorted(initials))


# Patterns are tried only where a date can start: at a number, at a word that may be a month name
# (checked on its first three letters) or at a word a template starts with ("tháng", "năm").
# One character class first keeps the scan for numbers and month names fast.
_NUMERALS = "".join(_NUMERAL_DIGITS) + _NUMERAL_TENS
_TOKEN = re.compile(rf"[\d{_NUMERALS}{re.escape(_month_initials())}][\d{_NUMERALS}A-Za-z]*")
_MONTH_STEMS = {name[:3] for name in _MONTHS}


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    acceptance: str
    language: _Language
    priority: int
    start: str  # _NUMBER, _MONTH_NAME or the word the template starts with


_LEADING_WORDS = {
    _start_kind(template)
    for module in [*LANGUAGES.values(), common]
    for template, _ in _data(module, "DATE_PATTERNS", [])
} - {_NUMBER, _MONTH_NAME}
_LEADING_WORD = re.compile(rf"(?<![{_LATIN}]){_words(_LEADING_WORDS)}(?![{_LATIN}])", re.IGNORECASE)


def _starts(text: str) -> dict[str, list[int]]:
    """Where a date pattern may match, by how the pattern starts."""
    starts: dict[str, list[int]] = {_NUMBER: [], _MONTH_NAME: []}
    for token in _TOKEN.finditer(text):
        first = token.group()[0]
        if first.isdecimal() or first in _NUMERALS:
            starts[_NUMBER].append(token.start())
        elif token.group()[:3].casefold() in _MONTH_STEMS:
            starts[_MONTH_NAME].append(token.start())
    for word in _LEADING_WORD.finditer(text):
        starts.setdefault(word.group().casefold(), []).append(word.start())
    return starts


@dataclass(frozen=True)
class _Rules:
    """Everything `find_dates` needs for one selection of languages, compiled once."""

    patterns: tuple[_Pattern, ...]
    date_context: re.Pattern[str] | None
    year_context: re.Pattern[str] | None
    not_date_after: re.Pattern[str] | None
    not_year_after: re.Pattern[str] | None
    range_gap: re.Pattern[str]
    paired_gaps: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]  # (starter before, gap)
    list_gap: re.Pattern[str]
    number_after: re.Pattern[str]  # a connector and a number after a year: "2000 đến 3000"
    starters: re.Pattern[str] | None


def _build_rules(codes: tuple[str, ...]) -> _Rules:
    modules = [LANGUAGES[code] for code in codes]

    def union(name: str) -> list[str]:
        return [word for module in modules for word in _data(module, name, [])]

    languages = [_COMPILED[code] for code in codes] + [_COMMON]
    patterns = tuple(
        _Pattern(regex, acceptance, language, priority, start)
        for priority, (language, (regex, acceptance, start)) in enumerate(
            (language, pattern) for language in languages for pattern in language.patterns
        )
    )
    paired = [
        (starter, connector)
        for module in modules
        for starter, connectors in _data(module, "PAIRED_RANGE_CONNECTORS", {}).items()
        for connector in connectors
    ]
    return _Rules(
        patterns=patterns,
        date_context=_before(union("DATE_CONTEXT_WORDS")),
        year_context=_before(union("YEAR_CONTEXT_WORDS")),
        not_date_after=_after(union("NOT_DATE_AFTER")),
        not_year_after=_after(union("NOT_YEAR_AFTER")),
        range_gap=re.compile(_connectors(union("RANGE_CONNECTORS")), re.IGNORECASE),
        paired_gaps=tuple(
            (_before([starter]), re.compile(_connectors([connector]), re.IGNORECASE))
            for starter, connector in paired
        ),
        list_gap=re.compile(_connectors(union("LIST_CONNECTORS")), re.IGNORECASE),
        number_after=re.compile(
            _connectors(union("RANGE_CONNECTORS")) + r"(?P<number>\d[\d.,]*\d|\d)",
            re.IGNORECASE,
        ),
        starters=_before(union("RANGE_STARTERS")),
    )


_RULES: dict[str | None, _Rules] = {None: _build_rules(tuple(LANGUAGES))}
_RULES.update({code: _build_rules((code,)) for code in LANGUAGES})


def _rules_for(lang: str | None) -> _Rules:
    base = lang.replace("_", "-").split("-")[0].lower() if lang else None
    return _RULES.get(base, _RULES[None])


_TIME_WORDS = _words(word for module in LANGUAGES.values() for word in _data(module, "TIME_WORDS", []))
_TIME = re.compile(
    rf"(?:T|{_SP}*(?:[-–|,]{_SP}*)?(?:{_TIME_WORDS}{_SP}+)?)"
    r"(?P<hh>\d{1,2})[:hH：](?P<mm>\d{2})(?:[:：]\d{2}(?:[.,]\d+)?)?(?!\d)"
    rf"(?:{_SP}*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![{_LATIN}]))?"
    rf"(?:{_SP}*\(?(?:GMT|UTC){_SP}*[+-]{_SP}*\d{{1,2}}(?::?\d{{2}})?\)?|Z(?![{_LATIN}])|{_SP}?[+-]\d{{2}}:?\d{{2}}(?!\d))?"
)
_OPEN_BEFORE = re.compile(rf"[(（]{_SP}*\Z")
_CLOSE_AFTER = re.compile(rf"{_SP}*[)）]")
_LETTER_AFTER = re.compile(rf"[{_LATIN}]")  # "1990s" is a decade, not a year

_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR_ONLY = re.compile(r"\d{4}")
_URL_BEFORE, _URL_AFTER = r"(?<=[/_.=-])", r"(?=[/_.?#&=-]|$)"
_URL_DAY_PATTERNS = (
    re.compile(_URL_BEFORE + r"(\d{4})/(\d{1,2})/(\d{1,2})" + _URL_AFTER),  # /2025/10/30/
    re.compile(_URL_BEFORE + r"(\d{4})-(\d{2})-(\d{2})" + _URL_AFTER),  # /2025-10-30/
    re.compile(_URL_BEFORE + r"(\d{4})(\d{2})(\d{2})" + _URL_AFTER),  # -20251030-, /20251030/
)
_URL_MONTH = re.compile(r"(?<=/)(\d{4})/(\d{1,2})(?=/(?!\d)|$)")  # /2025/10/ but not /2025/02/30/


# --- matching --------------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    start_date: _Triple
    end_date: _Triple | None
    time: str | None
    part_of_day: str | None
    accepted: bool
    priority: int
    vetoed: bool = False  # a fraction or a count, whatever its context
    listable: bool = False  # may be accepted by a list it follows


def _number(value: str | None) -> int | None:
    return _to_int(value) if value else None


def _parts(groups: dict[str, str | None], suffix: str) -> _Triple:
    """(year, month, day) from the groups y/m/mon/d, or y2/m2/mon2/d2 for a range's end."""
    name = groups.get("mon" + suffix)
    month = _MONTHS.get(name.rstrip(".").casefold()) if name else _number(groups.get("m" + suffix))
    return _number(groups.get("y" + suffix)), month, _number(groups.get("d" + suffix))


def _clock(match: re.Match[str]) -> str | None:
    """The time as HH:MM from the groups hh, mm and ampm (both optional); None if not a time of day."""
    groups = match.groupdict()
    if not groups.get("hh"):
        return None
    hour, minute = int(groups["hh"]), int(groups.get("mm") or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _candidate(text: str, match: re.Match[str], pattern: _Pattern, rules: _Rules) -> _Candidate | None:
    groups = match.groupdict()
    start_date: _Triple = _parts(groups, "")
    end_date: _Triple | None = _parts(groups, "2")
    if end_date == (None, None, None):
        end_date = None
        if not _plausible(*start_date):
            return None
    else:
        completed = _complete_range(start_date, end_date)
        if completed is None:
            return None
        start_date, end_date = completed
    start, end = match.span()
    language = pattern.language

    prefixed, paren, part_of_day, prefix_start, time = False, False, None, start, None
    if start_date[2] is not None and language.prefix is not None:
        prefix = language.prefix.search(text, max(0, start - CONTEXT_WINDOW), start)
        if prefix is not None and prefix.start() < start:
            prefixed, part_of_day, time = True, prefix.groupdict().get("pod"), _clock(prefix)
            paren = text[prefix.start() : start].rstrip().endswith(("(", "（"))
            prefix_start = prefix.start()

    if (end_date or start_date)[2] is not None:
        if language.suffix is not None:
            suffix = language.suffix.match(text, end)
            if suffix is not None and suffix.end() > end:
                end, part_of_day = suffix.end(), part_of_day or suffix.groupdict().get("pod")
        clock = _TIME.match(text, end)
        if clock is not None and _clock(clock) is not None:
            end, time = clock.end(), _clock(clock)
    if paren:
        closing = _CLOSE_AFTER.match(text, end)
        if closing is not None:
            end = closing.end()
        else:  # "sáng nay (29/10" without its ")": the prefix is not ours
            prefixed, part_of_day, time = False, None, None
    if prefixed:
        start = prefix_start

    year_only = start_date[1] is None and start_date[2] is None
    if year_only and _LETTER_AFTER.match(text, end):
        return None
    if pattern.acceptance == "bare_years" and _matches(rules.not_year_after, text, end):
        return None
    if pattern.acceptance == "year" and _counts_after(text, end, rules):
        return None
    no_year = start_date[0] is None and (end_date is None or end_date[0] is None)
    # "1/3 số dân": kept, vetoed, so that "từ 1/3 đến 1/2 dân số" is not read as a range either
    vetoed = (
        start_date[2] is not None and no_year and not prefixed and _matches(rules.not_date_after, text, end)
    )

    enclosed = _ends_before(_OPEN_BEFORE, text, start) and _matches(_CLOSE_AFTER, text, end)
    acceptance = pattern.acceptance
    if acceptance == "context":
        accepted = prefixed or enclosed or _ends_before(rules.date_context, text, start)
    elif acceptance == "prefix":
        accepted = prefixed or enclosed
    elif acceptance == "year":
        accepted = _ends_before(rules.year_context, text, start)
    else:
        accepted = True
    return _Candidate(
        start=start,
        end=end,
        start_date=start_date,
        end_date=end_date,
        time=time,
        part_of_day=_PARTS_OF_DAY.get(" ".join(part_of_day.casefold().split())) if part_of_day else None,
        accepted=accepted and not vetoed,
        priority=pattern.priority,
        vetoed=vetoed,
        listable=acceptance in ("context", "year"),
    )


def _counts_after(text: str, end: int, rules: _Rules) -> bool:
    """A unit or count noun follows the number, maybe after a second number ("từ 2000 đến 3000 người")."""
    if _matches(rules.not_year_after, text, end):
        return True
    second = rules.number_after.match(text, end)
    if second is None:
        return False
    number = second.group("number")
    return not (number.isdecimal() and len(number) == 4 and YEAR_MIN <= int(number) <= YEAR_MAX) or (
        _matches(rules.not_year_after, text, second.end())
    )


def _matches(regex: re.Pattern[str] | None, text: str, position: int) -> bool:
    return regex is not None and regex.match(text, position) is not None


def _ends_before(regex: re.Pattern[str] | None, text: str, position: int) -> bool:
    return regex is not None and regex.search(text, max(0, position - CONTEXT_WINDOW), position) is not None


def _longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop overlapping candidates: longest first, then accepted ones, then the earlier pattern."""
    kept: list[_Candidate] = []
    starts: list[int] = []  # sorted starts of the kept candidates, which never overlap
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, not c.accepted, c.priority, c.start))
    for candidate in ranked:
        i = bisect.bisect_right(starts, candidate.start)
        if i > 0 and kept[i - 1].end > candidate.start:
            continue
        if i < len(kept) and kept[i].start < candidate.end:
            continue
        starts.insert(i, candidate.start)
        kept.insert(i, candidate)
    return kept


def _merge_ranges(text: str, candidates: list[_Candidate], rules: _Rules) -> list[_Candidate]:
    """Join "A đến B", "A至B", "A - B", "between A and B" into one range."""
    merged: list[_Candidate] = []
    i = 0
    while i < len(candidates):
        first = candidates[i]
        second = candidates[i + 1] if i + 1 < len(candidates) else None
        joined = _join(text, first, second, rules) if second is not None else None
        if joined is not None:
            merged.append(joined)
            i += 2
        else:
            merged.append(first)
            i += 1
    return merged


def _join(text: str, first: _Candidate, second: _Candidate, rules: _Rules) -> _Candidate | None:
    if first.end_date is not None or second.end_date is not None:
        return None
    gap = text[first.end : second.start]
    if not rules.range_gap.fullmatch(gap) and not any(
        gap_regex.fullmatch(gap) and _ends_before(starter, text, first.start)
        for starter, gap_regex in rules.paired_gaps
    ):
        return None
    completed = _complete_range(first.start_date, second.start_date)
    if completed is None:
        return None
    return _Candidate(
        start=first.start,
        end=second.end,
        start_date=completed[0],
        end_date=completed[1],
        time=first.time,
        part_of_day=first.part_of_day,
        accepted=(first.accepted or second.accepted) and not (first.vetoed or second.vetoed),
        priority=min(first.priority, second.priority),
        vetoed=first.vetoed or second.vetoed,
    )


def _accept_lists(text: str, candidates: list[_Candidate], rules: _Rules) -> None:
    """A bare "29/10" or "2015" listed after an accepted date is a date too: "ngày 28/10, 29/10 và 30/10".

    Only forwards (the list starts with a date) and not for "2-1" forms, which lists of scores share.
    """
    pairs = [
        (before, after)
        for before, after in zip(candidates, candidates[1:], strict=False)
        if rules.list_gap.fullmatch(text[before.end : after.start])
    ]
    for before, after in pairs:
        if before.accepted and after.listable and not after.vetoed:
            after.accepted = True


def _mention(text: str, candidate: _Candidate, rules: _Rules) -> DateMention:
    start = candidate.start
    if candidate.end_date is not None and rules.starters is not None:
        starter = rules.starters.search(text, max(0, start - CONTEXT_WINDOW), start)
        if starter is not None:
            start = starter.start()
    end_year, end_month, end_day = candidate.end_date or (None, None, None)
    year, month, day = candidate.start_date
    return DateMention(
        start=start,
        end=candidate.end,
        text=text[start : candidate.end],
        year=year,
        month=month,
        day=day,
        end_year=end_year,
        end_month=end_month,
        end_day=end_day,
        time=candidate.time,
        part_of_day=candidate.part_of_day,
    )


# A four-digit year standing alone ("năm 2025", "2025年", "in 2025"), not part of a longer number.
_STATED_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d]|[.,]\d)")


def stated_years(text: str) -> list[tuple[int, int]]:
    """(year, offset) of every plausible year written in `text` as four digits: a cheap pass for
    telling when a text was written, where find_dates' full reading is not needed."""
    return [(int(m.group(1)), m.start()) for m in _STATED_YEAR.finditer(text)]
