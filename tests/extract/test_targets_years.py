"""Targets and figures (issue 16): the year of a figure, ratios without the usual word, number
words, Chinese amounts with 万/亿, Traditional script, years that are not the figure's."""

from __future__ import annotations

import pytest

from communique.extract.targets import find_targets


def facts(text: str, lang: str, reference_year: int | None = None) -> list[tuple]:
    out = []
    for t in find_targets(text, lang, reference_year):
        assert text[t.start:t.end] == t.text  # offsets hold on the text as written
        out.append((t.text, t.value, t.unit, t.year, t.qualifier))
    return out


# --- the year of a figure ------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "year"), [
    ("en", "Two-way trade between Japan and Brazil reached USD 12 billion last year.", 2024),
    ("en", "Trade between India and France this year is expected to top US$18 billion.", 2025),
    ("vi", "Kim ngạch thương mại Thái Lan - Malaysia năm ngoái đạt 25 tỷ USD.", 2024),
    ("vi", "Trong 9 tháng đầu năm nay, kim ngạch Việt Nam - Nhật Bản đạt 35,5 tỷ USD.", 2025),
    ("vi", "Tính đến hết năm 2024, Nhật Bản có 5.500 dự án đầu tư với tổng vốn 75 tỷ USD.", 2024),
    ("zh", "去年中国与巴西双边贸易额达到1817亿美元。", 2024),
    ("zh", "今年前三季度，中印贸易额约为1000亿美元。", 2025),
])
def test_relative_and_period_years_give_the_year_of_a_figure(lang, text, year):
    (found,) = [f for f in facts(text, lang, 2025) if f[2] == "USD"]
    assert found[3] == year


def test_relative_years_need_the_document_year():
    assert facts("Trade reached USD 12 billion last year.", "en")[0][3] is None


def test_a_stretch_of_years_is_not_a_relative_year():
    # "5 năm tới" is the next five years, not next year.
    assert facts("Trong 5 năm tới, kim ngạch Indonesia - Úc đạt 20 tỷ USD.", "vi", 2025)[0][3] is None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Since 2019, Australian investment in Indonesia has grown to USD 3 billion."),
    ("vi", "Kể từ năm 2019, đầu tư của Hàn Quốc vào Lào đạt 2 tỷ USD."),
    ("vi", "Từ năm 2019 đến nay, đầu tư của Hàn Quốc vào Lào đạt 2 tỷ USD."),
    ("zh", "自2019年以来，中国对巴西投资达到50亿美元。"),
    ("zh", "2019年以来，中国对巴西投资达到50亿美元。"),
])
def test_a_start_is_not_the_year_of_the_figure(lang, text):
    (found,) = facts(text, lang, 2025)
    assert found[3] is None


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Thương mại Thái Lan - Malaysia tăng hơn 2 lần so với năm 2015."),
    ("zh", "泰国与马来西亚贸易额比2015年增长3倍。"),
])
def test_a_comparison_base_is_not_the_year_of_the_figure(lang, text):
    (found,) = facts(text, lang, 2025)
    assert found[2] == "ratio" and found[3] is None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "France will support Malaysia during 2025 ASEAN Chairmanship."),
    ("en", "India will back the Philippines in its 2026 ASEAN chairmanship."),
    ("en", "Brazil will help during the 2025 BRICS presidency."),
    ("vi", "Việt Nam ủng hộ Philippines hoàn thành tốt vai trò Chủ tịch ASEAN năm 2026."),
    ("zh", "中方支持菲律宾担任2026年东盟轮值主席国。"),
])
def test_the_year_of_an_office_is_not_a_target(lang, text):
    # Written the year before the office: a year ahead after "during" would otherwise be a deadline.
    assert facts(text, lang, 2024) == []


def test_a_year_ahead_is_still_a_deadline():
    # Negative of the office rule: a plain "in 2027" stays a goal year.
    assert facts("India and France aim to double trade in 2027.", "en", 2025)[0][3] == 2027


# --- ratios, number words, Chinese amounts, Traditional script ----------------------------------

@pytest.mark.parametrize(("lang", "text", "value", "qualifier"), [
    ("vi", "Đầu tư của Úc vào Indonesia tăng hơn 2 lần trong 5 năm.", 2.0, "over"),
    ("vi", "Kim ngạch thương mại tăng trưởng gần 3 lần.", 3.0, "nearly"),
    ("zh", "中巴贸易额十年间翻了一番。", 2.0, None),
    ("zh", "双边贸易额翻了两番。", 4.0, None),
    ("zh", "印度对法国出口增长了一倍。", 2.0, None),
    ("en", "Indian exports to France grew more than 3 times in a decade.", 3.0, "over"),
    ("en", "Tourism from Japan rose fivefold.", None, None),
])
def test_ratios_without_the_usual_word(lang, text, value, qualifier):
    found = [f for f in facts(text, lang) if f[2] == "ratio"]
    if value is None:
        assert found == []  # a number word glued to -fold is not read
    else:
        assert [(f[1], f[4]) for f in found] == [(value, qualifier)]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), [
    ("Japan will provide up to two billion pounds in financing.", 2e9, "GBP", "up_to"),
    ("India pledged twenty-five million dollars for the fund.", 25e6, "USD", None),
    ("Australia will invest a billion dollars in Indonesian infrastructure.", 1e9, "USD", None),
])
def test_english_number_words_before_a_scale(text, value, unit, qualifier):
    (found,) = facts(text, "en")
    assert found[1:3] == (value, unit) and found[4] == qualifier


def test_a_number_word_without_a_scale_is_not_an_amount():
    assert facts("Two pounds of rice were sold to one buyer.", "en") == []


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("两国贸易额达到两万三千亿日元。", 2.3e12, "JPY"),
    ("巴西对华出口一千二百万吨大豆。", 1.2e7, "tonnes"),
    ("中方将提供五千亿美元贷款。", 5e11, "USD"),
])
def test_chinese_amounts_with_large_units(text, value, unit):
    (found,) = facts(text, "zh")
    assert found[1:3] == (value, unit)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("日本將向泰國提供9億日圓。", 9e8, "JPY"),
    ("韓國將投資3萬億韓元。", 3e12, "KRW"),
    ("雙邊貿易額約新臺幣1億8000萬元。", 1.8e8, "TWD"),
    ("美國提供5億美圓援助。", 5e8, "USD"),
])
def test_traditional_script_amounts(text, value, unit):
    (found,) = facts(text, "zh")
    assert found[1:3] == (value, unit)


def test_plural_years_are_an_open_stretch_not_one_year():
    from communique.extract.targets import find_targets

    [past] = find_targets("Kim ngạch thương mại Việt Nam - Hàn Quốc đạt 80 tỷ USD trong những năm qua.", "vi", 2025)
    [ahead] = find_targets("Hai nước phấn đấu đạt 150 tỷ USD trong các năm tới.", "vi", 2025)
    assert past.year is None and ahead.year is None
    [last] = find_targets("Kim ngạch thương mại hai nước đạt 80 tỷ USD năm ngoái.", "vi", 2025)
    assert last.year == 2024
