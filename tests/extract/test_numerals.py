"""Chinese numerals."""

from communique.extract.numerals import chinese_number


def test_chinese_numbers():
    assert chinese_number("二〇二五") == 2025
    assert chinese_number("三十一") == 31
    assert chinese_number("十二") == 12
    assert chinese_number("一百五十") == 150
    assert chinese_number("五千") == 5000
    assert chinese_number("２０２５") == 2025
    assert chinese_number("第三") is None
