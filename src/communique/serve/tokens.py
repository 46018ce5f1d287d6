"""API tokens: created by `communique token create`, stored as a SHA-256 of their secret,
compared in constant time, revocable. A token reads "cq_<id>_<secret>"; the id finds its row,
the secret proves it."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from communique.errors import CommuniqueError, NotFound
from communique.store import Store
from communique.store.schema import tokens

SCOPES = ("read", "write", "admin")  # each one allows what the ones before it do
NAME = re.compile(r"^[\w.@-]{1,64}$")
TOKEN = re.compile(r"^cq_([0-9a-f]{12})_([A-Za-z0-9_-]{20,64})$")


class Unauthorised(CommuniqueError):
    """No credentials, or credentials that prove nothing (HTTP 401)."""


class Forbidden(CommuniqueError):
    """Credentials whose scope does not allow the request (HTTP 403)."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(store: Store, name: str, scope: str) -> dict[str, Any]:
    """A new token; the returned `token` is shown once and never stored."""
    if not NAME.match(name):
        raise CommuniqueError(f"NAME {name!r}: give 1–64 letters, digits, '.', '_', '-' or '@'")
    if scope not in SCOPES:
        raise CommuniqueError(f"--scope {scope!r}: choose one of {', '.join(SCOPES)}")
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    row = {"id": token_id, "name": name, "scope": scope, "secret_sha256": _digest(secret),
           "created_at": datetime.now(UTC)}
    with store.writing() as conn:
        conn.execute(insert(tokens).values(**row))
    return {"id": token_id, "name": name, "scope": scope, "token": f"cq_{token_id}_{secret}"}


def listing(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(tokens.c.id, tokens.c.name, tokens.c.scope, tokens.c.created_at,
                                   tokens.c.revoked_at).order_by(tokens.c.created_at))
        return [dict(r._mapping) for r in rows]


def revoke(store: Store, token_id: str) -> dict[str, Any]:
    with store.writing() as conn:
        row = conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound(f"no token {token_id!r} (`communique token list` shows them)")
        if row.revoked_at is None:
            conn.execute(update(tokens).where(tokens.c.id == token_id).values(revoked_at=datetime.now(UTC)))
    return {"id": token_id, "name": row.name, "revoked": True}


def verify(store: Store, presented: str) -> dict[str, Any]:
    """The token's row (id, name, scope) if `presented` is a live token; Unauthorised otherwise,
    with the same message whichever part was wrong."""
    refused = Unauthorised("the token is not valid (unknown, mistyped or revoked)")
    match = TOKEN.match(presented.strip())
    if match is None:
        raise refused
    token_id, secret = match.groups()
    with store.engine.connect() as conn:
        row = conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
    # Compare a digest even for an unknown id, so that timing tells nothing about which ids exist.
    expected = row.secret_sha256 if row is not None else _digest("")
    if not hmac.compare_digest(_digest(secret), expected) or row is None or row.revoked_at is not None:
        raise refused
    return {"id": row.id, "name": row.name, "scope": row.scope}


def allows(scope: str, needed: str) -> bool:
    return SCOPES.index(scope) >= SCOPES.index(needed)


def live(store: Store, token_id: str) -> dict[str, Any] | None:
    """The row of a token that exists and is not revoked (for a signed-in session), else None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
    if row is None or row.revoked_at is not None:
        return None
    return {"id": row.id, "name": row.name, "scope": row.scope}
