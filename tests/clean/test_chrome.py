"""The cleaner on page dumps written for these tests, in Vietnamese, Chinese and English."""

from __future__ import annotations

from communique.clean import clean
from communique.model import Document

VI_DUMP = """Thời sự
Việt Nam và Australia nâng cấp quan hệ lên Đối tác chiến lược toàn diện
Thứ Năm, 07/03/2024 - 15:20
Chiều 7/3, tại Canberra, Thủ tướng Phạm Minh Chính và Thủ tướng Anthony Albanese đã hội đàm, nhất trí nâng cấp quan hệ hai nước.
Thủ tướng Phạm Minh Chính thăm chính thức Australia Hai nước ký kết nhiều văn kiện hợp tác quan trọng Bộ trưởng Ngoại giao tiếp Đại sứ New Zealand nhân dịp kết thúc nhiệm kỳ
Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại, đầu tư và chuyển đổi năng lượng.
Thủ tướng Phạm Minh Chính và Thủ tướng Anthony Albanese tại lễ đón. Ảnh: Dương Giang/TTXVN
Việt Nam và Australia nâng cấp quan hệ lên Đối tác chiến lược toàn diện
Hai nhà lãnh đạo cũng trao đổi về các vấn đề khu vực và quốc tế cùng quan tâm, trong đó có Biển Đông.
Ngọc Anh
Tin khác
Hà Nội ra mắt tuyến xe buýt điện mới
Hà Nội ra mắt tuyến xe buýt điện mới
Sáng nay, tuyến xe buýt điện đầu tiên đi qua trung tâm thành phố đã chính thức vận hành.
Dự báo thời tiết cuối tuần: miền Bắc có mưa rào
© Bản quyền thuộc về Báo Điện tử Ví Dụ
"""


def _clean(text: str) -> Document:
    return clean(Document(path="t.txt", raw=text))


def test_vietnamese_dump_keeps_article_and_drops_chrome():
    doc = _clean(VI_DUMP)
    assert "nhất trí nâng cấp quan hệ hai nước." in doc.body
    assert "có Biển Đông." in doc.body
    for chrome in ("Tin khác", "xe buýt", "thời tiết", "Bản quyền", "Thời sự",
                   "Bộ trưởng Ngoại giao tiếp Đại sứ New Zealand", "Thứ Năm"):
        assert chrome not in doc.body, chrome
    assert doc.body.count("Việt Nam và Australia nâng cấp quan hệ lên Đối tác chiến lược toàn diện") == 1
    assert doc.meta.title == "Việt Nam và Australia nâng cấp quan hệ lên Đối tác chiến lược toàn diện"
    assert doc.meta.author == "Ngọc Anh"
    assert doc.meta.published is not None and doc.meta.published.iso() == "2024-03-07"
    assert doc.meta.photo_credits == ["Dương Giang/TTXVN"]
    assert "Ngọc Anh" not in doc.body


def test_caption_stays_in_body_as_caption():
    doc = _clean(VI_DUMP)
    captions = [doc.body[p.start:p.end] for p in doc.paragraphs if p.kind == "caption"]
    assert captions == ["Thủ tướng Phạm Minh Chính và Thủ tướng Anthony Albanese tại lễ đón. Ảnh: Dương Giang/TTXVN"]


def test_removed_spans_point_into_raw_and_body_maps_back():
    doc = _clean(VI_DUMP)
    kinds = {doc.raw[s.start:s.end]: s.kind for s in doc.removed}
    assert kinds["Tin khác"] == "tail_marker"
    assert kinds["Ngọc Anh"] == "byline"
    assert kinds["Thứ Năm, 07/03/2024 - 15:20"] == "dateline"
    start = doc.body.index("Hai bên nhất trí")
    raw_start = doc.raw_offset(start)
    assert doc.raw[raw_start:raw_start + 16] == "Hai bên nhất trí"


ZH_DUMP = """国际
中越发表关于进一步深化和提升全面战略合作伙伴关系的联合声明
王明 2023年12月13日 10:05
12月12日至13日,中共中央总书记、国家主席习近平对越南进行国事访问。
访问期间,两党两国领导人就双边关系和共同关心的国际地区问题深入交换意见,达成广泛共识。
双方同意构建具有战略意义的中越命运共同体。
据新华社报道
https://news.example.cn/2023-12/13/c_1234.htm
复制链接
最新的
越南北部迎来强降温天气
供电内容管理系统- 一款产品
"""


def test_chinese_dump_trailer_becomes_metadata():
    doc = _clean(ZH_DUMP)
    assert doc.meta.title == "中越发表关于进一步深化和提升全面战略合作伙伴关系的联合声明"
    assert doc.meta.published is not None and doc.meta.published.iso() == "2023-12-13"
    assert doc.meta.author == "王明"
    assert doc.meta.source == "新华社"
    assert doc.meta.url == "https://news.example.cn/2023-12/13/c_1234.htm"
    assert doc.body.endswith("双方同意构建具有战略意义的中越命运共同体。")
    assert doc.body.startswith("中越发表")  # the section label "国际" above the headline is gone
    for chrome in ("复制链接", "最新的", "降温", "内容管理系统", "据新华社"):
        assert chrome not in doc.body, chrome


EN_INLINE_BOX = """Australia and Vietnam lift ties to the highest level
By Jane Citizen
March 7, 2024 3:20 PM
Australia and Vietnam have upgraded their relationship to a Comprehensive Strategic Partnership, the two prime ministers said in Canberra.
Related
Albanese hosts ASEAN leaders in Melbourne
Trade between the two countries reached a record last year
The new framework covers defence, trade, energy transition and education.
Officials said the agreement would be followed by an action plan.
"""


def test_inline_related_box_ends_where_prose_resumes():
    doc = _clean(EN_INLINE_BOX)
    assert "Albanese hosts ASEAN leaders" not in doc.body
    assert "Related" not in doc.body
    assert "The new framework covers defence" in doc.body
    assert "followed by an action plan." in doc.body
    assert doc.meta.author == "Jane Citizen"
    assert doc.meta.published is not None and doc.meta.published.iso() == "2024-03-07"


def test_document_without_headline_has_no_title():
    text = ("Tại cuộc đối thoại, hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.\n\n"
            "Hai bên cũng trao đổi về hợp tác kinh tế và giáo dục.\n")
    doc = _clean(text)
    assert doc.meta.title is None
    assert doc.body == ("Tại cuộc đối thoại, hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.\n"
                        "Hai bên cũng trao đổi về hợp tác kinh tế và giáo dục.")


def test_last_prose_sentence_is_not_a_byline():
    text = "Two leaders met in Hanoi and agreed to deepen cooperation.\nThey will meet again.\n"
    doc = _clean(text)
    assert doc.meta.author is None
    assert doc.body.endswith("They will meet again.")


def test_same_article_with_other_chrome_has_same_identity():
    body = ("Chiều 7/3, tại Canberra, Thủ tướng Phạm Minh Chính và Thủ tướng Anthony Albanese đã hội đàm.\n"
            "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư.\n")
    first = _clean("Thế giới\n\n" + body + "\nXem nhiều\nGiá vàng hôm nay tăng mạnh\n")
    second = _clean(body + "\n\nCó thể bạn quan tâm\nTin bóng đá mới nhất\n© 2024 Báo Mẫu\n")
    assert first.sha256 == second.sha256
