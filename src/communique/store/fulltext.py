"""Full-text search: query parsing, the SQLite FTS5 (trigram) query, snippets.

A query is a list of terms (quoted "…" segments are one term each) that must all occur.
Terms typed without Vietnamese diacritics match with or without them ("hop tac" finds "hợp tác");
terms typed with them match exactly (up to case). Chinese matches in either script. The index
holds only the folded text (no diacritics, Simplified Chinese); exact matching is a check on the
rows the index finds. The trigram tokenizer needs three characters: shorter terms ("UK", "英国")
are checked with LIKE on the same columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.clean.normalize import fold, normalize

# Characters of context on each side of the first match in a snippet.
SNIPPET_CONTEXT = 90
# Added to the score of documents where the whole query occurs as typed, as a phrase.
PHRASE_BONUS = 2.0
# Weights of title and body in bm25.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
TRIGRAM = 3
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "**", "**"

_QUOTED = re.compile(r'"([^"]+)"|(\S+)')
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]  # in the form they are matched in (folded, or lower-cased when exact)
    exact: bool  # diacritics typed: the terms must occur with them
    folded_terms: tuple[str, ...] = ()  # the terms folded, for the index

    def form(self, text: str) -> str:
        """`text` in the form the terms are in (same length as `text`)."""
        return _lower_same_length(text) if self.exact else fold(text)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower()[:1] or c for c in text)


def _typed_diacritics(text: str) -> bool:
    """Diacritics in Latin letters (not Chinese script choice, which always folds)."""
    return any(fold(c) != c.lower() for c in text if not _HAN.match(c))


def parse_query(text: str) -> Query:
    """Split a user's query into terms; decide whether diacritics matter."""
    text = normalize(text).strip()
    exact = _typed_diacritics(text)
    raw_terms = [(quoted or bare).strip() for quoted, bare in _QUOTED.findall(text)]
    raw_terms = [t for t in raw_terms if t]
    terms = tuple(_lower_same_length(t) if exact else fold(t) for t in raw_terms)
    return Query(text=text, terms=terms, exact=exact, folded_terms=tuple(fold(t) for t in raw_terms))


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_match(query: Query) -> str | None:
    """The FTS5 MATCH expression for the terms long enough for trigrams, or None."""
    long_terms = [t for t in query.folded_terms if len(t) >= TRIGRAM]
    if not long_terms:
        return None
    return " AND ".join(_fts_string(t) for t in long_terms)


def short_terms(query: Query) -> list[str]:
    return [t for t in query.folded_terms if len(t) < TRIGRAM]


def matches_exactly(title: str, body_form: str, query: Query) -> bool:
    """Every term occurs as typed (diacritics and all), in the title or the body."""
    if not query.exact:
        return True
    forms = query.form(title) + "\n" + body_form
    return all(t in forms for t in query.terms)


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Snippet:
    text: str
    start: int  # offset of the first match in the body, or -1
    highlights: tuple[tuple[int, int], ...]  # offsets into the body


def make_snippet(body: str, query: Query, context: int = SNIPPET_CONTEXT, form: str | None = None) -> Snippet:
    """A window of `body` around the first match, the matches inside it highlighted."""
    form = form if form is not None else query.form(body)
    spans = []
    for term in query.terms:
        for m in re.finditer(re.escape(term), form):
            spans.append((m.start(), m.end()))
    if not spans:
        return Snippet(body[: 2 * context].replace("\n", " "), -1, ())
    phrase_text = " ".join(query.terms)
    if len(query.terms) > 1:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase_text), form)]
    spans.sort()
    phrase = form.find(phrase_text) if len(query.terms) > 1 else -1
    first = phrase if phrase >= 0 else spans[0][0]
    lo = max(0, first - context)
    hi = min(len(body), first + context)
    # Widen to word boundaries so the snippet does not start or end mid-word.
    while lo > 0 and not body[lo - 1].isspace() and first - lo < context + 15:
        lo -= 1
    while hi < len(body) and not body[hi].isspace() and hi - first < context + 15:
        hi += 1
    inside = _merge([(s, e) for s, e in spans if s >= lo and e <= hi])
    out, pos = [], lo
    for s, e in inside:
        out.append(body[pos:s])
        out.append(HIGHLIGHT_OPEN + body[s:e] + HIGHLIGHT_CLOSE)
        pos = e
    out.append(body[pos:hi])
    text = ("…" if lo > 0 else "") + "".join(out).replace("\n", " ") + ("…" if hi < len(body) else "")
    return Snippet(text, first, tuple(inside))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def phrase_occurs(body_form: str, query: Query) -> bool:
    """The whole query, as typed, occurs in the body (given in the query's form)."""
    return len(query.terms) > 1 and " ".join(query.terms) in body_form
