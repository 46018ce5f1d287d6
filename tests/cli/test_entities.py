"""`communique entities`, `entity` and `--kb` end to end, on the seeds and on a user's KB file."""

from __future__ import annotations

import json

from communique.export import validate

from ..conftest import run_cli as run


def test_people_of_the_seeds(seeded):
    code, out, _ = run("entities", "--db", seeded, "--type", "person", "--format", "json")
    assert code == 0
    names = {e["name"] for e in json.loads(out)}
    assert {"To Lam", "Keir Starmer", "Lawrence Wong", "Le Thi Thu Hang", "Catherine West"} <= names


def test_entity_shows_names_and_mentions(seeded):
    code, out, _ = run("entity", "country:GB", "--db", seeded, "--format", "json")
    record = json.loads(out)
    assert code == 0 and "英国" in record["names"]["zh"]
    assert len({m["document"] for m in record["mentioned_in"]}) >= 4
    code, text, _ = run("entity", "country:GB", "--db", seeded)
    assert "United Kingdom" in text and "mentioned" in text


def test_export_mentions_point_into_text(seeded, tmp_path):
    out = tmp_path / "e.json"
    run("export", "--db", seeded, "--out", str(out))
    export = json.loads(out.read_text(encoding="utf-8"))
    validate(export)
    ids = {e["id"] for e in export["entities"]}
    for doc in export["documents"]:
        assert doc["mentions"], doc["path"]
        for m in doc["mentions"]:
            assert doc["text"][m["start"]:m["end"]] == m["text"]
            assert m["entity"] in ids


USER_KB = """kind: person
sources: ["written for this test"]
records:
  - id: person:test-envoy
    type: person
    name: Aroha Tane
    names: {vi: [Aroha Tane], en: [Aroha Tane]}
    short_names: {en: [Tane], vi: [Tane]}
    country: NZ
    roles:
      - {role: ambassador, country: NZ, start: "2024-01-01", end: null}
"""


def test_user_kb_file(tmp_path):
    kb = tmp_path / "mine.yaml"
    kb.write_text(USER_KB, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Ngày 5/3/2025, bà Aroha Tane gặp đại diện Bộ Ngoại giao Việt Nam tại Hà Nội.\n", encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "k.db")
    assert run("ingest", str(doc), "--db", db, "--kb", str(kb))[0] == 0
    code, out, _ = run("entity", "person:test-envoy", "--db", db, "--kb", str(kb), "--format", "json")
    assert code == 0 and [m["text"] for m in json.loads(out)["mentioned_in"]] == ["Aroha Tane"]


def test_broken_user_kb_is_one_line_error(tmp_path):
    kb = tmp_path / "bad.yaml"
    kb.write_text("kind: person\nsources: [x]\nrecords:\n  - {id: nope}\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại.\n", encoding="utf-8")
    code, _, err = run("ingest", str(doc), "--db", "sqlite:///" + str(tmp_path / "b.db"), "--kb", str(kb))
    assert code == 2 and "bad.yaml" in err and err.count("\n") == 1


def test_relink_after_adding_a_kb_file(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Ngày 5/3/2025, bà Aroha Tane gặp đại diện Bộ Ngoại giao Việt Nam tại Hà Nội.\n", encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "r.db")
    assert run("ingest", str(doc), "--db", db)[0] == 0
    _, before, _ = run("entities", "--db", db, "--format", "json")
    assert "person:test-envoy" not in before
    kb = tmp_path / "mine.yaml"
    kb.write_text(USER_KB, encoding="utf-8")
    code, out, _ = run("relink", "--db", db, "--kb", str(kb))
    assert code == 0 and out.startswith("1 documents linked again")
    _, after, _ = run("entities", "--db", db, "--kb", str(kb), "--format", "json")
    assert "person:test-envoy" in {e["id"] for e in json.loads(after)}
