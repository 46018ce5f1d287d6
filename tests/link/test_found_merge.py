"""Found instruments of several documents and languages merge in the register (issue 16)."""

from __future__ import annotations

from communique.model import Document
from communique.pipeline import process
from communique.store import Store


def test_one_instrument_found_in_chinese_then_english_is_one_entity_with_both_names(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    zh = "2025年3月5日，日本与菲律宾签署了物品劳务相互提供协定（ACSA）。日本和菲律宾两国将加强合作。"
    en = ("On 5 March 2025 Japan and the Philippines signed the Acquisition and Cross-Servicing Agreement "
          "(ACSA) in Manila. Japan and the Philippines will deepen cooperation.")
    for n, text in enumerate((zh, en)):
        store.put(process(Document(path=f"{n}.txt", raw=text)))
    record = store.found_entities()["instrument:found-jp-ph-acsa"]
    assert record["name"] == "Acquisition and Cross-Servicing Agreement (ACSA)"
    assert record["names"]["zh"] == ["物品劳务相互提供协定（ACSA）"]
    assert record["aliases"] == ["ACSA"] and record["parties"] == ["JP", "PH"]
