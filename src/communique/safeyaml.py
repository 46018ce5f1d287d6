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


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check(root: yaml.Node) -> None:
    """Raise UnsafeYAML when the node graph nests past MAX_DEPTH or stands for more than
    MAX_EXPANDED_NODES nodes with its aliases expanded (a shared node counts at every use)."""
    sizes: dict[int, int] = {}
    # Children before parents, without recursion; the stack's depth is the nesting depth.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    path = 0
    while stack:
        node, ready = stack.pop()
        if ready:
            path -= 1
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in _children(node)), MAX_EXPANDED_NODES + 1)
            continue
        if id(node) in sizes:
            continue
        path += 1
        if path > MAX_DEPTH:
            raise UnsafeYAML(f"nested more than {MAX_DEPTH} deep")
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    if sizes[id(root)] > MAX_EXPANDED_NODES:
        raise UnsafeYAML(f"stands for more than {MAX_EXPANDED_NODES:,} values once its aliases are expanded")


def load(text: str) -> Any:
    """`yaml.safe_load(text)`, refusing (UnsafeYAML) what nests too deep or expands too far before
    anything is built; yaml.YAMLError for YAML that does not parse or uses unsafe tags."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check(root)
        return loader.construct_document(root)
    finally:
        loader.dispose()
