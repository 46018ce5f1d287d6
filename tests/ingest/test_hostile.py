"""Hostile input in one batch (issue 15, first part): each bad file gets one line naming it, the
good ones are stored once, nothing stops the batch, and the run stays bounded in time."""

from __future__ import annotations

import json
import os
import random
import time
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


def _battery(folder: Path) -> tuple[set[str], set[str]]:
    """Write the hostile kinds; returns (names that must be rejected, names that must be stored)."""
    rng = random.Random(15)
    rejected, stored = set(), set()

    def bad(name: str, data: bytes | str) -> None:
        _write(folder, name, data)
        rejected.add(name)

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
    rejected.update({"dump.jsonl#L2", "dump.jsonl#L4", "dump.jsonl#L5", "dump.jsonl#L6"})
    (folder / "x.txt").mkdir()  # a folder named like a file: walked, not read
    (folder / "loop").mkdir()
    os.symlink(folder / "loop", folder / "loop" / "again")  # a symlink loop: walked once
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    rejected.add("dangling.txt")
    os.mkfifo(folder / "fifo.txt")
    rejected.add("fifo.txt")
    with open(folder / "sparse.txt", "wb") as handle:  # 1 GB that takes no disk: refused by its size
        handle.truncate(1 << 30)
    rejected.add("sparse.txt")
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
    for name in rejected:
        assert any(line.startswith(f"rejected: {folder / name}: ") for line in lines), (name, lines)
    assert len(lines) == len(rejected), lines
    _, exported, _ = run("export", "--db", db, "-q")
    paths = [_name(d["path"], folder) for d in json.loads(exported)["documents"]]
    assert sorted(paths) == sorted(set(paths)), "each document stored once"
    assert set(paths) == stored
    assert took < BATCH_SECONDS
    # Again: nothing new, nothing duplicated.
    code, out, _ = run("ingest", str(folder), "--db", db, "--workers", "1", "--quiet")
    assert code == 3 and f"{len(stored)} unchanged" in out and " 0 new," in out


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
    import resource
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of blanks in ~300 KB
                member.write(chunk)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, _, err = run("ingest", str(path), "--db", str(tmp_path / "z.db"), "-q")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert code == 3 and "possible zip bomb" in err and err.count("\n") == 1
    assert grown_mb < 200, grown_mb


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
