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

# --- relative dates (resolved against the document's publication date) ------------------------

WEEKDAY_NUMBERS = {prefix + day: n for prefix in ("星期", "礼拜", "周")
                   for n, days in enumerate(("一", "二", "三", "四", "五", "六", "日天")) for day in days}
# After 上周/本周/下周: the day of that week ("上周五").
WEEKDAY_SUFFIXES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# After such a suffix, these make it a word of its own: "上周一些", "上周日本".
NOT_WEEKDAY_SUFFIX_BEFORE = "些直样道同般致定切共本报前常益程"
# A calendar unit counted from the publication date: (unit, shift).
RELATIVE_WORDS = {
    "前天": ("day", -2), "昨天": ("day", -1), "昨日": ("day", -1), "昨晚": ("day", -1),
    "今天": ("day", 0), "今日": ("day", 0), "今晨": ("day", 0), "今晚": ("day", 0),
    "明天": ("day", 1), "明日": ("day", 1), "后天": ("day", 2),
    "上周": ("week", -1), "上星期": ("week", -1), "上个星期": ("week", -1), "本周": ("week", 0),
    "这周": ("week", 0), "这个星期": ("week", 0), "下周": ("week", 1), "下星期": ("week", 1),
    "下个星期": ("week", 1),
    "上月": ("month", -1), "上个月": ("month", -1), "本月": ("month", 0), "这个月": ("month", 0),
    "下月": ("month", 1), "下个月": ("month", 1),
    "前年": ("year", -2), "去年": ("year", -1), "今年": ("year", 0), "明年": ("year", 1),
}
OCCURRENCE_WORDS: dict[str, int] = {}
# Words that anchor the patterns below holding none of {REL}, {OCC}, {WD}.
RELATIVE_ANCHORS = ["星期", "礼拜", "周"]
# (template, unit, shift): unit and shift None take them from {REL}.
RELATIVE_PATTERNS = [
    (r"{REL}(?:\s*(?P<pod>{POD}))?", None, None),  # 去年, 上周, 昨天下午
    (r"{REL}\s*{M}\s*月(?:\s*{D}\s*[日号])?", None, None),  # 去年6月, 去年6月15日
    (r"{REL}\s*{D}\s*[日号]", None, None),  # 本月28日
    (r"{REL}{WDS}(?:\s*(?P<pod>{POD}))?", None, None),  # 上周五, 下星期三上午
    (r"(?:星期|礼拜){WDS}(?:\s*(?P<pod>{POD}))?", "occurrence", 0),  # 星期五: by the tense
    (r"(?<=[于在])周{WDS}", "occurrence", 0),  # 将于周五 (a bare 周五 may be a name: 周五…)
]
# "当年", "同年": the date named before it in the same paragraph ("1973年建交，当年…"); never the
# document's own year.
ANAPHORIC_DATES = {"当年": "year", "同年": "year", "当月": "month", "同月": "month",
                   "当天": "day", "当日": "day", "同日": "day"}
NOT_RELATIVE_AFTER = ["每"]
NOT_RELATIVE_BEFORE: list[str] = []
# The nearest of these before a date in its sentence tells a plan from a report. A bare 将 is left
# out: in "将两国关系提升为…" it marks the object, not the future.
FUTURE_WORDS = ["将于", "将在", "将会", "将要", "将赴", "将对", "将访问", "将出席", "将举行", "即将",
                "拟于", "定于", "计划于", "预计"]
PAST_WORDS = ["已", "已经", "曾", "曾经"]
