"""Which cooperation pillar a heading or a sentence belongs to, by the KB's pillar lexicons.

`classify_pillar(text, kb, lang)` returns `(pillar_id, confidence)`, or `(None, 0.0)` when no
name or keyword of any pillar occurs in the text. `pillar_scores` gives the raw evidence per pillar.

How the evidence is counted:

1. every pillar's heading `names` and `keywords` (of the text's language; guessed from the script
   when `lang` is None or unknown to the KB) are matched on the folded text
   (`clean.normalize.fold`: lower case, no diacritics, Simplified Chinese);
2. a term of a spaced script (Latin letters, digits) must stand between word boundaries; Chinese
   terms match anywhere;
3. overlapping matches: the longest wins, then the earlier one; a stretch of text is counted once;
4. folding must not invent a match: where the text carries diacritics ("thân"), a term with other
   diacritics ("than", coal) does not match it; acronyms ("DOC", "AI", "MIA") match in their own
   case only;
5. a heading name weighs `NAME_WEIGHT`, a keyword `KEYWORD_WEIGHT`; a term listed for several
   pillars counts for each of them. In running text (`running_text=True`: a clause, a sentence) a
   heading name is one phrase among the others and weighs `KEYWORD_WEIGHT` too: "deepening
   strategic mutual trust and practical cooperation" names two pillars equally, it is not a
   section on practical cooperation.

The confidence is the winner's share of all evidence, scaled down while the evidence is thin
(below `FULL_EVIDENCE_SCORE`): one keyword alone gives 1/3, one heading name alone gives 1.0.
Ties go to the pillar whose evidence starts first in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from communique.language import detect
from communique.text.normalize import fold, tone_normal
from communique.text.spans import longest_first
from communique.text.words import WordIndex

if TYPE_CHECKING:
    from communique.kb.base import KnowledgeBase

NAME_WEIGHT = 3.0  # a pillar's heading name ("Climate change", "人文交流") in the text
KEYWORD_WEIGHT = 1.0  # one of the pillar's keywords in the text
FULL_EVIDENCE_SCORE = 3.0  # evidence at which the confidence is no longer scaled down
ACRONYM_MIN_UPPER = 2  # a term without spaces and with this many capitals matches in its own case

_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


def _soft(text: str) -> str:
    """Lower case with one dash and tone marks placed one way ("hòa" = "hoà"): the form in which
    diacritics are compared."""
    return tone_normal(text.lower().translate(_DASHES))


def guess_language(text: str) -> str:
    """The lexicon language for a text whose language the caller does not know: the project's
    language identification, English for any language without a lexicon."""
    found = detect(text)
    return found if found in ("vi", "zh") else "en"


@dataclass(frozen=True)
class _Entry:
    """One folded term: its pillars with their weights, and the written forms that may match it."""

    weights: tuple[tuple[str, float], ...]
    forms: frozenset[str]  # soft forms (lower case, one dash) as written in the KB
    acronyms: frozenset[str]  # forms that only match in their own case


class PillarLexicon:
    """The pillar terms of one KB and language, compiled into one Aho-Corasick automaton."""

    def __init__(self, kb: KnowledgeBase, lang: str) -> None:
        raw: dict[str, dict[str, float]] = {}
        forms: dict[str, set[str]] = {}
        acronyms: dict[str, set[str]] = {}
        for pid, term in kb.pillars.items():
            for weight, table in ((NAME_WEIGHT, term.names), (KEYWORD_WEIGHT, term.keywords)):
                for form in table.get(lang, ()):
                    form = form.strip()
                    key = fold(form)
                    if not key:
                        continue
                    slot = raw.setdefault(key, {})
                    slot[pid] = max(slot.get(pid, 0.0), weight)
                    forms.setdefault(key, set()).add(_soft(form))
                    if " " not in form and sum(c.isupper() for c in form) >= ACRONYM_MIN_UPPER:
                        acronyms.setdefault(key, set()).add(form)
        self.index: WordIndex[_Entry] = WordIndex({
            key: _Entry(weights=tuple(slot.items()), forms=frozenset(forms[key]),
                        acronyms=frozenset(acronyms.get(key, ())))
            for key, slot in raw.items()})

    def matches(self, text: str) -> list[tuple[int, int, _Entry]]:
        """Non-overlapping term matches (start, end, entry) in `text`, longest first, in text order."""
        if self.index.empty or not text:
            return []
        found: list[tuple[int, int, _Entry]] = []
        for start, end, entry in self.index.find_all(fold(text)):
            if not self._same_writing(text[start:end], entry):
                continue
            found.append((start, end, entry))
        return longest_first(found, lambda m: (m[0], m[1]))

    @staticmethod
    def _same_writing(original: str, entry: _Entry) -> bool:
        """False when folding alone made the text match: other diacritics, or an acronym in lower case."""
        if original in entry.acronyms:
            return True
        soft = _soft(original)
        if entry.acronyms and len(entry.forms) == len(entry.acronyms):
            return False  # only acronyms fold to this key ("DOC"): "doc", "dọc" are other words
        if soft in entry.forms:
            return True
        # The text carries no diacritics of its own (typed without accents, or plain ASCII): fold matched.
        return fold(original) == soft


@lru_cache(maxsize=32)
def lexicon(kb: KnowledgeBase, lang: str) -> PillarLexicon:
    """The compiled lexicon of `kb` for `lang` (built once per KB and language)."""
    return PillarLexicon(kb, lang)


@lru_cache(maxsize=32)
def _languages(kb: KnowledgeBase) -> frozenset[str]:
    """The languages the KB's pillar terms are given in."""
    return frozenset(code for term in kb.pillars.values() for code in (*term.names, *term.keywords))


def _language(text: str, kb: KnowledgeBase, lang: str | None) -> str:
    return lang if lang in _languages(kb) else guess_language(text)


def pillar_evidence(text: str, kb: KnowledgeBase, lang: str | None = None, *,
                    running_text: bool = False) -> tuple[dict[str, float], dict[str, int]]:
    """Per pillar: the summed weight of its terms in `text`, and where its first term starts.
    `running_text`: heading names weigh as keywords (see the module docstring, rule 5)."""
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for start, _end, entry in lexicon(kb, _language(text, kb, lang)).matches(text):
        for pid, weight in entry.weights:
            if running_text:
                weight = min(weight, KEYWORD_WEIGHT)
            scores[pid] = scores.get(pid, 0.0) + weight
            first.setdefault(pid, start)
    return scores, first


def pillar_scores(text: str, kb: KnowledgeBase, lang: str | None = None, *,
                  running_text: bool = False) -> dict[str, float]:
    """Per pillar id, the summed weight of its names and keywords found in `text` (pillars without any left out)."""
    return pillar_evidence(text, kb, lang, running_text=running_text)[0]


def best_pillar(scores: dict[str, float], first: dict[str, int] | None = None) -> tuple[str | None, float]:
    """The winning pillar of a score table and its confidence (see the module docstring)."""
    total = sum(scores.values())
    if total <= 0:
        return None, 0.0
    where = first or {}
    best = min(scores, key=lambda pid: (-scores[pid], where.get(pid, 0)))
    share = scores[best] / total
    return best, round(share * min(1.0, scores[best] / FULL_EVIDENCE_SCORE), 3)


def classify_pillar(text: str, kb: KnowledgeBase, lang: str | None = None, *,
                    running_text: bool = False) -> tuple[str | None, float]:
    """The pillar id a heading or a sentence belongs to, with a confidence in [0, 1].

    `lang` selects the lexicon ('vi', 'zh', 'en'); None guesses it from the script.
    `running_text`: the text is a clause or a sentence, not a heading (heading names weigh as keywords).
    Returns (None, 0.0) when no name or keyword of any pillar occurs in the text.
    """
    scores, first = pillar_evidence(text, kb, lang, running_text=running_text)
    return best_pillar(scores, first)
