"""The ordered per-document stages, run over a stream of inputs.

Each stage is a plain callable `Document -> Document` with a name. Per-document stages are pure
functions of the document (and read-only data), so they run the same in this process or in a
pool of worker processes; storing happens in the caller, one document at a time.
"""

from __future__ import annotations

import ctypes
import itertools
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.clean import clean
from communique.errors import RejectedInput
from communique.extract.stage import extract
from communique.ingest import DEFAULT_MAX_BYTES, iter_paths, read_path
from communique.kb.base import load_kb
from communique.language import identify
from communique.link import link
from communique.merge.duplicates import signature
from communique.model import Document

Stage = Callable[[Document], Document]

@lru_cache(maxsize=4)
def stages(kb_paths: tuple[str, ...] = ()) -> list[tuple[str, Stage]]:
    """The stages in order; `kb_paths` are the user's KB files added to the packaged KB."""
    kb = load_kb(kb_paths)
    return [
        ("clean", clean),
        ("language", identify),
        ("link", lambda doc: link(doc, kb)),
        ("extract", lambda doc: extract(doc, kb)),
        ("signature", _sign),
    ]


def _sign(doc: Document) -> Document:
    doc.signature = signature(doc.folded)
    return doc


# Files handed to a worker at a time when ingesting in parallel, and chunks kept in flight per
# worker (enough to keep workers busy while the caller stores, few enough to bound memory).
CHUNK_FILES = 8
IN_FLIGHT_CHUNKS_PER_WORKER = 3


class StageFailed(Exception):
    """A stage raised on one document: the document is rejected with the stage named, the batch goes on."""

    def __init__(self, stage: str, error: Exception):
        super().__init__(f"{stage}: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


# Seconds one document may take through all the stages before it is refused (the slowest real
# documents take well under a second; hostile ones found so far, a few seconds).
DOCUMENT_SECONDS = 120.0


class _OutOfTime(Exception):
    pass


class TimedOut(Exception):
    """A document ran past its time budget; `stage` is the stage it was in."""

    def __init__(self, stage: str, seconds: float):
        super().__init__(f"took more than {seconds:g} s (in stage {stage})")
        self.stage = stage


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise _OutOfTime in the block after `seconds` (SIGALRM: main thread of a process only; a
    long call inside a C extension is interrupted when it returns to Python)."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_time_budget(seconds):
            yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Watchdog:
    """One thread per process that raises _OutOfTime in other threads past their deadline (a Dask
    worker runs tasks in threads, where SIGALRM cannot reach). A timer thread per document cost a
    fifth of a worker's time; registering a deadline here is a dictionary entry."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._deadlines: dict[int, tuple[float, int]] = {}  # token -> (monotonic deadline, thread id)
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, seconds: float) -> int:
        with self._changed:
            token = next(self._tokens)
            self._deadlines[token] = (time.monotonic() + seconds, threading.get_ident())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="communique-watchdog", daemon=True)
                self._thread.start()
            self._changed.notify()
        return token

    def release(self, token: int) -> None:
        """The block ended: its deadline is dropped; if it fired meanwhile and was not raised yet,
        the exception is withdrawn."""
        with self._changed:
            if self._deadlines.pop(token, None) is None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)

    def _run(self) -> None:
        with self._changed:
            while True:
                if not self._deadlines:
                    self._changed.wait()
                    continue
                token, (deadline, thread) = min(self._deadlines.items(), key=lambda kv: kv[1][0])
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._changed.wait(wait)
                    continue
                del self._deadlines[token]  # fired: `release` sees it gone
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(_OutOfTime))


_WATCHDOG = _Watchdog()


@contextmanager
def _thread_time_budget(seconds: float) -> Iterator[None]:
    """_time_budget outside the main thread: the watchdog raises _OutOfTime in this thread, as the
    signal does in the main one (also when it returns to Python)."""
    token = _WATCHDOG.watch(seconds)
    try:
        yield
    finally:
        _WATCHDOG.release(token)


def process(doc: Document, kb_paths: tuple[str, ...] = (), seconds: float | None = None) -> Document:
    """Run every stage over one document; a stage's unexpected error comes out as StageFailed, a run
    past `seconds` as TimedOut."""
    name = "start"
    try:
        with _time_budget(seconds):
            for name, stage in stages(kb_paths):
                try:
                    doc = stage(doc)
                except (RecursionError, _OutOfTime):
                    raise
                except Exception as error:  # one document's bug must not stop the batch: it is reported
                    raise StageFailed(name, error) from error
    except _OutOfTime:
        raise TimedOut(name, seconds or 0) from None
    return doc


def process_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, kb_paths: tuple[str, ...] = (),
                 seconds: float | None = DOCUMENT_SECONDS) -> list[Document | RejectedInput]:
    """Read one file and run the stages over each document in it; bad input comes back as RejectedInput
    (also a document a stage fails on, with the stage and the error named)."""
    out: list[Document | RejectedInput] = []
    items = read_path(path, max_bytes=max_bytes)
    while True:
        try:
            with _time_budget(seconds):  # reading is bounded as the stages are (a PDF can take long)
                item = next(items)
        except StopIteration:
            break
        except _OutOfTime:
            out.append(RejectedInput(str(path), f"refused: took more than {seconds:g} s to read"))
            break
        except RecursionError:
            out.append(RejectedInput(str(path), "structure too deeply nested to read"))
            break
        except Exception as error:  # a reader's unexpected error: the file is reported, the batch goes on
            out.append(RejectedInput(str(path), f"cannot be read ({type(error).__name__}: {error})"))
            break
        if isinstance(item, RejectedInput):
            out.append(item)
            continue
        try:
            doc = process(item, kb_paths, seconds)
        except TimedOut as late:
            out.append(RejectedInput(item.path, f"refused: {late}"))
            continue
        except RecursionError:
            out.append(RejectedInput(item.path, "structure too deeply nested to process"))
            continue
        except StageFailed as failed:
            out.append(RejectedInput(item.path, f"could not be processed (internal error in stage {failed}; "
                                                "please report it)"))
            continue
        if not doc.body.strip():
            out.append(RejectedInput(item.path, "no article text left after cleaning"))
            continue
        out.append(doc)
    return out


def run(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1,
        kb_paths: tuple[str, ...] = (), seconds: float | None = DOCUMENT_SECONDS,
        scheduler: str | None = None) -> Iterator[tuple[Path, list[Document | RejectedInput]]]:
    """Per file, in order: the processed documents and rejections.

    `workers` > 1 runs the stages on a Dask LocalCluster of that many processes, `scheduler` on an
    existing Dask cluster (communique.cluster). Streams: paths are read lazily and at most a few
    chunks are in flight per worker, so the caller stores results while the workers go on."""
    files = iter_paths(paths)
    if workers <= 1 and scheduler is None:
        for path in files:
            yield path, process_path(path, max_bytes, kb_paths, seconds)
        return
    from communique import cluster

    with cluster.client(workers, scheduler) as client:
        slots = max(1, sum(client.nthreads().values())) if scheduler else workers
        pending: deque[tuple[list[Path], Any]] = deque()
        for chunk in _chunks(files, CHUNK_FILES):
            task = client.submit(_process_chunk, chunk, max_bytes, kb_paths, seconds, pure=False,
                                 retries=cluster.TASK_RETRIES)
            pending.append((chunk, task))
            if len(pending) > IN_FLIGHT_CHUNKS_PER_WORKER * slots:
                yield from _finish(pending.popleft())
        while pending:
            yield from _finish(pending.popleft())


def _chunks(paths: Iterator[Path], size: int) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    for path in paths:
        chunk.append(path)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _process_chunk(paths: list[Path], max_bytes: int, kb_paths: tuple[str, ...],
                   seconds: float | None) -> list[list[Document | RejectedInput]]:
    return [process_path(path, max_bytes, kb_paths, seconds) for path in paths]


def _finish(item: tuple[list[Path], Any]) -> Iterator[tuple[Path, list[Document | RejectedInput]]]:
    chunk, future = item
    results = future.result()
    future.release()  # the worker forgets the chunk's documents once they are here
    yield from zip(chunk, results, strict=True)
