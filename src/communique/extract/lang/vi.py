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
    (r"{Y}", "year"),  # từ 2010, giai đoạn 2021
]
