"""Document metadata from the lines the cleaner set aside, and from the reader's hints."""

from __future__ import annotations

from communique.clean.lexicon import ChromeLexicon, load_lexicon
from communique.clean.lines import Line
from communique.model import DateValue, Metadata, period
from communique.text.dates import date_from_url, find_dates
from communique.text.normalize import fold
from communique.text.words import has_word

# Kinds of line whose dates are the article's own (what it reports), not the page's.
_ARTICLE_KINDS = ("title", "prose", "headline", "caption", "dateline_body")


def collect_metadata(lines: list[Line], hints: Metadata, lex: ChromeLexicon | None = None) -> Metadata:
    """Title, published date, URL, author, source and photo credits.

    What the reader found in the file's own metadata (HTML head, JSONL fields) wins over what
    the text shows; a date in the URL is the last resort for `published`."""
    meta = Metadata(
        title=hints.title,
        published=hints.published,
        url=hints.url,
        author=hints.author,
        source=hints.source,
        photo_credits=list(hints.photo_credits),
        extra=dict(hints.extra),
    )
    body_dates = []
    stamps = _publication_candidates(lines)
    if meta.published is None and stamps:
        latest_past = _latest_reported_past(lines, lex or load_lexicon())
        for value in stamps:
            if latest_past is None or not _long_before(value, latest_past):
                meta.published = value
                break
    for line in lines:
        kind = line.kind
        if kind == "title" and not meta.title:
            meta.title = line.text
        elif kind == "dateline":
            if line.value and not meta.author:
                meta.author = line.value
            if line.info.get("source") and not meta.source:
                meta.source = str(line.info["source"])
            if line.info.get("place"):
                meta.extra.setdefault("dateline_place", line.info["place"])
        elif kind == "dateline_body":
            body_dates.append(line)
        elif kind == "byline" and line.value and not meta.author:
            meta.author = line.value
        elif kind == "attribution" and line.value and not meta.source:
            meta.source = line.value
        elif kind == "url" and line.value and not meta.url:
            meta.url = line.value
        elif kind in ("caption", "credit_only") and line.value and line.value not in meta.photo_credits:
            meta.photo_credits.append(line.value)
    if meta.published is None and meta.url:
        meta.published = date_from_url(meta.url)
    if meta.published is None and body_dates:
        # A statement's own date line ("2023年12月13日于河内", "Hanoi, 25 February 2025") at its
        # start or end dates it when nothing else does.
        kept = [ln for ln in lines if ln.kind in ("title", "prose", "headline", "caption", "dateline_body")]
        for line in body_dates:
            if line in kept[-3:] or line in kept[:3]:
                value = line.info["date"].value()  # type: ignore[attr-defined]
                if value is not None and value.precision == "day":
                    meta.published = value
                    break
    if meta.published is not None and not isinstance(meta.published, DateValue):
        meta.published = None
    return meta


def _publication_candidates(lines: list[Line]) -> list[DateValue]:
    """Dates of the dateline lines, best first: those above the article's first paragraph from
    the nearest to it (a byline's date under the title beats a page clock above it), then the
    ones after the article."""
    head: list[DateValue] = []
    tail: list[DateValue] = []
    in_body = False
    for line in lines:
        if line.kind == "prose":
            in_body = True
        if line.kind != "dateline":
            continue
        mention = line.info.get("date")
        value = mention.value() if mention is not None else None  # type: ignore[attr-defined]
        if value is not None:
            (tail if in_body else head).append(value)
    return head[::-1] + tail


def _latest_reported_past(lines: list[Line], lex: ChromeLexicon) -> DateValue | None:
    """The latest date, with its year and month stated, that the article reports as done
    (not as a plan): the document cannot have been published before it."""
    latest: DateValue | None = None
    for line in lines:
        if line.kind not in _ARTICLE_KINDS:
            continue
        folded = fold(line.text)
        for mention in find_dates(line.text):
            if mention.future or mention.is_relative or mention.year is None or mention.month is None:
                continue
            if has_word(folded[max(0, mention.start - DEADLINE_REACH):mention.start], lex.deadline_words):
                continue
            value = mention.value()  # a range's start: its end may still be ahead ("visit 4-8 Feb")
            if value is not None and (latest is None or _before(latest, value)):
                latest = value
    return latest


# How far before a date a deadline word counts ("valid until the end of December 2027").
DEADLINE_REACH = 24


# A stamp is stale (a page clock printed above an older article) when the article reports a done event
# this many days after it: the clocks seen were years off, while dates up to a year or so ahead are
# more often a plan or a period the tense words did not mark ("will be reviewed in June 2026").
STALE_STAMP_DAYS = 540


def _long_before(a: DateValue, b: DateValue) -> bool:
    """Whether `a` lies more than STALE_STAMP_DAYS before `b` (each taken at its first day)."""
    first_a, first_b = period(a), period(b)
    return bool(_before(a, b) and first_a and first_b and (first_b.first - first_a.first).days > STALE_STAMP_DAYS)


def _before(a: DateValue, b: DateValue) -> bool:
    """Whether `a` lies wholly before `b`, each at its own precision."""
    return a.iso() < b.iso()[: len(a.iso())]
