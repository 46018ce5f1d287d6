"""The ingest stage: files in, `Document`s out (raw text decoded and NFC-normalised).

`iter_paths` lists the files to read; `read_path` reads one file into Documents, yielding a
`RejectedInput` instead for a file (or JSONL line) that cannot be read, so a batch goes on.
"""

from communique.ingest.decoding import decode_bytes
from communique.ingest.paths import iter_paths
from communique.ingest.readers import DEFAULT_MAX_BYTES, read_path

__all__ = ["DEFAULT_MAX_BYTES", "decode_bytes", "iter_paths", "read_path"]
