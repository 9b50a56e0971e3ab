"""The FastAPI application: ``create_app(db_path, settings=None)``.

Concurrency (DuckDB): the app process holds one read-write connection, the store's. Writes
(``POST /articles``) go through it under a lock, one at a time, each in one transaction; no
other thread touches that connection. Every read runs on its own cursor (``cursor()``: a new
connection to the same database instance, used by the request's thread only and closed after),
made from a second cursor kept for that purpose; it sees committed data only (DuckDB's MVCC)
and is interrupted (``interrupt()`` from a timer thread) when it runs past the time limit.

Safety: writes need ``Authorization: Bearer <token>`` with the token from ``STEPPE_TOKEN``
(compared with ``hmac.compare_digest``); with no token configured, writes are refused (403).
Reads return at most ``max_rows`` rows (a larger ``limit`` is capped, and the answer says so)
and are interrupted after ``read_timeout`` seconds. ``POST /articles`` codes in a
``steppe.api.coding.CodingPool`` (at most ``max_codings`` at once, ``post_queue`` more waiting,
503 with Retry-After beyond that) within ``post_timeout`` seconds (504 after). Request bodies
over ``max_body_bytes`` are refused (413); POST bodies must be ``application/json`` (415).
With ``allowed_hosts``, requests whose Host header is not ``name[:port]`` with an allowed name
are refused (400). Every SQL value is a bound parameter. Errors are JSON: ``{"ok": false, "status": 404, "error": "not_found", "title": ..., "detail": ...}``.
"""
from __future__ import annotations

import re
from contextlib import asynccontextmanager
from typing import Any, Callable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from steppe import __version__
from steppe.api.state import (LOOPBACK_NAMES, MAX_ROWS, MAX_SECONDS, TOKEN_ENV, ApiError, ApiOptions,  # noqa: F401
                              AppState, check_seconds, error_response, host_name, parse_host_header, state_of,
                              static_dir)
from steppe.config import Settings
from steppe.errors import SteppeError
from steppe.store import Store


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes``: by Content-Length, else while reading the body
    (which is buffered here, bounded, and replayed to the app)."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await self._refuse(scope, receive, send)
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                return await self._refuse(scope, receive, send)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope, receive, send):
        resp = error_response(413, "body_too_large", f"request bodies are limited to {self.max_bytes} bytes")
        await resp(scope, receive, send)


class HostCheckMiddleware:
    """Answers only requests whose Host header is ``host[:port]`` with an allowed host (a guard
    against DNS rebinding: a page on another site that resolves its own name to this server)."""

    def __init__(self, app, hosts: tuple[str, ...]) -> None:
        self.app, self.hosts = app, frozenset(host_name(h) for h in hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            values = [v for k, v in scope.get("headers") or [] if k == b"host"]
            name = parse_host_header(values[0].decode("latin-1")) if len(values) == 1 else None
            if name is None or name not in self.hosts:
                resp = error_response(400, "bad_host", "this server answers only requests to its own address; "
                                      "start it with --allowed-host NAME to answer requests to NAME")
                return await resp(scope, receive, send)
        return await self.app(scope, receive, send)


_JSON_TYPE = re.compile(r"application/json\s*(;.*)?", re.IGNORECASE | re.DOTALL)


class JsonBodyMiddleware:
    """POST, PUT and PATCH bodies must be JSON: a missing or other Content-Type is refused (415)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("method") in ("POST", "PUT", "PATCH"):
            values = [v for k, v in scope.get("headers") or [] if k == b"content-type"]
            if len(values) != 1 or not _JSON_TYPE.fullmatch(values[0].decode("latin-1").strip()):
                resp = error_response(415, "unsupported_media_type",
                                      "send the body as JSON with 'Content-Type: application/json'")
                return await resp(scope, receive, send)
        return await self.app(scope, receive, send)


_SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SecurityHeadersMiddleware:
    """Adds the security headers to every answer, and ``Cache-Control: no-store`` to the API's.
    Plain ASGI (not ``BaseHTTPMiddleware``, which hides a client's disconnect from the routes)."""

    _NO_STORE = ("/events", "/actors", "/dyads", "/articles", "/health")

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        no_store = scope.get("path", "").startswith(self._NO_STORE)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                have = {k.lower() for k, _ in headers}
                extra = dict(_SECURITY_HEADERS, **({"Cache-Control": "no-store"} if no_store else {}))
                for k, v in extra.items():
                    if k.lower().encode("latin-1") not in have:
                        headers.append((k.lower().encode("latin-1"), v.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.error, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = [{"loc": [str(x) for x in e.get("loc", ())], "msg": e.get("msg"), "type": e.get("type")}
                    for e in exc.errors()]
        return error_response(422, "invalid_parameter", problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, kind, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(SteppeError)
    async def _steppe(request: Request, exc: SteppeError):
        return error_response(500, "steppe_error", str(exc))

    @app.exception_handler(Exception)
    async def _other(request: Request, exc: Exception):
        return error_response(500, "internal_error", f"{type(exc).__name__} (see the server log)")


def create_app(db_path: str, settings: Optional[Settings] = None, options: Optional[ApiOptions] = None,
               coder: Any = None, coder_factory: Optional[Callable[..., Any]] = None) -> FastAPI:
    """The API and dashboard over the DuckDB database at ``db_path`` (created and migrated if needed).

    ``settings`` configure the pipeline that codes ``POST /articles`` (default: package defaults);
    ``options`` the limits and the token (default: ``ApiOptions.from_env()``, token from
    ``STEPPE_TOKEN``). ``POST /articles`` codes in ``options.max_codings`` worker processes, each
    building ``coder_factory(settings)`` once (default ``steppe.pipeline.Coder``; it must be
    importable by name); ``coder``, a ready coder, is run in a thread of this process instead
    (one coding at once, and one that runs past its budget cannot be stopped).
    """
    from steppe.api.coding import make_pool
    from steppe.api.routes import router

    settings = settings or Settings()
    options = options or ApiOptions.from_env()
    store = Store(db_path)
    state = AppState(store=store, settings=settings, options=options, coder=coder)
    state.coding = make_pool(settings, options.max_codings, options.post_queue, coder=coder, factory=coder_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        state.coding.close()
        with state.write_lock, state.cursor_lock:
            state.readers.close()
            store.close()

    app = FastAPI(
        title="steppe", version=__version__, lifespan=lifespan,
        description=("Political event data coded from news articles (CAMEO + PLOVER), stored in DuckDB. "
                     "Reads are open; POST /articles needs 'Authorization: Bearer <STEPPE_TOKEN>'."),
        openapi_url="/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.steppe = state
    _install_error_handlers(app)
    app.include_router(router)
    static = static_dir()
    app.mount("/static", StaticFiles(directory=str(static), check_dir=False), name="static")

    app.add_middleware(JsonBodyMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=options.max_body_bytes)
    if options.allowed_hosts is not None:
        app.add_middleware(HostCheckMiddleware, hosts=options.allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


__all__ = ["ApiOptions", "ApiError", "AppState", "LOOPBACK_NAMES", "check_seconds", "create_app", "host_name",
           "parse_host_header"]
