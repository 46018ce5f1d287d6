"""Property-based tests (hypothesis): for any text — including the mixes of scripts, marks and
punctuation that scraped pages hold — normalisation keeps its contract, cleaning and the readers of
dates and numbers never raise, and every offset any stage returns points at the text it names."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.clean import clean
from communique.clean.normalize import fold, tone_normal
from communique.extract.dates import find_dates
from communique.extract.targets import find_targets
from communique.kb.base import load_kb
from communique.link.linker import link_text
from communique.model import Document

# Words and marks the stages care about, mixed with anything hypothesis draws.
PIECES = ["Việt Nam", "hoà bình", "hòa bình", "thuỷ", "Thủ tướng", "Tô Lâm", "英国", "越南", "全面战略伙伴关系",
          "2025", "29/10", "ngày 5/3/2025", "năm ngoái", "去年6月", "£5 billion", "50亿英镑", "gấp đôi", "net zero",
          "UK", "Anh", "Keir Starmer", "10%", "...", "。", "\n", " ", "-", "–", "(", ")", "Ngày", "tháng 6"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=25).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_fold_and_tone_normal_keep_the_length_and_settle(text):
    for form in (fold, tone_normal):
        once = form(text)
        assert len(once) == len(text)
        assert form(once) == once


@SETTINGS
@given(texts)
def test_composed_and_decomposed_forms_fold_alike(text):
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", composed)
    assert fold(unicodedata.normalize("NFC", decomposed)) == fold(composed)


@SETTINGS
@given(st.lists(st.sampled_from(["hoà", "hòa", "khoẻ", "khỏe", "thuỷ", "thủy", "Hoà", "Hòa", " ", "bình", "lợi"]),
                max_size=12).map(" ".join))
def test_old_and_new_tone_placement_are_one_form(text):
    old = text.replace("hòa", "hoà").replace("Hòa", "Hoà").replace("khỏe", "khoẻ").replace("thủy", "thuỷ")
    new = text.replace("hoà", "hòa").replace("Hoà", "Hòa").replace("khoẻ", "khỏe").replace("thuỷ", "thủy")
    assert tone_normal(old) == tone_normal(new)


@SETTINGS
@given(texts)
def test_cleaning_never_raises_and_keeps_the_input_text(text):
    doc = clean(Document(path="p.txt", raw=text))
    for raw_start, raw_end, body_start in doc.segments:
        assert doc.body[body_start:body_start + raw_end - raw_start] == text[raw_start:raw_end]
    for p in doc.paragraphs:
        assert 0 <= p.start <= p.end <= len(doc.body)


@SETTINGS
@given(texts, st.sampled_from([None, "vi", "zh", "en", "fr"]))
def test_dates_and_numbers_never_raise_and_point_at_their_text(text, lang):
    for mention in find_dates(text, lang if lang != "fr" else None):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start:mention.end]
    for target in find_targets(text, lang):
        assert 0 <= target.start < target.end <= len(text)
        assert target.text == text[target.start:target.end]


@SETTINGS
@given(texts)
def test_mentions_are_slices_of_the_text(text):
    linked = link_text(text, load_kb())
    for m in linked.mentions:
        assert 0 <= m["start"] < m["end"] <= len(text)
        assert m["text"] == text[m["start"]:m["end"]]
