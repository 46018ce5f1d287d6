"""The fact kinds are declared once (communique/schema/facts.yaml): the store's tables, the export's
JSON Schema and the API's models follow the declaration, and a record that breaks it is refused."""

from __future__ import annotations

import sqlite3

import pytest
import yaml

from communique.kb.base import load_kb
from communique.model import Document
from communique.schema import (
    DeclarationError,
    FactError,
    _property,
    api_models,
    check,
    fact_kinds,
    from_row,
    to_row,
)
from communique.schema import (
    __main__ as schema_main,
)
from communique.store import Store
from communique.store.schema import fact_tables

EVENT = {"id": "abcd:talks:0", "type": "talks", "status": "held", "date": "2025-03-12", "end_date": None,
         "place": None, "participants": ["person:x"], "countries": ["VN", "NZ"], "documents": ["abcd"],
         "evidence": [{"document": "abcd", "start": 0, "end": 40}]}


def test_every_kind_has_a_table_with_a_column_per_stored_property():
    for plural, kind in fact_kinds().items():
        table = fact_tables[plural]
        assert table.name == kind.table
        columns = set(table.c.keys())
        assert {p.name for p in kind.stored} <= columns
        assert not {p.name for p in kind.properties if not p.stored} & columns
        assert ("pair" in columns) == (kind.pair_property is not None)


def test_a_stored_record_comes_back_as_it_was(tmp_path):
    store = Store(str(tmp_path / "r.db"))
    doc = Document(path="a.txt", raw="x", body="Vietnam and New Zealand held talks.")
    record = EVENT | {"documents": [doc.id], "what": "a plan"}
    doc.facts = {"events": [record]}
    store.put(doc)
    assert store.facts_of(doc.id, "events") == [record]
    with sqlite3.connect(tmp_path / "r.db") as con:  # columns a SQL user can query
        assert con.execute("SELECT pair, type, date FROM event_facts").fetchall() == [("NZ-VN", "talks", "2025-03-12")]
    store.close()


def test_a_record_that_breaks_the_declaration_is_refused():
    check("events", EVENT)
    with pytest.raises(FactError, match="undeclared properties: colour"):
        check("events", EVENT | {"colour": "red"})
    with pytest.raises(FactError, match="type is 'party'"):
        check("events", EVENT | {"type": "party"})
    with pytest.raises(FactError, match="lacks countries"):
        check("events", {k: v for k, v in EVENT.items() if k != "countries"})
    with pytest.raises(FactError, match=r"countries \[0\] is 'vn', not a alpha2"):
        check("events", EVENT | {"countries": ["vn"]})
    with pytest.raises(FactError, match="evidence .0. is not a span"):
        check("events", EVENT | {"evidence": [{"document": "abcd"}]})
    with pytest.raises(FactError, match="reports"):  # added when events are grouped, never stored
        check("events", EVENT | {"reports": ["abcd:talks:0"]})
    with pytest.raises(FactError, match="unknown fact kind"):
        check("meetings", EVENT)


def test_an_enum_with_other_takes_its_prefix():
    base = {"parties": ["GB", "VN"], "date": None, "evidence": []}
    check("partnerships", base | {"level": "strategic_partnership"})
    check("partnerships", base | {"level": "other:Special Strategic Partnership"})
    for wrong in ("special_partnership", "other:"):
        with pytest.raises(FactError, match="level"):
            check("partnerships", base | {"level": wrong})
    with pytest.raises(FactError, match="fewer than 2"):
        check("partnerships", base | {"level": "strategic_partnership", "parties": ["VN"]})


def test_optional_properties_absent_or_null_read_back_absent():
    row = to_row("events", EVENT, "abcd")
    assert row["pair"] == "NZ-VN" and row["part_of"] is None
    assert "part_of" not in from_row("events", row)
    assert from_row("events", row)["place"] is None  # not optional: present, null


def test_the_committed_export_schema_follows_the_declaration(capsys):
    assert schema_main.main(["--check"]) == 0, capsys.readouterr().out


def test_the_levels_the_extractor_names_are_the_declared_ones():
    from communique.extract.partnerships import CORE_LEVELS

    kb_levels = set(load_kb().levels)
    assert set(CORE_LEVELS) <= kb_levels


def test_declared_enums_agree_with_the_data_they_name():
    from importlib import resources

    pillars = set(load_kb().pillars)
    assert set(fact_kinds()["commitments"].get("pillar").values) == pillars
    events = yaml.safe_load(resources.files("communique.extract").joinpath("data/events.yaml").read_text("utf-8"))
    assert set(events["triggers"]) <= set(fact_kinds()["events"].get("type").values)


def test_api_models_accept_exported_records_and_refuse_others():
    import pydantic

    models = api_models()
    assert set(models) == set(fact_kinds())
    models["events"].model_validate(EVENT | {"reports": ["abcd:talks:0"]})
    with pytest.raises(pydantic.ValidationError):
        models["events"].model_validate(EVENT | {"colour": "red"})
    with pytest.raises(pydantic.ValidationError):
        models["events"].model_validate(EVENT | {"type": "party"})
    schema = models["commitments"].model_json_schema()
    assert {"variants", "records", "pillar"} <= set(schema["properties"])


def test_a_malformed_declaration_is_caught():
    with pytest.raises(DeclarationError, match="type 'colour'"):
        _property("x", {"type": "colour"}, "event")
    with pytest.raises(DeclarationError, match="unknown keys"):
        _property("x", {"type": "text", "descripton": "typo"}, "event")
    with pytest.raises(DeclarationError, match="only an enum"):
        _property("x", {"type": "text", "values": ["a"]}, "event")
