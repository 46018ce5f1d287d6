"""Discovery of instruments and mechanisms the KB does not list, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.kb.base import load_kb
from communique.link import link_text
from communique.link.linker import found_record
from communique.model import Document
from communique.pipeline import process


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def found(kb, text, lang):
    """Found instruments and mechanisms: id -> entity, and the surfaces linked to each."""
    result = link_text(text, kb, lang)
    entities = {i: e for i, e in result.found.items() if not i.startswith("person:")}
    surfaces: dict[str, list[str]] = {}
    for m in result.mentions:
        if m["entity"] in entities:
            assert text[m["start"]:m["end"]] == m["text"]
            surfaces.setdefault(m["entity"], []).append(m["text"])
    return entities, surfaces


# -- English ---------------------------------------------------------------------------------

def test_a_capitalised_name_on_a_head_noun_with_its_acronym(kb):
    text = ("Tokyo and Canberra signed the Japan-Australia Reciprocal Access Agreement (RAA) on Friday. "
            "The Reciprocal Access Agreement enters into force next year.")
    entities, surfaces = found(kb, text, "en")
    entity = entities["instrument:found-au-jp-raa"]
    assert entity.acronyms == ("RAA",)
    assert entity.extra["parties"] == ["AU", "JP"]
    # the shorter mention later on is the same instrument
    assert surfaces["instrument:found-au-jp-raa"] == ["Japan-Australia Reciprocal Access Agreement (RAA)",
                                                      "Reciprocal Access Agreement"]
    assert found_record(entity)["aliases"] == ["RAA"]


def test_an_acronym_is_kept_only_when_it_spells_the_name(kb):
    entities, _ = found(kb, "Both sides welcomed the Green Hydrogen Partnership Framework (XYZ).", "en")
    [entity] = entities.values()
    assert entity.name == "Green Hydrogen Partnership Framework"
    assert entity.acronyms == ()


def test_a_name_with_an_acronym_that_spells_it_needs_no_head_noun(kb):
    entities, _ = found(kb, "The leaders backed the “Blue Pacific Continent Vision (BPCV)” and the "
                            "\u201cSustainable Maritime Connectivity Partnership (SMCP)\u201d.", "en")
    assert {e.acronyms[0] for e in entities.values()} == {"BPCV", "SMCP"}


def test_an_acronym_before_its_expansion_and_a_quoted_name_after_called(kb):
    text = ("Lula and Modi launched a programme called 'India-Brazil BRIDGE (Bilateral Research, Innovation "
            "and Development for Green Energy)' on Monday.")
    entities, _ = found(kb, text, "en")
    [entity] = entities.values()
    assert entity.acronyms == ("BRIDGE",)
    assert entity.extra["parties"] == ["BR", "IN"]


def test_a_period_after_a_name(kb):
    entities, _ = found(kb, "France and India adopted the Horizon 2047 Roadmap 2025-2030 in Paris.", "en")
    [entity] = entities.values()
    assert entity.extra["period"] == "2025-2030"


def test_bare_heads_and_headline_verbs_are_not_names(kb):
    assert found(kb, "The two sides said the Agreement would be signed soon.", "en")[0] == {}
    entities, surfaces = found(kb, "Thailand, Malaysia Sign Border Trade Agreement", "en")
    assert [s for ss in surfaces.values() for s in ss] == ["Border Trade Agreement"]


# -- Chinese ---------------------------------------------------------------------------------

def test_zh_action_plan_with_period_pair_and_level_gets_an_english_name(kb):
    text = "双方回顾了2022-2024年阶段中泰全面战略合作伙伴关系行动计划的落实情况。中国和泰国"
    entities, _ = found(kb, text, "zh")
    [entity] = entities.values()
    assert entity.extra["period"] == "2022-2024"
    assert entity.extra["parties"] == ["CN", "TH"]
    assert entity.name.startswith("China-Thailand ") and entity.name.endswith("Action Plan 2022-2024")
    assert "Strategic" in entity.name


def test_zh_mechanism_takes_the_documents_pair_and_coordinated_sectors(kb):
    text = "泰国与马来西亚将尽快启动部长级海上对话机制，并共同主持泰马经贸与投资联合委员会第5次会议。泰国 马来西亚"
    entities, _ = found(kb, text, "zh")
    names = sorted(e.name for e in entities.values())
    assert names == ["Malaysia-Thailand Minister-level Maritime Dialogue",
                     "Thailand-Malaysia Joint Commission on Economic, Trade and Investment Cooperation"] or \
        names == ["Thailand-Malaysia Joint Commission on Economic, Trade and Investment Cooperation",
                  "Thailand-Malaysia Minister-level Maritime Dialogue"]
    assert all(e.type == "mechanism" for e in entities.values())


def test_zh_latin_acronyms_in_fullwidth_parentheses_traditional_script(kb):
    text = "印尼與澳洲簽署了防衛合作協定（DCA）與海事安全援助（MSA）換文。印尼 澳洲"
    entities, _ = found(kb, text, "zh")
    assert {e.acronyms[0] for e in entities.values()} == {"DCA", "MSA"}


def test_zh_title_in_book_quotes_on_a_head_noun(kb):
    entities, _ = found(kb, "两国继续本着《至2035年海洋伙伴关系联合愿景声明》的精神深化合作。法国和印度", "zh")
    [entity] = entities.values()
    assert entity.name == "Joint Vision Statement on France-India Maritime Partnership towards 2035" or \
        entity.name == "Joint Vision Statement on India-France Maritime Partnership towards 2035"


def test_zh_generic_agreements_and_clauses_are_not_names(kb):
    assert found(kb, "日本与菲律宾签署了3项双边合作协议。", "zh")[0] == {}
    assert found(kb, "泰国强调冲突各方必须遵守停火协议。", "zh")[0] == {}
    assert found(kb, "双方签署了谅解备忘录。", "zh")[0] == {}


def test_the_same_instrument_in_english_and_chinese_is_one_entity(kb):
    en, _ = found(kb, "Japan and the Philippines signed the Acquisition and Cross-Servicing Agreement (ACSA).", "en")
    zh, _ = found(kb, "日本与菲律宾签署了物品劳务相互提供协定（ACSA）。", "zh")
    assert set(en) == set(zh) == {"instrument:found-jp-ph-acsa"}


# -- Vietnamese ------------------------------------------------------------------------------

def test_vi_name_after_a_capitalised_head_in_english_order(kb):
    text = "Hai nước đã ký Hiệp định Thương mại tự do Việt Nam - Nhật Bản và Bản ghi nhớ về hợp tác quốc phòng."
    entities, _ = found(kb, text, "vi")
    names = {e.name for e in entities.values()}
    assert "Vietnam-Japan Free Trade Agreement" in names
    assert any(n.endswith("Memorandum of Understanding on Defence Cooperation") for n in names)


def test_vi_standing_mechanism_of_the_pair(kb):
    # (a pair whose joint cabinet the KB does not list: Vietnam-Thailand's is a KB mechanism)
    text = "Thủ tướng Lào sang Hà Nội đồng chủ trì Kỳ họp lần thứ 2 nội các chung Việt Nam - Lào."
    entities, _ = found(kb, text, "vi")
    [entity] = entities.values()
    assert entity.type == "mechanism" and entity.name == "Vietnam-Laos Joint Cabinet Meeting"


def test_vi_level_names_are_not_strategies(kb):
    text = "Hai nước nâng cấp quan hệ lên Đối tác Chiến lược toàn diện."
    assert found(kb, text, "vi")[0] == {}


# -- through the pipeline: a level inside an instrument's name is not a level fact ------------

def test_a_level_inside_a_found_instruments_name_is_not_a_partnership(kb):
    text = ("Hà Nội, ngày 5/3/2025 - Việt Nam và Indonesia rà soát việc thực hiện "
            "Kế hoạch hành động triển khai quan hệ Đối tác Chiến lược giai đoạn 2024-2028.")
    doc = process(Document(path="t.txt", raw=text))
    assert any(e["id"].startswith("instrument:found-") for e in doc.facts["found_entities"])
    assert not doc.facts.get("partnerships")


def test_a_forum_named_without_the_pair_is_not_the_pairs_mechanism_and_its_venue_is_no_part_of_it(kb):
    text = "Prime Minister Shigeru Ishiba met Prime Minister Narendra Modi at the Raisina Dialogue in New Delhi."
    result = link_text(text, kb, "en")
    [entity] = [e for i, e in result.found.items() if not i.startswith("person:")]
    assert entity.name == "Raisina Dialogue" and not entity.export().get("parties")


def test_two_names_joined_by_and_the_stay_two(kb):
    text = "Both leaders welcomed the Agreement on Fisheries Subsidies and the Kunming-Montreal Global Biodiversity Framework."
    names = {e.name for e in found(kb, text, "en")[0].values()}
    assert "Kunming-Montreal Global Biodiversity Framework" in names
    assert not any("and the" in name for name in names)


def test_an_owner_in_the_possessive_is_no_part_of_the_name(kb):
    text = "Jakarta welcomed the Government's Digital Transformation Strategy and Malaysia's Green Technology Masterplan."
    names = {e.name for e in found(kb, text, "en")[0].values()}
    assert "Digital Transformation Strategy" in names
    assert not any("'s" in name for name in names)


def test_a_name_ends_on_its_period_before_and(kb):
    text = "They reviewed the Joint Plan of Action 2021-2025 and Digital Economy Framework Agreement."
    names = {e.name for e in found(kb, text, "en")[0].values()}
    assert "Digital Economy Framework Agreement" in names
    assert not any("and" in name.split() for name in names)


def test_a_year_right_after_the_head_belongs_to_the_name(kb):
    entities, _ = found(kb, "Jakarta presented its Golden Indonesia Vision 2045 to the delegation.", "en")
    (entity,) = entities.values()
    assert entity.name.endswith("Vision 2045")
