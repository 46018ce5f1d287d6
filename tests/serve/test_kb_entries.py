"""KB entries added by an admin over the API: validated, stored in the server's KB folder, and
applied to the stored documents by a relink job."""

from __future__ import annotations

from tests.serve.conftest import bearer

SADAO = {"id": "place:sadao", "type": "place", "name": "Sadao", "country": "TH",
            "names": {"en": ["Sadao"], "vi": ["Sadao"], "zh": ["沙道"]}}


def test_an_admin_adds_a_place_and_the_stored_documents_are_relinked(client, register, app):
    before = {e["id"] for e in client.get("/api/v1/entities?type=place&limit=500").json()["items"]}
    assert "place:sadao" not in before
    answer = client.post("/api/v1/kb/entries", json={"kind": "place", "record": SADAO},
                         headers=bearer(register, "admin"))
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["id"] == "place:sadao" and not made["replaced"]
    app.state.jobs.wait(120)
    assert client.get(made["relink_job"]).json()["state"] == "done"
    after = {e["id"] for e in client.get("/api/v1/entities?type=place&limit=500").json()["items"]}
    assert "place:sadao" in after
    again = client.post("/api/v1/kb/entries", json={"kind": "place", "record": SADAO | {"name": "Sadao district"}},
                        headers=bearer(register, "admin"))
    assert again.json()["replaced"] is True
    app.state.jobs.wait(120)


def test_kb_entries_need_the_admin_scope(client, register):
    body = {"kind": "place", "record": SADAO}
    assert client.post("/api/v1/kb/entries", json=body).status_code == 401
    assert client.post("/api/v1/kb/entries", json=body, headers=bearer(register, "write")).status_code == 403


def test_a_record_the_kb_schema_refuses_is_a_json_error_and_nothing_is_stored(client, register, app):
    for record in (SADAO | {"id": "songkhla"}, SADAO | {"country": "XX"}, SADAO | {"colour": "red"},
                   {"id": "place:x"}):
        answer = client.post("/api/v1/kb/entries", json={"kind": "place", "record": record},
                             headers=bearer(register, "admin"))
        assert answer.status_code == 400, (record, answer.text)
        assert answer.json()["error"]["code"] == "bad_parameter"
    wrong_kind = client.post("/api/v1/kb/entries", json={"kind": "country", "record": SADAO},
                             headers=bearer(register, "admin"))
    assert wrong_kind.status_code == 400
    from communique.serve.kb_entries import folder_of

    # The file exists only if another test of this worker added a place first.
    path = folder_of(app.state.settings) / "place.yaml"
    stored = path.read_text(encoding="utf-8") if path.exists() else ""
    assert "colour" not in stored and "XX" not in stored
