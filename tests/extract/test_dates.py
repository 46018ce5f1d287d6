"""Date finder: forms in Vietnamese, Chinese and English, offsets, precision, ranges, URLs."""

from __future__ import annotations

import pytest

from communique.model import DateValue
from communique.text.dates import DateMention, date_from_url, find_dates, parse_date_string


def only(text: str, lang: str | None = None) -> DateMention:
    """The single date mention of `text`, with its offsets checked."""
    mentions = find_dates(text, lang)
    assert len(mentions) == 1, [m.text for m in mentions]
    return checked(text, mentions[0])


def checked(text: str, mention: DateMention) -> DateMention:
    assert text[mention.start : mention.end] == mention.text
    return mention


def texts(text: str, lang: str | None = None) -> list[str]:
    return [checked(text, m).text for m in find_dates(text, lang)]


def iso(value: DateValue | None) -> str | None:
    return value.iso() if value is not None else None


# --- Vietnamese ------------------------------------------------------------------------------


def test_vi_part_of_day_without_year():
    text = "Chiều 7/3, tại Canberra, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Anthony Albanese."
    m = only(text, "vi")
    assert (m.start, m.text) == (0, "Chiều 7/3")
    assert (m.year, m.month, m.day, m.part_of_day) == (None, 3, 7, "afternoon")
    assert m.value() is None  # no year stated, none invented
    assert m.value(2024) == DateValue(2024, 3, 7)
    assert m.end_value(2024) is None  # not a range


def test_vi_local_time_note_stays_outside():
    text = "Trong khuôn khổ chuyến thăm, chiều 29/10 (theo giờ địa phương), hai nhà lãnh đạo đã hội đàm."
    m = only(text, "vi")
    assert m.text == "chiều 29/10"
    assert (m.month, m.day, m.part_of_day) == (10, 29, "afternoon")


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Hai nhà lãnh đạo chụp ảnh chung ngày 29/10/2025 tại London.", "ngày 29/10/2025", "2025-10-29"),
        ("Bản ghi nhớ ký tại Hà Nội, 29/10/2025, có hiệu lực ngay.", "29/10/2025", "2025-10-29"),
        ("Hà Nội, ngày 29 tháng 10 năm 2025", "ngày 29 tháng 10 năm 2025", "2025-10-29"),
        ("Tin ngày 29-10-2025 cho biết đoàn đã đến Paris.", "ngày 29-10-2025", "2025-10-29"),
        ("Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập.", "Ngày 2/9/1945", "1945-09-02"),
        ("Chuyến thăm dự kiến trong tháng 10/2025.", "tháng 10/2025", "2025-10"),
        ("Hội nghị diễn ra vào tháng 10 năm 2025 tại Hà Nội.", "tháng 10 năm 2025", "2025-10"),
        ("Hai nước thiết lập quan hệ Đối tác chiến lược năm 2010.", "năm 2010", "2010"),
        ("Anh cam kết đạt phát thải ròng bằng 0 vào năm 2050.", "năm 2050", "2050"),
    ],
)
def test_vi_forms_with_year(text: str, expression: str, expected: str):
    m = only(text, "vi")
    assert m.text == expression
    assert iso(m.value()) == expected
    assert m.value().precision == {4: "year", 7: "month", 10: "day"}[len(expected)]


def test_vi_missing_year_is_kept_missing():
    m = only("Ngày 12/3, Tổng Bí thư Tô Lâm hội đàm với Thủ tướng Singapore Lawrence Wong.", "vi")
    assert (m.text, m.year, m.month, m.day) == ("Ngày 12/3", None, 3, 12)
    assert iso(m.value(2025)) == "2025-03-12"

    month = only("Đoàn sẽ sang thăm Anh trong tháng 10.", "vi")
    assert (month.text, month.year, month.month, month.day) == ("tháng 10", None, 10, None)
    assert month.value() is None
    assert month.value(2025) == DateValue(2025, 10)  # stays a month


def test_vi_byline_with_weekday_and_time():
    m = only("Thứ Năm, 30/10/2025 - 08:24", "vi")
    assert m.text == "Thứ Năm, 30/10/2025 - 08:24"
    assert (iso(m.value()), m.time) == ("2025-10-30", "08:24")

    m = only("Thứ năm, 30/10/2025, 08:24 (GMT+7)", "vi")
    assert (m.text, m.time) == ("Thứ năm, 30/10/2025, 08:24 (GMT+7)", "08:24")

    m = only("08:24, 30/10/2025", "vi")
    assert (iso(m.value()), m.time) == ("2025-10-30", "08:24")


def test_vi_time_before_the_date():
    m = only("Chương trình nghệ thuật diễn ra lúc 20h ngày 1/1/2026 tại Hoàng thành Thăng Long.", "vi")
    assert (m.text, m.time, iso(m.value())) == ("lúc 20h ngày 1/1/2026", "20:00", "2026-01-01")
    m = only("9 giờ 30 sáng 30/10, hai bên ký kết bản ghi nhớ.", "vi")
    assert (m.time, m.part_of_day, m.day) == ("09:30", "morning", 30)


@pytest.mark.parametrize(
    ("text", "expression", "start", "end"),
    [
        ("Tổng Bí thư thăm chính thức Anh từ ngày 28-30/10/2025.", "từ ngày 28-30/10/2025",
         "2025-10-28", "2025-10-30"),
        ("Chuyến thăm từ 28/10 đến 30/10/2025 gồm nhiều hoạt động.", "từ 28/10 đến 30/10/2025",
         "2025-10-28", "2025-10-30"),
        ("Diễn đàn được tổ chức từ 28/12/2025 đến 3/1/2026.", "từ 28/12/2025 đến 3/1/2026",
         "2025-12-28", "2026-01-03"),
        ("Lễ hội kéo dài từ 28/12 đến 3/1/2026.", "từ 28/12 đến 3/1/2026", "2025-12-28", "2026-01-03"),
        ("Hội chợ mở cửa từ ngày 28 đến ngày 30 tháng 10 năm 2025.",
         "từ ngày 28 đến ngày 30 tháng 10 năm 2025", "2025-10-28", "2025-10-30"),
        ("Đợt cao điểm từ tháng 10 đến tháng 12/2025.", "từ tháng 10 đến tháng 12/2025",
         "2025-10", "2025-12"),
        ("Kế hoạch hành động giai đoạn 2024-2026 đã được thông qua.", "2024-2026", "2024", "2026"),
        ("Sách dùng thống nhất toàn quốc từ năm học 2026 - 2027.", "2026 - 2027", "2026", "2027"),
        ("Kỷ niệm 80 năm Quốc khánh (1945-2025).", "1945-2025", "1945", "2025"),
        ("Hai nước hợp tác chặt chẽ từ năm 2020 đến năm 2025.", "từ năm 2020 đến năm 2025", "2020", "2025"),
    ],
)
def test_vi_ranges_keep_their_end(text: str, expression: str, start: str, end: str):
    m = only(text, "vi")
    assert m.text == expression
    assert m.is_range
    assert (iso(m.value()), iso(m.end_value())) == (start, end)


def test_vi_range_without_year():
    m = only("Đoàn công tác làm việc tại Singapore 28 - 30/10, theo lịch của Bộ.", "vi")
    assert m.text == "28 - 30/10"
    assert (m.year, m.month, m.day, m.end_year, m.end_month, m.end_day) == (None, 10, 28, None, 10, 30)
    assert m.value() is None and m.end_value() is None
    assert (iso(m.value(2025)), iso(m.end_value(2025))) == ("2025-10-28", "2025-10-30")


def test_vi_range_across_new_year_with_reference():
    m = only("Lễ hội ánh sáng từ 28/12 đến 3/1 thu hút du khách.", "vi")
    assert (iso(m.value(2025)), iso(m.end_value(2025))) == ("2025-12-28", "2026-01-03")


@pytest.mark.parametrize(
    ("text", "expression", "part_of_day"),
    [
        ("Sáng nay (29/10), tại Hà Nội, Thủ tướng tiếp Đại sứ Anh.", "Sáng nay (29/10)", "morning"),
        ("Hôm nay (7/3), Bộ Ngoại giao họp báo thường kỳ.", "Hôm nay (7/3)", None),
        ("Thủ tướng tiếp Đại sứ Anh (29/10).", "29/10", None),
        ("Tối 29/10, Tổng Bí thư gặp cộng đồng người Việt.", "Tối 29/10", "evening"),
        ("Sáng thứ Năm (30/10), hai bên ký kết bản ghi nhớ.", "Sáng thứ Năm (30/10)", "morning"),
        ("Chiều 29-10, tại Hà Nội, Chủ tịch nước tiếp Bộ trưởng Ngoại giao Anh.", "Chiều 29-10", "afternoon"),
        ("Hôm 12/3, hai bên ra tuyên bố chung.", "Hôm 12/3", None),
        ("Hiệp định có hiệu lực từ 1/8 theo thông báo của Bộ.", "1/8", None),
    ],
)
def test_vi_bare_day_month_needs_context(text: str, expression: str, part_of_day: str | None):
    m = only(text, "vi")
    assert (m.text, m.part_of_day) == (expression, part_of_day)


def test_vi_list_of_dates():
    text = "Các phiên họp diễn ra ngày 28/10, 29/10 và 30/10/2025."
    assert texts(text, "vi") == ["ngày 28/10", "29/10", "30/10/2025"]


def test_vi_bare_years_need_a_year_word():
    assert texts("Từ 2010 đến 2015, kim ngạch tăng gấp đôi.", "vi") == ["Từ 2010 đến 2015"]
    assert texts("Mục tiêu đến 2030 là đạt 30 tỷ USD.", "vi") == ["2030"]
    assert texts("Phù hợp với Công ước Liên hợp quốc về Luật Biển 1982 (UNCLOS 1982).", "vi") == []


@pytest.mark.parametrize(
    "text",
    [
        "Trung tâm hỗ trợ công dân hoạt động 24/7.",
        "Khoảng 1/3 số dân sống ở đô thị.",
        "Dịch vụ chiếm đến 1/3 dân số lao động.",
        "Tỷ lệ giảm từ 1/3 xuống 1/4 sau hai năm.",
        "Tỷ lệ này đã tăng từ 1/3 đến 1/2 dân số.",
        "Gần 2.000 người tham dự lễ khai mạc.",
        "Đại hội có 2.025 đại biểu chính thức.",
        "Ứng dụng phiên bản 3.12 đã được phát hành.",
        "Hồ sơ số 112/35 đã được chuyển đi.",
        "Theo Nghị định số 15/2020/NĐ-CP của Chính phủ.",
        "Đội tuyển thắng 2-1 trong trận chung kết.",
        "Số thí sinh tăng từ 2000 đến 3000 người.",
        "Dự án VSIP 2.0 được mở rộng.",
        "Sau 3 tháng 10 doanh nghiệp đã đăng ký.",
        "Ngày 30/2 không tồn tại, ngày 32/1 và ngày 12/13 cũng vậy.",
    ],
)
def test_vi_numbers_that_are_not_dates(text: str):
    assert texts(text, "vi") == []


# --- Chinese ---------------------------------------------------------------------------------


def test_zh_afternoon_without_year():
    text = "10月29日下午(当地时间),在对英国进行正式访问期间,两国领导人举行了会谈。"
    m = only(text, "zh")
    assert (m.text, m.year, m.month, m.day, m.part_of_day) == ("10月29日下午", None, 10, 29, "afternoon")
    assert m.value() is None and iso(m.value(2025)) == "2025-10-29"


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("联合声明于2025年10月30日发表。", "2025年10月30日", "2025-10-30"),
        ("双方同意于2025年10月启动谈判。", "2025年10月", "2025-10"),
        ("自1973年建交以来,两国关系不断发展。", "1973年", "1973"),
        ("以期在2050年实现净零排放。", "2050年", "2050"),
        ("二〇二五年十月三十日", "二〇二五年十月三十日", "2025-10-30"),
        ("本协定于二〇二五年签署。", "二〇二五年", "2025"),
        ("二○二五年十二月三十一日", "二○二五年十二月三十一日", "2025-12-31"),
        ("发布时间:２０２５年１０月３０日", "２０２５年１０月３０日", "2025-10-30"),
        ("发布时间:2025-10-30 08:24:00", "2025-10-30 08:24:00", "2025-10-30"),
    ],
)
def test_zh_forms(text: str, expression: str, expected: str):
    m = only(text, "zh")
    assert (m.text, iso(m.value())) == (expression, expected)


@pytest.mark.parametrize(
    ("text", "expression", "start", "end"),
    [
        ("苏林将于2025年10月28日至30日对英国进行正式访问。", "2025年10月28日至30日",
         "2025-10-28", "2025-10-30"),
        ("论坛于2025年12月28日至1月3日举行。", "2025年12月28日至1月3日", "2025-12-28", "2026-01-03"),
        ("欢迎《东盟-英国2022-2026年行动计划》的有力实施。", "2022-2026年", "2022", "2026"),
    ],
)
def test_zh_ranges(text: str, expression: str, start: str, end: str):
    m = only(text, "zh")
    assert (m.text, iso(m.value()), iso(m.end_value())) == (expression, start, end)


def test_zh_range_without_year():
    m = only("代表团10月28日至30日访问英国。", "zh")
    assert (m.text, m.year, m.end_year, m.end_month, m.end_day) == ("10月28日至30日", None, None, 10, 30)
    assert (iso(m.value(2025)), iso(m.end_value(2025))) == ("2025-10-28", "2025-10-30")


@pytest.mark.parametrize("text", ["经过五十多年的发展", "框架15年来", "为期三个月的培训", "第2.0版"])
def test_zh_numbers_that_are_not_dates(text: str):
    assert texts(text, "zh") == []


# --- English ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Published October 30, 2025 08:24", "October 30, 2025 08:24", "2025-10-30"),
        ("The statement was issued on 29 October 2025 in London.", "29 October 2025", "2025-10-29"),
        ("The leaders met in London on Oct. 29, 2025.", "Oct. 29, 2025", "2025-10-29"),
        ("Thursday, October 30, 2025", "Thursday, October 30, 2025", "2025-10-30"),
        ("Diplomatic relations were established in 1973.", "1973", "1973"),
        ("The two sides will meet again in October 2025.", "October 2025", "2025-10"),
        ("Updated: 2025-10-30", "2025-10-30", "2025-10-30"),
        ("datePublished 2025-10-30T08:24:00+07:00", "2025-10-30T08:24:00+07:00", "2025-10-30"),
        ("Signed on the 1st of November 2025.", "1st of November 2025", "2025-11-01"),
    ],
)
def test_en_forms(text: str, expression: str, expected: str):
    m = only(text, "en")
    assert (m.text, iso(m.value())) == (expression, expected)


def test_en_time_and_part_of_day():
    assert only("October 30, 2025 08:24", "en").time == "08:24"
    assert only("2025-10-30T08:24:00+07:00", "en").time == "08:24"
    assert only("Posted October 30, 2025, 8:24 PM", "en").time == "20:24"
    m = only("Talks were held on the afternoon of October 29 in London.", "en")
    assert (m.text, m.part_of_day, m.year) == ("the afternoon of October 29", "afternoon", None)


def test_en_missing_year():
    m = only("On October 29, the two leaders held talks.", "en")
    assert (m.text, m.year, m.month, m.day) == ("October 29", None, 10, 29)
    assert m.value() is None and m.value(2025) == DateValue(2025, 10, 29)


@pytest.mark.parametrize(
    ("text", "expression", "start", "end"),
    [
        ("The visit took place on 28-30 October 2025.", "28-30 October 2025", "2025-10-28", "2025-10-30"),
        ("The visit took place on October 28-30, 2025.", "October 28-30, 2025", "2025-10-28", "2025-10-30"),
        ("The fair runs from 28 October to 2 November 2025.", "from 28 October to 2 November 2025",
         "2025-10-28", "2025-11-02"),
        ("Trade doubled between 2020 and 2025.", "between 2020 and 2025", "2020", "2025"),
    ],
)
def test_en_ranges(text: str, expression: str, start: str, end: str):
    m = only(text, "en")
    assert (m.text, iso(m.value()), iso(m.end_value())) == (expression, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Officials may 5 times a year review the plan.",
        "A march through the capital.",
        "The reforms of the 1990s opened the economy.",
        "The fund helped in 2000 cases across the region.",
        "Some 1500 people attended.",
        "Python 3.12 was used for the analysis.",
    ],
)
def test_en_numbers_that_are_not_dates(text: str):
    assert texts(text, "en") == []


# --- languages together ----------------------------------------------------------------------


def test_all_languages_when_lang_is_none():
    text = "光伏 October 30, 2025 08:24\n10月29日下午(当地时间),双方举行会谈。Ngày 12/3, hai bên hội đàm."
    assert texts(text) == ["October 30, 2025 08:24", "10月29日下午", "Ngày 12/3"]
    assert texts(text, "zh-CN") == ["10月29日下午"]  # region suffix ignored; ISO forms always apply
    assert texts("10月29日下午", "vi") == []


def test_overlaps_keep_the_longest():
    text = "ngày 29 tháng 10 năm 2025"
    mentions = find_dates(text)
    assert [(m.start, m.end) for m in mentions] == [(0, len(text))]


def test_offsets_on_a_longer_text():
    text = (
        "Thứ Năm, 30/10/2025 - 08:24\n"
        "Chiều 29/10 (theo giờ địa phương), Tổng Bí thư Tô Lâm và Thủ tướng Keir Starmer hội đàm. "
        "Hai nước thiết lập quan hệ ngoại giao năm 1973 và Đối tác chiến lược năm 2010. "
        "Kế hoạch hành động 2024-2026 được triển khai; khoảng 1/3 số dân hưởng lợi; "
        "chuyến thăm từ ngày 28-30/10/2025."
    )
    found = texts(text, "vi")
    assert found == [
        "Thứ Năm, 30/10/2025 - 08:24",
        "Chiều 29/10",
        "năm 1973",
        "năm 2010",
        "2024-2026",
        "từ ngày 28-30/10/2025",
    ]
    starts = [m.start for m in find_dates(text, "vi")]
    assert starts == sorted(starts)


# --- metadata values and URLs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-30", "2025-10-30"),
        ("2025-10-30T08:24:00Z", "2025-10-30"),
        ("2025-10-30T08:24:00+07:00", "2025-10-30"),
        ("October 30, 2025 08:24", "2025-10-30"),
        ("Thứ Năm, 30/10/2025 - 08:24", "2025-10-30"),
        ("2025年10月30日", "2025-10-30"),
        ("Thu, 30 Oct 2025 08:24:00 +0700", "2025-10-30"),
        ("20251030", "2025-10-30"),
        ("2025-10", "2025-10"),
        ("2025", "2025"),
        ("  2025年10月  ", "2025-10"),
    ],
)
def test_parse_date_string(value: str, expected: str):
    assert iso(parse_date_string(value)) == expected


@pytest.mark.parametrize("value", ["", "30/10", "October 29", "không rõ", "2025-13-01", "20251332"])
def test_parse_date_string_without_a_full_enough_date(value: str):
    assert parse_date_string(value) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.vn/the-gioi/2025/10/30/nang-cap-quan-he.html", "2025-10-30"),
        ("https://example.com/news/2025-10-30/joint-statement", "2025-10-30"),
        ("https://example.vn/nang-cap-quan-he-20251030-083000.htm", "2025-10-30"),
        ("https://example.cn/20251030/a1b2c3.html", "2025-10-30"),
        ("https://example.com/2025/10/joint-statement", "2025-10"),
        ("https://example.com/archive?date=2025-10-30", "2025-10-30"),
    ],
)
def test_date_from_url(url: str, expected: str):
    assert iso(date_from_url(url)) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/2025/02/30/slug",  # no 30 February
        "https://example.com/2025/13/",
        "https://example.com/article-12345678.html",
        "https://example.vn/nang-cap-quan-he-102251030063456817.htm",  # an id, not a date
        "https://example.com/about",
    ],
)
def test_date_from_url_rejects(url: str):
    assert date_from_url(url) is None


# --- relative dates --------------------------------------------------------------------------

PUBLISHED = DateValue(2024, 3, 13)  # a Wednesday


def resolved(text: str, lang: str, published: DateValue | None = PUBLISHED) -> list[tuple[str, str | None]]:
    """(expression, resolved date) of every mention; a range as "start/end"."""
    out = []
    for m in find_dates(text, lang):
        checked(text, m)
        start, end = m.value(published=published), m.end_value(published=published)
        out.append((m.text, iso(start) + "/" + iso(end) if start and end else iso(start)))
    return out


@pytest.mark.parametrize(
    ("text", "lang", "expression", "expected", "precision"),
    [
        # English
        ("The minister visited Hanoi in June last year.", "en", "June last year", "2023-06", "month"),
        ("Two-way trade grew by 5% last year.", "en", "last year", "2023", "year"),
        ("Trade is expected to double next year.", "en", "next year", "2025", "year"),
        ("Exports rose sharply last month.", "en", "last month", "2024-02", "month"),
        ("The leaders spoke by phone yesterday.", "en", "yesterday", "2024-03-12", "day"),
        ("The two sides met on Friday in Canberra.", "en", "on Friday", "2024-03-08", "day"),
        ("The two sides will meet on Friday in Canberra.", "en", "on Friday", "2024-03-15", "day"),
        ("The agreement was signed last Tuesday.", "en", "last Tuesday", "2024-03-12", "day"),
        ("The agreement will be signed next Monday.", "en", "next Monday", "2024-03-18", "day"),
        ("The delegation arrived last June.", "en", "last June", "2023-06", "month"),
        ("The fleet visited Da Nang in June.", "en", "June", "2023-06", "month"),
        ("The fleet will visit Da Nang in June.", "en", "June", "2024-06", "month"),
        ("The ministers will meet again next week.", "en", "next week", "2024-03-18/2024-03-24", "day"),
        # Vietnamese
        ("Tháng 6 năm ngoái, Thủ tướng thăm chính thức Australia.", "vi", "Tháng 6 năm ngoái", "2023-06",
         "month"),
        ("Năm ngoái, kim ngạch thương mại hai chiều đạt 10 tỷ USD.", "vi", "Năm ngoái", "2023", "year"),
        ("Năm nay hai nước kỷ niệm quan hệ ngoại giao.", "vi", "Năm nay", "2024", "year"),
        ("Tháng trước, hai bên đã ký bản ghi nhớ.", "vi", "Tháng trước", "2024-02", "month"),
        ("Hôm qua, hai Bộ trưởng đã hội đàm tại Hà Nội.", "vi", "Hôm qua", "2024-03-12", "day"),
        ("Chiều qua, Thủ tướng tiếp Đại sứ Anh.", "vi", "Chiều qua", "2024-03-12", "day"),
        ("Thứ Sáu tuần trước, hai bên đã ký kết thỏa thuận.", "vi", "Thứ Sáu tuần trước", "2024-03-08",
         "day"),
        ("Hai bên đã hội đàm hôm thứ Sáu.", "vi", "hôm thứ Sáu", "2024-03-08", "day"),
        ("Hai bên sẽ hội đàm vào thứ Sáu.", "vi", "vào thứ Sáu", "2024-03-15", "day"),
        ("Tuần tới, đoàn sẽ sang thăm Anh.", "vi", "Tuần tới", "2024-03-18/2024-03-24", "day"),
        ("Tuần trước, đoàn đã làm việc tại Singapore.", "vi", "Tuần trước", "2024-03-04/2024-03-10", "day"),
        # Chinese
        ("去年6月，两国领导人举行会谈。", "zh", "去年6月", "2023-06", "month"),
        ("今年是两国建交50周年。", "zh", "今年", "2024", "year"),
        ("上月，双方签署了合作文件。", "zh", "上月", "2024-02", "month"),
        ("上周五，两国外长通电话。", "zh", "上周五", "2024-03-08", "day"),
        ("论坛将于本月28日开幕。", "zh", "本月28日", "2024-03-28", "day"),
        ("昨天下午，双方举行会谈。", "zh", "昨天下午", "2024-03-12", "day"),
        ("双方已于星期五举行会谈。", "zh", "星期五", "2024-03-08", "day"),
        ("他将于星期五访问越南。", "zh", "星期五", "2024-03-15", "day"),
        ("代表团下周访问河内。", "zh", "下周", "2024-03-18/2024-03-24", "day"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(
    text: str, lang: str, expression: str, expected: str, precision: str
):
    assert resolved(text, lang) == [(expression, expected)]
    m = only(text, lang)
    assert m.precision == precision
    assert m.value(published=PUBLISHED).precision == precision
    # Undated: nothing guessed, neither from "today" nor from a reference year.
    if m.is_relative:
        assert m.value() is None and m.value(2024) is None and m.end_value(2024) is None
    else:  # a month stated without a year ("in June") keeps the reference year when undated
        assert m.value() is None and iso(m.value(2024)) == "2024-06"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hôm qua, hai Bộ trưởng đã hội đàm tại Hà Nội.", "vi"),
        ("Thứ Sáu tuần trước, hai bên đã ký kết thỏa thuận.", "vi"),
        ("去年6月，两国领导人举行会谈。", "zh"),
        ("上周五，两国外长通电话。", "zh"),
        ("The minister visited Hanoi in June last year.", "en"),
        ("The ministers will meet again next week.", "en"),
    ],
)
def test_relative_dates_stay_unresolved_without_a_publication_date(text: str, lang: str):
    (m,) = find_dates(text, lang)
    assert m.is_relative
    assert (m.value(published=None), m.end_value(published=None)) == (None, None)


def test_publication_date_too_coarse_for_the_expression():
    year_only = DateValue(2024)
    assert resolved("Trade grew last year, and again last month and last week.", "en", year_only) == [
        ("last year", "2023"), ("last month", None), ("last week", None)]
    assert resolved("上周五和去年6月", "zh", DateValue(2024, 3)) == [("上周五", None), ("去年6月", "2023-06")]


@pytest.mark.parametrize(
    "text",
    [
        "Trade has doubled over the last year.",  # a stretch of time, not the calendar year
        "Hai bên sẽ hợp tác chặt chẽ trong 5 năm tới.",
        "Hai nước đặt mục tiêu tăng trưởng trong những năm tới.",
        "Mấy năm nay, quan hệ hai nước phát triển mạnh.",
        "Một năm sau đó, hai nước ký hiệp định.",  # relative to the story
        "Đây là lần thứ hai đoàn sang thăm.",  # "thứ hai": second, not Monday
        "上周一些代表提出了建议。",  # 上周 + 一些, not 上周一
    ],
)
def test_stretches_and_ordinals_are_not_relative_days(text: str):
    lang = "en" if text.isascii() else ("zh" if "上周" in text else "vi")
    found = [(m.text, m.weekday) for m in find_dates(text, lang)]
    assert all(weekday is None for _, weekday in found)
    assert found in ([], [("上周", None)])


def test_yearless_dates_take_the_year_around_the_publication_date():
    # Past: the latest 28/12 not after a text of 5 January.
    (m,) = find_dates("Ngày 28/12, hai bên đã ký bản ghi nhớ.", "vi")
    assert iso(m.value(2025, published=DateValue(2025, 1, 5))) == "2024-12-28"
    assert iso(m.value(2025)) == "2025-12-28"  # undated: the reference year, as before
    # An announcement of the coming days, at the turn of the year.
    (m,) = find_dates("Hội chợ khai mạc ngày 3/1 tại Hà Nội.", "vi")
    assert iso(m.value(published=DateValue(2024, 12, 30))) == "2025-01-03"
    # A plan takes the next one.
    (m,) = find_dates("Thủ tướng sẽ thăm Nhật Bản vào tháng 2.", "vi")
    assert (m.future, iso(m.value(published=PUBLISHED))) == (True, "2025-02")
    (m,) = find_dates("Thủ tướng đã thăm Nhật Bản vào tháng 2.", "vi")
    assert (m.future, iso(m.value(published=PUBLISHED))) == (False, "2024-02")
    # A range without a year keeps its two ends in order.
    (m,) = find_dates("Lễ hội ánh sáng từ 28/12 đến 3/1 thu hút du khách.", "vi")
    assert (iso(m.value(published=DateValue(2025, 1, 5))), iso(m.end_value(published=DateValue(2025, 1, 5)))) == (
        "2024-12-28", "2025-01-03")


def test_chinese_ba_construction_is_not_the_future():
    (m,) = find_dates("双方同意于6月将两国关系提升为全面战略伙伴关系。", "zh")
    assert not m.future


def test_anaphoric_year_takes_the_date_named_before_it():
    text = "1973年两国建交，当年即签署贸易协定。"
    assert resolved(text, "zh") == [("1973年", "1973"), ("当年", "1973")]
    assert resolved(text, "zh", None) == [("1973年", "1973"), ("当年", "1973")]
    text = "Hai nước ký hiệp định tháng 6 năm ngoái và cùng năm mở đường bay thẳng."
    assert resolved(text, "vi") == [("tháng 6 năm ngoái", "2023-06"), ("cùng năm", "2023")]
    # No date before it: left unresolved, not the document's year.
    (m,) = find_dates("当年两国签署了贸易协定。", "zh")
    assert (m.anaphor, m.precision, m.value(2024, published=PUBLISHED)) == ("year", None, None)
    # Another paragraph does not lend its date.
    assert resolved("1973年两国建交。\n当年的情况不同。", "zh") == [("1973年", "1973"), ("当年", None)]


# --- relative dates through the pipeline -----------------------------------------------------


def _facts(text: str, published: DateValue | None) -> dict:
    from communique.model import Document, Metadata
    from communique.pipeline import process

    return process(Document(path="t.txt", raw=text, hints=Metadata(published=published))).facts


def test_relative_dates_flow_into_event_and_partnership_facts():
    text = ("Vietnam and Australia deepen ties\n"
            "Prime Minister Pham Minh Chinh held talks with Prime Minister Anthony Albanese in Canberra "
            "yesterday.\n"
            "Last year, Vietnam and Australia upgraded their relations to a Comprehensive Strategic "
            "Partnership.\n"
            "The embassy opened a new consulate office on 1 March 2024.\n")
    dated = _facts(text, PUBLISHED)
    (talks,) = [e for e in dated["events"] if e["type"] == "talks"]
    assert talks["date"] == "2024-03-12"
    assert (("AU", "VN"), "comprehensive_strategic_partnership", "2023") in {
        (tuple(p["parties"]), p["level"], p["date"]) for p in dated["partnerships"]}

    # Undated: "yesterday" and "last year" stay unknown, not the text's own date (1 March 2024).
    undated = _facts(text, None)
    (talks,) = [e for e in undated["events"] if e["type"] == "talks"]
    assert talks["date"] is None
    levels = [p for p in undated["partnerships"] if p["level"] == "comprehensive_strategic_partnership"]
    assert levels and all(p["date"] is None for p in levels)


@pytest.mark.parametrize("text, expression, month, day", [
    ("Sáng 12.5, Thủ tướng Việt Nam và Thủ tướng Nhật Bản đã hội đàm tại Tokyo.", "Sáng 12.5", 5, 12),
    ("Ngày 3.9, hai nước ký Bản ghi nhớ về hợp tác nông nghiệp.", "Ngày 3.9", 9, 3),
])
def test_vi_day_month_with_a_dot(text: str, expression: str, month: int, day: int):
    mention = only(text, "vi")
    assert (mention.text, mention.month, mention.day, mention.year) == (expression, month, day, None)


@pytest.mark.parametrize("text", [
    "Kim ngạch thương mại Việt Nam - Australia tăng 12.5 lần trong hai thập kỷ.",
    "Có 1.200 doanh nghiệp Ấn Độ tham dự, trong 2.5 ngày.",
])
def test_vi_decimal_or_thousands_with_a_dot_is_not_a_date(text: str):
    assert texts(text, "vi") == []
