"""Forms shared by every language: ISO 8601 and other year-first dates, ranges of years."""

# --- dates (communique.extract.dates) ---------------------------------------------------------

DATE_PATTERNS = [
    (r"{Y}-{M}-{D}", "free"),  # 2025-10-30, 2025-10-30T08:24:00+07:00 (time read as a suffix)
    (r"{Y}/{M}/{D}", "free"),  # 2025/10/30
    (r"{Y}\.{M}\.{D}", "free"),  # 2025.10.30
    (r"{Y}\s*[-–—]\s*{Y2}", "bare_years"),  # 2024-2026, năm học 2026 - 2027
]
