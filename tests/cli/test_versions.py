"""A changed file through the real CLI: the new version is a revision (never a near duplicate of
itself), it carries the facts, older versions keep theirs for `export --all-versions` and `diff`."""

from __future__ import annotations

import json
from pathlib import Path

from communique.export import validate

from ..conftest import run_cli as run

ARTICLE = """Viet Nam and the United Kingdom upgrade ties

Hanoi, 29 October 2024 - Prime Minister Pham Minh Chinh held talks with Prime Minister Keir Starmer in London on 29 October 2024.

The two leaders agreed to upgrade the relationship between Viet Nam and the United Kingdom to a Comprehensive Strategic Partnership on 29 October 2024.

The two sides will strengthen cooperation in trade, investment, education and climate action, and agreed to raise bilateral trade to 10 billion US dollars by 2030.

They also welcomed the progress of the UK-Viet Nam Free Trade Agreement and pledged to hold the next dialogue in Hanoi.

Both leaders reaffirmed their commitment to peace, stability and the rule of law in the region and beyond, including freedom of navigation in the East Sea.
"""
UPGRADE_2024 = "Comprehensive Strategic Partnership on 29 October 2024."
UPGRADE_2025 = "Comprehensive Strategic Partnership on 29 October 2025."
# A line a republished copy adds (not page chrome: the copy is a near duplicate, not the same body).
COPY_LINE = "Readers also asked about the next steps of the partnership.\n"


def _json(*args: str) -> object:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _ids(db: str) -> tuple[str, str]:
    """(current id, id of the version before it) of the only changed file."""
    exported = _json("export", "--db", db, "--all-versions")
    (current,) = [d for d in exported["documents"] if d["superseded_by"] is None and d["path"].endswith("upgrade.txt")]
    return current["id"], current["supersedes"]


def _ingest_and_edit(tmp_path: Path) -> tuple[str, Path]:
    article = tmp_path / "upgrade.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "v.db")
    assert run("ingest", str(article), "--db", db)[0] == 0
    article.write_text(ARTICLE.replace(UPGRADE_2024, UPGRADE_2025), encoding="utf-8")  # one year changed
    code, out, _ = run("ingest", str(article), "--db", db)
    assert code == 0 and "1 new versions" in out and "near duplicate" not in out
    return db, article


def test_the_new_version_carries_the_facts(tmp_path):
    db, _ = _ingest_and_edit(tmp_path)
    new, old = _ids(db)
    assert _json("show", new, "--db", db)["duplicate_of"] is None
    partnerships = _json("facts", "--db", db, "--kind", "partnership")
    assert [(p["date"], p["evidence"][0]["document"]) for p in partnerships] == [("2025-10-29", new)]
    assert UPGRADE_2025 in partnerships[0]["evidence_text"]
    events = _json("events", "--db", db)
    assert [(e["type"], e["documents"]) for e in events] == [("talks", [new])]
    hits = _json("search", "Comprehensive Strategic Partnership", "--db", db, "--mode", "semantic")
    assert [h["id"] for h in hits] == [new]
    assert old != new


def test_export_all_versions_has_each_version_with_its_own_facts(tmp_path):
    db, _ = _ingest_and_edit(tmp_path)
    new, old = _ids(db)
    exported = _json("export", "--db", db, "--all-versions")
    validate(exported)
    versions = {d["id"]: (d["version"], d["superseded_by"]) for d in exported["documents"]}
    assert versions == {old: (1, new), new: (2, None)}
    dated = {(p["date"], p["evidence"][0]["document"], p.get("version"), p.get("superseded_by"))
             for p in exported["partnerships"]}
    assert dated == {("2025-10-29", new, None, None), ("2024-10-29", old, 1, new)}
    # Every kind of fact of the old version is there, marked, and only once per version.
    for section in ("events", "commitments", "targets"):
        old_records = [r for r in exported[section] if r.get("superseded_by") == new]
        assert old_records and all(r["version"] == 1 for r in old_records), section
        current = [r for r in exported[section] if r.get("superseded_by") is None]
        assert len(current) == len(old_records), section
    # Without --all-versions only the current version and its facts are exported.
    plain = _json("export", "--db", db)
    assert [d["id"] for d in plain["documents"]] == [new]
    assert [p["date"] for p in plain["partnerships"]] == ["2025-10-29"]


def test_diff_shows_the_changed_date_with_both_sentences(tmp_path):
    db, _ = _ingest_and_edit(tmp_path)
    new, old = _ids(db)
    diff = _json("diff", new, "--db", db)
    assert (diff["document"], diff["version"], diff["previous"], diff["previous_version"]) == (new, 2, old, 1)
    assert diff["added"] == [] and diff["dropped"] == []
    partnership = [c for c in diff["changed"] if c["kind"] == "partnership"]
    assert len(partnership) == 1
    assert partnership[0]["fields"] == {"date": ["2024-10-29", "2025-10-29"]}
    assert UPGRADE_2024 in partnership[0]["before_text"] and UPGRADE_2025 in partnership[0]["after_text"]
    # The commitment stating the upgrade is the same commitment, its text changed.
    assert [c["fields"].keys() for c in diff["changed"] if c["kind"] == "commitment"] == [{"text"}]
    code, text, _ = run("diff", new[:6], "--db", db)
    assert code == 0 and "2024-10-29 → 2025-10-29" in text and UPGRADE_2024 in text and UPGRADE_2025 in text


def test_diff_of_a_first_version_is_a_one_line_error(tmp_path):
    db, _ = _ingest_and_edit(tmp_path)
    new, old = _ids(db)
    code, out, err = run("diff", old, "--db", db)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "no earlier version" in err and new in err and len(err.splitlines()) == 1


def test_a_copy_of_a_changed_article_follows_its_new_version(tmp_path):
    """A near duplicate of a document that gets a new version points to the new version while it
    still repeats it; its facts stay out of the lists (the original's current version has them)."""
    db, article = _ingest_and_edit(tmp_path)
    new, _ = _ids(db)
    copy = tmp_path / "copy.txt"
    copy.write_text(COPY_LINE + article.read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = run("ingest", str(copy), "--db", db)
    assert "1 new" in out and "1 near duplicates" in out
    exported = _json("export", "--db", db)
    (copied,) = [d for d in exported["documents"] if d["id"] != new]
    assert copied["duplicate_of"] == new
    article.write_text(article.read_text(encoding="utf-8").replace("10 billion", "12 billion"), encoding="utf-8")
    assert "1 new versions" in run("ingest", str(article), "--db", db)[1]
    newest, previous = _ids(db)
    assert previous == new
    assert _json("show", copied["id"], "--db", db)["duplicate_of"] == newest
    assert _json("show", newest, "--db", db)["duplicate_of"] is None
    assert [p["evidence"][0]["document"] for p in _json("facts", "--db", db, "--kind", "partnership")] == [newest]


def test_copies_of_a_rewritten_article_stand_on_their_own(tmp_path):
    """When the new version no longer repeats the copies, the first copy is an article of its own
    again (its facts come back into the lists) and the second is a near duplicate of the first:
    copies never point to each other in a circle."""
    article = tmp_path / "upgrade.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first, second = tmp_path / "copy1.txt", tmp_path / "copy2.txt"
    first.write_text(COPY_LINE + ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE + "The talks lasted for more than two hours in a warm and friendly atmosphere.\n", encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "r.db")
    for path in (article, first, second):
        run("ingest", str(path), "--db", db)
    article.write_text("Viet Nam and Singapore meet\n\nThe foreign ministers of Viet Nam and Singapore met in "
                       "Hanoi on 3 March 2025 and agreed to expand cooperation in the digital economy.\n",
                       encoding="utf-8")
    code, out, _ = run("ingest", str(article), "--db", db)
    assert "1 new versions" in out and "near duplicate" not in out
    documents = {Path(d["path"]).name: d for d in _json("export", "--db", db)["documents"]}
    assert documents["upgrade.txt"]["duplicate_of"] is None and documents["copy1.txt"]["duplicate_of"] is None
    assert documents["copy2.txt"]["duplicate_of"] == documents["copy1.txt"]["id"]
    partnerships = _json("facts", "--db", db, "--kind", "partnership", "--pair", "GB-VN")
    assert [p["evidence"][0]["document"] for p in partnerships] == [documents["copy1.txt"]["id"]]
