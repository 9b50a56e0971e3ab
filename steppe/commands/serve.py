"""`steppe serve`: the HTTP API and the dashboard over a database (uvicorn + FastAPI).

Binds 127.0.0.1 by default. Whatever the bind, requests must name this machine's loopback names
(localhost, 127.0.0.1, [::1]), the bound address itself, or a name given with --allowed-host in
their Host header. Writes (POST /articles) need the token in the environment variable
STEPPE_TOKEN, sent as `Authorization: Bearer <token>`; without it the server is read-only.
"""
from __future__ import annotations

import argparse
import ipaddress
import math

from steppe.registry import Command, commands

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::", "")

# (flag, ApiOptions or make_server name, default, help): every time option is a finite number of seconds > 0
TIME_OPTIONS = (
    ("--timeout", "read_timeout", 10.0, "seconds before a read query is stopped (504)"),
    ("--post-timeout", "post_timeout", 60.0,
     "seconds a POST /articles may take, waiting for a slot and coding; after that it is answered 504, "
     "its coding stopped and nothing stored"),
    ("--header-timeout", "header_timeout", 10.0,
     "seconds a connection may take to send a request head; slower ones are closed"),
    ("--keep-alive", "keep_alive", 5.0, "seconds an idle keep-alive connection stays open"),
)


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("serve", help="serve the HTTP API and the dashboard (http://127.0.0.1:8000/)",
                       description=("Serve the database over HTTP: the dashboard at /, the API (GET /events, "
                                    "/actors, /dyads, /dyads/A/B/timeline, /articles/ID, /health; POST /articles) "
                                    "with its OpenAPI description at /openapi.json and docs at /docs. "
                                    "POST /articles needs the token from STEPPE_TOKEN as "
                                    "'Authorization: Bearer <token>'."))
    p.add_argument("--db", default=None, help="DuckDB file (default ./steppe.duckdb, or the config's db)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help=("also answer requests whose Host header names NAME (repeatable); by default only "
                         "localhost, 127.0.0.1, [::1] and the bound address are answered, whatever --host is"))
    p.add_argument("--max-rows", type=int, default=1000,
                   help="the most rows one read returns, 1..1000 (default 1000); a larger limit is capped to it")
    for flag, _, default, text in TIME_OPTIONS:
        p.add_argument(flag, type=float, default=default, metavar="S", help=f"{text} (default {default:g})")
    p.add_argument("--max-codings", type=int, default=2,
                   help="articles POST /articles codes at once, each in its own process (default 2)")
    p.add_argument("--post-queue", type=int, default=16,
                   help="POSTs that may wait for a coding slot; more are answered 503 with Retry-After (default 16)")
    p.add_argument("--max-connections", type=int, default=200,
                   help=("open connections at most (default 200); past it the oldest connection not in a request "
                         "is closed"))
    p.add_argument("--quiet", action="store_true", help="no startup lines or request log")
    return p


def allowed_hosts(bind: str, extra: list[str]) -> tuple[str, ...]:
    """The Host header names the server answers: the loopback names, the bound address when it is
    one address (not a wildcard), and ``extra``. ValueError for a malformed name."""
    from steppe.api.app import host_name

    names = list(LOOPBACK)
    if bind not in WILDCARDS:
        names.append(bind)
    names.extend(extra)
    return tuple(dict.fromkeys(host_name(n) for n in names))


def check(args) -> list[str]:
    """The usage errors in ``args`` (empty when every value is usable)."""
    from steppe.api.app import MAX_SECONDS

    problems = []
    for flag, name, _, _ in TIME_OPTIONS:
        value = getattr(args, flag[2:].replace("-", "_"))
        if not (math.isfinite(value) and 0 < value <= MAX_SECONDS):
            problems.append(f"{flag} must be a finite number of seconds > 0 and at most {MAX_SECONDS:g}, not {value:g}")
    for flag, value, low, high in (("--max-rows", args.max_rows, 1, 1000), ("--port", args.port, 0, 65535),
                                   ("--max-codings", args.max_codings, 1, 64),
                                   ("--post-queue", args.post_queue, 0, 1000),
                                   ("--max-connections", args.max_connections, 1, 100_000)):
        if not low <= value <= high:
            problems.append(f"{flag} must be {low}..{high}, not {value}")
    try:
        allowed_hosts(args.host, args.allowed_host)
    except ValueError as exc:
        problems.append(f"--allowed-host / --host: {exc}")
    return problems


def build(args, settings):
    """The app and the uvicorn server for checked ``args``."""
    from steppe.api import ApiOptions, create_app
    from steppe.api.server import make_server

    options = ApiOptions.from_env(max_rows=args.max_rows, read_timeout=args.timeout,
                                  post_timeout=args.post_timeout, max_codings=args.max_codings,
                                  post_queue=args.post_queue,
                                  allowed_hosts=allowed_hosts(args.host, args.allowed_host))
    app = create_app(settings.db, settings, options=options)
    server = make_server(app, args.host, args.port, header_timeout=args.header_timeout, keep_alive=args.keep_alive,
                         max_connections=args.max_connections, log_level="warning" if args.quiet else "info",
                         access_log=not args.quiet)
    return app, server


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args, out, err) -> int:
    from steppe.config import load_settings

    settings = load_settings(args.config, db=args.db)
    problems = check(args)
    if problems:
        for problem in problems:
            err.write(f"steppe serve: error: {problem}\n")
        return 2
    try:  # bound here, so that the address printed is the one bound (--port 0: a free port)
        sock = _bind(args.host, args.port)
    except OSError as exc:
        err.write(f"steppe serve: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}\n")
        return 1
    port = sock.getsockname()[1]
    app, server = build(args, settings)
    state = app.state.steppe
    if state.options.token:
        state.coding.start()  # the coding processes load the model while the server starts
    if not args.quiet:
        shown = f"[{args.host}]" if ":" in args.host else args.host
        err.write(f"steppe serve: http://{shown}:{port}/  (API docs: /docs, database: {settings.db})\n")
        if not state.options.token:
            err.write("steppe serve: STEPPE_TOKEN is not set: the server is read-only (POST /articles -> 403)\n")
        if not _loopback(args.host):
            err.write(f"steppe serve: warning: listening on {args.host}, reachable from other machines; "
                      f"answering requests to {', '.join(state.options.allowed_hosts)}\n")
        err.flush()
    server.run(sockets=[sock])
    return 0


def _bind(host: str, port: int):
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


__all__ = ["add_parser", "allowed_hosts", "build", "check", "run"]


commands.register("serve", func=Command(add_parser, run))
