"""Ingest throughput at scale: N generated documents (bench/gen.py) into a fresh register, for each
engine and backend asked, with the register's tracking (evidence proposals: sentence embeddings)
included or excluded. Prints one row per run: wall time, CPU seconds of the whole process tree
(Dask workers included), documents and MB per CPU-second, peak RSS of the tree, store size.

    .venv/bin/python bench/scale.py --documents 1000 --engine single --engine dask2 \
        --backend sqlite --backend postgresql --embedding excluded --embedding included

PostgreSQL runs on a throw-away local cluster (tests/pg_cluster.py). Each run is a separate
process, measured from outside with psutil every POLL_SECONDS.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLL_SECONDS = 0.5
ENGINES = {"single": 1, "dask2": 2}
RUNNER = ("import sys; from communique import api; "
          "r = api.ingest([sys.argv[1]], db=sys.argv[2], workers=int(sys.argv[3]), track=sys.argv[4] == 'included'); "
          "print(dict(r.counts), r.tracked)")


def _tree_usage(root: psutil.Process, cpu: dict[int, float]) -> int:
    """Updates each live process's CPU seconds in `cpu`; returns the tree's RSS now."""
    rss = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for proc in procs:
        try:
            times = proc.cpu_times()
            cpu[proc.pid] = times.user + times.system + times.children_user + times.children_system
            rss += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return rss


def run_once(corpus: Path, db: str, workers: int, embedding: str) -> dict[str, float | str]:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(corpus), db, str(workers), embedding],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    cpu: dict[int, float] = {}
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_usage(root, cpu))
        time.sleep(POLL_SECONDS)
    out, err = proc.communicate()
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {err[-2000:]}")
    children = psutil.Process().cpu_times()  # what the run's process left when it was waited for
    cpu_seconds = max(sum(cpu.values()), children.children_user + children.children_system)
    return {"wall": wall, "cpu": cpu_seconds, "peak_mb": peak / 2**20, "out": out.strip()}


def store_mb(db: str, cluster) -> float:
    if db.startswith("sqlite:///"):
        path = Path(db.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
    import psycopg

    name = db.rsplit("/", 1)[1]
    with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname={name}") as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, action="append", required=True)
    parser.add_argument("--engine", choices=sorted(ENGINES), action="append")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--embedding", choices=["excluded", "included"], action="append")
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and registers (default: temporary)")
    args = parser.parse_args()
    engines, backends = args.engine or ["single"], args.backend or ["sqlite"]
    embeddings = args.embedding or ["excluded"]
    work = args.work or Path(tempfile.mkdtemp(prefix="communique-scale-"))
    cluster = None
    if "postgresql" in backends:
        from tests.pg_cluster import Cluster

        (work / "pg").mkdir(parents=True, exist_ok=True)
        cluster = Cluster(str(work / "pg")).init().start()
    print("| documents | MB of input | engine | backend | embedding | wall s | CPU s | documents/CPU-s | "
          "MB/CPU-s | peak RSS MB | store MB | store/input |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    try:
        for n in args.documents:
            corpus = work / f"corpus-{n}"
            if not corpus.exists():
                subprocess.run([sys.executable, str(ROOT / "bench" / "gen.py"), str(corpus), "--documents", str(n)],
                               check=True, capture_output=True)
            size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 2**20
            for embedding in embeddings:
                for engine in engines:
                    for backend in backends:
                        if backend == "sqlite":
                            db = f"sqlite:///{work / f'{n}-{engine}-{embedding}.db'}"
                            for old in work.glob(f"{n}-{engine}-{embedding}.db*"):
                                old.unlink()
                        else:
                            db = cluster.url(cluster.new_database())
                        got = run_once(corpus, db, ENGINES[engine], embedding)
                        stored = store_mb(db, cluster)
                        print(f"| {n:,} | {size:.1f} | {engine} | {backend} | {embedding} | {got['wall']:.1f} | "
                              f"{got['cpu']:.1f} | {n / got['cpu']:.1f} | {size / got['cpu']:.3f} | "
                              f"{got['peak_mb']:.0f} | {stored:.1f} | {stored / size:.1f}× |", flush=True)
    finally:
        if cluster is not None:
            cluster.remove()


if __name__ == "__main__":
    main()
