"""YAML from untrusted hands (front matter of documents, users' KB files): safe tags only, and
no alias bombs — a few hundred bytes of anchors and aliases can stand for billions of nodes."""

from __future__ import annotations

from typing import Any

import yaml

# Aliases (`*name`) a file may use, and how deep its collections may nest.
MAX_ALIASES = 100
MAX_DEPTH = 64


class UnsafeYAML(ValueError):
    """The YAML is refused before it is built: too many aliases or too deep."""


def _loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """`yaml.safe_load(text)` after a pass over its events that refuses alias bombs and deep nesting
    (raises UnsafeYAML, or yaml.YAMLError for YAML that does not parse)."""
    aliases = depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise UnsafeYAML(f"more than {MAX_ALIASES} aliases")
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYAML(f"nested more than {MAX_DEPTH} deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.load(text, Loader=_loader())
