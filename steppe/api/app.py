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

import hmac
import ipaddress
import math
import os
import re
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


MAX_ROWS = 1000  # the most ``max_rows`` can be
MAX_SECONDS = 86_400.0  # the longest any time option can be (a day)
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def check_seconds(name: str, value: float) -> float:
    """``value`` if it is a finite number of seconds in (0, MAX_SECONDS], else ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 < value <= MAX_SECONDS:
        raise ValueError(f"{name} must be a finite number of seconds > 0 and at most {MAX_SECONDS:g}, "
                         f"not {value!r}")
    return float(value)


@dataclass(frozen=True)
class ApiOptions:
    token: Optional[str] = None  # writes need "Authorization: Bearer <token>"; None: writes refused
    max_rows: int = MAX_ROWS  # the most rows one read returns (a larger limit is capped to it)
    default_rows: int = 100
    read_timeout: float = 10.0  # seconds before a read query is interrupted (504)
    max_body_bytes: int = 5_000_000  # larger request bodies are refused (413)
    allowed_hosts: Optional[tuple[str, ...]] = None  # Host header names accepted; None: any
    post_timeout: float = 60.0  # seconds a POST /articles may take, waiting and coding (504 after)
    max_codings: int = 2  # codings at once (each in its own process)
    post_queue: int = 16  # POSTs that may wait for a coding slot (503 with Retry-After beyond)

    def __post_init__(self) -> None:
        check_seconds("read_timeout", self.read_timeout)
        check_seconds("post_timeout", self.post_timeout)
        for name, low, high in (("max_rows", 1, MAX_ROWS), ("default_rows", 1, MAX_ROWS),
                                ("max_codings", 1, 64), ("post_queue", 0, 1000),
                                ("max_body_bytes", 1, 1 << 40)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"{name} must be an integer in {low}..{high}, not {value!r}")
        if self.allowed_hosts is not None:
            object.__setattr__(self, "allowed_hosts", tuple(host_name(h) for h in self.allowed_hosts))

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
    coding: Any = None  # steppe.api.coding.CodingPool: where POST /articles codes
    write_lock: threading.Lock = field(default_factory=threading.Lock)
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


_REG_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
_HOST_HEADER = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[^\[\]:]+))(?::(?P<port>[0-9]{1,5}))?")


def host_name(value: str) -> str:
    """The canonical form of a host name or address given to ``--allowed-host`` (lowercase; an
    IPv6 address without brackets, compressed); ValueError when it is neither."""
    text = value.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        pass
    if len(text) > 253 or not _REG_NAME.fullmatch(text):
        raise ValueError(f"not a host name or IP address: {value!r}")
    return text


def parse_host_header(value: str) -> Optional[str]:
    """The host of a Host header ``host[:port]`` (RFC 9110/3986: a name, an IPv4 address or an
    IPv6 address in brackets; a port of digits, 0..65535), canonical as ``host_name``; None for
    anything else ("127.0.0.1:evil.com", "::1" without brackets, an empty header)."""
    m = _HOST_HEADER.fullmatch(value.strip().lower())
    if m is None or (m.group("port") is not None and int(m.group("port")) > 65535):
        return None
    if m.group("v6") is not None:
        try:
            address = ipaddress.ip_address(m.group("v6"))
        except ValueError:
            return None
        return str(address) if address.version == 6 else None
    try:
        return host_name(m.group("name"))
    except ValueError:
        return None


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


def state_of(request: Request) -> AppState:
    return request.app.state.steppe


__all__ = ["ApiOptions", "ApiError", "AppState", "LOOPBACK_NAMES", "check_seconds", "create_app", "host_name",
           "parse_host_header"]
