"""Every KB name in a text in one pass: an Aho–Corasick automaton over folded names.

Keys are folded (lower case, no diacritics, Simplified Chinese), so one pass finds "Tô Lâm",
"To Lam" and "TÔ LÂM" alike; each hit is then checked against the forms it may stand for:
word boundaries in spaced scripts, the case of acronyms and initials, and diacritics — a span
written with diacritics must match a form exactly, a span written without them matches only
when its folded key names one entity. "Exactly" is up to the placement of Vietnamese tone marks
(`clean.normalize.tone_normal`): "Khánh Hoà" is the KB's "Khánh Hòa".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from communique.kb.base import KnowledgeBase
from communique.text.normalize import fold, tone_normal
from communique.text.words import WordIndex

# How a form may be used, from strict to loose.
NAME, ACRONYM, AMBIGUOUS, ABBREV, DEMONYM, SHORT, ROLE = (
    "name", "acronym", "ambiguous", "abbrev", "demonym", "short", "role")
_DOTS = "·"
# Names of this many words or more match whatever the case of their first letter.
LONG_NAME_WORDS = 4


@dataclass(frozen=True)
class Form:
    target: str  # entity id, or "role:<id>"
    surface: str  # the form as written in the KB
    how: str
    lang: str | None


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    forms: tuple[Form, ...]  # the forms this span may stand for, after the checks
    label: str = ""  # how the linker found it, where no KB form did ("found", "misspelt", "short"...)

    @property
    def targets(self) -> set[str]:
        return {f.target for f in self.forms}

    @property
    def how(self) -> str:
        return self.label or (self.forms[0].how if self.forms else "derived")


def _variants(surface: str) -> set[str]:
    """The surface and, for names with a middle dot, the forms without or with spaces."""
    out = {surface}
    if _DOTS in fold(surface):
        plain = fold(surface)
        out |= {plain.replace(_DOTS, ""), plain.replace(_DOTS, " ")}
    return out


class Matcher:
    """The automata for one knowledge base (build once per process).

    Full names, demonyms and titles are looked up in the folded text; forms that must match
    exactly (acronyms, forms that are also common words, one-syllable pair forms) in the text
    as written, so "an" from "Ấn" or the pronoun "anh" never reach the checks."""

    def __init__(self, kb: KnowledgeBase):
        loose: dict[str, list[Form]] = defaultdict(list)
        exact: dict[str, list[Form]] = defaultdict(list)

        def add(target: str, surface: str, how: str, lang: str | None) -> None:
            if how in (ACRONYM, AMBIGUOUS, ABBREV):
                exact[tone_normal(surface)].append(Form(target, surface, how, lang))
                return
            for variant in _variants(surface):
                key = fold(variant).strip()
                if key:
                    loose[key].append(Form(target, surface, how, lang))

        for entity in kb.entities.values():
            for lang, items in entity.names.items():
                for surface in items:
                    add(entity.id, surface, NAME, lang)
            add(entity.id, entity.name, NAME, "en")
            for surface in entity.acronyms:
                add(entity.id, surface, ACRONYM, None)
            for field_name, how in (("ambiguous", AMBIGUOUS), ("abbrev", ABBREV), ("demonyms", DEMONYM)):
                for lang, items in getattr(entity, field_name).items():
                    if how == ABBREV and lang == "zh":
                        continue  # one-character forms: the linker reads them in pairs ("越英关系")
                    for surface in items:
                        add(entity.id, surface, how, lang)
        for role in kb.roles.values():
            for lang, items in role.names.items():
                for surface in items:
                    add(f"role:{role.id}", surface, ROLE, lang)
        self.loose = _index(loose)
        self.exact = _index(exact)

    def hits(self, text: str, folded: str | None = None, toned: str | None = None) -> list[Hit]:
        """Every checked hit in `text` (overlapping hits kept; the linker chooses). `folded` is
        fold(text) and `toned` tone_normal(text), when the caller has them."""
        folded = folded if folded is not None else fold(text)
        toned = toned if toned is not None else tone_normal(text)
        out = []
        for index, haystack in ((self.loose, folded), (self.exact, toned)):
            for start, end, forms in index.find_all(haystack):
                span = toned[start:end]
                kept = tuple(f for f in forms if _form_fits(span, folded[start:end], f))
                if kept:
                    out.append(Hit(start, end, kept))
        return out


def _index(forms: dict[str, list[Form]]) -> WordIndex[tuple[Form, ...]]:
    return WordIndex({key: tuple(dict.fromkeys(items)) for key, items in forms.items()})


def same_writing(span: str, surface: str) -> bool:
    """The same letters and diacritics, wherever the tone marks of oa, oe, uy sit."""
    return span == surface or tone_normal(span) == tone_normal(surface)


def _form_fits(span: str, folded_span: str, form: Form) -> bool:
    """`span` (tone-normal) may stand for `form`."""
    surface = _toned(form.surface)
    if form.how in (ACRONYM, AMBIGUOUS, ABBREV):
        return span == surface or (form.how == AMBIGUOUS and span == surface.upper() and len(span) > 2)
    if span[0].isalpha() and surface[0].isupper() and not span[0].isupper() and len(surface.split()) < LONG_NAME_WORDS:
        return False  # "pháp luật" is not "Pháp", "nga" is not "Nga"; long names are specific in any case
    accented = span.lower() != folded_span
    if accented:
        # Written with diacritics: they must be the KB's (up to case, dashes, middle dots and
        # tone-mark placement; Chinese script folds).
        return span.lower() == surface.lower() or _written(span) == _written(surface)
    return True


@lru_cache(maxsize=65536)
def _toned(surface: str) -> str:
    return tone_normal(surface)


@lru_cache(maxsize=65536)
def _written(text: str) -> str:
    """The form diacritics are compared in: fold's form, but Latin letters keep their diacritics
    (lower case, tone marks placed one way)."""
    toned = tone_normal(text)
    return "".join(c.lower() if f.isascii() and f.isalpha() else f
                   for c, f in zip(toned, fold(toned), strict=True)).replace(_DOTS, "")
