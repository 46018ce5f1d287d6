"""Every error as JSON `{"error": {"code", "message"}}` with its HTTP status (pages show the same
message in an HTML page); never a traceback."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from communique.errors import CommuniqueError, Conflict, NotFound, RejectedInput
from communique.serve.access import BadCsrf, TooManyRequests
from communique.serve.listing import BadCursor
from communique.serve.tokens import Forbidden, Unauthorised

log = logging.getLogger("communique.serve")


class TooLarge(CommuniqueError):
    """An upload over the size limit (HTTP 413)."""


# (status, code) of each error class, most specific first.
STATUSES: tuple[tuple[type[Exception], int, str], ...] = (
    (Unauthorised, 401, "unauthorised"),
    (Forbidden, 403, "forbidden"),
    (BadCsrf, 403, "csrf"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (TooLarge, 413, "too_large"),
    (TooManyRequests, 429, "rate_limited"),
    (BadCursor, 400, "bad_cursor"),
    (RejectedInput, 422, "rejected_input"),
    (CommuniqueError, 400, "bad_parameter"),
)
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthorised", 403: "forbidden",
              413: "too_large", 415: "unsupported_media_type"}


def http_message(message: str) -> str:
    """The library's messages name CLI options ("--pair 'X': …"); over HTTP they are parameters."""
    return re.sub(r"--([a-z][a-z-]*)", lambda m: m.group(1).replace("-", "_"), message)


def describe(error: Exception) -> tuple[int, str, str]:
    for kind, status, code in STATUSES:
        if isinstance(error, kind):
            return status, code, http_message(str(error))
    return 500, "internal", "something went wrong on the server; the error is logged"


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def respond(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
            ) -> Response:
    if wants_html(request):
        from communique.serve.pages import error_page

        return error_page(request, status, code, message, headers)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors()[:3]:
        where = [str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body", "form")]
        name = ".".join(where) or "request"
        parts.append(f"{name}: {item.get('msg', 'not valid')}")
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(CommuniqueError)
    async def _known(request: Request, error: CommuniqueError) -> Response:
        status, code, message = describe(error)
        headers: dict[str, Any] = {}
        if isinstance(error, TooManyRequests):
            headers["Retry-After"] = str(error.retry_after)
        if isinstance(error, Unauthorised):
            if wants_html(request) and request.method == "GET":
                return RedirectResponse(f"/sign-in?{urlencode({'next': request.url.path})}", status_code=303)
            headers["WWW-Authenticate"] = "Bearer"
        return respond(request, status, code, message, headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        return respond(request, 400, "bad_parameter", _validation_message(error))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        code = HTTP_CODES.get(error.status_code, "http_error")
        message = error.detail if isinstance(error.detail, str) else code
        if error.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path}"
        return respond(request, error.status_code, code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal", "something went wrong on the server; the error is logged")
