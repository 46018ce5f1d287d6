"""Per-document caps (issue 15, bounded work): a text that names, dates or counts without end keeps
its first mentions, dates and targets, says so once, and is stored with the rest of the batch."""

from __future__ import annotations

from click.testing import CliRunner

from communique import pipeline
from communique.cli import cli
from communique.extract.context import MAX_DATES_PER_DOCUMENT
from communique.extract.stage import MAX_TARGETS_PER_DOCUMENT
from communique.link.linker import MAX_MENTIONS_PER_DOCUMENT
from communique.model import Document
from communique.store import Store

NAMES = "Việt Nam và Singapore nhất trí hợp tác. " + "Việt Nam, Singapore, " * (MAX_MENTIONS_PER_DOCUMENT // 2 + 500)
DATES = "Hai bên hội đàm. " + " ".join(f"ngày {n % 28 + 1}/{n % 12 + 1}/2024"
                                       for n in range(MAX_DATES_PER_DOCUMENT + 300)) + ".\n"
AMOUNTS = "Hai bên nhất trí. " + " ".join(f"đạt {n} tỷ USD," for n in range(MAX_TARGETS_PER_DOCUMENT + 300)) + "\n"


def test_each_kind_is_capped_keeping_the_first_in_text_order():
    names = pipeline.process(Document(path="names.txt", raw=NAMES))
    assert len(names.mentions) == MAX_MENTIONS_PER_DOCUMENT
    assert names.capped["mentions"]["found"] > MAX_MENTIONS_PER_DOCUMENT
    assert [m["start"] for m in names.mentions] == sorted(m["start"] for m in names.mentions)
    assert names.mentions[0]["start"] == 0  # the first ones are kept, not any ones

    dates = pipeline.process(Document(path="dates.txt", raw=DATES))
    assert dates.capped["dates"] == {"found": MAX_DATES_PER_DOCUMENT + 300, "kept": MAX_DATES_PER_DOCUMENT}

    amounts = pipeline.process(Document(path="amounts.txt", raw=AMOUNTS))
    assert len(amounts.facts["targets"]) == MAX_TARGETS_PER_DOCUMENT
    assert amounts.facts["targets"][0]["value"] == 0
    assert amounts.capped["targets"]["found"] >= MAX_TARGETS_PER_DOCUMENT + 300


def test_an_ordinary_document_is_not_capped():
    doc = pipeline.process(Document(path="a.txt", raw="Ngày 5/3/2025, Việt Nam và Singapore nhất trí đạt 10 tỷ USD."))
    assert doc.mentions and not doc.capped


def test_a_capped_document_is_stored_with_a_note_and_shown_as_capped(tmp_path):
    (tmp_path / "names.txt").write_text(NAMES, encoding="utf-8")
    (tmp_path / "good.txt").write_text("Ngày 5/3/2025, Việt Nam và Singapore nhất trí hợp tác.\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    result = CliRunner().invoke(cli, ["ingest", "--db", db, str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "names.txt" in notes[0]
    assert f"the first {MAX_MENTIONS_PER_DOCUMENT:,} kept" in notes[0]
    store = Store(db, create=False)
    docs = {d.path.rsplit("/", 1)[-1]: d for d in store.iter_documents()}
    store.close()
    assert set(docs) == {"names.txt", "good.txt"}
    assert docs["names.txt"].capped["mentions"]["kept"] == MAX_MENTIONS_PER_DOCUMENT
    assert not docs["good.txt"].capped and "communique:capped" not in docs["names.txt"].meta.extra
    shown = CliRunner().invoke(cli, ["show", "--db", db, docs["names.txt"].id], catch_exceptions=False)
    assert any(line.strip().startswith("capped: ") for line in shown.stdout.splitlines()[:12])
