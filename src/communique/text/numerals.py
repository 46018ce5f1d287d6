"""Chinese numerals, read once for every extractor (dates, clause numbers, amounts)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
POSITIONS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """'二〇二五' = 2025 (digit by digit), '三十一' = 31, '一百五十' = 150, '五千' = 5000; decimal digits
    of any script as they are; None when the text is not such a number (or ten thousand or more)."""
    if text.isdecimal():
        return int(text)
    if not text or any(c not in DIGITS and c not in POSITIONS for c in text):
        return None
    if not any(c in POSITIONS for c in text):
        return int("".join(str(DIGITS[c]) for c in text))
    total = current = 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char]
        else:
            total += (current or 1) * POSITIONS[char]
            current = 0
    return total + current


# Characters of a Chinese amount: digits, positions and the large units 万 (10⁴) and 亿 (10⁸).
AMOUNT_CHARACTERS = "".join(DIGITS) + "".join(POSITIONS) + "万亿"


def chinese_amount(text: str) -> int | None:
    """A Chinese amount of any size, large units included: '两万三千亿' = 2 300 000 000 000,
    '一千二百万' = 12 000 000, '九' = 9; None when `text` is not one (a lone '万', stray characters).
    Read by cn2an (a maintained converter), which also knows forms such as '一万零五百'."""
    import cn2an  # imported here: only amounts written in Chinese numerals need it

    if not text or not any(c in DIGITS or c in POSITIONS for c in text):
        return None
    # "百万" (a million) leaves out the leading 一 that cn2an asks for.
    readings = [text, "一" + text] if text[0] in POSITIONS else [text]
    for reading in readings:
        try:
            return int(cn2an.cn2an(reading, "normal"))
        except (ValueError, KeyError, IndexError):
            continue
    return None
