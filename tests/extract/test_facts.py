"""Partnership and event facts on sentences written for these tests (vi, zh, en)."""

from __future__ import annotations

import pytest

from communique.model import Document
from communique.pipeline import process


def facts(text: str, path: str = "t.txt") -> dict:
    doc = process(Document(path=path, raw=text))
    for kind in ("partnerships", "events"):
        for fact in doc.facts[kind]:
            for ev in fact["evidence"]:
                assert 0 <= ev["start"] < ev["end"] <= len(doc.body)
    return doc.facts


def partnerships(text: str) -> set[tuple]:
    return {(tuple(p["parties"]), p["level"], p["date"]) for p in facts(text)["partnerships"]}


def events(text: str) -> list[dict]:
    return facts(text)["events"]


def test_vietnamese_upgrade_with_talks():
    text = ("Chiều 7/3/2024, tại Canberra, Thủ tướng Phạm Minh Chính và Thủ tướng Australia Anthony Albanese "
            "đã hội đàm và nhất trí nâng cấp quan hệ hai nước lên Đối tác chiến lược toàn diện.\n"
            "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư.\n")
    assert partnerships(text) == {(("AU", "VN"), "comprehensive_strategic_partnership", "2024-03-07")}
    (talks,) = events(text)
    assert talks["type"] == "talks" and talks["date"] == "2024-03-07" and talks["countries"] == ["AU", "VN"]
    assert {"person:pham-minh-chinh", "person:anthony-albanese"} <= set(talks["participants"])


def test_history_stated_in_passing():
    assert (("NZ", "VN"), "diplomatic_relations", "1975") in partnerships(
        "自1975年建交以来，越南和新西兰关系不断发展，双方在各领域的合作日益深入。")
    assert (("AU", "ID"), "diplomatic_relations", "1949") in partnerships(
        "Australia and Indonesia established diplomatic ties in 1949 and have cooperated closely since.")


def test_level_outside_the_four_keeps_its_label():
    found = partnerships("2019年6月，中俄两国元首宣布将中俄关系提升为新时代全面战略协作伙伴关系。")
    assert {(p, lvl) for p, lvl, _ in found} == {(("CN", "RU"), "other:新时代全面战略协作伙伴关系")}


def test_english_upgrade_by_another_pair():
    text = ("The United States and Vietnam elevated their relationship to a Comprehensive Strategic "
            "Partnership on September 10, 2023, during President Joe Biden's visit to Hanoi.")
    assert (("US", "VN"), "comprehensive_strategic_partnership", "2023-09-10") in partnerships(text)


def test_existing_level_mentioned_without_a_date():
    text = "Việt Nam luôn coi trọng quan hệ Đối tác chiến lược với Anh, trên cơ sở tôn trọng lẫn nhau."
    assert partnerships(text) == {(("GB", "VN"), "strategic_partnership", None)}


def test_future_visit_is_planned_and_negated_signing_is_dropped():
    text = ("Ngày 5/3/2025, Thủ tướng Phạm Minh Chính tiếp Đại sứ Anh. "
            "Thủ tướng Keir Starmer sẽ thăm chính thức Việt Nam vào tháng 9/2025. "
            "Hai bên chưa ký kết hiệp định về dẫn độ.")
    found = {e["type"]: e for e in events(text)}
    assert found["visit"]["status"] == "planned"
    assert "signing" not in found


def test_visit_that_frames_the_talks_is_not_an_event():
    text = ("Trong khuôn khổ chuyến thăm chính thức Nhật Bản, ngày 27/11/2023, Chủ tịch nước Võ Văn Thưởng "
            "hội đàm với Thủ tướng Kishida Fumio.")
    assert [e["type"] for e in events(text)] == ["talks"]


@pytest.mark.parametrize("text", [
    "越南国家主席武文赏于2023年11月27日在东京与日本首相岸田文雄举行会谈。",
])
def test_chinese_talks(text):
    (talks,) = events(text)
    assert talks["type"] == "talks" and talks["date"] == "2023-11-27" and talks["countries"] == ["JP", "VN"]


def test_related_headline_strip_is_not_a_fact():
    text = ("Nâng cấp quan hệ Việt Nam - Singapore lên Đối tác chiến lược toàn diện\n"
            "Ngày 12/3/2025, Tổng Bí thư Tô Lâm hội đàm với Thủ tướng Singapore Lawrence Wong, hai bên nhất trí "
            "nâng cấp quan hệ hai nước lên Đối tác chiến lược toàn diện.\n"
            "Tổng Bí thư thăm Ban Thư ký ASEAN Nâng cấp quan hệ Việt Nam - Indonesia lên Đối tác Chiến lược toàn "
            "diện Chủ tịch Quốc hội tiếp Đoàn đại biểu Quốc hội Lào\n"
            "Hai bên nhất trí thúc đẩy hợp tác kinh tế số và năng lượng sạch.\n")
    assert {p for p, _, _ in partnerships(text)} == {("SG", "VN")}


def test_chinese_negation_drops_the_signing():
    text = "2024年5月6日，越南与澳大利亚外长举行会谈。双方尚未签署引渡协定。"
    assert [e["type"] for e in events(text)] == ["talks"]


def test_place_and_signing_agencies():
    text = ("Chiều 29/10/2025, tại London, Tổng Bí thư Tô Lâm hội đàm với Thủ tướng Anh Keir Starmer.\n"
            "Sau hội đàm, Bộ Công an Việt Nam và Bộ Nội vụ Anh đã ký Bản ghi nhớ về hợp tác phòng, chống lừa đảo.\n")
    found = {e["type"]: e for e in events(text)}
    assert found["talks"]["place"] == "London"
    assert found["signing"]["what"].startswith("đã ký Bản ghi nhớ")
    assert set(found["signing"]["agencies"]) == {"org:vn-mps", "org:gb-home-office"}


def test_english_events_held_and_planned():
    text = ("Prime Minister Anthony Albanese held talks with Prime Minister Pham Minh Chinh in Canberra on "
            "March 7, 2024. The two leaders witnessed the signing of agreements on trade and education. "
            "Mr Albanese will visit Vietnam in June 2024.")
    found = {e["type"]: e for e in events(text)}
    assert found["talks"]["date"] == "2024-03-07" and found["talks"]["status"] == "held"
    assert found["talks"]["place"] == "Canberra"
    assert found["signing"]["status"] == "held"
    assert found["visit"]["status"] == "planned" and found["visit"]["date"] == "2024-06"


def test_each_level_takes_the_date_of_its_own_clause():
    found = partnerships("越南和新西兰于1975年建交，2020年建立战略伙伴关系，2025年提升为全面战略伙伴关系。")
    assert (("NZ", "VN"), "diplomatic_relations", "1975") in found
    assert (("NZ", "VN"), "strategic_partnership", "2020") in found
    assert (("NZ", "VN"), "comprehensive_strategic_partnership", "2025") in found


def test_anniversary_year_is_not_the_start():
    found = partnerships("2023年适逢越南和澳大利亚建交50周年，两国关系不断深化。")
    assert (("AU", "VN"), "diplomatic_relations", "2023") not in found
