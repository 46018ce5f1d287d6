"""Near duplicates: the same article republished with other chrome, small edits or another
encoding. MinHash signatures of the clean body's shingles (computed per document, in the worker),
and an LSH index that finds, for a new document, an earlier one above the similarity threshold."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

# Estimated Jaccard similarity of shingles above which two documents are one article.
DUPLICATE_THRESHOLD = 0.8
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
# Shingles: runs of this many words (spaced scripts) or characters (Chinese, Japanese, Korean).
WORD_SHINGLE = 4
CHAR_SHINGLE = 4

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORDS = re.compile(r"\w+")


def shingles(folded: str) -> set[bytes]:
    """Word or character shingles of a folded text."""
    if len(_CJK.findall(folded[:2000])) > 200:
        text = re.sub(r"\s+", "", folded)
        return {text[i:i + CHAR_SHINGLE].encode() for i in range(max(1, len(text) - CHAR_SHINGLE + 1))}
    words = _WORDS.findall(folded)
    if len(words) < WORD_SHINGLE:  # one shingle of the words there are ("" for none)
        return {" ".join(words).encode()}
    return {" ".join(run).encode() for run in zip(*(words[k:] for k in range(WORD_SHINGLE)), strict=False)}


# datasketch's permutations for NUM_PERM and SCHEME (its default seed), made once: a MinHash
# builds them anew each time, which cost more than hashing a document's shingles.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations.reshape(2, NUM_PERM, 1)
# MurmurHash3's 32-bit finalizer: datasketch's "affine32" scheme mixes each input hash with it.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def signature(folded: str) -> list[int]:
    """The MinHash signature of a folded text, as plain integers (storable as JSON).

    The values of datasketch's `MinHash(num_perm=NUM_PERM, scheme=SCHEME)` updated with the
    shingles (its hash: the first 4 bytes of SHA-1, little-endian), computed in one pass of numpy
    over all shingles instead of a Python call per shingle."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(shingle).digest() for shingle in shingles(folded)])
    hv = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)  # the first 4 of each 20 bytes
    s1, m1, s2, m2, s3 = _FMIX32
    hv = (hv ^ (hv >> s1)) * m1
    hv = (hv ^ (hv >> s2)) * m2
    hv = hv ^ (hv >> s3)
    a, b = _PERMUTATIONS
    return (a * hv + b).min(axis=1).tolist()  # uint32 arithmetic wraps: the scheme's mod 2**32


class DuplicateIndex:
    """Current documents by signature; `first_copy` answers which earlier document a new one repeats.
    A superseded version leaves the index (`remove`): only current documents are first copies."""

    def __init__(self, entries: Iterable[tuple[str, list[int]]] = ()):
        self.lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
        self.order: dict[str, int] = {}
        self.added = 0
        for doc_id, values in entries:
            self.add(doc_id, values)

    @staticmethod
    def _minhash(values: list[int]) -> LeanMinHash:
        return LeanMinHash(seed=1, hashvalues=np.array(values, dtype=np.uint64), scheme=SCHEME)

    def add(self, doc_id: str, values: list[int]) -> None:
        if values and doc_id not in self.order:
            self.lsh.insert(doc_id, self._minhash(values))
            self.order[doc_id] = self.added
            self.added += 1

    def remove(self, doc_id: str) -> None:
        """Drop a document (a version superseded by a newer one)."""
        if doc_id in self.order:
            self.lsh.remove(doc_id)
            del self.order[doc_id]

    def repeated(self, doc_id: str, values: list[int], besides: Collection[str] = (),
                 before: str | None = None) -> list[str]:
        """The indexed documents this one repeats (Jaccard estimate above the threshold), earliest
        first: other than itself and those in `besides`; with `before`, only those indexed before it."""
        if not values:
            return []
        limit = self.order.get(before, self.added) if before else None
        found = [other for other in self.lsh.query(self._minhash(values))
                 if other != doc_id and other not in besides and (limit is None or self.order[other] < limit)]
        return sorted(found, key=self.order.__getitem__)

    def first_copy(self, doc_id: str, values: list[int], besides: Collection[str] = ()) -> str | None:
        """The earliest indexed document this one repeats, other than itself and the documents in
        `besides` (for a changed file: its own earlier version and that version's copies, which a
        revision repeats without being a copy of them)."""
        found = self.repeated(doc_id, values, besides)
        return found[0] if found else None
