"""Named thresholds of the cleaner, in one place (trafilatura's settings.py is the model).

Lengths are in "units": one per word in spaced scripts, one per two characters in Chinese and
Japanese (a Chinese word is about two characters), so one threshold serves every language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanerSettings:
    # A title is a headline-like line before the first prose paragraph, at least this long
    # (shorter lines up there are section labels: "Thời sự", "时事", "World").
    title_min_units: float = 3.0
    # ... and at most this long (longer unpunctuated lines are leads or glued headlines).
    title_max_units: float = 45.0
    # A line without clause punctuation and at least this long is several headlines glued
    # together by the page dump (a related-articles strip), never a paragraph.
    headline_run_min_units: float = 22.0
    # ... and so is a line where lower-case runs straight into capitals this many times ("nayHà").
    glued_min_joins: int = 2
    # A prose line ends with sentence punctuation, or is at least this long with punctuation inside.
    prose_min_units: float = 12.0
    # A byline is a short line of capitalised words: at most this many words and characters.
    byline_max_words: int = 5
    byline_max_chars: int = 40
    # A dateline's text besides its dates, weekdays and times, at most this long (author, source).
    dateline_max_leftover_units: float = 5.0
    # A dateline or byline is looked for within this many non-blank lines of the top.
    head_lines: int = 6
    # Section labels and breadcrumbs are at most this long.
    label_max_units: float = 8.0
    # A box of related links without a marker: at least this many lines in a row that end no
    # sentence, each at most this long, between two paragraphs that end theirs.
    link_run_min_lines: int = 2
    link_run_max_units: float = 25.0


DEFAULT = CleanerSettings()
