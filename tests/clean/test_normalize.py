"""Stored and search forms of text."""

from __future__ import annotations

import unicodedata

from communique.clean.normalize import fold, normalize, to_simplified


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
