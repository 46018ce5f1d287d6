"""Commitments across documents and languages (merge.align, merge.register, `communique commitment`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from communique import api, pipeline
from communique.merge.align import Block, Unit, align_block, align_clauses, blocks, margins, masked, summaries
from communique.merge.embeddings import MemoryCache, embedder
from communique.merge.evaluation import alignment_scores, clause_alignment, mean_reciprocal_rank, statement_text
from communique.model import Document
from tests.conftest import run_cli

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
TITLES = {"en": "JOINT STATEMENT ON THE COMPREHENSIVE STRATEGIC PARTNERSHIP BETWEEN VIET NAM AND THE UNITED KINGDOM",
          "vi": "TUYÊN BỐ CHUNG VỀ QUAN HỆ ĐỐI TÁC CHIẾN LƯỢC TOÀN DIỆN VIỆT NAM - VƯƠNG QUỐC ANH"}


@pytest.fixture(scope="module")
def vectors():
    return MemoryCache(embedder())


@pytest.fixture(scope="module")
def statement():
    path = next(SEEDS.glob("003_*"))
    return pipeline.process(Document(path=str(path), raw=path.read_text(encoding="utf-8")))


def test_scores_count_links_and_items():
    scores = alignment_scores([{"1"}, {"2", "3"}, set(), {"9"}], [{"1"}, {"2"}, set(), {"4"}])
    assert (scores.accuracy, scores.wrong) == (0.5, 2)
    assert scores.precision == pytest.approx(2 / 4) and scores.recall == pytest.approx(2 / 3)
    assert mean_reciprocal_rank([1, 2, None, 4]) == pytest.approx((1 + 0.5 + 0 + 0.25) / 4)


def test_margin_discounts_a_sentence_close_to_everything():
    scores = np.array([[0.90, 0.89, 0.89], [0.95, 0.80, 0.80]], dtype=np.float32)
    margin = margins(scores, k=2)
    # Row 1's 0.95 stands out from its neighbours; row 0's 0.90 does not.
    assert margin[1, 0] > margin[0, 0]


def test_masking_hides_parties_and_people_but_not_third_countries():
    text = "Việt Nam và Anh cùng hỗ trợ Ukraine"
    mentions = [{"entity": "country:VN", "start": 10, "end": 18}, {"entity": "country:GB", "start": 22, "end": 25},
                {"entity": "country:UA", "start": 38, "end": 45}]
    assert masked(text, 10, mentions, ("GB", "VN")) == "và cùng hỗ trợ Ukraine"


def test_paraphrases_align_to_their_clauses_across_languages(statement, vectors):
    """Our own English and Vietnamese renderings of 31-32 clauses each (shuffled, three merged per
    language, decoys that render no clause) against the Chinese statement: accuracy and precision."""
    sets = yaml.safe_load((DATA / "alignment.yaml").read_text(encoding="utf-8"))
    predicted, gold = [], []
    for lang, rows in sets.items():
        assert len({c for r in rows for c in r["clauses"]}) >= 20
        translation = pipeline.process(Document(path=f"{lang}.txt",
                                                raw=statement_text(TITLES[lang], [r["text"] for r in rows])))
        assert translation.language == lang
        found = clause_alignment(statement, translation, vectors)
        assert len(found) == len(rows), "every item is a clause of the translation"
        lang_predicted = [found.get(str(n), set()) for n in range(1, len(rows) + 1)]
        lang_gold = [{str(c) for c in r["clauses"]} for r in rows]
        scores = alignment_scores(lang_predicted, lang_gold)
        assert scores.accuracy >= 0.9 and scores.precision >= 0.95, (lang, str(scores))
        predicted += lang_predicted
        gold += lang_gold
    overall = alignment_scores(predicted, gold)
    assert overall.accuracy >= 0.95 and overall.precision >= 0.97, str(overall)
    decoys = [p for p, g in zip(predicted, gold, strict=True) if not g]
    assert decoys and not any(decoys), "no decoy is aligned to a clause"


def test_a_clause_renders_nothing_when_nothing_is_close(vectors):
    def unit(text: str, n: int) -> Unit:
        return Unit("d", str(n), [{"id": f"d:c{n}"}], text, text, frozenset(), n)

    canonical = [unit(t, n) for n, t in enumerate([
        "The two sides will strengthen cooperation in higher education and scholarships.",
        "The two sides will cooperate on offshore wind power and the energy transition.",
        "The two sides will fight human trafficking and illegal migration.",
        "The two sides will hold an annual strategic dialogue of their foreign ministries.",
        "The two sides support freedom of navigation in the South China Sea."])]
    foreign = [unit("Hai bên sẽ hợp tác về điện gió ngoài khơi và chuyển đổi năng lượng.", 0),
               unit("Đội tuyển bóng đá quốc gia đã thắng trận chung kết tối qua.", 1)]
    assert align_clauses(foreign, canonical, vectors) == [[1], []]


def _record(doc: str, n: int, text: str, clause: str | None, language: str = "vi") -> dict:
    return {"id": f"{doc}:c{n}", "parties": ["GB", "VN"], "clause": clause, "text": text, "language": language,
            "documents": [doc], "instruments": [], "targets": [], "pillar": None, "modality": "will",
            "variants": [{"document": doc, "language": language, "text": text, "start": 0, "end": len(text)}],
            "evidence": [{"document": doc, "start": 0, "end": len(text)}]}


def test_blocks_keep_other_dates_and_undated_reports_apart():
    from datetime import date

    records = [_record("s", 0, "x", "1", "zh"), _record("n1", 0, "y", None), _record("n2", 0, "z", None),
               _record("n3", 0, "w", None)]
    dates = {"s": date(2025, 10, 30), "n1": date(2025, 10, 29), "n2": date(2026, 3, 1), "n3": None}
    found = {tuple(sorted(b.statements + b.news)) for b in blocks(summaries(records), dates)}
    assert found == {("n1", "s"), ("n2",), ("n3",)}


def test_the_same_sentence_in_two_reports_is_one_commitment(vectors):
    a = _record("n1", 0, "Hai bên nhất trí tăng gấp đôi kim ngạch thương mại song phương.", None)
    b = _record("n2", 0, "Hai bên nhất trí tăng gấp đôi kim ngạch thương mại song phương trong thời gian tới.", None)
    c = _record("n2", 1, "Hai bên sẽ mở đường bay thẳng mới giữa hai thủ đô.", None)
    records = {"n1": [a], "n2": [b, c]}
    entries = align_block(Block(("GB", "VN"), None, news=["n1", "n2"]), records.__getitem__, lambda d: [], vectors)
    assert [[v["record"] for v in e["variants"]] for e in entries] == [["n1:c0", "n2:c0"], ["n2:c1"]]


def test_register_on_the_seeds_attaches_news_to_statement_clauses(seeded):
    register = api.commitments(db=seeded, pair="GB-VN")
    by_clause = {c["clause"]: c for c in register if c.get("clause")}
    net_zero = [c for c in register if any("2050" in v["text"] and v["language"] == "vi" for v in c["variants"])]
    assert [c["clause"] for c in net_zero] == ["30"], "both reports of the net-zero pledge join clause 30"
    jetp = [c for c in register if any("(JETP)." in v["text"] and v["text"].startswith("Nước này")
                                       for v in c["variants"])]
    assert [c["clause"] for c in jetp] == ["31"], "seed 000's JETP sentence joins the JETP clause"
    assert len(by_clause) == 48
    records = [r for c in register for r in c["records"]]
    assert len(records) == len(set(records)), "with no statement merged, a record is in one commitment"
    singapore = api.commitments(db=seeded, pair="SG-VN")
    assert singapore and all(len(c["variants"]) == 1 for c in singapore), "other events stay apart"


def test_commitment_command_shows_variants_side_by_side(seeded):
    register = api.commitments(db=seeded, aligned=True)
    target = next(c for c in register if c.get("clause") == "30")
    code, out, _ = run_cli("commitment", target["records"][-1], "--db", seeded)
    assert code == 0
    assert out.startswith(target["id"]) and "clause 30" in out.splitlines()[0]
    assert "zh 003_" in out and "vi 000_" in out and "sentence 0." in out
    code, out, _ = run_cli("commitments", "--aligned", "--pair", "GB-VN", "--db", seeded)
    assert code == 0 and target["id"] in out
    code, _, err = run_cli("commitment", "nothing:c9", "--db", seeded)
    assert code != 0 and "no commitment" in err


def test_export_holds_the_register_and_targets_name_it(seeded, tmp_path):
    import json

    from communique.export import validate

    out = tmp_path / "export.json"
    code, _, err = run_cli("export", "--db", seeded, "--out", str(out))
    assert code == 0, err
    export = json.loads(out.read_text(encoding="utf-8"))
    validate(export)
    commitments = {c["id"]: c for c in export["commitments"]}
    texts = {d["id"]: d["text"] for d in export["documents"]}
    for c in commitments.values():
        for v in c["variants"]:
            assert texts[v["document"]][v["start"]:v["end"]] == v["text"]
    news = next(d["id"] for d in export["documents"] if Path(d["path"]).name.startswith("000_"))
    net_zero = next(t for t in export["targets"] if t["document"] == news and t["year"] == 2050)
    assert commitments[net_zero["commitment"]]["clause"] == "30", "the news target names the clause's commitment"


def test_undated_statements_of_one_pair_are_one_group():
    records = [_record("a", 0, "x", "1", "zh"), _record("b", 0, "y", "1", "en")]
    assert [(b.statements, b.news) for b in blocks(summaries(records), {"a": None, "b": None})] == [(["a", "b"], [])]


def test_a_report_of_one_sentence_attaches_as_well_as_a_long_one(vectors):
    clauses = ["The two sides will set up a clean energy partnership to speed the shift to a low-carbon economy.",
               "The two sides will expand scholarships and university partnerships.",
               "The two sides will fight human trafficking and illegal migration.",
               "The two sides will hold an annual strategic dialogue of their foreign ministries.",
               "The two sides support freedom of navigation and overflight in the South China Sea."]
    statement = [_record("s", n, t, str(n + 1), "en") for n, t in enumerate(clauses)]
    restated = "Hai bên sẽ mở rộng học bổng và quan hệ đối tác giữa các trường đại học."
    others = ["Hai bên nhất trí tăng gấp đôi kim ngạch thương mại.", "Hai bên sẽ mở đường bay thẳng mới."]
    for report in ([restated], [restated, *others]):
        records = {"s": statement, "n": [_record("n", n, t, None) for n, t in enumerate(report)]}
        entries = align_block(Block(("GB", "VN"), None, statements=["s"], news=["n"]), records.__getitem__,
                              lambda d: [], vectors)
        joined = next(e for e in entries if e["id"] == "s:c1")
        assert [v["record"] for v in joined["variants"]] == ["s:c1", "n:c0"], len(report)


def test_the_earlier_report_found_is_the_one_every_pair_scored_would_find():
    # _Reported reads concept evidence only where the cosine could reach REPORTED_AGAIN_SCORE; its
    # choice must be what scoring every pair (similarity) gives, near-copies and concepts included.
    import numpy as np

    from communique.merge.align import REPORTED_AGAIN_SCORE, Unit, _Reported, similarity

    rng = np.random.default_rng(7)
    base = rng.standard_normal((30, 16)).astype(np.float32)
    kinds = ["instrument:a", "instrument:b", "place:c", "org:d"]

    def unit(n: int, vector: np.ndarray) -> tuple[Unit, np.ndarray]:
        concepts = frozenset(kinds[k] for k in range(4) if rng.random() < 0.4)
        return Unit(f"d{n}", None, [{"id": f"r{n}"}], f"t{n}", f"m{n}", concepts, 0), vector / np.linalg.norm(vector)

    earlier = [unit(n, base[n % 30] + rng.normal(0, 0.02 if n % 3 else 0.4, 16).astype(np.float32))
               for n in range(120)]
    fresh = [unit(1000 + n, base[n] + rng.normal(0, 0.02, 16).astype(np.float32)) for n in range(30)]
    table = {u.meaning: v for u, v in earlier + fresh}
    reported = _Reported(lambda texts: np.vstack([table[t] for t in texts]))
    for n, (u, v) in enumerate(earlier):
        reported.add(u, v if n % 4 else None)  # some embedded only when first needed
    full = similarity([u for u, _ in fresh], [u for u, _ in earlier], lambda texts: np.vstack([table[t] for t in texts]))
    found = reported.best(np.vstack([v for _, v in fresh]), [u for u, _ in fresh])
    reached = 0
    for i, hit in enumerate(found):
        if full[i].max() >= REPORTED_AGAIN_SCORE:
            reached += 1
            assert hit is not None and hit[0] == int(np.argmax(full[i])) and abs(hit[1] - full[i].max()) < 1e-5
        else:
            assert hit is None or hit[1] < REPORTED_AGAIN_SCORE
    assert reached >= 10  # near copies were found, and checked against every pair scored
