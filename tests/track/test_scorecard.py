"""Scorecards per party and per quarter, targets with their progress and days left, and partnership
timelines with disagreeing sources (issue 17 §5), through the real CLI on a real SQLite store."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from communique import api
from communique.track.views import quarter_of
from tests.conftest import run_cli
from tests.track import corpus


def _json(*args: str):
    code, out, err = run_cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory) -> str:
    """The Malaysia–Thailand corpus with its history reports; the scholarship report confirmed."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus.write(folder, tuple(corpus.FILES) + tuple(corpus.HISTORY_FILES))
    db = "sqlite:///" + str(folder / "register.db")
    code, _, err = run_cli("ingest", str(folder), "--db", db)
    assert code == 0, err
    clause = next(c for c in api.status(db=db, pair="MY-TH") if c["clause"] == "2")
    link = next(e for e in api.evidence_list(db=db, register_id=clause["id"]) if "奖学金" in e["text"])
    code, _, err = run_cli("evidence", "confirm", link["id"], "--author", "lan", "--db", db)
    assert code == 0, err
    return db


def test_the_acting_party_is_counted_apart(confirmed):
    card = _json("scorecard", "MY-TH", "--db", confirmed)
    overall, parties = card["overall"], card["parties"]
    assert set(parties) == {"MY", "TH"}
    # "Thailand will provide 200 scholarships…" is Thailand's alone; the other commitments are joint
    assert parties["TH"]["commitments"] == overall["commitments"]
    assert parties["MY"]["commitments"] == overall["commitments"] - 1
    assert parties["TH"]["states"].get("in_progress") == 1 and "in_progress" not in parties["MY"]["states"]


def test_quarters_show_when_the_status_moved(confirmed):
    card = _json("scorecard", "MY-TH", "--db", confirmed)
    quarters = {q["quarter"]: q for q in card["quarters"]}
    first, last = min(quarters), max(quarters)
    assert first == "2025-Q1"  # the statement's quarter
    assert last == quarter_of(datetime.now(UTC).date())
    assert quarters["2025-Q1"]["commitments"] == 4  # the speech's commitment is stated in September
    assert quarters["2025-Q3"]["commitments"] == 5
    # the report of 5 November moved clause 2: nothing in progress before the quarter it is dated in
    assert "in_progress" not in quarters["2025-Q3"]["states"]
    assert quarters["2025-Q4"]["states"]["in_progress"] == 1
    assert quarters["2025-Q4"]["score"] > quarters["2025-Q3"]["score"]
    assert quarters[last]["states"] == card["overall"]["states"]
    # every commitment of this corpus is dated, so the last quarter holds them all
    assert card["undated"] == 0 and quarters[last]["commitments"] == card["overall"]["commitments"]


def test_a_target_shows_the_latest_figure_its_source_and_days_left(confirmed):
    rows = _json("targets", "--pair", "MY-TH", "--db", confirmed)
    scholarships = next(r for r in rows if r["unit"] == "scholarships")
    assert scholarships["value"] == 200 and scholarships["latest"] == 200 and scholarships["ratio"] == 1.0
    assert scholarships["latest_date"] == "2025-11-05"
    link = next(e for e in api.evidence_list(db=confirmed) if e["id"] == scholarships["source"])
    assert "奖学金" in link["text"] and link["state"] == "confirmed"
    crossing = next(r for r in rows if r["clause"] == "3")
    today = datetime.now(UTC).date()
    assert crossing["deadline"] == 2027
    assert crossing["days_left"] == (datetime(2027, 12, 31, tzinfo=UTC).date() - today).days
    assert crossing["latest"] is None and crossing["ratio"] is None
    code, out, _ = run_cli("targets", "--pair", "MY-TH", "--db", confirmed)
    assert code == 0 and "100%" in out


def test_sources_that_disagree_on_a_date_are_both_shown(confirmed):
    found = _json("timeline", "MY-TH", "--db", confirmed)
    (pair,) = found["pairs"]
    strategic = next(s for s in pair["levels"] if s["level"] == "strategic_partnership")
    assert strategic["disputed"]
    assert sorted(c["date"] for c in strategic["claims"]) == ["2013", "2014"]
    assert all(len(c["documents"]) == 1 for c in strategic["claims"])
    relations = next(s for s in pair["levels"] if s["level"] == "diplomatic_relations")
    assert relations["date"] == "1957" and not relations["disputed"]
    assert [e["type"] for e in pair["events"]][:1] == ["statement"]  # the joint statement of 10 March
    code, out, _ = run_cli("timeline", "MY-TH", "--db", confirmed)
    assert code == 0 and "sources disagree: 2013:" in out and "2014:" in out


def test_the_network_groups_partners_by_level_and_year(confirmed):
    found = _json("timeline", "--country", "Thailand", "--db", confirmed)
    (group,) = found["network"]["by_level"]
    assert group["level"] == "strategic_partnership"
    assert [(p["country"], p["disputed"]) for p in group["partners"]] == [("MY", True)]
    assert {e["pair"] for e in found["network"]["edges"]} == {"MY-TH"}
    code, out, _ = run_cli("timeline", "--country", "TH", "--db", confirmed)
    assert code == 0 and "Strategic Partnership: Malaysia 2013 (disputed)" in out


@pytest.mark.parametrize("args, message", [
    (("timeline", "MY-TH", "--country", "TH"), "not both"),
    (("timeline", "--country", "Atlantis"), "--country 'Atlantis'"),
    (("targets", "--pair", "MY"), "--pair"),
])
def test_wrong_values_are_one_line_errors(confirmed, args, message):
    code, _, err = run_cli(*args, "--db", confirmed)
    assert code != 0 and message in err and "Traceback" not in err
