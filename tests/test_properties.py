"""Property-based tests (hypothesis): for any text — including the mixes of scripts, marks and
punctuation that scraped pages hold — normalisation keeps its contract, cleaning and the readers of
dates and numbers never raise, and every offset any stage returns points at the text it names."""

from __future__ import annotations

import html
import io
import json
import os
import unicodedata
from functools import cache

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from communique import api
from communique.clean import clean
from communique.export.contract import SCHEMA_ID, SECTIONS, json_schema
from communique.export.writers import RECORD_KINDS
from communique.extract.targets import find_targets
from communique.kb.base import load_kb
from communique.link.linker import link_text
from communique.model import Document
from communique.text.dates import find_dates
from communique.text.normalize import fold, tone_normal

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


# -- the export ----------------------------------------------------------------------------------

# Fragments of articles: sentences of the three languages around countries the KB knows, dates in
# many forms, amounts, percentages, numbered clauses; hypothesis mixes them with unicode noise.
COUNTRIES = {
    "vi": ["Việt Nam", "Anh", "Vương quốc Anh", "Trung Quốc", "Australia", "Nhật Bản", "Pháp", "Hoa Kỳ"],
    "en": ["Viet Nam", "Vietnam", "the United Kingdom", "the UK", "China", "Australia", "Japan", "France"],
    "zh": ["越南", "英国", "中国", "澳大利亚", "日本", "法国", "美国"],
}
DATES = {
    "vi": ["ngày 29/10/2025", "ngày 5 tháng 3 năm 2024", "tháng 6/2023", "năm 2030", "năm ngoái", "ngày 31/02/2025",
           "từ ngày 1 đến ngày 3/9/2024", "hôm qua", "ngày 0/0/0000"],
    "en": ["on 29 October 2025", "on October 29, 2025", "in June 2023", "by 2030", "last year", "on 2025-10-29",
           "from 1 to 3 September 2024", "yesterday", "on 31 February 2025"],
    "zh": ["2025年10月29日", "2024年3月5日至7日", "2023年6月", "到2030年", "去年6月", "昨天", "二〇二五年十月"],
}
AMOUNTS = {
    "vi": ["20 tỷ USD", "1,5 tỷ đô la Mỹ", "500 triệu bảng Anh", "gấp đôi", "100.000 tấn", "3,2 nghìn tỷ đồng"],
    "en": ["US$20 billion", "£5 billion", "1.5 trillion dollars", "500 million pounds", "double", "100,000 tonnes"],
    "zh": ["200亿美元", "50亿英镑", "1.5万亿元", "翻一番", "10万吨", "五百万美元"],
}
PERCENTS = ["10%", "12,5%", "12.5 %", "50 per cent", "百分之三十", "一半", "43%", "100%", "0%"]
TEMPLATES = {
    "vi": ["{date}, {a} và {b} nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện.",
           "Hai bên cam kết tăng kim ngạch thương mại song phương lên {amount} vào {date}.",
           "{a} sẽ hỗ trợ {b} giảm {percent} lượng phát thải {date}.",
           "Thủ tướng {a} hội đàm với Thủ tướng {b} tại Hà Nội {date}.",
           "{a} và {b} thiết lập quan hệ ngoại giao {date}.",
           "Hai bên hoan nghênh việc ký kết Bản ghi nhớ về giáo dục giữa {a} và {b}."],
    "en": ["{date}, {a} and {b} agreed to upgrade their relations to a Comprehensive Strategic Partnership.",
           "The two sides committed to raise bilateral trade to {amount} {date}.",
           "{a} will help {b} cut emissions by {percent} {date}.",
           "The Prime Minister of {a} held talks with the President of {b} in London {date}.",
           "{a} and {b} established diplomatic relations {date}.",
           "The two sides welcomed the signing of a memorandum on education between {a} and {b}."],
    "zh": ["{date}，{a}和{b}宣布将两国关系提升为全面战略伙伴关系。",
           "双方承诺{date}将双边贸易额提高到{amount}。",
           "{a}将帮助{b}{date}减少{percent}的排放。",
           "{a}总理{date}与{b}总统举行会谈。",
           "{a}与{b}于{date}建立外交关系。",
           "双方欢迎签署{a}和{b}教育合作谅解备忘录。"],
}
CLAUSES = ["", "", "1. ", "2.", "(3) ", "a) ", "Điều 4. ", "第五条 ", "12.3. ", "IV. ", "- ", "• "]


@st.composite
def sentences(draw) -> str:
    lang = draw(st.sampled_from(sorted(TEMPLATES)))
    a, b = draw(st.lists(st.sampled_from(COUNTRIES[lang]), min_size=2, max_size=2, unique=True))
    template = draw(st.sampled_from(TEMPLATES[lang]))
    return draw(st.sampled_from(CLAUSES)) + template.format(
        a=a, b=b, date=draw(st.sampled_from(DATES[lang])), amount=draw(st.sampled_from(AMOUNTS[lang])),
        percent=draw(st.sampled_from(PERCENTS)))


article_paragraphs = st.lists(st.one_of(sentences(), sentences(), st.sampled_from(PIECES), st.text(max_size=12)),
                      min_size=1, max_size=4).map(" ".join)
article_texts = st.one_of(
    st.lists(article_paragraphs, min_size=1, max_size=8).map("\n".join),
    st.sampled_from(["", " ", "\n\n", "...", "\u200b", "1.", "\ufeff\n"]),  # empty-ish
)


PUBLISHED = ["2025-10-29", "29/10/2025", "2024", "2024-06", "ngày 5 tháng 3 năm 2024", "2025年10月29日",
             "October 29, 2025", "not a date", "2030-13-45", "0000-00-00", ""]
headings = st.one_of(sentences(), st.text(max_size=20))


@st.composite
def articles(draw) -> tuple[str, str]:
    """(file suffix, content): plain text; Markdown with a heading and maybe front matter; HTML;
    or JSON Lines of articles with their metadata."""
    body = draw(article_texts)
    kind = draw(st.sampled_from(["txt", "md", "md-front", "html", "jsonl"]))
    if kind == "txt":
        return "txt", body
    heading = draw(headings)
    if kind == "html":
        cells = "".join(f"<p>{html.escape(line)}</p>" for line in body.split("\n"))
        return "html", (f"<html><head><title>{html.escape(heading)}</title></head>"
                        f"<body><article><h1>{html.escape(heading)}</h1>{cells}</article></body></html>")
    if kind == "jsonl":
        lines = [{"title": heading, "text": body, "published": draw(st.sampled_from(PUBLISHED)),
                  "url": draw(st.sampled_from([None, "https://example.org/a", "not a url", ""])),
                  "author": draw(st.one_of(st.none(), st.text(max_size=8)))}]
        lines += [{"title": draw(headings), "text": draw(article_texts)} for _ in range(draw(st.integers(0, 2)))]
        return "jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    content = f"# {heading}\n\n{body}"
    if kind == "md-front":
        content = f"---\ntitle: {heading!r}\ndate: {draw(st.sampled_from(PUBLISHED))!r}\n---\n{content}"
    return "md", content


@pytest.fixture(scope="module")
def export_register(tmp_path_factory):
    """One register for the export properties; each example adds its documents to it."""
    folder = tmp_path_factory.mktemp("export-register")
    return folder, f"sqlite:///{folder / 'register.db'}"


def _from_lines(text: str) -> dict:
    """The export rebuilt from its JSON Lines form (see export.writers), read with `str.splitlines`:
    a text may hold U+2028 or U+0085, which JSON leaves raw and the writer escapes."""
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0] == {"type": "schema", "schema": SCHEMA_ID}
    sections = {kind: name for name, kind in RECORD_KINDS.items()}
    export = {"schema": SCHEMA_ID, **{name: [] for name in RECORD_KINDS}}
    for line in lines[1:]:
        kind = line.pop("type")
        export[sections[kind]].append({"type" if k == f"{kind}_type" else k: v for k, v in line.items()})
    return export


def _assert_offsets_point_at_the_text(export: dict) -> None:
    texts = {doc["id"]: doc["text"] for doc in export["documents"]}

    def inside(document: str, start: int, end: int, quoted: str | None = None) -> None:
        text = texts[document]
        assert 0 <= start <= end <= len(text), (document, start, end, len(text))
        if quoted is not None:
            assert text[start:end] == quoted, (text[start:end], quoted)

    for doc in export["documents"]:
        for p in doc["paragraphs"]:
            inside(doc["id"], p["start"], p["end"])
        for m in doc["mentions"]:
            assert m["start"] < m["end"]
            inside(doc["id"], m["start"], m["end"], m["text"])
    for section in ("partnerships", "events", "commitments", "targets"):
        for record in export[section]:
            for evidence in record.get("evidence") or ():
                inside(evidence["document"], evidence["start"], evidence["end"], evidence.get("text"))
            for variant in record.get("variants") or ():
                inside(variant["document"], variant["start"], variant["end"], variant["text"])
            if section == "targets":
                inside(record["document"], record["start"], record["end"], record["text"])


def _assert_ids_resolve(export: dict) -> None:
    """Every document, entity, commitment and target the export names is in the export."""
    ids = {name: {record["id"] for record in export[name] if "id" in record} for name in SECTIONS}
    named = {"documents": set(), "entities": set(), "commitments": set(), "targets": set()}
    for doc in export["documents"]:
        named["entities"].update(m["entity"] for m in doc["mentions"])
    for section in ("partnerships", "events", "commitments", "targets"):
        for record in export[section]:
            named["documents"].update(e["document"] for e in record.get("evidence") or ())
            named["documents"].update(v["document"] for v in record.get("variants") or ())
    for event in export["events"]:
        named["documents"].update(event["documents"])
        named["entities"].update(event["participants"])
    for commitment in export["commitments"]:
        named["documents"].update(commitment["documents"])
        named["entities"].update(commitment["instruments"])
        named["targets"].update(commitment["targets"])
    for target in export["targets"]:
        named["documents"].add(target["document"])
        if target["commitment"]:
            named["commitments"].add(target["commitment"])
    for name, wanted in named.items():
        assert wanted <= ids[name], (name, wanted - ids[name])


EXAMPLES = iter(range(10**9))  # a new folder for each example's files


def validate(export: dict) -> None:
    """The export against its JSON Schema: the frame, then each record against the schema of its
    section's items. The register grows with the examples, so a record already found valid (the
    same JSON) is not validated again."""
    _validator(None).validate({**export, **{name: [] for name in SECTIONS}})
    for name in SECTIONS:
        for record in export[name]:
            key = (name, json.dumps(record, sort_keys=True))
            if key not in _VALID:
                _validator(name).validate(record)
                _VALID.add(key)
    assert set(export) == set(json_schema()["properties"])


_VALID: set[tuple[str, str]] = set()


@cache
def _validator(section: str | None) -> jsonschema.protocols.Validator:
    """A validator of the whole export (None), or of one record of `section`."""
    schema = json_schema()
    if section is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], **schema["properties"][section]["items"]}
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


# The suite runs a fixed set of examples (derandomized: CI sees the same ones every run); a longer
# hunt with new ones: EXPORT_EXAMPLES=400 EXPORT_RANDOM=1 pytest tests/test_properties.py -k export.
@settings(max_examples=int(os.environ.get("EXPORT_EXAMPLES", "50")), deadline=None,
          derandomize=os.environ.get("EXPORT_RANDOM") != "1", suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=1, max_size=3), st.booleans())
# U+2028 and U+0085, raw in JSON, broke a record in two for str.splitlines until the writer escaped
# them. ANSI escapes stay text.
@example([("md", "# Tin\u2028mới\n\non 29 October 2025, Viet Nam and Vietnam agreed to upgrade their relations "
               "to a Comprehensive Strategic Partnership.\x85\x1b[31m 10%")], False)
def test_the_export_is_valid_and_its_offsets_point_at_the_text(export_register, batch, revise):
    folder, db = export_register
    new = folder / f"example-{next(EXAMPLES)}"
    new.mkdir()
    for n, (suffix, content) in enumerate(batch):
        (new / f"{n}.{suffix}").write_text(content, encoding="utf-8")
    if revise:  # one file changed again and again: its versions, and their facts, are in the register
        (folder / "revised").mkdir(exist_ok=True)
        (folder / "revised" / "article.txt").write_text(batch[0][1], encoding="utf-8")
    api.ingest([new, folder / "revised"] if revise else [new], db=db)
    for all_versions in (False, True):
        out = io.StringIO()
        api.export_to(out, "json", db=db, all_versions=all_versions)
        export = json.loads(out.getvalue())
        validate(export)
        _assert_offsets_point_at_the_text(export)
        _assert_ids_resolve(export)
    out = io.StringIO()
    api.export_to(out, "jsonl", db=db, all_versions=True)
    assert _from_lines(out.getvalue()) == export  # the same records, hence as valid
