"""Patterns behind a lookahead for their first characters match exactly as without it."""

from __future__ import annotations

import re

import pytest

from communique.clean.lexicon import load_lexicon
from communique.extract.targets import LANGUAGES, _compiled
from communique.text.patterns import first_chars, with_first_chars

TEXT = ("Ảnh: Minh Anh. (Photo: Reuters) 图片：新华社记者 李明 摄 © 2025 Copyright VnExpress. "
        "Theo TTXVN. 据新华社报道。By John Smith\nTác giả: Lan Anh\nhai bên tăng gấp đôi, gấp 3 lần, "
        "TĂNG GẤP BA LẦN; 翻一番, 两倍 and doubling, two-fold; đến năm 2030, trước năm 2035, 到2030年底, "
        "by 2050, net-zero, NET ZERO, phát thải ròng bằng 0, 碳中和 và trung hòa carbon. Ảnh 3\n"
        "(责任编辑：王五) Biên tập: Hà\nimage 2\nAll Rights Reserved. Powered by CMS")


def test_first_chars_of_simple_patterns():
    assert first_chars(r"ab|cd") == "(?=[ac])"
    assert first_chars(r"(?:x\s+)?y") == "(?=[xy])"
    assert first_chars(r"\d+年", re.IGNORECASE) == r"(?=(?i:[\d]))"
    assert first_chars(r"^(?i:ảnh)") == "(?=(?i:[ả]))"


def test_no_guard_where_the_start_cannot_be_told():
    assert first_chars(r"a?") is None  # may match the empty string
    assert first_chars(r".x") is None  # any character
    assert first_chars(r"[^a]x") is None
    assert first_chars(r"(?i)abc") is None  # global flags must stay first
    assert with_first_chars(r"a*").pattern == "a*"


def _patterns() -> list[re.Pattern[str]]:
    lex = load_lexicon()
    found = [lex.footer, lex.image_alt, lex.editor, *lex.caption_credit, *lex.attribution, *lex.byline]
    for name in LANGUAGES:
        compiled = _compiled(name)
        found += [p for p, _ in compiled.ratios] + [p for p, _ in compiled.years] + list(compiled.net_zero)
    return found


@pytest.mark.parametrize("pattern", _patterns(), ids=lambda p: p.pattern[:40])
def test_guarded_pattern_matches_as_the_plain_one(pattern):
    guard = re.match(r"\(\?=(?:\(\?i:)?\[.*?\]\)?\)\(\?:", pattern.pattern)
    assert guard, "the pattern has a first-character lookahead"
    plain = re.compile(pattern.pattern[guard.end():-1], pattern.flags)
    for text in (TEXT, TEXT.upper(), TEXT.lower(), *TEXT.split("\n")):
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in plain.finditer(text)]
