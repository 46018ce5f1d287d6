"""The web pages: server-rendered Jinja2 templates (every value escaped), a language switch
(English, Vietnamese), forms with CSRF tokens, and a little plain JavaScript for uploads."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from communique import api, i18n
from communique.errors import CommuniqueError
from communique.kb.base import file_version
from communique.serve import access, tokens
from communique.serve.access import CSRF_COOKIE, SESSION_COOKIE, needs
from communique.serve.settings import SESSION_HOURS, STALE_SECONDS

TEMPLATES = FilePath(__file__).parent / "templates"
router = APIRouter(include_in_schema=False)
reader = Depends(needs("read"))
writer = Depends(needs("write"))
Id = Annotated[str, Path(min_length=4, max_length=200, pattern=r"^[\w:.\-]+$")]
STATUS_ORDER = ("achieved", "partial", "in_progress", "announced", "stalled", "reversed", "no_evidence",
                "not_assessable", None)


@cache
def environment(language: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html", "xml")),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(i18n.formatters(language))
    env.filters["highlight"] = highlight
    env.globals.update(status_order=STATUS_ORDER, quote=quote)
    return env


def highlight(snippet: str) -> Markup:
    """A search snippet with its **matches** as <mark>, everything else escaped."""
    parts = str(snippet).split("**")
    return Markup("".join(f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)))


def language_of(request: Request) -> str:
    return i18n.chosen(request.query_params.get("lang"), request.cookies.get(i18n.LANGUAGE_COOKIE),
                       request.headers.get("accept-language"))


def render(request: Request, name: str, status: int = 200, headers: dict[str, str] | None = None,
           **context: Any) -> HTMLResponse:
    language = language_of(request)
    csrf = request.cookies.get(CSRF_COOKIE) or access.new_csrf()
    try:
        who = access.principal(request)
    except CommuniqueError:
        who = None
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    switch = {code: f"{request.url.path}?{urlencode(query | {'lang': code})}" for code in i18n.LANGUAGES}
    html = environment(language).get_template(name).render(
        request=request, lang=language, languages=i18n.LANGUAGES, switch=switch, user=who, csrf=csrf,
        settings=request.app.state.settings, **context)
    response = HTMLResponse(html, status_code=status, headers=headers)
    secure = request.app.state.settings.secure_cookies
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=secure)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(i18n.LANGUAGE_COOKIE, language, samesite="lax", max_age=365 * 86400, secure=secure)
    return response


def error_page(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None) -> Response:
    return render(request, "error.html", status=status, headers=headers, code=code, message=message)


def back_to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _described(doc: Any) -> dict[str, Any]:
    """Title, date and outlet of a stored document, as its pages and lists show them."""
    published = doc.meta.published
    return {"title": doc.meta.title, "published": published.iso() if published else None,
            "source": doc.meta.source or doc.meta.url or FilePath(doc.path.split("#")[0]).name}


def local_kb(request: Request) -> list[Any]:
    return request.app.state.jobs.kb()


def kept(request: Request, name: str, compute: Callable[[], dict[str, Any]], stale_seconds: float = 0.0,
         scopes: tuple[str, ...] = ("documents", "register")) -> Any:
    """A page's data, kept until the register (or a KB file added over the API) changes: pages are
    read far more often than the register is written, and their views span the whole register."""
    files = tuple((str(p), *file_version(p)) for p in local_kb(request))
    return store_of(request).memo(f"page {name} {files}", compute, scopes=scopes, stale_seconds=stale_seconds)


def store_of(request: Request) -> Any:
    return request.app.state.store


# -- pages -------------------------------------------------------------------------------------

@router.get("/", dependencies=[reader])
def dashboard(request: Request) -> Response:
    return render(request, "dashboard.html", **kept(request, "dashboard", lambda: _dashboard(request),
                                                    stale_seconds=STALE_SECONDS))


def _dashboard(request: Request) -> dict[str, Any]:
    store = store_of(request)
    rows = api.status(db=store)
    by_pillar: dict[str, Counter[str | None]] = defaultdict(Counter)
    for row in rows:
        by_pillar[row["pillar"] or "none"][row["status"]] += 1
    timeline = _timeline(request, None)
    from communique.serve.network import layout

    return {"stats": api.stats(db=store), "network": timeline["network"], "drawing": layout(timeline["network"]),
            "years": _by_year(timeline["network"]["edges"]), "events": list(reversed(api.events(db=store)))[:12],
            "by_pillar": dict(sorted(by_pillar.items())), "commitments": len(rows),
            **_moves(api.changes(db=store, days=7, limit=MOVES_READ), 20)}


MOVES_READ = 500  # changes read for a page's "what moved" list: the newest moves and how many entered


def _moves(changes: list[dict[str, Any]], shown: int) -> dict[str, Any]:
    """The newest changes other than commitments entering the register, and how many entered (a new
    statement brings dozens at once: counted in one line rather than listed)."""
    entered = [c for c in changes if c["kind"] == "entered"]
    return {"moved": [c for c in changes if c["kind"] != "entered"][:shown], "entered": len(entered),
            "entered_more": len(changes) == MOVES_READ}


def _by_year(edges: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The highest level of each pair by the year it was reached ("unknown" last)."""
    years: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        years[(edge.get("since") or "")[:4] or "?"].append(edge)
    return sorted(years.items(), key=lambda item: (item[0] == "?", item[0]))


@router.get("/partnerships", dependencies=[reader])
def partnerships(request: Request, country: Annotated[str | None, Query(max_length=60)] = None) -> Response:
    store = store_of(request)
    rows = api.partnerships(db=store, country=country, kb=local_kb(request))
    return render(request, "partnerships.html", rows=rows, country=country,
                  titles=store.titles({d for r in rows for d in r["documents"]}))


@router.get("/partnerships/{pair}", dependencies=[reader])
def partnership(request: Request, pair: Annotated[str, Path(max_length=120)]) -> Response:
    store = store_of(request)
    key = "-".join(api.parse_pair(pair))
    if key != pair:
        return back_to(f"/partnerships/{key}")
    return render(request, "partnership.html",
                  **kept(request, f"partnership {key}", lambda: _partnership(request, store, key),
                         stale_seconds=STALE_SECONDS))


def _timeline(request: Request, pair: str | None) -> dict[str, Any]:
    """The timeline of one pair or all: partnership levels and events only, so kept until the
    documents change (an assessment does not redo it)."""
    return kept(request, f"timeline {pair}", lambda: api.timeline(db=store_of(request), pair=pair),
                scopes=("documents",))


def _partnership(request: Request, store: Any, key: str) -> dict[str, Any]:
    found = _timeline(request, key)["pairs"]
    history = found[0] if found else {"pair": key, "countries": key, "levels": [], "events": []}
    rows = api.status(db=store, pair=key)
    pillars: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        pillars[row["pillar"] or "none"].append(row)
    mechanisms = api.mechanisms(db=store, pair=key)
    cited = {d for level in history["levels"] for claim in level["claims"] for d in claim["documents"]}
    return {"titles": store.titles(cited), "pair": key, "history": history, "card": api.scorecard(key, db=store),
            "pillars": dict(sorted(pillars.items())), "targets": api.targets(db=store, pair=key),
            "events": api.events(db=store, pair=key), "mechanisms": mechanisms,
            "mechanism_names": api.names([k["mechanism"] for k in mechanisms], db=store, kb=local_kb(request))}


@router.get("/commitments", dependencies=[reader])
def commitments(request: Request, pair: Annotated[str | None, Query(max_length=120)] = None,
                pillar: Annotated[str | None, Query(max_length=40)] = None,
                implementation: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    rows = kept(request, f"commitments {pair} {pillar} {implementation}",
                lambda: api.status(db=store_of(request), pair=pair or None, pillar=pillar or None,
                                   implementation=implementation or None), stale_seconds=STALE_SECONDS)
    return render(request, "commitments.html", rows=rows[:500], total=len(rows), pair=pair, pillar=pillar,
                  implementation=implementation)


@router.get("/commitments/{register_id}", dependencies=[reader])
def commitment(request: Request, register_id: Id) -> Response:
    store = store_of(request)
    data = kept(request, f"commitment {register_id}", lambda: _commitment(store, register_id))
    if data["c"]["id"] != register_id:
        return back_to(f"/commitments/{data['c']['id']}")
    return render(request, "commitment.html", **data)


def _commitment(store: Any, register_id: str) -> dict[str, Any]:
    from communique.track.status import implementation_values, rubric

    found = api.register_commitment(register_id, db=store)
    variants = []
    for variant in found["variants"]:
        doc = api.get_document(variant["document_id"], db=store)
        start, end = variant.get("start"), variant.get("end")
        text = doc.body[start:end] if start is not None and end is not None else ""
        variants.append(variant | {"text": text} | _described(doc))
    variants.sort(key=lambda v: ("vi", "zh", "en").index(v["language"]) if v["language"] in ("vi", "zh", "en") else 9)
    cited = {e["document_id"] for e in found["implementation"]}
    cited |= {t["latest"]["document"] for t in (found.get("target_progress") or {}).get("targets") or []
              if t.get("latest")}
    return {"c": found, "variants": variants, "states": implementation_values(), "schedules": rubric()["schedule"],
            "titles": store.titles(cited)}


@router.post("/commitments/{register_id}/evidence/{evidence_id}", dependencies=[writer])
def decide(request: Request, register_id: Id, evidence_id: Id,
           state: Annotated[str, Form(pattern="^(confirmed|rejected)$")],
           note: Annotated[str | None, Form(max_length=4000)] = None,
           csrf: Annotated[str | None, Form(max_length=100)] = None) -> Response:
    who = access.principal(request)
    api.decide_evidence(evidence_id, state, db=store_of(request), author=who["name"], note=note or None)
    return back_to(f"/commitments/{quote(register_id)}#evidence-{quote(evidence_id)}")


@router.post("/commitments/{register_id}/assessments", dependencies=[writer])
def assess(request: Request, register_id: Id, implementation: Annotated[str, Form(max_length=20)],
           note: Annotated[str | None, Form(max_length=4000)] = None,
           schedule: Annotated[str | None, Form(max_length=20)] = None,
           csrf: Annotated[str | None, Form(max_length=100)] = None) -> Response:
    who = access.principal(request)
    api.assess(register_id, implementation, db=store_of(request), author=who["name"], note=note or None,
               schedule=schedule or None)
    return back_to(f"/commitments/{quote(register_id)}#history")


@router.get("/documents", dependencies=[reader])
def documents(request: Request, language: Annotated[str | None, Query(max_length=8)] = None) -> Response:
    store = store_of(request)
    rows = store.memo(f"documents {language or None}", lambda: api.documents(db=store, language=language or None),
                      scopes=("documents",))
    return render(request, "documents.html", rows=rows[:500], total=len(rows), language=language)


@router.get("/documents/{doc_id}", dependencies=[reader])
def document(request: Request, doc_id: Id) -> Response:
    from communique.serve.annotate import annotated_body

    store = store_of(request)
    record = api.document_record(doc_id, db=store)
    if record["id"] != doc_id:
        return back_to(f"/documents/{record['id']}")
    mentions = store.mentions(record["id"])
    names = api.names({m["entity_id"] for m in mentions if m.get("entity_id")}, db=store, kb=local_kb(request))
    raw = store.get(record["id"]).raw
    removed = [{"reason": r["reason"], "text": raw[r["start"]:r["end"]]} for r in record["removed"]]
    diff = None
    if record.get("supersedes"):
        try:
            diff = api.diff(record["id"], db=store)
        except CommuniqueError:
            diff = None
    return render(request, "document.html", d=record, body=annotated_body(record, mentions, names),
                  removed=removed, diff=diff)


@router.get("/events/{event_id}", dependencies=[reader])
def event(request: Request, event_id: Id) -> Response:
    store = store_of(request)
    found = api.event(event_id, db=store)
    records = {}
    for report in found["documents"]:
        doc = api.get_document(report, db=store)
        records[report] = {"id": doc.id, "language": doc.language} | _described(doc)
    parts = found["parts"]
    names = api.names(found.get("participants") or [], db=store, kb=local_kb(request))
    return render(request, "event.html", e=found, reports=records, parts=parts, names=names)


@router.get("/entities/{entity_id}", dependencies=[reader])
def entity(request: Request, entity_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Response:
    return render(request, "entity.html", e=api.entity(entity_id, db=store_of(request), kb=local_kb(request)))


@router.get("/search", dependencies=[reader])
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           mode: Annotated[str, Query(pattern="^(text|semantic|hybrid|passages)$")] = "text",
           lang: Annotated[str | None, Query(alias="language", max_length=8)] = None,
           year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
           outlet: Annotated[str | None, Query(max_length=200)] = None,
           pair: Annotated[str | None, Query(pattern=r"^[A-Z]{2}-[A-Z]{2}$")] = None,
           kind: Annotated[str | None, Query(pattern="^(statement|news|other)$")] = None) -> Response:
    from communique.serve.api_routes import search_hits
    from communique.serve.facets import facet

    hits: list[dict[str, Any]] = []
    facets: dict[str, list[dict[str, Any]]] = {}
    chosen = {"language": lang, "pair": pair, "kind": kind, "year": year, "outlet": outlet}
    if q.strip():
        hits, facets = facet(store_of(request), search_hits(request, q, mode, None, 100), chosen,
                             {"q": q, "mode": mode})
    return render(request, "search.html", q=q, mode=mode, hits=hits[:50], facets=facets, chosen=chosen)


REPORT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "md": "text/markdown; charset=utf-8",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@router.get("/reports/{pair}.{fmt}", dependencies=[reader])
def report(request: Request, pair: Annotated[str, Path(max_length=120)],
           fmt: Annotated[str, Path(pattern="^(html|pdf|md|xlsx)$")]) -> Response:
    """The partnership report, as `communique report` writes it, its sources linked to this server."""
    import base64
    import hashlib

    from communique.report import gather, render
    from communique.report.render import css

    key = "-".join(api.parse_pair(pair))
    if key != pair:
        return back_to(f"/reports/{key}.{fmt}")
    body = render(gather(key, db=store_of(request), base_url=str(request.base_url)), fmt, language_of(request))
    headers = {"Content-Disposition": f'{"inline" if fmt in ("html", "pdf") else "attachment"}; '
                                      f'filename="communique-{key}.{fmt}"'}
    if fmt == "html":
        # The report is one standalone file with its style inline: allow that style by its hash only.
        digest = base64.b64encode(hashlib.sha256(css().encode()).digest()).decode()
        from communique.serve.app import CONTENT_SECURITY_POLICY

        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", f"style-src 'self' 'sha256-{digest}'")
    return Response(body, media_type=REPORT_TYPES[fmt], headers=headers)


@router.get("/upload", dependencies=[writer])
def upload_page(request: Request) -> Response:
    return render(request, "upload.html", limit=request.app.state.settings.max_upload_bytes)


@router.post("/upload", dependencies=[writer])
async def upload(request: Request, files: list[UploadFile],
                 csrf: Annotated[str | None, Form(max_length=100)] = None) -> Response:
    from communique.serve.jobs import save_uploads

    who = access.principal(request)
    saved = await save_uploads(request, files)
    job = request.app.state.jobs.submit(who["name"], saved)
    return back_to(f"/jobs/{job['id']}")


@router.get("/jobs/{job_id}", dependencies=[reader])
def job(request: Request, job_id: Annotated[str, Path(pattern="^[0-9a-f]{16}$")]) -> Response:
    from communique.serve.jobs import job_record

    found = job_record(store_of(request), job_id, request.app.state.jobs.live(job_id))
    return render(request, "job.html", job=found)


def _local(path: str | None) -> str:
    """Where to go after signing in: a path of this site only (never another host)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


@router.get("/sign-in")
def sign_in_page(request: Request, next: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    return render(request, "sign_in.html", next=_local(next))


@router.post("/sign-in")
async def sign_in(request: Request, token: Annotated[str, Form(max_length=200)],
                  next: Annotated[str | None, Form(max_length=500)] = None,
                  csrf: Annotated[str | None, Form(max_length=100)] = None) -> Response:
    request.app.state.sign_in_limiter.take(access.client_key(request, None), "sign-ins")
    await access.check_csrf(request)
    who = tokens.verify(store_of(request), token)
    response = back_to(_local(next))
    response.set_cookie(SESSION_COOKIE, access.session_cookie(request.app.state.settings, who["id"]),
                        httponly=True, samesite="strict", max_age=SESSION_HOURS * 3600,
                        secure=request.app.state.settings.secure_cookies)
    return response


@router.post("/sign-out")
async def sign_out(request: Request, csrf: Annotated[str | None, Form(max_length=100)] = None) -> Response:
    await access.check_csrf(request)
    response = back_to("/")
    response.delete_cookie(SESSION_COOKIE)
    return response
