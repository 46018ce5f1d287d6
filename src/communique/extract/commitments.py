"""Commitments: what a joint statement (clause by clause) or a news report (sentence by sentence)
says the parties will do, with the modality commitment trackers use.

A clause or sentence is split where its parts are joined by ";" or "；" (a clause often lists
several actions); each part with a modality word is one commitment, classified by its strongest
word (data/modality.yaml: commit > agree > will > support > encourage > welcome > reaffirm > note);
`binding` says whether the class commits the parties ("agree to establish a Clean Energy
Partnership" does, "welcome the signing" does not). A statement clause without any such word is
kept as one record with modality null, so that every clause stays in the register with its pillar.
News sentences count only when their subject is the parties ("hai bên", "双方", "the two sides"),
one of them by anaphora at the sentence's start ("Nước này cũng cam kết…"), one of the two
countries at the start, or a person of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from communique.extract.context import Context
from communique.extract.pillars import classify_pillar
from communique.kb.base import KnowledgeBase
from communique.text.normalize import fold
from communique.text.words import WordIndex, has_word

_PARTS = re.compile(r"[;；]\s*")
_CN = "[一二三四五六七八九十]{1,3}"  # a clause number in Chinese numerals
_CLAUSE_NUMBER = re.compile(rf"\s*(?:\(?[0-9]{{1,3}}[.)]|{_CN}[、.]|\({_CN}\)|（{_CN}）)?\s*")
# Entity types whose mentions a commitment links as its instruments.
LINKED_TYPES = ("instrument", "mechanism", "org")  # id prefixes
# A news sentence's subject is looked for in its first characters: the parties' words or a person
# within SUBJECT_CHARS, one of the two countries within COUNTRY_SUBJECT_CHARS ("Anh sẽ…", "The UK will…").
SUBJECT_CHARS = 80
COUNTRY_SUBJECT_CHARS = 16
# Chinese says in 4 characters what the window above holds ("越南将", "英国愿"), and names a side by
# the first character of its name and 方 ("越方", "英方", "新方").
COUNTRY_SUBJECT_CHARS_CJK = 4
SIDE_SUFFIX_ZH = "方"


@dataclass(frozen=True)
class Modality:
    classes: tuple[tuple[str, tuple[str, ...]], ...]  # (class, folded words longest first), strongest first
    binding: frozenset[str]
    parties_subject: tuple[str, ...]
    party_anaphors: tuple[str, ...]


@lru_cache(maxsize=1)
def modality_lexicon() -> Modality:
    text = resources.files("communique.extract").joinpath("data/modality.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    classes = tuple(
        (name, tuple(sorted({fold(w) for ws in by_lang.values() for w in ws}, key=len, reverse=True)))
        for name, by_lang in data["classes"].items())
    subjects = tuple(sorted({fold(w) for ws in data["parties_subject"].values() for w in ws}, key=len, reverse=True))
    anaphors = tuple(fold(w) for ws in data["party_anaphors"].values() for w in ws)
    return Modality(classes=classes, binding=frozenset(data["binding"]), parties_subject=subjects,
                    party_anaphors=anaphors)


@lru_cache(maxsize=1)
def _modality_index() -> tuple[WordIndex, dict[str, int]]:
    classes = modality_lexicon().classes
    labelled: dict[str, str] = {}
    for name, words in classes:
        for word in words:
            labelled.setdefault(word, name)
    return WordIndex(labelled), {name: n for n, (name, _) in enumerate(classes)}


def classify_modality(folded: str) -> str | None:
    """The strongest modality class whose words the (folded) text has, or None."""
    index, strength = _modality_index()
    found = {label for _, _, label in index.find_all(folded)}
    return min(found, key=strength.__getitem__) if found else None


def _parts(text: str, start: int) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARTS.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((start + pos, start + m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((start + pos, start + len(text)))
    return spans


def _actors(ctx: Context, kb: KnowledgeBase, starts: tuple[int, ...]) -> list[str]:
    """The parties a commitment names as acting: the one country at the start of its part or of its
    clause ("The UK will…", "Phía Anh sẽ…", "新方将…": a side named by the first character of its
    Chinese name), else all parties ("Both sides…", a joint clause)."""
    pair = sorted(ctx.pair or ())
    if len(pair) < 2:
        return pair
    codes = {f"country:{c}": c for c in pair}
    window = COUNTRY_SUBJECT_CHARS_CJK if ctx.doc.language == "zh" else COUNTRY_SUBJECT_CHARS
    body = ctx.doc.body
    for start in starts:
        if has_word(ctx.doc.folded[start:start + SUBJECT_CHARS], modality_lexicon().parties_subject):
            return pair
        named = {codes[m["entity"]] for m in ctx.doc.mentions
                 if m["entity"] in codes and start <= m["start"] < start + window}
        if not named and body[start + 1:start + 2] == SIDE_SUFFIX_ZH:
            named = {c for c in pair if any(name.startswith(body[start]) for name in _zh_names(kb, c))}
        if len(named) == 1 or len(named) == len(pair):
            return sorted(named)
    return pair


def _zh_names(kb: KnowledgeBase, code: str) -> tuple[str, ...]:
    entity = kb.get(f"country:{code}")
    return tuple(entity.names.get("zh", ())) if entity is not None else ()


def _record(ctx: Context, kb: KnowledgeBase, start: int, end: int, modality: str | None, pillar: str | None,
            clause: str | None, n: int, clause_start: int | None = None) -> dict[str, Any]:
    doc = ctx.doc
    linked = [m["entity"] for m in doc.mentions if start <= m["start"] < end
              and m["entity"].split(":", 1)[0] in LINKED_TYPES]
    text = doc.body[start:end].strip()
    lead = len(doc.body[start:end]) - len(doc.body[start:end].lstrip())
    starts = tuple(dict.fromkeys(_body_start(doc.body, s) for s in (start, clause_start) if s is not None))
    return {
        "id": f"{doc.id}:c{n}", "parties": list(ctx.pair or ()), "actors": _actors(ctx, kb, starts),
        "pillar": pillar, "clause": clause,
        "modality": modality, "binding": modality in modality_lexicon().binding, "text": text,
        "language": doc.language, "documents": [doc.id], "instruments": list(dict.fromkeys(linked)),
        "targets": [], "variants": [{"document": doc.id, "language": doc.language, "text": text,
                                     "start": start + lead, "end": start + lead + len(text)}],
        "evidence": [{"document": doc.id, "start": start + lead, "end": start + lead + len(text)}],
    }


def _body_start(body: str, start: int) -> int:
    """Where a clause's words begin: past its spaces and its number ("12.", "(3)", "三、")."""
    m = _CLAUSE_NUMBER.match(body, start)
    return m.end() if m else start


def find_commitments(ctx: Context, kb: KnowledgeBase, clauses: list[Any]) -> list[dict[str, Any]]:
    """Commitments of a statement's clauses, or of a news report's sentences when it has none."""
    out: list[dict[str, Any]] = []
    folded = ctx.doc.folded
    if clauses:
        for clause in clauses:
            found = 0
            for start, end in _parts(ctx.doc.body[clause.start:clause.end], clause.start):
                modality = classify_modality(folded[start:end])
                if modality:
                    out.append(_record(ctx, kb, start, end, modality, clause.pillar, clause.number, len(out),
                                       clause_start=clause.start))
                    found += 1
            if not found:
                out.append(_record(ctx, kb, clause.start, clause.end, None, clause.pillar, clause.number, len(out)))
        return out
    lexicon = modality_lexicon()
    parties = {f"country:{c}" for c in ctx.pair or ()}
    people = [m["start"] for m in ctx.doc.mentions if m["entity"].startswith("person:")]
    countries = [(m["start"], m["end"]) for m in ctx.doc.mentions if m["entity"] in parties]
    body = ctx.doc.body
    for sentence in ctx.sentences:
        head = sentence.folded[:SUBJECT_CHARS]
        has_subject = (
            has_word(head, lexicon.parties_subject) or head.startswith(lexicon.party_anaphors)
            or any(sentence.start <= s < sentence.start + SUBJECT_CHARS for s in people)
            # A country at the start, not in a fronted phrase ("Unlike the UK, China will…").
            or any(sentence.start <= s < sentence.start + COUNTRY_SUBJECT_CHARS
                   and body[e:e + 2].strip()[:1] not in (",", "，", "、") for s, e in countries))
        if not has_subject:
            continue
        for start, end in _parts(sentence.text, sentence.start):
            modality = classify_modality(folded[start:end])
            if modality and modality in lexicon.binding:
                pillar, _ = classify_pillar(ctx.doc.body[start:end], kb, ctx.doc.language)
                out.append(_record(ctx, kb, start, end, modality, pillar, None, len(out)))
    return out


def attach_targets(commitments: list[dict[str, Any]], targets: list[dict[str, Any]]) -> None:
    """Each target to the commitment whose text holds it (both ways: ids on both sides)."""
    for target in targets:
        for commitment in commitments:
            span = commitment["evidence"][0]
            if span["start"] <= target["start"] < span["end"]:
                commitment["targets"].append(target["id"])
                target["commitment"] = commitment["id"]
                break

