"""The `clean` stage: page chrome out, the article body and its metadata in (`clean.stage.clean`).

Loaded on first use, so that `communique.text.normalize` (folding, used by the store and the
CLI) is cheap to import.
"""

from __future__ import annotations

from typing import Any

__all__ = ["clean"]


def __getattr__(name: str) -> Any:
    if name == "clean":
        from communique.clean.stage import clean

        return clean
    raise AttributeError(name)
