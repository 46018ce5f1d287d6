"""Mechanisms keep a calendar (issue 17): a dialogue set up as annual, held in two of three years,
shows one gap. Documents written for this test."""

from __future__ import annotations

import json

from tests.conftest import run_cli

STATEMENT = """---
published: 2023-01-16
---
Joint Statement between Malaysia and Thailand

Kuala Lumpur, 16 January 2023

1. The two sides agreed to hold the Malaysia–Thailand Strategic Dialogue annually, alternately in each country.
2. The two sides will expand trade in rubber and palm oil.
"""
FIRST = """---
published: 2023-06-12
---
Malaysia and Thailand hold first Strategic Dialogue

Bangkok, 12 June 2023 – The first Malaysia–Thailand Strategic Dialogue was held in Bangkok on 12 June 2023.
"""
SECOND = """---
published: 2025-06-20
---
Second Strategic Dialogue in Kuala Lumpur

Kuala Lumpur, 20 June 2025 – The second Malaysia–Thailand Strategic Dialogue was held in Kuala Lumpur on 20 June 2025.
"""


def test_an_annual_dialogue_held_in_two_of_three_years_shows_one_gap(tmp_path):
    for name, text in (("a.txt", STATEMENT), ("b.txt", FIRST), ("c.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = "sqlite:///" + str(tmp_path / "m.db")
    code, _, err = run_cli("ingest", str(tmp_path), "--db", db)
    assert code == 0, err
    code, out, err = run_cli("mechanisms", "MY-TH", "--db", db, "--as-of", "2026-01-10", "--format", "json")
    assert code == 0, err
    (dialogue,) = json.loads(out)
    assert dialogue["every_months"] == 12 and dialogue["since"] == "2023-01-16"
    assert [p["state"] for p in dialogue["periods"]] == ["held", "overdue", "held"]
    assert dialogue["gaps"] == 1 and dialogue["last_meeting"] == "2025-06-20"
    assert dialogue["next_due"] == "2026-01-16"
    # a year later, the period after the second meeting has lapsed too
    code, out, _ = run_cli("mechanisms", "--db", db, "--as-of", "2027-02", "--format", "json")
    assert json.loads(out)[0]["gaps"] == 2
    code, _, err = run_cli("mechanisms", "--db", db, "--as-of", "soon")
    assert code != 0 and "--as-of 'soon': not a date" in err


def test_recurrence_words_in_three_languages():
    from communique.track.mechanisms import recurrence_months

    assert recurrence_months("Hai bên nhất trí duy trì Đối thoại Chiến lược định kỳ hằng năm.") == 12
    assert recurrence_months("双方同意每两年举行一次联合委员会会议。") == 24
    assert recurrence_months("The Joint Commission will meet twice a year.") == 6
    assert recurrence_months("The two sides will meet soon.") is None
