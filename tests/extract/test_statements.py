"""Clauses, headings and pillars of joint statements (extract.statements) and the pillar classifier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.extract.pillars import classify_pillar, pillar_scores
from communique.extract.statements import Clause, find_clauses
from communique.kb.base import load_kb
from communique.model import Document
from communique.pipeline import process

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_003 = SHARED / "seeds" / "003_d606f655a8411790.txt"
GOLD = SHARED / "gold" / "seeds.json"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _doc(text: str, language: str) -> Document:
    return Document(path="test.txt", raw=text, body=text, language=language)


def _pillars(clauses: list[Clause]) -> dict[str, str]:
    return {c.number: c.pillar for c in clauses}


EN_TEN_SECTIONS = """JOINT STATEMENT ON THE ELEVATION OF RELATIONS TO A COMPREHENSIVE STRATEGIC PARTNERSHIP

1. At the invitation of the Prime Minister, the President paid a state visit from 3 to 5 May 2025. The two leaders held talks in a warm and friendly atmosphere.
2. Since the establishment of diplomatic relations in 1973, the two countries have built a long-standing friendship. The two leaders decided to elevate the relationship to a Comprehensive Strategic Partnership.

I. POLITICAL TRUST
3. The two sides will maintain high-level exchanges and strengthen party-to-party and parliamentary cooperation.
4. The two sides will hold an annual strategic dialogue between their foreign ministries.

II. DEFENCE, SECURITY AND LAW ENFORCEMENT
5. The two sides will deepen defence cooperation, including naval exchanges and United Nations peacekeeping.
6. The two sides will cooperate against transnational crime, cybercrime and human trafficking.

III. ECONOMIC CONNECTIVITY, TRADE AND INVESTMENT
7. The two sides aim to double bilateral trade to 20 billion USD by 2030 and will make full use of the CPTPP.

IV. SCIENCE, TECHNOLOGY AND INNOVATION
8. The two sides will work together on semiconductors, artificial intelligence and digital transformation.

V. HEALTH
9. The two sides will cooperate on pandemic preparedness, vaccines and universal health coverage.

VI. CLIMATE CHANGE
10. The two sides will support a just energy transition and cooperate on climate adaptation in the Mekong Delta.

VII. ENERGY TRANSITION
11. The two sides will develop offshore wind and power grid infrastructure.

VIII. EDUCATION AND TRAINING
12. The two sides will expand scholarships and joint training programmes between universities.

IX. PEOPLE-TO-PEOPLE LINKS
13. The two sides will promote tourism, direct flights and youth exchanges.

X. REGIONAL AND INTERNATIONAL ISSUES
14. The two sides support ASEAN centrality and freedom of navigation and overflight in the South China Sea, in accordance with UNCLOS.
15. The two Foreign Ministries shall coordinate with relevant ministries and agencies to develop an action plan to implement this Joint Statement.
"""


def test_english_ten_sections(kb) -> None:
    clauses = find_clauses(_doc(EN_TEN_SECTIONS, "en"), kb)
    assert [c.number for c in clauses] == [str(n) for n in range(1, 16)]
    assert _pillars(clauses) == {
        "1": "preamble", "2": "preamble", "3": "politics_security", "4": "politics_security",
        "5": "politics_security", "6": "politics_security", "7": "economy_trade", "8": "science_tech_health",
        "9": "science_tech_health", "10": "environment_energy", "11": "environment_energy",
        "12": "people_culture", "13": "people_culture", "14": "regional_international", "15": "implementation",
    }
    by_number = {c.number: c for c in clauses}
    assert by_number["1"].heading is None
    assert by_number["5"].heading == "DEFENCE, SECURITY AND LAW ENFORCEMENT"
    assert by_number["15"].heading == "REGIONAL AND INTERNATIONAL ISSUES"  # implementation even under the last heading


def test_offsets_exclude_the_number_prefix(kb) -> None:
    doc = _doc(EN_TEN_SECTIONS, "en")
    for clause in find_clauses(doc, kb):
        assert doc.body[clause.start:clause.end] == clause.text
        assert clause.text.startswith("The ") or clause.text.startswith(("At ", "Since "))
        assert doc.body[:clause.start].rstrip().endswith(f"{clause.number}.")


VI_STATEMENT = """TUYÊN BỐ CHUNG VỀ VIỆC NÂNG CẤP QUAN HỆ LÊN ĐỐI TÁC CHIẾN LƯỢC TOÀN DIỆN

1. Theo lời mời của Thủ tướng, Tổng Bí thư đã thăm chính thức từ ngày 10 đến 12/3/2025. Hai nhà lãnh đạo đã hội đàm trong bầu không khí hữu nghị.
2. Nhân dịp kỷ niệm 50 năm thiết lập quan hệ ngoại giao, hai bên quyết định nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện.

I. Tin cậy chính trị
1. Hai bên duy trì trao đổi đoàn cấp cao và tăng cường hợp tác giữa hai Quốc hội.
2. Hai bên tăng cường hợp tác quốc phòng, an ninh biển và phòng chống tội phạm xuyên quốc gia.

II. Kinh tế - thương mại - đầu tư
1. Hai bên phấn đấu nâng kim ngạch thương mại song phương lên 20 tỷ USD, thúc đẩy đầu tư và mở cửa thị trường cho nông sản.

III. Biến đổi khí hậu
1. Hai bên hợp tác về chuyển đổi năng lượng, điện gió ngoài khơi và ứng phó với biến đổi khí hậu ở đồng bằng sông Cửu Long.

IV. Giáo dục - đào tạo
1. Hai bên tăng học bổng cho sinh viên và thúc đẩy liên kết đào tạo giữa các trường đại học.

V. Các vấn đề khu vực và quốc tế
1. Hai bên ủng hộ vai trò trung tâm của ASEAN, giải quyết tranh chấp ở Biển Đông bằng biện pháp hòa bình trên cơ sở luật pháp quốc tế và UNCLOS.
2. Hai bên giao Bộ Ngoại giao hai nước chủ trì, phối hợp với các bộ, ngành liên quan xây dựng kế hoạch hành động để triển khai thực hiện Tuyên bố chung này.
"""


def test_vietnamese_numbering_restarting_per_section(kb) -> None:
    clauses = find_clauses(_doc(VI_STATEMENT, "vi"), kb)
    got = [(c.heading, c.number, c.pillar) for c in clauses]
    assert got == [
        (None, "1", "preamble"),
        (None, "2", "preamble"),
        ("Tin cậy chính trị", "1", "politics_security"),
        ("Tin cậy chính trị", "2", "politics_security"),
        ("Kinh tế - thương mại - đầu tư", "1", "economy_trade"),
        ("Biến đổi khí hậu", "1", "environment_energy"),
        ("Giáo dục - đào tạo", "1", "people_culture"),
        ("Các vấn đề khu vực và quốc tế", "1", "regional_international"),
        ("Các vấn đề khu vực và quốc tế", "2", "implementation"),
    ]


ZH_STATEMENT = """中越联合声明

应越南国家主席邀请，中国国家主席于12月12日至13日对越南进行国事访问。

一、政治互信
1. 双方将保持高层交往，加强党际交流和战略对话。
2. 双方将深化国防、公安和执法合作，共同打击跨国犯罪和电信诈骗。
二、务实合作
3. 双方将扩大双边贸易，推进跨境铁路和口岸等基础设施互联互通。
4. 双方将加强农产品市场准入合作，欢迎更多企业相互投资。
三、人文交流
5. 双方将加强青年、教育、文化和旅游交流，便利人员往来。
四、多边协调
6. 双方将在联合国、东盟等多边框架内加强协调，共同维护南海和平稳定。
7. 双方责成两国外交部牵头制定行动计划，落实本联合声明。

2023年12月13日于河内
"""


def test_chinese_statement(kb) -> None:
    clauses = find_clauses(_doc(ZH_STATEMENT, "zh"), kb)
    assert _pillars(clauses) == {
        "1": "politics_security", "2": "politics_security", "3": "economy_trade", "4": "economy_trade",
        "5": "people_culture", "6": "regional_international", "7": "implementation",
    }
    assert clauses[0].heading == "政治互信"
    assert clauses[-1].text == "双方责成两国外交部牵头制定行动计划，落实本联合声明。"  # the dateline is not part of it


UNUSUAL_ORDER = """Joint Vision Statement

1) Climate change
(1) The two sides will cooperate on renewable energy, net zero emissions and disaster risk reduction.
(2) The two sides will protect biodiversity and forests.
2) Regional and international issues
(3) The two sides support ASEAN centrality and the peaceful settlement of disputes in accordance with international law.
3) Trade and investment
(4) The two sides will remove non-tariff barriers and promote investment and supply chains.
4) Defence and security
(5) The two sides will hold a defence policy dialogue and cooperate on maritime security.
"""


def test_pillar_by_meaning_not_position(kb) -> None:
    clauses = find_clauses(_doc(UNUSUAL_ORDER, "en"), kb)
    assert [(c.number, c.heading, c.pillar) for c in clauses] == [
        ("1", "Climate change", "environment_energy"),
        ("2", "Climate change", "environment_energy"),
        ("3", "Regional and international issues", "regional_international"),
        ("4", "Trade and investment", "economy_trade"),
        ("5", "Defence and security", "politics_security"),
    ]


UNKNOWN_HEADING = """I. DEFENCE AND SECURITY
1. The two sides will cooperate on maritime security and law enforcement.
2. The two sides will combat drug trafficking.
II. THE WIDER WORLD
3. The two sides support ASEAN centrality and a rules-based international order.
4. The two sides call for freedom of navigation in the South China Sea and the peaceful settlement of disputes.
"""


def test_heading_unknown_to_the_lexicon_takes_the_vote_of_its_clauses(kb) -> None:
    assert classify_pillar("THE WIDER WORLD", kb, "en") == (None, 0.0)
    clauses = find_clauses(_doc(UNKNOWN_HEADING, "en"), kb)
    assert [c.pillar for c in clauses] == ["politics_security"] * 2 + ["regional_international"] * 2


UNNUMBERED_HEADINGS = """The two Prime Ministers adopted the following joint statement.

POLITICAL COOPERATION
1. The two sides will hold annual political consultations.
2. The two sides will expand parliamentary cooperation.

EDUCATION AND TRAINING
3. The two sides will increase scholarships for students.

The two foreign ministries will report to the leaders every year.
"""


def test_unnumbered_headings_and_closing_text(kb) -> None:
    clauses = find_clauses(_doc(UNNUMBERED_HEADINGS, "en"), kb)
    assert [(c.number, c.heading, c.pillar) for c in clauses] == [
        ("1", "POLITICAL COOPERATION", "politics_security"),
        ("2", "POLITICAL COOPERATION", "politics_security"),
        ("3", "EDUCATION AND TRAINING", "people_culture"),
    ]
    assert clauses[-1].text == "The two sides will increase scholarships for students."


MULTI_PARAGRAPH = """1. The Prime Minister paid an official visit at the invitation of the President.
2. The two sides agreed on the following measures:
a) expand two-way trade and investment;
b) cooperate on supply chains.
3. The two sides will cooperate on renewable energy.
4. The two foreign ministries shall coordinate the implementation of this joint statement and report to the leaders on the action plan.
"""


def test_clause_over_several_paragraphs_without_headings(kb) -> None:
    doc = _doc(MULTI_PARAGRAPH, "en")
    clauses = find_clauses(doc, kb)
    assert _pillars(clauses) == {"1": "preamble", "2": "economy_trade", "3": "environment_energy",
                                 "4": "implementation"}
    second = clauses[1]
    assert second.text.endswith("b) cooperate on supply chains.")
    assert doc.body[second.start:second.end] == second.text


NEWS = """Vietnam and Australia upgrade ties

CANBERRA - Vietnam's exports to Australia rose 14.3 percent in 2023 to 7.5 billion USD, officials said.
3 ministers and 120 business leaders accompanied the Prime Minister on the 2-day visit.
1. That is the first point made by analysts, who expect trade to reach 20 billion USD.
In 2024 the two countries will mark 51 years of diplomatic relations, the ministry said in a statement.
"""


def test_news_article_is_not_a_statement(kb) -> None:
    assert find_clauses(_doc(NEWS, "en"), kb) == []
    two_points = "Key points:\n1. Trade will grow.\n2. Tourism will grow.\n"
    assert find_clauses(_doc(two_points, "en"), kb) == []


def test_classify_pillar(kb) -> None:
    # A heading name outweighs a keyword of another pillar.
    assert classify_pillar("Education, science and climate", kb, "en")[0] == "people_culture"
    assert classify_pillar("Climate change", kb, "en") == ("environment_energy", 1.0)
    assert classify_pillar("经贸合作", kb, "zh")[0] == "economy_trade"
    assert classify_pillar("Giao lưu nhân dân", kb, "vi")[0] == "people_culture"
    assert classify_pillar("The weather was fine on Tuesday.", kb, "en") == (None, 0.0)
    # Word boundaries, and no match invented by folding away diacritics or case.
    assert classify_pillar("The tradesman left.", kb, "en") == (None, 0.0)
    assert "environment_energy" not in pillar_scores("Hai bên khẳng định quan hệ thân thiết.", kb, "vi")
    assert "regional_international" not in pillar_scores("Hai bên đọc kỹ văn bản.", kb, "vi")
    # The longest match counts once: "free trade agreement" is not also "trade".
    assert pillar_scores("a free trade agreement", kb, "en") == {"economy_trade": 1.0}
    # Confidence grows with the evidence.
    weak = classify_pillar("more trade", kb, "en")
    strong = classify_pillar("trade, investment and exports", kb, "en")
    assert weak[0] == strong[0] == "economy_trade" and weak[1] < strong[1]
    # The language is guessed from the script when not given.
    assert classify_pillar("双方将加强海上执法合作", kb)[0] == "politics_security"


@pytest.mark.skipif(not SEED_003.is_file(), reason="the seed documents live in ../shared")
def test_seed_003_matches_the_gold(kb) -> None:
    from communique.pipeline import process_path

    (doc,) = process_path(SEED_003)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"][SEED_003.name]["clauses"]
    expected = {number: pillar for pillar, numbers in gold.items() for number in numbers}
    clauses = find_clauses(doc, kb)
    assert len(clauses) == 48
    assert _pillars(clauses) == expected
    for clause in clauses:
        assert doc.body[clause.start:clause.end] == clause.text


# --- issue 16: clauses and pillars of statements written otherwise --------------------------------

EN_NO_HEADINGS = """Joint Statement by Indonesia and Australia

1. At the invitation of the Prime Minister of Australia, the President of the Republic of Indonesia paid a state visit to Canberra from 3 to 5 March 2025. The two leaders held talks in a warm and friendly atmosphere and welcomed the close people-to-people links between the two countries.
2. The two leaders recalled that the two countries have been close neighbours for more than seven decades, and reaffirmed their shared commitment to the peace and stability of the region.
3. The two sides agreed to deepen strategic mutual trust, to respect each other's core interests and to give each other priority in their foreign policy.
4. The two sides will expand two-way trade and investment and work towards the full use of the free trade agreement.
5. The two sides will increase scholarships and student exchanges between their universities.
"""


def test_statement_without_headings_opens_with_its_preamble(kb) -> None:
    clauses = find_clauses(_doc(EN_NO_HEADINGS, "en"), kb)
    assert _pillars(clauses) == {"1": "preamble", "2": "preamble", "3": "politics_security",
                                 "4": "economy_trade", "5": "people_culture"}


ZH_CJK_CLAUSES = """中华人民共和国和巴西联邦共和国联合声明

一、应巴西联邦共和国总统邀请，中华人民共和国主席于2024年11月19日至21日对巴西进行国事访问。访问期间，两国元首在亲切友好的气氛中举行会谈，就双边关系和共同关心的国际和地区问题深入交换意见。

二、双方一致认为，中巴关系具有战略意义。双方将进一步深化政治互信，在涉及彼此核心利益和重大关切问题上相互支持，巴方重申坚定奉行一个中国原则。

三、双方同意扩大贸易和投资，推进农产品市场准入，鼓励两国企业相互投资。

四、双方将在联合国、二十国集团和金砖国家等多边框架内加强协调，共同应对全球性挑战。

五、双方同意进一步
"""


def test_chinese_clauses_numbered_like_headings(kb) -> None:
    clauses = find_clauses(_doc(ZH_CJK_CLAUSES, "zh"), kb)
    assert [c.number for c in clauses] == ["1", "2", "3", "4", "5"]  # 五、: the last clause, cut off
    assert _pillars(clauses) == {"1": "preamble", "2": "politics_security", "3": "economy_trade",
                                 "4": "regional_international", "5": "regional_international"}
    assert all(c.heading is None for c in clauses)
    assert clauses[1].text.startswith("双方一致认为")


def test_chinese_section_numbers_stay_headings_above_clauses(kb) -> None:
    # 一、 over "1." clauses: the sections' headings (even when one is a long line).
    text = ZH_STATEMENT.replace("四、多边协调", "四、在国际和地区问题上加强多边协调，共同维护多边主义和国际秩序")
    clauses = find_clauses(_doc(text, "zh"), kb)
    assert [c.number for c in clauses] == [str(n) for n in range(1, 8)]
    assert clauses[0].heading == "政治互信" and clauses[5].pillar == "regional_international"


def test_clause_marker_after_a_glued_dateline(kb) -> None:
    en = ("Tokyo, March 6 (Kyodo):1. At the invitation of the Prime Minister of Japan, the President of Viet Nam "
          "paid a state visit to Japan from 4 to 7 March 2025 and held talks with the Prime Minister.\n"
          "2. The two sides agreed to strengthen defence and security cooperation, including maritime security.\n"
          "3. The two sides will expand trade, investment and supply chains.\n")
    clauses = find_clauses(_doc(en, "en"), kb)
    assert _pillars(clauses) == {"1": "preamble", "2": "politics_security", "3": "economy_trade"}
    assert clauses[0].text.startswith("At the invitation")
    vi = ("HÀ NỘI, ngày 7/3/2025: 1. Theo lời mời của Thủ tướng Nhật Bản, Chủ tịch nước đã thăm cấp nhà nước "
          "Nhật Bản từ ngày 4 đến 7/3/2025.\n"
          "2. Hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.\n"
          "3. Hai bên thúc đẩy thương mại và đầu tư.\n")
    clauses = find_clauses(_doc(vi, "vi"), kb)
    assert [c.number for c in clauses] == ["1", "2", "3"]
    assert clauses[0].text.startswith("Theo lời mời")
    # A colon after an ordinary opening phrase is no dateline.
    prose = ("In 2023, the two sides agreed: 1. to trade more.\n"
             "2. The two sides will expand investment and supply chains.\n"
             "3. The two sides will cooperate on renewable energy.\n")
    assert find_clauses(_doc(prose, "en"), kb) == []  # no "1.": "2." and "3." open no sequence


EN_SUBHEADINGS = """India–France Joint Statement

1. At the invitation of the President of the French Republic, the Prime Minister of India paid an official visit to France on 10-12 February 2025.
2. The two leaders discussed a wide range of issues including the economy, security, people-to-people exchanges and regional and international issues.
3. The leaders committed to a forward-looking partnership.
Bilateral Cooperation
(a) Defence and Security
4. The two sides will deepen defence industrial cooperation and hold joint exercises.
5. The two sides will cooperate against terrorism and cybercrime.
(b) Economic Cooperation
6. The two sides will expand bilateral trade and investment.
7. The two leaders underscored the intention of their governments to support
"""


def test_lower_case_sub_headings_and_a_run_of_headings(kb) -> None:
    clauses = find_clauses(_doc(EN_SUBHEADINGS, "en"), kb)
    assert [(c.number, c.heading, c.pillar) for c in clauses] == [
        ("1", None, "preamble"), ("2", None, "preamble"), ("3", None, "preamble"),
        ("4", "Defence and Security", "politics_security"), ("5", "Defence and Security", "politics_security"),
        ("6", "Economic Cooperation", "economy_trade"),
        ("7", "Economic Cooperation", "economy_trade"),  # cut off mid-sentence, still a clause
    ]


def test_a_heading_inside_the_clause_sequence(kb) -> None:
    text = ("1. At the invitation of the King of Thailand, the Prime Minister of Malaysia paid an official visit.\n"
            "2. The two leaders reviewed the long-standing friendship between the two countries.\n"
            "Trade and investment\n"
            "3. The two sides will work together to achieve their goals for the next five years.\n"
            "4. The two sides will hold regular meetings of the joint committee.\n")
    clauses = find_clauses(_doc(text, "en"), kb)
    assert [(c.number, c.pillar) for c in clauses] == [
        ("1", "preamble"), ("2", "preamble"), ("3", "economy_trade"), ("4", "economy_trade")]
    # A short unnumbered line naming no pillar, between clauses, is no heading.
    stray = text.replace("Trade and investment", "Page 2")
    assert [c.heading for c in find_clauses(_doc(stray, "en"), kb)] == [None] * 4


def test_one_or_two_clauses_make_a_statement_with_other_evidence(kb) -> None:
    named = ("Joint Statement between Thailand and Malaysia\n"
             "1. The Prime Minister of Malaysia paid an official visit to Thailand on 9-10 May 2025.\n"
             "2. The two sides agreed to expand trade and investment.\n")
    assert [c.number for c in find_clauses(_doc(named, "en"), kb)] == ["1", "2"]
    vi = ("Tuyên bố chung Việt Nam - Nhật Bản\n"
          "1. Hai bên nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện.\n")
    assert [c.number for c in find_clauses(_doc(vi, "vi"), kb)] == ["1"]
    top = ("1. At the invitation of the President of Brazil, the President of China paid a state visit to Brazil "
           "from 19 to 21 November 2024, and the two heads of state held talks in a warm and friendly atmosphere.\n"
           "2. The two sides agreed that the relationship between China and Brazil is of strategic significance, "
           "and will deepen political mutual trust and support each other on their core interests.\n")
    assert _pillars(find_clauses(_doc(top, "en"), kb)) == {"1": "preamble", "2": "politics_security"}


def test_a_short_numbered_list_in_a_news_report_is_no_statement(kb) -> None:
    news = ("Thailand and Malaysia pledge closer ties\n"
            "BANGKOK - The two prime ministers met on Friday and discussed trade, the border and tourism, "
            "officials said after the meeting in the capital.\n"
            "Analysts see two reasons for the new warmth between the neighbours.\n"
            "1. The two sides have settled most of their old disputes over fishing rights along the maritime "
            "border, which had soured relations for a decade and more.\n"
            "2. The two sides need each other's markets as exports to their largest buyers slow down this year "
            "and the next.\n")
    assert find_clauses(_doc(news, "en"), kb) == []
    # A statement's name alone, with numbering that does not start at 1, is not enough.
    late = "Joint Statement\n3. The two sides will expand trade.\n4. The two sides will promote tourism.\n"
    assert find_clauses(_doc(late, "en"), kb) == []


def test_politics_and_security_formulas_in_three_languages(kb) -> None:
    for text, lang in (
        ("The two sides will deepen strategic mutual trust and support each other on issues concerning "
         "their core interests.", "en"),
        ("The Chinese side reiterated that the relationship is a priority in its foreign policy.", "en"),
        ("The two sides reaffirmed respect for each other's sovereignty and territorial integrity and "
         "opposed interference in internal affairs.", "en"),
        ("Hai bên nhất trí củng cố lòng tin chiến lược, tôn trọng lợi ích cốt lõi của nhau.", "vi"),
        ("Phía Việt Nam coi quan hệ với Nhật Bản là ưu tiên hàng đầu trong chính sách đối ngoại.", "vi"),
        ("双方将在涉及彼此核心利益和重大关切问题上相互坚定支持。", "zh"),
        ("中方将中巴关系置于外交的优先方向。", "zh"),
    ):
        assert classify_pillar(text, kb, lang, running_text=True)[0] == "politics_security", text


def test_a_heading_name_in_running_text_is_one_phrase(kb) -> None:
    # "practical cooperation" names a heading; in a clause it does not outweigh the commitment.
    text = "The two sides have been deepening strategic mutual trust, political trust and practical cooperation."
    assert classify_pillar(text, kb, "en", running_text=True)[0] == "politics_security"
    assert classify_pillar("Practical cooperation", kb, "en") == ("economy_trade", 1.0)  # a heading still is


@pytest.mark.parametrize("text", [
    "Joint Statement between Malaysia and Thailand\n\nKuala Lumpur, 16 January 2023\n\n"
    "The two sides agreed to hold the Malaysia–Thailand Strategic Dialogue every year from 2023.\n\n"
    "The two sides will expand trade in rubber and palm oil, aiming at USD 30 billion by 2028.\n\n"
    "Thailand will provide 100 scholarships a year to Malaysian students.\n",
    "Tuyên bố chung Việt Nam - Kazakhstan\n\nAstana, ngày 6/5/2025\n\n"
    "Hai bên nhất trí tăng cường trao đổi đoàn cấp cao và duy trì các cơ chế hợp tác song phương.\n\n"
    "Hai bên sẽ thúc đẩy thương mại, phấn đấu đưa kim ngạch lên 2 tỷ USD trong thời gian tới.\n\n"
    "Hai bên nhất trí mở đường bay thẳng giữa Hà Nội và Astana trong năm 2025.\n",
])
def test_a_statement_without_numbers_has_its_paragraphs_as_clauses_numbered_by_position(text):
    doc = process(Document(path="s.txt", raw=text))
    clauses = [c for c in doc.facts["commitments"] if c.get("clause")]
    assert [c["clause"] for c in clauses] == ["1", "2", "3"]


def test_unnumbered_paragraphs_of_a_news_article_are_not_clauses():
    text = ("Malaysia and Thailand discuss trade\n\nKuala Lumpur, 16 January 2023 – The two sides agreed to "
            "expand trade in rubber and palm oil.\n\nThey will meet again next year in Bangkok, officials said.\n")
    doc = process(Document(path="n.txt", raw=text))
    assert not [c for c in doc.facts["commitments"] if c.get("clause")]
