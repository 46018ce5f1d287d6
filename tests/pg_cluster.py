"""A throw-away PostgreSQL cluster for the tests and benchmarks: `initdb` in a temporary folder,
a server on a free loopback port, stopped (and the folder removed) at the end.

The server binaries: Debian's (`/usr/lib/postgresql/N/bin`, package postgresql-N) when that
version has pgvector installed (postgresql-N-pgvector); else the build the `pgserver` wheel
ships (PostgreSQL 16 with pgvector), which the test extra installs — Debian 12 packages no
pgvector. `COMMUNIQUE_PG_BIN` names another folder of binaries.

PostgreSQL refuses to run as root: as root, the server runs as an unprivileged user
(`PG_USER`, created when missing), owner of the temporary folder.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

PG_USER = "communique-pg"  # the unprivileged user the server runs as when the tests run as root
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
ENV_BIN = "COMMUNIQUE_PG_BIN"
# Settings of a server whose data is thrown away: no fsync (a killed server's WAL is still in the
# page cache, so immediate-shutdown tests stay honest; synchronous_commit stays on, since without
# it a commit the client saw can be lost with the server), small memory, many connections.
SERVER_SETTINGS = {
    "fsync": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "128MB",
    "listen_addresses": "127.0.0.1",
}


def _has_pgvector(bin_dir: Path) -> bool:
    try:
        share = subprocess.run([str(bin_dir / "pg_config"), "--sharedir"], capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return False
    return (Path(share) / "extension" / "vector.control").exists()


def find_binaries() -> Path:
    """The folder of initdb, pg_ctl and postgres to use (see the module's docstring)."""
    if os.environ.get(ENV_BIN):
        return Path(os.environ[ENV_BIN])
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if _has_pgvector(Path(folder)):
            return Path(folder)
    spec = importlib.util.find_spec("pgserver")  # the test extra's server build (PostgreSQL 16 + pgvector)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("no PostgreSQL server with pgvector: install the test extra (pgserver) "
                           f"or postgresql-N-pgvector, or set {ENV_BIN}")
    folder = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
    for tool in folder.iterdir():  # a wheel may lose the executable bits
        tool.chmod(tool.stat().st_mode | 0o111)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> str | None:
    """The user the server runs as: None (this one) unless this is root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
                       check=True, capture_output=True)
    return PG_USER


class Cluster:
    """One throw-away server. `url(name)` is a SQLAlchemy URL of a database on it."""

    def __init__(self, folder: str | None = None):
        self.bin = find_binaries()
        self.folder = Path(folder or tempfile.mkdtemp(prefix="communique-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = _server_user()
        self.running = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check)

    def init(self) -> Cluster:
        if self.user:
            shutil.chown(self.folder, self.user)
        self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            for key, value in SERVER_SETTINGS.items():
                conf.write(f"{key} = '{value}'\n")
            conf.write(f"unix_socket_directories = '{self.folder}'\n")
        return self

    def start(self) -> Cluster:
        result = self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.folder / "server.log", "-w",
                           "-t", str(START_TIMEOUT), "-o", f"-p {self.port}", "start", check=False)
        if result.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr.strip()}\n{log}")
        self.running = True
        return self

    def stop(self, mode: str = "fast") -> None:
        """`mode` "immediate" kills the server without a checkpoint (as a crash would)."""
        if self.running:
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)
            self.running = False

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname={database}",
                             autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`), by name."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    cluster = Cluster().init()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


def wait_until_accepting(cluster: Cluster, seconds: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres").close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
