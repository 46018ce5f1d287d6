"""The one sentence splitter (communique.text.sentences) and the splitters built on it."""

from communique.text.passages import chunks
from communique.text.sentences import sentence_spans


def _sentences(text, lang=None):
    return [text[s:e] for s, e in sentence_spans(text, lang)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = ("H.E. Mr. Anwar Ibrahim met U.S. Secretary John F. Kerry in Sept. 2015. "
            "They discussed trade.")
    assert _sentences(text, "en") == [
        "H.E. Mr. Anwar Ibrahim met U.S. Secretary John F. Kerry in Sept. 2015.",
        "They discussed trade."]


def test_vietnamese_titles_and_place_abbreviations():
    text = "PGS. TS. Nguyễn Văn An phát biểu tại Tp. Hồ Chí Minh. Hai bên ký Bản ghi nhớ."
    assert _sentences(text, "vi") == [
        "PGS. TS. Nguyễn Văn An phát biểu tại Tp. Hồ Chí Minh.", "Hai bên ký Bản ghi nhớ."]


def test_closing_quotes_stay_with_their_sentence():
    text = 'He said: "Trade will double." The ministers then left.'
    assert _sentences(text, "en") == ['He said: "Trade will double."', "The ministers then left."]
    zh = "他表示：“双方将加强合作。”会谈后，两国签署协议。"
    assert _sentences(zh, "zh") == ["他表示：“双方将加强合作。”", "会谈后，两国签署协议。"]


def test_chinese_punctuation_needs_no_space_and_line_breaks_split():
    assert _sentences("印尼总统访问中国。两国发表联合声明！\n双方同意") == [
        "印尼总统访问中国。", "两国发表联合声明！", "双方同意"]


def test_spans_exclude_the_spaces_between_sentences():
    text = "  First one.   Second one.  \n  Third"
    assert [(text[s:e]) for s, e in sentence_spans(text)] == ["First one.", "Second one.", "Third"]


def test_passage_chunks_cut_between_sentences_not_after_abbreviations():
    sentence = "Prime Minister Anwar met Mr. Modi in New Delhi to review the Strategic Partnership. "
    text = sentence * 12
    pieces = [text[s:e] for s, e in chunks(text, limit=200)]
    assert "".join(pieces) == text  # contiguous, nothing lost
    assert all(p.startswith("Prime Minister") for p in pieces)
    assert all(len(p) <= 200 for p in pieces)


def test_number_abbreviations_hold_before_a_number_only():
    text = "They signed Decree No. 15 on trade. Asked about a delay, the minister said no. The talks went on."
    assert _sentences(text, "en") == [
        "They signed Decree No. 15 on trade.", "Asked about a delay, the minister said no.", "The talks went on."]
