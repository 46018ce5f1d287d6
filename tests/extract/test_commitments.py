"""Commitments and their modality, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.extract.commitments import classify_modality
from communique.model import Document
from communique.pipeline import process
from communique.text.normalize import fold


@pytest.mark.parametrize(("text", "modality"), [
    ("The two sides agreed to establish a Clean Energy Partnership.", "agree"),
    ("The two sides welcomed the signing of the memorandum.", "welcome"),
    ("Hai bên cam kết thúc đẩy thương mại song phương.", "commit"),
    ("Hai bên hoan nghênh việc ký kết Bản ghi nhớ về giáo dục.", "welcome"),
    ("双方重申致力于维护地区和平稳定。", "commit"),
    ("双方欢迎签署合作文件。", "welcome"),
    ("Hai bên tái khẳng định tầm quan trọng của hòa bình ở Biển Đông.", "reaffirm"),
    ("双方注意到两国贸易的增长。", "note"),
])
def test_modality(text, modality):
    assert classify_modality(fold(text)) == modality


def _commitments(text: str) -> list[dict]:
    return process(Document(path="c.txt", raw=text)).facts["commitments"]


def test_news_sentences_with_the_parties_as_subject():
    text = ("Ngày 7/3/2024, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Australia Anthony Albanese tại Canberra.\n"
            "Hai bên nhất trí đặt mục tiêu tăng kim ngạch thương mại song phương lên 20 tỷ AUD; "
            "hai bên hoan nghênh việc ký kết các văn kiện hợp tác.\n"
            "Thời tiết tại Canberra hôm đó nắng đẹp.\n")
    found = _commitments(text)
    assert [c["modality"] for c in found] == ["agree"]
    (agreed,) = found
    assert agreed["binding"] and agreed["pillar"] == "economy_trade" and agreed["parties"] == ["AU", "VN"]
    assert agreed["targets"], "the trade target belongs to the commitment"


def test_welcome_is_not_a_commitment():
    text = "The two sides welcomed the signing of a memorandum on education between Vietnam and Australia."
    assert _commitments(text) == []


def test_a_news_subject_is_a_party_named_at_the_start_not_a_country_mentioned_in_passing():
    text = ("Ngày 29/10/2025, Tổng Bí thư Tô Lâm hội đàm với Thủ tướng Anh Keir Starmer tại London.\n"
            "Nước này cũng cam kết sẽ hỗ trợ Việt Nam triển khai Quan hệ đối tác Chuyển đổi năng lượng công bằng.\n"
            "Vương quốc Anh sẽ mở rộng học bổng Chevening cho sinh viên Việt Nam.\n"
            "Du khách đến nước này sẽ cần thị thực điện tử từ năm sau.\n"
            "Khác với Anh, Trung Quốc sẽ mở rộng đầu tư tại châu Phi.\n"
            "Tại hội nghị, các nước này cam kết giảm phát thải.\n")
    found = [c["text"] for c in _commitments(text)]
    assert [t.split()[0] for t in found] == ["Nước", "Vương"], found
