"""End to end: the real `communique` commands on real SQLite files (seeds read from ../shared)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from communique.export import validate

from ..conftest import run_cli as run


def _names(hits: list[dict]) -> set[str]:
    return {Path(h["path"]).name[:3] for h in hits}


def test_reingest_changes_nothing(seeded, seeds_dir):
    _, before, _ = run("stats", "--db", seeded, "--format", "json")
    code, out, _ = run("ingest", str(seeds_dir), "--db", seeded)
    assert code == 0
    assert "0 new" in out and "5 unchanged" in out
    _, after, _ = run("stats", "--db", seeded, "--format", "json")
    assert json.loads(before) == json.loads(after)


def test_search_cptpp_finds_exactly_three_seeds(seeded):
    _, out, _ = run("search", "CPTPP", "--db", seeded, "--format", "json")
    assert _names(json.loads(out)) == {"000", "001", "003"}


def test_search_chinese_without_spaces(seeded):
    _, out, _ = run("search", "伙伴关系", "--db", seeded, "--format", "json")
    hits = json.loads(out)
    assert _names(hits) == {"003"}
    assert "**伙伴关系**" in hits[0]["snippet"]


def test_search_traditional_finds_simplified(seeded):
    _, out, _ = run("search", "夥伴關係", "--db", seeded, "--format", "json")
    assert _names(json.loads(out)) == {"003"}


def test_search_without_diacritics_finds_vietnamese(seeded):
    _, out, _ = run("search", "hop tac", "--db", seeded, "--format", "json")
    hits = json.loads(out)
    assert _names(hits) == {"000", "001", "002", "004"}
    assert all(set(h) >= {"id", "path", "score", "snippet"} for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_search_with_diacritics_is_exact(seeded):
    _, exact, _ = run("search", "hợp tác", "--db", seeded, "--format", "json")
    _, wrong, _ = run("search", "hớp tạc", "--db", seeded, "--format", "json")
    assert len(json.loads(exact)) == 4
    assert json.loads(wrong) == []


def test_search_language_filter_and_short_terms(seeded):
    _, out, _ = run("search", "UK", "--db", seeded, "--format", "json", "--lang", "zh")
    assert _names(json.loads(out)) <= {"003"}
    _, out, _ = run("search", "英国", "--db", seeded, "--format", "json")
    assert _names(json.loads(out)) == {"003"}


def test_export_validates_and_matches_gold_basics(seeded, gold, tmp_path):
    out = tmp_path / "export.json"
    code, _, err = run("export", "--db", seeded, "--format", "json", "--out", str(out))
    assert code == 0, err
    export = json.loads(out.read_text(encoding="utf-8"))
    validate(export)
    by_name = {Path(d["path"]).name: d for d in export["documents"]}
    assert set(by_name) == set(gold)
    for name, facts in gold.items():
        assert by_name[name]["language"] == facts["language"], name


def test_export_jsonl_and_csv(seeded, tmp_path):
    code, out, _ = run("export", "--db", seeded, "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {"type": "schema", "schema": "communique.export/2"}
    assert sum(1 for r in lines if r["type"] == "document") == 5
    register = [r for r in lines if r["type"] == "register_commitment"]
    assert register and all(r["variants"] and r["status"] for r in register)
    code, out, _ = run("export", "--db", seeded, "--format", "csv")
    assert out.splitlines()[0].startswith("id,path,sha256,language,title")


def test_export_version_1_is_still_written_and_valid(seeded, tmp_path):
    out = tmp_path / "v1.json"
    code, _, err = run("export", "--db", seeded, "--schema-version", "1", "--out", str(out))
    assert code == 0, err
    export = json.loads(out.read_text(encoding="utf-8"))
    assert export["schema"] == "communique.export/1" and "register" not in export
    validate(export)
    code, _, err = run("export", "--db", seeded, "--out", str(out))
    export = json.loads(out.read_text(encoding="utf-8"))
    validate(export)
    ids = {c["id"] for c in export["register"]}
    assert ids and {t["commitment"] for t in export["targets"] if t.get("commitment")} <= ids | {
        c["id"] for c in export["commitments"]}


def test_show_and_raw(seeded, seeds_dir):
    _, out, _ = run("search", "Singapore", "--db", seeded, "--format", "json")
    doc_id = json.loads(out)[0]["id"]
    code, shown, _ = run("show", doc_id[:8], "--db", seeded)
    assert code == 0 and "Lawrence Wong" in shown and "Tin khác" not in shown
    code, raw, _ = run("show", doc_id, "--db", seeded, "--raw")
    assert "- [tail_marker] Tin khác" in raw


def test_show_unknown_id_is_one_line_error(seeded):
    code, _, err = run("show", "ffffffffff", "--db", seeded)
    assert code == 2
    assert err.strip().count("\n") == 0 and "no document" in err


def test_bad_input_is_rejected_and_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (folder / "good.txt").write_text(
        "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong thời gian tới.\n",
        encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "t.db")
    code, out, err = run("ingest", str(folder), "--db", db)
    assert code == 3
    rejected = [line for line in err.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 2
    assert any("empty.txt" in line for line in rejected) and any("binary.txt" in line for line in rejected)
    assert "1 new" in out
    code, out, _ = run("ingest", str(folder), "--db", db)
    assert code == 3 and "1 unchanged" in out


def test_changed_file_adds_version_and_same_article_elsewhere_adds_nothing(tmp_path, seeds_dir):
    src = tmp_path / "a.txt"
    shutil.copy(seeds_dir / "002_98b9aa03fddb5425.txt", src)
    db = "sqlite:///" + str(tmp_path / "v.db")
    assert run("ingest", str(src), "--db", db)[0] == 0
    copy = tmp_path / "copy.txt"
    copy.write_text("Có thể bạn quan tâm\n" + src.read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = run("ingest", str(copy), "--db", db)
    assert "1 already stored from another path" in out
    src.write_text(src.read_text(encoding="utf-8") + "\nHai bên nhất trí tổ chức đối thoại lần tới tại London.\n",
                   encoding="utf-8")
    _, out, _ = run("ingest", str(src), "--db", db)
    assert "1 new versions" in out
    _, stats, _ = run("stats", "--db", db, "--format", "json")
    numbers = json.loads(stats)
    assert numbers["documents"] == 1 and numbers["versions"] == 2
    _, exported, _ = run("export", "--db", db, "--all-versions")
    assert len(json.loads(exported)["documents"]) == 2


def test_facts_with_their_sentences(seeded):
    code, out, _ = run("facts", "--db", seeded, "--pair", "GB-VN", "--kind", "partnership", "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert {(f["level"], f["date"]) for f in found} >= {("comprehensive_strategic_partnership", "2025-10-29"),
                                                        ("diplomatic_relations", "1973")}
    assert all(f["evidence_text"] for f in found)
    code, text, _ = run("facts", "--db", seeded, "--kind", "target")
    assert code == 0 and "GBP" in text and "5,000,000,000" in text


def test_export_groups_the_reports_of_one_event(seeded, tmp_path):
    out = tmp_path / "g.json"
    run("export", "--db", seeded, "--out", str(out))
    export = json.loads(out.read_text(encoding="utf-8"))
    names = {d["id"]: Path(d["path"]).name[:3] for d in export["documents"]}
    talks = [sorted(names[d] for d in e["documents"]) for e in export["events"] if e["type"] == "talks"]
    assert ["000", "001", "003"] in talks
    assert all("002" not in group and "004" not in group or len(group) == 1 for group in talks)


def test_near_duplicate_is_marked_and_not_counted_twice(tmp_path, seeds_dir):
    original = (seeds_dir / "004_fdd705d9c6741ef8.txt").read_text(encoding="utf-8")
    lines = original.split("\n")
    # The same article on another site: other chrome on top, one sentence edited, no site tail.
    body_end = lines.index("Mạnh Quân")
    copy = ["Thế giới > Châu Á", "Tin nổi bật"] + lines[:body_end]
    copy = [line.replace("nhiệt liệt chào mừng", "chào mừng") for line in copy]
    assert copy != ["Thế giới > Châu Á", "Tin nổi bật"] + lines[:body_end]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_original.txt").write_text(original, encoding="utf-8")
    (folder / "b_copy.txt").write_text("\n".join(copy) + "\n", encoding="utf-8")
    (folder / "c_other_report.txt").write_text((seeds_dir / "000_63f77e21b1640fc7.txt").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "d.db")
    code, out, _ = run("ingest", str(folder), "--db", db)
    assert code == 0 and "3 new" in out and "1 near duplicates" in out
    _, exported, _ = run("export", "--db", db)
    export = json.loads(exported)
    by_name = {Path(d["path"]).name: d for d in export["documents"]}
    assert by_name["b_copy.txt"]["duplicate_of"] == by_name["a_original.txt"]["id"]
    assert by_name["c_other_report.txt"]["duplicate_of"] is None
    sg = [p for p in export["partnerships"] if p["parties"] == ["SG", "VN"]]
    assert len(sg) == len({(p["level"], p["date"]) for p in sg})
    assert all(ev["document"] != by_name["b_copy.txt"]["id"] for p in sg for ev in p["evidence"])


def test_events_command_lists_reports(seeded):
    code, out, _ = run("events", "--db", seeded, "--pair", "GB-VN", "--format", "json")
    assert code == 0
    talks = [e for e in json.loads(out) if e["type"] == "talks"]
    assert len(talks) == 1 and len(talks[0]["reports"]) == 3 and talks[0]["date"] == "2025-10-29"
    code, text, _ = run("events", "--db", seeded, "--pair", "SG-VN")
    assert code == 0 and "004_fdd705d9c6741ef8.txt" in text
    assert any(line.split()[1:4] == ["2025-03-12", "talks", "SG-VN"] for line in text.splitlines())
