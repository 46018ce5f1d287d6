"""English data for `communique.extract.targets`: "up to £5 billion", "US$80 billion", "double", "net zero".

The names and their meaning are described in `communique.extract.targets` (module docstring).
Plain words are matched case-insensitively, on word boundaries; `*_PATTERNS` are regular expressions.
"""

DECIMAL_SEPARATOR = "."

HINT_WORDS = ["the", "of", "and", "to", "in", "a", "by", "with", "for", "is", "was", "will"]

ABBREVIATIONS = ["Mr.", "Mrs.", "Ms.", "Dr.", "No.", "St.", "U.S.", "U.K.", "e.g.", "i.e.", "etc.", "vs."]

NATIVE_NUMERALS = ""

# Read before a scale only: "up to two billion pounds", "twenty-five million dollars".
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100,
    "hundred": 100, "a": 1,
}
NUMBER_WORD_JOINER = "-"
COMPOUND_SCALES: list[str] = []

SCALES = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}

CURRENCY_SYMBOLS = {
    "US$": "USD",
    "S$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
}

CURRENCY_WORDS = {
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "US dollars": "USD",
    "dollars": "USD",
    "Singapore dollars": "SGD",
    "Australian dollars": "AUD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "dong": "VND",
}

UNITS = {
    "tonnes": "tonnes",
    "tonne": "tonnes",
    "tons": "tonnes",
    "ton": "tonnes",
    "MW": "MW",
    "GW": "GW",
    "megawatts": "MW",
    "gigawatts": "GW",
}

COUNT_UNITS = {
    "people": "people",
    "jobs": "jobs",
    "students": "students",
    "scholarships": "scholarships",
    "visitors": "visitors",
}

PERCENT_WORDS = ["%", "percent", "per cent"]
PERCENT_PREFIXES: list[str] = []

QUALIFIERS_BEFORE = {
    "up to": "up_to",
    "as much as": "up_to",
    "over": "over",
    "more than": "over",
    "in excess of": "over",
    "above": "over",
    "under": "under",
    "less than": "under",
    "below": "under",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "at least": "at_least",
    "a minimum of": "at_least",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
}
QUALIFIERS_AFTER_NUMBER: dict[str, str] = {}
QUALIFIERS_AFTER = {"or more": "at_least"}

RATIO_PATTERNS = [
    (r"doubl(?:e|es|ed|ing)", 2.0),
    (r"tripl(?:e|es|ed|ing)", 3.0),
    (r"quadrupl(?:e|es|ed|ing)", 4.0),
    (r"two-?fold", 2.0),
    (r"three-?fold", 3.0),
    (r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)-?fold", None),
    # "grew more than three times", "rose 2.5 times": a verb of growth, then the multiple.
    (r"(?:grew|grow|grown|rose|risen|increased|increase|expanded|jumped)\s+(?:by\s+)?"
     r"(?:(?P<q>more\s+than|over|nearly|almost|about|around)\s+)?(?P<num>\d+(?:\.\d+)?)\s+times", None),
]
# "double taxation", "double standards": not a multiple.
NOT_RATIO_AFTER = ["taxation", "tax", "standard", "standards", "digit", "digits", "-edged", "check", "agent"]

NET_ZERO_PATTERNS = [
    r"net[-\s]zero(?:\s+(?:greenhouse\s+gas\s+|carbon\s+)?emissions)?",
    r"carbon[-\s]neutral(?:ity)?",
]

GOAL_WORDS = [
    "will provide", "will invest", "will mobilise", "will mobilize", "will contribute",
    "aim", "aims", "aimed", "aiming", "target", "targets", "targeted", "targeting", "goal", "goals",
    "commit", "commits", "committed", "commitment", "commitments", "pledge", "pledges", "pledged",
    "strive", "strives", "striving", "seek to", "seeks to", "set out to", "ambition", "agreed to raise",
    "agreed to increase", "agreed to boost",
]
FACT_WORDS = [
    "reached", "totaled", "totalled", "stood at", "amounted to", "was", "were", "last year", "so far",
]
RANGE_STARTERS = ["from", "since", "between"]

# An office held for a year is not the year of a figure or a deadline: "the 2025 ASEAN chairmanship".
_OFFICE = r"(?:chairmanship|chair|chairs|presidency|host\s+year|hosting)"

YEAR_PATTERNS = [
    (r"by\s+(?:the\s+end\s+of\s+)?(?P<y>\d{4})", "deadline"),
    (r"(?:before|until|no\s+later\s+than)\s+(?P<y>\d{4})", "deadline"),
    (r"(?:in|during)\s+(?P<y>\d{4})", "at"),
    (r"as\s+of\s+(?:the\s+end\s+of\s+|end[-\s])?(?P<y>\d{4})", "reference"),
    (r"(?:months?|quarters?|half|weeks)\s+of\s+(?P<y>\d{4})", "reference"),
    (r"since\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?P<y>\d{4})", "start"),
    (r"(?:(?:in|during|for)\s+)?(?:(?:the|its|their)\s+|(?<![A-Za-z])[A-Z][a-z]+(?:’|')s\s+)?(?P<y>\d{4})\s+"
     r"(?:[A-Z][\w-]*\s+){0,3}" + _OFFICE, "office"),
    (r"(?:compared\s+(?:with|to)|relative\s+to|than\s+in|from)\s+(?:(?:the\s+)?(?:level|figure)s?\s+of\s+)?"
     r"(?P<y>\d{4})(?:\s+levels?)?(?!\s*(?:to|until|-|–))", "base"),
    (_OFFICE + r"\s+(?:of\s+(?:the\s+)?[A-Z][\w-]*\s+)?(?:in\s+)?(?P<y>\d{4})", "office"),
]

# (pattern, offset from the document's year, role).
RELATIVE_YEAR_PATTERNS = [
    (r"last\s+year(?:['’]s)?", -1, "reference"),
    (r"(?:this|the\s+current)\s+year(?:['’]s)?", 0, "reference"),
    (r"next\s+year(?:['’]s)?", 1, "at"),
]
