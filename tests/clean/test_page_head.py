"""Page heads, widgets and unmarked link boxes in page dumps written for these tests (issue 16)."""

from __future__ import annotations

from communique.clean import clean
from communique.model import Document


def _clean(text: str) -> Document:
    return clean(Document(path="t.txt", raw=text))


VI_BREADCRUMB = """Trang chủ Thế giới Châu Á
08:15 | 12/09/2025 GMT+7

Việt Nam và Nhật Bản thúc đẩy hợp tác kinh tế số

Aa
Chiều 11/9, tại Tokyo, Thủ tướng hai nước đã hội đàm về hợp tác kinh tế số và chuyển đổi xanh.
Thủ tướng tiếp Đại sứ Nhật Bản chào từ biệt, kết thúc nhiệm kỳ
Bộ trưởng Ngoại giao: Tăng cường kết nối giữa hai nền kinh tế

Hai bên nhất trí sớm hoàn tất đàm phán các dự án hạ tầng lớn.
"""


def test_breadcrumb_without_separators_is_a_label_and_the_headline_is_the_title():
    doc = _clean(VI_BREADCRUMB)
    assert doc.meta.title == "Việt Nam và Nhật Bản thúc đẩy hợp tác kinh tế số"
    assert "Trang chủ" not in doc.body
    assert "Aa" not in doc.body.split("\n")


def test_run_of_unterminated_short_lines_between_paragraphs_is_a_link_box():
    doc = _clean(VI_BREADCRUMB)
    assert "chào từ biệt" not in doc.body
    assert "Tăng cường kết nối" not in doc.body
    assert "hội đàm về hợp tác kinh tế số" in doc.body
    assert "dự án hạ tầng lớn." in doc.body


def test_a_single_unterminated_line_or_a_list_stays():
    text = """Indonesia và Australia tăng cường hợp tác quốc phòng

Ngày 20/8, hai Bộ trưởng Quốc phòng đã ký thỏa thuận mới. Các nội dung chính gồm:
- Tập trận chung hằng năm, mở rộng quy mô
- Trao đổi sĩ quan, đào tạo chung

Hai bên cũng nhất trí tăng cường hợp tác hàng hải.
Thỏa thuận có hiệu lực từ năm sau, theo Bộ Quốc phòng Indonesia
Hai bên sẽ rà soát việc thực hiện mỗi năm.
"""
    doc = _clean(text)
    assert "Tập trận chung hằng năm, mở rộng quy mô" in doc.body
    assert "Trao đổi sĩ quan" in doc.body
    assert "theo Bộ Quốc phòng Indonesia" in doc.body


ZH_SITE_HEAD = """巴西圣保罗华人商会

深化合作,共创未来

中华人民共和国和巴西联邦共和国联合声明(全文)

(2024年11月20日,巴西利亚)

一、应巴西联邦共和国总统卢拉邀请,中华人民共和国主席习近平于2024年11月20日对巴西进行国事访问。

二、双方一致认为,中巴全面战略伙伴关系具有全球影响。
"""


def test_site_name_and_slogan_above_the_title_are_labels():
    doc = _clean(ZH_SITE_HEAD)
    assert doc.meta.title == "中华人民共和国和巴西联邦共和国联合声明(全文)"
    assert "华人商会" not in doc.body
    assert "共创未来" not in doc.body
    assert "一、应巴西联邦共和国总统卢拉邀请" in doc.body


ZH_WITH_LATIN_NOTICE = """From 1 July our website moves to a new address, and older pages will no longer be updated. Thank you!

中国与马来西亚发表关于构建高水平战略性命运共同体的联合声明

2024 年 06 月 20 日星期四

新华社吉隆坡6月19日电 应马来西亚总理安瓦尔邀请,国务院总理李强于6月18日至20日对马来西亚进行正式访问。

双方同意加强在数字经济、绿色发展等领域合作。
"""


def test_notice_in_the_other_script_above_a_chinese_article_is_chrome():
    doc = _clean(ZH_WITH_LATIN_NOTICE)
    assert "website" not in doc.body
    assert doc.meta.title == "中国与马来西亚发表关于构建高水平战略性命运共同体的联合声明"


def test_latin_lines_inside_a_chinese_article_stay():
    text = ZH_WITH_LATIN_NOTICE.replace("双方同意", "The two sides agreed to deepen trade ties.\n\n双方同意")
    doc = _clean(text)
    assert "The two sides agreed to deepen trade ties." in doc.body


def test_a_chinese_line_quoting_an_english_name_is_not_a_notice():
    text = "日本与菲律宾领导人同意把两国的「加強版戰略夥伴關係」（Strengthened Strategic Partnership）提升到新水平。"
    assert _clean(text).body.strip() == text
    doc = _clean("Thủ tướng Việt Nam gặp Thủ tướng Nhật Bản (日本首相) tại Tokyo ngày 5/3/2025.\n")
    assert "日本首相" in doc.body


EN_WIDGETS = """India, France deepen defence ties with submarine deal

New Delhi: India and France signed an agreement on Thursday to build three more submarines.
Short Url
The deal follows talks between the two defence ministers in Paris.

Your comment
0/1000
No comments yet
Both navies will also hold a joint exercise in the Indian Ocean next year.
"""


def test_share_and_comment_widgets_are_chrome():
    doc = _clean(EN_WIDGETS)
    for widget in ("Short Url", "Your comment", "0/1000", "No comments yet"):
        assert widget not in doc.body, widget
    assert "three more submarines." in doc.body
    assert "defence ministers in Paris." in doc.body


def test_alt_text_repeating_the_headline_before_a_caption_is_removed_and_the_caption_kept():
    text = """泰马合作日益深化

泰国总理和马来西亚总理12日在曼谷举行会谈。

泰马合作日益深化 ảnh 1两国总理出席签字仪式。图自越通社

双方同意加强边境贸易合作。
"""
    doc = _clean(text)
    assert "ảnh 1" not in doc.body
    assert "两国总理出席签字仪式。图自越通社" in doc.body
    start = doc.body.index("两国总理")
    raw = doc.raw_offset(start)
    assert doc.raw[raw:raw + 4] == "两国总理"


def test_store_stamp_glued_to_the_first_line_is_a_dateline():
    doc = _clean("date 2025-02-12 Paris, Feb 12 (PTI) Prime Minister Modi and President Macron held talks.\n\n"
                 "A joint statement was issued on Wednesday.\n")
    assert doc.body.startswith("Paris, Feb 12 (PTI)")
    assert doc.meta.published is not None and doc.meta.published.iso() == "2025-02-12"
    month = _clean("date 2023-05 Thái Lan và Malaysia nhất trí mở rộng thương mại biên giới.\n")
    assert month.meta.published is not None and month.meta.published.iso() == "2023-05"
    assert "date" not in month.body


def test_page_clock_above_the_title_is_not_the_publication_date():
    text = """Analytic
Thứ Hai, ngày 14 tháng 03 năm 2016, 10:02:11

Chủ tịch nước hội đàm với Tổng thống Indonesia

PV - 09:30, 11/09/2023

Sáng 11/9, Chủ tịch nước đã hội đàm với Tổng thống Indonesia tại Phủ Chủ tịch.
"""
    doc = _clean(text)
    assert doc.meta.published is not None and doc.meta.published.iso() == "2023-09-11"
    assert "2016" not in doc.body


def test_a_stamp_older_than_the_events_the_article_reports_is_not_the_publication_date():
    text = """Thứ Sáu, 02/01/2015

Quan hệ Việt Nam - Ấn Độ phát triển mạnh mẽ

Ngày 3/9/2016, hai nước đã nâng cấp quan hệ lên Đối tác chiến lược toàn diện.
"""
    doc = _clean(text)
    assert doc.meta.published is None or doc.meta.published.iso() != "2015-01-02"


def test_an_english_headline_starting_with_home_is_the_title_not_a_breadcrumb():
    text = ("Home ministers of Malaysia and Indonesia meet in Jakarta\n\n"
            "Jakarta, 4 March 2025 - The home ministers of the two countries agreed to step up border cooperation.\n")
    doc = _clean(text)
    assert doc.meta.title == "Home ministers of Malaysia and Indonesia meet in Jakarta"
    assert _clean("Home World Asia\n\n" + text).meta.title == doc.meta.title


def test_a_period_or_plan_ahead_of_the_stamp_does_not_unseat_it():
    text = ("Vietnam, Korea sign energy MoU\n02/02/2025 10:15\n"
            "Hanoi (VNA) – Vietnam and the Republic of Korea signed a memorandum of understanding on energy "
            "cooperation on Sunday. The memorandum, which runs from March 2025 to December 2027, was signed by "
            "the two ministers. The programme will be reviewed in June 2026. It stays valid until December 2028.\n")
    assert _clean(text).meta.published.iso() == "2025-02-02"
