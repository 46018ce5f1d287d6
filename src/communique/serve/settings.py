"""Settings of the web application, read once from the environment (or given by the caller)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from communique.errors import CommuniqueError

READ_ACCESS = ("open", "token")

# Uploads: one file at most this large, and only the formats the readers take.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_FILES = 50
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".md", ".pdf", ".docx")

# Writes and sign-ins a client may make per minute (token bucket; a burst of the same size).
WRITES_PER_MINUTE = 120
SIGN_INS_PER_MINUTE = 10

SESSION_HOURS = 12

# A view over the whole register (the dashboard, a partnership page, commitment listings) may be
# answered this many seconds old while a newer one is computed: under a stream of writes, readers
# do not all wait for it in turn. A commitment's own page is always current.
STALE_SECONDS = 10.0


@dataclass(frozen=True)
class Settings:
    db: str
    reads: str = "open"  # open: anyone may read; token: reads need a token (or a session) too
    upload_dir: Path | None = None  # default: "uploads" beside a SQLite register, else a temporary folder
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    writes_per_minute: int = WRITES_PER_MINUTE
    sign_ins_per_minute: int = SIGN_INS_PER_MINUTE
    secure_cookies: bool = False  # set behind HTTPS
    kb_dir: Path | None = None  # KB entries added over the API; default "kb.local" beside the uploads

    def __post_init__(self) -> None:
        if self.reads not in READ_ACCESS:
            raise CommuniqueError(f"COMMUNIQUE_READS={self.reads!r}: choose one of {', '.join(READ_ACCESS)}")
        if self.max_upload_bytes <= 0 or self.writes_per_minute <= 0 or self.sign_ins_per_minute <= 0:
            raise CommuniqueError("upload size and rate limits must be positive")


def from_environment(db: str, **overrides: object) -> Settings:
    """Settings from COMMUNIQUE_READS, COMMUNIQUE_SECRET (sessions survive a restart only with
    it), COMMUNIQUE_UPLOAD_DIR, COMMUNIQUE_MAX_UPLOAD_BYTES and COMMUNIQUE_SECURE_COOKIES; the
    caller's values win."""
    values: dict[str, object] = {"db": db}
    if reads := os.environ.get("COMMUNIQUE_READS"):
        values["reads"] = reads
    if secret := os.environ.get("COMMUNIQUE_SECRET"):
        values["secret"] = secret
    if kb_dir := os.environ.get("COMMUNIQUE_KB_DIR"):
        values["kb_dir"] = Path(kb_dir)
    if folder := os.environ.get("COMMUNIQUE_UPLOAD_DIR"):
        values["upload_dir"] = Path(folder)
    if size := os.environ.get("COMMUNIQUE_MAX_UPLOAD_BYTES"):
        if not size.isdigit():
            raise CommuniqueError(f"COMMUNIQUE_MAX_UPLOAD_BYTES={size!r}: give a number of bytes")
        values["max_upload_bytes"] = int(size)
    if (secure := os.environ.get("COMMUNIQUE_SECURE_COOKIES")) is not None:
        if secure not in ("0", "1"):
            raise CommuniqueError(f"COMMUNIQUE_SECURE_COOKIES={secure!r}: give 0 or 1")
        values["secure_cookies"] = secure == "1"
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
