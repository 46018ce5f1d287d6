"""Long IN lists are cut in pieces (store.chunks)."""

from communique.store.chunks import IN_LIST_MAX, chunked


def test_pieces_keep_every_value_once_in_order():
    values = [f"doc-{n}" for n in range(2 * IN_LIST_MAX + 3)]
    pieces = list(chunked(values))
    assert [len(p) for p in pieces] == [IN_LIST_MAX, IN_LIST_MAX, 3]
    assert [v for p in pieces for v in p] == values


def test_nothing_gives_no_piece_and_a_size_is_honoured():
    assert list(chunked([])) == []
    assert list(chunked(iter(range(5)), 2)) == [[0, 1], [2, 3], [4]]
