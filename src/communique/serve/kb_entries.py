"""KB entries added over the API by an admin: validated against the KB schema and the packaged KB,
kept in one YAML file per kind in the server's KB folder (`kb.local/` beside a SQLite register, or
$COMMUNIQUE_KB_DIR), used by every later ingest and applied to the stored documents by a relink job."""

from __future__ import annotations

import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from communique.kb.loader import KBError, check_references, packaged_files, read_file
from communique.serve.access import needs
from communique.serve.api_routes import strict_query
from communique.serve.listing import jsonable

KINDS = ("person", "organization", "place", "instrument", "mechanism")
_lock = threading.Lock()
router = APIRouter(prefix="/api/v1", dependencies=[Depends(strict_query)])


def folder_of(settings: Any) -> Path:
    if settings.kb_dir is not None:
        return Path(settings.kb_dir)
    from communique.serve.jobs import upload_folder

    return upload_folder(settings).parent / "kb.local"


def local_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def add(folder: Path, kind: str, record: dict[str, Any], author: str) -> dict[str, Any]:
    """Add (or replace, by id) one record in the folder's file of `kind`; KBError when the file
    would not validate or would name an unknown country, role or parent."""
    path = folder / f"{kind}.yaml"
    with _lock:
        data = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {
            "kind": kind, "description": "Entries added through the Communiqué API.",
            "sources": ["added by analysts through the Communiqué API"], "records": []}
        records = [r for r in data["records"] if r.get("id") != record.get("id")]
        replaced = len(records) != len(data["records"])
        data["records"] = [*records, record]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        checked = read_file(f"kb.local/{kind}.yaml", text) | {"_path": f"kb.local/{kind}.yaml"}
        others = [read_file(p) | {"_path": str(p)} for p in local_files(folder) if p != path]
        check_references([read_file(n, t) | {"_path": n} for n, t in packaged_files()] + others + [checked])
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as out:
            when = f"{datetime.now(UTC):%Y-%m-%dT%H:%MZ}"
            out.write(f"# {kind} entries added through the API; last by {author} at {when}\n")
            out.write(text)
        os.replace(out.name, path)  # readers see the old file or the new one, never half of one
    return {"kind": kind, "id": record["id"], "replaced": replaced, "file": path.name}


class EntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["person", "organization", "place", "instrument", "mechanism"]
    record: dict[str, Any] = Field(description="One record as the KB schema (kb/schema/kb.schema.json) describes it.")


@router.post("/kb/entries", status_code=201, summary="Add a KB entry (admin); stored documents are relinked")
def add_entry(request: Request, body: Annotated[EntryIn, Body()],
              who: Annotated[dict[str, Any], Depends(needs("admin"))]) -> Any:
    if len(yaml.safe_dump(body.record)) > 20_000:
        raise KBError("record: at most 20,000 characters")
    made = add(folder_of(request.app.state.settings), body.kind, body.record, who["name"])
    job = request.app.state.jobs.submit_relink(who["name"])
    link = str(request.base_url).rstrip("/") + f"/api/v1/jobs/{job['id']}"
    return JSONResponse(jsonable(made | {"relink_job": link}), status_code=201)
