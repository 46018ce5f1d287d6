"""The web pages through the test client: each one renders from the real register, in English and
Vietnamese, escapes every document string, and protects its forms."""

from __future__ import annotations

import re

import pytest

from tests.serve.conftest import bearer

HTML = {"accept": "text/html"}


def _commitment_id(client, clause: str) -> str:
    rows = client.get("/api/v1/commitments?pair=MY-TH&limit=100").json()["items"]
    return next(r["id"] for r in rows if r["clause"] == clause)


def _page(client, path: str, **params) -> str:
    answer = client.get(path, headers=HTML, params=params)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def test_every_main_page_renders(client):
    documents = client.get("/api/v1/documents").json()["items"]
    events = client.get("/api/v1/events").json()["items"]
    entities = client.get("/api/v1/entities?limit=5").json()["items"]
    paths = ["/", "/partnerships", "/partnerships/MY-TH", "/commitments", "/documents", "/search?q=scholarships",
             f"/commitments/{_commitment_id(client, '2')}", *(f"/documents/{d['id']}" for d in documents),
             *(f"/events/{e['id']}" for e in events), *(f"/entities/{e['id']}" for e in entities)]
    for path in paths:
        assert "<h1" in _page(client, path), path


def test_the_partnership_page_shows_the_level_history_scorecard_pillars_and_events(client):
    text = _page(client, "/partnerships/MY-TH")
    assert "strategic partnership" in text.lower()
    assert "200 scholarships" in text and "Sadao" in text
    assert 'href="/feeds/pairs/MY-TH.atom"' in text


def test_a_pair_in_another_spelling_redirects_to_its_page(client):
    answer = client.get("/partnerships/Thailand-Malaysia", headers=HTML)
    assert answer.status_code == 303 and answer.headers["location"] == "/partnerships/MY-TH"


def test_the_commitment_page_shows_its_variants_evidence_reasons_and_history(client):
    text = _page(client, f"/commitments/{_commitment_id(client, '2')}")
    assert "泰国国际合作署" in text  # the Chinese report proposed as evidence
    assert "shares the figure 200" in text
    assert 'id="history"' in text


def test_search_shows_facets_and_highlighted_snippets(client):
    text = _page(client, "/search", q="scholarships")
    assert "<mark>" in text
    assert re.search(r'href="/search\?[^"]*language=en', text)


def test_search_facets_by_pair_and_kind_narrow_the_hits(client):
    # "Sadao": the statement (clauses) and the speech (news of the pair) both name it.
    text = _page(client, "/search", q="Sadao")
    assert re.search(r'href="/search\?[^"]*pair=MY-TH', text) and "MY–TH" in text
    assert re.search(r'href="/search\?[^"]*kind=statement', text) and re.search(r'kind=news', text)
    statements = _page(client, "/search", q="Sadao", kind="statement")
    assert "Joint Statement between Malaysia" in statements and "Anwar looks forward" not in statements
    other_pair = _page(client, "/search", q="Sadao", pair="GB-VN")
    assert "Joint Statement between Malaysia" not in other_pair
    assert client.get("/search", params={"q": "Sadao", "kind": "poem"}, headers=HTML).status_code == 400


def test_vietnamese_is_chosen_by_the_switch_kept_in_a_cookie_and_formats_dates(client):
    answer = client.get("/partnerships/MY-TH?lang=vi", headers=HTML)
    assert 'lang="vi"' in answer.text and "Bảng điểm" in answer.text and "Scorecard" not in answer.text
    assert answer.cookies.get("communique_lang") == "vi"
    again = _page(client, "/")
    assert "Tổng quan" in again
    assert "Dashboard" in _page(client, "/", lang="en")


def test_the_browser_language_is_used_when_nothing_was_chosen(client):
    answer = client.get("/", headers=HTML | {"accept-language": "vi-VN,vi;q=0.9,en;q=0.5"})
    assert "Tổng quan" in answer.text


def test_document_strings_are_escaped_in_every_page(client):
    hostile = next(d for d in client.get("/api/v1/documents").json()["items"] if d["path"].endswith("hostile.md"))
    pages = [f"/documents/{hostile['id']}", "/documents", "/search?q=Songkhla", "/partnerships/MY-TH", "/"]
    for path in pages:
        text = _page(client, path)
        assert "<script>window.pwned" not in text and "<img src=x" not in text, path
        assert "<b>in Songkhla</b>" not in text, path
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in _page(client, f"/documents/{hostile['id']}")


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/api/v1/stats", "/static/app.css", "/nothing"):
        headers = client.get(path, headers=HTML).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_hold_no_inline_script_or_style(client):
    for path in ("/", "/partnerships/MY-TH", f"/commitments/{_commitment_id(client, '1')}", "/sign-in"):
        text = _page(client, path)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert "<style" not in text and " style=" not in text and " onclick=" not in text, path


def test_a_page_error_is_an_html_page_and_a_write_page_asks_to_sign_in(client):
    missing = client.get("/documents/0000000000000000", headers=HTML)
    assert missing.status_code == 404 and "<h1" in missing.text
    upload = client.get("/upload", headers=HTML)
    assert upload.status_code == 303 and upload.headers["location"] == "/sign-in?next=%2Fupload"


def _signed_in(client, register, scope: str = "write") -> str:
    client.get("/sign-in", headers=HTML)
    csrf = client.cookies.get("communique_csrf")
    answer = client.post("/sign-in", data={"token": register["tokens"][scope], "csrf": csrf, "next": "/upload"})
    assert answer.status_code == 303 and answer.headers["location"] == "/upload"
    return csrf


def test_sign_in_never_sends_the_user_to_another_site(client, register):
    client.get("/sign-in", headers=HTML)
    csrf = client.cookies.get("communique_csrf")
    answer = client.post("/sign-in", data={"token": register["tokens"]["read"], "csrf": csrf,
                                           "next": "//evil.example/"})
    assert answer.headers["location"] == "/"


def test_a_wrong_token_does_not_sign_in(client):
    client.get("/sign-in", headers=HTML)
    answer = client.post("/sign-in", data={"token": "cq_0123456789ab_" + "y" * 30,
                                           "csrf": client.cookies.get("communique_csrf")}, headers=HTML)
    assert answer.status_code == 401 and "communique_session" not in answer.cookies


def test_form_posts_need_the_csrf_token(client, register):
    csrf = _signed_in(client, register)
    note = "site chosen, as the CSRF test says"
    path = f"/commitments/{_commitment_id(client, '3')}/assessments"
    assert note not in _page(client, path.rsplit("/", 1)[0])  # the page is kept: the post must show
    refused = client.post(path, data={"implementation": "announced", "note": note}, headers=HTML)
    assert refused.status_code == 403
    forged = client.post(path, data={"implementation": "announced", "note": "x", "csrf": "forged"}, headers=HTML)
    assert forged.status_code == 403
    done = client.post(path, data={"implementation": "announced", "note": note, "csrf": csrf})
    assert done.status_code == 303
    assert note in _page(client, path.rsplit("/", 1)[0])


def test_sign_in_is_rate_limited(app, register):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as fresh:
        fresh.get("/sign-in", headers=HTML)
        csrf = fresh.cookies.get("communique_csrf")
        codes = [fresh.post("/sign-in", data={"token": "cq_0123456789ab_" + "z" * 30, "csrf": csrf}).status_code
                 for _ in range(app.state.settings.sign_ins_per_minute + 2)]
    assert codes[0] == 401 and codes[-1] == 429
    app.state.sign_in_limiter._buckets.clear()  # the other tests sign in from the same address


@pytest.mark.parametrize("scope", ["read"])
def test_a_read_token_sees_no_write_forms(client, register, scope):
    client.get("/sign-in", headers=HTML)
    client.post("/sign-in", data={"token": register["tokens"][scope], "csrf": client.cookies.get("communique_csrf")})
    text = _page(client, f"/commitments/{_commitment_id(client, '2')}")
    assert "Add assessment" not in text and 'value="confirmed"' not in text
    assert client.get("/upload", headers=HTML | bearer(register, "read")).status_code == 403
