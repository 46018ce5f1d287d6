"""The one word index and its boundary rule (communique.text.words)."""

from communique.text.normalize import fold, search_form
from communique.text.words import WordIndex, bounded, find_word, has_word


def test_spaced_words_need_boundaries_on_both_sides():
    text = fold("Thủ tướng Malaysia hội đàm với Thủ tướng Thái Lan")
    assert has_word(text, ["hoi dam"])
    assert not has_word(fold("những cuộc hội đàmx"), ["hoi dam"])
    assert not has_word(fold("xhội đàm"), ["hoi dam"])


def test_chinese_words_need_no_boundary():
    assert has_word("马来西亚总理与泰国总理举行会谈", ["会谈"])
    # A mixed word asks for a boundary on its Latin side only.
    assert find_word("出席G20峰会", ["g20峰会"]) < 0
    assert find_word("出席g20峰会", ["g20峰会"]) == 2
    assert find_word("出席xg20峰会", ["g20峰会"]) < 0


def test_tone_marks_count_in_the_search_form_only():
    # "hồi đáp" (a reply) folds like "hội đàm" (talks): the folded index confuses them, the
    # search form (tone marks kept, one placement) does not.
    reply = "Bộ Ngoại giao Ấn Độ đã hồi đáp công hàm"
    assert has_word(fold(reply), [fold("hội đàm")]) is False  # different letters: hoi dap
    index = WordIndex({search_form("hội đàm"): "talks"})
    assert index.find_all(search_form("Hai bên Hội đàm tại Kuala Lumpur"))[0][2] == "talks"
    assert index.find_all(search_form("Hai bên hồi đàm")) == []
    # tone marks placed the old way ("hoà"/"hòa") are the same word
    peace = WordIndex({search_form("hòa bình"): "peace"})
    assert peace.find_all(search_form("vì hoà bình khu vực"))


def test_index_reports_overlaps_in_text_order_with_labels():
    index = WordIndex({"joint commission": "mechanism", "commission": "body", "joint": "word"})
    hits = index.find_all("the 12th joint commission met")
    assert [(s, e, label) for s, e, label in hits] == [
        (9, 14, "word"), (9, 25, "mechanism"), (15, 25, "body")]


def test_index_without_boundaries_keeps_every_hit():
    assert WordIndex({"nay": 1}, boundaries=False).find_all("hôm nayx") == [(4, 7, 1)]
    assert WordIndex({"nay": 1}).find_all("hôm nayx") == []


def test_bounded_rule():
    assert bounded("a talks b", 2, 7)
    assert not bounded("atalks b", 1, 6)
    assert bounded("(talks)", 0, 7)  # punctuation ends need nothing
    assert bounded("会谈会谈", 0, 2)
