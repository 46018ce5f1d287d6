"""A served register for the web tests: the tracking corpus (a Malaysia–Thailand statement and later
news) plus a hostile document, ingested once; tokens of each scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from communique import api
from communique.serve import tokens
from communique.serve.app import create_app
from communique.serve.settings import Settings
from tests.conftest import BACKENDS, new_register_url
from tests.track import corpus

HOSTILE = """---
title: Malaysia–Thailand border talks <b>in Songkhla</b> <script>document.title='pwned'</script>
published: 2025-06-02
---
Malaysia and Thailand held border talks <script>window.pwned=1</script> in Songkhla on 2 June 2025.
The two sides agreed to open a new border crossing at Sadao–Bukit Kayu Hitam by 2027, <img src=x onerror=alert(1)>.
"""


@pytest.fixture(scope="session", params=BACKENDS)
def register(request, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("served")
    corpus.write(folder, tuple(corpus.FILES) + tuple(corpus.HISTORY_FILES))
    (folder / "9-hostile.md").write_text(HOSTILE, encoding="utf-8")
    db = new_register_url(request, request.param, folder)
    api.ingest([folder], db=db)
    store = api.open_store(db)
    made = {scope: tokens.create(store, f"{scope}-user", scope)["token"] for scope in tokens.SCOPES}
    return {"db": db, "folder": folder, "tokens": made}


@pytest.fixture(scope="session")
def app(register, tmp_path_factory):
    settings = Settings(db=register["db"], upload_dir=Path(tmp_path_factory.mktemp("app")) / "uploads",
                        secret="test-secret", max_upload_bytes=200_000)
    made = create_app(settings)
    yield made
    made.state.jobs.stop()


@pytest.fixture()
def client(app) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, follow_redirects=False)


def bearer(register: dict, scope: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {register['tokens'][scope]}"}
