"""Event triggers as a grammar, event identity, framed visits, dates and sentence splitting, on
sentences written for these tests (other country pairs than the seeds)."""

from __future__ import annotations

import pytest

from communique.extract.context import sentences
from communique.merge.events import group_events
from communique.model import Document, Metadata
from communique.pipeline import process


def events(text: str, published=None) -> list[dict]:
    hints = Metadata(published=published) if published else None
    doc = process(Document(path="t.txt", raw=text, hints=hints) if hints else Document(path="t.txt", raw=text))
    return [e for e in doc.facts["events"] if e["status"] == "held"]


def kinds(text: str) -> list[str]:
    return sorted(e["type"] for e in events(text))


# --- triggers: verb + modifiers + noun -------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("On March 4, 2025, Prime Minister Anthony Albanese and President Prabowo Subianto held wide-ranging "
     "talks in Jakarta.", "talks"),
    ("President Emmanuel Macron hosted Prime Minister Narendra Modi for long bilateral talks at the Elysee "
     "on 10 July 2025.", "talks"),
    ("On 3 June 2025, Prime Minister Anwar Ibrahim sat down for a bilateral meeting with Prime Minister "
     "Paetongtarn Shinawatra in Bangkok.", "meeting"),
    ("Ngày 5/6/2025, Thủ tướng Phạm Minh Chính đã có buổi làm việc với Thủ tướng Nhật Bản Ishiba Shigeru.",
     "meeting"),
    ("Ngày 5/6/2025, Thủ tướng Phạm Minh Chính có buổi gặp với Thủ tướng Nhật Bản Ishiba Shigeru.", "meeting"),
    ("2025年6月5日，中国和巴西两国外长在北京举行双边会议。", "meeting"),
])
def test_verb_modifiers_noun(text, kind):
    assert kind in kinds(text)


def test_co_chaired_bilateral_session_is_a_meeting():
    vi = ("Sáng 20/8/2025, Thủ tướng Phạm Minh Chính và Thủ tướng Malaysia Anwar Ibrahim đồng chủ trì Kỳ họp "
          "lần thứ 3 Ủy ban hỗn hợp Việt Nam - Malaysia tại Hà Nội.")
    zh = "2025年8月20日，印度和法国外长在新德里共同主持第五次印法联合委员会会议。"
    assert kinds(vi) == ["meeting"]
    assert kinds(zh) == ["meeting"]


@pytest.mark.parametrize("text", [
    "On 9 September 2025, Prime Minister Narendra Modi and President Emmanuel Macron co-chaired the AI Action "
    "Summit in Paris.",
    "Ngày 9/9/2025, Tổng thống Indonesia đồng chủ trì Hội nghị Cấp cao ASEAN lần thứ 47 tại Jakarta.",
    "Ngày 9/9/2025, Bộ Công Thương tổ chức thành công Hội nghị tổng kết năm tại Hà Nội.",
    "Ngày 9/9/2025, Thủ tướng có cơ hội gặp nhiều doanh nghiệp Nhật Bản tại Tokyo.",
])
def test_multilateral_or_domestic_sessions_are_not_bilateral_meetings(text):
    assert "meeting" not in kinds(text)


def test_trigger_respects_tone_marks():
    # "hồi đáp" (a reply) folds like "hội đàm" would not, but "hỏi đám" must not be talks either.
    text = "Ngày 5/6/2025, Bộ Ngoại giao Việt Nam gửi công hàm hồi đáp Đại sứ quán Nhật Bản về việc hỏi đám."
    assert "talks" not in kinds(text)
    assert "talks" in kinds("Ngày 5/6/2025, Thủ tướng Việt Nam hội đàm với Thủ tướng Nhật Bản Ishiba Shigeru.")


# --- statements --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A joint statement issued on 12 May 2025 by India and France set out a roadmap for defence cooperation.",
    "Ngày 12/5/2025, Việt Nam và Nhật Bản đã ra Tuyên bố chung về quan hệ Đối tác chiến lược toàn diện.",
    "2025年5月12日，中国和巴西发表了关于深化两国全面战略伙伴关系的联合声明。",
])
def test_reported_statement_is_a_statement_event_in_a_news_article(text):
    assert "statement" in kinds(text)


def test_statement_document_is_one_statement_event():
    text = ("India–Indonesia Joint Statement\n"
            "New Delhi, 25 January 2025\n"
            "1. At the invitation of Prime Minister Narendra Modi, President Prabowo Subianto paid a state visit "
            "to India.\n"
            "2. The two leaders agreed to deepen cooperation in defence, trade and health.\n")
    statements = [e for e in events(text) if e["type"] == "statement"]
    assert len(statements) == 1 and statements[0]["date"] == "2025-01-25"


def test_news_without_a_statement_has_no_statement_event():
    text = "On 12 May 2025, India and France held talks in Paris and agreed to expand trade."
    assert "statement" not in kinds(text)


# --- identity ----------------------------------------------------------------------------------------

def test_respectively_gives_one_meeting_per_subject():
    text = ("2025年3月4日，国务院总理李强、全国人民代表大会常务委员会委员长赵乐际分别会见巴西总统卢拉。")
    meetings = [e for e in events(text) if e["type"] == "meeting"]
    assert len(meetings) == 2
    assert {"person:li-qiang", "person:zhao-leji"} == {p for m in meetings for p in m["participants"]} - {
        p for p in meetings[0]["participants"] if p in meetings[1]["participants"]}


def test_two_meetings_with_different_counterparts_stay_apart_through_the_merge():
    text = ("Ngày 4/3/2025, Thủ tướng Phạm Minh Chính tiếp xã giao Bộ trưởng Ngoại giao Ấn Độ Subrahmanyam "
            "Jaishankar.\n"
            "Ngày 4/3/2025, Chủ tịch nước Lương Cường tiếp xã giao Bộ trưởng Ngoại giao Ấn Độ Subrahmanyam "
            "Jaishankar.\n")
    found = events(text)
    meetings = [e for e in found if e["type"] == "meeting"]
    assert len(meetings) == 2
    assert len([e for e in group_events(found) if e["type"] == "meeting"]) == 2


def test_recalled_visit_keeps_its_own_date():
    text = ("On 14 May 2025, Prime Minister Anthony Albanese held talks with President Prabowo Subianto in "
            "Jakarta. Albanese last visited Indonesia in June 2022.")
    visits = [e for e in events(text) if e["type"] == "visit"]
    assert [v["date"] for v in visits] == ["2022-06"]
    talks = [e for e in events(text) if e["type"] == "talks"]
    assert talks[0]["date"] == "2025-05-14"


def test_coordinated_verbs_of_one_sitting_are_one_event():
    text = "Ngày 4/3/2025, Thủ tướng Phạm Minh Chính đã tiếp và hội đàm với Thủ tướng Thái Lan Paetongtarn Shinawatra."
    assert kinds(text) == ["talks"]


# --- framed visits and part_of -----------------------------------------------------------------------

def test_framed_visit_with_its_own_dates_is_an_event_and_holds_the_talks():
    text = "在巴西总统于2025年5月12日至14日对中国进行国事访问期间，两国元首举行会谈。"
    found = {e["type"]: e for e in events(text)}
    assert found["visit"]["date"] == "2025-05-12" and found["visit"]["end_date"] == "2025-05-14"
    assert found["talks"]["part_of"] == found["visit"]["id"]


def test_frame_without_dates_of_its_own_stays_a_frame():
    text = ("Trong khuôn khổ chuyến thăm chính thức Ấn Độ, chiều 5/8/2025, Thủ tướng Phạm Minh Chính hội đàm "
            "với Thủ tướng Narendra Modi.")
    assert kinds(text) == ["talks"]


# --- dates -------------------------------------------------------------------------------------------

def test_nearest_date_and_no_date_from_a_future_clause():
    text = ("Jakarta, 29 August 2025: Thailand and Malaysia signed a border agreement on Thursday, as the new "
            "government prepares to take office in October.")
    (signing,) = [e for e in events(text) if e["type"] == "signing"]
    assert signing["date"] == "2025-08-28"


# --- sentences ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, count", [
    ("H.E. Mr. Anwar Ibrahim met Mr. Modi in the U.S. in Sept. 2024. They agreed.", "en", 2),
    ("John F. Kennedy visited. Then he left.", "en", 2),
    ("TS. Nguyễn Văn An phát biểu tại Tp. Hồ Chí Minh. Hội nghị bế mạc.", "vi", 2),
    ("两国元首举行会谈。双方发表联合声明！", "zh", 2),
])
def test_sentences_keep_abbreviations(text, lang, count):
    found = sentences(text, text, lang)
    assert len(found) == count
    assert all(text[s.start:s.end] == s.text for s in found)


def test_an_undated_intention_is_not_an_event():
    text = ("On 4 May 2025, Prime Minister Anthony Albanese held talks with President Prabowo Subianto. "
            "The two leaders pledged to hold the next strategic dialogue in Canberra.")
    doc = process(Document(path="t.txt", raw=text))
    assert [e["type"] for e in doc.facts["events"]] == ["talks"]


def test_an_undated_report_takes_its_publication_date_when_its_text_states_none():
    from communique.model import DateValue

    text = ("Tổng thống Indonesia Prabowo Subianto hội đàm với Thủ tướng Australia Anthony Albanese tại Jakarta, "
            "hai bên nhất trí tăng cường hợp tác quốc phòng.")
    [talks] = [e for e in events(text, DateValue(2025, 5, 15)) if e["type"] == "talks"]
    assert talks["date"] == "2025-05-15"
    # a publication date known to the month only is not a day to give the talks
    assert all(e["date"] is None for e in events(text, DateValue(2025, 5)) if e["type"] == "talks")


@pytest.mark.parametrize("text", [
    "2025年6月5日，中方愿同巴方一道，通过落实联合声明推动两国关系发展。",  # 通过: "through", not "adopted"
    "2025年6月5日，双方同意于2026年在雅加达举行第五次联委会会议。",  # agreed to hold: a plan
])
def test_zh_means_and_agreements_to_hold_are_no_held_event(text):
    assert not [e for e in events(text) if e["type"] in ("statement", "meeting")]


def test_a_vietnamese_headline_verb_needs_whom_it_meets():
    body = "\n\nHà Nội, ngày 5/6/2025 - Các doanh nghiệp cho biết chi phí vận chuyển tăng mạnh trong quý II.\n"
    assert "meeting" not in kinds("Doanh nghiệp Việt gặp khó khi xuất khẩu sang Nhật Bản" + body)
    assert "meeting" in kinds("Thủ tướng gặp Thủ tướng Nhật Bản Ishiba Shigeru" + body)


@pytest.mark.parametrize("text", [
    "On 4 June 2025 Malaysia hosted the ASEAN foreign ministers for talks on the South China Sea.",
    "On 4 June 2025 the ministry received a proposal for talks on a new air services agreement with Brazil.",
    "Japan and India concluded negotiations on the economic partnership agreement on 4 June 2025.",
])
def test_hosted_and_concluded_phrases_that_are_no_bilateral_sitting(text):
    assert not [k for k in kinds(text) if k in ("talks", "meeting")]


def test_received_reports_a_meeting_only_with_a_guest():
    assert "meeting" in kinds("On 4 June 2025 President Lula received the Prime Minister of India, Narendra Modi, "
                              "at the Planalto Palace.")
    assert "meeting" not in kinds("On 4 June 2025 the ministry of Brazil received a letter from India on visas.")
