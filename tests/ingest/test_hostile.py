"""Hostile input in one batch (issue 15, first part): each bad file gets one line naming it, the
good ones are stored once, nothing stops the batch, and the run stays bounded in time."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import time
import types
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique import safeyaml
from communique.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


GOOD = "Ngày 5/3/2025, Việt Nam và Singapore nhất trí tăng cường hợp tác kinh tế số và năng lượng sạch.\n"
# A bound far above what these cases take (a few seconds each), far below a hang or a quadratic blow-up.
BATCH_SECONDS = 180


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _deflated_repeat(chunk: bytes, times: int) -> bytes:
    """zlib data that inflates to `chunk` repeated `times` times, made without compressing it all: after
    a full flush the compressor starts afresh, so every later copy of the chunk deflates to the same
    bytes (the checksum at the end is that of the whole, as a real bomb's would be)."""
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return first + again * (times - 1) + end[:-4] + checksum.to_bytes(4, "big")


def _pdf(pages: list[list[bytes]], forms: Sequence[bytes] = ()) -> bytes:
    """A PDF written by hand (fpdf2 compresses its own content): each page draws its deflated content
    streams, and every page may draw the deflated `forms` (XObjects /X0, /X1...)."""
    objects: dict[int, bytes] = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}

    def add(body: bytes) -> int:
        objects[len(objects) + 3] = body
        return len(objects) + 2

    def stream(extra: bytes, data: bytes) -> int:
        return add(b"<< %s/Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (extra, len(data), data))

    form_refs = [stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> ",
                        form) for form in forms]
    xobjects = b" ".join(b"/X%d %d 0 R" % (n, ref) for n, ref in enumerate(form_refs))
    kids = []
    for contents in pages:
        refs = b" ".join(b"%d 0 R" % stream(b"", data) for data in contents)
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
                        b"/XObject << %s >> >> /Contents [%s] >>" % (xobjects, refs)))
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, len(objects) + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _fpdf(text: str | None = None, user_password: str | None = None, image: bool = False) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password,
                           encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    if image:  # a scanned page: a picture of text, no text layer
        from PIL import Image, ImageDraw

        picture = Image.new("L", (600, 200), 255)
        ImageDraw.Draw(picture).text((10, 80), "Hai ben nhat tri hop tac kinh te", fill=0)
        pdf.image(picture, x=10, y=10, w=190)
    if text:
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, text=text)
    return bytes(pdf.output())


PDF_TEXT = "Viet Nam and Singapore agreed on 5 March 2025 to deepen cooperation in the digital economy."
# A content stream that inflates to 2 GB (of text drawn, not blanks) from about 6 MB.
PAGE_OPS = b"BT /F1 12 Tf 72 700 Td (Hai ben nhat tri hop tac) Tj ET\n"


def _docx(document_xml_head: str = "", inside: str = "") -> bytes:
    """A DOCX made by python-docx, its document.xml given a DTD (`document_xml_head`) and a paragraph
    with `inside` (raw XML text, entity references included)."""
    import docx

    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    made = io.BytesIO()
    document.save(made)
    out = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                declaration, body = data.decode("utf-8").split("\n", 1)
                data = f"{declaration}\n{document_xml_head}{body.replace('PLACEHOLDER', inside)}".encode()
            target.writestr(item, data)
    return out.getvalue()


LAUGHS = ("<!DOCTYPE w:document [<!ENTITY lol0 \"lollollollollollollollollollol\">"
          + "".join(f"<!ENTITY lol{n} \"{f'&lol{n - 1};' * 10}\">" for n in range(1, 10)) + "]>")
EXTERNAL = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
ENTITY_TEXT = "Hai bên nhất trí hợp tác {} kinh tế và thương mại trong năm 2025."


def _battery(folder: Path) -> tuple[dict[str, str], set[str]]:
    """Write the hostile kinds; returns (names that must be rejected, each with what its reason must
    say or "", names that must be stored)."""
    rng = random.Random(15)
    rejected: dict[str, str] = {}
    stored: set[str] = set()

    def bad(name: str, data: bytes | str, reason: str = "") -> None:
        _write(folder, name, data)
        rejected[name] = reason

    def good(name: str, data: bytes | str) -> None:
        _write(folder, name, data)
        stored.add(name)

    bad("empty.txt", b"")
    bad("blank.txt", " \n\t\n   \n")
    bad("nul.txt", b"Hai ben\x00\x00\x00" * 50)
    bad("random.txt", bytes(rng.randrange(256) for _ in range(4000)))
    bad("random.pdf", bytes(rng.randrange(256) for _ in range(4000)))
    bad("random.docx", bytes(rng.randrange(256) for _ in range(4000)))
    bad("random.html", bytes(rng.randrange(256) for _ in range(4000)))
    bad("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty")
    bad("bomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        + "---\n" + GOOD)
    bad("deep.html", "<div>" * 100_000 + "x" + "</div>" * 100_000)
    # Languages the extractors have no words for are stored and searchable; nothing stops.
    good("french.txt", "Le président français a reçu hier à Paris le Premier ministre du Vietnam pour des "
                       "entretiens sur la coopération économique, le climat et l'énergie.\n")
    good("german.txt", "Der Bundeskanzler hat gestern in Berlin den Premierminister von Vietnam zu Gesprächen "
                       "über die wirtschaftliche Zusammenarbeit empfangen.\n")
    good("russian.txt", "Президент России провёл переговоры с премьер-министром Вьетнама в Москве о торговле.\n")
    good("japanese.txt", "日本の首相は東京でベトナムの首相と会談し、経済協力について話し合った。\n")
    good("korean.txt", "한국 대통령은 서울에서 베트남 총리와 회담을 가졌다. 양국은 협력을 강화하기로 했다.\n")
    good("plain-vietnamese.txt", "hai ben nhat tri tang cuong hop tac kinh te\n")
    good("python-tag.md", "---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\n" + GOOD)
    good("ansi.txt", "Hai bên nhất trí \x1b[31mtăng cường\x1b[0m hợp tác kinh tế và thương mại trong năm 2025. "
                     + GOOD * 4)
    bad("invalid-utf8.txt", GOOD.encode("utf-8")[:40] + b"\xff\xfe\xc3" + GOOD.encode("utf-8")[40:] * 3)
    good("utf16-no-bom.txt", (GOOD * 3).encode("utf-16-le"))
    good("names.txt", "Tô Lâm hội đàm với Thủ tướng Singapore. " + "Tô Lâm " * 50_000 + "\n")
    good("dots.txt", "Hai bên nhất trí hợp tác. " + "." * 40_000 + " Kết thúc.\n")
    good("digits.txt", "Kim ngạch thương mại đạt " + "1" * 100_000 + " USD năm 2024.\n")
    good("separators.txt", "Ngày " + "1/" * 50_000 + "2025, hai bên hội đàm.\n")
    good("chinese-numerals.txt", "双方同意" + "一二三四五六七八九十百千万亿" * 5_000 + "。\n")
    good("shell $(touch x); `id` & name.txt", GOOD.replace("kinh tế số", "thương mại"))
    good("mixed-scripts 越南 Việt.txt", GOOD.replace("kinh tế số", "giáo dục"))
    lines = [json.dumps({"text": GOOD.strip() + f" Bản tin {n}."}, ensure_ascii=False) for n in range(3)]
    _write(folder, "dump.jsonl", "\n".join([lines[0], "{broken", lines[1], '{"text": 5}', "[" * 100_000
                                            + "]" * 100_000, "[1, 2]", lines[2]]) + "\n")
    stored.update({"dump.jsonl#L1", "dump.jsonl#L3", "dump.jsonl#L7"})
    rejected.update(dict.fromkeys(["dump.jsonl#L2", "dump.jsonl#L4", "dump.jsonl#L5", "dump.jsonl#L6"], ""))
    (folder / "x.txt").mkdir()  # a folder named like a file: walked, not read
    (folder / "loop").mkdir()
    os.symlink(folder / "loop", folder / "loop" / "again")  # a symlink loop: walked once
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    rejected["dangling.txt"] = ""
    os.mkfifo(folder / "fifo.txt")
    rejected["fifo.txt"] = "not a regular file"
    with open(folder / "sparse.txt", "wb") as handle:  # 1 GB that takes no disk: refused by its size
        handle.truncate(1 << 30)
    rejected["sparse.txt"] = "too large"
    # A PDF that opens with the empty password is read, as every viewer does; one that needs a
    # password is refused, saying so.
    bad("locked.pdf", _fpdf(PDF_TEXT, user_password="secret"), "encrypted PDF (needs a password)")
    good("open-encrypted.pdf", _fpdf(PDF_TEXT.replace("digital economy", "clean energy"), user_password=""))
    bad("scanned.pdf", _fpdf(image=True), "PDF has no text layer (0 letters in 1 pages; scanned images need OCR)")
    bad("bomb.pdf", _pdf([[_deflated_repeat(PAGE_OPS * 20_000, 2_000)]]), "possible compression bomb")
    # Content decides, not the name: text named .docx is read as the text it is.
    good("text.docx", GOOD.replace("kinh tế số", "y tế"))
    bad("not-a-zip.docx", b"PK\x03\x04" + GOOD.encode("utf-8") * 3, "broken DOCX (BadZipFile")
    bad("laughs.docx", _docx(LAUGHS, ENTITY_TEXT.format("&lol9;")), "declares a DTD")
    bad("external-entity.docx", _docx(EXTERNAL, ENTITY_TEXT.format("&xxe;")), "declares a DTD")
    bad("one-line.txt", "hợp tác " * 3_000_000)  # 27 MB on one line, over the default 20 MB limit
    good("mixed-encodings.txt", GOOD.encode("utf-8") * 3 + "Kinh tê\u0301 Viê\u0323t Nam.\n".encode("cp1258"))
    good("lying-charset.html", ("<html><head><meta charset='windows-1252'><title>Hợp tác</title></head><body><p>"
                                + GOOD * 3 + "</p></body></html>").encode("utf-8"))
    good("zz-good.txt", "Hai Bộ trưởng Ngoại giao gặp nhau tại Hà Nội ngày 12/6/2025 và nhất trí mở thêm "
                        "đường bay thẳng giữa hai thủ đô.\n")
    return rejected, stored


def _name(path: str, folder: Path) -> str:
    return os.path.relpath(path, folder) if path.startswith(str(folder)) else path


def test_a_batch_of_hostile_files_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rejected, stored = _battery(folder)
    db = str(tmp_path / "h.db")
    started = time.monotonic()
    code, out, err = run("ingest", str(folder), "--db", db, "--workers", "1", "--quiet")
    took = time.monotonic() - started
    assert code == 3, err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.strip().splitlines()
    notes = [line for line in lines if line.startswith("note: ")]  # a stored document over a cap
    assert [n.split(": ")[1] for n in notes] == [str(folder / "names.txt")], notes
    lines = [line for line in lines if line not in notes]
    assert all(line.startswith("rejected: ") for line in lines), lines
    for name, reason in rejected.items():
        assert any(line.startswith(f"rejected: {folder / name}: ") and reason in line for line in lines), (
            name, reason, lines)
    assert len(lines) == len(rejected), lines
    _, exported, _ = run("export", "--db", db, "-q")
    assert not _secret_in_store(db), "a file named by an external entity was stored"
    paths = [_name(d["path"], folder) for d in json.loads(exported)["documents"]]
    assert sorted(paths) == sorted(set(paths)), "each document stored once"
    assert set(paths) == stored
    assert took < BATCH_SECONDS
    # Again: nothing new, nothing duplicated.
    code, out, _ = run("ingest", str(folder), "--db", db, "--workers", "1", "--quiet")
    assert code == 3 and f"{len(stored)} unchanged" in out and " 0 new," in out


def _secret_in_store(db: str) -> list[str]:
    """The lines of /etc/passwd (which an external entity would pull into the text) found in the
    register's files."""
    stored = b"".join(path.read_bytes() for path in Path(db).parent.glob(Path(db).name + "*"))
    return [line for line in Path("/etc/passwd").read_text().splitlines()
            if len(line) > 8 and line.encode() in stored]


def test_terminal_escapes_in_documents_are_never_printed(tmp_path):
    doc = _write(tmp_path, "ansi.txt", "Hai bên nhất trí \x1b[2J\x1b]0;owned\x07 tăng cường hợp tác kinh tế "
                                       "và thương mại. " + GOOD * 5)
    db = str(tmp_path / "a.db")
    run("ingest", str(doc), "--db", db)
    _, out, _ = run("search", "hop tac", "--format", "json", "--db", db)
    doc_id = json.loads(out)[0]["id"]
    for args in (["show", doc_id], ["show", doc_id, "--raw"], ["search", "hop tac"], ["facts"]):
        _, text, _ = run(*args, "--db", db)
        assert "\x1b" not in text and "\x07" not in text, args


def test_csv_cells_are_safe_for_spreadsheets(tmp_path):
    doc = _write(tmp_path, "formula.txt", '=HYPERLINK("http://example.org","x") Hai bên nhất trí hợp tác kinh tế.\n'
                                          "Hai bên nhất trí tăng cường hợp tác thương mại và đầu tư.\n")
    db = str(tmp_path / "c.db")
    run("ingest", str(doc), "--db", db)
    _, out, _ = run("export", "--format", "csv", "--db", db)
    assert ",'=HYPERLINK" in out or "\"'=HYPERLINK" in out
    _, out, _ = run("search", "hyperlink", "--format", "csv", "--db", db)
    assert "\"'=**HYPERLINK**" in out


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path):
    _write(tmp_path, "two\nlines.txt", b"")
    code, _, err = run("ingest", str(tmp_path / "two\nlines.txt"), "--db", str(tmp_path / "n.db"))
    assert code == 3 and err.count("\n") == 1 and "two\\nlines.txt" in err


def test_id_prefixes_are_not_patterns(seeded):
    for pattern in ("%%%%", "____", "%_%_"):
        code, _, err = run("show", pattern, "--db", seeded)
        assert code == 2 and "no document" in err


@pytest.mark.parametrize("text", [
    "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                                                   for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
    "a: " + "[" * 200 + "]" * 200,
])
def test_yaml_bombs_are_refused_before_they_are_built(text):
    with pytest.raises(safeyaml.UnsafeYAML):
        safeyaml.load(text)


def test_a_kb_file_with_a_bomb_or_python_tags_is_one_line(tmp_path):
    doc = _write(tmp_path, "a.txt", GOOD)
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 8))
    for name, body in (("bomb.yaml", bomb + "kind: person\nsources: [x]\nrecords: []\n"),
                       ("tag.yaml", "kind: person\nsources: [x]\nrecords: !!python/object/apply:os.system [id]\n")):
        kb = _write(tmp_path, name, body)
        code, _, err = run("ingest", str(doc), "--db", str(tmp_path / "k.db"), "--kb", str(kb))
        assert code == 2 and name in err and err.count("\n") == 1, err


def test_huge_search_queries_and_limits_are_one_line(seeded):
    code, _, err = run("search", " ".join(f"w{i}" for i in range(1000)), "--db", seeded)
    assert code == 0 and "Traceback" not in err
    code, _, err = run("search", "x", "--limit", "99999999999999999999", "--db", seeded)
    assert code == 2 and err.count("\n") == 1


def test_a_stage_that_fails_rejects_that_document_only(tmp_path, monkeypatch):
    from communique import pipeline

    real = pipeline.stages(())

    def failing(doc):
        if "boom" in doc.body:
            raise KeyError("xx")
        return doc

    monkeypatch.setattr(pipeline, "stages", lambda kb_paths=(): [*real[:2], ("probe", failing), *real[2:]])
    _write(tmp_path, "a-boom.txt", "Hai bên nhất trí hợp tác kinh tế boom và thương mại trong năm tới.\n")
    _write(tmp_path, "b-fine.txt", GOOD)
    code, out, err = run("ingest", str(tmp_path), "--db", str(tmp_path / "s.db"), "--workers", "1", "-q")
    assert code == 3 and "1 new" in out
    assert err.count("\n") == 1 and "a-boom.txt" in err and "stage probe: KeyError" in err


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of blanks in ~300 KB
                member.write(chunk)
    code, lines, peak_mb = _ingest_alone(path, tmp_path / "z.db")  # a fresh process: its own peak
    assert code == 3 and len(lines) == 1 and "possible zip bomb" in lines[0], lines
    assert peak_mb < 400, peak_mb  # an ingest of one small file peaks at ~160 MB; unpacked, this is 300 MB more


def test_a_pdf_of_thousands_of_pages_is_refused_at_once(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=8)
    for n in range(5_000):
        pdf.add_page()
        pdf.cell(text=f"Page {n}")
    path = tmp_path / "long.pdf"
    pdf.output(str(path))
    started = time.monotonic()
    code, _, err = run("ingest", str(path), "--db", str(tmp_path / "p.db"), "-q")
    assert code == 3 and "5,000 pages" in err and err.count("\n") == 1
    assert time.monotonic() - started < 60


def test_a_document_over_its_time_budget_is_refused_and_the_batch_goes_on(tmp_path, monkeypatch):
    from communique import pipeline

    real = pipeline.stages(())

    def slow(doc):
        if "chậm" in doc.body:
            while True:  # a stage that never ends on this document
                time.sleep(0.01)
        return doc

    monkeypatch.setattr(pipeline, "stages", lambda kb_paths=(): [*real[:3], ("probe", slow), *real[3:]])
    _write(tmp_path, "a-slow.txt", "Hai bên nhất trí hợp tác kinh tế, chậm mà chắc, trong năm tới.\n")
    _write(tmp_path, "b-fine.txt", GOOD)
    started = time.monotonic()
    code, out, err = run("ingest", str(tmp_path), "--db", str(tmp_path / "t.db"), "--workers", "1", "-q",
                         "--max-seconds", "0.5")
    assert code == 3 and "1 new" in out and time.monotonic() - started < 30
    assert err.count("\n") == 1 and "a-slow.txt" in err and "more than 0.5 s (in stage probe)" in err
    code, _, err = run("ingest", str(tmp_path), "--db", str(tmp_path / "t.db"), "--max-seconds", "0")
    assert code == 2 and "--max-seconds" in err


def test_a_file_that_takes_too_long_to_read_is_refused_and_the_batch_goes_on(tmp_path, monkeypatch):
    from communique.ingest import readers

    real = readers.READERS["text"]

    def slow_reader(name, data):
        if name.endswith("a-slow.txt"):
            while True:  # a reader stuck on this file (a pathological PDF took 19 s before its caps)
                time.sleep(0.01)
        return real(name, data)

    monkeypatch.setitem(readers.READERS, "text", slow_reader)
    _write(tmp_path, "a-slow.txt", GOOD)
    _write(tmp_path, "b-fine.txt", GOOD.replace("kinh tế số", "y tế"))
    code, out, err = run("ingest", str(tmp_path), "--db", str(tmp_path / "t.db"), "--workers", "1", "-q",
                         "--max-seconds", "0.5")
    assert code == 3 and "1 new" in out
    assert err.strip() == f"rejected: {tmp_path / 'a-slow.txt'}: refused: took more than 0.5 s to read"


# Runs of 10⁵ characters of what the patterns of every stage look for, each in one sentence.
WORST_CASES = {
    "digits": "1" * 100_000, "dots": "." * 100_000, "slashes": "1/" * 50_000, "decimals": "1." * 50_000,
    "dashes": "1-" * 50_000, "commas": "1," * 50_000, "spaced digits": "1 " * 50_000, "parens": "(" * 100_000,
    "Chinese numerals": "一二三四五六七八九十百千万亿" * 7_000, "enumeration commas": "、" * 100_000,
    "ordinals": "第一" * 50_000, "Vietnamese dates": "ngày 1 tháng 1 " * 7_000, "years": "năm 2025 " * 11_000,
    "amounts": "$1," * 33_000, "percentages": "1% " * 33_000, "quotes": '"' * 100_000, "clause numbers": "1. " * 33_000,
    "roman numerals": "IV. " * 25_000, "dates": "Ngày 1/1/2025 " * 7_000,
}
# Each case takes under a second; a quadratic pattern took minutes (amounts: 193 s, percentages: 87 s).
WORST_CASE_SECONDS = 20


@pytest.mark.parametrize("kind", list(WORST_CASES))
def test_every_stage_is_linear_on_long_runs(kind):
    from communique import pipeline
    from communique.model import Document

    pipeline.process(Document(path="warm-up", raw="Hai bên nhất trí hợp tác."))
    started = time.monotonic()
    pipeline.process(Document(path=kind, raw="Hai bên nhất trí hợp tác. " + WORST_CASES[kind] + " Kết thúc.\n"))
    assert time.monotonic() - started < WORST_CASE_SECONDS


# The child reports its own peak memory when it ends (RUSAGE_CHILDREN would give the largest child's,
# and this process's own peak may be anything the tests before left it).
# The peak is the process's own VmHWM: getrusage's ru_maxrss keeps the parent's size across fork and
# exec (a test process holding the embedding model made a 157 MB ingest read as 419 MB).
PEAK_RUNNER = ("import sys\nfrom communique.cli import main\nsys.argv = ['communique'] + sys.argv[1:]\n"
               "try:\n    main()\nfinally:\n"
               "    hwm = next(line for line in open('/proc/self/status') if line.startswith('VmHWM:'))\n"
               "    print('PEAK_KB', hwm.split()[1], file=sys.stderr)")
# An ingest of one small file peaks at some 160-180 MB; the bombs below grew it by gigabytes.
PEAK_MB = 500


def _ingest_alone(path: Path, db: Path) -> tuple[int, list[str], float]:
    """Ingest one file in a fresh process: (exit code, stderr lines, peak memory in MB)."""
    proc = subprocess.run([sys.executable, "-c", PEAK_RUNNER, "ingest", str(path), "--db", str(db), "-q"],
                          capture_output=True, text=True, timeout=600)
    lines = proc.stderr.strip().splitlines()
    peak = next(int(line.split()[1]) for line in lines if line.startswith("PEAK_KB ")) / 1024
    return proc.returncode, [line for line in lines if not line.startswith("PEAK_KB ")], peak


BLANKS = b" " * (1 << 20)


@pytest.mark.parametrize("kind, pdf", [
    # one content stream inflating to 2 GB of text drawn (6 MB of file)
    ("one stream", lambda: _pdf([[_deflated_repeat(PAGE_OPS * 20_000, 2_000)]])),
    # 40 pages of 20 MB each, every stream under pypdf's cap of 75 MB: it keeps them all (was 1.3 GB
    # for 20 pages of 60 MB)
    ("many pages", lambda: _pdf([[_deflated_repeat(BLANKS, 20)]] * 40)),
    # one page drawing 40 forms of 20 MB each
    ("many forms", lambda: _pdf([[zlib.compress(b"".join(b"/X%d Do " % n for n in range(40)))]],
                                forms=[_deflated_repeat(BLANKS, 20)] * 40)),
])
def test_a_pdf_compression_bomb_is_refused_in_bounded_memory(tmp_path, kind, pdf):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf())
    code, lines, peak_mb = _ingest_alone(path, tmp_path / "b.db")
    assert code == 3 and len(lines) == 1, lines
    assert lines[0].startswith(f"rejected: {path}: ") and "possible compression bomb" in lines[0], lines
    assert peak_mb < PEAK_MB, (kind, peak_mb)


def test_a_pdf_within_the_budgets_is_still_read(tmp_path, monkeypatch):
    # Pages of drawing (a map, a chart) are content, not a bomb; nor is a letterhead form that every
    # page draws: pypdf inflates it once, so it is counted once (26 pages x 1 MB would be over the
    # budget, made 10 MB here to keep the test quick).
    from communique.ingest import pdffile, read_path

    monkeypatch.setattr(pdffile, "MAX_CONTENT_BYTES", 10_000_000)
    text = b"BT /F1 12 Tf 72 700 Td (Joint statement on the comprehensive strategic partnership) Tj ET\n"
    page = [zlib.compress(text + b"q /X0 Do Q\n"), zlib.compress(b" " * 300_000)]
    path = tmp_path / "charts.pdf"
    path.write_bytes(_pdf([page] * 26, forms=[_deflated_repeat(BLANKS, 1)]))
    (doc,) = read_path(path)
    assert doc.raw.count("Joint statement on the comprehensive strategic partnership") == 26, doc
    path.write_bytes(_pdf([page] * 40, forms=[_deflated_repeat(BLANKS, 1)]))  # 40 x 300 KB: over 10 MB
    (rejected,) = read_path(path)
    assert "possible compression bomb" in rejected.reason


@pytest.mark.parametrize("kind", ["UTF-16", "behind a long comment"])
def test_a_docx_dtd_is_found_however_it_is_hidden(tmp_path, kind):
    from communique.ingest import read_path

    data = _docx(EXTERNAL, ENTITY_TEXT.format("&xxe;"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "word/document.xml":
                declaration, rest = part.decode("utf-8").split("\n", 1)
                if kind == "UTF-16":
                    part = (declaration.replace("UTF-8", "UTF-16") + "\n" + rest).encode("utf-16")
                else:
                    part = (declaration + "\n<!--" + "x" * 70_000 + "-->" + rest).encode("utf-8")
            target.writestr(item, part)
    path = tmp_path / "hidden.docx"
    path.write_bytes(out.getvalue())
    (rejected,) = read_path(path)
    assert "DTD" in rejected.reason or "XML prolog over" in rejected.reason, rejected


def _file_that(monkeypatch, path: Path, when: str, change) -> None:
    """Make `change(path)` happen to the file at `when`: 'after stat' (between the check of the path and
    the opening of the file) or 'while read' (between the first bytes read and the rest)."""
    from communique.ingest import readers

    if when == "after stat":
        def stat_then_change(name, *args, **kwargs):
            result = os.stat(name, *args, **kwargs)
            if str(name) == str(path):
                change(path)
            return result

        # The readers' own `os` only: other stats of the path (walking the folder) happen before.
        monkeypatch.setattr(readers, "os", types.SimpleNamespace(**{**vars(os), "stat": stat_then_change}))
    else:
        real_sniff = readers.sniff_format

        def sniff_then_change(name, head):
            change(path)
            return real_sniff(name, head)

        monkeypatch.setattr(readers, "sniff_format", sniff_then_change)


def _replace_by_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _append(path: Path) -> None:
    with open(path, "ab") as handle:
        handle.write("Bản sửa đổi: hai bên hoãn hội đàm.\n".encode())


def _rewrite(path: Path) -> None:
    path.write_text("Bản khác hẳn.\n", encoding="utf-8")


@pytest.mark.parametrize("when, change, reason", [
    ("after stat", Path.unlink, "cannot read (No such file or directory)"),
    ("after stat", _replace_by_fifo, "not a regular file"),  # opening it waited for a writer forever
    ("while read", _append, "changed while it was read"),  # was stored: old text and new in one
    ("while read", _rewrite, "changed while it was read"),
])
def test_a_file_that_changes_while_it_is_read_is_one_line(tmp_path, monkeypatch, when, change, reason):
    import signal

    doc = _write(tmp_path, "moving.txt", GOOD * 3)
    _write(tmp_path, "zz-fine.txt", GOOD.replace("kinh tế số", "giáo dục"))
    _file_that(monkeypatch, doc, when, change)

    def hung(*_):
        raise AssertionError("the read waited forever")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)  # only a guard against a hang: the read takes milliseconds
    try:
        code, out, err = run("ingest", str(tmp_path), "--db", str(tmp_path / "m.db"), "--workers", "1", "-q")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 3 and "1 new" in out, (out, err)
    assert err.count("\n") == 1 and err.startswith(f"rejected: {doc}: {reason}"), err


@pytest.mark.parametrize("change", [Path.unlink, _rewrite])
def test_a_file_that_changes_after_it_is_read_is_stored_as_read(tmp_path, monkeypatch, change):
    from communique import pipeline

    doc = _write(tmp_path, "moving.txt", GOOD * 3)
    real = pipeline.stages(())

    def change_the_file(document):
        if doc.exists():
            change(doc)
        return document

    monkeypatch.setattr(pipeline, "stages", lambda kb_paths=(): [("probe", change_the_file), *real])
    db = str(tmp_path / "r.db")
    code, out, err = run("ingest", str(doc), "--db", db, "-q")
    assert code == 0 and "1 new" in out and not err, err
    _, exported, _ = run("export", "--db", db, "-q")
    (stored,) = json.loads(exported)["documents"]
    assert "năng lượng sạch" in json.dumps(stored, ensure_ascii=False) and "Bản khác" not in exported


TOPICS = ("kinh tế", "thương mại", "đầu tư", "giáo dục", "y tế", "năng lượng", "quốc phòng", "văn hóa", "du lịch",
          "nông nghiệp", "khoa học", "công nghệ", "hàng hải", "lao động", "tài chính", "môi trường")
# 100,000 lines take some 3 minutes (1.6 ms a line, linear): marked slow (`make test-fast` leaves it out).


@pytest.mark.parametrize("lines", [2_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_json_lines_by_the_hundred_thousand_are_all_stored(tmp_path, lines):
    # Distinct articles: lines that are near duplicates of one another are a cost of their own
    # (the near-duplicate check: 10,000 such lines take 68 s, 20,000 take 178 s).
    rng = random.Random(lines)
    path = tmp_path / "dump.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(lines):
            topics = " và ".join(rng.sample(TOPICS, 3))
            text = (f"Bản tin số {n}: ngày {rng.randrange(1, 29)}/{rng.randrange(1, 13)}/2025, hai bên nhất trí "
                    f"tăng cường hợp tác {topics}, mã văn kiện {rng.randrange(10**9)}.")
            handle.write(json.dumps({"text": text, "url": f"https://example.org/{n}"}, ensure_ascii=False) + "\n")
    db = str(tmp_path / "l.db")
    started = time.monotonic()
    # 100,000 lines of 200 bytes make 20.6 MB, over the default limit of 20 MB a file: a JSON Lines
    # file is streamed, the limit holds for each line.
    code, out, err = run("ingest", str(path), "--db", db, "-q")
    took = time.monotonic() - started
    assert code == 0 and not err, err
    assert f"1 file: {lines} new," in out, out
    _, stats, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(stats)["documents"] == lines
    assert took < BATCH_SECONDS * max(1, lines // 20_000)  # generous: linear, not a hang


def test_the_size_limit_of_a_json_lines_file_holds_for_each_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [{"text": GOOD.strip()}, {"text": "Hai bên nhất trí. " * 40}, {"text": GOOD.strip() + " Tin thứ ba."}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 600
    code, out, err = run("ingest", str(path), "--db", str(tmp_path / "j.db"), "-q", "--max-bytes", "600")
    assert code == 3 and "2 new" in out
    assert err.strip() == f"rejected: {path}#L2: line too long (over 600 bytes)"


@pytest.mark.parametrize("published", ["0000", "0001-01-01", "0999", "9999-12-31"])
def test_a_placeholder_publication_date_is_no_date(tmp_path, published):
    # counted back from ("last year"), the year 0 gave partnership dates of "-001", outside the export schema
    line = {"text": "Last year, Japan and the United Kingdom agreed to upgrade their relations to a Comprehensive "
                    "Strategic Partnership.", "published": published}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert run("ingest", str(tmp_path), "--db", db, "-q")[0] == 0
    code, out, err = run("export", "--db", db, "-q")
    assert code == 0, err
    export = json.loads(out)
    assert export["documents"][0]["published_partial"] is None and export["documents"][0]["published"] is None
    assert all(p["date"] is None or p["date"][:1].isdigit() for p in export["partnerships"])
