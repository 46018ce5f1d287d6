"""Every packaged data file reads as its authors meant: YAML 1.1 reads a bare no, on, off, yes as a
boolean, so a word list holding "no" or "on" unquoted silently loses that word."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import communique

DATA_FILES = sorted(Path(communique.__file__).parent.rglob("*.yaml"))


def _booleans_among_words(node, path: str) -> list[str]:
    found = []
    if isinstance(node, list):
        if any(isinstance(v, str) for v in node):
            found += [f"{path}: {v!r}" for v in node if isinstance(v, bool)]
        for value in node:
            found += _booleans_among_words(value, path)
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, bool):
                found.append(f"{path}: key {key!r}")
            found += _booleans_among_words(value, f"{path}.{key}")
    return found


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_word_lists_hold_no_booleans(path):
    assert _booleans_among_words(yaml.safe_load(path.read_text(encoding="utf-8")), path.name) == []
