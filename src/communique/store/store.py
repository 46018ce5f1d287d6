"""The storage layer: documents in and out, versions, sources, search.

SQLAlchemy Core over any URL it knows; SQLite is the embedded default (one file, WAL).
Each document is written whole or not at all (in its own transaction, or within `Store.batch()`
in one shared by several documents), so a crash mid-batch leaves a consistent store and a re-run
completes the batch.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache, partial
from importlib import resources
from typing import Any, TypeVar

from sqlalchemy import Engine, bindparam, create_engine, event, exc, func, make_url, select, text, update
from sqlalchemy.engine import Connection

from communique.errors import CommuniqueError, NotFound
from communique.model import DateValue, Document, Metadata, Span
from communique.schema import fact_kinds, from_row, to_row
from communique.store import fulltext, pg_search, pg_vectors
from communique.store.chunks import chunked
from communique.store.schema import (
    documents,
    fact_tables,
    found_entities,
    mentions,
    passage_rows,
    passages,
    sources,
    store_versions,
    vectors,
)
from communique.text.normalize import fold

DEFAULT_DB = "communique.db"
FACT_KINDS = tuple(fact_kinds())  # partnerships, events, commitments, targets (communique/schema/facts.yaml)

# Statements built once, with bound parameters, so SQLAlchemy compiles them once.
_BY_SHA = select(documents.c.id).where(documents.c.sha256 == bindparam("sha"))
_SOURCE = select(sources.c.pk).where(sources.c.document_id == bindparam("doc"), sources.c.path == bindparam("path"))
_SEEN_AGAIN = update(sources).where(sources.c.pk == bindparam("source")).values(last_seen=bindparam("now"))
_CURRENT_VERSION = (
    select(documents.c.id, documents.c.version)
    .join(sources, sources.c.document_id == documents.c.id)
    .where(sources.c.path == bindparam("path"), documents.c.superseded_by.is_(None))
    .order_by(documents.c.version.desc())
)
_SUPERSEDE = update(documents).where(documents.c.id == bindparam("old")).values(superseded_by=bindparam("new"))
_REPOINT_COPIES = (update(documents).where(documents.c.duplicate_of == bindparam("old"),
                                            documents.c.superseded_by.is_(None))
                   .values(duplicate_of=bindparam("new")))
# A stored document's mentions or facts replaced: its rows carry no trigger (migration 0011).
_DOCUMENTS_CHANGED = (update(store_versions).where(store_versions.c.scope == "documents")
                      .values(version=store_versions.c.version + 1))
# PostgreSQL: `Store.writing()` transactions take turns on this advisory lock, as SQLite's take
# the write lock (tokens, jobs, whatever spans the register); documents are written side by side.
# A transaction that writes named register blocks (`writing(blocks=…)`) holds it shared, and an
# exclusive lock per block: blocks of other pairs are written at the same time.
PG_WRITE_LOCK_KEY = 0x436F6D6D  # "Comm"
PG_MIGRATION_LOCK_KEY = PG_WRITE_LOCK_KEY + 1
PG_BLOCK_LOCK_CLASS = 0x426C6B  # "Blk": the first key of a block's lock (two int4 keys: apart from the others)
# A writer naming more blocks than this takes the whole register's lock instead: advisory locks share
# the server's lock table (max_locks_per_transaction × max_connections, ~6,400 by default).
MAX_BLOCK_LOCKS = 64
_PG_WRITE_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_PG_SHARED_WRITE_LOCK = text("SELECT pg_advisory_xact_lock_shared(:key)")
_PG_BLOCK_LOCK = text("SELECT pg_advisory_xact_lock(:class, :block)")
# A document put again after it met another writer's row: unique violation, deadlock, serialization.
_RETRIED_SQLSTATES = {"23505", "40P01", "40001"}
PUT_ATTEMPTS = 3
ENV_DB = "COMMUNIQUE_DB"
# Group commit in `Store.batch()`: a commit after this many documents or this many seconds,
# whichever comes first. A commit costs more than a document's rows (the FTS5 index flushes its
# terms at each one), so sharing it is most of the gain; the bounds keep what a crash can lose —
# documents that a re-run stores again — small, and other writers' waits short.
BATCH_DOCUMENTS = 64
BATCH_SECONDS = 1.0
MIGRATION_LOCK_WAIT_MS = 120_000  # how long opening a register waits for another process's write lock
MEMO_SCOPES = ("documents", "register")  # the parts of the store with a change counter (schema.store_versions)
MEMO_ENTRIES = 256  # views kept by `Store.memo` (each until the store changes; the least used go first)
T = TypeVar("T")


def resolve_url(db: str | None) -> str:
    """`--db` value, else $COMMUNIQUE_DB, else ./communique.db; a bare path becomes a SQLite URL."""
    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    return db if "://" in db else f"sqlite:///{db}"


def _engine(url: str, create: bool) -> Engine:
    """An engine for `url`, or a CommuniqueError saying in one line why there can be none."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise CommuniqueError(f"--db {url!r}: not a database URL (sqlite:///FILE, postgresql://...) or path") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = parsed.database
        if os.path.isdir(path):
            raise CommuniqueError(f"--db {path}: is a folder, not a register file")
        if not create and not os.path.exists(path):
            raise CommuniqueError(f"no register at {path}; create one with `communique ingest`")
        folder = os.path.dirname(os.path.abspath(path))
        if create and not os.path.isdir(folder):
            raise CommuniqueError(f"--db {path}: the folder {folder} does not exist")
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, whatever SQLAlchemy's default
    try:
        return create_engine(parsed, future=True)
    except exc.NoSuchModuleError:
        raise CommuniqueError(f"--db {url!r}: unknown kind of database {parsed.drivername!r} "
                              "(use sqlite:///FILE or postgresql://...)") from None
    except ImportError as error:
        raise CommuniqueError(f"--db {url!r}: the driver for {parsed.get_backend_name()} is not installed "
                              f"({error.name or error})") from None


@lru_cache(maxsize=1)
def _head_revision() -> str | None:
    """The newest migration's revision id, read from the migration files without loading Alembic."""
    revisions: dict[str, str | None] = {}
    folder = resources.files("communique.store") / "migrations" / "versions"
    for item in folder.iterdir():
        if item.name.endswith(".py"):
            source = item.read_text(encoding="utf-8")
            revision = _REVISION.search(source)
            down = _DOWN_REVISION.search(source)
            if revision:
                revisions[revision.group(1)] = down.group(1) if down and down.group(1) else None
    heads = set(revisions) - set(revisions.values())
    return heads.pop() if len(heads) == 1 else None


def _schema_version(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except exc.DBAPIError:
        conn.rollback()
        return None


_REVISION = re.compile(r'^revision\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN_REVISION = re.compile(r'^down_revision\s*=\s*(?:["\']([^"\']+)["\']|None)', re.M)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, wal: bool = True) -> None:
    cursor = dbapi_connection.cursor()
    # First: switching the journal mode takes a lock too, and without a timeout it fails at once
    # ("database is locked") while another process writes.
    cursor.execute("PRAGMA busy_timeout=10000")
    if wal:  # persistent in the file: set by the writer that creates it, not by a reading command
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@dataclass(frozen=True)
class Snapshot:
    """What a PostgreSQL snapshot sees (`pg_current_snapshot()`): every transaction completed below
    `xmax` but those still `running`. Its version of the store: PostgreSQL keeps no change counters
    (one counter row raised by every writer would make concurrent writers queue on it), so a view
    is kept until any transaction completes, whatever it wrote."""

    xmax: int
    running: frozenset[int]

    @classmethod
    def parse(cls, text: str) -> Snapshot:
        _, xmax, running = text.split(":")
        return cls(int(xmax), frozenset(int(x) for x in running.split(",") if x))

    def __ge__(self, other: Snapshot) -> bool:  # type: ignore[override]
        """This snapshot sees every transaction `other` sees."""
        return self.xmax >= other.xmax and all(x in other.running or x >= other.xmax for x in self.running)


def _block_key(block: str) -> int:
    """A register block's advisory lock key (int4; blocks that share one merely take turns)."""
    return zlib.crc32(block.encode("utf-8")) - 2**31


def _as_new(kept: tuple[Any, ...], wanted: tuple[Any, ...]) -> bool:
    """A value kept at counters `kept` answers a reader who read `wanted`: the counters only rise."""
    return all(k >= w for k, w in zip(kept, wanted, strict=True))


@dataclass(frozen=True)
class Outcome:
    """What storing one document did: `new`, `version` (a changed file), `unchanged` or `known`
    (the same body already stored from another path)."""

    status: str
    document_id: str
    previous: str | None = None


@dataclass
class _Batch:
    """The open transaction `put` writes in within `Store.batch()`."""

    conn: Connection
    documents: int
    seconds: float
    written: list[Document] = field(default_factory=list)  # put since the last commit
    opened: float = 0.0  # when the open transaction began


@dataclass(frozen=True)
class Hit:
    id: str
    path: str
    title: str | None
    language: str | None
    score: float
    snippet: str
    start: int


class Store:
    """A register of documents behind one SQLAlchemy engine.

    `create=False` (every reading command) refuses a SQLite file that does not exist, rather than
    answer from a new empty register; a URL of an unknown kind or without its driver is one clear
    error."""

    def __init__(self, url: str, create: bool = True):
        self.url = resolve_url(url)
        self.engine: Engine = _engine(self.url, create)
        self.dialect = self.engine.dialect.name
        self._batch: _Batch | None = None
        self._memo: OrderedDict[str, tuple[tuple[int, ...], Any, float]] = OrderedDict()  # version, value, when
        self._memo_lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        self._watch: sqlite3.Connection | None = None
        self._indexed_models: set[str] = set()  # models whose pgvector index this store has made sure of
        self._pgvector: bool | None = None
        database = make_url(self.url).database
        # The file whose change counters `version` reads (None: nothing is kept, see `version`).
        self._counted = database if self.dialect == "sqlite" and database not in (None, "", ":memory:") else None
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", partial(_sqlite_pragmas, wal=create))
        try:
            self.migrate(create)
        except exc.DBAPIError as error:
            raise CommuniqueError(f"cannot open the register at {self.url}: {error.orig}") from None

    def migrate(self, create: bool = True) -> None:
        """Bring the schema to the newest migration (Alembic is loaded only when one is due). Without
        `create`, a database that holds no register (an empty file, another program's tables) is
        refused rather than turned into one."""
        with self.engine.connect() as conn:
            version = _schema_version(conn)
            if version == _head_revision():
                return
            if version is None and not create:
                raise CommuniqueError(f"{self.url} holds no Communiqué register; create one with `communique ingest`")
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.files("communique.store") / "migrations"))
        with self.engine.connect() as conn:
            conn.begin()
            if self.dialect == "sqlite":
                # pysqlite runs DDL outside a transaction: take the write lock first, so that two
                # processes opening a new register migrate it once (the second waits, then finds it
                # done). A migration is rare and the other process may be writing a batch or the
                # register: wait longer for the lock than ordinary writes do.
                conn.exec_driver_sql(f"PRAGMA busy_timeout={MIGRATION_LOCK_WAIT_MS}")
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif self.dialect == "postgresql":  # DDL is transactional: the second process waits, then finds it done
                conn.execute(_PG_WRITE_LOCK, {"key": PG_MIGRATION_LOCK_KEY})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()

    # -- views of the whole store, kept until it changes -----------------------------------

    def version(self, scopes: tuple[str, ...] = MEMO_SCOPES) -> tuple[int, ...] | None:
        """Numbers that change whenever any connection (of this process or another) writes to those
        parts of the store: the counters triggers raise (migration 0010, `schema.store_versions`),
        read on a connection of this store's own that never writes. None where there are none
        (in-memory SQLite, other databases): then nothing is kept. On PostgreSQL, the `Snapshot` of
        a new transaction for every scope."""
        if self.dialect == "postgresql":
            with self.engine.connect() as conn:
                snapshot = Snapshot.parse(conn.execute(text("SELECT pg_current_snapshot()::text")).scalar_one())
            return tuple(snapshot for _ in scopes)
        if self._counted is None:
            return None
        with self._memo_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(self._counted, check_same_thread=False, isolation_level=None)
            counters = dict(self._watch.execute("SELECT scope, version FROM store_versions").fetchall())
        return tuple(counters.get(s, 0) for s in scopes)

    def memo(self, name: str, compute: Callable[[], T], scopes: tuple[str, ...] = MEMO_SCOPES,
             stale_seconds: float = 0.0) -> T:
        """`compute()`, kept under `name` until the parts of the store it reads (`scopes`: "documents",
        "register") change, see `version`: views of the whole store that pages ask for again and
        again (the grouped events, each document's date, a page's data). Callers share the value
        kept: they must not change it.

        `stale_seconds`: while another thread computes the new value, answer with the one kept if it
        was computed at most that long ago, rather than wait (a dashboard under a stream of writes
        would otherwise be computed again by every reader in turn)."""
        version = self.version(scopes)  # read before computing: a value is never older than its version
        if version is None:
            return compute()
        name = f"{name} @{','.join(scopes)}"
        with self._memo_lock:
            kept = self._memo.get(name)
            if kept is not None and _as_new(kept[0], version):
                self._memo.move_to_end(name)
                return kept[1]
            if len(self._computing) > 4 * MEMO_ENTRIES:  # forget the locks no one holds
                self._computing = {k: v for k, v in self._computing.items() if v.locked()}
            computing = self._computing.setdefault(name, threading.Lock())
        if kept is not None and stale_seconds > 0 and time.monotonic() - kept[2] <= stale_seconds:
            if not computing.acquire(blocking=False):
                return kept[1]  # another thread is computing the new value
        else:
            computing.acquire()  # threads that ask together wait for one computation
        try:
            kept = self._memo.get(name)
            if kept is not None and _as_new(kept[0], version):
                return kept[1]  # computed meanwhile by the thread this one waited for
            # Labelled with the counters as they are now, read before computing: the value then
            # answers every reader who came before it started, not only this one.
            version = self.version(scopes) or version
            started = time.monotonic()
            value = compute()
            with self._memo_lock:
                self._memo[name] = (version, value, started)
                while len(self._memo) > MEMO_ENTRIES:
                    self._memo.popitem(last=False)
        finally:
            computing.release()
        return value

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def batch(self, documents: int = BATCH_DOCUMENTS, seconds: float = BATCH_SECONDS) -> Iterator[None]:
        """Group commit: within the block, `put` writes documents in a shared transaction,
        committed every `documents` documents or `seconds` seconds and at the end.

        As without it, a document is stored whole or not at all and an error in `put` undoes that
        document only (the transaction is rolled back and the documents before it written again);
        a crash loses the documents since the last commit, which a re-run stores."""
        if self._batch is not None:  # nested: the outer block commits
            yield
            return
        with self.engine.connect() as conn:
            self._batch = _Batch(conn, documents, seconds)
            try:
                yield
            except BaseException:
                # An error outside `put` (an interrupt, a failing callback) keeps what was put; when
                # the database itself failed (a server gone), that error is the one reported.
                with suppress(exc.SQLAlchemyError):
                    self._commit_batch()
                raise
            else:
                self._commit_batch()
            finally:
                self._batch = None

    def _commit_batch(self) -> None:
        batch = self._batch
        if batch is None:
            return
        if batch.conn.in_transaction():
            batch.conn.commit()
        batch.written = []

    @contextmanager
    def writing(self, blocks: Iterable[str] | None = None) -> Iterator[Connection]:
        """A transaction that holds the write lock from its first statement (SQLite: BEGIN
        IMMEDIATE), so that what it reads is what its writes go to: two processes updating the
        register at once take turns instead of both writing from the same stale read.

        `blocks`: the register blocks (country pairs, "GB-VN") that all its writes belong to. On
        PostgreSQL it then waits only for writers of the same blocks (and for writers of no named
        blocks); SQLite has one writer at a time whatever they write."""
        keys = None if blocks is None else sorted({_block_key(b) for b in blocks})
        if keys is not None and len(keys) > MAX_BLOCK_LOCKS:
            keys = None  # the whole register's lock: one lock, not thousands in the server's lock table
        with self.engine.connect() as conn:
            conn.begin()
            if self.dialect == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif self.dialect == "postgresql" and keys is None:
                conn.execute(_PG_WRITE_LOCK, {"key": PG_WRITE_LOCK_KEY})
            elif self.dialect == "postgresql":
                conn.execute(_PG_SHARED_WRITE_LOCK, {"key": PG_WRITE_LOCK_KEY})
                for key in keys:  # one order for all: no deadlock
                    conn.execute(_PG_BLOCK_LOCK, {"class": PG_BLOCK_LOCK_CLASS, "block": key})
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def _transaction(self, doc: Document) -> Iterator[Connection]:
        """The transaction `doc` is written in: its own, or the batch's."""
        batch = self._batch
        if batch is None:
            with self.engine.begin() as conn:
                yield conn
            return
        conn = batch.conn
        if not conn.in_transaction():
            conn.begin()
            if self.dialect == "sqlite":
                # pysqlite would begin only at the first write; take the write lock now, so that
                # the reads of the batch see the state its writes go to.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            batch.opened = time.monotonic()
        if self.dialect == "postgresql":
            # Writers run side by side: a savepoint per document, so that one that meets another
            # writer's row (see `put`) is undone alone.
            with conn.begin_nested():
                yield conn
            self._written(doc)
            return
        # No savepoint per document: SQLite's FTS5 flushes its pending index at every savepoint,
        # which costs what the shared commit saves. A failing document undoes the transaction instead.
        try:
            yield conn
        except BaseException:
            conn.rollback()
            again, batch.written = batch.written, []
            self._batch = None  # each document again in its own transaction, as without a batch
            try:
                for earlier in again:
                    self.put(earlier)
            finally:
                self._batch = batch
            raise
        self._written(doc)

    def _written(self, doc: Document) -> None:
        """`doc` is in the batch's transaction: commit when the batch is full or old enough."""
        batch = self._batch
        assert batch is not None
        batch.written.append(doc)
        if len(batch.written) >= batch.documents or time.monotonic() - batch.opened >= batch.seconds:
            self._commit_batch()

    def put(self, doc: Document) -> Outcome:
        """Store `doc` unless its body is stored already; record the path it came from.

        On PostgreSQL several processes write at once: a document another one stored meanwhile
        (the same body, or a person found in both) breaks a unique key or deadlocks; the document
        is then undone and put again, and finds what the other stored."""
        for attempt in range(PUT_ATTEMPTS):
            try:
                return self._put(doc)
            except exc.DBAPIError as error:
                if attempt + 1 == PUT_ATTEMPTS or getattr(error.orig, "sqlstate", None) not in _RETRIED_SQLSTATES:
                    raise
        raise AssertionError("unreachable")

    def _put(self, doc: Document) -> Outcome:
        now = datetime.now(UTC)
        with self._transaction(doc) as conn:
            found = conn.execute(_BY_SHA, {"sha": doc.sha256}).first()
            if found:
                hit = conn.execute(_SOURCE, {"doc": found.id, "path": doc.path}).first()
                if hit:
                    conn.execute(_SEEN_AGAIN, {"source": hit.pk, "now": now})
                    return Outcome("unchanged", found.id)
                conn.execute(sources.insert(), {"document_id": found.id, "path": doc.path,
                                                "first_seen": now, "last_seen": now})
                return Outcome("known", found.id)
            previous = conn.execute(_CURRENT_VERSION, {"path": doc.path}).first()
            row = _row(doc, now)
            if previous:
                row["version"] = previous.version + 1
                row["supersedes"] = previous.id
                if row["duplicate_of"] == previous.id:  # a revision is never a near duplicate of itself
                    row["duplicate_of"] = None
            pk = conn.execute(documents.insert(), row).inserted_primary_key[0]
            if previous:
                conn.execute(_SUPERSEDE, {"old": previous.id, "new": doc.id})
                # Copies of the old version now point to the new one (the caller checks they still repeat it).
                conn.execute(_REPOINT_COPIES, {"old": previous.id, "new": doc.id})
            conn.execute(sources.insert(), {"document_id": doc.id, "path": doc.path,
                                            "first_seen": now, "last_seen": now})
            self._index(conn, pk, doc)
            if rows := passage_rows(pk, doc.body, ((p.start, p.end, p.kind) for p in doc.paragraphs)):
                conn.execute(passages.insert(), rows)
            self._insert_mentions(conn, doc)
            self._insert_facts(conn, doc)
        return Outcome("version" if previous else "new", doc.id, previous.id if previous else None)

    def replace_mentions(self, doc: Document) -> None:
        """Put `doc`'s mentions (and found entities) in place of the stored ones, in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(mentions.delete().where(mentions.c.document_id == doc.id))
            self._insert_mentions(conn, doc)
            conn.execute(_DOCUMENTS_CHANGED)

    def replace_facts(self, doc: Document) -> None:
        """Put `doc`'s facts in place of the stored ones, in one transaction."""
        with self.engine.begin() as conn:
            for kind in FACT_KINDS:
                table = fact_tables[kind]
                conn.execute(table.delete().where(table.c.document_id == doc.id))
            self._insert_facts(conn, doc)
            conn.execute(_DOCUMENTS_CHANGED)

    def _insert_facts(self, conn: Connection, doc: Document) -> None:
        for kind in FACT_KINDS:
            rows = [to_row(kind, record, doc.id) for record in doc.facts.get(kind, [])]
            if rows:
                conn.execute(fact_tables[kind].insert(), rows)

    def cached_vectors(self, model: str, keys: list[str]) -> dict[str, Any]:
        """Cached embeddings (numpy float32 vectors) of texts by their hash, for one model."""
        import numpy as np

        out: dict[str, Any] = {}
        with self.engine.connect() as conn:
            for piece in chunked(keys):
                rows = conn.execute(select(vectors.c.text_sha, vectors.c.vector).where(
                    vectors.c.model == model, vectors.c.text_sha.in_(piece)))
                out.update({r.text_sha: np.frombuffer(r.vector, dtype=np.float32) for r in rows})
        return out

    def vector_keys(self, model: str, keys: list[str], searchable: bool = False) -> set[str]:
        """Which of the text hashes `keys` have a cached vector for `model` (`searchable`: one the
        server can search, in pgvector's column; elsewhere the same as cached)."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for piece in chunked(keys):
                if searchable and self.pgvector:
                    out.update(conn.execute(pg_vectors.SEARCHABLE_KEYS, {"model": model, "keys": piece}).scalars())
                    continue
                out.update(conn.execute(select(vectors.c.text_sha).where(
                    vectors.c.model == model, vectors.c.text_sha.in_(piece))).scalars())
        return out

    def cache_vectors(self, model: str, items: list[tuple[str, Any]], searchable: bool = False) -> None:
        """Store embeddings by text hash (existing ones are kept). Under the write lock: another
        process embedding the same texts at the same time finds them stored instead of colliding.
        On PostgreSQL with pgvector, the vectors of `searchable` texts (passages) also as `vector`
        values, under the model's HNSW index (pg_vectors.INSERT)."""
        if self.dialect == "postgresql":  # no lock: a row another writer inserted first is kept
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            # in key order: two writers locking the same rows lock them in one order (no deadlock)
            items = sorted(items, key=lambda item: item[0])
            rows = [{"text_sha": k, "model": model, "vector": v.astype("float32").tobytes()} for k, v in items]
            if not rows:
                return
            with self.engine.begin() as conn:
                if searchable and self.pgvector:
                    for row, (_, v) in zip(rows, items, strict=True):
                        row["embedding"] = pg_vectors.literal(v)
                    conn.execute(pg_vectors.INSERT, rows)
                else:
                    conn.execute(pg_insert(vectors).on_conflict_do_nothing(), rows)
            if searchable and self.pgvector:
                self._vector_index(model, len(items[0][1]))
            return
        with self.writing() as conn:
            known = {r.text_sha for r in conn.execute(select(vectors.c.text_sha).where(
                vectors.c.model == model, vectors.c.text_sha.in_([k for k, _ in items])))}
            rows = [{"text_sha": k, "model": model, "vector": v.astype("float32").tobytes()}
                    for k, v in items if k not in known]
            if rows:
                conn.execute(vectors.insert(), rows)

    @property
    def pgvector(self) -> bool:
        """Whether vectors are also kept in pgvector (PostgreSQL with the extension: migration 0015)."""
        if self._pgvector is None:
            self._pgvector = False
            if self.dialect == "postgresql":
                with self.engine.connect() as conn:
                    self._pgvector = conn.execute(pg_vectors.HAS_COLUMN).first() is not None
        return self._pgvector

    def _vector_index(self, model: str, dimensions: int) -> None:
        """Make sure `model`'s HNSW index exists (once per store object)."""
        if model in self._indexed_models:
            return
        with self.engine.begin() as conn:
            conn.execute(_PG_WRITE_LOCK, {"key": PG_MIGRATION_LOCK_KEY})  # one process makes it, others wait
            pg_vectors.create_index(conn, model, dimensions)
        self._indexed_models.add(model)

    def nearest_passages(self, model: str, query: Any, limit: int, lang: str | None = None,
                         skip: tuple[str, ...] = ()) -> list[tuple[int, float]]:
        """(passage pk, cosine) of the passages of current, non-duplicate documents nearest to the
        `query` vector among `model`'s, best first, at most `limit` (pgvector only)."""
        params: dict[str, Any] = {"model": model, "q": pg_vectors.literal(query), "k": limit, "lang": lang}
        params.update({f"skip{i}": kind for i, kind in enumerate(skip)})
        self._vector_index(model, len(query))
        with self.engine.begin() as conn:
            conn.execute(text(f"SET LOCAL hnsw.ef_search = {max(pg_vectors.EF_SEARCH, min(limit, 1000))}"))
            sql = pg_vectors.nearest_sql(len(query), bool(lang), len(skip), exact=False)
            found = [(r.pk, float(r.score)) for r in conn.execute(text(sql), params)]
            if len(found) < limit:  # the index's candidates ran out under the filters: rank every row
                sql = pg_vectors.nearest_sql(len(query), bool(lang), len(skip), exact=True)
                found = [(r.pk, float(r.score)) for r in conn.execute(text(sql), params)]
        return found

    def signatures(self) -> Iterator[tuple[str, list[int]]]:
        """(id, MinHash values) of current documents, in ingestion order."""
        query = (select(documents.c.id, documents.c.signature)
                 .where(documents.c.superseded_by.is_(None), documents.c.signature.isnot(None))
                 .order_by(documents.c.pk))
        with self.engine.connect() as conn:
            yield from ((r.id, r.signature) for r in conn.execute(query))

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection that sees what is stored, the open batch included."""
        batch = self._batch
        if batch is not None and batch.conn.in_transaction():
            yield batch.conn
            return
        with self.engine.connect() as conn:
            yield conn

    def current_version(self, path: str) -> str | None:
        """The id of the current document stored from `path` (the one a changed file supersedes)."""
        with self._reading() as conn:
            row = conn.execute(_CURRENT_VERSION, {"path": path}).first()
        return row.id if row else None

    def copies_of(self, doc_id: str) -> list[tuple[str, list[int]]]:
        """(id, MinHash values) of the current documents marked as near duplicates of `doc_id`."""
        query = (select(documents.c.id, documents.c.signature)
                 .where(documents.c.duplicate_of == doc_id, documents.c.superseded_by.is_(None))
                 .order_by(documents.c.pk))
        with self._reading() as conn:
            return [(r.id, r.signature or []) for r in conn.execute(query)]

    def set_duplicate_of(self, doc_id: str, first_copy: str | None) -> None:
        """Mark `doc_id` a near duplicate of `first_copy` (None: of nothing)."""
        self._commit_batch()  # rare (a copy's first copy changes): the batch before it is kept whole
        with self.engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.id == doc_id).values(duplicate_of=first_copy))

    def version_links(self) -> dict[str, dict[str, Any]]:
        """Document id -> {version, supersedes, superseded_by}, for every stored version."""
        query = select(documents.c.id, documents.c.version, documents.c.supersedes, documents.c.superseded_by)
        with self.engine.connect() as conn:
            return {r.id: {"version": r.version, "supersedes": r.supersedes, "superseded_by": r.superseded_by}
                    for r in conn.execute(query)}

    def iter_superseded_facts(self, kind: str) -> Iterator[tuple[dict[str, Any], int, str]]:
        """(record, version, id of the version that superseded it) of the facts of one kind of the
        superseded versions that were not near duplicates, in document order."""
        table = fact_tables[kind]
        query = (select(table, documents.c.version, documents.c.superseded_by)
                 .join(documents, documents.c.id == table.c.document_id)
                 .where(documents.c.superseded_by.isnot(None), documents.c.duplicate_of.is_(None))
                 .order_by(documents.c.pk, table.c.pk))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield from_row(kind, row._mapping), row.version, row.superseded_by

    def iter_facts(self, kind: str) -> Iterator[dict[str, Any]]:
        """Facts of one kind from current documents that are not near duplicates, in document order."""
        table = fact_tables[kind]
        query = (select(table).join(documents, documents.c.id == table.c.document_id)
                 .where(documents.c.superseded_by.is_(None), documents.c.duplicate_of.is_(None))
                 .order_by(documents.c.pk, table.c.pk))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield from_row(kind, row._mapping)

    def published_dates(self) -> Iterator[tuple[str, str | None]]:
        """(id, publication date as stored: 'YYYY[-MM[-DD]]' or None) of current documents, without
        reading their texts."""
        query = (select(documents.c.id, documents.c.published).where(documents.c.superseded_by.is_(None))
                 .order_by(documents.c.pk))
        with self.engine.connect() as conn:
            yield from ((r.id, r.published) for r in conn.execute(query))

    def titles(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Document id -> its title (None when it has none), without reading the texts."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for piece in chunked(wanted):
                query = select(documents.c.id, documents.c.title).where(documents.c.id.in_(piece))
                out.update((r.id, r.title) for r in conn.execute(query))
        return out

    def paths_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Document id -> the path it was first read from, without reading the texts."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for piece in chunked(wanted):
                query = select(documents.c.id, documents.c.path).where(documents.c.id.in_(piece))
                out.update({r.id: r.path for r in conn.execute(query)})
        return out

    def facts_of(self, document_id: str, kind: str) -> list[dict[str, Any]]:
        """One document's facts of one kind, in extraction order."""
        return self.facts_of_documents([document_id], kind)[document_id]

    def facts_of_documents(self, document_ids: Iterable[str], kind: str) -> dict[str, list[dict[str, Any]]]:
        """`facts_of` for many documents in a few statements: id -> its facts (every id given)."""
        table = fact_tables[kind]
        wanted = sorted(set(document_ids))
        out: dict[str, list[dict[str, Any]]] = {doc: [] for doc in wanted}
        with self.engine.connect() as conn:
            for piece in chunked(wanted):
                for row in conn.execute(select(table).where(table.c.document_id.in_(piece)).order_by(table.c.pk)):
                    out[row.document_id].append(from_row(kind, row._mapping))
        return out

    def mentions_of_documents(self, document_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """`mentions(document_id=…)` for many documents in a few statements: id -> its mentions in
        text order (every id given)."""
        wanted = sorted(set(document_ids))
        out: dict[str, list[dict[str, Any]]] = {doc: [] for doc in wanted}
        with self.engine.connect() as conn:
            for piece in chunked(wanted):
                query = (select(mentions.c.document_id, mentions.c.entity_id, mentions.c.spans)
                         .join(documents, documents.c.id == mentions.c.document_id)
                         .where(documents.c.superseded_by.is_(None), mentions.c.document_id.in_(piece))
                         .order_by(mentions.c.pk))
                for row in conn.execute(query):
                    out[row.document_id] += _mention_records(row)
        for found in out.values():
            found.sort(key=lambda m: m["start"])
        return out

    def _insert_mentions(self, conn: Connection, doc: Document) -> None:
        by_entity: dict[str, list[list[Any]]] = {}
        for m in doc.mentions:
            by_entity.setdefault(m["entity"], []).append([m["start"], m["end"], m["text"], m.get("how", "name")])
        if by_entity:
            conn.execute(mentions.insert(), [{"document_id": doc.id, "entity_id": entity, "spans": spans}
                                             for entity, spans in by_entity.items()])
        for record in doc.facts.get("found_entities", []):
            self._merge_found(conn, record)

    def _merge_found(self, conn: Connection, record: dict[str, Any]) -> None:
        """Add a found entity, or merge its names and roles into the one stored."""
        row = conn.execute(select(found_entities.c.record).where(found_entities.c.id == record["id"])
                           .with_for_update()).first()  # PostgreSQL: no other writer merges it meanwhile
        if row is None:
            conn.execute(found_entities.insert(), {"id": record["id"], "type": record["type"],
                                                   "name": record["name"], "record": record})
            return
        merged = dict(row.record)
        for lang, forms in record.get("names", {}).items():
            merged.setdefault("names", {})[lang] = list(dict.fromkeys(merged["names"].get(lang, []) + forms))
        roles = merged.setdefault("roles", [])
        for role in record.get("roles", []):
            if not any(r["role"] == role["role"] and r.get("country") == role.get("country") for r in roles):
                roles.append(role)
        merged["country"] = merged.get("country") or record.get("country")
        # An instrument found first in Chinese or Vietnamese takes the English name a later document
        # gives it; aliases (acronyms) and parties are the union of the documents'.
        if not str(merged.get("name", "")).isascii() and str(record.get("name", "")).isascii():
            merged["name"] = record["name"]
        for key in ("aliases", "parties"):
            if record.get(key):
                merged[key] = sorted(set(merged.get(key) or ()) | set(record[key])) if key == "parties" \
                    else list(dict.fromkeys([*(merged.get(key) or ()), *record[key]]))
        merged["period"] = merged.get("period") or record.get("period")
        if merged["period"] is None:
            merged.pop("period")
        conn.execute(update(found_entities).where(found_entities.c.id == record["id"]).values(record=merged))

    def mentions(self, document_id: str | None = None, entity_id: str | None = None) -> list[dict[str, Any]]:
        """Mentions of current documents, by document or by entity, in document order."""
        query = (select(mentions.c.document_id, mentions.c.entity_id, mentions.c.spans)
                 .join(documents, documents.c.id == mentions.c.document_id)
                 .where(documents.c.superseded_by.is_(None)).order_by(documents.c.pk))
        if document_id:
            query = query.where(mentions.c.document_id == document_id)
        if entity_id:
            query = query.where(mentions.c.entity_id == entity_id)
        out = []
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                out += _mention_records(row)
        if document_id:
            out.sort(key=lambda m: m["start"])
        return out

    def mention_counts(self) -> dict[str, int]:
        """Entity id -> number of mentions in current documents."""
        query = (select(mentions.c.entity_id, mentions.c.spans)
                 .join(documents, documents.c.id == mentions.c.document_id)
                 .where(documents.c.superseded_by.is_(None)))
        counts: dict[str, int] = {}
        with self.engine.connect() as conn:
            for entity_id, spans in conn.execute(query):
                counts[entity_id] = counts.get(entity_id, 0) + len(spans)
        return counts

    def found_entities(self) -> dict[str, dict[str, Any]]:
        """Entities found in documents (not in the KB), by id, in the export's shape."""
        with self.engine.connect() as conn:
            return {r.id: r.record for r in conn.execute(select(found_entities.c.id, found_entities.c.record))}

    def _index(self, conn: Connection, pk: int, doc: Document) -> None:
        title = fold(doc.meta.title or "")
        if self.dialect == "postgresql":
            conn.execute(pg_search.INSERT, pg_search.row(pk, title, doc.folded))
            return
        if self.dialect != "sqlite":
            return
        row = {"pk": pk, "title": title, "body": doc.folded}
        conn.execute(text("INSERT INTO documents_fts(rowid, title, body) VALUES (:pk, :title, :body)"), row)
        conn.execute(text("INSERT INTO documents_words(rowid, title, body) VALUES (:pk, :title, :body)"),
                     {"pk": pk, "title": fulltext.word_index_text(title),
                      "body": fulltext.word_index_text(doc.folded)})

    # -- reading ---------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document:
        """The document whose id (or a unique prefix of it, at least 4 characters) is `doc_id`."""
        if len(doc_id) < 4:
            raise CommuniqueError(f"document id {doc_id!r} is too short: give at least 4 characters")
        with self.engine.connect() as conn:
            # A whole id is looked up in the index; a prefix (LIKE, which SQLite's index cannot serve
            # with ESCAPE) reads the table.
            rows = conn.execute(select(documents).where(documents.c.id == doc_id)).all()
            if not rows:
                prefix = documents.c.id.startswith(doc_id, autoescape=True)  # "%" and "_" are characters, not wildcards
                rows = conn.execute(select(documents).where(prefix).limit(2)).all()
        if not rows:
            raise NotFound(f"no document with id {doc_id!r}")
        if len(rows) > 1:
            raise CommuniqueError(f"document id {doc_id!r} is ambiguous: give more characters")
        return _document(rows[0])

    def record(self, doc_id: str) -> dict[str, Any]:
        """The stored row of a document (version links, sources) as a dict."""
        doc = self.get(doc_id)
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc.id)).one()._asdict()
            row["sources"] = [r.path for r in conn.execute(
                select(sources.c.path).where(sources.c.document_id == doc.id).order_by(sources.c.pk))]
        return row

    def iter_documents(self, current_only: bool = True) -> Iterator[Document]:
        """Stored documents in ingestion order, streamed; only current versions unless asked."""
        query = select(documents).order_by(documents.c.pk)
        if current_only:
            query = query.where(documents.c.superseded_by.is_(None))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=200).execute(query):
                yield _document(row)

    def passages_after(self, pk: int) -> Iterator[Any]:
        """Passages stored after passage `pk` (`schema.passages`), in order, each with its document's
        pk, id, path, title and language (which never change for a stored document)."""
        query = (select(passages.c.pk, passages.c.document_pk, passages.c.start, passages.c.end,
                        passages.c.paragraph, passages.c.kind, passages.c.text_sha, documents.c.id,
                        documents.c.path, documents.c.title, documents.c.language)
                 .join(documents, documents.c.pk == passages.c.document_pk)
                 .where(passages.c.pk > pk).order_by(passages.c.pk))
        with self._reading() as conn:
            yield from conn.execution_options(yield_per=5000).execute(query)

    def searchable_document_pks(self) -> list[int]:
        """The pks of current documents that are not near duplicates: those search by meaning ranks."""
        query = select(documents.c.pk).where(documents.c.superseded_by.is_(None), documents.c.duplicate_of.is_(None))
        with self._reading() as conn:
            return list(conn.execute(query).scalars())

    def bodies(self, ids: Iterable[str]) -> dict[str, str]:
        """The bodies of the documents `ids`, by id."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        with self._reading() as conn:
            for piece in chunked(ids):
                out.update((r.id, r.body) for r in conn.execute(
                    select(documents.c.id, documents.c.body).where(documents.c.id.in_(piece))))
        return out

    def document_rows(self, language: str | None = None, since: str | None = None, until: str | None = None,
                      current_only: bool = True) -> list[dict[str, Any]]:
        """Documents without their text (id, path, title, language, published, source, version…),
        newest publication first; `since`/`until` compare the publication date as a prefix-sortable
        string (YYYY, YYYY-MM or YYYY-MM-DD)."""
        columns = [documents.c[name] for name in ("id", "path", "format", "language", "title", "published", "url",
                                                  "author", "source", "version", "supersedes", "superseded_by",
                                                  "duplicate_of", "ingested_at")]
        query = select(*columns)
        if current_only:
            query = query.where(documents.c.superseded_by.is_(None))
        if language:
            query = query.where(documents.c.language == language)
        if since:
            query = query.where(documents.c.published >= since)
        if until:
            query = query.where(documents.c.published <= until + "\uffff")
        query = query.order_by(documents.c.published.desc().nulls_last(), documents.c.pk.desc())
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def stats(self) -> dict[str, Any]:
        """Counts of documents (current and all versions), sources, and per language."""
        with self.engine.connect() as conn:
            current = documents.c.superseded_by.is_(None)
            by_language = conn.execute(
                select(documents.c.language, func.count()).where(current).group_by(documents.c.language)
                .order_by(func.count().desc())
            ).all()
            by_format = conn.execute(
                select(documents.c.format, func.count()).where(current).group_by(documents.c.format)
                .order_by(func.count().desc())
            ).all()
            return {
                "documents": conn.scalar(select(func.count()).select_from(documents).where(current)),
                "versions": conn.scalar(select(func.count()).select_from(documents)),
                "sources": conn.scalar(select(func.count(sources.c.path.distinct()))),
                "languages": {lang or "unknown": n for lang, n in by_language},
                "formats": dict(by_format),
                "dated": conn.scalar(
                    select(func.count()).select_from(documents).where(current, documents.c.published.isnot(None))),
            }

    def search(self, query_text: str, lang: str | None = None, limit: int = 20) -> list[Hit]:
        """Documents matching the query (see `fulltext`), best first, with a highlighted snippet."""
        query = fulltext.parse_query(query_text)
        if not query.groups:
            return []
        postgresql = self.dialect == "postgresql"
        if not postgresql and self.dialect != "sqlite":
            raise CommuniqueError(f"full-text search is not available on {self.dialect}")
        sql = pg_search.build_sql(query) if postgresql else fulltext.build_sql(query)
        if lang:
            sql.where.append(f"d.language = {sql.param(lang)}")
        statement = text(pg_search.statement(sql) if postgresql else sql.statement())
        # Read past `limit`: the phrase bonus can reorder the best few, and terms typed with
        # diacritics drop rows the folded index found.
        page = max(limit * 3, limit + 10)
        hits: list[Hit] = []
        phrases: set[int] = set()  # hits where the whole query occurs
        with self.engine.connect() as conn:
            offset = 0
            while True:
                rows = conn.execute(statement, {**sql.params, "limit": page, "offset": offset}).all()
                for row in rows:
                    body = fulltext.Forms(row.body)  # each form once per row, shared by the checks
                    title = fulltext.Forms(row.title or "")
                    if not query.matches(title, body) or (postgresql and not query.verify(title, body)):
                        continue
                    snippet = fulltext.make_snippet(body, query)
                    if query.phrase_occurs(body):
                        phrases.add(len(hits))
                    hits.append(Hit(row.id, row.path, row.title, row.language, -float(row.rank), snippet.text,
                                    snippet.start))
                offset += page
                if len(rows) < page or len(hits) >= page:
                    break
        bonus = fulltext.PHRASE_BONUS_SHARE * max((h.score for h in hits), default=0.0)
        hits = [replace(h, score=round(h.score + (bonus if i in phrases else 0.0), 4)) for i, h in enumerate(hits)]
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]


# The key of `Document.capped` in the stored meta (a name no reader gives its own fields).
CAPPED_KEY = "communique:capped"


def _row(doc: Document, now: datetime) -> dict[str, Any]:
    meta = doc.meta
    return {
        "id": doc.id,
        "sha256": doc.sha256,
        "path": doc.path,
        "format": doc.format,
        "encoding": doc.encoding,
        "language": doc.language,
        "title": meta.title,
        "published": meta.published.iso() if meta.published else None,
        "url": meta.url,
        "author": meta.author,
        "source": meta.source,
        "photo_credits": list(meta.photo_credits),
        "meta": meta.extra | ({CAPPED_KEY: doc.capped} if doc.capped else {}),
        "raw": doc.raw,
        "body": doc.body,
        "removed": [[s.start, s.end, s.kind] for s in doc.removed],
        "segments": [list(s) for s in doc.segments],
        "paragraphs": [[p.start, p.end, p.kind, p.language] for p in doc.paragraphs],
        "version": 1,
        "ingested_at": now,
        "signature": doc.signature or None,
        "duplicate_of": doc.duplicate_of,
    }


def _document(row: Any) -> Document:
    doc = Document(path=row.path, raw=row.raw, format=row.format, encoding=row.encoding)
    doc.body = row.body
    doc.language = row.language
    doc.duplicate_of = row.duplicate_of
    doc.removed = [Span(s, e, k) for s, e, k in row.removed]
    doc.segments = [(a, b, c) for a, b, c in row.segments]
    doc.paragraphs = [Span(s, e, k, lang) for s, e, k, lang in row.paragraphs]
    doc.meta = Metadata(
        title=row.title,
        published=DateValue.parse(row.published),
        url=row.url,
        author=row.author,
        source=row.source,
        photo_credits=list(row.photo_credits or []),
        extra=dict(row.meta or {}),
    )
    doc.capped = doc.meta.extra.pop(CAPPED_KEY, {})
    return doc


def _mention_records(row: Any) -> list[dict[str, Any]]:
    """A stored mentions row (one entity in one document, its spans) as one record per span."""
    return [{"document_id": row.document_id, "entity_id": row.entity_id, "start": start, "end": end,
             "text": text_, "how": how} for start, end, text_, how in row.spans]
