"""The packaged knowledge base: valid, consistent, and answering the look-ups linking needs."""

from __future__ import annotations

import unicodedata

import pytest

from communique.kb.base import load_kb
from communique.kb.loader import KBError, load_files, packaged_files, read_file
from communique.model import DateValue


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_every_packaged_file_validates_and_names_its_sources():
    files = load_files()
    kinds = {f["kind"] for f in files}
    assert kinds == {"country", "place", "role", "person", "organization", "instrument", "mechanism", "level",
                     "pillar"}
    assert all(f["sources"] for f in files)


def test_all_text_is_nfc():
    for name, text in packaged_files():
        assert unicodedata.normalize("NFC", text) == text, name


def test_every_country_of_iso_3166(kb):
    countries = kb.of_type("country")
    assert len(countries) >= 249
    for code, vi, zh in (("GB", "Anh", "英国"), ("US", "Hoa Kỳ", "美国"), ("KR", "Hàn Quốc", "韩国"),
                         ("KP", "Triều Tiên", "朝鲜"), ("DE", "Đức", "德国"), ("FR", "Pháp", "法国")):
        entity = kb.country(code)
        forms = set(entity.names.get("vi", ())) | set(entity.ambiguous.get("vi", ()))
        assert vi in forms and zh in entity.names["zh"], code


def test_office_holders_by_date(kb):
    def holder(role, country, *date):
        return [e.id for e in kb.holders(role, country, DateValue(*date))]

    assert holder("prime_minister", "GB", 2025, 10, 29) == ["person:keir-starmer"]
    assert holder("prime_minister", "GB", 2023, 6, 1) == ["person:rishi-sunak"]
    assert holder("general_secretary", "VN", 2021, 1, 1) == ["person:nguyen-phu-trong"]
    assert holder("general_secretary", "VN", 2025, 3, 12) == ["person:to-lam"]
    assert holder("prime_minister", "SG", 2025, 3, 12) == ["person:lawrence-wong"]
    assert holder("prime_minister", "SG", 2023, 1, 1) == ["person:lee-hsien-loong"]


def test_levels_and_pillars(kb):
    assert {"diplomatic_relations", "comprehensive_partnership", "strategic_partnership",
            "comprehensive_strategic_partnership"} <= set(kb.levels)
    assert set(kb.pillars) == {"preamble", "politics_security", "economy_trade", "science_tech_health",
                               "environment_energy", "people_culture", "regional_international", "implementation"}
    assert all(len(p.keywords.get(lang, ())) >= 20 for p in kb.pillars.values() for lang in ("vi", "zh", "en"))


def test_search_by_any_name(kb):
    assert [e.id for e in kb.search("苏林")] == ["person:to-lam"]
    assert [e.id for e in kb.search("to lam")] == ["person:to-lam"]


def test_invalid_file_is_named_with_the_reason(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: person\nsources: [x]\nrecords:\n  - {id: person:x, name: X, country: vn}\n",
                   encoding="utf-8")
    with pytest.raises(KBError, match="bad.yaml: records/0/country"):
        read_file(bad)


def test_unknown_role_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: person\nsources: [own notes]\nrecords:\n  - id: person:x\n    name: X\n"
                   "    roles: [{role: grand_vizier, start: '2020'}]\n", encoding="utf-8")
    with pytest.raises(KBError, match="unknown role grand_vizier"):
        load_files([bad])
