"""The FastAPI application: ``create_app(db_path, settings=None)``.

Concurrency (DuckDB): the app process holds one read-write connection, the store's. Writes
(``POST /articles``) go through it under a lock, one at a time, each in one transaction; no
other thread touches that connection. Every read runs on its own cursor (``cursor()``: a new
connection to the same database instance, used by the request's thread only and closed after),
made from a second cursor kept for that purpose; it sees committed data only (DuckDB's MVCC)
and is interrupted (``interrupt()`` from a timer thread) when it runs past the time limit.

Safety: writes need ``Authorization: Bearer <token>`` with the token from ``STEPPE_TOKEN``
(compared with ``hmac.compare_digest``); with no token configured, writes are refused (403).
Reads return at most ``max_rows`` rows and are interrupted after ``read_timeout`` seconds.
Request bodies over ``max_body_bytes`` are refused (413). Every SQL value is a bound
parameter. Errors are JSON: ``{"ok": false, "status": 404, "error": "not_found", "title": ..., "detail": ...}``.
"""
from __future__ import annotations

import hmac
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from steppe import __version__
from steppe.config import Settings
from steppe.errors import SteppeError
from steppe.store import Store

TOKEN_ENV = "STEPPE_TOKEN"


@dataclass(frozen=True)
class ApiOptions:
    token: Optional[str] = None  # writes need "Authorization: Bearer <token>"; None: writes refused
    max_rows: int = 1000  # the most rows one read returns (limit <= max_rows)
    default_rows: int = 100
    read_timeout: float = 10.0  # seconds before a read query is interrupted (504)
    max_body_bytes: int = 5_000_000  # larger request bodies are refused (413)
    allowed_hosts: Optional[tuple[str, ...]] = None  # Host header names accepted; None: any

    @classmethod
    def from_env(cls, **overrides: Any) -> "ApiOptions":
        token = os.environ.get(TOKEN_ENV) or None
        return cls(**{"token": token, **overrides})


class ApiError(Exception):
    """An error with an HTTP status, a machine-readable type and a message."""

    def __init__(self, status: int, error: str, detail: str, headers: Optional[dict[str, str]] = None):
        super().__init__(detail)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers


_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           413: "Request body too large", 415: "Unsupported media type", 422: "Invalid request",
           500: "Internal error", 503: "Unavailable", 504: "Query timed out"}


def error_response(status: int, error: str, detail: Any, headers: Optional[dict[str, str]] = None) -> JSONResponse:
    body = {"ok": False, "status": status, "error": error, "title": _TITLES.get(status, "Error"), "detail": detail}
    return JSONResponse(body, status_code=status, headers=headers)


@dataclass
class AppState:
    """What the routes share: the store (one writer connection), locks, the lazily built coder."""

    store: Store
    settings: Settings
    options: ApiOptions
    coder: Any = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    coder_lock: threading.Lock = field(default_factory=threading.Lock)
    cursor_lock: threading.Lock = field(default_factory=threading.Lock)
    readers: Any = None  # a cursor that only makes the reads' cursors (the writer's connection is never shared)

    def __post_init__(self) -> None:
        self.readers = self.store.cursor()

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(view, ...)`` on a fresh cursor, interrupting it after the time limit."""
        with self.cursor_lock:
            view = self.readers.cursor()
        timer = threading.Timer(self.options.read_timeout, view.con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            return fn(view, *args, **kwargs)
        except duckdb.InterruptException:
            raise ApiError(504, "query_timeout",
                           f"the query ran longer than {self.options.read_timeout:g}s and was stopped; "
                           "narrow the filters or lower the limit") from None
        finally:
            timer.cancel()
            view.close()

    def get_coder(self):
        with self.coder_lock:
            if self.coder is None:
                from steppe.pipeline import Coder

                self.coder = Coder(self.settings)
            return self.coder

    def check_token(self, authorization: Optional[str]) -> None:
        if not self.options.token:
            raise ApiError(403, "writes_disabled",
                           f"writes are disabled: start the server with {TOKEN_ENV} set to a secret token")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise ApiError(401, "unauthorized", "send the token as 'Authorization: Bearer <token>'",
                           {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode("utf-8"), self.options.token.encode("utf-8")):
            raise ApiError(403, "forbidden", "wrong token")


def static_dir() -> Path:
    return Path(str(resources.files("steppe") / "web" / "static"))


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
    """Answers only requests whose Host header names an allowed host (DNS-rebinding guard)."""

    def __init__(self, app, hosts: tuple[str, ...]) -> None:
        self.app, self.hosts = app, {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0] if ":" in host else host
            if name not in self.hosts:
                resp = error_response(400, "bad_host", "this server answers only requests to its own address")
                return await resp(scope, receive, send)
        return await self.app(scope, receive, send)


_SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


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
               coder: Any = None) -> FastAPI:
    """The API and dashboard over the DuckDB database at ``db_path`` (created and migrated if needed).

    ``settings`` configure the pipeline that codes ``POST /articles`` (default: package defaults);
    ``options`` the limits and the token (default: ``ApiOptions.from_env()``, token from
    ``STEPPE_TOKEN``); ``coder`` a ready ``steppe.pipeline.Coder`` to use instead of building one.
    """
    from steppe.api.routes import router

    settings = settings or Settings()
    options = options or ApiOptions.from_env()
    store = Store(db_path)
    state = AppState(store=store, settings=settings, options=options, coder=coder)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
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

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in _SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith(("/events", "/actors", "/dyads", "/articles", "/health")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(BodyLimitMiddleware, max_bytes=options.max_body_bytes)
    if options.allowed_hosts:
        app.add_middleware(HostCheckMiddleware, hosts=options.allowed_hosts)
    return app


def state_of(request: Request) -> AppState:
    return request.app.state.steppe


__all__ = ["ApiOptions", "ApiError", "AppState", "create_app"]
