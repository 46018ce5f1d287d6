"""Limits of what ingest reads (a light module: the CLI shows them without loading the readers)."""

# Files larger than this many bytes are refused before they are read.
DEFAULT_MAX_BYTES = 20_000_000
