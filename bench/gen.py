"""A corpus of N generated diplomatic documents for benchmarks, no network: English, Vietnamese and
Chinese; joint statements (numbered clauses under pillar headings, targets), upgrade news, news of
talks, visits and signings, implementation news; Markdown with front matter, HTML pages with site
chrome, JSON Lines dumps and legacy encodings (GB18030, Windows-1258); near duplicates (the same
story from another outlet, lightly edited). Country, level, pillar and place names come from the
KB, sentences from bench/gen_templates.yaml (written for the generator).

    .venv/bin/python bench/gen.py OUT --documents 10000 [--seed 1] [--pairs 60]

The same arguments give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.kb.base import load_kb  # noqa: E402

TEMPLATES = yaml.safe_load((Path(__file__).with_name("gen_templates.yaml")).read_text(encoding="utf-8"))
LANGUAGES = ("en", "vi", "zh")
LANGUAGE_SHARE = (0.45, 0.35, 0.20)
# What a document is: shares of the corpus (near duplicates are drawn from the news on top).
KINDS = {"news": 0.62, "progress": 0.2, "statement": 0.06, "upgrade": 0.04, "duplicate": 0.08}
FORMATS = {"md": 0.55, "html": 0.25, "jsonl": 0.15, "legacy": 0.05}
JSONL_LINES = 500  # documents per JSON Lines file
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2026, 11, 30)  # publication dates
LEVELS = ("comprehensive_partnership", "strategic_partnership", "comprehensive_strategic_partnership",
          "enhanced_strategic_partnership", "special_strategic_partnership")
PARTNERS = ("VN", "GB", "SG", "JP", "AU", "IN", "KR", "FR", "DE", "US", "TH", "MY", "ID", "PH", "CN", "NZ",
            "CA", "IT", "BR", "ZA", "AE", "SA", "CL", "MX", "NL", "ES", "LA", "KH", "RU", "TR")


@dataclass
class Pair:
    a: str
    b: str
    level: str


def names(kb: Any, code: str, language: str, formal: bool = False) -> str:
    """A country's name: the official form in statements, the shortest (as news writes it) elsewhere."""
    entity = kb.country(code)
    forms = entity.names.get(language) or (entity.name,)
    return forms[0] if formal else min(forms, key=len)


def cities(kb: Any) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for entity in kb.entities.values():
        if entity.type in ("place", "city") and entity.country and all(entity.names.get(x) for x in LANGUAGES):
            out.setdefault(entity.country, []).append({x: entity.names[x][0] for x in LANGUAGES})
    return out


def written_day(day: date, language: str) -> str:
    if language == "vi":
        return f"{day.day}/{day.month}/{day.year}"
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%B')} {day.year}"


class Generator:
    def __init__(self, seed: int, pairs: int):
        self.rng = random.Random(seed)
        self.kb = load_kb()
        self.places = cities(self.kb)
        codes = [c for c in PARTNERS if self.kb.country(c)]
        chosen: list[tuple[str, str]] = [("VN", c) for c in codes if c != "VN"]
        others = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:] if "VN" not in (a, b)]
        self.rng.shuffle(others)
        chosen = (chosen + others)[:pairs]
        self.pairs = [Pair(a, b, self.rng.choice(LEVELS)) for a, b in chosen]
        self.news: list[tuple[str, dict[str, Any]]] = []  # stories a near duplicate may copy

    def slots(self, pair: Pair, language: str, day: date, formal: bool = False) -> dict[str, Any]:
        t = TEMPLATES[language]
        rng = self.rng
        local = self.places.get(pair.a, []) + self.places.get(pair.b, [])
        place = rng.choice(local)[language] if local else names(self.kb, pair.b, language)
        level = self.kb.levels[pair.level]
        return {"a": names(self.kb, pair.a, language, formal), "b": names(self.kb, pair.b, language, formal),
                "level": (level.names.get(language) or (level.name,))[0], "place": place,
                "day": written_day(day, language), "n": rng.randint(2, 150), "m": rng.randint(10, 500),
                "year": rng.choice((2030, 2035, 2040, 2050)), "topic": rng.choice(t["topics"]),
                "outlet": rng.choice(t["outlets"]), "i": 0}

    def one(self, i: int) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        if kind == "duplicate" and self.news:
            return self.copy(i, *rng.choice(self.news))
        kind = "news" if kind == "duplicate" else kind
        language = rng.choices(LANGUAGES, LANGUAGE_SHARE)[0]
        pair = rng.choice(self.pairs)
        day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        s = self.slots(pair, language, day, formal=kind == "statement") | {"i": i}
        t = TEMPLATES[language]
        fill = lambda text: text.format(**s)  # noqa: E731
        if kind == "statement":
            title, paragraphs = fill(t["statement_title"]), [fill(t["statement_intro"])]
            number = 0
            for pillar, clauses in t["clause"].items():
                term = self.kb.pillars[pillar]
                paragraphs.append((term.names.get(language) or (term.name,))[0])
                for clause in rng.sample(clauses, rng.randint(1, len(clauses))):
                    number += 1
                    paragraphs.append(f"{number}. {fill(clause)}")
        elif kind == "upgrade":
            title = fill(t["upgrade_title"])
            paragraphs = [fill(t["upgrade"]), fill(rng.choice(t["news"])), fill(rng.choice(t["filler"]))]
        else:
            title = fill(rng.choice(t["news_title"]))
            lead = t["progress"] if kind == "progress" else t["news"]
            paragraphs = [fill(rng.choice(lead)), *(fill(f) for f in rng.sample(t["filler"], 2))]
        story = {"title": title, "published": day.isoformat(), "language": language, "outlet": s["outlet"],
                 "paragraphs": paragraphs, "chrome": [fill(c) for c in rng.sample(t["chrome"], 3)], "kind": kind}
        if kind in ("news", "progress"):
            self.news.append((language, story))
            if len(self.news) > 2000:
                self.news.pop(0)
        return story

    def copy(self, i: int, language: str, story: dict[str, Any]) -> dict[str, Any]:
        """The same story from another outlet: another headline order, a sentence added or dropped."""
        t = TEMPLATES[language]
        paragraphs = list(story["paragraphs"])
        if len(paragraphs) > 2 and self.rng.random() < 0.5:
            paragraphs.pop()
        else:
            paragraphs.append(self.rng.choice(t["filler"]))
        outlet = self.rng.choice([o for o in t["outlets"] if o != story["outlet"]])
        return story | {"paragraphs": paragraphs, "outlet": outlet, "kind": "duplicate",
                        "chrome": [c.replace(story["outlet"], outlet) for c in story["chrome"]]}


def markdown(story: dict[str, Any], i: int) -> str:
    head = {"title": story["title"], "published": story["published"], "source": story["outlet"],
            "url": f"https://example.org/{story['language']}/{i}"}
    return "---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "---\n\n" + \
        "\n\n".join(story["paragraphs"]) + "\n"


def html(story: dict[str, Any]) -> str:
    from html import escape

    nav = "".join(f"<li><a href='/s/{n}'>{escape(c)}</a></li>" for n, c in enumerate(story["chrome"]))
    body = "".join(f"<p>{escape(p)}</p>" for p in story["paragraphs"])
    return (f"<!doctype html><html lang='{story['language']}'><head><meta charset='utf-8'>"
            f"<title>{escape(story['title'])} | {escape(story['outlet'])}</title>"
            f"<meta property='article:published_time' content='{story['published']}'></head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{escape(story['title'])}</h1>"
            f"<time datetime='{story['published']}'>{story['published']}</time>{body}</article></main>"
            f"<footer><p>{escape(story['chrome'][-1])}</p></footer></body></html>\n")


def write(out: Path, documents: int, seed: int, pairs: int) -> dict[str, int]:
    """Write the corpus under `out`; returns counts by kind, language and format."""
    generator = Generator(seed, pairs)
    rng = random.Random(seed + 1)
    counts: dict[str, int] = {}
    lines: list[str] = []
    jsonl_files = 0

    def flush() -> None:
        nonlocal jsonl_files
        if lines:
            (out / "dumps" / f"dump-{jsonl_files:04d}.jsonl").write_text("".join(lines), encoding="utf-8")
            jsonl_files += 1
            lines.clear()

    for folder in ("md", "html", "dumps", "legacy"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for i in range(documents):
        story = generator.one(i)
        fmt = rng.choices(list(FORMATS), list(FORMATS.values()))[0]
        if fmt == "legacy" and story["language"] == "en":
            fmt = "md"
        shard = f"{i // 1000:03d}"
        if fmt == "md":
            path = out / "md" / shard / f"{i:07d}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(markdown(story, i), encoding="utf-8")
        elif fmt == "html":
            path = out / "html" / shard / f"{i:07d}.html"
            path.parent.mkdir(exist_ok=True)
            path.write_text(html(story), encoding="utf-8")
        elif fmt == "legacy":
            encoding = "gb18030" if story["language"] == "zh" else "cp1258"
            path = out / "legacy" / f"{i:07d}.txt"
            text = story["title"] + "\n\n" + "\n\n".join(story["paragraphs"]) + "\n"
            try:
                path.write_bytes(text.encode(encoding))
            except UnicodeEncodeError:  # a composed letter cp1258 lacks: UTF-8 then
                path.write_text(text, encoding="utf-8")
        else:
            lines.append(json.dumps({"title": story["title"], "published": story["published"],
                                     "source": story["outlet"], "url": f"https://example.org/j/{i}",
                                     "text": "\n\n".join(story["paragraphs"])}, ensure_ascii=False) + "\n")
            if len(lines) >= JSONL_LINES:
                flush()
        for key in (story["kind"], story["language"], fmt):
            counts[key] = counts.get(key, 0) + 1
    flush()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=60, help="country pairs (Vietnam's partners first)")
    args = parser.parse_args()
    if args.documents < 1 or args.pairs < 1:
        raise SystemExit("--documents and --pairs must be positive")
    started = time.perf_counter()
    counts = write(args.out, args.documents, args.seed, args.pairs)
    print(f"{args.documents} documents in {args.out} ({time.perf_counter() - started:.1f} s): "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
