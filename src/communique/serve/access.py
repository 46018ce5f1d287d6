"""Who is asking and what they may do: a bearer token (`Authorization: Bearer cq_…`) or a
signed-in session (a signed cookie naming a token); CSRF protection for cookie-borne writes
(double-submit: a random cookie repeated in the form or the X-CSRF-Token header); rate limits on
writes and sign-ins."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from typing import Any

from fastapi import Request

from communique.errors import CommuniqueError
from communique.serve import tokens
from communique.serve.settings import SESSION_HOURS, Settings
from communique.serve.tokens import Forbidden, Unauthorised

SESSION_COOKIE = "communique_session"
CSRF_COOKIE = "communique_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TooManyRequests(CommuniqueError):
    """A client over its rate limit (HTTP 429)."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class BadCsrf(CommuniqueError):
    """A cookie-borne write without the page's CSRF token (HTTP 403)."""


class RateLimiter:
    """A token bucket per client and kind of request: `per_minute` requests, refilled evenly."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, what: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > 100_000:  # forget idle clients rather than grow without bound
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
            level, last = self._buckets.get(key, (float(self.per_minute), now))
            level = min(float(self.per_minute), level + (now - last) * self.per_minute / 60)
            if level < 1:
                wait = max(1, int((1 - level) * 60 / self.per_minute) + 1)
                self._buckets[key] = (level, now)
                raise TooManyRequests(f"too many {what}: at most {self.per_minute} a minute; retry in {wait} s", wait)
            self._buckets[key] = (level - 1, now)


def _sign(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def session_cookie(settings: Settings, token_id: str) -> str:
    expires = int(time.time()) + SESSION_HOURS * 3600
    body = f"{token_id}.{expires}"
    return f"{body}.{_sign(settings.secret, body)}"


def _session_token_id(settings: Settings, cookie: str | None) -> str | None:
    if not cookie or cookie.count(".") != 2:
        return None
    token_id, expires, signature = cookie.split(".")
    if not hmac.compare_digest(signature, _sign(settings.secret, f"{token_id}.{expires}")):
        return None
    if not expires.isdigit() or int(expires) < time.time():
        return None
    return token_id


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def client_key(request: Request, who: dict[str, Any] | None) -> str:
    if who is not None:
        return "token:" + who["id"]
    return "ip:" + (request.client.host if request.client else "?")


def principal(request: Request) -> dict[str, Any] | None:
    """The token behind the request (id, name, scope, via), or None for an anonymous one. A
    presented bearer token that is not valid is an error, not an anonymous request."""
    if hasattr(request.state, "principal"):
        return request.state.principal
    store = request.app.state.store
    settings: Settings = request.app.state.settings
    who: dict[str, Any] | None = None
    header = request.headers.get("authorization")
    if header is not None:
        kind, _, value = header.partition(" ")
        if kind.lower() != "bearer" or not value:
            raise Unauthorised("the Authorization header must read 'Bearer <token>'")
        who = {**tokens.verify(store, value), "via": "token"}
    elif token_id := _session_token_id(settings, request.cookies.get(SESSION_COOKIE)):
        found = tokens.live(store, token_id)
        if found is not None:
            who = {**found, "via": "session"}
    request.state.principal = who
    return who


async def check_csrf(request: Request) -> None:
    """Cookie-borne writes must repeat the CSRF cookie in a form field or a header."""
    expected = request.cookies.get(CSRF_COOKIE)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise BadCsrf("the form's security token is missing or stale: reload the page and try again")


def needs(scope: str):
    """A dependency: the request's principal, which must hold `scope`; writes are rate limited
    and, when made with a session cookie, CSRF-checked."""

    async def dependency(request: Request) -> dict[str, Any] | None:
        settings: Settings = request.app.state.settings
        who = principal(request)
        if request.method not in SAFE_METHODS:
            request.app.state.write_limiter.take(client_key(request, who), "writes")
        if scope == "read" and settings.reads == "open":
            return who
        if who is None:
            raise Unauthorised("sign in or give a token (Authorization: Bearer cq_…) to do this")
        if not tokens.allows(who["scope"], scope):
            raise Forbidden(f"the token {who['name']!r} has scope {who['scope']}; this needs {scope}")
        if request.method not in SAFE_METHODS and who["via"] == "session":
            await check_csrf(request)
        return who

    return dependency
