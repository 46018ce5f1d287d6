"""Per-language data files: one YAML file per language code in a package's data folder, read once.

Each folder declares its keys once, in `shape.yaml` (key -> the value a file that leaves the key
out gets), so that every language file of the folder has the same shape; a key not declared there
is an error naming the file. `text/data/dates/` (read by `communique.text.dates`, keys explained
in that folder's README.md) and `extract/data/targets/` (read by `communique.extract.targets`) are
such folders: adding a language is adding a file, never code.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from typing import Any

import yaml

LanguageData = dict[str, Any]
SHAPE_FILE = "shape.yaml"


class LanguageDataError(ValueError):
    """A language file that does not have its folder's shape."""


@cache
def language_files(package: str, folder: str) -> dict[str, LanguageData]:
    """Every `<code>.yaml` of `folder` inside `package` (but the shape), by code, each with every
    key of the folder's shape."""
    root = resources.files(package).joinpath(folder)
    shape = yaml.safe_load(root.joinpath(SHAPE_FILE).read_text(encoding="utf-8"))
    out: dict[str, LanguageData] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml") or entry.name == SHAPE_FILE:
            continue
        where = f"{package}/{folder}/{entry.name}"
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise LanguageDataError(f"{where}: a mapping of keys is expected")
        unknown = sorted(set(data) - set(shape))
        if unknown:
            raise LanguageDataError(f"{where}: keys not in {SHAPE_FILE}: {', '.join(unknown)}")
        for key, default in shape.items():
            value = data.setdefault(key, copy.deepcopy(default))
            if default is not None and not isinstance(value, type(default)):
                raise LanguageDataError(f"{where}: {key} should be a {type(default).__name__}")
        out[entry.name.removesuffix(".yaml")] = data
    return out


def language_code(lang: str | None) -> str | None:
    """The base code of a language tag, lower case: "vi-VN" -> "vi", "zh_Hans" -> "zh"; None for none."""
    if not lang:
        return None
    return lang.replace("_", "-").split("-")[0].lower() or None
