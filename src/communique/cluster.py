"""Where the per-document stages run when not in this process: a Dask cluster.

`communique ingest --workers N` starts a `dask.distributed.LocalCluster` of N worker processes
(one thread each: the stages are pure Python and hold the GIL); `--scheduler tcp://HOST:PORT`
uses a cluster that is already running (its workers need Communiqué installed and the input files
at the same paths). Workers return their documents to this process, which stores them, so that
both SQLite (one writer) and PostgreSQL get each document once, in input order.

A task that raises is retried (TASK_RETRIES); a worker lost mid-run has its tasks run again by
the scheduler on another worker; what the caller stores is keyed by content, so a task run twice
stores nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from communique.errors import CommuniqueError

TASK_RETRIES = 2  # a chunk's task run again after it raised, before the ingest fails
WORKER_THREADS = 1  # per worker process
START_TIMEOUT = 120  # seconds to wait for a LocalCluster's workers, or for an existing scheduler


@contextmanager
def client(workers: int = 0, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client of a new LocalCluster of `workers` processes, or of the cluster at `scheduler`."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise CommuniqueError(f"the distributed engine needs dask[distributed] ({error})") from None
    if scheduler is not None:
        if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
            raise CommuniqueError(f"--scheduler {scheduler!r}: give the address of a Dask scheduler, "
                                  "tcp://HOST:PORT")
        try:
            made = Client(scheduler, timeout=START_TIMEOUT)
        except OSError as error:
            raise CommuniqueError(f"--scheduler {scheduler}: cannot reach it ({error})") from None
        try:
            yield made
        finally:
            made.close()
        return
    cluster = LocalCluster(n_workers=workers, threads_per_worker=WORKER_THREADS, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    made = Client(cluster, timeout=START_TIMEOUT)
    try:
        yield made
    finally:
        made.close()
        cluster.close()
