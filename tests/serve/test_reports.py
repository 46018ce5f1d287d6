"""Partnership reports from the CLI and the web: HTML, Markdown, XLSX and PDF; every figure cites
its sources; document strings escaped; the PDF's first page rendered to PNG holds a chart."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from openpyxl import load_workbook

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def reports(register, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for fmt in ("html", "md", "xlsx", "pdf"):
        path = folder / f"MY-TH.{fmt}"
        code, _, err = run_cli("report", "Thailand-Malaysia", "--format", fmt, "--out", str(path),
                               "--db", register["db"])
        assert code == 0, err
        out[fmt] = path
    return out


def test_the_html_report_holds_every_section_and_escapes_document_strings(reports):
    text = reports["html"].read_text(encoding="utf-8")
    for heading in ("Level history", "Scorecard", "Targets", "Commitments by pillar", "Evidence from later documents",
                    "Events", "Sources"):
        assert f"<h2>{heading}</h2>" in text
    assert "200 scholarships" in text and "data:image/svg+xml;base64," in text
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_markdown_escapes_markup_and_links_each_citation_to_a_source(reports):
    text = reports["md"].read_text(encoding="utf-8")
    assert "<img src=x" not in text and "&lt;img src=x" in text
    cited = {int(n) for n in __import__("re").findall(r"\(#src-(\d+)\)", text)}
    listed = {int(n) for n in __import__("re").findall(r'<a id="src-(\d+)">', text)}
    assert cited and cited <= listed


def test_the_workbook_has_one_sheet_per_table_and_every_row_cites_its_sources(reports):
    book = load_workbook(reports["xlsx"])
    assert book.sheetnames == ["Summary", "Levels", "Scorecard", "Commitments", "Targets", "Evidence", "Events",
                               "Sources"]
    sources = book["Sources"]
    numbers = {row[0] for row in sources.iter_rows(min_row=2, values_only=True)}
    for name in ("Levels", "Scorecard", "Commitments", "Targets", "Evidence", "Events"):
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        column = header.index("Sources")
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert rows, name
        for row in rows:
            cited = {int(n) for n in str(row[column]).strip("[]").split("] [") if n}
            assert cited and cited <= numbers, (name, row)


def test_the_pdf_first_page_is_not_blank_and_holds_a_chart(reports, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    first = PdfReader(reports["pdf"]).pages[0]
    assert first.images, "the first page embeds no chart"
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is installed by `make`"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(reports["pdf"]), str(tmp_path / "p")],
                   check=True)
    pixels = np.asarray(Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")).reshape(-1, 3).astype(int)
    ink = float((pixels.sum(axis=1) < 600).mean())
    colour = float((pixels.max(axis=1) - pixels.min(axis=1) > 60).mean())
    assert ink > 0.01, "the first page is blank"
    assert colour > 0.0005, "no coloured chart marks on the first page"


def test_the_partnership_page_serves_each_report_format(client):
    for fmt, kind in (("html", "text/html"), ("pdf", "application/pdf"), ("md", "text/markdown"),
                      ("xlsx", "application/vnd.openxmlformats")):
        answer = client.get(f"/reports/MY-TH.{fmt}")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(kind), fmt
    html = client.get("/reports/MY-TH.html")
    assert "'sha256-" in html.headers["content-security-policy"] and "unsafe-inline" not in html.text
    assert 'href="http://testserver/documents/' in html.text
    assert client.get("/reports/MY-TH.doc").status_code == 400


def test_a_report_on_an_unknown_pair_is_a_one_line_error(register, tmp_path):
    code, _, err = run_cli("report", "Atlantis-Vietnam", "--out", str(tmp_path / "x.html"), "--db", register["db"])
    assert code != 0 and len(err.strip().splitlines()) == 1 and "Atlantis" in err
    code, _, err = run_cli("report", "MY-TH", "--format", "docx", "--db", register["db"])
    assert code == 2 and "--format" in err


@pytest.mark.parametrize("fmt", ["html", "md", "xlsx"])
def test_a_report_in_vietnamese_names_its_sections_and_keeps_the_quoted_texts(register, tmp_path, fmt):
    path = tmp_path / f"vi.{fmt}"
    code, _, err = run_cli("report", "MY-TH", "--format", fmt, "--language", "vi", "--out", str(path),
                           "--db", register["db"])
    assert code == 0, err
    if fmt == "xlsx":
        book = load_workbook(path)
        assert book.sheetnames[:3] == ["Tóm tắt", "Cấp độ", "Bảng điểm"]
        commitments = [c.value for c in book["Cam kết"][1]]
        assert "Trạng thái" in commitments and "Nguồn" in commitments
        texts = " ".join(str(r[4]) for r in book["Cam kết"].iter_rows(min_row=2, values_only=True))
        assert "200 scholarships" in texts  # quoted as written
        return
    text = path.read_text(encoding="utf-8")
    for heading in ("Lịch sử cấp độ quan hệ", "Bảng điểm", "Mục tiêu", "Nguồn"):
        assert heading in text, heading
    assert "Malaysia – Thái Lan" in text or "Thái Lan – Malaysia" in text
    assert "Đối tác chiến lược" in text  # the level, named in Vietnamese from the KB
    assert "200 scholarships" in text
    assert "Level history" not in text and "Scorecard" not in text
    code, _, err = run_cli("report", "MY-TH", "--language", "fr", "--db", register["db"])
    assert code == 2 and "--language" in err


def test_the_served_report_follows_the_page_language(client):
    text = client.get("/reports/MY-TH.html?lang=vi").text
    assert 'lang="vi"' in text and "Bảng điểm" in text
    assert "Scorecard" in client.get("/reports/MY-TH.html?lang=en").text
