"""decode_bytes: Unicode forms, legacy encodings detected by plausibility, and rejections."""

from __future__ import annotations

import codecs
import random
import unicodedata

import pytest
from ingest_samples import EN, VI, VI_CAPS, ZH, ZH_GB18030_ONLY, ZH_HANT, cp1258_bytes, cp1258_mixed_bytes

from communique.errors import RejectedInput
from communique.ingest import viscii
from communique.ingest.decoding import decode_bytes, normalize_text
from communique.ingest.plausibility import common_simplified, common_traditional, is_vietnamese_word, score


@pytest.mark.parametrize("text", [VI, ZH, EN + "\n" + VI_CAPS])
@pytest.mark.parametrize(
    ("prefix", "codec", "expected"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (b"", "utf-16-le", "utf-16-le"),
        (b"", "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_unicode_forms_round_trip(text: str, prefix: bytes, codec: str, expected: str) -> None:
    decoded, encoding = decode_bytes(prefix + text.encode(codec), "f.txt")
    assert decoded == text
    assert encoding == expected
    assert not decoded.startswith("\ufeff")


def test_ascii_is_reported_as_ascii() -> None:
    assert decode_bytes(EN.encode("ascii")) == (EN, "ascii")


@pytest.mark.parametrize(
    ("text", "encode", "expected"),
    [
        (VI, cp1258_bytes, "cp1258"),
        (VI, cp1258_mixed_bytes, "cp1258"),
        (VI_CAPS, cp1258_bytes, "cp1258"),
        (VI, viscii.encode, "viscii"),
        (VI_CAPS, viscii.encode, "viscii"),
        (EN + " " + VI, viscii.encode, "viscii"),
        (ZH, lambda t: t.encode("gbk"), "gbk"),
        (ZH, lambda t: t.encode("gb18030"), "gbk"),  # GBK-range text is the same bytes in both
        (ZH_GB18030_ONLY, lambda t: t.encode("gb18030"), "gb18030"),
        (ZH_HANT, lambda t: t.encode("big5"), "big5"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encode, expected: str) -> None:
    data = encode(text)
    decoded, encoding = decode_bytes(data, "legacy.txt")
    assert encoding == expected
    assert decoded == unicodedata.normalize("NFC", text)


def test_cp1258_really_is_decomposed_and_comes_back_composed() -> None:
    data = cp1258_bytes(VI)
    assert b"\xec" in data  # the combining acute of Windows-1258
    decoded, _ = decode_bytes(data)
    assert "Thủ tướng Phạm Minh Chính" in decoded
    assert unicodedata.is_normalized("NFC", decoded)


def test_legacy_detection_also_works_per_line_sized_texts() -> None:
    line = "Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Nhật Bản."
    assert decode_bytes(viscii.encode(line))[1] == "viscii"
    assert decode_bytes(cp1258_bytes(line))[1] == "cp1258"
    assert decode_bytes("外交部发言人答记者问。".encode("gbk"))[1] == "gbk"


@pytest.mark.parametrize("text", ["tướng Australia", "Indonesia.\nHai nước", "Thanh Sơn cho biết"])
def test_short_viscii_is_not_taken_for_utf8_or_big5(text: str) -> None:
    # 'ướ' in VISCII (DF BE) is valid UTF-8 for U+07FE; 'ơn' and 'ết' are valid Big5 pairs
    assert decode_bytes(viscii.encode(text)) == (text, "viscii")


def test_utf16_without_bom_or_nul_bytes_is_judged_by_its_text() -> None:
    text = "外交部发布消息称中方愿同越方加强高层交往扩大经贸科技教育等领域务实合作"
    for codec in ("utf-16-le", "utf-16-be"):
        data = text.encode(codec)
        assert b"\0" not in data
        assert decode_bytes(data) == (text, codec)


def test_decomposed_and_composed_vietnamese_give_the_same_text() -> None:
    composed = unicodedata.normalize("NFC", VI)
    decomposed = unicodedata.normalize("NFD", VI)
    assert composed != decomposed
    from_decomposed, _ = decode_bytes(decomposed.encode("utf-8"))
    assert from_decomposed == decode_bytes(composed.encode("utf-8"))[0] == composed


def test_line_ends_become_newlines() -> None:
    text, _ = decode_bytes("một\r\nhai\rba\n".encode())
    assert text == "một\nhai\nba\n"
    assert normalize_text("a\r\n\r\nb") == "a\n\nb"


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = VI.encode("utf-8") + b" \xff " + VI.encode("utf-8")
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1
    assert text.startswith(VI)


def test_utf8_with_bom_and_a_stray_byte_stays_utf8() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + VI.encode("utf-8") + b"\xc3")
    assert (text, encoding) == (VI + "\ufffd", "utf-8")


def test_declared_charset_breaks_ties_but_does_not_override_evidence() -> None:
    data = ZH.encode("gbk")
    assert decode_bytes(data, declared="big5")[1] == "gbk"
    assert decode_bytes(data, declared="gb2312")[1] == "gbk"
    latin = "Déclaration commune: la coopération économique.".encode("latin-1")
    assert decode_bytes(latin, declared="iso-8859-1") == (
        "Déclaration commune: la coopération économique.",
        "iso8859-1",
    )


@pytest.mark.parametrize(("first", "pasted", "encode", "codec"), [
    (VI, "Kinh tế và thương mại là trụ cột của quan hệ hai nước.", cp1258_bytes, "cp1258"),
    (ZH, "双方同意加强经贸合作，推动两国关系发展。", lambda text: text.encode("gb18030"), "gbk"),
])
def test_lines_pasted_from_a_legacy_file_are_read_in_their_own_encoding(first, pasted, encode, codec) -> None:
    data = (first + "\n").encode("utf-8") + encode(pasted) + b"\n" + (first + "\n").encode("utf-8")
    text, encoding = decode_bytes(data, "mixed.txt")
    assert text == normalize_text(f"{first}\n{pasted}\n{first}\n")
    assert encoding == f"utf-8+{codec}"


def test_ascii_lines_with_one_legacy_line_are_read_as_that_encoding() -> None:
    # no UTF-8 text to pair with: the file is one legacy encoding, as before
    text, encoding = decode_bytes(b"Hanoi, 5 March\n" + cp1258_bytes(VI) + b"\n", "legacy.txt")
    assert encoding == "cp1258" and unicodedata.normalize("NFC", VI) in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(7).randbytes(2000), "binary data"),
        (b"text with a NUL\x00 byte in the middle of it, and nothing else odd about it", "binary data"),
        (bytes(random.Random(3).choice(range(1, 32)) for _ in range(500)) + b"abc", "binary data"),
        (codecs.BOM_UTF16_LE + "tiếng Việt".encode("utf-16-le") + b"\x00\xd8", "undecodable"),
    ],
)
def test_rejections_name_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode_bytes(data, "bad.bin")
    assert caught.value.path == "bad.bin"
    assert reason in caught.value.reason


def test_viscii_table_is_the_standard_one() -> None:
    table = viscii.decode(bytes(range(256)))
    assert len(table) == 256 and len(set(table)) == 256
    replaced = [b for b in range(32) if table[b] != chr(b)]
    assert replaced == [0x02, 0x05, 0x06, 0x14, 0x19, 0x1E]
    assert [table[b] for b in replaced] == ["Ẳ", "Ẵ", "Ẫ", "Ỷ", "Ỹ", "Ỵ"]
    assert table[0x20:0x80] == "".join(map(chr, range(0x20, 0x80)))
    # spot checks against RFC 1456
    assert (table[0x80], table[0xA0], table[0xB4], table[0xBD], table[0xDF], table[0xFF]) == (
        "Ạ", "Õ", "Ơ", "ơ", "ư", "Ữ",
    )  # fmt: skip
    # the non-ASCII repertoire is exactly the 134 Vietnamese letters with diacritics
    letters = {"đ", "Đ"}
    for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if not letter.isascii():
                letters.add(letter)
    assert len(letters) == 134
    assert set(table) - set(map(chr, range(0x80))) == letters
    assert viscii.encode(table) == bytes(range(256))


def test_viscii_encode_composes_first_and_refuses_what_it_lacks() -> None:
    assert viscii.encode(unicodedata.normalize("NFD", "Việt")) == viscii.encode("Việt")
    with pytest.raises(UnicodeEncodeError):
        viscii.encode("中")


@pytest.mark.parametrize("word", ["Thủ", "tướng", "Nguyễn", "quốc", "được", "giữa", "khuya", "huỳnh", "VIỆT"])
def test_vietnamese_words_are_recognised(word: str) -> None:
    assert is_vietnamese_word(word)


@pytest.mark.parametrize("word", ["ViỆt", "ThuÒ", "týõìng", "café", "đat", "tướngs", "ß", "áà"])
def test_nonsense_words_are_not(word: str) -> None:
    assert not is_vietnamese_word(word)


def test_common_character_sets_have_their_standard_sizes() -> None:
    assert len(common_simplified()) == 3755  # GB2312 level 1
    assert len(common_traditional()) == 5401  # Big5 level 1
    assert "国" in common_simplified() and "國" in common_traditional()


def test_score_prefers_real_text_to_misreadings() -> None:
    assert score(VI) == 1.0 and score(ZH) == 1.0
    assert score(cp1258_bytes(VI).decode("latin-1")) < 0.5
    assert score(ZH.encode("gbk").decode("big5", errors="replace")) < 0.5
    assert score(EN) == 0.0  # nothing non-ASCII to judge
