"""Language identification per paragraph and per document, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.clean import clean
from communique.language import detect, identify
from communique.model import Document


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hai nhà lãnh đạo nhất trí tăng cường hợp tác kinh tế và thương mại.", "vi"),
        ("Hai nha lanh dao nhat tri tang cuong hop tac kinh te va thuong mai trong thoi gian toi.", None),
        ("双方同意加强在贸易、投资和能源领域的合作。", "zh"),
        ("The two leaders agreed to deepen cooperation in trade, investment and energy.", "en"),
        ("Les deux dirigeants sont convenus de renforcer la coopération commerciale.", "fr"),
        ("Kedua pemimpin sepakat untuk memperkuat kerja sama perdagangan dan investasi antara kedua negara.", "id"),
        ("両国首脳は貿易と投資の協力を強化することで一致した。", "ja"),
        ("양국 정상은 무역과 투자 협력을 강화하기로 합의했다.", "ko"),
        ("ผู้นำทั้งสองเห็นพ้องที่จะกระชับความร่วมมือด้านการค้า", "th"),
        ("Лидеры двух стран договорились расширять торговое сотрудничество.", "ru"),
    ],
)
def test_detect(text, lang):
    if lang is None:
        # Vietnamese typed without diacritics is not mistaken for Chinese or another script.
        assert detect(text) not in {"zh", "ja", "ko", "th", "ru"}
    else:
        assert detect(text) == lang


def test_malay_is_told_from_indonesian_where_words_differ():
    text = "Kedua-dua pemimpin bersetuju untuk mengukuhkan kerjasama dalam bidang perdagangan dan pelaburan."
    assert detect(text) == "ms"


def test_too_short_to_tell():
    assert detect("OK") is None


def test_paragraph_languages_and_document_language():
    text = (
        "越南与英国发表联合声明\n"
        "TUYÊN BỐ CHUNG VỀ QUAN HỆ VIỆT NAM - ANH. Ảnh: TTXVN\n"
        "双方同意将两国关系提升为全面战略伙伴关系,并在六大支柱领域加强合作,包括政治、经济、科技、环境、人文和地区事务。\n"
        "双方承诺保持高层互访,深化各层级交流。\n"
    )
    doc = identify(clean(Document(path="m.txt", raw=text)))
    assert doc.language == "zh"
    langs = [p.language for p in doc.paragraphs]
    assert "vi" in langs and langs.count("zh") >= 2
