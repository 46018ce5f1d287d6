"""Uploads: files saved under the upload folder (one sub-folder per job, names made safe), then
ingested in the background by one worker thread, a job row recording each file's outcome as it
goes. Jobs a stopped server left unfinished are taken up again when it starts (ingest is
idempotent: a file stored already is `unchanged`)."""

from __future__ import annotations

import queue
import re
import secrets
import tempfile
import threading
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import insert, select, update

from communique import api
from communique.errors import CommuniqueError, NotFound, RejectedInput
from communique.model import Document
from communique.serve.access import needs
from communique.serve.api_routes import strict_query
from communique.serve.errors import TooLarge
from communique.serve.listing import jsonable
from communique.serve.settings import MAX_UPLOAD_FILES, UPLOAD_SUFFIXES, Settings
from communique.store import Store
from communique.store.schema import jobs

CHUNK = 1 << 16
UNSAFE = re.compile(r"[^\w.\-]+")


def upload_folder(settings: Settings) -> Path:
    if settings.upload_dir is not None:
        return settings.upload_dir
    from sqlalchemy import make_url

    url = make_url(settings.db) if "://" in settings.db else None
    if url is not None and url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).resolve().parent / "uploads"
    return Path(tempfile.gettempdir()) / "communique-uploads"


def safe_name(name: str | None, index: int) -> str:
    """A file name that stays inside its folder: the last path part, letters, digits, '.', '_' and
    '-' only, no leading dot, at most 100 characters; `upload-N` when nothing is left."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = UNSAFE.sub("_", base).lstrip("._")[-100:]
    return cleaned or f"upload-{index}"


class Runner:
    """One background thread ingesting the queued jobs in order."""

    def __init__(self, store: Store, folder: Path, kb_dir: Path | None = None):
        self.store = store
        self.folder = folder
        self.kb_dir = kb_dir
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._live: dict[str, list[dict[str, Any]]] = {}
        self._thread: threading.Thread | None = None
        self.start()
        with store.engine.connect() as conn:
            for row in conn.execute(select(jobs.c.id).where(jobs.c.state.in_(("queued", "running")))
                                    .order_by(jobs.c.created_at)):
                self._queue.put(row.id)

    def start(self) -> None:
        """Start the worker thread unless it runs (a server stopped and started again in one process)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="communique-uploads", daemon=True)
            self._thread.start()

    def submit(self, author: str, files: list[dict[str, Any]]) -> dict[str, Any]:
        job_id = files[0]["job"] if files else secrets.token_hex(8)
        row = {"id": job_id, "author": author, "state": "queued",
               "files": [{k: v for k, v in f.items() if k != "job"} for f in files],
               "done": sum(1 for f in files if f.get("outcome") == "rejected"), "created_at": datetime.now(UTC)}
        with self.store.writing() as conn:
            conn.execute(insert(jobs).values(**row))
        self._queue.put(job_id)
        self.start()
        return row

    def submit_relink(self, author: str) -> dict[str, Any]:
        """A job that links every stored document again with the KB and its local entries."""
        row = {"id": secrets.token_hex(8), "author": author, "state": "queued", "files": [], "done": 0,
               "created_at": datetime.now(UTC)}
        with self.store.writing() as conn:
            conn.execute(insert(jobs).values(**row))
        self._queue.put(row["id"])
        self.start()
        return row

    def kb(self) -> list[Path]:
        from communique.serve.kb_entries import local_files

        return local_files(self.kb_dir) if self.kb_dir is not None else []

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=30)

    def wait(self, timeout: float = 120) -> None:
        """Block until every queued job is finished (tests and the soak benchmark)."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True).start()
        done.wait(timeout)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                if job_id is None:
                    return
                self._run(job_id)
            except Exception as error:  # noqa: BLE001 - a failed job is recorded, the worker goes on
                self._finish(job_id, "failed", f"{type(error).__name__}: {error}")
            finally:
                self._queue.task_done()

    def _run(self, job_id: str) -> None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
        if row is None or row.state in ("done", "failed"):
            return
        files = [dict(f) for f in row.files]
        if not files:  # a relink after a KB entry was added
            self._update(job_id, state="running")
            api.relink(db=self.store, kb=self.kb())
            self._finish(job_id, "done", None)
            return
        by_path = {str((self.folder / job_id / f["name"]).resolve()): f
                   for f in files if f.get("outcome") != "rejected"}
        self._update(job_id, state="running")

        # The ingest holds its write transaction (group commit) while it runs: progress is kept in
        # memory, where job_record reads it, and written when the run is over.
        self._live[job_id] = files

        def on_file(path: Path, items: list[Document | RejectedInput]) -> None:
            entry = by_path.get(str(Path(path).resolve()))
            if entry is None:
                return
            rejected = [i for i in items if isinstance(i, RejectedInput)]
            entry["documents"] = [i.id for i in items if isinstance(i, Document)]
            entry["outcome"] = "rejected" if rejected and not entry["documents"] else "stored"
            if rejected:
                entry["reason"] = "; ".join(r.reason for r in rejected)

        try:
            if by_path:
                api.ingest(list(by_path), db=self.store, on_file=on_file, kb=self.kb())
            for entry in files:
                entry.setdefault("outcome", "rejected")
                entry.setdefault("reason", "not read")
            self._update(job_id, files=files, done=len(files))
        finally:
            self._live.pop(job_id, None)
        self._finish(job_id, "done", None)

    def live(self, job_id: str) -> list[dict[str, Any]] | None:
        """The files of a running job with the outcomes known so far."""
        found = self._live.get(job_id)
        return [dict(f) for f in found] if found is not None else None

    def _update(self, job_id: str, **values: Any) -> None:
        with self.store.writing() as conn:
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))

    def _finish(self, job_id: str | None, state: str, error: str | None) -> None:
        if job_id is not None:
            self._update(job_id, state=state, error=error, finished_at=datetime.now(UTC))


def job_record(store: Store, job_id: str, live: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A job's row; `live`, the files of a running job as the worker sees them, wins over the row."""
    with store.engine.connect() as conn:
        row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
    if row is None:
        raise NotFound(f"no upload job {job_id!r}")
    out = dict(row._mapping)
    if live is not None and out["state"] == "running":
        out["files"], out["done"] = live, sum(1 for f in live if f.get("outcome"))
    out["total"] = len(out["files"])
    return out


async def save_uploads(request: Request, files: list[UploadFile]) -> list[dict[str, Any]]:
    """Each file written under the job's folder, refused (with its reason, the others kept) when its
    type is not one the readers take or it is over the size limit."""
    settings: Settings = request.app.state.settings
    if not files:
        raise CommuniqueError("files: give at least one file")
    if len(files) > MAX_UPLOAD_FILES:
        raise TooLarge(f"files: at most {MAX_UPLOAD_FILES} files in one upload, not {len(files)}")
    job_id = secrets.token_hex(8)
    folder = (upload_folder(settings) / job_id).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    saved, names = [], set()
    for index, upload in enumerate(files, 1):
        name = safe_name(upload.filename, index)
        while name in names:
            name = f"{index}-{name}"
        names.add(name)
        entry: dict[str, Any] = {"job": job_id, "name": name, "original": (upload.filename or "")[:200]}
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            entry |= {"outcome": "rejected", "reason": "not a kind of file Communiqué reads "
                      f"({', '.join(UPLOAD_SUFFIXES)})", "size": upload.size}
            saved.append(entry)
            continue
        target = (folder / name).resolve()
        if target.parent != folder:  # safe_name makes this impossible; checked all the same
            raise CommuniqueError(f"files: {upload.filename!r} is not a plain file name")
        size = 0
        with target.open("wb") as out:
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > settings.max_upload_bytes:
                    break
                out.write(chunk)
        if size > settings.max_upload_bytes:
            target.unlink()
            entry |= {"outcome": "rejected", "reason": f"over the upload limit of {settings.max_upload_bytes:,} bytes"}
        entry["size"] = size
        saved.append(entry)
    return saved


router = APIRouter(prefix="/api/v1", dependencies=[Depends(strict_query)])


@router.post("/uploads", status_code=202)
async def upload(request: Request, files: list[UploadFile],
                 who: Annotated[dict[str, Any], Depends(needs("write"))]) -> Any:
    saved = await save_uploads(request, files)
    job = request.app.state.jobs.submit(who["name"], saved)
    link = str(request.base_url).rstrip("/") + f"/api/v1/jobs/{job['id']}"
    return JSONResponse(jsonable(job | {"url": link, "total": len(saved)}), status_code=202,
                        headers={"Location": link})


@router.get("/jobs/{job_id}", dependencies=[Depends(needs("read"))])
def job(request: Request, job_id: str) -> Any:
    if not re.fullmatch(r"[0-9a-f]{16}", job_id):
        raise NotFound(f"no upload job {job_id!r}")
    found = job_record(request.app.state.store, job_id, request.app.state.jobs.live(job_id))
    return jsonable(found | {"url": str(request.url)})
