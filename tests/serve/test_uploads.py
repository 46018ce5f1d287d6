"""Uploads through the API: processed in the background with a job and per-file outcomes; types and
sizes limited; names never leave the upload folder."""

from __future__ import annotations

import pytest

from communique.serve.jobs import safe_name
from tests.serve.conftest import bearer

REPORT = """---
title: Malaysia and Thailand open the Sadao crossing
published: 2027-01-15
---
Malaysia and Thailand opened the new border crossing at Sadao–Bukit Kayu Hitam on 15 January 2027, as agreed in their joint statement of March 2025.
"""


def _wait(client, job_url: str, app) -> dict:
    app.state.jobs.wait(120)
    return client.get(job_url).json()


def test_an_upload_is_processed_in_the_background_and_its_document_is_found(client, register, app):
    answer = client.post("/api/v1/uploads", headers=bearer(register, "write"),
                         files=[("files", ("crossing.txt", REPORT.encode(), "text/plain")),
                                ("files", ("notes.exe", b"MZ...", "application/octet-stream"))])
    assert answer.status_code == 202, answer.text
    job = answer.json()
    assert answer.headers["location"] == job["url"] and job["total"] == 2
    done = _wait(client, job["url"], app)
    assert done["state"] == "done" and done["done"] == 2
    by_name = {f["name"]: f for f in done["files"]}
    assert by_name["crossing.txt"]["outcome"] == "stored" and by_name["crossing.txt"]["documents"]
    assert by_name["notes.exe"]["outcome"] == "rejected" and "not a kind of file" in by_name["notes.exe"]["reason"]
    hits = client.get("/api/v1/search?q=Sadao crossing opened").json()["items"]
    assert by_name["crossing.txt"]["documents"][0] in {h["id"] for h in hits}


def test_an_unreadable_file_is_rejected_with_its_reason_and_the_others_stored(client, register, app):
    answer = client.post("/api/v1/uploads", headers=bearer(register, "write"),
                         files=[("files", ("empty.txt", b"   \n", "text/plain")),
                                ("files", ("broken.pdf", b"%PDF-1.4 not really", "application/pdf"))])
    done = _wait(client, answer.json()["url"], app)
    assert all(f["outcome"] == "rejected" and f["reason"] for f in done["files"]), done


def test_a_file_over_the_size_limit_is_refused_and_not_kept(client, register, app):
    big = b"Malaysia and Thailand. " * 20_000  # 460 kB, over the test app's 200 kB
    answer = client.post("/api/v1/uploads", headers=bearer(register, "write"),
                         files=[("files", ("big.txt", big, "text/plain"))])
    assert answer.status_code == 202
    done = _wait(client, answer.json()["url"], app)
    assert done["files"][0]["outcome"] == "rejected" and "upload limit" in done["files"][0]["reason"]
    folder = app.state.jobs.folder / done["id"]
    assert not (folder / "big.txt").exists()


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client, register):
    answer = client.post("/api/v1/uploads", headers=bearer(register, "write") | {"content-length": str(10**12)},
                         content=b"")
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_large"


def test_uploads_need_a_write_token(client, register):
    files = [("files", ("a.txt", b"text", "text/plain"))]
    assert client.post("/api/v1/uploads", files=files).status_code == 401
    assert client.post("/api/v1/uploads", files=files, headers=bearer(register, "read")).status_code == 403
    assert client.post("/api/v1/uploads", headers=bearer(register, "write")).status_code == 400


@pytest.mark.parametrize(("given", "kept"), [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\win.ini.txt", "win.ini.txt"),
    ("/abs/path/report.html", "report.html"),
    (".hidden.txt", "hidden.txt"),
    ("rapport d'été.txt", "rapport_d_été.txt"),
    ("..", "upload-3"),
    ("", "upload-3"),
])
def test_file_names_are_made_safe(given, kept):
    assert safe_name(given, 3) == kept


def test_a_traversing_name_is_stored_inside_its_job_folder(client, register, app):
    answer = client.post("/api/v1/uploads", headers=bearer(register, "write"),
                         files=[("files", ("../../escape.txt", REPORT.encode(), "text/plain"))])
    done = _wait(client, answer.json()["url"], app)
    folder = app.state.jobs.folder
    assert (folder / done["id"] / "escape.txt").is_file()
    assert not (folder.parent / "escape.txt").exists() and not (folder / "escape.txt").exists()
