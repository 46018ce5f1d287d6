"""Span helpers (communique.text.spans)."""

from communique.text.spans import TakenSpans, longest_first


def test_taken_spans_mark_and_answer_overlaps():
    taken = TakenSpans(20, [(2, 5)])
    assert taken.overlaps(4, 9) and not taken.overlaps(5, 9)
    taken.take(10, 12)
    assert 11 in taken and 12 not in taken


def test_longest_first_keeps_the_longer_of_overlapping_spans():
    spans = [(0, 5), (3, 12), (12, 14)]
    assert longest_first(spans, lambda s: s) == [(3, 12), (12, 14)]
