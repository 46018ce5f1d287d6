"""The HTTP API through the test client on a real register: every endpoint, pagination and CSV,
permanent URLs, and the errors (each a JSON body with a code and a message, never a 500)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.serve.conftest import bearer


def _items(client, path: str) -> list[dict]:
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def _commitment(client, clause: str) -> dict:
    rows = _items(client, "/api/v1/commitments?pair=MY-TH&limit=100")
    return next(r for r in rows if r["clause"] == clause)


def test_the_index_lists_every_endpoint_and_the_openapi_schema_describes_them(client):
    index = client.get("/api/v1").json()
    assert "/api/v1/commitments/{register_id}" in index["endpoints"]
    schema = client.get("/openapi.json").json()
    for path in ("/api/v1/documents", "/api/v1/search", "/api/v1/uploads", "/api/v1/evidence/{evidence_id}/decision"):
        assert path in schema["paths"]


def test_stats_count_the_documents(client, register):
    stats = client.get("/api/v1/stats").json()
    assert stats["documents"] == 7 and {"en", "zh"} <= set(stats["languages"])


def test_documents_filter_by_language_and_date_and_each_has_a_permanent_url(client):
    chinese = _items(client, "/api/v1/documents?language=zh")
    assert [d["language"] for d in chinese] == ["zh"]
    later = _items(client, "/api/v1/documents?since=2025-06")
    assert later and all(d["published"] >= "2025-06" for d in later)
    one = client.get(chinese[0]["url"])
    assert one.status_code == 200 and one.json()["id"] == chinese[0]["id"]
    assert "commitments" in one.json()["facts"]


def test_listings_page_with_a_cursor_and_the_pages_join_up(client):
    everything = _items(client, "/api/v1/entities?limit=500")
    seen, url = [], "/api/v1/entities?limit=3"
    while url:
        answer = client.get(url).json()
        assert len(answer["items"]) <= 3
        seen += answer["items"]
        url = answer["next"]
    assert [e["id"] for e in seen] == [e["id"] for e in everything]


def test_a_cursor_from_other_filters_is_refused(client):
    first = client.get("/api/v1/entities?limit=2").json()
    cursor = first["next"].split("cursor=")[1]
    answer = client.get(f"/api/v1/entities?limit=2&type=person&cursor={cursor}")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad_cursor"


@pytest.mark.parametrize("path", ["/api/v1/documents", "/api/v1/entities", "/api/v1/partnerships",
                                  "/api/v1/events", "/api/v1/commitments", "/api/v1/evidence",
                                  "/api/v1/targets", "/api/v1/mechanisms", "/api/v1/search?q=scholarships"])
def test_every_listing_comes_as_csv_with_the_same_rows(client, path):
    joined = "&" if "?" in path else "?"
    answer = client.get(path + joined + "format=csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == client.get(path).json()["count"]


def test_partnerships_events_and_the_timeline_of_a_pair(client):
    assert any(p["pair"] == "MY-TH" for p in _items(client, "/api/v1/partnerships"))
    timeline = client.get("/api/v1/timeline?pair=TH-MY").json()
    assert [p["pair"] for p in timeline["pairs"]] == ["MY-TH"]
    history = client.get("/api/v1/partnerships/MY-TH").json()
    assert history["pair"] == "MY-TH" and history["levels"]
    events = _items(client, "/api/v1/events?pair=MY-TH")
    assert events
    one = client.get(events[0]["url"]).json()
    assert one["id"] == events[0]["id"] and one["documents"]


def test_commitments_filter_by_status_and_target_and_show_status_evidence_and_assessments(client):
    with_target = _items(client, "/api/v1/commitments?pair=MY-TH&has_target=true")
    assert {c["clause"] for c in with_target} >= {"2", "3"}
    principle = _items(client, "/api/v1/commitments?implementation=not_assessable")
    assert [c["clause"] for c in principle] == ["4"]
    detail = client.get(_commitment(client, "2")["url"]).json()
    assert detail["status"] and detail["assessments"] and detail["variants"]
    assert all(a["url"].endswith(a["id"]) for a in detail["assessments"])
    assessment = client.get(detail["assessments"][0]["url"]).json()
    assert assessment["register_id"] == detail["id"]


def test_evidence_links_have_urls_and_a_reason(client):
    clause = _commitment(client, "2")
    links = _items(client, f"/api/v1/evidence?commitment={clause['id']}")
    assert links and links[0]["reason"]
    one = client.get(links[0]["url"]).json()
    assert one["id"] == links[0]["id"] and one["commitment"].endswith(clause["id"])


def test_targets_scorecards_and_mechanisms(client):
    targets = _items(client, "/api/v1/targets?pair=MY-TH")
    assert any(str(t["deadline"]).startswith("2027") for t in targets)
    card = client.get("/api/v1/scorecards/MY-TH").json()
    assert card["overall"]["commitments"] >= 4 and card["pair"] == "MY-TH"
    assert client.get("/api/v1/mechanisms").status_code == 200


@pytest.mark.parametrize("mode", ["text", "semantic", "hybrid", "passages"])
def test_search_in_every_mode_finds_the_scholarships(client, mode):
    hits = _items(client, f"/api/v1/search?q=scholarships&mode={mode}&limit=5")
    assert hits


def test_search_finds_a_chinese_report_from_an_english_question(client):
    hits = _items(client, "/api/v1/search?q=scholarships for Malaysian students&mode=semantic&lang=zh&limit=3")
    assert hits and all(h["language"] == "zh" for h in hits)


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/v1/commitments?bogus=1", 400, "bad_parameter"),
    ("/api/v1/commitments?limit=0", 400, "bad_parameter"),
    ("/api/v1/commitments?limit=many", 400, "bad_parameter"),
    ("/api/v1/commitments?implementation=finished", 400, "bad_parameter"),
    ("/api/v1/commitments?pair=Atlantis-VN", 400, "bad_parameter"),
    ("/api/v1/documents?since=2025-13-45", 400, "bad_parameter"),
    ("/api/v1/documents?since=yesterday", 400, "bad_parameter"),
    ("/api/v1/documents?language=xx", 400, "bad_parameter"),
    ("/api/v1/documents?format=xml", 400, "bad_parameter"),
    ("/api/v1/documents/0000000000000000", 404, "not_found"),
    ("/api/v1/documents/" + "a" * 300, 400, "bad_parameter"),
    ("/api/v1/commitments/nothing:c9", 404, "not_found"),
    ("/api/v1/evidence/e-nothing", 404, "not_found"),
    ("/api/v1/assessments/a-nothing", 404, "not_found"),
    ("/api/v1/events/nothing", 404, "not_found"),
    ("/api/v1/entities/person:nobody", 404, "not_found"),
    ("/api/v1/scorecards/XX-YY", 400, "bad_parameter"),
    ("/api/v1/search", 400, "bad_parameter"),
    ("/api/v1/search?q=" + "x" * 600, 400, "bad_parameter"),
    ("/api/v1/search?q=trade&mode=psychic", 400, "bad_parameter"),
    ("/api/v1/jobs/../../etc/passwd", 404, "not_found"),
    ("/api/v1/nothing-here", 404, "not_found"),
])
def test_bad_requests_get_a_json_error_with_a_code_and_a_message(client, path, status, code):
    answer = client.get(path)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code and error["message"]
    assert "Traceback" not in answer.text and "--" not in error["message"]


def test_writes_need_a_token_and_the_right_scope(client, register):
    clause = _commitment(client, "1")
    path = f"/api/v1/commitments/{clause['id']}/assessments"
    body = {"implementation": "in_progress", "note": "first meeting held"}
    anonymous = client.post(path, json=body)
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthorised"
    assert anonymous.headers["www-authenticate"] == "Bearer"
    wrong = client.post(path, json=body, headers={"Authorization": "Bearer cq_000000000000_" + "x" * 30})
    assert wrong.status_code == 401
    reader = client.post(path, json=body, headers=bearer(register, "read"))
    assert reader.status_code == 403 and reader.json()["error"]["code"] == "forbidden"
    malformed = client.post(path, json=body, headers={"Authorization": "Basic abc"})
    assert malformed.status_code == 401


def test_an_assessment_is_added_with_a_permanent_url_and_appears_in_the_history(client, register):
    clause = _commitment(client, "1")
    answer = client.post(f"/api/v1/commitments/{clause['id']}/assessments", headers=bearer(register, "write"),
                         json={"implementation": "in_progress", "note": "the working group met in May"})
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert answer.headers["location"] == made["url"] and made["author"] == "write-user"
    detail = client.get(clause["url"]).json()
    assert detail["status"] == "in_progress"
    assert detail["assessments"][-1]["id"] == made["id"]
    assert client.get(made["url"]).json()["note"] == "the working group met in May"


@pytest.mark.parametrize("body", [
    {"implementation": "finished"},
    {"implementation": "in_progress", "extra": 1},
    {"implementation": "in_progress", "note": "x" * 5000},
    {"implementation": 3},
    {},
])
def test_a_bad_assessment_is_a_json_error(client, register, body):
    clause = _commitment(client, "1")
    answer = client.post(f"/api/v1/commitments/{clause['id']}/assessments", headers=bearer(register, "write"),
                         json=body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["code"] == "bad_parameter"


def test_evidence_is_confirmed_once_and_a_second_decision_is_a_conflict(client, register):
    clause = _commitment(client, "2")
    link = next(e for e in _items(client, f"/api/v1/evidence?commitment={clause['id']}") if e["state"] == "proposed")
    path = f"/api/v1/evidence/{link['id']}/decision"
    assert client.post(path, json={"state": "maybe"}, headers=bearer(register, "write")).status_code == 400
    answer = client.post(path, json={"state": "confirmed", "note": "TICA release"}, headers=bearer(register, "write"))
    assert answer.status_code == 200, answer.text
    assert client.get(link["url"]).json()["state"] == "confirmed"
    again = client.post(path, json={"state": "rejected"}, headers=bearer(register, "write"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_an_assessment_through_a_session_cookie_needs_the_csrf_token(client, register):
    page = client.get("/sign-in")
    csrf = page.cookies.get("communique_csrf") or client.cookies.get("communique_csrf")
    signed = client.post("/sign-in", data={"token": register["tokens"]["write"], "csrf": csrf})
    assert signed.status_code == 303
    clause = _commitment(client, "3")
    path = f"/api/v1/commitments/{clause['id']}/assessments"
    body = {"implementation": "announced", "note": "site chosen"}
    assert client.post(path, json=body).json()["error"]["code"] == "csrf"
    assert client.post(path, json=body, headers={"X-CSRF-Token": csrf}).status_code == 201


def test_a_revoked_token_stops_working_at_once(client, register):
    from communique import api
    from communique.serve import tokens

    store = api.open_store(register["db"])
    made = tokens.create(store, "temporary", "write")
    headers = {"Authorization": f"Bearer {made['token']}"}
    assert client.get("/api/v1/jobs/0123456789abcdef", headers=headers).status_code == 404
    tokens.revoke(store, made["id"])
    assert client.get("/api/v1/jobs/0123456789abcdef", headers=headers).status_code == 401


def test_atom_feeds_follow_a_pair_and_a_commitment(client):
    feed = client.get("/feeds/pairs/MY-TH.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in feed.text and "<entry>" in feed.text
    clause = _commitment(client, "1")
    one = client.get(f"/feeds/commitments/{clause['id']}.atom")
    assert one.status_code == 200 and clause["id"] in one.text
    assert client.get("/feeds/pairs/Atlantis-VN.atom").status_code == 400


def test_reads_can_be_closed_to_anyone_without_a_token(register, tmp_path):
    from fastapi.testclient import TestClient

    from communique.serve.app import create_app
    from communique.serve.settings import Settings

    closed = create_app(Settings(db=register["db"], reads="token", upload_dir=tmp_path))
    with TestClient(closed, raise_server_exceptions=False) as client:
        assert client.get("/api/v1/commitments").status_code == 401
        assert client.get("/api/v1/commitments", headers=bearer(register, "read")).status_code == 200
    closed.state.jobs.stop()
