"""The readers through `read_path`: one per format, sniffing, rejections, and `iter_paths`."""

from __future__ import annotations

import codecs
import io
import json
import random
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from ingest_samples import EN, VI, ZH, ZH_HANT, cp1258_bytes

from communique.errors import RejectedInput
from communique.ingest import htmlpage as htmlpage_module
from communique.ingest import iter_paths, read_path
from communique.ingest.htmlpage import MAX_HTML_DEPTH, body_text, html_depth
from communique.model import DateValue, Document

VI_PARAGRAPHS = [
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Australia Anthony Albanese tại Canberra ngày 7/3/2024.",
    "Hai bên nhất trí nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện, mở ra giai đoạn phát triển mới.",
    "Hai Thủ tướng chứng kiến lễ ký kết nhiều văn kiện hợp tác trong các lĩnh vực kinh tế và giáo dục.",
]
NEWS_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="{charset}">
<title>Thủ tướng hội đàm với Thủ tướng Australia | Báo Điện tử Chính phủ</title>
<meta property="og:site_name" content="Báo Điện tử Chính phủ">
<meta name="author" content="Minh Anh">
<meta property="article:published_time" content="2024-03-07T10:00:00+07:00">
<link rel="canonical" href="https://baochinhphu.vn/thu-tuong-hoi-dam-voi-thu-tuong-australia.htm">
<script>var tracking = "<div><div><div>";</script>
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/the-gioi">Thế giới</a> | <a href="/kinh-te">Kinh tế</a></nav>
<article><h1>Thủ tướng hội đàm với Thủ tướng Australia</h1>
{paragraphs}
</article>
<footer>Bản quyền thuộc Báo Điện tử Chính phủ. Ghi rõ nguồn khi phát hành lại.</footer>
</body></html>"""


def news_page(charset: str = "utf-8", paragraphs: list[str] = VI_PARAGRAPHS) -> str:
    return NEWS_PAGE.format(charset=charset, paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs))


def read_all(path: Path, **kwargs) -> list[Document | RejectedInput]:
    return list(read_path(path, **kwargs))


def read_one(path: Path, **kwargs) -> Document:
    results = read_all(path, **kwargs)
    assert len(results) == 1
    assert isinstance(results[0], Document), results[0]
    return results[0]


def rejection(path: Path, **kwargs) -> RejectedInput:
    results = read_all(path, **kwargs)
    assert len(results) == 1
    assert isinstance(results[0], RejectedInput), results[0]
    assert results[0].path == str(path)
    return results[0]


def make_pdf(
    pages: list[str], title: str = "Joint Statement", author: str = "Ministry of Foreign Affairs"
) -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, title: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    document.add_paragraph("")  # empty paragraphs are dropped
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- plain text and Markdown ---------------------------------------------------------------


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    path.write_bytes(cp1258_bytes(VI).replace(b"\n", b"\r\n"))
    doc = read_one(path)
    assert (doc.path, doc.format, doc.encoding) == (str(path), "text", "cp1258")
    assert doc.raw == VI
    assert doc.body == ""  # filled by the clean stage, not here


def test_markdown_front_matter_becomes_hints(tmp_path: Path) -> None:
    path = tmp_path / "tuyen-bo.md"
    path.write_text(
        "---\ntitle: Tuyên bố chung Việt Nam – Australia\ndate: 2024-03-07\nsource: TTXVN\n"
        "url: https://example.vn/tuyen-bo\ntags: [ngoại giao, Australia]\n---\n"
        "# Tuyên bố chung\n\n" + VI + "\n",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.format == "markdown"
    assert doc.hints.title == "Tuyên bố chung Việt Nam – Australia"
    assert doc.hints.published == DateValue(2024, 3, 7)
    assert (doc.hints.source, doc.hints.url) == ("TTXVN", "https://example.vn/tuyen-bo")
    assert doc.hints.extra["tags"] == ["ngoại giao", "Australia"]
    assert doc.raw.startswith("# Tuyên bố chung\n\nThủ tướng")


def test_markdown_without_front_matter_takes_the_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("Intro line\n\n# Joint Statement  #\n\n" + EN, encoding="utf-8")
    doc = read_one(path)
    assert doc.hints.title == "Joint Statement"
    assert doc.raw.startswith("Intro line")


# --- HTML ---------------------------------------------------------------------------------


def test_html_main_content_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(news_page(), encoding="utf-8")
    doc = read_one(path)
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    for paragraph in VI_PARAGRAPHS:
        assert f"\n\n{paragraph}" in doc.raw
    assert "Trang chủ" not in doc.raw  # navigation is not main content
    assert doc.hints.title == "Thủ tướng hội đàm với Thủ tướng Australia"
    assert doc.hints.published == DateValue(2024, 3, 7)
    assert doc.hints.author == "Minh Anh"
    assert doc.hints.url == "https://baochinhphu.vn/thu-tuong-hoi-dam-voi-thu-tuong-australia.htm"
    assert doc.hints.source == "Báo Điện tử Chính phủ"


def test_html_in_a_legacy_encoding_uses_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>中越联合声明</title></head><body><article>"
        f"<h1>中越联合声明</h1><p>{ZH[:60]}</p><p>{ZH[60:]}</p></article></body></html>"
    )
    path = tmp_path / "zh.htm"
    path.write_bytes(page.encode("gb2312"))
    doc = read_one(path)
    assert doc.encoding == "gbk"
    assert doc.hints.title == "中越联合声明"
    assert f"{ZH[:60]}\n\n{ZH[60:]}" in doc.raw


def test_html_falls_back_to_body_text_when_extraction_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(htmlpage_module.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    path = tmp_path / "page.html"
    path.write_text(news_page(), encoding="utf-8")
    doc = read_one(path)
    assert doc.raw.startswith("Trang chủ | Thế giới | Kinh tế\n\nThủ tướng hội đàm")
    assert VI_PARAGRAPHS[2] in doc.raw and "tracking" not in doc.raw
    assert doc.hints.title == "Thủ tướng hội đàm với Thủ tướng Australia"  # metadata still read


def test_body_text_separates_blocks_and_keeps_line_breaks() -> None:
    markup = "<html><body><div>Một<br>Hai</div><p>Ba <b>bốn</b></p><style>p{}</style>Năm</body></html>"
    assert body_text(markup) == "Một\nHai\n\nBa bốn\n\nNăm"


def test_html_bomb_is_rejected_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>")
    assert "nested deeper than 400" in rejection(path).reason


def test_html_depth_counts_nesting_not_tags() -> None:
    assert (
        html_depth("<html><body>" + "<p>para" * 1000 + "<ul>" + "<li>item" * 1000 + "</ul></body></html>")
        == 4
    )
    assert html_depth("<div><br><img src=x><div/><!-- <div><div> --></div>") == 1
    assert html_depth("<div>" * (MAX_HTML_DEPTH + 50)) == MAX_HTML_DEPTH + 1


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body><script>x()</script><div> </div></body></html>")
    assert rejection(path).reason == "no text in HTML page"


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "statement.pdf"
    path.write_bytes(make_pdf([EN, "The leaders also discussed regional security."]))
    doc = read_one(path)
    assert (doc.format, doc.encoding) == ("pdf", None)
    assert " ".join(doc.raw.split()).startswith(EN)  # lines wrap where the PDF wraps them
    second = doc.hints.extra["page_offsets"][1]
    assert doc.raw[second:] == "The leaders also discussed regional security."
    assert doc.raw[:second].endswith("\n\n")
    assert (doc.hints.title, doc.hints.author) == ("Joint Statement", "Ministry of Foreign Affairs")
    assert doc.hints.extra["pages"] == 2 and doc.hints.published is None


def test_pdf_blank_page_keeps_offsets_right(tmp_path: Path) -> None:
    path = tmp_path / "blank-first.pdf"
    path.write_bytes(make_pdf(["", "The leaders also discussed regional security."]))
    doc = read_one(path)
    assert doc.raw == "The leaders also discussed regional security."
    assert doc.hints.extra["page_offsets"] == [0, 0]


def test_truncated_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    data = make_pdf([EN])
    path.write_bytes(data[: len(data) // 2])
    assert rejection(path).reason.startswith("truncated PDF")


def test_broken_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(5).randbytes(3000) + b"\n%%EOF\n")
    assert rejection(path).reason.startswith("broken PDF")


def test_pdf_without_text_layer_is_rejected(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica")
    for number in (1, 2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")  # a drawing, like a scanned page
        pdf.cell(0, 10, f"- {number} -")  # only a page number as text
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert rejection(path).reason.startswith("PDF has no text layer (0 letters in 2 pages")


def test_encrypted_pdf_is_rejected_unless_it_opens_without_password(tmp_path: Path) -> None:
    for name, user_password in (("locked.pdf", "secret"), ("open.pdf", "")):
        pdf = FPDF()
        pdf.set_encryption(
            owner_password="owner", user_password=user_password, encryption_method=EncryptionMethod.RC4
        )
        pdf.add_page()
        pdf.set_font("Helvetica")
        pdf.cell(0, 10, "Joint press release")
        (tmp_path / name).write_bytes(bytes(pdf.output()))
    assert rejection(tmp_path / "locked.pdf").reason == "encrypted PDF (needs a password)"
    assert read_one(tmp_path / "open.pdf").raw == "Joint press release"


# --- DOCX ---------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "statement.docx"
    path.write_bytes(
        make_docx(
            VI_PARAGRAPHS[:2], table=[["Văn kiện", "Cơ quan"], ["Bản ghi nhớ", "Bộ Ngoại giao"]], title="TB"
        )
    )
    doc = read_one(path)
    assert (doc.format, doc.encoding, doc.hints.title) == ("docx", None, "TB")
    assert doc.raw == "\n\n".join(VI_PARAGRAPHS[:2]) + "\n\nVăn kiện | Cơ quan\nBản ghi nhớ | Bộ Ngoại giao"


def test_broken_docx_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    data = make_docx(VI_PARAGRAPHS)
    path.write_bytes(data[: len(data) // 2])
    assert rejection(path).reason.startswith("broken DOCX")


def test_docx_with_bad_xml_is_rejected(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    path = tmp_path / "bad.docx"
    path.write_bytes(buffer.getvalue())
    assert rejection(path).reason.startswith("broken DOCX")


def test_zip_that_is_not_docx_is_rejected(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", EN)
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    assert "not a DOCX" in rejection(path).reason


# --- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_lines_are_documents_and_a_bad_line_is_rejected_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "url": "https://example.vn/a",
                "title": "Hội đàm",
                "published": "2024-03-07T09:30:00+07:00",
                "source": "TTXVN",
                "author": "Minh Anh",
                "lang": "vi",
                "text": VI,
            },
            ensure_ascii=False,
        ),
        '{"url": "https://example.vn/b", "text": "unterminated',
        "",
        json.dumps(
            {"url": "https://example.cn/c", "html": news_page(paragraphs=[ZH]), "published": "2024-03"}
        ),
        json.dumps({"title": "only a title", "author": ["A", "B"]}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "scraped.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read_all(path)
    assert [r.path for r in results] == [f"{path}#L{n}" for n in (1, 2, 4, 5, 6)]
    first, second, fourth, fifth, sixth = results
    assert isinstance(first, Document) and first.format == "jsonl" and first.raw == VI
    assert first.hints.published == DateValue(2024, 3, 7)
    assert (first.hints.title, first.hints.source, first.hints.author) == ("Hội đàm", "TTXVN", "Minh Anh")
    assert first.hints.extra == {"lang": "vi", "content": "text"}
    assert isinstance(second, RejectedInput) and second.reason.startswith("invalid JSON")
    assert isinstance(fourth, Document) and ZH in fourth.raw and "<p>" not in fourth.raw
    assert fourth.hints.url == "https://example.cn/c"  # the line's own fields win over the page's
    assert fourth.hints.published == DateValue(2024, 3)
    assert fourth.hints.title == "Thủ tướng hội đàm với Thủ tướng Australia"  # from the page
    assert isinstance(fifth, RejectedInput) and "no 'text' or 'html'" in fifth.reason
    assert isinstance(sixth, RejectedInput) and "not a JSON object" in sixth.reason


def test_jsonl_author_list_is_joined(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": EN, "author": ["Minh Anh", "Thu Hà"], "published": "7/3/2024"}))
    (doc,) = read_all(path)
    assert isinstance(doc, Document) and doc.hints.author == "Minh Anh; Thu Hà"
    assert doc.hints.published is None and doc.hints.extra["published"] == "7/3/2024"  # not ISO: kept as is


def test_jsonl_line_with_html_bomb_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    bomb = "<div>" * 1000
    path.write_text(json.dumps({"html": bomb}) + "\n" + json.dumps({"text": EN}) + "\n")
    results = read_all(path)
    assert isinstance(results[0], RejectedInput) and "nested deeper" in results[0].reason
    assert isinstance(results[1], Document) and results[1].raw == EN


def test_jsonl_in_a_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "big5.jsonl"
    path.write_bytes((json.dumps({"text": ZH_HANT}, ensure_ascii=False) + "\n").encode("big5"))
    (doc,) = read_all(path)
    assert isinstance(doc, Document) and doc.raw == ZH_HANT and doc.encoding == "big5"


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"{EN} {n}"}) + "\n" for n in range(2000)))
    results = read_path(path)
    first = next(results)
    assert isinstance(first, Document) and first.raw.endswith(" 0")
    assert sum(1 for _ in results) == 1999


# --- sniffing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("statement.txt", "pdf", "pdf"),
        ("statement.bin", "docx", "docx"),
        ("page.txt", "html", "html"),
        ("page", "html", "html"),
        ("articles.txt", "jsonl", "jsonl"),
        ("notes.html", "text", "text"),
        ("notes.pdf", "text", "text"),
        ("notes.md", "text", "markdown"),
    ],
)
def test_content_wins_over_extension(tmp_path: Path, name: str, content: str, expected: str) -> None:
    data = {
        "pdf": lambda: make_pdf([EN]),
        "docx": lambda: make_docx([EN]),
        "html": lambda: news_page().encode(),
        "jsonl": lambda: (json.dumps({"text": EN}) + "\n" + json.dumps({"text": EN}) + "\n").encode(),
        "text": lambda: (EN + "\n" + VI).encode(),
    }[content]()
    path = tmp_path / name
    path.write_bytes(data)
    results = read_all(path)
    assert results and all(isinstance(r, Document) for r in results), results
    assert {r.format for r in results} == {expected}


def test_utf16_html_with_wrong_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + news_page().encode("utf-16-le"))
    doc = read_one(path)
    assert (doc.format, doc.encoding) == ("html", "utf-16-le")
    assert VI_PARAGRAPHS[0] in doc.raw


def test_html_fragment_without_html_tag_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "fragment"
    path.write_text("".join(f"<p>{p}</p>\n" for p in VI_PARAGRAPHS), encoding="utf-8")
    doc = read_one(path)
    assert doc.format == "html" and VI_PARAGRAPHS[0] in doc.raw and "<p>" not in doc.raw


# --- rejections by read_path --------------------------------------------------------------


def test_too_large_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(EN * 10)
    assert rejection(path, max_bytes=100).reason.startswith("too large")
    assert isinstance(read_one(path, max_bytes=10_000), Document)


def test_empty_binary_missing_and_directory_are_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert rejection(empty).reason == "empty file"
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000))
    assert rejection(png).reason == "binary data (PNG image)"
    noise = tmp_path / "noise.dat"
    noise.write_bytes(random.Random(2).randbytes(4000))
    assert rejection(noise).reason.startswith("binary data")
    assert rejection(tmp_path / "missing.txt").reason.startswith("cannot read")
    assert rejection(tmp_path).reason == "not a regular file"


# --- iter_paths ---------------------------------------------------------------------------


def test_iter_paths_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for relative in ["b.txt", "a/z.txt", "a/b/c.html", ".git/config", "a/.hidden.txt", "c.md"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    single = tmp_path / "a" / ".hidden.txt"
    found = list(iter_paths([tmp_path, single, tmp_path / "nope.txt"]))
    assert found == [
        tmp_path / "a/b/c.html",
        tmp_path / "a/z.txt",
        tmp_path / "b.txt",
        tmp_path / "c.md",
        single,  # named explicitly, so read even though hidden
        tmp_path / "nope.txt",  # left for read_path to report
    ]


def test_a_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"")
    (tmp_path / "2.txt").write_text(EN)
    (tmp_path / "3.pdf").write_bytes(b"%PDF-1.4 cut")
    (tmp_path / "4.txt").write_text(ZH, encoding="utf-8")
    results = [r for path in iter_paths([tmp_path]) for r in read_path(path)]
    assert [type(r).__name__ for r in results] == ["RejectedInput", "Document", "RejectedInput", "Document"]
