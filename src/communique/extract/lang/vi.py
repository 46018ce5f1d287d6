"""Vietnamese data. Dates: "chiều 29/10", "Thứ Năm, 30/10/2025 - 08:24", "ngày 29 tháng 10 năm 2025"."""

# --- dates (communique.extract.dates) ---------------------------------------------------------

MONTH_NAMES: dict[str, int] = {}  # news writes months as numbers: "tháng 10"
MONTH_ABBREVIATIONS: dict[str, int] = {}
MONTH_NAMES_CASE_SENSITIVE = False

PART_OF_DAY = {
    "rạng sáng": "morning",
    "sáng": "morning",
    "trưa": "noon",
    "chiều": "afternoon",
    "tối": "evening",
    "đêm": "night",
    "khuya": "night",
}

WEEKDAYS = [
    "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật",
    "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7",
]

DAY_WORDS = ["ngày", "hôm"]

# Written before a date in parentheses: "Hôm nay (29/10)"; after a part of day: "sáng nay (29/10)".
RELATIVE_DAYS = ["hôm nay", "hôm qua", "ngày mai"]

DATE_PREFIX = (
    # "lúc 20h ngày 1/1", "9 giờ 30 sáng 30/10", "08:24, 30/10/2025"
    r"(?:(?:lúc\s+)?(?<!\d)(?P<hh>\d{1,2})\s*(?:h|giờ|:)\s*(?:(?P<mm>\d{2})\s*(?:phút\s*)?)?(?:\s*[,|])?\s+)?"
    r"(?:(?P<pod>{POD})\s+(?:(?:nay|qua|mai)\s*\(\s*)?)?"
    r"(?:(?:{RELDAY})\s*\(\s*|(?:{WEEKDAY})\s*[,(]?\s*)?"
    r"(?:(?:{DAYWORD})\s+)?"
)
DATE_SUFFIX = ""

RANGE_CONNECTORS = ["-", "–", "—", "đến", "tới"]
RANGE_STARTERS = ["từ", "kể từ"]
PAIRED_RANGE_CONNECTORS: dict[str, list[str]] = {}
LIST_CONNECTORS = [",", "và", "hoặc"]
TIME_WORDS = ["lúc"]

# Before a bare "29/10": what makes it a date rather than a fraction or a ratio.
DATE_CONTEXT_WORDS = [
    "từ", "kể từ", "đến", "tới", "vào", "trước", "sau", "lúc", "dịp", "hạn", "hết", "tính đến",
    "đầu", "cuối", "giữa",
]
# Before a bare "2030" (without "năm").
YEAR_CONTEXT_WORDS = [
    "từ", "kể từ", "đến", "tới", "vào", "trước", "sau", "giai đoạn", "tính đến", "hết",
    "đầu", "cuối", "giữa",
]
# After "1/3": a fraction of something, not the first of March.
NOT_DATE_AFTER = [
    "số", "dân số", "tổng", "tổng số", "diện tích", "lượng", "phần", "dân", "người", "thành viên",
    "lãnh thổ", "ngân sách", "vốn", "kinh phí", "trong số", "lên", "xuống",
]
# After "2000": a count or an amount, not a year.
NOT_YEAR_AFTER = [
    "%", "người", "lên", "xuống", "đồng", "USD", "tỷ", "triệu", "nghìn", "ngàn", "tấn", "km", "ha",
    "m", "mét", "lượt", "ca", "trường hợp", "dự án", "doanh nghiệp", "học sinh", "sinh viên",
    "chiếc", "căn", "hộ", "điểm", "đại biểu", "phiếu",
]

_OPTIONAL_YEAR = r"(?:(?:\s*,?\s*năm\s+|\s*[/-]\s*){Y})?"  # "năm 2025", "/2025", "-2025"
_OPTIONAL_YEAR2 = r"(?:(?:\s*,?\s*năm\s+|\s*[/-]\s*){Y2})?"

DATE_PATTERNS = [
    (r"{D}\s?/\s?{M}\s?/\s?{Y}", "free"),  # 29/10/2025
    (r"{D}-{M}-{Y}", "free"),  # 29-10-2025
    (r"{D}\.{M}\.{Y}", "free"),  # 29.10.2025
    (r"{D}\s+tháng\s+{M}(?:\s*,?\s*năm\s+|\s*[/-]\s*){Y}", "free"),  # 29 tháng 10 năm 2025
    (r"{D}\s+tháng\s+{M}", "prefix"),  # ngày 29 tháng 10 (but not "sau 3 tháng 10 doanh nghiệp")
    (r"tháng\s+{M}" + _OPTIONAL_YEAR, "free"),  # tháng 10/2025, tháng 10
    (r"năm\s+{Y}", "free"),  # năm 2010
    (r"năm\s+{Y}\s*[-–]\s*{Y2}", "free"),  # năm 2024-2026
    (r"{D}{TO}(?:ngày\s+)?{D2}\s?/\s?{M2}(?:\s?/\s?{Y2})?", "free"),  # 28-30/10/2025
    (r"{D}\s?/\s?{M}{TO}(?:ngày\s+)?{D2}\s?/\s?{M2}(?:\s?/\s?{Y2})?", "free"),  # 28/10-2/11
    (r"{D}{TO}(?:ngày\s+)?{D2}\s+tháng\s+{M2}" + _OPTIONAL_YEAR2, "free"),  # 28 đến 30 tháng 10
    (r"tháng\s+{M}{TO}(?:tháng\s+)?{M2}" + _OPTIONAL_YEAR2, "free"),  # tháng 10-12/2025
    (r"{D}\s?/\s?{M}", "context"),  # chiều 29/10, từ 28/10
    (r"{D}-{M}", "prefix"),  # Chiều 29-10 (Nhân Dân style)
    (r"{D}\.{M}", "prefix"),  # Sáng 12.5, ngày 3.9 (never bare: "2.5 lần", "1.000 người")
    (r"{Y}", "year"),  # từ 2010, giai đoạn 2021
]

# --- relative dates (resolved against the document's publication date) ------------------------

WEEKDAY_NUMBERS = {
    "thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6,
    "thứ 2": 0, "thứ 3": 1, "thứ 4": 2, "thứ 5": 3, "thứ 6": 4, "thứ 7": 5,
}
# A calendar unit counted from the publication date: (unit, shift).
RELATIVE_WORDS = {
    "hôm kia": ("day", -2), "hôm qua": ("day", -1), "ngày hôm qua": ("day", -1),
    "hôm nay": ("day", 0), "ngày hôm nay": ("day", 0), "ngày mai": ("day", 1),
    "tuần trước": ("week", -1), "tuần này": ("week", 0), "tuần tới": ("week", 1), "tuần sau": ("week", 1),
    "tháng trước": ("month", -1), "tháng này": ("month", 0), "tháng tới": ("month", 1),
    "tháng sau": ("month", 1),
    "năm ngoái": ("year", -1), "năm trước": ("year", -1), "năm nay": ("year", 0), "năm tới": ("year", 1),
    "năm sau": ("year", 1), "sang năm": ("year", 1),
}
# After a month or a weekday: the last one before the publication date (-1) or the next one after (1).
OCCURRENCE_WORDS = {"tới": 1, "sắp tới": 1, "vừa qua": -1, "trước": -1}
# Words that anchor the patterns below holding none of {REL}, {OCC}, {WD}.
RELATIVE_ANCHORS = ["nay", "qua", "mai"]
# (template, unit, shift): unit and shift None take them from {REL} or {OCC}.
RELATIVE_PATTERNS = [
    (r"{REL}", None, None),  # hôm qua, năm ngoái, tuần tới
    (r"(?P<pod>{POD})\s+nay", "day", 0),  # sáng nay
    (r"(?P<pod>{POD})\s+qua", "day", -1),  # chiều qua
    (r"(?P<pod>{POD})\s+mai", "day", 1),  # sáng mai
    (r"tháng\s+{M}\s+{REL}", None, None),  # tháng 6 năm ngoái
    (r"{D}\s+tháng\s+{M}\s+{REL}", None, None),  # 15 tháng 6 năm ngoái
    (r"{D}\s?/\s?{M}\s+{REL}", None, None),  # 15/6 năm ngoái
    (r"tháng\s+{M}\s+{OCC}", None, None),  # tháng 6 tới, tháng 6 vừa qua
    (r"(?:(?P<pod>{POD})\s+|(?:hôm|vào)\s+)?{WD}\s+{REL}", None, None),  # thứ Sáu tuần trước
    (r"(?:(?P<pod>{POD})\s+|(?:hôm|vào)\s+)?{WD}\s+{OCC}", None, None),  # thứ Hai tới
    # "thứ hai" alone is also "second": a weekday only after "hôm", "vào" or a part of day.
    (r"(?:(?P<pod>{POD})|hôm|vào)\s+{WD}", "occurrence", 0),  # hôm thứ Sáu: by the tense
]
# "cùng năm": the date named before it in the same paragraph.
ANAPHORIC_DATES = {
    "cùng năm": "year", "năm đó": "year", "năm ấy": "year", "cùng tháng": "month", "tháng đó": "month",
    "cùng ngày": "day", "hôm đó": "day", "ngày hôm đó": "day",
}
# Right before a relative expression, these make it a stretch of time: "5 năm tới", "những năm tới",
# "mấy năm nay", "một năm sau" (a year later).
NOT_RELATIVE_AFTER = [
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "nghìn",
    "vài", "mấy", "những", "các", "nhiều", "bao", "mỗi", "hàng", "mọi", "nửa",
]
# Right after one, these make it relative to the story, not to the document: "năm sau đó".
NOT_RELATIVE_BEFORE = ["đó", "nữa", "ấy"]
# The nearest of these before a date in its sentence tells a plan from a report.
FUTURE_WORDS = ["sẽ", "dự kiến", "sắp", "chuẩn bị", "kế hoạch", "tới đây"]
PAST_WORDS = ["đã", "vừa", "từng"]
