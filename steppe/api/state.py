"""What the HTTP routes and the application share: the options, the state of a running app
(store, settings, coding pool, locks), typed errors and their JSON answers. ``steppe.api.app``
builds the application from these and ``steppe.api.routes``; the routes import only this
module, so neither imports the other's importer.
"""
from __future__ import annotations

import hmac
import ipaddress
import math
import os
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

import duckdb
from fastapi import Request
from fastapi.responses import JSONResponse

from steppe.config import Settings
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


def state_of(request: Request) -> AppState:
    return request.app.state.steppe


__all__ = ["ApiError", "ApiOptions", "AppState", "LOOPBACK_NAMES", "MAX_ROWS", "MAX_SECONDS", "TOKEN_ENV",
           "check_seconds", "error_response", "host_name", "parse_host_header", "state_of", "static_dir"]
