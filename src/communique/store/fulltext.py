"""Full-text search: query parsing, the SQLite FTS5 queries, snippets.

Two FTS5 indexes over the folded text (`clean.normalize.fold`: lower case, no diacritics,
Simplified Chinese):

- `documents_words` (unicode61 tokenizer, contentless) holds the words of spaced scripts — Latin,
  Vietnamese, Cyrillic... — with the characters of Chinese, Japanese and Korean blanked out
  (`word_index_text`). A term of a spaced script matches whole words only ("UK" is not in "Suk",
  "art" not in "partner"); `energ*` matches words starting with "energ".
- `documents_fts` (trigram tokenizer): terms with Chinese, Japanese or
  Korean characters match anywhere, with no word segmentation, in Simplified or Traditional
  script. The trigram tokenizer needs three characters: shorter terms ("英国") are checked with
  LIKE on its columns.

A query is a list of terms that must all occur; `"…"` keeps a phrase together, `a OR b` needs
either, `NOT a` or `-a` excludes. Terms typed without Vietnamese diacritics match with or without
them ("hop tac" finds "hợp tác"); terms typed with them must occur with them (up to case and
tone-mark placement: "hòa" finds "hoà"), checked on the rows the folded index finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from communique.errors import CommuniqueError
from communique.text.normalize import fold, normalize, tone_normal

# Characters of context on each side of the first match in a snippet.
SNIPPET_CONTEXT = 90
# Added to the score of documents where the whole query occurs as typed, as a phrase: this share of
# the best score among the rows read (bm25 on SQLite scores 3–5, ts_rank on PostgreSQL 0.05–0.1: a
# fixed bonus would weigh ~30 times more on PostgreSQL).
PHRASE_BONUS_SHARE = 0.5
# Weights of title and body in bm25.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
TRIGRAM = 3
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "**", "**"
WORDS_TABLE, TRIGRAM_TABLE = "documents_words", "documents_fts"
OR, NOT, EXCLUDE_PREFIX, PREFIX_MARK = "OR", "NOT", "-", "*"

# A letter or digit of a spaced script (clean.normalize.is_word_char as a regex class): what the
# unicode61 tokenizer keeps in a word once Chinese, Japanese and Korean are blanked out.
_WORD_CHAR = "[^\\W_\u2e80-\U0010ffff]"
_WORD = re.compile(f"{_WORD_CHAR}+")
_GAP = r"[\W_]+"  # what may stand between the words of a phrase (unicode61 drops it)
_GAP_OR_NONE = r"[\W_]*"  # between a Chinese term and its neighbour
_UNSPACED = re.compile("[\u2e80-\U0010ffff]")
_UNSPACED_LETTER = re.compile("[^\\W_\u0000-\u2e7f]")
_TOKEN = re.compile(r'-?"[^"]*"\*?|\S+')


def word_index_text(folded: str) -> str:
    """What the word index holds for a folded text: the text with every character of Chinese,
    Japanese and Korean (and later blocks) blanked out, so that "加入cptpp" gives the word "cptpp"."""
    return _UNSPACED.sub(" ", folded)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower()[:1] or c for c in text)


def exact_form(text: str) -> str:
    """The form diacritics are compared in, same length as `text`: lower case, tone marks placed one way."""
    return tone_normal(_lower_same_length(text))


def _typed_diacritics(text: str) -> bool:
    """Diacritics in letters of spaced scripts (not Chinese script choice, which always folds)."""
    return any(fold(c) != c.lower() for c in text if not _UNSPACED_LETTER.match(c))


class computed_once:  # noqa: N801  (used as a decorator, like functools.cached_property)
    """functools.cached_property without the lock Python 3.11 shares among all instances of a class:
    with it, every search thread waits while one of them folds a long text."""

    def __init__(self, compute: Callable[[Any], Any]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value  # later reads find it first (frozen dataclasses too)
        return value


@dataclass(frozen=True)
class Term:
    text: str  # as typed (normalised), without quotes or a prefix mark
    prefix: bool = False  # `energ*`: the last word is a prefix

    @computed_once
    def folded(self) -> str:
        return fold(self.text)

    @computed_once
    def exact(self) -> bool:
        """Typed with diacritics: they must occur (checked on the rows the folded index finds)."""
        return _typed_diacritics(self.text)

    @computed_once
    def spaced(self) -> bool:
        """Words of a spaced script (the word index), not characters (the trigram index)."""
        return not _UNSPACED_LETTER.search(self.text)

    @computed_once
    def words(self) -> tuple[str, ...]:
        return tuple(_WORD.findall(self.folded))

    @property
    def short(self) -> bool:
        """Too short for trigrams: checked with LIKE."""
        return not self.spaced and len(self.folded.strip()) < TRIGRAM

    @property
    def table(self) -> str:
        return WORDS_TABLE if self.spaced else TRIGRAM_TABLE

    def fts(self) -> str:
        """The FTS5 expression for this term, in its table (folded: the index finds a superset of
        the exact matches)."""
        if self.spaced:
            return '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")
        return '"' + self.folded.strip().replace('"', '""') + '"'

    def like(self) -> str:
        escaped = self.folded.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"%{escaped}%"

    def form(self, forms: Forms) -> str:
        return forms.exact if self.exact else forms.folded

    @computed_once
    def pattern(self) -> re.Pattern[str]:
        """Where the term occurs in a text's form (`form`)."""
        if not self.spaced:
            core = exact_form(self.text.strip()) if self.exact else self.folded.strip()
            return re.compile(re.escape(core))
        return re.compile(_words_regex(_WORD.findall(exact_form(self.text) if self.exact else self.folded),
                                       self.prefix))

    def occurs(self, forms: Forms) -> bool:
        return self.pattern.search(self.form(forms)) is not None


def _words_regex(words: list[str] | tuple[str, ...], prefix: bool) -> str:
    """Whole words in a row, or the last one as a prefix."""
    end = f"{_WORD_CHAR}*" if prefix else f"(?!{_WORD_CHAR})"
    return f"(?<!{_WORD_CHAR})" + _GAP.join(map(re.escape, words)) + end


@dataclass
class Forms:
    """A text in the forms terms are matched in, each computed once when first needed."""

    text: str

    @computed_once
    def folded(self) -> str:
        return fold(self.text)

    @computed_once
    def exact(self) -> str:
        return exact_form(self.text)


@dataclass(frozen=True)
class Query:
    text: str
    groups: tuple[tuple[Term, ...], ...]  # every group must occur; a group occurs when any of its terms does
    excluded: tuple[Term, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for group in self.groups for t in group)

    def matches(self, title: Forms, body: Forms) -> bool:
        """The groups and exclusions that need diacritics hold in the title or the body."""
        for group in self.groups:
            if any(t.exact for t in group) and not any(t.occurs(title) or t.occurs(body) for t in group):
                return False
        return not any(t.exact and (t.occurs(title) or t.occurs(body)) for t in self.excluded)

    def verify(self, title: Forms, body: Forms) -> bool:
        """What an index of character pairs cannot tell (PostgreSQL, `pg_search`): each group with a
        Chinese, Japanese or Korean term occurs as typed, and no excluded term of those scripts does."""
        for group in self.groups:
            if any(not t.spaced for t in group) and not any(t.occurs(title) or t.occurs(body) for t in group):
                return False
        return not any(not t.spaced and (t.occurs(title) or t.occurs(body)) for t in self.excluded)

    @computed_once
    def phrase(self) -> re.Pattern[str] | None:
        """The whole query as one phrase (folded), when it is two terms or more and has no OR."""
        if len(self.groups) < 2 or any(len(g) > 1 for g in self.groups):
            return None
        parts = []
        for previous, term in zip((None, *self.terms), self.terms, strict=False):
            if previous is not None:
                parts.append(_GAP if previous.spaced and term.spaced else _GAP_OR_NONE)
            parts.append(_words_regex(term.words, term.prefix) if term.spaced else re.escape(term.folded.strip()))
        return re.compile("".join(parts))

    def phrase_occurs(self, body: Forms) -> bool:
        return self.phrase is not None and self.phrase.search(body.folded) is not None


def _term(token: str) -> Term | None:
    prefix = token.endswith(PREFIX_MARK)
    token = token.rstrip(PREFIX_MARK)
    if len(token) >= 2 and token.startswith('"') and token.endswith('"'):
        token = token[1:-1]
    token = token.strip().strip('"')
    term = Term(token, prefix=prefix)
    if not term.words and term.spaced:
        return None  # punctuation alone: nothing to look for
    return term


def parse_query(text: str) -> Query:
    """Split a user's query into groups of terms and excluded terms.

    Terms are separated by spaces and must all occur; `"…"` is one term (a phrase); `a OR b`
    (upper case) needs either; `NOT a` and `-a` exclude a; a trailing `*` makes a prefix."""
    text = normalize(text).strip()
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    last_included = join_next = exclude_next = False  # last_included: the last term went into groups[-1]
    for token in _TOKEN.findall(text):
        if token == OR:
            join_next = last_included and not exclude_next
            continue
        if token == NOT:
            exclude_next = True
            continue
        dashed = not exclude_next and token.startswith(EXCLUDE_PREFIX) and len(token) > 1
        excluding = exclude_next or dashed
        term = _term(token[1:] if dashed else token)
        if term is None:
            pass
        elif excluding:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        last_included = term is not None and not excluding
        join_next = exclude_next = False
    if excluded and not groups:
        raise CommuniqueError(f"query {text!r}: give a term to search for, not only terms to exclude")
    return Query(text=text, groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded))


@dataclass
class Sql:
    """The pieces of one search statement."""

    tables: list[str] = field(default_factory=list)  # FTS tables joined to documents by rowid
    joins: list[str] = field(default_factory=list)  # LEFT JOINs of rank subqueries
    where: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)

    def param(self, value: str) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return ":" + name

    def statement(self) -> str:
        first = "documents d"
        for table in self.tables:
            first += f" JOIN {table} ON {table}.rowid = d.pk"
        rank = " + ".join(self.ranks) or "0.0"
        return (f"SELECT d.id, d.path, d.title, d.language, d.body, {rank} AS rank FROM {first} "
                + " ".join(self.joins)
                + f" WHERE {' AND '.join(self.where)} ORDER BY rank, d.pk LIMIT :limit OFFSET :offset")


def _bm25(table: str) -> str:
    return f"bm25({table}, {TITLE_WEIGHT}, {BODY_WEIGHT})"


def _any_of(terms: list[Term]) -> str:
    return terms[0].fts() if len(terms) == 1 else "(" + " OR ".join(t.fts() for t in terms) + ")"


def _like(sql: Sql, term: Term) -> str:
    p = sql.param(term.like())
    return f"({TRIGRAM_TABLE}.title LIKE {p} ESCAPE '\\' OR {TRIGRAM_TABLE}.body LIKE {p} ESCAPE '\\')"


def build_sql(query: Query) -> Sql:
    """The FTS5 statement for `query`: a superset of its matches (diacritics are checked after),
    ranked by bm25 (title weighted) in each index the query reads."""
    sql = Sql()
    matched: dict[str, list[str]] = {WORDS_TABLE: [], TRIGRAM_TABLE: []}  # MATCH expressions, ANDed
    mixed: list[tuple[Term, ...]] = []  # groups with terms in both indexes, or short ones
    for group in query.groups:
        tables = {t.table for t in group}
        if len(tables) == 1 and not any(t.short for t in group):
            matched[tables.pop()].append(_any_of(list(group)))
        else:
            mixed.append(group)
    needs_trigram = bool(matched[TRIGRAM_TABLE]) or any(t.short for g in mixed for t in g) \
        or any(t.short for t in query.excluded)
    for table in (WORDS_TABLE, TRIGRAM_TABLE):
        # Exclusions typed with diacritics are not excluded by the folded index ("họp" is not "hợp").
        excluded = [t for t in query.excluded if t.table == table and not t.short and not t.exact]
        if matched[table]:
            expression = " AND ".join(matched[table])
            if excluded:
                expression += " NOT " + _any_of(excluded)
            sql.tables.append(table)
            sql.where.append(f"{table} MATCH {sql.param(expression)}")
            sql.ranks.append(_bm25(table))
            continue
        if table == TRIGRAM_TABLE and needs_trigram:
            sql.tables.append(table)  # for LIKE on its columns, read by rowid
        if excluded:
            sql.where.append(f"d.pk NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH "
                             f"{sql.param(_any_of(excluded))})")
        ranked = [t for g in mixed for t in g if t.table == table and not t.short]
        if ranked:
            # Rank by the terms of this index wherever they occur (the groups filter below).
            alias = f"rank_{table}"
            sql.joins.append(f"LEFT JOIN (SELECT rowid AS pk, {_bm25(table)} AS r FROM {table} WHERE {table} "
                             f"MATCH {sql.param(_any_of(ranked))}) {alias} ON {alias}.pk = d.pk")
            sql.ranks.append(f"coalesce({alias}.r, 0.0)")
    for group in mixed:
        alternatives = [_like(sql, t) for t in group if t.short]
        for table in (WORDS_TABLE, TRIGRAM_TABLE):
            terms = [t for t in group if t.table == table and not t.short]
            if terms:
                alternatives.append(f"d.pk IN (SELECT rowid FROM {table} WHERE {table} MATCH "
                                    f"{sql.param(_any_of(terms))})")
        sql.where.append("(" + " OR ".join(alternatives) + ")")
    for term in query.excluded:
        if term.short and not term.exact:
            sql.where.append("NOT " + _like(sql, term))
    sql.where.append("d.superseded_by IS NULL")
    return sql


@dataclass(frozen=True)
class Snippet:
    text: str
    start: int  # offset of the first match in the body, or -1
    highlights: tuple[tuple[int, int], ...]  # offsets into the body


def make_snippet(body: Forms, query: Query, context: int = SNIPPET_CONTEXT) -> Snippet:
    """A window of the body around the first match (the whole query as a phrase, if it occurs),
    the matches inside it highlighted."""
    text = body.text
    spans = [(m.start(), m.end()) for term in query.terms for m in term.pattern.finditer(term.form(body))]
    if not spans:
        return Snippet(text[: 2 * context].replace("\n", " "), -1, ())
    phrases = [(m.start(), m.end()) for m in query.phrase.finditer(body.folded)] if query.phrase else []
    spans += phrases
    spans.sort()
    first = phrases[0][0] if phrases else spans[0][0]
    lo = max(0, first - context)
    hi = min(len(text), first + context)
    # Widen to word boundaries so the snippet does not start or end mid-word.
    while lo > 0 and not text[lo - 1].isspace() and first - lo < context + 15:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - first < context + 15:
        hi += 1
    inside = _merge([(s, e) for s, e in spans if s >= lo and e <= hi])
    out, pos = [], lo
    for s, e in inside:
        out.append(text[pos:s])
        out.append(HIGHLIGHT_OPEN + text[s:e] + HIGHLIGHT_CLOSE)
        pos = e
    out.append(text[pos:hi])
    shown = ("…" if lo > 0 else "") + "".join(out).replace("\n", " ") + ("…" if hi < len(text) else "")
    return Snippet(shown, first, tuple(inside))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
