"""Target finder: amounts, percentages, multiples, net zero and deadlines in vi, zh and en."""

from __future__ import annotations

import pytest

from communique.extract.targets import Target, find_targets


def found(text: str, lang: str | None = None, reference_year: int | None = None) -> list[Target]:
    """The targets of `text`, with offsets and sentence bounds checked."""
    targets = find_targets(text, lang, reference_year)
    for t in targets:
        assert text[t.start : t.end] == t.text
        assert t.sentence_start <= t.start < t.end <= t.sentence_end
    return targets


def only(text: str, lang: str | None = None, reference_year: int | None = None) -> Target:
    targets = found(text, lang, reference_year)
    assert len(targets) == 1, [t.text for t in targets]
    return targets[0]


def facts(t: Target) -> tuple:
    return (t.text, t.kind, t.value, t.unit, t.year, t.qualifier)


# --- English ---------------------------------------------------------------------------------------


def test_en_up_to_pounds_committed():
    text = "The UK will provide up to £5 billion to support the partnership."
    t = only(text, "en")
    assert facts(t) == ("up to £5 billion", "target", 5e9, "GBP", None, "up_to")
    assert t.start == text.index("up to")
    assert (t.sentence_start, t.sentence_end) == (0, len(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Investors put in 5 billion pounds last year.", ("5 billion pounds", 5e9, "GBP")),
        ("Japan lent US$80 billion in the decade.", ("US$80 billion", 8e10, "USD")),
        ("Singapore invested USD 9 billion in the province.", ("USD 9 billion", 9e9, "USD")),
        ("The fund disbursed $1.5 million to farmers.", ("$1.5 million", 1.5e6, "USD")),
        ("The bank raised €10bn from bonds.", ("€10bn", 1e10, "EUR")),
    ],
)
def test_en_money_forms(text, expected):
    t = only(text, "en")
    assert (t.text, t.value, t.unit, t.kind) == (*expected, "figure")


def test_en_goal_with_deadline_and_doubling():
    text = "The two sides aim to double bilateral trade to US$80 billion by 2030."
    ratio, money = found(text, "en")
    assert facts(ratio) == ("double", "target", 2.0, "ratio", 2030, None)
    assert facts(money) == ("US$80 billion", "target", 8e10, "USD", 2030, None)


def test_en_by_year_alone_makes_a_target():
    t = only("Trade is expected to reach $20 billion by 2030.", "en")
    assert (t.kind, t.year, t.value) == ("target", 2030, 2e10)


def test_en_net_zero_by_2050():
    t = only("Britain committed to reach net zero by 2050.", "en")
    assert facts(t) == ("net zero", "target", 0.0, "net_emissions", 2050, None)


def test_en_percent_and_qualifiers():
    text = "Exports grew 20 percent, and more than 20% of firms now trade with nearly $3 million in reserves."
    a, b, c = found(text, "en")
    assert facts(a) == ("20 percent", "figure", 20.0, "percent", None, None)
    assert facts(b) == ("more than 20%", "figure", 20.0, "percent", None, "over")
    assert facts(c) == ("nearly $3 million", "figure", 3e6, "USD", None, "nearly")


def test_en_tripling_and_doubling_forms():
    text = "Trade doubled, and the leaders set a target of tripling it by 2035."
    a, b = found(text, "en")
    assert facts(a) == ("doubled", "figure", 2.0, "ratio", None, None)
    assert facts(b) == ("tripling", "target", 3.0, "ratio", 2035, None)


def test_en_fact_word_after_goal_word_makes_a_figure():
    text = "The goal agreed in 2015 was met: trade reached $9 billion in 2024."
    t = only(text, "en")
    assert facts(t) == ("$9 billion", "figure", 9e9, "USD", 2024, None)


def test_en_deadline_without_number():
    text = "Viet Nam aims to make English the second language in schools by 2035."
    t = only(text, "en")
    assert facts(t) == ("by 2035", "target", None, None, 2035, None)


def test_en_negatives():
    text = (
        "The agreement on the avoidance of double taxation was signed on 12 March 2024. "
        "More than 2,000 people attended the 50th anniversary. Article 25. In 1973 the two countries met."
    )
    assert found(text, "en") == []


def test_en_abbreviations_do_not_split_sentences():
    text = "U.S. officials said the U.K. will provide £5bn. Trade rose."
    t = only(text, "en")
    assert (t.text, t.kind, t.sentence_start) == ("£5bn", "target", 0)
    assert text[t.sentence_start : t.sentence_end].endswith("£5bn.")


def test_en_units():
    a, b = found("In 2023 the plant produced 1,500 tonnes and 2.5 GW.", "en")
    assert (a.value, a.unit, a.year, b.value, b.unit) == (1500.0, "tonnes", 2023, 2.5, "GW")


# --- Vietnamese ------------------------------------------------------------------------------------


def test_vi_trade_figure_with_reference_year():
    text = "Kim ngạch thương mại song phương năm 2024 đạt trên 9 tỷ USD."
    t = only(text, "vi")
    assert facts(t) == ("trên 9 tỷ USD", "figure", 9e9, "USD", 2024, "over")


def test_vi_investment_figure_without_year():
    text = "Tổng vốn đầu tư của Singapore vào Việt Nam đạt trên 80 tỷ USD."
    t = only(text, "vi")
    assert facts(t) == ("trên 80 tỷ USD", "figure", 8e10, "USD", None, "over")


def test_vi_money_forms():
    text = "Anh cam kết hỗ trợ 5 tỷ bảng Anh, 80 tỷ đô la, 80 tỷ đô la Mỹ, 1,5 triệu USD và 500 nghìn tỷ đồng."
    got = [(t.text, t.value, t.unit, t.kind) for t in found(text, "vi")]
    assert got == [
        ("5 tỷ bảng Anh", 5e9, "GBP", "target"),
        ("80 tỷ đô la", 8e10, "USD", "target"),
        ("80 tỷ đô la Mỹ", 8e10, "USD", "target"),
        ("1,5 triệu USD", 1.5e6, "USD", "target"),
        ("500 nghìn tỷ đồng", 5e14, "VND", "target"),
    ]


def test_vi_goal_with_year_and_doubling():
    text = "Hai bên phấn đấu nâng kim ngạch lên 15 tỷ USD vào năm 2030, tăng gấp đôi so với hiện nay."
    money, ratio = found(text, "vi")
    assert facts(money) == ("15 tỷ USD", "target", 1.5e10, "USD", 2030, None)
    assert (ratio.text, ratio.value, ratio.unit, ratio.kind) == ("tăng gấp đôi", 2.0, "ratio", "target")


def test_vi_ratio_forms():
    text = "Hai nước đặt mục tiêu đưa thương mại lên gấp đôi và du lịch gấp ba."
    a, b = found(text, "vi")
    assert (a.text, a.value, b.text, b.value) == ("gấp đôi", 2.0, "gấp ba", 3.0)


@pytest.mark.parametrize(
    "phrase",
    ["mức phát thải ròng bằng '0'", "mức phát thải ròng bằng “0” (net-zero)", "mức phát thải ròng bằng 0"],
)
def test_vi_net_zero(phrase):
    text = f"Việt Nam cam kết đạt {phrase} vào năm 2050."
    t = only(text, "vi")
    assert facts(t) == (phrase, "target", 0.0, "net_emissions", 2050, None)


@pytest.mark.parametrize("phrase", ["trung hòa carbon", "trung hoà carbon"])  # old and new tone placement
def test_vi_carbon_neutrality_in_either_tone_style(phrase):
    t = only(f"Việt Nam cam kết đạt {phrase} vào năm 2050.", "vi")
    assert facts(t) == (phrase, "target", 0.0, "net_emissions", 2050, None)


def test_vi_deadline_without_number():
    text = "Việt Nam phấn đấu đưa tiếng Anh trở thành ngôn ngữ thứ hai trong trường học vào năm 2035."
    t = only(text, "vi")
    assert facts(t) == ("vào năm 2035", "target", None, None, 2035, None)


def test_vi_thousands_and_decimal_separators():
    a, b, c = found("Dự án điện gió 3.000 MW, vốn 1.5 tỷ USD, phí 2.000 USD.", "vi")
    assert (a.value, a.unit) == (3000.0, "MW")
    assert (b.value, b.unit) == (1.5e9, "USD")  # a dot before a group of other than three digits
    assert (c.value, c.unit) == (2000.0, "USD")


def test_vi_count_reported_only_as_a_goal():
    assert found("Ngày 12/3, hơn 2.000 người đã tham dự.", "vi") == []
    t = only("Hai bên nhất trí mục tiêu đào tạo 2.000 người.", "vi")
    assert facts(t) == ("2.000 người", "target", 2000.0, "people", None, None)


def test_vi_negatives():
    text = (
        "Năm 2023, hai nước kỷ niệm 50 năm quan hệ ngoại giao. "
        "Ngày 12/3, Chủ tịch nước dự lễ 80 năm Quốc khánh.\n"
        "25. Hai bên nhất trí tăng cường hợp tác trong năm 2025.\n"
        "Từ năm 2021 đến năm 2025, hai bên phấn đấu hợp tác chặt chẽ."
    )
    assert found(text, "vi") == []


def test_vi_narrated_year_is_not_a_deadline():
    text = "Năm 2009 hai nước xác lập quan hệ Đối tác chiến lược, đến năm 2014 quan hệ được nâng lên."
    assert found(text, "vi") == []
    t = only("Hai bên phấn đấu hoàn thành đàm phán đến năm 2026.", "vi")
    assert facts(t) == ("đến năm 2026", "target", None, None, 2026, None)


def test_vi_reference_year_makes_a_past_deadline_a_figure():
    text = "Kim ngạch đến năm 2024 đạt 9 tỷ USD. Hai bên nhất trí phấn đấu tăng lên 20 tỷ USD."
    a, b = found(text, "vi", reference_year=2025)
    assert (a.kind, a.year, b.kind, b.year) == ("figure", 2024, "target", None)
    assert b.sentence_start == text.index("Hai bên")


def test_vi_in_year_is_a_goal_only_when_ahead_of_reference_year():
    text = "Thương mại hai chiều dự kiến đạt 12 tỷ USD vào năm 2027."
    assert only(text, "vi").kind == "figure"
    assert only(text, "vi", reference_year=2025).kind == "target"


# --- Chinese ---------------------------------------------------------------------------------------


def test_zh_money_and_qualifier():
    text = "英国将提供高达50亿英镑的资金，双方贸易额去年达到900亿美元。"
    a, b = found(text, "zh")
    assert facts(a) == ("高达50亿英镑", "target", 5e9, "GBP", None, "up_to")
    assert facts(b) == ("900亿美元", "figure", 9e10, "USD", None, None)


def test_zh_goal_with_deadline_and_doubling():
    text = "双方力争到2030年双边贸易额达到1.5万亿美元，实现翻一番。"
    a, b = found(text, "zh")
    assert facts(a) == ("1.5万亿美元", "target", 1.5e12, "USD", 2030, None)
    assert (b.text, b.kind, b.value, b.unit) == ("翻一番", "target", 2.0, "ratio")


def test_zh_net_zero():
    text = "中方承诺2060年前实现碳中和，英国2050年实现净零排放。"
    a, b = found(text, "zh")
    assert facts(a) == ("碳中和", "target", 0.0, "net_emissions", 2060, None)
    assert facts(b) == ("净零排放", "target", 0.0, "net_emissions", 2050, None)


def test_zh_percent_native_numerals_and_multiples():
    text = "出口增长30%，占比百分之三十，约五千亿美元，投资50多亿美元，比重百分之五十以上，增长两倍。"
    got = [(t.text, t.value, t.unit, t.qualifier) for t in found(text, "zh")]
    assert got == [
        ("30%", 30.0, "percent", None),
        ("百分之三十", 30.0, "percent", None),
        ("约五千亿美元", 5e11, "USD", "about"),
        ("50多亿美元", 5e9, "USD", "over"),
        ("百分之五十以上", 50.0, "percent", "over"),
        ("两倍", 2.0, "ratio", None),
    ]


def test_zh_deadline_without_number():
    text = "双方同意有效落实行动计划，到2025年完成各项任务。"
    t = only(text, "zh")
    assert facts(t) == ("到2025年", "target", None, None, 2025, None)


def test_zh_negatives():
    assert found("越澳两国于1973年建交，2023年适逢两国建交50周年。", "zh") == []
    text = "两国建交五十多年来，2024年10月28日双方签署第25条。从2021年到2025年，双方举行会谈。"
    assert found(text, "zh") == []


# --- any language ----------------------------------------------------------------------------------


def test_no_language_given():
    text = "Kim ngạch đạt 9 tỷ USD. Trade reached $9 billion. 贸易额达到900亿美元。"
    got = [(t.text, t.value, t.kind) for t in found(text)]
    assert got == [("9 tỷ USD", 9e9, "figure"), ("$9 billion", 9e9, "figure"), ("900亿美元", 9e10, "figure")]


def test_no_language_uses_the_sentence_language_for_separators():
    vi, en = found("Hai bên đã chi 2.500 USD cho dự án. The fund spent $2.500 on fees.")
    assert (vi.value, en.value) == (2500.0, 2.5)


def test_empty_text():
    assert find_targets("") == []
