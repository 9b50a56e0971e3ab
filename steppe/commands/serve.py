"""`steppe serve`: the HTTP API and the dashboard over a database (uvicorn + FastAPI).

Binds 127.0.0.1 by default. Writes (POST /articles) need the token in the environment variable
STEPPE_TOKEN, sent as `Authorization: Bearer <token>`; without it the server is read-only.
"""
from __future__ import annotations

import argparse

LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
    p.add_argument("--max-rows", type=int, default=1000, help="the most rows one read returns (default 1000)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before a read query is stopped (default 10)")
    p.add_argument("--quiet", action="store_true", help="no startup lines or request log")
    return p


def run(args, out, err) -> int:
    import uvicorn

    from steppe.api import ApiOptions, create_app
    from steppe.config import load_settings

    settings = load_settings(args.config, db=args.db)
    if not 1 <= args.max_rows <= 1000 or args.timeout <= 0 or not 0 <= args.port <= 65535:
        err.write("steppe serve: error: --max-rows must be 1..1000, --timeout > 0, --port 0..65535\n")
        return 2
    loopback = args.host in LOOPBACK
    options = ApiOptions.from_env(max_rows=args.max_rows, read_timeout=args.timeout,
                                  allowed_hosts=LOOPBACK if loopback else None)
    app = create_app(settings.db, settings, options=options)
    try:  # bound here, so that the address printed is the one bound (--port 0: a free port)
        sock = _bind(args.host, args.port)
    except OSError as exc:
        err.write(f"steppe serve: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}\n")
        return 1
    port = sock.getsockname()[1]
    if not args.quiet:
        shown = f"[{args.host}]" if ":" in args.host else args.host
        err.write(f"steppe serve: http://{shown}:{port}/  (API docs: /docs, database: {settings.db})\n")
        if not options.token:
            err.write("steppe serve: STEPPE_TOKEN is not set: the server is read-only (POST /articles -> 403)\n")
        if not loopback:
            err.write(f"steppe serve: warning: listening on {args.host}, reachable from other machines\n")
        err.flush()
    config = uvicorn.Config(app, host=args.host, port=port, log_level="warning" if args.quiet else "info",
                            access_log=not args.quiet, server_header=False, proxy_headers=False,
                            limit_concurrency=100)
    uvicorn.Server(config).run(sockets=[sock])
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


__all__ = ["add_parser", "run"]
