"""The ingest stage: files in, `Document`s out (raw text decoded and NFC-normalised).

`iter_paths` lists the files to read; `read_path` reads one file into Documents, yielding a
`RejectedInput` instead for a file (or JSONL line) that cannot be read, so a batch goes on.
The readers (PDF, DOCX, HTML) load on first use, so that importing this package stays cheap.
"""

from __future__ import annotations

from typing import Any

from communique.ingest.limits import DEFAULT_MAX_BYTES
from communique.ingest.paths import iter_paths

__all__ = ["DEFAULT_MAX_BYTES", "decode_bytes", "iter_paths", "read_path"]


def __getattr__(name: str) -> Any:
    if name == "read_path":
        from communique.ingest.readers import read_path

        return read_path
    if name == "decode_bytes":
        from communique.ingest.decoding import decode_bytes

        return decode_bytes
    raise AttributeError(name)
