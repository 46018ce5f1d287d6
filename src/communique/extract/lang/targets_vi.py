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

# Read before a scale only: "hai tỷ USD", "mười triệu đô la".
NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                "mười": 10}
NUMBER_WORD_JOINER = ""
COMPOUND_SCALES: list[str] = []

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
    # "tăng hơn 2 lần", "tăng trưởng gần 3 lần": a verb of growth, then the multiple.
    (r"(?:tăng(?:\s+trưởng)?|nâng)\s+(?:(?P<q>hơn|trên|gần|khoảng|xấp\s+xỉ)\s+)?(?P<num>\d+(?:,\d+)?)\s+lần", None),
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

# An office held for a year: "Năm Chủ tịch ASEAN 2025", "vai trò Chủ tịch APEC năm 2027".
_OFFICE = r"(?:Chủ\s+tịch|nước\s+chủ\s+nhà|chủ\s+nhà)"

# (pattern with group "y", role): "deadline" (a goal when the year is ahead: "đến năm 2030"),
# "at" (attaches; a goal only when the year is known to be ahead), "reference" (attaches only).
YEAR_PATTERNS = [
    (r"trước\s+năm\s+(?P<y>\d{4})", "deadline"),
    # "đến năm 2014 quan hệ được nâng lên" narrates as often as it sets a goal.
    (r"(?:đến|tới|cho\s+đến|cho\s+tới|vào)\s+năm\s+(?P<y>\d{4})", "at"),
    (r"(?:đến|tới)\s+(?:hết|cuối)\s+năm\s+(?P<y>\d{4})", "at"),
    (r"(?:tính\s+đến|trong)\s+(?:hết\s+|cuối\s+)?năm\s+(?P<y>\d{4})", "reference"),
    (r"năm\s+(?P<y>\d{4})", "reference"),
    # "kể từ năm 2019", "từ năm 2019 đến nay": a start, not the year of the figure.
    (r"kể\s+từ\s+(?:năm\s+)?(?P<y>\d{4})", "start"),
    (r"từ\s+(?:năm\s+)?(?P<y>\d{4})\s+(?:đến|tới)\s+nay", "start"),
    (r"từ\s+(?:năm\s+)?(?P<y>\d{4})\s+trở\s+lại\s+đây", "start"),
    (r"so\s+với\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?(?P<y>\d{4})", "base"),
    (_OFFICE + r"\s+(?-i:(?:[A-ZĐ][\w-]*\s+){1,2})(?:năm\s+)?(?P<y>\d{4})", "office"),
]

# (pattern, offset from the document's year, role); "5 năm tới" (a number before) is a stretch.
# "những năm qua", "các năm tới" (plural) are open stretches, not one year.
_SINGULAR = r"(?<!những\s)(?<!các\s)(?<!mấy\s)"
RELATIVE_YEAR_PATTERNS = [
    (_SINGULAR + r"năm\s+(?:ngoái|trước|qua)(?!\s+(?:đó|nữa))", -1, "reference"),
    (_SINGULAR + r"năm\s+nay", 0, "reference"),
    (_SINGULAR + r"năm\s+(?:tới|sau)(?!\s+(?:đó|nữa))", 1, "at"),
]
