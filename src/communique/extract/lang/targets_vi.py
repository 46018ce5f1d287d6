"""Vietnamese data for `communique.extract.targets`: "9 tỷ USD", "1,5 triệu USD", "gấp đôi", "mục tiêu".

The names and their meaning are described in `communique.extract.targets` (module docstring).
Plain words are matched case-insensitively, on word boundaries; `*_PATTERNS` are regular expressions.
"""

# Comma is the decimal separator, dot the thousands separator: "1,5" = 1.5, "2.000" = 2000.
DECIMAL_SEPARATOR = ","

# Function words that tell a Vietnamese sentence from an English one with Vietnamese names.
HINT_WORDS = ["của", "và", "các", "những", "với", "được", "đã", "năm", "là", "hai bên", "trong"]

ABBREVIATIONS = ["TP.", "Tp.", "ThS.", "TS.", "PGS.", "GS."]

NATIVE_NUMERALS = ""  # numbers are written in digits

# Longest first is not needed: the matcher sorts alternatives by length.
SCALES = {
    "nghìn tỷ": 1e12,
    "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỉ": 1e12,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "triệu": 1e6,
    "nghìn": 1e3,
    "ngàn": 1e3,
}

CURRENCY_SYMBOLS = {"US$": "USD", "S$": "SGD", "A$": "AUD", "$": "USD", "£": "GBP", "€": "EUR"}

# After the number (and its scale): "5 tỷ bảng Anh", "80 tỷ đô la Mỹ", "500 nghìn tỷ đồng".
CURRENCY_WORDS = {
    "bảng Anh": "GBP",
    "đô la Mỹ": "USD",
    "đô-la Mỹ": "USD",
    "đôla Mỹ": "USD",
    "đô la Singapore": "SGD",
    "đô la Úc": "AUD",
    "đô la Australia": "AUD",
    "đô la": "USD",
    "đô-la": "USD",
    "đôla": "USD",
    "đồng": "VND",
    "euro": "EUR",
    "yên": "JPY",
    "yên Nhật": "JPY",
    "nhân dân tệ": "CNY",
}

# Units that make a number a measured quantity wherever it stands.
UNITS = {
    "tấn": "tonnes",
    "MW": "MW",
    "GW": "GW",
    "megawatt": "MW",
    "gigawatt": "GW",
}

# Count nouns: "2.000 người" is reported only as part of a goal ("đào tạo 2.000 người").
COUNT_UNITS = {
    "người": "people",
    "việc làm": "jobs",
    "sinh viên": "students",
    "học bổng": "scholarships",
    "lượt khách": "visitors",
}

PERCENT_WORDS = ["%", "phần trăm"]
PERCENT_PREFIXES: list[str] = []

QUALIFIERS_BEFORE = {
    "lên tới": "up_to",
    "lên đến": "up_to",
    "tới": "up_to",
    "trên": "over",
    "hơn": "over",
    "vượt": "over",
    "dưới": "under",
    "chưa đến": "under",
    "khoảng": "about",
    "chừng": "about",
    "xấp xỉ": "about",
    "ít nhất": "at_least",
    "tối thiểu": "at_least",
    "gần": "nearly",
}
QUALIFIERS_AFTER_NUMBER: dict[str, str] = {}
QUALIFIERS_AFTER: dict[str, str] = {}

# (pattern, value): multiples. A group "num" holds a number read as the value.
RATIO_PATTERNS = [
    (r"(?:tăng\s+)?gấp\s+đôi", 2.0),
    (r"(?:tăng\s+)?gấp\s+ba(?:\s+lần)?", 3.0),
    (r"(?:tăng\s+)?gấp\s+bốn(?:\s+lần)?", 4.0),
    (r"(?:tăng\s+)?gấp\s+(?P<num>\d+(?:,\d+)?)\s+lần", None),
]
NOT_RATIO_AFTER: list[str] = []

NET_ZERO_PATTERNS = [
    # "mức phát thải ròng bằng '0' (net-zero)", "phát thải ròng bằng 0", "phát thải ròng bằng không"
    r"(?:mức\s+)?phát\s+thải\s+(?:khí\s+nhà\s+kính\s+)?ròng\s+bằng\s+"
    r"(?:[\"'“”‘’]\s*0\s*[\"'“”‘’]|0|không)(?:\s*\(\s*net[-\s]?zero\s*\))?",
    r"trung\s+hòa\s+(?:carbon|các-bon|cácbon)",
    r"net[-\s]?zero",
]

# Words that make a sentence state a goal.
GOAL_WORDS = [
    "sẽ cung cấp", "sẽ hỗ trợ", "sẽ đầu tư",
    "mục tiêu", "phấn đấu", "cam kết", "hướng tới", "hướng đến", "nhằm", "đặt ra", "quyết tâm",
    "nhất trí nâng", "thống nhất nâng", "nỗ lực đưa", "chỉ tiêu",
]
# Words that make what follows a fact already reached, even after a goal word.
FACT_WORDS = ["đã đạt", "đã", "tính đến", "vừa qua", "năm qua", "năm ngoái"]
RANGE_STARTERS = ["từ", "kể từ", "giai đoạn"]

# (pattern with group "y", role): "deadline" (a goal when the year is ahead: "đến năm 2030"),
# "at" (attaches; a goal only when the year is known to be ahead), "reference" (attaches only).
YEAR_PATTERNS = [
    (r"trước\s+năm\s+(?P<y>\d{4})", "deadline"),
    # "đến năm 2014 quan hệ được nâng lên" narrates as often as it sets a goal.
    (r"(?:đến|tới|cho\s+đến|cho\s+tới|vào)\s+năm\s+(?P<y>\d{4})", "at"),
    (r"(?:tính\s+đến|trong)\s+năm\s+(?P<y>\d{4})", "reference"),
    (r"năm\s+(?P<y>\d{4})", "reference"),
]
