"""Shared by bench/serve.py and bench/soak.py: a register of N documents, `communique serve` on a
free localhost port, and client threads timing requests (keep-alive http.client connections)."""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.track import corpus  # noqa: E402  (the tracking corpus: a statement and later news)


def build_register(folder: Path, documents: int) -> str:
    """A register holding the tracking corpus plus `documents` news variants (dates, places,
    figures changed) so that search and pages work on many rows."""
    from communique import api

    source = folder / "corpus"
    corpus.write(source, tuple(corpus.FILES) + tuple(corpus.HISTORY_FILES))
    rng = random.Random(7)
    places = ["Bangkok", "Kuala Lumpur", "Songkhla", "Penang", "Hat Yai", "Putrajaya", "Chiang Mai"]
    topics = ["the border crossing at Sadao", "halal industry cooperation", "scholarships for students",
              "rail links", "rubber prices", "tourism flows", "energy trade"]
    for i in range(documents):
        day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        place, topic = rng.choice(places), rng.choice(topics)
        (source / f"news-{i:06d}.md").write_text(
            f"---\ntitle: Malaysia and Thailand discuss {topic} ({i})\npublished: {day}\n---\n"
            f"{place}, {day} – Officials of Malaysia and Thailand met in {place} on item {i} to review {topic}; "
            f"they reported {rng.randint(2, 900)} new projects and agreed to meet again within {rng.randint(2, 11)} "
            "months.\n", encoding="utf-8")
    db = "sqlite:///" + str(folder / "register.db")
    api.ingest([source], db=db, workers=2)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: str, folder: Path):
        self.port = free_port()
        env = os.environ | {"COMMUNIQUE_SECRET": "bench", "COMMUNIQUE_UPLOAD_DIR": str(folder / "uploads")}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from communique.cli import main; main()", "serve", "--db", db,
             "--port", str(self.port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(self.base + "/api/v1/stats", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.base + path, timeout=60) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@dataclass
class Timings:
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.by_kind.setdefault(kind, []).append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def request(connection: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection.request(method, path, body=body, headers=headers or {})
    answer = connection.getresponse()
    return answer.status, answer.read()
