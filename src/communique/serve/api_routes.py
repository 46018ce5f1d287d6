"""The HTTP API, /api/v1: a thin layer over `communique.api` (the same functions the CLI calls).

Every listing pages with a cursor (`next` is the URL of the following page) and answers CSV with
`format=csv`; every record has a permanent URL; unknown query parameters are refused."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from communique import api
from communique.errors import CommuniqueError
from communique.serve import listing
from communique.serve.access import needs
from communique.serve.listing import DEFAULT_LIMIT, MAX_LIMIT, jsonable
from communique.serve.settings import STALE_SECONDS

_known_parameters: dict[int, set[str]] = {}


def strict_query(request: Request) -> None:
    """A wrong parameter name is an error, never silently ignored."""
    route = request.scope.get("route")
    if route is None:
        return
    known = _known_parameters.get(id(route))
    if known is None:
        known = _known_parameters[id(route)] = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise CommuniqueError(f"unknown parameter {unknown[0]!r}: this endpoint takes "
                              f"{', '.join(sorted(known)) or 'no parameters'}")


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route and its dependencies declare."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


router = APIRouter(prefix="/api/v1", dependencies=[Depends(strict_query)])
reader = Depends(needs("read"))
writer = Depends(needs("write"))

Cursor = Annotated[str | None, Query(max_length=200, description="From the `next` URL of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Format = Annotated[Literal["json", "csv"], Query(alias="format")]
Pair = Annotated[str | None, Query(max_length=120, description="Two countries, e.g. GB-VN.")]
Day = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Lang = Annotated[str | None, Query(max_length=8)]
Id = Annotated[str, Path(min_length=4, max_length=200, pattern=r"^[\w:.\-]+$")]


def db(request: Request) -> Any:
    return request.app.state.store


def local_kb(request: Request) -> list[Any]:
    """The KB files of entries added over the API (beside those of $COMMUNIQUE_KB)."""
    return request.app.state.jobs.kb()


def url(request: Request, kind: str, thing_id: str) -> str:
    return str(request.base_url).rstrip("/") + f"/api/v1/{kind}/{thing_id}"


def with_urls(request: Request, kind: str, rows: list[dict[str, Any]], key: str = "id") -> list[dict[str, Any]]:
    return [r | {"url": url(request, kind, r[key])} for r in rows]


def page(request: Request, rows: list[dict[str, Any]], cursor: str | None, limit: int, fmt: str, name: str,
         **filters: Any) -> Any:
    return listing.respond(request, rows, filters, cursor, limit, fmt, name)


@router.get("", dependencies=[reader], summary="What the API offers")
def index(request: Request) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/")
    return {"name": "Communiqué", "version": "v1", "openapi": base + "/openapi.json", "docs": base + "/docs",
            "endpoints": sorted({r.path for r in router.routes if hasattr(r, "path")})}


@router.get("/stats", dependencies=[reader])
def stats(request: Request) -> Any:
    return jsonable(api.stats(db=db(request)))


@router.get("/documents", dependencies=[reader])
def documents(request: Request, language: Lang = None, since: Day = None, until: Day = None,
              all_versions: bool = False, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
              fmt: Format = "json") -> Any:
    store = db(request)
    rows = store.memo(f"documents {language} {since} {until} {all_versions}",  # kept until documents change
                      lambda: api.documents(db=store, language=language, since=since, until=until,
                                            all_versions=all_versions), scopes=("documents",))
    return page(request, with_urls(request, "documents", rows), cursor, limit, fmt, "documents",
                language=language, since=since, until=until, all_versions=all_versions)


@router.get("/documents/{doc_id}", dependencies=[reader])
def document(request: Request, doc_id: Id) -> Any:
    record = api.document_record(doc_id, db=db(request))
    record.pop("raw", None)
    return jsonable(record | {"url": url(request, "documents", record["id"])})


@router.get("/documents/{doc_id}/diff", dependencies=[reader])
def document_diff(request: Request, doc_id: Id) -> Any:
    return jsonable(api.diff(doc_id, db=db(request)))


@router.get("/entities", dependencies=[reader])
def entities(request: Request, type: Annotated[str | None, Query(max_length=20)] = None,
             document: Annotated[str | None, Query(max_length=16)] = None, cursor: Cursor = None,
             limit: Limit = DEFAULT_LIMIT, fmt: Format = "json") -> Any:
    rows = api.entities(db=db(request), kind=type, doc_id=document, kb=local_kb(request))
    return page(request, with_urls(request, "entities", rows), cursor, limit, fmt, "entities",
                type=type, document=document)


@router.get("/entities/{entity_id}", dependencies=[reader])
def entity(request: Request, entity_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Any:
    return jsonable(api.entity(entity_id, db=db(request), kb=local_kb(request)))


@router.get("/partnerships", dependencies=[reader])
def partnerships(request: Request, country: Annotated[str | None, Query(max_length=60)] = None, pair: Pair = None,
                 cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT, fmt: Format = "json") -> Any:
    rows = api.partnerships(db=db(request), country=country, pair=pair, kb=local_kb(request))
    return page(request, rows, cursor, limit, fmt, "partnerships", country=country, pair=pair)


@router.get("/partnerships/{pair}", dependencies=[reader], summary="A pair's level history, with sources, and events")
def partnership(request: Request, pair: Annotated[str, Path(max_length=120)]) -> Any:
    key = "-".join(api.parse_pair(pair))
    found = api.timeline(db=db(request), pair=key)["pairs"]
    history = found[0] if found else {"pair": key, "levels": [], "events": []}
    return jsonable(history | {"scorecard": str(request.base_url).rstrip("/") + f"/api/v1/scorecards/{key}"})


@router.get("/timeline", dependencies=[reader])
def timeline(request: Request, pair: Pair = None, country: Annotated[str | None, Query(max_length=60)] = None) -> Any:
    return jsonable(api.timeline(db=db(request), pair=pair, country=country))


@router.get("/events", dependencies=[reader])
def events(request: Request, pair: Pair = None, since: Day = None, until: Day = None, cursor: Cursor = None,
           limit: Limit = DEFAULT_LIMIT, fmt: Format = "json") -> Any:
    rows = api.events(db=db(request), pair=pair, since=since, until=until)
    return page(request, with_urls(request, "events", rows), cursor, limit, fmt, "events",
                pair=pair, since=since, until=until)


@router.get("/events/{event_id}", dependencies=[reader])
def event(request: Request, event_id: Id) -> Any:
    found = api.event(event_id, db=db(request))
    return jsonable(found | {"url": url(request, "events", found["id"])})


Implementation = Annotated[str | None, Query(max_length=20)]


@router.get("/commitments", dependencies=[reader], summary="Register commitments with their status")
def commitments(request: Request, pair: Pair = None, pillar: Annotated[str | None, Query(max_length=40)] = None,
                implementation: Implementation = None, language: Lang = None, since: Day = None,
                until: Day = None, has_target: bool = False, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
                fmt: Format = "json") -> Any:
    store = db(request)
    rows = store.memo(f"status {pair} {pillar} {implementation} {language} {since} {until} {has_target}",
                      lambda: api.status(db=store, pair=pair, pillar=pillar, implementation=implementation,
                                         language=language, since=since, until=until, has_target=has_target),
                      stale_seconds=STALE_SECONDS)
    return page(request, with_urls(request, "commitments", rows), cursor, limit, fmt, "commitments",
                pair=pair, pillar=pillar, implementation=implementation, language=language, since=since,
                until=until, has_target=has_target)


@router.get("/commitments/{register_id}", dependencies=[reader])
def commitment(request: Request, register_id: Id) -> Any:
    found = api.register_commitment(register_id, db=db(request))
    found["assessments"] = with_urls(request, "assessments", found["assessments"])
    found["implementation"] = with_urls(request, "evidence", found["implementation"])
    return jsonable(found | {"url": url(request, "commitments", found["id"])})


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    implementation: str = Field(max_length=20)
    note: str | None = Field(default=None, max_length=4000)
    schedule: str | None = Field(default=None, max_length=20)
    disputed: bool = False


@router.post("/commitments/{register_id}/assessments", status_code=201)
def add_assessment(request: Request, register_id: Id, body: Annotated[AssessmentIn, Body()],
                   who: Annotated[dict[str, Any], writer]) -> Any:
    made = api.assess(register_id, body.implementation, db=db(request), author=who["name"], note=body.note,
                      schedule=body.schedule, disputed=body.disputed)
    link = url(request, "assessments", made["id"])
    return JSONResponse(jsonable(made | {"url": link}), status_code=201, headers={"Location": link})


@router.get("/assessments/{assessment_id}", dependencies=[reader])
def assessment(request: Request, assessment_id: Id) -> Any:
    found = api.assessment(assessment_id, db=db(request))
    return jsonable(found | {"url": url(request, "assessments", found["id"]),
                             "commitment": url(request, "commitments", found["register_id"])})


@router.get("/evidence", dependencies=[reader])
def evidence(request: Request, commitment: Annotated[str | None, Query(max_length=200)] = None,
             state: Annotated[str | None, Query(max_length=12)] = None, cursor: Cursor = None,
             limit: Limit = DEFAULT_LIMIT, fmt: Format = "json") -> Any:
    rows = api.evidence_list(db=db(request), register_id=commitment, state=state)
    return page(request, with_urls(request, "evidence", rows), cursor, limit, fmt, "evidence",
                commitment=commitment, state=state)


@router.get("/evidence/{evidence_id}", dependencies=[reader])
def evidence_link(request: Request, evidence_id: Id) -> Any:
    found = api.evidence_link(evidence_id, db=db(request))
    return jsonable(found | {"url": url(request, "evidence", found["id"]),
                             "commitment": url(request, "commitments", found["register_id"])})


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: Literal["confirmed", "rejected"]
    note: str | None = Field(default=None, max_length=4000)


@router.post("/evidence/{evidence_id}/decision")
def decide(request: Request, evidence_id: Id, body: Annotated[DecisionIn, Body()],
           who: Annotated[dict[str, Any], writer]) -> Any:
    made = api.decide_evidence(evidence_id, body.state, db=db(request), author=who["name"], note=body.note)
    return jsonable(made | {"url": url(request, "evidence", evidence_id)})


@router.get("/targets", dependencies=[reader])
def targets(request: Request, pair: Pair = None, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
            fmt: Format = "json") -> Any:
    return page(request, api.targets(db=db(request), pair=pair), cursor, limit, fmt, "targets", pair=pair)


@router.get("/scorecards/{pair}", dependencies=[reader])
def scorecard(request: Request, pair: Annotated[str, Path(max_length=120)]) -> Any:
    return jsonable(api.scorecard(pair, db=db(request)))


@router.get("/mechanisms", dependencies=[reader])
def mechanisms(request: Request, pair: Pair = None, as_of: Day = None, cursor: Cursor = None,
               limit: Limit = DEFAULT_LIMIT, fmt: Format = "json") -> Any:
    rows = api.mechanisms(db=db(request), pair=pair, as_of=as_of)
    return page(request, rows, cursor, limit, fmt, "mechanisms", pair=pair, as_of=as_of)


SearchMode = Literal["text", "semantic", "hybrid", "passages"]


@router.get("/search", dependencies=[reader])
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           mode: SearchMode = "text", lang: Lang = None, limit: Annotated[int, Query(ge=1, le=100)] = 20,
           fmt: Format = "json") -> Any:
    hits = search_hits(request, q, mode, lang, limit)
    return page(request, hits, None, limit, fmt, "search", q=q, mode=mode, lang=lang)


def search_hits(request: Request, q: str, mode: str, lang: str | None, limit: int) -> list[dict[str, Any]]:
    store = db(request)
    lang = api.check_language(lang) if lang else None
    if mode == "passages":
        found = api.search_passages(q, db=store, lang=lang, limit=limit)
    else:
        found = api.search(q, db=store, lang=lang, limit=limit, mode=mode)
    return [{"rank": n, "id": h.id, "document": h.id.partition(":")[0], "title": h.title, "language": h.language,
             "score": h.score, "snippet": h.snippet, "path": h.path,
             "url": url(request, "documents", h.id.partition(":")[0])} for n, h in enumerate(found, 1)]
