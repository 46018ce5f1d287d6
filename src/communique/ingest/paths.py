"""Which files to read: the given files, and directories walked recursively."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the files to read from `paths`: files as given, directories walked recursively.

    Directory entries come in sorted order (by name, files and subdirectories interleaved);
    hidden entries (name starting with '.', e.g. `.git`) are skipped; symlinked directories are
    followed once. Paths that do not exist, and directories that cannot be listed, are yielded
    as they are so that `read_path` reports them.
    """
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from _walk(path, set())
        else:
            yield path


def _walk(directory: Path, seen: set[str]) -> Iterator[Path]:
    real = os.path.realpath(directory)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        yield directory
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path), seen)
        else:
            yield Path(entry.path)
