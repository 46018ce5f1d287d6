"""The web application: one process serves the HTTP API, the pages and their bundled assets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from communique import api
from communique.serve import access, errors
from communique.serve.settings import MAX_UPLOAD_FILES, Settings

STATIC = Path(__file__).parent / "static"

# No inline script or style, nothing from another origin, never framed.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def create_app(settings: Settings) -> FastAPI:
    """The application over the register `settings.db` (opened once, migrated if needed)."""
    from communique.serve import api_routes, feeds, jobs, kb_entries, pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.jobs.start()
        # Loaded before the first request rather than by it (seconds: the KB's files are validated).
        api.knowledge_base(app.state.jobs.kb())
        yield
        app.state.jobs.stop()

    app = FastAPI(title="Communiqué", version="1", docs_url="/docs", redoc_url=None, lifespan=lifespan,
                  description="The register of partnerships, events, commitments and their implementation.")
    app.state.settings = settings
    app.state.store = api.open_store(settings.db, create=True)
    app.state.write_limiter = access.RateLimiter(settings.writes_per_minute)
    app.state.sign_in_limiter = access.RateLimiter(settings.sign_ins_per_minute)
    app.state.jobs = jobs.Runner(app.state.store, jobs.upload_folder(settings), kb_entries.folder_of(settings))
    errors.install(app)

    biggest_upload = settings.max_upload_bytes * MAX_UPLOAD_FILES + (1 << 20)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > biggest_upload:  # refused before the body is read
            response: Response = errors.respond(request, 413, "too_large",
                                                f"the request body is over {biggest_upload:,} bytes")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.include_router(api_routes.router)
    app.include_router(jobs.router)
    app.include_router(kb_entries.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app
