"""Register blocks are written side by side on PostgreSQL: a writer of one country pair's block
waits only for writers of the same block and for writers of the whole register (`Store.writing`)."""

from __future__ import annotations

import threading
import time

import pytest

from communique.store import Store
from tests.conftest import BACKENDS, new_register_url

HOLD_SECONDS = 1.5

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL left out (COMMUNIQUE_TEST_BACKENDS)")


@pytest.fixture()
def pg_url(request, tmp_path) -> str:
    """A new register on PostgreSQL (SQLite has one writer at a time, whatever it writes)."""
    return new_register_url(request, "postgresql", tmp_path)


def _finish_times(store: Store, others: dict[str, set[str] | None]) -> tuple[float, dict[str, float]]:
    """One writer holds block GB-VN for HOLD_SECONDS; the `others` start meanwhile. Returns when the
    first released its lock and when each other writer got in."""
    holding = threading.Event()
    released: list[float] = []
    got_in: dict[str, float] = {}

    def holder() -> None:
        with store.writing(blocks={"GB-VN"}):
            holding.set()
            time.sleep(HOLD_SECONDS)
            released.append(time.monotonic())

    def other(name: str, blocks: set[str] | None) -> None:
        with store.writing(blocks=blocks):
            got_in[name] = time.monotonic()

    first = threading.Thread(target=holder)
    first.start()
    holding.wait(10)
    threads = [threading.Thread(target=other, args=item) for item in others.items()]
    for t in threads:
        t.start()
    for t in [first, *threads]:
        t.join(30)
    return released[0], got_in


def test_writers_of_other_blocks_do_not_wait_and_writers_of_the_same_block_do(pg_url):
    store = Store(pg_url)
    released, got_in = _finish_times(store, {"other pair": {"SG-VN"}, "same pair": {"GB-VN"},
                                             "both pairs": {"SG-VN", "GB-VN"}, "no block": set()})
    assert got_in["other pair"] < released and got_in["no block"] < released
    assert got_in["same pair"] >= released and got_in["both pairs"] >= released


def test_a_whole_register_writer_waits_for_block_writers(pg_url):
    released, got_in = _finish_times(Store(pg_url), {"whole register": None})
    assert got_in["whole register"] >= released


def test_a_whole_register_writer_holds_off_block_writers(pg_url):
    store = Store(pg_url)
    holding, got_in = threading.Event(), {}

    def whole() -> None:
        with store.writing():
            holding.set()
            time.sleep(HOLD_SECONDS)
            got_in["released"] = time.monotonic()

    def block() -> None:
        with store.writing(blocks={"SG-VN"}):
            got_in["block"] = time.monotonic()

    first = threading.Thread(target=whole)
    first.start()
    holding.wait(10)
    second = threading.Thread(target=block)
    second.start()
    first.join(30)
    second.join(30)
    assert got_in["block"] >= got_in["released"]


def test_a_writer_of_very_many_blocks_takes_one_lock_for_the_whole_register(pg_url):
    # Advisory locks share the server's lock table: a relink naming every pair must not fill it.
    from sqlalchemy import text

    from communique.store.store import MAX_BLOCK_LOCKS

    store = Store(pg_url)
    pairs = {f"P{n:03d}-VN" for n in range(MAX_BLOCK_LOCKS + 1)}
    with store.writing(blocks=pairs) as conn:
        held = conn.execute(text("SELECT mode, count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                 "AND pid = pg_backend_pid() GROUP BY mode")).all()
    assert held == [("ExclusiveLock", 1)]
    with store.writing(blocks=set(list(pairs)[:3])) as conn:
        held = dict(conn.execute(text("SELECT mode, count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                      "AND pid = pg_backend_pid() GROUP BY mode")).all())
    assert held == {"ShareLock": 1, "ExclusiveLock": 3}
