"""Chinese numerals."""

from communique.text.numerals import chinese_number


def test_chinese_numbers():
    assert chinese_number("二〇二五") == 2025
    assert chinese_number("三十一") == 31
    assert chinese_number("十二") == 12
    assert chinese_number("一百五十") == 150
    assert chinese_number("五千") == 5000
    assert chinese_number("２０２５") == 2025
    assert chinese_number("第三") is None


def test_chinese_amounts_above_ten_thousand():
    from communique.text.numerals import chinese_amount

    assert chinese_amount("两万三千亿") == 2_300_000_000_000
    assert chinese_amount("一千二百万") == 12_000_000
    assert chinese_amount("百万") == 1_000_000  # the leading 一 left out
    assert chinese_amount("九") == 9
    assert chinese_amount("万") is None  # a unit alone is no amount
    assert chinese_amount("亿万") is None
