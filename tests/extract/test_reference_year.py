"""The document's year (`context.reference_year`) from what the text states (issue 16)."""

from __future__ import annotations

from communique.extract.context import reference_year
from communique.model import Document
from communique.text.dates import find_dates
from communique.text.normalize import fold


def _year(body: str, lang: str) -> int | None:
    doc = Document(path="t.txt", raw=body)
    doc.body = body
    return reference_year(doc, fold(body), find_dates(body, lang))


def test_zh_period_of_a_plan_is_not_the_documents_year():
    body = ("双方对2022年双边贸易额达到150亿美元感到满意,同意制定2024-2026年阶段行动计划,"
            "并回顾了2021-2023年阶段行动计划的实施情况。")
    assert _year(body, "zh") == 2023


def test_vi_period_is_not_the_documents_year():
    body = ("Kim ngạch thương mại Việt Nam - Indonesia đạt 14 tỷ USD năm 2023. Hai bên thông qua "
            "Chương trình hành động giai đoạn 2024-2028.")
    assert _year(body, "vi") == 2024


def test_en_plan_period_is_not_the_documents_year():
    body = ("Thailand and Malaysia reviewed trade in 2023 and adopted the 2025–2029 plan of action "
            "for border development.")
    assert _year(body, "en") == 2023


def test_only_a_period_gives_its_start():
    body = "Hai bên thống nhất Kế hoạch hành động giai đoạn 2024-2026 về hợp tác quốc phòng."
    assert _year(body, "vi") == 2024


def test_a_stated_full_date_still_wins():
    body = "Ngày 10/9/2023, hai bên thông qua Chương trình hành động giai đoạn 2024-2028."
    assert _year(body, "vi") == 2023


def test_a_year_cited_in_parentheses_is_not_the_documents_year():
    zh = "印度外长14日会见泰国外长，双方回顾了两国领导人视频峰会（2020年8月）的成果。"
    assert _year(zh, "zh") is None
    vi = ("Hai Bộ trưởng nhắc lại kết quả Hội nghị thượng đỉnh trực tuyến (tháng 8/2020) và nhất trí "
          "tăng cường hợp tác năm 2024.")
    assert _year(vi, "vi") == 2024
    en = "The ministers recalled the Leaders' Summit (August 2020) and reviewed trade figures."
    assert _year(en, "en") is None
