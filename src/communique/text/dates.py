"""Dates in text, in metadata values and in URLs.

`find_dates` returns every date expression of a text with its character offsets, as stated:
a date without a year keeps `year=None` until a caller supplies a reference year, a month stays a
month, a range keeps its end. `parse_date_string` reads one metadata value, `date_from_url` the
date that news sites put in their URLs.

The words and shapes of each language live in `text/data/dates/<code>.yaml` (keys in README.md there);
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

Relative dates ("hôm qua", "去年6月", "last Tuesday", "next week") are read as stated: a shift of
a calendar unit from the publication date ("June last year": June, one year back), a weekday or a
month named alone with the occurrence meant ("last June"; "on Friday" by the tense), or an anaphor
("当年", "that year": the date named before it in the paragraph). They become dates only against
a publication date (`DateMention.value(published=...)`); without one they stay unresolved, never
guessed. The tense of a sentence comes from the nearest future or past word before the date
("sẽ", "will", "将于"; "đã", "has", "已"); a date without a year is then placed in the year that
makes it the latest not after the document (next to it: a date up to `NEAR_FUTURE_DAYS` ahead is
an announcement) or, for a plan, the next one.

Bare numbers that are not dates: "24/7" and "1/3 số dân" (no context word), "2.000 người"
(no dotted day-month form without a year), "phiên bản 3.12", "112/35" (digits on either side),
"Nghị định 15/2020/NĐ-CP" (no bare month/year form), a 4-digit number without a year word
("UNCLOS 1982", "2.025 đại biểu"). Day-only expressions ("30日", "ngày 28") are read only as the
start or end of a range.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from communique.model import DateValue
from communique.text.languages import LanguageData, language_code, language_files
from communique.text.numerals import chinese_number
from communique.text.words import WordIndex

__all__ = ["DateMention", "date_from_url", "find_dates", "parse_date_string"]

YEAR_MIN = 1900  # a year standing alone ("năm 2010", "1973年", "in 1973") must lie in YEAR_MIN..YEAR_MAX
YEAR_MAX = 2100
DATED_YEAR_MIN = 1800  # a year stated with its month ("2/9/1945") may be older
MAX_YEAR_RANGE_SPAN = 100  # "1945-2025" is a range of years; "1900-2100" of anything else is not
CONTEXT_WINDOW = 40  # characters looked at before a candidate for its prefix and context words
LEAP_YEAR = 2000  # checks "29/2" when the year is not stated
# A date without a year up to this many days after the publication date is an announcement of the
# coming days ("từ 1-3/11" in a text of 30/10), not last year's date, even without a future word.
NEAR_FUTURE_DAYS = 31
TENSE_REACH = 80  # characters before a date, within its sentence, read for future and past words
RELATIVE_REACH = 30  # how far a relative date may reach on either side of its anchor word

# Language order breaks ties between equally long readings (05/06/2025 is day-first in vi and en).
_FILES = language_files("communique.text", "data/dates")
LANGUAGES: dict[str, LanguageData] = {code: _FILES[code] for code in ("vi", "zh", "en")}
common = _FILES["common"]  # forms of every language (ISO 8601 and other year-first dates)

_LATIN = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF"  # Latin letters, Vietnamese included
_SP = r"[^\S\n]"  # a space that does not cross a line


@dataclass(frozen=True)
class DateMention:
    """One date expression: `text[start:end]`, with what it states.

    `year`/`month`/`day` are None where the text does not state them ("Ngày 12/3" has no year);
    a range also has `end_year`/`end_month`/`end_day` (each end completed from the other: in
    "28-30/10/2025" both ends are in October 2025). `time` is "HH:MM" (24-hour) when stated;
    `part_of_day` is one of morning, noon, afternoon, evening, night.

    A relative date has `shift_unit` ("day", "week", "month", "year") and `shift` (how many of
    them from the publication date: "năm ngoái" is year -1), or `occurrence` for a month or a
    weekday named alone (-1 the last one before the publication date, 1 the next one after, 0 as
    the tense says); `weekday` is 0 (Monday) to 6. `future`: the sentence speaks of a plan.
    `anaphor` ("year", "month", "day") marks "当年", "that year": it holds the parts of the date
    named before it, or nothing when there was none.
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
    shift_unit: str | None = None
    shift: int = 0
    weekday: int | None = None
    occurrence: int | None = None
    future: bool = False
    anaphor: str | None = None

    @property
    def is_relative(self) -> bool:
        """Whether the date counts from the publication date ("hôm qua", "last June")."""
        return self.shift_unit is not None or self.occurrence is not None

    @property
    def is_range(self) -> bool:
        """Whether the mention has an end ("28-30/10", "2024-2026", "tuần trước": Monday to Sunday)."""
        if self.shift_unit == "week" and self.weekday is None:
            return True
        return self.end_year is not None or self.end_month is not None or self.end_day is not None

    @property
    def precision(self) -> str | None:
        """"day", "month" or "year": how precise the date is once resolved; None for an anaphor
        left without a date."""
        if self.day is not None or self.weekday is not None or self.shift_unit in ("day", "week"):
            return "day"
        if self.month is not None or self.shift_unit == "month":
            return "month"
        if self.year is not None or self.shift_unit == "year":
            return "year"
        return None

    def value(self, reference_year: int | None = None, published: DateValue | None = None) -> DateValue | None:
        """The (start) date at its precision.

        With `published` (the document's date), a relative date is resolved against it and a
        missing year is the one around it that the tense calls for; otherwise a missing year is
        taken from `reference_year` and a relative date stays None. Also None when the date does
        not exist (29/2) or `published` is not precise enough ("last week" in a text dated 2024).
        """
        if self.is_relative:
            return _resolve(self, published)[0]
        if self.year is None and self.month is None:
            return None  # an anaphor without its date
        year = self.year
        if year is None:
            if published is not None and self.month is not None:
                year = _year_around(self.month, self.day, published, self.future)
            else:
                year = reference_year
        return _date_value(year, self.month, self.day)

    def end_value(self, reference_year: int | None = None, published: DateValue | None = None) -> DateValue | None:
        """The end of a range (None for a single date), its missing year as in `value`.

        A range that runs past the new year ("28/12 - 3/1") ends in the year after its start's.
        """
        if self.is_relative:
            return _resolve(self, published)[1]
        if not self.is_range:
            return None
        year = self.end_year
        if year is None:
            start = self.value(reference_year, published)
            start_year = start.year if start is not None else reference_year
            if start_year is not None:
                year = start_year
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
    candidates += _relative_candidates(text, rules, len(rules.patterns))
    kept = _merge_ranges(text, _longest(candidates), rules)
    _accept_lists(text, kept, rules)
    mentions = [_mention(text, c, rules) for c in kept if c.accepted]
    return _with_anaphors(text, _with_tense(text, mentions, rules))


def parse_date_string(s: str) -> DateValue | None:
    """The first date with a stated year in a metadata value, at its precision.

    Reads "2025-10-30", "2025-10-30T08:24:00Z", "20251030", "2025-10", "2025", "October 30, 2025
    08:24", "Thứ Năm, 30/10/2025 - 08:24", "2025年10月30日"; None when no year is stated, or a year
    outside DATED_YEAR_MIN..YEAR_MAX ("0000": counted back from, it gave the year -1).
    """
    value = _metadata_date(s)
    return value if value is not None and DATED_YEAR_MIN <= value.year <= YEAR_MAX else None


def _metadata_date(s: str) -> DateValue | None:
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


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _year_around(month: int, day: int | None, published: DateValue, future: bool) -> int:
    """The year of a date stated without one: of the years around the publication date, the latest
    in which the date is not after it (plus `NEAR_FUTURE_DAYS`) or, for a plan, the first in which
    it is not before it. A publication date without its month decides nothing: its year."""
    year = published.year
    if published.month is None:
        return year
    earliest = dt.date(year, published.month, published.day or 1)
    latest = dt.date(year, published.month, published.day or _last_day(year, published.month))

    def span(y: int) -> tuple[dt.date, dt.date]:
        last = _last_day(y, month)
        return dt.date(y, month, min(day or 1, last)), dt.date(y, month, min(day or last, last))

    years = (year - 1, year, year + 1)
    if future:
        return next(y for y in years if span(y)[1] >= earliest or y == year + 1)
    horizon = latest + dt.timedelta(days=NEAR_FUTURE_DAYS)
    return max(y for y in years if span(y)[0] <= horizon or y == year - 1)


def _day(value: dt.date) -> DateValue:
    return DateValue(value.year, value.month, value.day)


def _resolve(mention: DateMention, published: DateValue | None) -> tuple[DateValue | None, DateValue | None]:
    """(start, end) of a relative date against the publication date; the end only for a week."""
    if published is None:
        return None, None
    unit, shift = mention.shift_unit, mention.shift
    if unit == "year":
        return _date_value(published.year + shift, mention.month, mention.day), None
    if published.month is None:
        return None, None
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        return _date_value(year, month + 1, mention.day), None
    if mention.occurrence is not None and mention.month is not None:  # "last June", "tháng 6 tới"
        month, occurrence = mention.month, mention.occurrence
        if occurrence == 0:
            occurrence = 1 if mention.future else -1
        year = published.year
        if occurrence < 0 and month >= published.month:
            year -= 1
        elif occurrence > 0 and month <= published.month:
            year += 1
        return _date_value(year, month, mention.day), None
    if published.day is None:
        return None, None
    today = dt.date(published.year, published.month, published.day)
    if unit == "day":
        return _day(today + dt.timedelta(days=shift)), None
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=shift)
        if mention.weekday is not None:
            return _day(monday + dt.timedelta(days=mention.weekday)), None
        return _day(monday), _day(monday + dt.timedelta(days=6))
    if mention.occurrence is not None and mention.weekday is not None:  # "last Tuesday", "on Friday"
        back = (today.weekday() - mention.weekday) % 7
        ahead = (mention.weekday - today.weekday()) % 7 or 7
        if mention.occurrence > 0 or (mention.occurrence == 0 and mention.future):
            return _day(today + dt.timedelta(days=ahead)), None
        if mention.occurrence < 0:
            back = back or 7
        return _day(today - dt.timedelta(days=back)), None
    return None, None


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


def _numerals(modules: Iterable[LanguageData]) -> tuple[dict[str, int], str]:
    digits: dict[str, int] = {}
    tens = ""
    for module in modules:
        digits.update(module["numeral_digits"])
        tens += str(module["numeral_ten"])
    return digits, tens


_NUMERAL_DIGITS, _NUMERAL_TENS = _numerals(LANGUAGES.values())
_MONTHS = {
    name.casefold(): number
    for module in LANGUAGES.values()
    for table in ("month_names", "month_abbreviations")
    for name, number in module[table].items()
}
_PARTS_OF_DAY = {
    " ".join(word.casefold().split()): value
    for module in LANGUAGES.values()
    for word, value in module["part_of_day"].items()
}


def _lookup(name: str) -> dict[str, Any]:
    """One table of every language, keyed by the word in lower case with single spaces."""
    return {
        " ".join(word.casefold().split()): value
        for module in LANGUAGES.values()
        for word, value in module[name].items()
    }


_RELATIVE_WORDS: dict[str, tuple[str, int]] = _lookup("relative_words")
_OCCURRENCE_WORDS: dict[str, int] = _lookup("occurrence_words")
_WEEKDAY_NUMBERS: dict[str, int] = _lookup("weekday_numbers") | _lookup("weekday_suffixes")
_ANAPHORS: dict[str, str] = _lookup("anaphoric_dates")


def _key_of(word: str) -> str:
    return " ".join(word.casefold().split())


def _to_int(number: str) -> int:
    """An integer from decimal digits of any script or from Chinese numerals (二〇二五, 三十一)."""
    value = chinese_number(number)
    if value is None:
        raise ValueError(f"not a number: {number!r}")
    return value


def _month_names(module: LanguageData, group: str) -> str:
    names: dict[str, int] = module["month_names"]
    abbreviations: dict[str, int] = module["month_abbreviations"]
    if not names and not abbreviations:
        return f"(?P<{group}>(?!))"
    case_sensitive = bool(module["month_names_case_sensitive"])

    def forms(name: str) -> list[str]:
        return [name, name.upper()] if case_sensitive else [name]

    alternatives = [(form, "") for name in names for form in forms(name)]
    alternatives += [(form, r"\.?") for name in abbreviations for form in forms(name)]
    alternatives.sort(key=lambda pair: -len(pair[0]))
    body = "|".join(rf"{re.escape(form)}(?![{_LATIN}]){dot}" for form, dot in alternatives)
    return f"(?P<{group}>(?-i:{body}))" if case_sensitive else f"(?P<{group}>{body})"


def _placeholders(module: LanguageData) -> dict[str, str]:
    digits: dict[str, int] = module["numeral_digits"]
    ten = str(module["numeral_ten"])
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
    relative = module["relative_days"]
    suffixes: dict[str, int] = module["weekday_suffixes"]
    not_suffix = str(module["not_weekday_suffix_before"])
    weekday_suffix = "(?!)"
    if suffixes:
        weekday_suffix = "[" + "".join(suffixes) + "]" + (f"(?![{re.escape(not_suffix)}])" if not_suffix else "")
    return {
        "Y": f"(?P<y>{year})",
        "Y2": f"(?P<y2>{year})",
        "M": f"(?P<m>{month})",
        "M2": f"(?P<m2>{month})",
        "D": f"(?P<d>{day})",
        "D2": f"(?P<d2>{day})",
        "MON": _month_names(module, "mon"),
        "MON2": _month_names(module, "mon2"),
        "TO": _connectors(module["range_connectors"]),
        "POD": _words(module["part_of_day"]),
        "WEEKDAY": _words(module["weekdays"]),
        "DAYWORD": _words(module["day_words"]),
        "RELDAY": _words(relative),
        "REL": f"(?P<rel>{_words(module['relative_words'])})",
        "OCC": f"(?P<occ>{_words(module['occurrence_words'])})",
        "WD": f"(?P<wd>{_words(module['weekday_numbers'])})",
        "WDS": f"(?P<wd>{weekday_suffix})",
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
class _RelativePattern:
    regex: re.Pattern[str]
    unit: str | None  # None: from the {REL} or {OCC} word matched; "anaphor" for "当年", "that year"
    shift: int | None
    anchors: frozenset[str]  # words in lower case, one of which every match holds


_ANCHOR_TABLES = {"{REL}": "relative_words", "{OCC}": "occurrence_words", "{WD}": "weekday_numbers"}


def _anchors(module: LanguageData, template: str) -> frozenset[str]:
    """The words a match of the template must hold: those of its {REL}, {OCC}, {WD} and the
    language's RELATIVE_ANCHORS written in it."""
    words = {word.casefold() for key, table in _ANCHOR_TABLES.items() if key in template
             for word in module[table]}
    words |= {word.casefold() for word in module["relative_anchors"]
              if word.casefold() in template.casefold()}
    if not words:
        raise ValueError(f"a relative date pattern holds {{REL}}, {{OCC}}, {{WD}} or an anchor word: {template!r}")
    return frozenset(words)


@dataclass(frozen=True)
class _Language:
    code: str
    patterns: tuple[tuple[re.Pattern[str], str, str], ...]  # (regex, acceptance, start kind)
    prefix: re.Pattern[str] | None  # searched backwards: ends right where a candidate starts
    suffix: re.Pattern[str] | None  # matched where a candidate ends
    relative: tuple[_RelativePattern, ...] = ()


def _compile_prefix(prefix: str, values: dict[str, str]) -> re.Pattern[str]:
    # Anchored at the end: searched in the text right before a candidate.
    return re.compile(rf"(?<![{_LATIN}])(?:{_fill(prefix, values)})\Z", re.IGNORECASE)


def _compile_language(code: str, module: LanguageData) -> _Language:
    values = _placeholders(module)
    numeral_chars = "".join(module["numeral_digits"]) + str(module["numeral_ten"])
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
        for template, acceptance in module["date_patterns"]
    )
    word_end = rf"(?![{_LATIN}])"
    relative = tuple(
        _RelativePattern(
            re.compile(left + "(?:" + _fill(template, values) + ")" + right + word_end, re.IGNORECASE),
            unit, shift, _anchors(module, template),
        )
        for template, unit, shift in module["relative_patterns"]
    )
    anaphors = module["anaphoric_dates"]
    if anaphors:
        regex = re.compile(rf"{left}(?P<ana>{_words(anaphors)}){word_end}", re.IGNORECASE)
        relative += (_RelativePattern(regex, "anaphor", None, frozenset(w.casefold() for w in anaphors)),)
    prefix = str(module["date_prefix"])
    suffix = str(module["date_suffix"])
    return _Language(
        code=code,
        patterns=patterns,
        prefix=_compile_prefix(prefix, values) if prefix else None,
        suffix=re.compile(_fill(suffix, values), re.IGNORECASE) if suffix else None,
        relative=relative,
    )


_COMPILED = {code: _compile_language(code, module) for code, module in LANGUAGES.items()}
_COMMON = _compile_language("common", common)


def _month_initials() -> str:
    initials = set()
    for module in LANGUAGES.values():
        case_sensitive = module["month_names_case_sensitive"]
        for table in ("month_names", "month_abbreviations"):
            for name in module[table]:
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
    for template, _ in module["date_patterns"]
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
    relative: tuple[_RelativePattern, ...]
    relative_anchors: WordIndex[tuple[int, ...]] | None  # anchor word -> indices of its patterns
    not_relative_after: re.Pattern[str] | None  # "5 năm tới", "the last year": a stretch of time
    not_relative_before: re.Pattern[str] | None  # "năm sau đó": relative to the story
    tense: re.Pattern[str] | None  # future and past words
    future_words: frozenset[str]


def _anchor_index(patterns: tuple[_RelativePattern, ...]) -> WordIndex[tuple[int, ...]] | None:
    """Anchor words (lower case) -> the patterns that hold them: scanning a text for them at once
    is fast, where the relative patterns themselves (case-insensitive, with look-behinds) are not.
    No boundaries: an anchor only marks where the patterns (which check theirs) are tried."""
    by_word: dict[str, list[int]] = {}
    for index, pattern in enumerate(patterns):
        for word in pattern.anchors:
            by_word.setdefault(" ".join(word.split()), []).append(index)
    if not by_word:
        return None
    return WordIndex({word: tuple(indices) for word, indices in by_word.items()}, boundaries=False)


def _build_rules(codes: tuple[str, ...]) -> _Rules:
    modules = [LANGUAGES[code] for code in codes]

    def union(name: str) -> list[str]:
        return [word for module in modules for word in module[name]]

    languages = [_COMPILED[code] for code in codes] + [_COMMON]
    relative = tuple(pattern for code in codes for pattern in _COMPILED[code].relative)
    patterns = tuple(
        _Pattern(regex, acceptance, language, priority, start)
        for priority, (language, (regex, acceptance, start)) in enumerate(
            (language, pattern) for language in languages for pattern in language.patterns
        )
    )
    paired = [
        (starter, connector)
        for module in modules
        for starter, connectors in module["paired_range_connectors"].items()
        for connector in connectors
    ]
    return _Rules(
        patterns=patterns,
        date_context=_before(union("date_context_words")),
        year_context=_before(union("year_context_words")),
        not_date_after=_after(union("not_date_after")),
        not_year_after=_after(union("not_year_after")),
        range_gap=re.compile(_connectors(union("range_connectors")), re.IGNORECASE),
        paired_gaps=tuple(
            (_before([starter]), re.compile(_connectors([connector]), re.IGNORECASE))
            for starter, connector in paired
        ),
        list_gap=re.compile(_connectors(union("list_connectors")), re.IGNORECASE),
        number_after=re.compile(
            _connectors(union("range_connectors")) + r"(?P<number>\d[\d.,]*\d|\d)",
            re.IGNORECASE,
        ),
        starters=_before(union("range_starters")),
        relative=relative,
        relative_anchors=_anchor_index(relative),
        not_relative_after=_before(union("not_relative_after")),
        not_relative_before=_after(union("not_relative_before")),
        tense=(
            re.compile(rf"(?<![{_LATIN}]){_words(tense_words)}(?![{_LATIN}])", re.IGNORECASE)
            if (tense_words := union("future_words") + union("past_words"))
            else None
        ),
        future_words=frozenset(_key_of(word) for word in union("future_words")),
    )


_RULES: dict[str | None, _Rules] = {None: _build_rules(tuple(LANGUAGES))}
_RULES.update({code: _build_rules((code,)) for code in LANGUAGES})


def _rules_for(lang: str | None) -> _Rules:
    return _RULES.get(language_code(lang), _RULES[None])


_TIME_WORDS = _words(word for module in LANGUAGES.values() for word in module["time_words"])
_TIME = re.compile(
    rf"(?:T|{_SP}*(?:[-–|,]{_SP}*)?(?:{_TIME_WORDS}{_SP}+)?)"
    r"(?P<hh>\d{1,2})[:hH：](?P<mm>\d{2})(?:[:：]\d{2}(?:[.,]\d+)?)?(?!\d)"
    rf"(?:{_SP}*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![{_LATIN}]))?"
    rf"(?:{_SP}*\(?(?:GMT|UTC){_SP}*[+-]{_SP}*\d{{1,2}}(?::?\d{{2}})?\)?|Z(?![{_LATIN}])|{_SP}?[+-]\d{{2}}:?\d{{2}}(?!\d))?"
)
_NUMBER_BEFORE = re.compile(rf"\d{_SP}*\Z")  # "5 năm tới", "3 tháng trước": a stretch, not a date
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s)|[。！？；\n]")
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
    relative: _Relative | None = None


@dataclass(frozen=True)
class _Relative:
    """What a relative date states besides its month and day (see DateMention)."""

    shift_unit: str | None = None
    shift: int = 0
    weekday: int | None = None
    occurrence: int | None = None
    anaphor: str | None = None


# Which stated parts go with which unit: a month with a year ("tháng 6 năm ngoái"), a day with a
# month ("本月28日"), a weekday with a week ("上周五") or alone ("last Tuesday").
def _fits(unit: str, month: int | None, day: int | None, weekday: int | None, pod: str | None) -> bool:
    if unit == "year":
        return weekday is None and pod is None and (day is None or month is not None)
    if unit == "month":
        return month is None and weekday is None and pod is None
    if unit == "week":
        return month is None and day is None and pod is None
    if unit == "day":
        return month is None and day is None and weekday is None
    if unit == "occurrence":  # one month or one weekday
        return (month is None) != (weekday is None) and day is None and (pod is None or weekday is not None)
    return False


def _relative_spans(text: str, rules: _Rules) -> dict[int, list[tuple[int, int]]]:
    """For each relative pattern, the stretches of `text` around its anchor words ("năm nay",
    "yesterday", "上周"), merged: the only places where it is tried."""
    if rules.relative_anchors is None:
        return {}
    # Anchors are in lower case with single plain spaces; a letter that lowers to two ("İ") would
    # shift offsets: then every pattern is tried everywhere.
    lowered = text.lower()
    if len(lowered) != len(text):
        return {index: [(0, len(text))] for index in range(len(rules.relative))}
    spans: dict[int, list[tuple[int, int]]] = {}
    for start, end, indices in rules.relative_anchors.find_all(lowered.replace("\t", " ").replace("\xa0", " ")):
        low, high = max(0, start - RELATIVE_REACH), min(len(text), end + RELATIVE_REACH)
        for index in indices:
            found = spans.setdefault(index, [])
            if found and low <= found[-1][1]:
                found[-1] = (found[-1][0], high)
            else:
                found.append((low, high))
    return spans


def _relative_candidates(text: str, rules: _Rules, first_priority: int) -> list[_Candidate]:
    """Candidates of the relative patterns ("hôm qua", "去年6月", "last Tuesday", "当年")."""
    out: list[_Candidate] = []
    spans = _relative_spans(text, rules)
    matches = (
        (first_priority + index, pattern.unit, pattern.shift, match)
        for index, pattern in enumerate(rules.relative)
        for low, high in spans.get(index, ())
        for match in pattern.regex.finditer(text, low, high)
    )
    for priority, unit, shift, match in matches:
        start, end = match.span()
        if _ends_before(rules.not_relative_after, text, start) or _ends_before(_NUMBER_BEFORE, text, start):
            continue
        if _matches(rules.not_relative_before, text, end):
            continue
        groups = match.groupdict()
        if unit == "anaphor":
            relative = _Relative(anaphor=_ANAPHORS[_key_of(groups["ana"])])
            out.append(_Candidate(start, end, (None, None, None), None, None, None, True, priority,
                                  relative=relative))
            continue
        _, month, day = _parts(groups, "")
        weekday = _WEEKDAY_NUMBERS[_key_of(groups["wd"])] if groups.get("wd") else None
        pod = groups.get("pod")
        found_unit, found_shift = unit, shift or 0
        if unit is None and groups.get("rel"):
            found_unit, found_shift = _RELATIVE_WORDS[_key_of(groups["rel"])]
        elif unit is None and groups.get("occ"):
            found_unit, found_shift = "occurrence", _OCCURRENCE_WORDS[_key_of(groups["occ"])]
        if found_unit is None or not _fits(found_unit, month, day, weekday, pod):
            continue
        if month is not None and not _plausible(None, month, day):
            continue
        relative = (
            _Relative(weekday=weekday, occurrence=found_shift)
            if found_unit == "occurrence"
            else _Relative(shift_unit=found_unit, shift=found_shift, weekday=weekday)
        )
        out.append(_Candidate(
            start, end, (None, month, day), None, None,
            _PARTS_OF_DAY.get(_key_of(pod)) if pod else None, True, priority, relative=relative,
        ))
    return out


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
    if first.relative is not None or second.relative is not None:
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
    relative = candidate.relative or _Relative()
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
        shift_unit=relative.shift_unit,
        shift=relative.shift,
        weekday=relative.weekday,
        occurrence=relative.occurrence,
        anaphor=relative.anaphor,
    )


def _with_tense(text: str, mentions: list[DateMention], rules: _Rules) -> list[DateMention]:
    """Mark the dates of sentences that speak of a plan: the nearest future or past word before
    the date, in its sentence and within `TENSE_REACH`, is a future word."""
    if rules.tense is None or not mentions:
        return mentions
    out = []
    for mention in mentions:
        # Only a date without its year and a weekday or month named alone depend on the tense.
        if mention.occurrence is None and (mention.year is not None or mention.month is None or mention.is_relative):
            out.append(mention)
            continue
        low = max(0, mention.start - TENSE_REACH)
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, low, mention.start)]
        low = breaks[-1] if breaks else low
        words = list(rules.tense.finditer(text, low, mention.start))
        future = bool(words) and _key_of(words[-1].group()) in rules.future_words
        out.append(replace(mention, future=True) if future else mention)
    return out


def _with_anaphors(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """"当年", "that year": the parts of the date named before it in the same paragraph, down to
    the anaphor's unit; nothing when that date does not state them."""
    out: list[DateMention] = []
    for mention in mentions:
        if mention.anaphor is not None:
            before = out[-1] if out and "\n" not in text[out[-1].end : mention.start] else None
            parts = _anaphor_parts(mention.anaphor, before) if before is not None else None
            if parts is not None:
                mention = replace(mention, **parts)
        out.append(mention)
    return out


def _anaphor_parts(unit: str, before: DateMention) -> dict[str, Any] | None:
    if before.is_range or before.precision is None or (before.anaphor is not None and before.precision is None):
        return None
    shift = {"shift_unit": before.shift_unit, "shift": before.shift}
    if unit == "day":
        if before.precision != "day":
            return None
        return {"year": before.year, "month": before.month, "day": before.day, "weekday": before.weekday,
                "occurrence": before.occurrence, "future": before.future, **shift}
    if before.shift_unit in ("day", "week") or before.weekday is not None:
        return None  # "the year of last Friday": not something a mention can state
    if unit == "month":
        if before.month is None and before.shift_unit != "month":
            return None
        return {"year": before.year, "month": before.month, "occurrence": before.occurrence,
                "future": before.future, **shift}
    if before.year is None and before.shift_unit != "year":
        return None
    return {"year": before.year, **shift}


# A four-digit year standing alone ("năm 2025", "2025年", "in 2025"), not part of a longer number.
_STATED_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d]|[.,]\d)")


def stated_years(text: str) -> list[tuple[int, int]]:
    """(year, offset) of every plausible year written in `text` as four digits: a cheap pass for
    telling when a text was written, where find_dates' full reading is not needed."""
    return [(int(m.group(1)), m.start()) for m in _STATED_YEAR.finditer(text)]
