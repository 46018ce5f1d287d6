"""The near-duplicate index: superseded versions leave it; a revision is not a copy of itself."""

from __future__ import annotations

from communique.merge.duplicates import DuplicateIndex, signature

TEXT = ("the two sides agreed to raise bilateral trade and investment, to open new air routes between "
        "the two capitals and to hold the next round of strategic dialogue in london next year ") * 3


def test_remove_and_besides():
    original, revision = signature(TEXT), signature(TEXT + "with a new sentence at the end")
    index = DuplicateIndex([("a", original)])
    assert index.first_copy("b", revision) == "a"
    assert index.first_copy("b", revision, besides={"a"}) is None
    index.add("b", revision)
    index.remove("a")
    assert index.first_copy("c", original) == "b"
    index.remove("a")  # removing twice is harmless
    index.add("a", original)  # indexed again: now after b
    assert index.repeated("c", original) == ["b", "a"]
    assert index.repeated("b", revision, before="b") == []
    assert index.repeated("a", original, before="a") == ["b"]
