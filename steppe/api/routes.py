"""The HTTP routes. Reads run on cursors with a time limit and a row cap (a larger ``limit`` is
capped, and the answer says so with ``capped``); the one write, ``POST /articles``, codes the
article with the same pipeline as ``steppe code`` in the coding pool, within a time budget, and
stores it only if its request is still waiting for the answer."""
from __future__ import annotations

import math
import time
from typing import Annotated, Any, Literal, Optional

import anyio
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import FileResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from steppe import __version__
from steppe.api.state import MAX_ROWS, ApiError, AppState, error_response, state_of, static_dir
from steppe.api.coding import Busy, Expired, WorkerFailed
from steppe.filters import check_code, check_date, check_limit
from steppe.store import dedup as dd
from steppe.store import queries
from steppe.records import Skipped
from steppe.store.db import row_to_event_dict

router = APIRouter()


Actor = Annotated[Optional[str], Query(max_length=100, description=(
    "actor code, country (ISO3) or actor id, as source or target, e.g. KAZGOV or KAZ"))]
Dyad = Annotated[Optional[str], Query(max_length=201, pattern=r"^[^,]+,[^,]+$", description=(
    "source and target (codes or countries) separated by a comma, e.g. KAZGOV,TJK"))]


def _checked(name: str, check):
    """A validator giving ``steppe.filters``' message, the same as `steppe events` gives."""
    def validate(value):
        problem = check(name, value) if value is not None else None
        if problem:
            raise PydanticCustomError("invalid_parameter", problem.replace("{", "{{").replace("}", "}}"))
        return value
    return AfterValidator(validate)


Code = Annotated[Optional[str], Query(max_length=100, description="CAMEO code prefix, e.g. 17 or 173"),
                 _checked("code", check_code)]
Since = Annotated[Optional[str], Query(max_length=100, description="first date, YYYY-MM-DD (or YYYY-MM, YYYY)"),
                  _checked("since", check_date)]
Until = Annotated[Optional[str], Query(max_length=100, description="last date, YYYY-MM-DD (or YYYY-MM, YYYY)"),
                  _checked("until", check_date)]
Place = Annotated[Optional[str], Query(max_length=200, description=(
    "place name, admin1 name or country (ISO3) of the event's location"))]
Limit = Annotated[int, Query(le=1_000_000_000, description=(
    f"rows per page; a limit above the server's max_rows (at most {MAX_ROWS}, see /health) is capped to it "
    "and the answer says `capped: true`")), _checked("limit", check_limit)]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="rows to skip")]
Dedup = Annotated[bool, Query(description=(
    "true: deduplicated events (one per date, dyad, CAMEO code and place, with num_mentions, "
    "num_articles, num_sources) instead of mentions"))]


def _limit(state: AppState, limit: int) -> tuple[int, dict[str, Any]]:
    """The limit to use (capped to max_rows) and what the answer says about it."""
    cap = state.options.max_rows
    used = min(limit, cap)
    return used, {"limit": used, "capped": limit > cap, "max_rows": cap}


def _page(rows: list[Any], limit: int, offset: int, said: dict[str, Any]) -> dict[str, Any]:
    more = len(rows) > limit
    return {"count": min(len(rows), limit), **said, "offset": offset,
            "next_offset": offset + limit if more else None}


def require_writer(request: Request, authorization: Annotated[Optional[str], Header(
        description="Bearer <token>: the server's STEPPE_TOKEN")] = None) -> AppState:
    state = state_of(request)
    state.check_token(authorization)
    return state


@router.head("/health", include_in_schema=False)  # HEAD: the same answer without its body
@router.get("/health", tags=["meta"], summary="Server status",
            description=("Version, schema version, row counts, whether writes are enabled, the limits "
                         "(`max_rows`, `read_timeout`, `post_timeout`) and the coding slots of POST "
                         "/articles (`codings`: max, queue, running, waiting). Also answers HEAD."))
def health(request: Request) -> dict[str, Any]:
    state = state_of(request)

    def q(view):
        version = view.query("SELECT max(version) AS v FROM schema_migrations")[0]["v"]
        return {"schema_version": int(version or 0), "counts": view.counts()}

    info = state.read(q)
    return {"ok": True, "version": __version__, **info, "writes_enabled": bool(state.options.token),
            "max_rows": state.options.max_rows, "read_timeout": state.options.read_timeout,
            "post_timeout": state.options.post_timeout, "codings": state.coding.stats()}


@router.get("/events", tags=["events"], summary="Events, filtered and paged",
            description=("Filters as `steppe events`: an actor matches the source or target code, country or "
                         "actor id. Mentions (one per article sentence) by default; `dedup=true` gives "
                         "deduplicated events with their counts. Page with `limit` and `offset`; "
                         "`next_offset` is null on the last page."))
def get_events(request: Request, actor: Actor = None, dyad: Dyad = None, code: Code = None, since: Since = None,
               until: Until = None, place: Place = None,
               article_id: Annotated[Optional[str], Query(max_length=512, description="one article's events")] = None,
               dedup: Dedup = False, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    state = state_of(request)
    limit, said = _limit(state, limit)
    pair = tuple(dyad.split(",", 1)) if dyad else None
    filters = dict(actor=actor, dyad=pair, code=code, since=since, until=until, place=place, article_id=article_id)

    def q(view):
        if dedup:
            return [dd.group_to_dict(r) for r in dd.query_dedup(view, **filters, limit=limit + 1, offset=offset)]
        return [row_to_event_dict(r) for r in view.query_events(**filters, limit=limit + 1, offset=offset)]

    rows = state.read(q)
    return {"ok": True, "dedup": dedup, **_page(rows, limit, offset, said), "events": rows[:limit]}


@router.get("/actors", tags=["actors"], summary="The actor registry",
            description=("Actors with stable ids, codes, canonical names, aliases (the texts that referred to "
                         "them) and event counts, most events first. `q` matches the start of a code or part of "
                         "a name or alias."))
def get_actors(request: Request, q: Annotated[Optional[str], Query(max_length=100, description=(
                   "the start of a code, or part of a name or alias (case-insensitive)"))] = None,
               limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    state = state_of(request)
    limit, said = _limit(state, limit)
    rows = state.read(queries.actors_page, q=q, limit=limit + 1, offset=offset)
    return {"ok": True, **_page(rows, limit, offset, said), "actors": rows[:limit]}


@router.get("/dyads", tags=["dyads"], summary="Dyads with their event counts",
            description=("Source -> target pairs of actor codes or countries, most events first, with the mean "
                         "Goldstein value and `dated`: the events whose date has a year."))
def get_dyads(request: Request, actor: Actor = None, code: Code = None, since: Since = None, until: Until = None,
              dedup: Dedup = False,
              level: Annotated[Literal["code", "country"], Query(description=(
                  "pair actor codes (KAZGOV -> TJKCVL) or their countries (KAZ -> TJK)"))] = "code",
              limit: Limit = 100) -> dict[str, Any]:
    state = state_of(request)
    limit, said = _limit(state, limit)
    rows = state.read(queries.dyads, actor=actor, code=code, since=since, until=until, dedup=dedup, level=level,
                      limit=limit)
    return {"ok": True, "count": len(rows), **said, "dedup": dedup, "level": level, "dyads": rows}


@router.get("/dyads/{a}/{b}/timeline", tags=["dyads"], summary="A dyad's timeline",
            description=("Events from `a` to `b` (codes or countries) per day, week (from Monday) or month: count, "
                         "mean Goldstein and the count of each QuadClass (1 verbal cooperation, 2 material "
                         "cooperation, 3 verbal conflict, 4 material conflict). `symmetric=true` adds b -> a. "
                         "Events whose date has no year, or only a month for day/week buckets, are counted in "
                         "`undated`."))
def get_timeline(request: Request,
                 a: Annotated[str, Path(max_length=64, description="source: actor code or country, e.g. KAZGOV")],
                 b: Annotated[str, Path(max_length=64, description="target: actor code or country, e.g. TJK")],
                 interval: Annotated[Literal["day", "week", "month"], Query(description="bucket size")] = "month",
                 code: Code = None, since: Since = None, until: Until = None, dedup: Dedup = False,
                 symmetric: Annotated[bool, Query(description="also count events from b to a")] = False,
                 ) -> dict[str, Any]:
    state = state_of(request)
    out = state.read(queries.timeline, a, b, interval=interval, code=code, since=since, until=until,
                     dedup=dedup, symmetric=symmetric)
    return {"ok": True, **out}


@router.get("/articles/{article_id:path}", tags=["articles"], summary="An article with its events' evidence",
            description=("The article's text and fields, its events (event schema), `spans`: the character "
                         "offsets of each evidence sentence in `text` with the ids of the events coded from it, "
                         "and `places`: the toponyms found in the text. At most the server's `max_rows` events "
                         "and places (the first, in text order): `capped` says whether some were left out, "
                         "`events_total` and `places_total` how many there are; `spans` cover the events given."))
def get_article(request: Request,
                article_id: Annotated[str, Path(max_length=512, description="the article's id")]) -> dict[str, Any]:
    state = state_of(request)
    art = state.read(queries.article, article_id)
    if art is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    return {"ok": True, **cap_article(art, state.options.max_rows)}


def cap_article(art: dict[str, Any], cap: int) -> dict[str, Any]:
    """An article answer with at most ``cap`` events and places, and the spans of the events kept."""
    events, places = art["events"], art["places"]
    kept = {e["event_id"] for e in events[:cap]}
    spans = []
    for span in art["spans"]:
        ids = [i for i in span["event_ids"] if i in kept]
        if ids:
            spans.append({**span, "event_ids": ids})
    return {**art, "events": events[:cap], "spans": spans, "places": places[:cap],
            "events_total": len(events), "places_total": len(places),
            "capped": len(events) > cap or len(places) > cap, "max_rows": cap}


class ArticleIn(BaseModel):
    """An article in the input schema (only `text` is required)."""

    model_config = ConfigDict(extra="ignore")
    id: Optional[str] = Field(None, max_length=512, description="the article's id (default: a hash of the text)")
    text: str = Field(..., min_length=1, description="the article body")
    title: Optional[str] = Field(None, max_length=10_000)
    date: Optional[str] = Field(None, max_length=64, description=(
        "publication date: ISO 8601 (with or without time and zone), RFC 2822, March 10, 2003 or 10 March 2003; "
        "a date that reads two ways (10/03/2003) is flagged date-unreadable in the answer's flags"))
    url: Optional[str] = Field(None, max_length=10_000)
    source: Optional[str] = Field(None, max_length=10_000)


@router.post("/articles", tags=["articles"], summary="Code and store an article",
             description=("Codes one article (input schema) with the same pipeline as `steppe code` and stores "
                          "it (an article with the same id is replaced); returns its events. Needs "
                          "`Authorization: Bearer <token>` with the server's STEPPE_TOKEN and "
                          "`Content-Type: application/json` (415 otherwise). At most `codings.max` articles are "
                          "coded at once and `codings.queue` more wait (see /health); beyond that the answer is "
                          "503 with Retry-After. An article that is not coded within the server's "
                          "`post_timeout` seconds (waiting included) is answered 504 and not stored; nor is one "
                          "whose client went away before its answer."))
async def post_article(request: Request, body: ArticleIn,
                       state: Annotated[AppState, Depends(require_writer)]) -> Any:
    deadline = time.monotonic() + state.options.post_timeout
    item = await anyio.to_thread.run_sync(_prepare, state, body)
    try:
        job = state.coding.admit()
    except Busy:
        retry = str(max(1, math.ceil(min(state.options.post_timeout, 10.0))))
        raise ApiError(503, "busy", "every coding slot is taken; retry later", {"Retry-After": retry}) from None

    async def watch() -> None:
        # the body has been read: the next message from the server can only be the client's leaving
        while (await request.receive())["type"] != "http.disconnect":
            pass
        job.cancel()  # the coding is stopped; nothing will be written

    outcome: dict[str, Any] = {}
    async with anyio.create_task_group() as tg:
        tg.start_soon(watch)
        try:
            outcome["result"] = await anyio.to_thread.run_sync(state.coding.run, job, item, deadline)
        except (Expired, WorkerFailed) as exc:
            outcome["error"] = exc
        finally:
            tg.cancel_scope.cancel()
    exc = outcome.get("error")
    if isinstance(exc, Expired):
        raise ApiError(504, "coding_timeout",
                       f"the article was not coded within {state.options.post_timeout:g}s ({exc.stage}); nothing "
                       "was stored. Code long articles with `steppe code`, or raise --post-timeout")
    if isinstance(exc, WorkerFailed):
        raise ApiError(500, "coding_failed", str(exc))
    res = outcome["result"]
    if isinstance(res, Skipped):
        raise ApiError(422, "article_skipped", res.reason)
    if job.cancelled.is_set() or await request.is_disconnected():
        return _gone()
    if not await anyio.to_thread.run_sync(_write, state, job, res, deadline):
        return _gone()
    return {"ok": True, "article_id": res.article.id, "sentences": len(res.sentences),
            "flags": list(res.article.flags), "events": [e.to_dict() for e in res.events]}


def _gone() -> Any:
    """The answer to a request whose client left, or whose budget ran out just before the write:
    nothing was stored."""
    return error_response(504, "coding_timeout", "the request was abandoned or ran out of time; nothing was stored")


def _prepare(state: AppState, body: ArticleIn):
    """The posted article as an ``Article`` checked by the same job as `steppe code`, or a 422
    with the reason `steppe code` gives."""
    from steppe.ingest.boundary import Body
    from steppe.job import Job

    job = Job(state.settings, resume=False)
    item = next(iter(job.articles([Body(body.model_dump(exclude_none=True), "POST /articles")])))
    if isinstance(item, Skipped):
        error = "not_english" if item.reason.startswith("not English") else "article_skipped"
        raise ApiError(422, error, item.reason)
    return item


def _write(state: AppState, job, res, deadline: float) -> bool:
    """Store ``res`` unless its request was abandoned or its budget ran out (checked under the
    write lock, just before the write)."""
    with state.write_lock:
        if job.cancelled.is_set() or time.monotonic() > deadline:
            return False
        state.store.write([res])
        return True


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
def dashboard() -> FileResponse:
    return FileResponse(static_dir() / "index.html", media_type="text/html; charset=utf-8")


@router.get("/docs", include_in_schema=False)
def docs() -> FileResponse:
    return FileResponse(static_dir() / "docs.html", media_type="text/html; charset=utf-8")
