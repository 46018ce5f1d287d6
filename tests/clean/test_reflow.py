"""Hard-wrapped text (PDF, e-mail) re-flowed into paragraphs before the later stages (issue 16)."""

from __future__ import annotations

from communique.clean import clean
from communique.clean.lines import reflow, split_lines
from communique.model import Document

EN_WRAPPED = """JOINT STATEMENT

1. At the invitation of the President of the Federative Republic of
Brazil, the President of the People's Republic of China paid a state
visit to Brazil from 19 to 21 November 2024.

2. The two sides agreed to elevate their relationship to a China-Brazil
community with a shared future for a more just world and a more
sustainable planet, and to deepen cooperation in the following areas:
- trade and investment, including the digital economy and green
  industries of both countries
- science, technology and innovation

Economic Cooperation

3. The two sides welcomed the growth of bilateral trade, which reached
USD 181 billion in 2023, and agreed to expand it further.
"""


def _clean(text: str) -> Document:
    return clean(Document(path="t.txt", raw=text))


def test_wrapped_english_paragraphs_become_one_line_each():
    doc = _clean(EN_WRAPPED)
    lines = doc.body.split("\n")
    assert ("1. At the invitation of the President of the Federative Republic of Brazil, the President "
            "of the People's Republic of China paid a state visit to Brazil from 19 to 21 November 2024.") in lines
    assert any(line.startswith("3. The two sides welcomed") and line.endswith("expand it further.") for line in lines)


def test_headings_list_items_and_clause_numbers_are_not_joined():
    lines = _clean(EN_WRAPPED).body.split("\n")
    assert "Economic Cooperation" in lines
    assert "JOINT STATEMENT" in lines or "JOINT STATEMENT" not in _clean(EN_WRAPPED).body
    items = [line for line in lines if line.startswith("- ")]
    assert items == ["- trade and investment, including the digital economy and green industries of both countries",
                     "- science, technology and innovation"]
    assert not any("areas: -" in line for line in lines)


def test_offsets_of_reflowed_text_map_back_to_raw():
    doc = _clean(EN_WRAPPED)
    for phrase in ("paid a state", "visit to Brazil", "USD 181 billion", "industries of both"):
        start = doc.body.index(phrase)
        raw = doc.raw_offset(start)
        word = phrase.split()[0]
        assert doc.raw[raw:raw + len(word)] == word, phrase


def test_vietnamese_pdf_text_is_reflowed():
    text = """Điều 1. Hai bên nhất trí nâng cấp quan hệ Việt Nam - Indonesia lên Đối
tác chiến lược toàn diện, trên cơ sở tôn trọng độc lập, chủ quyền và
toàn vẹn lãnh thổ của nhau.
Điều 2. Hai bên thúc đẩy hợp tác quốc phòng, an ninh, hàng hải và
chống tội phạm xuyên quốc gia, trong đó có buôn bán người và ma túy.
Điều 3. Hai bên phấn đấu đưa kim ngạch thương mại song phương đạt 18
tỷ USD vào năm 2028, tăng cường kết nối chuỗi cung ứng khu vực.
"""
    lines = _clean(text).body.split("\n")
    assert len(lines) == 3
    assert lines[0].endswith("lên Đối tác chiến lược toàn diện, trên cơ sở tôn trọng độc lập, chủ quyền và "
                             "toàn vẹn lãnh thổ của nhau.")
    assert "đạt 18 tỷ USD vào năm 2028" in lines[2]


def test_chinese_wrapped_text_is_joined_without_spaces():
    text = "\n".join([
        "一、应印度共和国总理莫迪邀请，法兰西共和国总统马克龙于２０２５年２月",
        "１０日至１２日对印度进行国事访问。双方同意进一步深化全面战略伙伴关系，",
        "加强在国防、民用核能和空间领域的合作。",
        "二、双方欢迎两国贸易和投资快速增长，同意在人工智能、数字公共基础设施",
        "和关键矿产领域开展更多合作，共同推动印太地区的和平与稳定发展进程。",
        "三、双方同意于明年举行新一轮战略对话，并加强两国人民之间的往来交流。",
    ]) + "\n"
    lines = _clean(text).body.split("\n")
    assert lines[0] == ("一、应印度共和国总理莫迪邀请，法兰西共和国总统马克龙于２０２５年２月１０日至１２日对印度进行国事访问。"
                        "双方同意进一步深化全面战略伙伴关系，加强在国防、民用核能和空间领域的合作。")
    assert len(lines) == 3


def test_text_with_one_paragraph_a_line_is_left_alone():
    raw = "\n".join(f"Paragraph {n} of an article that keeps each paragraph on its own line, "
                    "as page dumps do, whatever the length of the paragraph happens to be." for n in range(8))
    lines = split_lines(raw)
    assert reflow(lines) == lines
