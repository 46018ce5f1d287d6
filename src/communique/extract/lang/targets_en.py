"""English data for `communique.extract.targets`: "up to £5 billion", "US$80 billion", "double", "net zero".

The names and their meaning are described in `communique.extract.targets` (module docstring).
Plain words are matched case-insensitively, on word boundaries; `*_PATTERNS` are regular expressions.
"""

DECIMAL_SEPARATOR = "."

HINT_WORDS = ["the", "of", "and", "to", "in", "a", "by", "with", "for", "is", "was", "will"]

ABBREVIATIONS = ["Mr.", "Mrs.", "Ms.", "Dr.", "No.", "St.", "U.S.", "U.K.", "e.g.", "i.e.", "etc.", "vs."]

NATIVE_NUMERALS = ""

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

YEAR_PATTERNS = [
    (r"by\s+(?:the\s+end\s+of\s+)?(?P<y>\d{4})", "deadline"),
    (r"(?:before|until|no\s+later\s+than)\s+(?P<y>\d{4})", "deadline"),
    (r"(?:in|during)\s+(?P<y>\d{4})", "at"),
    (r"as\s+of\s+(?P<y>\d{4})", "reference"),
]
