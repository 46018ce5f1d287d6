"""An embeddings endpoint set in the environment (COMMUNIQUE_EMBEDDER=openai:URL) receives text only
when a user asks for a search by meaning, and then only the texts to embed with its own key: never
a Communiqué token, a session cookie or any other header of the user's request."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from tests.serve.conftest import bearer
from tests.serve.test_pages import HTML, _commitment_id


class Endpoint(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802  (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Endpoint.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        rng = np.random.default_rng(len(Endpoint.received))
        data = [{"index": i, "embedding": rng.normal(size=384).tolist()} for i, _ in enumerate(body["input"])]
        answer = json.dumps({"data": data}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def endpoint(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Endpoint.received = []
    monkeypatch.setenv("COMMUNIQUE_EMBEDDER", f"openai:http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("COMMUNIQUE_EMBEDDINGS_KEY", "endpoint-key")
    yield Endpoint.received
    server.shutdown()


def test_pages_and_word_search_send_nothing_to_the_endpoint(client, register, endpoint):
    commitment = _commitment_id(client, "3")
    for path in ("/", "/partnerships", "/partnerships/MY-TH", "/commitments", f"/commitments/{commitment}",
                 "/documents", "/search?q=Sadao", "/api/v1/search?q=Sadao", "/api/v1/commitments",
                 "/api/v1/timeline", "/reports/MY-TH.md"):
        assert client.get(path, headers=HTML | bearer(register, "read")).status_code == 200, path
    assert endpoint == []


def test_a_search_by_meaning_sends_the_question_with_the_endpoint_key_only(client, register, endpoint):
    client.cookies.set("communique_session", "session-cookie-value")
    token = register["tokens"]["read"]
    answer = client.get("/api/v1/search", params={"q": "scholarships for students", "mode": "semantic"},
                        headers={"Authorization": f"Bearer {token}", "X-Forwarded-For": "10.1.2.3"})
    assert answer.status_code == 200, answer.text
    assert endpoint, "the endpoint was not asked"
    assert any("scholarships for students" in json.dumps(r["body"]) for r in endpoint)
    for request in endpoint:
        headers = {k.lower(): v for k, v in request["headers"].items()}
        assert headers.get("authorization") == "Bearer endpoint-key"
        sent = json.dumps(request)
        assert token not in sent and "session-cookie-value" not in sent and "10.1.2.3" not in sent
        assert "cookie" not in headers
