"""The stored register (issue 17): commitments, evidence proposals, assessments and decisions,
through the real CLI on real SQLite and PostgreSQL stores."""

from __future__ import annotations

import json
import threading

import pytest

from communique import api
from communique.track.status import EvidenceConflict
from tests.conftest import BACKENDS, new_register_url, run_cli
from tests.track import corpus


def _json(*args: str):
    code, out, err = run_cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module", params=BACKENDS)
def tracked(request, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("corpus")
    corpus.write(folder)
    db = new_register_url(request, request.param, folder)
    code, out, err = run_cli("ingest", str(folder), "--db", db)
    assert code == 0, err
    return db


def _by_clause(db: str) -> dict[str, dict]:
    return {c["clause"]: c for c in _json("status", "--pair", "MY-TH", "--db", db) if c["clause"]}


def test_every_clause_is_a_register_commitment_and_a_principle_is_not_assessable(tracked):
    clauses = _by_clause(tracked)
    assert set(clauses) == {"1", "2", "3", "4"}
    assert clauses["4"]["status"] == "not_assessable"
    assert all(clauses[c]["status"] == "no_evidence" for c in "123")
    assert clauses["3"]["deadline"] == "2027" and clauses["3"]["schedule"] == "on_time"


def test_a_later_report_in_another_language_is_proposed_for_the_right_clause_only(tracked):
    clauses = _by_clause(tracked)
    links = _json("evidence", "list", "--db", tracked)
    report = [e for e in links if "奖学金" in e["text"]]
    assert [e["register_id"] for e in report] == [clauses["2"]["id"]]
    assert report[0]["stance"] == "progress" and report[0]["state"] == "proposed"
    assert "shares the figure 200" in report[0]["reason"] and "8 months after the statement" in report[0]["reason"]


def test_a_speech_repeating_a_clause_is_a_mention(tracked):
    clauses = _by_clause(tracked)
    speech = [e for e in _json("evidence", "list", clauses["3"]["id"], "--db", tracked) if "Anwar" in e["text"]]
    assert [e["stance"] for e in speech] == ["mention"]


def test_a_report_on_something_else_is_proposed_for_nothing(tracked):
    assert not [e for e in _json("evidence", "list", "--db", tracked) if "tourism" in e["text"]]


def test_ingesting_again_proposes_nothing_twice(tracked, tmp_path):
    before = _json("evidence", "list", "--db", tracked)
    assert api.track(db=tracked)["evidence"] == 0
    assert _json("evidence", "list", "--db", tracked) == before


def test_the_register_is_the_same_when_its_in_lists_go_one_value_at_a_time(tracked, request, tmp_path, monkeypatch):
    # A run at scale names 100k documents; statements take them a piece at a time (store.chunks).
    from communique.store import chunks

    monkeypatch.setattr(chunks, "IN_LIST_MAX", 1)
    folder = tmp_path / "corpus"
    corpus.write(folder)
    db = new_register_url(request, "sqlite" if tracked.startswith("sqlite") else "postgresql", tmp_path)
    api.ingest([folder], db=db)
    status = sorted((c["id"], c["status"]) for c in api.status(db=db))
    links = sorted((e["register_id"], e["document_id"], e["stance"]) for e in api.evidence_list(db=db))
    assert status == sorted((c["id"], c["status"]) for c in api.status(db=tracked)) and len(status) >= 4
    assert links and links == sorted((e["register_id"], e["document_id"], e["stance"])
                                     for e in api.evidence_list(db=tracked))


def test_confirm_moves_the_status_and_history_is_append_only(tmp_path, db_url):
    corpus.write(tmp_path)
    db = db_url
    api.ingest([tmp_path], db=db)
    clause = _by_clause(db)["2"]
    link = api.evidence_list(db=db, register_id=clause["id"])[0]
    code, out, err = run_cli("evidence", "confirm", link["id"], "--author", "lan", "--note", "TICA release",
                             "--db", db)
    assert code == 0, err
    detail = api.register_commitment(clause["id"], db=db)
    assert detail["status"] == "in_progress"
    assert [a["implementation"] for a in detail["assessments"]] == ["no_evidence", "in_progress"]
    assert [entry["state"] for entry in detail["implementation"][0]["log"]] == ["proposed", "confirmed"]
    # an analyst's assessment is appended; the machine's stay in the history
    code, out, err = run_cli("assess", clause["id"], "--implementation", "partial", "--author", "minh",
                             "--note", "first 200 of 600 awarded", "--db", db)
    assert code == 0, err
    detail = api.register_commitment(clause["id"], db=db)
    assert [(a["author"], a["implementation"]) for a in detail["assessments"]] == [
        ("auto", "no_evidence"), ("auto", "in_progress"), ("minh", "partial")]
    assert detail["review"] == "analyst_confirmed"
    # the machine does not overwrite the analyst without new evidence
    api.track(db=db)
    assert api.register_commitment(clause["id"], db=db)["status"] == "partial"


def test_a_rejected_link_is_never_proposed_again(tmp_path, db_url):
    corpus.write(tmp_path)
    db = db_url
    api.ingest([tmp_path], db=db)
    clause = _by_clause(db)["3"]
    link = api.evidence_list(db=db, register_id=clause["id"])[0]
    api.decide_evidence(link["id"], "rejected", db=db, author="lan")
    api.track(db=db)
    store = api.open_store(db)
    from communique.track.evidence import propose

    assert propose(store, [link["document_id"]])[0] == 0
    assert [e["state"] for e in api.evidence_list(db=db, register_id=clause["id"])] == ["rejected"]


def test_a_confirm_racing_a_reject_one_wins_the_other_gets_a_clear_error(tmp_path, db_url):
    corpus.write(tmp_path)
    db = db_url
    api.ingest([tmp_path], db=db)
    link = api.evidence_list(db=db, state="proposed")[0]
    outcomes: dict[str, object] = {}
    start = threading.Barrier(2)

    def decide(state: str, author: str) -> None:
        start.wait()
        try:
            outcomes[state] = api.decide_evidence(link["id"], state, db=db, author=author)
        except EvidenceConflict as error:
            outcomes[state] = error

    threads = [threading.Thread(target=decide, args=a) for a in (("confirmed", "lan"), ("rejected", "minh"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [v for v in outcomes.values() if isinstance(v, EvidenceConflict)]
    wins = [v for v in outcomes.values() if isinstance(v, dict)]
    assert len(errors) == 1 and len(wins) == 1
    assert "not " in str(errors[0]) and link["id"] in str(errors[0])
    final = api.evidence_list(db=db, register_id=link["register_id"])
    assert [e["state"] for e in final if e["id"] == link["id"]] == [wins[0]["state"]]
    log = api.register_commitment(link["register_id"], db=db)["implementation"]
    entry = next(e for e in log if e["id"] == link["id"])
    assert [x["state"] for x in entry["log"]] == ["proposed", wins[0]["state"]]


@pytest.mark.parametrize("args, message", [
    (("assess", "nope:c1", "--implementation", "achieved", "--author", "lan"), "no register commitment"),
    (("assess", "X", "--implementation", "done", "--author", "lan"), "--implementation: 'done' is not one of"),
    (("evidence", "confirm", "e-missing", "--author", "lan"), "no evidence link"),
    (("evidence", "list", "--state", "maybe"), "--state: 'maybe' is not one of"),
    (("status", "--implementation", "finished"), "--implementation: 'finished'"),
])
def test_wrong_values_are_one_line_errors(tracked, args, message):
    code, out, err = run_cli(*args, "--db", tracked)
    assert code != 0 and message in err and "Traceback" not in err


def test_the_same_corpus_in_another_order_gives_the_same_ids(tmp_path):
    ids = []
    for n, order in enumerate((tuple(corpus.FILES), tuple(reversed(corpus.FILES)))):
        folder = tmp_path / f"run{n}"
        db = "sqlite:///" + str(tmp_path / f"run{n}.db")
        for name in order:  # one file per ingest: the register grows in that order
            corpus.write(folder, (name,))
            api.ingest([folder / name], db=db)
        api.relink(db=db)
        api.track(db=db)
        ids.append(sorted(c["id"] for c in api.status(db=db)))
    assert ids[0] == ids[1] and len(ids[0]) >= 4


def test_scorecard_counts_states_and_the_g20_scale(tracked):
    card = _json("scorecard", "MY-TH", "--db", tracked)
    overall = card["overall"]
    assert overall["commitments"] == sum(p["commitments"] for p in card["pillars"].values())
    assert overall["states"].get("not_assessable") == 1
    # every assessable commitment has no evidence strong enough yet: -1 on the scale, 0%
    assert overall["score"] == -1.0 and overall["percent"] == 0.0


def test_evidence_for_documents_named_twice_is_proposed_once(tmp_path, db_url):
    from communique.track import evidence
    from communique.track.register import sync

    corpus.write(tmp_path / "c")
    api.ingest([tmp_path / "c"], db=db_url, track=False)
    store = api.open_store(db_url)
    ids = [d.id for d in store.iter_documents()]
    sync(store, ids)
    stored, touched = evidence.propose(store, ids + ids)
    assert stored >= 1 and touched
    assert len(api.evidence_list(db=db_url)) == stored
