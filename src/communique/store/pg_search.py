"""Full-text search on PostgreSQL, with the behaviour of the SQLite indexes (`fulltext`).

One row per document in `documents_search` (migration 0012), two tsvector columns built here
from the folded text, so that PostgreSQL's parser and dictionaries never see it:

- `words`: the words of spaced scripts exactly as SQLite's word index cuts them (the same regex
  over `fulltext.word_index_text`), title positions weighted A. Whole words match; `energ*` is a
  prefix (`:*`); a phrase is `<->`.
- `grams`: each character and each pair of adjacent characters of every run of Chinese,
  Japanese or Korean script. A term of such script finds the documents holding all its pairs (a
  superset, without segmentation); `Query.verify` then checks that it occurs as typed.

Ranked in the index by `ts_rank` (title weighted like SQLite's bm25), length-normalised.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from communique.store import fulltext
from communique.store.fulltext import Query, Sql, Term

TABLE = "documents_search"
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
MAX_POSITIONS_PER_LEXEME = 255  # it keeps at most 256 positions of a lexeme
MAX_LEXEME_BYTES = 2046  # and refuses longer lexemes
TITLE_GAP = 2  # the body's first position follows the title's last after this gap: no phrase spans both
# ts_rank's weights for labels {D, C, B, A}: the title (A) counts TITLE_WEIGHT times the body (D).
RANK_WEIGHTS = "{%s,%s,%s,%s}" % ((fulltext.BODY_WEIGHT / fulltext.TITLE_WEIGHT,) * 3 + (1.0,))
RANK_NORMALIZATION = 1  # divide by 1 + log(document length), as bm25 favours shorter documents
_CJK_RUN = re.compile("[^\\W\\d_\u0000-\u2e7f]+")  # a run of letters of Chinese, Japanese or Korean


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector(tokens_by_part: list[list[str]]) -> str:
    """A tsvector literal from tokens in order, part by part (title first, weighted A)."""
    positions: dict[str, list[str]] = {}
    position = 0
    for part, tokens in enumerate(tokens_by_part):
        label = "A" if part == 0 else ""
        for token in tokens:
            position += 1
            kept = positions.setdefault(token, [])
            if len(kept) < MAX_POSITIONS_PER_LEXEME and len(token.encode()) <= MAX_LEXEME_BYTES:
                kept.append(f"{min(position, MAX_POSITION)}{label}")
        position += TITLE_GAP
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items() if p)


def words_vector(title_folded: str, body_folded: str) -> str:
    return _tsvector([fulltext._WORD.findall(fulltext.word_index_text(t)) for t in (title_folded, body_folded)])


def _grams(text: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        for i, char in enumerate(run):
            out.append(char)
            if i + 1 < len(run):
                out.append(run[i:i + 2])
    return out


def grams_vector(title_folded: str, body_folded: str) -> str:
    return _tsvector([_grams(title_folded), _grams(body_folded)])


# One document's row of the search table (migration 0012 fills it for documents stored before).
INSERT = text("INSERT INTO documents_search (pk, words, grams) "  # TABLE
              "VALUES (:pk, CAST(:words AS tsvector), CAST(:grams AS tsvector))")


def row(pk: int, title_folded: str, body_folded: str) -> dict[str, object]:
    """The parameters of INSERT for one document."""
    return {"pk": pk, "words": words_vector(title_folded, body_folded),
            "grams": grams_vector(title_folded, body_folded)}


def term_query(term: Term) -> str:
    """The tsquery of one term in its column (`words` or `grams`)."""
    if term.spaced:
        words = [_lexeme(w) for w in term.words]
        if term.prefix:
            words[-1] += ":*"
        return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"
    runs = _CJK_RUN.findall(term.folded)
    parts = [run if len(run) == 1 else None for run in runs]
    lexemes = [p for p in parts if p] + [run[i:i + 2] for run in runs if len(run) > 1 for i in range(len(run) - 1)]
    return "(" + " & ".join(_lexeme(x) for x in dict.fromkeys(lexemes)) + ")"


def _column(term: Term) -> str:
    return "s.words" if term.spaced else "s.grams"


def _matches(sql: Sql, term: Term) -> str:
    return f"{_column(term)} @@ CAST({sql.param(term_query(term))} AS tsquery)"


def build_sql(query: Query) -> Sql:
    """Conditions and rank of the statement for `query` (see `statement`): a superset of its
    matches where it has Chinese terms or terms typed with diacritics (`Query.verify` checks them)."""
    sql = Sql()
    for group in query.groups:
        sql.where.append("(" + " OR ".join(_matches(sql, t) for t in group) + ")")
    for term in query.excluded:
        if term.spaced and not term.exact:  # the others are checked on the rows found
            sql.where.append(f"NOT {_matches(sql, term)}")
    for column, spaced in (("s.words", True), ("s.grams", False)):
        terms = [t for t in query.terms if t.spaced == spaced]
        if terms:
            wanted = sql.param(" | ".join(term_query(t) for t in terms))
            sql.ranks.append(f"ts_rank('{RANK_WEIGHTS}', {column}, CAST({wanted} AS tsquery), {RANK_NORMALIZATION})")
    sql.where.append("d.superseded_by IS NULL")
    return sql


def statement(sql: Sql) -> str:
    rank = " + ".join(sql.ranks) or "0.0"
    return (f"SELECT d.id, d.path, d.title, d.language, d.body, -({rank}) AS rank FROM documents d "
            f"JOIN {TABLE} s ON s.pk = d.pk WHERE {' AND '.join(sql.where)} "
            "ORDER BY rank, d.pk LIMIT :limit OFFSET :offset")
