"""Errors that name the input and the reason, printed as one line by the CLI."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class for errors the CLI reports without a traceback."""


class RejectedInput(CommuniqueError):
    """A file (or one record of a file) that cannot be read; the batch goes on."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rejections travel back from worker processes.
        return (type(self), (self.path, self.reason))


class NotFound(CommuniqueError):
    """An id or name that names nothing in the register (HTTP 404)."""


class Conflict(CommuniqueError):
    """A write that lost a race with another one, or repeats one already made (HTTP 409)."""
