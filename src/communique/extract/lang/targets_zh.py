"""Chinese data for `communique.extract.targets`: "50亿英镑", "1.5万亿美元", "翻一番", "百分之三十", "到2030年".

The names and their meaning are described in `communique.extract.targets` (module docstring).
`*_PATTERNS` are regular expressions.
"""

DECIMAL_SEPARATOR = "."

HINT_WORDS = ["的", "和", "年", "在", "将", "是", "双方", "中"]

ABBREVIATIONS: list[str] = []

# Native numerals ("五千亿美元", "百分之三十"): digits and positional units, read by the matcher.
NATIVE_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
NUMBER_WORDS: dict[str, int] = {}
NUMBER_WORD_JOINER = ""
# "1亿8000万元": the 万 part continues the amount.
COMPOUND_SCALES = ["万"]

SCALES = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "万": 1e4,
}

# Matched on the Simplified form of the text (新臺幣 as 新台币).
CURRENCY_SYMBOLS = {"新台币": "TWD", "人民币": "CNY", "US$": "USD", "$": "USD", "£": "GBP", "€": "EUR",
                    "¥": "CNY", "￥": "CNY"}

CURRENCY_WORDS = {
    "美元": "USD",
    "英镑": "GBP",
    "欧元": "EUR",
    "日元": "JPY",
    "日圆": "JPY",
    "美圆": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "新台币": "TWD",
    "卢比": "INR",
    "韩元": "KRW",
    "泰铢": "THB",
    "新元": "SGD",
    "新加坡元": "SGD",
    "澳元": "AUD",
    "越南盾": "VND",
    "越盾": "VND",
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
}

UNITS = {
    "吨": "tonnes",
    "兆瓦": "MW",
    "吉瓦": "GW",
    "千兆瓦": "GW",
    "MW": "MW",
    "GW": "GW",
}

COUNT_UNITS = {
    "人": "people",
    "名学生": "students",
    "个就业岗位": "jobs",
}

PERCENT_WORDS = ["%", "％"]
PERCENT_PREFIXES = ["百分之"]

QUALIFIERS_BEFORE = {
    "高达": "up_to",
    "最高": "up_to",
    "最多": "up_to",
    "超过": "over",
    "逾": "over",
    "不到": "under",
    "不足": "under",
    "低于": "under",
    "约": "about",
    "大约": "about",
    "至少": "at_least",
    "近": "nearly",
    "将近": "nearly",
    "接近": "nearly",
}
# "50多亿美元", "300余万吨"
QUALIFIERS_AFTER_NUMBER = {"多": "over", "余": "over"}
QUALIFIERS_AFTER = {"以上": "over", "左右": "about", "以下": "under"}

RATIO_PATTERNS = [
    (r"翻了?一番", 2.0),
    (r"翻了?番", 2.0),
    (r"翻了?两番", 4.0),
    (r"翻了?三番", 8.0),
    # "增长了一倍" is a doubling; "增长3倍" is read by the "3倍" pattern below (as 3, the common usage).
    (r"(?:增长|增加|扩大)了?一倍", 2.0),
    (r"(?:两|2)倍", 2.0),
    (r"(?:三|3)倍", 3.0),
    (r"(?:四|4)倍", 4.0),
]
NOT_RATIO_AFTER: list[str] = []

NET_ZERO_PATTERNS = [r"净零(?:碳)?(?:排放)?", r"碳中和"]

GOAL_WORDS = ["将提供", "将投资", "目标", "力争", "争取", "承诺", "致力于", "计划", "确保", "推动实现", "实现翻番"]
FACT_WORDS = ["已经", "已", "达到了", "去年", "同比"]
RANGE_STARTERS = ["从", "自"]

YEAR_PATTERNS = [
    (r"(?:到|至)(?P<y>\d{4})年(?:底|前)?", "deadline"),
    (r"于(?P<y>\d{4})年", "at"),  # "于1973年建交": in 1973
    (r"(?:在)?(?P<y>\d{4})年(?:底)?前", "deadline"),
    (r"(?P<y>\d{4})年(?:底)?", "reference"),
    # "自2019年以来", "2019年以来": a start, not the year of the figure.
    (r"(?:自|从)?(?P<y>\d{4})年(?:以来|起)", "start"),
    (r"自(?P<y>\d{4})年(?![^，。；]{0,12}?(?:至|到)\d{4})", "start"),
    # A comparison's base: "比2015年增长", "较2015年", "与2015年相比".
    (r"(?:比|较|与|同)(?P<y>\d{4})年(?:相比|同期)?", "base"),
    # An office held for a year: "2025年东盟轮值主席国".
    (r"(?P<y>\d{4})年[^，。；\d]{0,8}?(?:轮值主席国|主席国|东道主|主办国)", "office"),
]

RELATIVE_YEAR_PATTERNS = [
    (r"去年", -1, "reference"),
    (r"前年", -2, "reference"),
    (r"今年", 0, "reference"),
    (r"明年", 1, "at"),
]
