"""Per-language data for the extractors: one plain-data module per language.

Each module (`vi`, `zh`, `en`, plus `common` for forms shared by every language) holds words and
patterns, never matching code; the extractors in `communique.extract` read them and stay
language-agnostic. Adding a language is adding a module with the same names.

Date data (read by `communique.extract.dates`):

- `DATE_PATTERNS`: `(template, acceptance)` pairs. A template is a regular expression with
  placeholders that `dates.py` fills in: `{Y}` `{M}` `{D}` (year, month, day numbers), `{MON}`
  (a month name from `MONTH_NAMES`/`MONTH_ABBREVIATIONS`), `{Y2}` `{M2}` `{D2}` `{MON2}` (the
  end of a range) and `{TO}` (a range connector from `RANGE_CONNECTORS`). Templates are matched
  case-insensitively, except month names when `MONTH_NAMES_CASE_SENSITIVE` is set; `\\s` never
  matches a line break (so keep it out of [...]). A template starts with `{D}`, `{M}`, `{Y}`,
  `{MON}` or a plain word ("tháng"): matching is tried only where a number, a month name or that
  word stands.
  Acceptance says how much evidence a match needs to count as a date:
  `free` (always), `bare_years` (always, unless a unit or count noun follows, as in
  "2000-2100 USD"), `context` (a prefix, parentheses or a `DATE_CONTEXT_WORDS` word before it),
  `prefix` (a prefix or parentheses only) and `year` (a `YEAR_CONTEXT_WORDS` word before it and no
  `NOT_YEAR_AFTER` word after it).
- `DATE_PREFIX` / `DATE_SUFFIX`: templates for what may stand before / after a dated expression
  and belongs to it (part of day, weekday, "ngày"), with placeholders `{POD}` (`PART_OF_DAY`
  keys), `{WEEKDAY}`, `{DAYWORD}` (`DAY_WORDS`) and `{RELDAY}` (`RELATIVE_DAYS`); the named
  group `pod` carries the part of day. A prefix ending in "(" needs its ")" after the date.
- Word lists: `RANGE_CONNECTORS`, `RANGE_STARTERS`, `PAIRED_RANGE_CONNECTORS`,
  `LIST_CONNECTORS`, `DATE_CONTEXT_WORDS`, `YEAR_CONTEXT_WORDS`, `NOT_DATE_AFTER`,
  `NOT_YEAR_AFTER`, `TIME_WORDS`; numerals: `NUMERAL_DIGITS`, `NUMERAL_TEN`.

Relative dates (resolved against the document's publication date by `dates.py`):

- `RELATIVE_PATTERNS`: `(template, unit, shift)` triples. Besides the placeholders above, a
  template may hold `{REL}` (a word of `RELATIVE_WORDS`: "năm ngoái" -> ("year", -1)), `{OCC}`
  (`OCCURRENCE_WORDS`: "last" -> -1 before a month or weekday), `{WD}` (`WEEKDAY_NUMBERS`,
  0 = Monday) and `{WDS}` (`WEEKDAY_SUFFIXES`, the "五" of "上周五", not before a character of
  `NOT_WEEKDAY_SUFFIX_BEFORE`); a named group `pod` carries a part of day. `unit`/`shift` None
  take them from the `{REL}`/`{OCC}` word; otherwise unit is "day", "week", "month", "year" or
  "occurrence" (shift 0: the tense decides). Every template holds `{REL}`, `{OCC}`, `{WD}` or a
  word of `RELATIVE_ANCHORS`: matching is tried only around those words.
- `ANAPHORIC_DATES`: "当年", "that year" -> the unit they take from the date named before them.
- `NOT_RELATIVE_AFTER` / `NOT_RELATIVE_BEFORE`: words right before / after a relative expression
  that make it a stretch of time or relative to the story ("5 năm tới", "the last year",
  "năm sau đó"); a number right before does the same.
- `FUTURE_WORDS`, `PAST_WORDS`: the nearest one before a date in its sentence gives its tense.
"""
