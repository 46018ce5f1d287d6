"""Partnership facts (issue 16): levels over a list of partners, capitals, aspirations, formulas,
levels the KB gives to some countries only, one fact per level written twice, other countries' labels.
Sentences written for these tests, about other pairs than the seeds."""

from __future__ import annotations

import pytest

from communique.model import Document
from communique.pipeline import process


def partnerships(text: str) -> set[tuple]:
    doc = process(Document(path="t.txt", raw=text))
    return {(tuple(p["parties"]), p["level"], p["date"]) for p in doc.facts["partnerships"]}


def pairs_levels(text: str) -> set[tuple]:
    return {(parties, level) for parties, level, _ in partnerships(text)}


CSP = "comprehensive_strategic_partnership"


# --- a level over a list of partners ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Indonesia đã thiết lập quan hệ Đối tác chiến lược toàn diện với Trung Quốc, Australia và Hoa Kỳ.",
    "印度尼西亚同中国、澳大利亚、美国建立了全面战略伙伴关系。",
    "Indonesia has established Comprehensive Strategic Partnerships with China, Australia and the United States.",
])
def test_a_level_over_a_list_of_partners_holds_for_each_with_the_anchor(text):
    assert pairs_levels(text) == {(("CN", "ID"), CSP), (("AU", "ID"), CSP), (("ID", "US"), CSP)}


def test_a_list_after_including():
    text = "Các đối tác chiến lược toàn diện của Malaysia bao gồm Trung Quốc, Ấn Độ và Hàn Quốc."
    assert pairs_levels(text) == {(("CN", "MY"), CSP), (("IN", "MY"), CSP), (("KR", "MY"), CSP)}


def test_capitals_stand_for_their_countries_in_a_list():
    text = "Hà Nội đã thiết lập quan hệ Đối tác chiến lược toàn diện với Bắc Kinh, Tokyo và Canberra."
    assert pairs_levels(text) == {(("CN", "VN"), CSP), (("JP", "VN"), CSP), (("AU", "VN"), CSP)}


def test_countries_that_are_not_a_list_of_partners_give_no_pair():
    text = "Ấn Độ, Pháp và Nhật Bản đều coi trọng quan hệ Đối tác chiến lược toàn diện."
    assert partnerships(text) == set()


# --- establishment, dates ------------------------------------------------------------------------

def test_the_establishment_of_a_partnership_is_an_upgrade_dated_in_its_sentence():
    doc = process(Document(path="t.txt", raw=(
        "Thailand and Malaysia welcomed the establishment of a Comprehensive Strategic Partnership "
        "in January 2025.")))
    (fact,) = doc.facts["partnerships"]
    assert (fact["parties"], fact["level"], fact["date"], fact["change"]) == (
        ["MY", "TH"], CSP, "2025-01", "upgrade")


def test_a_date_more_than_a_clause_away_from_an_upgrade():
    text = ("Năm 2016, nhân chuyến thăm chính thức của Thủ tướng Ấn Độ Narendra Modi tới Hà Nội theo lời mời "
            "của Thủ tướng Việt Nam, hai nước đã nâng cấp quan hệ lên Đối tác chiến lược toàn diện.")
    assert partnerships(text) == {(("IN", "VN"), CSP, "2016")}


def test_comprehensive_partners_since_a_year():
    assert partnerships("Brazil and Indonesia have been comprehensive partners since 2013.") == {
        (("BR", "ID"), "comprehensive_partnership", "2013")}


def test_diplomatic_relations_established_in_a_sentence_naming_no_country():
    text = ("Thủ tướng Việt Nam hội đàm với Tổng thống Brazil tại Brasilia.\n"
            "Tại Hội đàm, hai nhà lãnh đạo đã nhìn lại chặng đường 35 năm thiết lập quan hệ ngoại giao.")
    assert (("BR", "VN"), "diplomatic_relations", None) in partnerships(text)


def test_diplomatic_relations_in_passing_without_a_verb_stay_out():
    text = ("Thủ tướng Việt Nam hội đàm với Tổng thống Brazil tại Brasilia.\n"
            "Hai nhà lãnh đạo đánh giá cao quan hệ ngoại giao tốt đẹp.")
    assert partnerships(text) == set()


# --- not levels held ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hai bên mong muốn sớm nâng cấp quan hệ Việt Nam - Kazakhstan lên Đối tác chiến lược.",
    "India and France agreed to work towards a Comprehensive Strategic Partnership.",
    "中国和巴西同意推动构建中巴命运共同体。",
    "Thái Lan và Malaysia nhất trí hướng tới Đối tác chiến lược toàn diện.",
])
def test_an_aspiration_is_not_a_level_held(text):
    assert partnerships(text) == set()


@pytest.mark.parametrize("text", [
    "Việt Nam và Australia nhất trí làm sâu sắc quan hệ Đối tác chiến lược toàn diện.",
    "Thủ tướng Australia mong muốn hai bên làm sâu sắc hơn nữa quan hệ Đối tác chiến lược toàn diện với Việt Nam.",
    "Australia and Vietnam will continue to work towards the goals of their Comprehensive Strategic Partnership.",
])
def test_deepening_a_level_is_a_level_held(text):
    assert pairs_levels(text) == {(("AU", "VN"), CSP)}


@pytest.mark.parametrize("text", [
    "中国和巴基斯坦双方同意推动人类命运共同体建设。",
    "China and Pakistan will work together for a community with a shared future for mankind.",
])
def test_a_global_formula_is_not_a_level(text):
    assert partnerships(text) == set()


def test_a_generic_phrase_is_a_level_only_for_the_pairs_the_kb_gives_it():
    assert partnerships("Quan hệ Thái Lan - Malaysia đã trở thành hình mẫu quan hệ đặc biệt tốt đẹp.") == set()
    assert pairs_levels("Quan hệ đặc biệt Việt Nam - Lào ngày càng phát triển.") == {
        (("LA", "VN"), "other:Quan hệ đặc biệt")}


# --- one fact per level, other countries' labels ------------------------------------------------

def test_a_level_written_in_two_languages_is_one_fact_labelled_as_first_written():
    text = "日本与菲律宾领导人同意把两国的「加強版戰略夥伴關係」（Strengthened Strategic Partnership）提升到新水平。"
    assert pairs_levels(text) == {(("JP", "PH"), "other:加強版戰略夥伴關係")}


@pytest.mark.parametrize(("text", "level"), [
    ("中国和德国于2014年建立全方位战略伙伴关系。", "other:全方位战略伙伴关系"),
    ("中国和哈萨克斯坦于2019年宣布发展永久全面战略伙伴关系。", "other:永久全面战略伙伴关系"),
    ("India and Russia elevated ties to a Special and Privileged Strategic Partnership in 2010.",
     "other:Special and Privileged Strategic Partnership"),
    ("中国和尼泊尔于2009年建立全面合作伙伴关系。", "other:全面合作伙伴关系"),
    ("中国和瑞士于2016年建立创新战略伙伴关系。", "other:创新战略伙伴关系"),
])
def test_other_countries_named_levels(text, level):
    assert {lvl for _, lvl in pairs_levels(text)} == {level}
