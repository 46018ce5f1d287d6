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
