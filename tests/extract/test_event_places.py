"""Where an event took place (issue 16): a visit's destination, and a country that qualifies a
person is no place. Sentences written for these tests, about other pairs than the seeds."""

from __future__ import annotations

import pytest

from communique.model import Document
from communique.pipeline import process


def places(text: str) -> dict[str, str | None]:
    doc = process(Document(path="t.txt", raw=text))
    return {e["type"]: e.get("place") for e in doc.facts["events"]}


@pytest.mark.parametrize("text, place", [
    ("在马来西亚总理于3月2日至4日对印度尼西亚进行正式访问期间,双方举行会谈。", "Indonesia"),
    ("During Malaysian Prime Minister Anwar Ibrahim's visit to Jakarta on 27 June 2025, the two leaders held talks.",
     "Jakarta"),
    ("Tổng thống Brazil Lula da Silva thăm cấp nhà nước Indonesia từ ngày 22 đến 24/1/2026.", "Indonesia"),
])
def test_a_visit_takes_its_destination_not_the_guests_country(text, place):
    assert places(text)["visit"] == place


def test_talks_in_a_city_keep_the_city():
    text = "Prime Minister Albanese held talks with President Prabowo in Canberra on 12 November 2024."
    assert places(text)["talks"] == "Canberra"


def test_a_possessive_ends_a_persons_name():
    doc = process(Document(path="t.txt", raw="Thai Prime Minister Paetongtarn's visit to Hanoi began on 15 May 2025."))
    people = [m for m in doc.mentions if m["entity"].startswith("person:")]
    assert [m["text"] for m in people] == ["Paetongtarn"]
    assert people[0]["entity"] == "person:paetongtarn-shinawatra"
