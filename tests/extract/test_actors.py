"""The acting party of a commitment: the one country its clause starts with, else all parties."""

from __future__ import annotations

import pytest

from communique.model import Document
from communique.pipeline import process

STATEMENTS = {
    "en": "Joint Statement between Viet Nam and New Zealand\n\n"
          "1. The two sides agreed to strengthen defence cooperation.\n"
          "2. New Zealand will provide 200 scholarships to Vietnamese students by 2027.\n"
          "3. Viet Nam welcomes New Zealand's support for its energy transition; "
          "the two countries will hold an annual dialogue.\n",
    "vi": "Tuyên bố chung Việt Nam - New Zealand\n\n"
          "1. Hai bên nhất trí tăng cường hợp tác quốc phòng.\n"
          "2. Phía New Zealand sẽ cấp 200 suất học bổng cho sinh viên Việt Nam.\n"
          "3. Việt Nam cam kết thúc đẩy chuyển đổi năng lượng.\n",
    "zh": "越南和新西兰联合声明\n\n一、双方同意加强防务合作。\n二、新方将向越南学生提供200个奖学金名额。\n三、越南承诺推动能源转型。\n",
}
EXPECTED = {
    "en": [["NZ", "VN"], ["NZ"], ["VN"], ["NZ", "VN"]],
    "vi": [["NZ", "VN"], ["NZ"], ["VN"]],
    "zh": [["NZ", "VN"], ["NZ"], ["VN"]],
}


@pytest.mark.parametrize("lang", sorted(STATEMENTS))
def test_each_clause_names_who_acts(lang):
    doc = process(Document(path=f"statement.{lang}.txt", raw=STATEMENTS[lang]))
    assert [c["actors"] for c in doc.facts["commitments"]] == EXPECTED[lang]
    assert all(c["parties"] == ["NZ", "VN"] or sorted(c["parties"]) == ["NZ", "VN"] for c in doc.facts["commitments"])
