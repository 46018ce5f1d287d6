"""The per-document time budget outside the main thread (Dask workers run tasks in threads): the
watchdog interrupts the document past its budget, in its own thread only, and leaves the next
documents, and other threads, alone."""

from __future__ import annotations

import threading
import time

import pytest

from communique import pipeline


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # Python bytecode: the pending exception is raised here
        pass


def _in_thread(work) -> list:
    out: list = []

    def run() -> None:
        try:
            out.append(work())
        except Exception as error:  # noqa: BLE001 - the test looks at what was raised
            out.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return out


def _budgeted(seconds: float, work_seconds: float) -> str:
    with pipeline._time_budget(seconds):
        _busy(work_seconds)
    return "done"


def test_a_block_past_its_budget_is_interrupted_in_a_worker_thread():
    started = time.monotonic()
    (result,) = _in_thread(lambda: _budgeted(0.2, 5.0))
    assert isinstance(result, pipeline._OutOfTime)
    assert time.monotonic() - started < 2.0


def test_blocks_within_their_budget_finish_and_leave_nothing_behind():
    def many() -> str:
        for _ in range(200):
            _budgeted(0.5, 0.0)
        _busy(0.8)  # after the blocks: no late exception arrives
        return "done"

    assert _in_thread(many) == ["done"]


def test_only_the_late_thread_is_interrupted():
    results: dict[str, object] = {}

    def late() -> None:
        try:
            results["late"] = _budgeted(0.2, 3.0)
        except pipeline._OutOfTime as error:
            results["late"] = error

    def on_time() -> None:
        results["on time"] = _budgeted(5.0, 0.6)

    threads = [threading.Thread(target=late), threading.Thread(target=on_time)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert isinstance(results["late"], pipeline._OutOfTime) and results["on time"] == "done"


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_budget_means_no_limit(seconds):
    assert _in_thread(lambda: _budgeted(seconds, 0.3)) == ["done"]
