"""Progress of long work: the library reports it, the caller decides how (or whether) to show it.

Library code wraps a long loop in `task(label, total)` and calls `advance()`; nothing is shown
unless the caller installed a reporter with `reporting(...)`. The CLI installs a rich bar on a
terminal, a periodic one-line summary when its output is piped, or nothing with `--quiet`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

# When piped, one line per this many seconds (and one at the end).
PIPED_EVERY_SECONDS = 5.0


class Task(Protocol):
    def advance(self, n: int = 1) -> None: ...


class Reporter(Protocol):
    @contextmanager
    def task(self, label: str, total: int | None) -> Iterator[Task]: ...


class _Silent:
    def advance(self, n: int = 1) -> None:
        pass


class SilentReporter:
    """Shows nothing."""

    @contextmanager
    def task(self, label: str, total: int | None) -> Iterator[Task]:
        yield _Silent()


class _LineTask:
    def __init__(self, label: str, total: int | None, out: TextIO, every: float):
        self.label, self._total, self.out, self.every = label, total, out, every
        self.done = 0
        self.printed: int | None = None  # `done` when the last line was printed
        self.started = self.last = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.line(now)

    def line(self, now: float) -> None:
        self.printed = self.done
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        of = f"/{self._total}" if self._total else ""
        left = ""
        if self._total and rate > 0 and self.done < self._total:
            left = f", about {_duration((self._total - self.done) / rate)} left"
        self.out.write(f"{self.label}: {self.done}{of} ({rate:.1f}/s, {_duration(elapsed)}{left})\n")
        self.out.flush()


class LineReporter:
    """A line every few seconds on a stream that is not a terminal, and one when a task ends
    (when it ran long enough to have printed one)."""

    def __init__(self, out: TextIO | None = None, every: float | None = None):
        self.out = out or sys.stderr
        self.every = PIPED_EVERY_SECONDS if every is None else every

    @contextmanager
    def task(self, label: str, total: int | None) -> Iterator[Task]:
        handle = _LineTask(label, total, self.out, self.every)
        yield handle
        if handle.printed is not None and handle.printed != handle.done:
            handle.line(time.monotonic())


class RichReporter:
    """A rich progress bar with rate and time left, on a terminal."""

    def __init__(self, out: TextIO | None = None):
        from rich.console import Console

        self.console = Console(file=out or sys.stderr)

    @contextmanager
    def task(self, label: str, total: int | None) -> Iterator[Task]:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task: object) -> Text:
                speed = task.finished_speed or task.speed  # type: ignore[attr-defined]
                return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"))
        with Progress(*columns, console=self.console, transient=False) as bar:
            task_id = bar.add_task(label, total=total)
            yield _RichTask(bar, task_id)


class _RichTask:
    def __init__(self, bar: object, task_id: object):
        self.bar, self.task_id = bar, task_id

    def advance(self, n: int = 1) -> None:
        self.bar.advance(self.task_id, n)  # type: ignore[attr-defined]



_reporter: Reporter = SilentReporter()


@contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Show the progress of the work done inside this block with `reporter`."""
    global _reporter
    previous, _reporter = _reporter, reporter
    try:
        yield
    finally:
        _reporter = previous


@contextmanager
def task(label: str, total: int | None = None) -> Iterator[Task]:
    """A unit of long work of `total` steps (None: unknown) reported to the current reporter."""
    with _reporter.task(label, total) as handle:
        yield handle


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
