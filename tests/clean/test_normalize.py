"""Stored and search forms of text."""

from __future__ import annotations

import unicodedata

from communique.text.normalize import fold, normalize, to_simplified, tone_normal


def test_decomposed_and_composed_vietnamese_store_identically():
    composed = "Hợp tác Việt Nam – Anh trên sáu trụ cột"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert normalize(decomposed) == normalize(composed) == composed


def test_normalize_newlines_and_invisible_characters():
    assert normalize("a\r\nb\rc\u200b\ufeffd\u00a0e") == "a\nb\ncd e"


def test_fold_keeps_length_and_drops_diacritics():
    for text in ("Hợp tác Đông Nam Á", "全面戰略夥伴關係", "ＵＫ–Việt Nam", "Ελλάδα İstanbul"):
        assert len(fold(text)) == len(text)
    assert fold("Hợp tác Đông Nam Á") == "hop tac dong nam a"
    assert fold("全面戰略夥伴關係") == "全面战略伙伴关系"


def test_to_simplified_leaves_other_scripts():
    assert to_simplified("記者陳怡君 Hà Nội") == "记者陈怡君 Hà Nội"


def test_tone_normal_puts_old_style_marks_on_the_second_vowel():
    pairs = {"hòa bình": "hoà bình", "thủy": "thuỷ", "khỏe": "khoẻ", "Thúy": "Thuý", "hóa": "hoá",
             "HÒA BÌNH": "HOÀ BÌNH", "Ủy ban": "Uỷ ban", "Khánh Hòa": "Khánh Hoà", "Thụy Sĩ": "Thuỵ Sĩ"}
    for old, new in pairs.items():
        assert tone_normal(old) == new
        assert tone_normal(new) == new  # the new style stays as it is


def test_tone_normal_leaves_other_rhymes_alone():
    # "qu" + vowel, "ua" (u is the vowel), rhymes that go on, words with no glide
    for text in ("quý", "quà", "của", "mùa", "hoàng", "khuyến", "ngoài", "xoắn", "thuở", "hợp tác", "UK 英国"):
        assert tone_normal(text) == text


def test_tone_normal_keeps_length_and_offsets():
    text = "Hòa bình, hữu nghị và hợp tác: Khánh Hòa, Thủy, khỏe — 和平"
    toned = tone_normal(text)
    assert len(toned) == len(text)
    assert toned.index("Khánh") == text.index("Khánh")
    assert fold(toned) == fold(text)
