"""English data. Dates: "October 30, 2025 08:24", "29 October 2025", "October 28-30, 2025", "in 1973"."""

# --- dates (communique.extract.dates) ---------------------------------------------------------

MONTH_NAMES = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
    "July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
MONTH_ABBREVIATIONS = {  # may take a full stop: "Oct. 29"
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
# Capitalised (or upper case) only: "may" and "march" are ordinary words.
MONTH_NAMES_CASE_SENSITIVE = True

PART_OF_DAY = {
    "morning": "morning",
    "noon": "noon",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
}

WEEKDAYS = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
]

DAY_WORDS: list[str] = []
RELATIVE_DAYS: list[str] = []

# "the afternoon of October 29", "Thursday, October 30, 2025", "Thu, 30 Oct 2025"
DATE_PREFIX = r"(?:the\s+(?P<pod>{POD})\s+of\s+)?(?:(?:{WEEKDAY})\.?\s*,?\s+)?"
DATE_SUFFIX = ""

RANGE_CONNECTORS = ["-", "–", "—", "to", "through", "until", "till"]
RANGE_STARTERS = ["from", "between"]
PAIRED_RANGE_CONNECTORS = {"between": ["and"]}
LIST_CONNECTORS = [",", "and", "or"]
TIME_WORDS = ["at"]

# Before a bare month name ("in October").
DATE_CONTEXT_WORDS = [
    "in", "since", "by", "until", "till", "from", "to", "through", "during", "before", "after",
    "early", "late", "mid", "mid-", "last", "next", "this", "end of", "beginning of", "start of",
    "between",
]
# Before a bare year ("in 1973", "by 2030").
YEAR_CONTEXT_WORDS = [
    "in", "since", "by", "until", "till", "from", "to", "through", "before", "after", "during",
    "early", "late", "mid", "mid-", "year", "end of", "beginning of", "start of", "between",
]
NOT_DATE_AFTER: list[str] = []
NOT_YEAR_AFTER = [
    "%", "percent", "per cent", "people", "persons", "cases", "dollars", "USD", "euros", "pounds",
    "tonnes", "tons", "km", "kilometres", "kilometers", "metres", "meters", "hectares", "ha",
    "units", "times", "members", "votes", "projects", "companies", "students", "workers",
    "troops", "soldiers", "vehicles", "delegates",
]

_TH = r"(?:st|nd|rd|th)?"

DATE_PATTERNS = [
    (r"{MON}\s+{D}" + _TH + r"\s*,?\s+{Y}", "free"),  # October 30, 2025
    (r"{D}" + _TH + r"\s+(?:of\s+)?{MON}\s*,?\s+{Y}", "free"),  # 29 October 2025
    (r"{MON}\s+{D}" + _TH + "{TO}{D2}" + _TH + r"(?:\s*,?\s+{Y2})?", "free"),  # October 28-30, 2025
    (r"{D}" + _TH + "{TO}{D2}" + _TH + r"\s+(?:of\s+)?{MON2}(?:\s*,?\s+{Y2})?", "free"),  # 28-30 October
    (r"{MON}\s+{D}" + _TH, "free"),  # October 29
    (r"{D}" + _TH + r"\s+(?:of\s+)?{MON}", "free"),  # 29 October
    (r"{MON}\s*,?\s+{Y}", "free"),  # October 2025
    (r"{D}/{M}/{Y}", "free"),  # 30/10/2025 (day first wins ties)
    (r"{M}/{D}/{Y}", "free"),  # 10/30/2025
    (r"{MON}", "context"),  # in October
    (r"{Y}", "year"),  # in 1973
]

# --- relative dates (resolved against the document's publication date) ------------------------

WEEKDAY_NUMBERS = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6,
}
# A calendar unit counted from the publication date: (unit, shift).
RELATIVE_WORDS = {
    "yesterday": ("day", -1), "today": ("day", 0), "tomorrow": ("day", 1),
    "last week": ("week", -1), "this week": ("week", 0), "next week": ("week", 1),
    "last month": ("month", -1), "this month": ("month", 0), "next month": ("month", 1),
    "last year": ("year", -1), "this year": ("year", 0), "next year": ("year", 1),
}
# Before a month name or a weekday: the last one before the publication date (-1) or the next one after (1).
OCCURRENCE_WORDS = {"last": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}
# Words that anchor the patterns below holding none of {REL}, {OCC}, {WD}.
RELATIVE_ANCHORS = ["this", "night"]
# (template, unit, shift): unit and shift None take them from {REL} or {OCC}.
RELATIVE_PATTERNS = [
    (r"{REL}(?:\s+(?P<pod>{POD}))?", None, None),  # yesterday, last year, yesterday afternoon
    (r"this\s+(?P<pod>{POD})", "day", 0),  # this morning
    (r"last\s+night", "day", -1),
    (r"{MON}\s+(?:of\s+)?{REL}", None, None),  # June last year, May of this year
    (r"{D}(?:st|nd|rd|th)?\s+(?:of\s+)?{MON}\s+{REL}", None, None),  # 3 June last year
    (r"{MON}\s+{D}(?:st|nd|rd|th)?\s*,?\s+{REL}", None, None),  # June 3 last year
    (r"this\s+{MON}", "year", 0),  # this June
    (r"{OCC}\s+{MON}", None, None),  # last June, next March
    (r"{OCC}\s+{WD}(?:\s+(?P<pod>{POD}))?", None, None),  # last Tuesday, next Monday morning
    (r"(?:on|this)\s+{WD}(?:\s+(?P<pod>{POD}))?", "occurrence", 0),  # on Friday: by the tense
    (r"{WD}\s+{REL}", None, None),  # Friday last week
]
# "that year": the date named before it in the same paragraph.
ANAPHORIC_DATES = {
    "that year": "year", "the same year": "year", "that month": "month", "the same month": "month",
    "that day": "day", "the same day": "day",
}
# Right before a relative expression, these make it a stretch of time: "over the last year".
NOT_RELATIVE_AFTER = ["the"]
NOT_RELATIVE_BEFORE: list[str] = []
# The nearest of these before a date in its sentence tells a plan from a report.
FUTURE_WORDS = [
    "will", "shall", "is to", "are to", "plans to", "plan to", "is expected to", "are expected to",
    "is scheduled", "are scheduled", "is due to", "are due to", "upcoming", "to be held",
]
PAST_WORDS = ["was", "were", "had", "did", "has", "have"]
