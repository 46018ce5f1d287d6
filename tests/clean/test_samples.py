"""The cleaner and metadata on the repository's sample corpus and on the seeds' gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import RejectedInput
from communique.pipeline import process_path

from ..conftest import REPO, SAMPLES

EXPECTED = json.loads((REPO / "tests" / "data" / "samples_expected.json").read_text(encoding="utf-8"))


def _documents(path: Path):
    items = process_path(path)
    assert not [i for i in items if isinstance(i, RejectedInput)]
    return items


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e.get("format") != "jsonl"))
def test_sample_document(name):
    expected = EXPECTED[name]
    (doc,) = _documents(SAMPLES / name)
    assert doc.language == expected["language"]
    assert doc.meta.title == expected["title"]
    published = doc.meta.published.iso() if doc.meta.published else None
    assert published == expected["published"]
    assert doc.meta.author == expected["author"]
    for text in expected["must_be_in_body"]:
        assert text in doc.body, text
    for text in expected["must_not_be_in_body"]:
        assert text not in doc.body, text


def test_jsonl_dump():
    expected = EXPECTED["dumps/scraped-articles-2025-03.jsonl"]
    docs = _documents(SAMPLES / "dumps" / "scraped-articles-2025-03.jsonl")
    assert len(docs) == len(expected["records"])
    body = "\n".join(d.body for d in docs)
    for text in expected["must_be_in_body"]:
        assert text in body, text
    for text in expected["must_not_be_in_body"]:
        assert text not in body, text


def test_seed_boilerplate_gold(seeds_dir, gold):
    for name, facts in gold.items():
        (doc,) = _documents(seeds_dir / name)
        assert doc.language == facts["language"], name
        title = facts.get("title")
        assert doc.meta.title == title, name
        if facts.get("published"):
            assert doc.meta.published.iso() == facts["published"], name
        rules = facts.get("boilerplate") or {}
        for text in rules.get("must_be_in_body", []):
            assert text in doc.body, (name, text)
        for text in rules.get("must_not_be_in_body", []):
            assert text not in doc.body, (name, text)
