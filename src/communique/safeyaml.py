"""YAML from untrusted hands (front matter of documents, users' KB files): safe tags only, and
no alias bombs — a few hundred bytes of anchors and aliases can stand for billions of nodes."""

from __future__ import annotations

from typing import Any

import yaml

# How deep collections may nest, and how many nodes the document may stand for once every alias
# is expanded (the packaged KB, the largest YAML read, is far below: ~60,000).
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000


class UnsafeYAML(ValueError):
    """The YAML is refused before it is built: nested too deep, or too large once its aliases expand."""


def _loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_depth(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYAML(f"nested more than {MAX_DEPTH} deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _expanded_size(root: yaml.Node | None) -> int:
    """Nodes the graph stands for with aliases expanded (shared nodes counted at every use)."""
    if root is None:
        return 0
    sizes: dict[int, int] = {}
    # Children before parents, iteratively (the depth is bounded, but recursion is not needed).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not ready and any(id(c) not in sizes for c in children):
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), MAX_EXPANDED_NODES + 1)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def load(text: str) -> Any:
    """`yaml.safe_load(text)`, refusing (UnsafeYAML) what nests too deep or expands too far before
    anything is built; yaml.YAMLError for YAML that does not parse or uses unsafe tags."""
    _check_depth(text)
    root = yaml.compose(text, Loader=_loader())
    if _expanded_size(root) > MAX_EXPANDED_NODES:
        raise UnsafeYAML(f"stands for more than {MAX_EXPANDED_NODES:,} values once its aliases are expanded")
    return yaml.load(text, Loader=_loader())
