"""MinHash signatures (computed without datasketch's per-shingle calls, yet the same values, so
signatures stored by earlier versions stay comparable) and the near-duplicate index (superseded
versions leave it; a revision is not a copy of itself)."""

from __future__ import annotations

from datasketch import MinHash

from communique.merge.duplicates import NUM_PERM, SCHEME, DuplicateIndex, shingles, signature
from communique.text.normalize import fold

TEXTS = [
    "",
    "hai",
    "hai ben nhat",
    "hai ben nhat tri",
    "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong năm 2025.",
    "The two sides agreed to deepen cooperation on trade, investment and clean energy. " * 5,
    "双方同意深化贸易、投资和清洁能源合作，推动两国关系不断向前发展。" * 12,
]


def _datasketch_signature(folded: str) -> list[int]:
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles(folded)))
    return [int(v) for v in minhash.hashvalues]


def test_signature_equals_datasketch_minhash():
    for text in TEXTS:
        folded = fold(text)
        assert signature(folded) == _datasketch_signature(folded), text[:30]


def test_short_texts_make_one_shingle():
    assert shingles("a b c") == {b"a b c"}
    assert shingles("") == {b""}
    assert shingles("a b c d e") == {b"a b c d", b"b c d e"}


def test_index_finds_the_earlier_copy():
    text = fold(" ".join(f"In point {n} the ministers agreed on step {n * 7} of the plan." for n in range(40)))
    index = DuplicateIndex([("first", signature(text))])
    assert index.first_copy("second", signature(text + " Reported by our correspondent.")) == "first"
    assert index.first_copy("third", signature(fold(TEXTS[4]))) is None


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
