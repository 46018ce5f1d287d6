"""Chinese data. Dates: "2025年10月28日至30日", "10月29日下午", "二〇二五年十月三十日", "自1973年"."""

# --- dates (communique.extract.dates) ---------------------------------------------------------

MONTH_NAMES: dict[str, int] = {}  # months are numbers before 月
MONTH_ABBREVIATIONS: dict[str, int] = {}
MONTH_NAMES_CASE_SENSITIVE = False

# Digit-by-digit numerals ("二〇二五" = 2025) and, with 十, positional ones ("三十" = 30).
# "○" (white circle) is widely typed for "〇".
NUMERAL_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
NUMERAL_TEN = "十"

PART_OF_DAY = {
    "凌晨": "morning",
    "清晨": "morning",
    "早晨": "morning",
    "早上": "morning",
    "上午": "morning",
    "中午": "noon",
    "下午": "afternoon",
    "傍晚": "evening",
    "晚上": "evening",
    "晚间": "evening",
    "晚": "evening",
    "深夜": "night",
    "夜间": "night",
}

WEEKDAYS = [prefix + day for prefix in ("星期", "礼拜", "周") for day in "一二三四五六日天"]

DAY_WORDS: list[str] = []
RELATIVE_DAYS: list[str] = []

DATE_PREFIX = ""
# "10月29日下午", "2025年10月30日（星期四）"
DATE_SUFFIX = r"(?:\s*[（(]?\s*(?:{WEEKDAY})\s*[)）]?)?(?:\s*(?P<pod>{POD}))?"

RANGE_CONNECTORS = ["至", "到", "-", "－", "–", "—", "~", "～"]
RANGE_STARTERS = ["自", "从"]
PAIRED_RANGE_CONNECTORS: dict[str, list[str]] = {}
LIST_CONNECTORS = ["、", "，", ",", "和", "及", "与"]
TIME_WORDS: list[str] = []

DATE_CONTEXT_WORDS: list[str] = []  # every Chinese form carries 年/月/日
YEAR_CONTEXT_WORDS: list[str] = []
NOT_DATE_AFTER: list[str] = []
NOT_YEAR_AFTER: list[str] = []

DATE_PATTERNS = [
    (r"{Y}\s*年\s*{M}\s*月\s*{D}\s*[日号]", "free"),  # 2025年10月30日
    (r"{Y}\s*年\s*{M}\s*月\s*{D}\s*[日号]?{TO}{D2}\s*[日号]", "free"),  # 2025年10月28日至30日
    (r"{M}\s*月\s*{D}\s*[日号]?{TO}{D2}\s*[日号]", "free"),  # 10月28日至30日
    (r"{M}\s*月\s*{D}\s*[日号]", "free"),  # 10月29日
    (r"{Y}\s*年\s*{M}\s*月", "free"),  # 2025年10月
    (r"{M}\s*月", "free"),  # 10月
    (r"{Y}{TO}{Y2}\s*年", "free"),  # 2022-2026年
    (r"{Y}\s*年", "free"),  # 1973年
]
