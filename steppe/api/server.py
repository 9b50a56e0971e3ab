"""The HTTP server around the app: uvicorn with its h11 protocol, plus what uvicorn lacks.

- **Header timeout**: a connection that has not sent a whole request head within
  ``header_timeout`` seconds of connecting (or of its previous answer) is closed; uvicorn only
  closes idle keep-alive connections (``timeout_keep_alive``), so a client that sends one byte
  and then nothing would otherwise hold its connection for ever.
- **Connection limit**: at most ``max_connections`` open connections. When a new one would
  pass the limit, the oldest connection that is not in the middle of a request (still sending
  its head, or idle between requests) is closed to make room; if every one is busy with a
  request, the new connection is closed. uvicorn's own ``limit_concurrency`` is not used: it
  counts half-open connections too, so slow clients would make every request a 503.

``make_server(app, ...)`` builds the ``uvicorn.Server``; ``steppe serve`` runs it, tests run it in
a thread. Nothing here prints.
"""
from __future__ import annotations

import asyncio
from typing import Any, Optional

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header timeout and a connection limit (see the module doc)."""

    header_timeout: float = 10.0
    max_connections: int = 200

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self._header_timer: Optional[asyncio.TimerHandle] = None
        self._armed_cycle: Any = None
        self._since = self.loop.time()
        super().connection_made(transport)
        if len(self.connections) > self.max_connections and not self._make_room():
            self.transport.close()
            return
        self._arm()

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _make_room(self) -> bool:
        """Close the oldest other connection not in a request; False when there is none."""
        idle = [c for c in self.connections if c is not self and isinstance(c, GuardedH11Protocol)
                and c._waiting_for_head() and not c.transport.is_closing()]
        if not idle:
            return False
        oldest = min(idle, key=lambda c: c._since)
        oldest._drop()
        return True

    def _arm(self) -> None:
        self._disarm()
        self._since = self.loop.time()
        self._armed_cycle = self.cycle
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_timed_out)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timed_out(self) -> None:
        self._header_timer = None
        if self.cycle is self._armed_cycle and self._waiting_for_head():
            self._drop()

    def _drop(self) -> None:
        self._disarm()
        self.connections.discard(self)
        if not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self._waiting_for_head():
            self._arm()  # a new request head begins on a kept-alive connection
        super().data_received(data)
        if self.cycle is not self._armed_cycle:
            self._disarm()  # the head is complete: the request runs

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)


def make_server(app, host: str = "127.0.0.1", port: int = 8000, *, header_timeout: float = 10.0,
                keep_alive: float = 5.0, max_connections: int = 200, log_level: str = "info",
                access_log: bool = True) -> uvicorn.Server:
    """A ``uvicorn.Server`` for ``app`` with the header timeout, keep-alive timeout and
    connection limit given (seconds; connections)."""
    protocol = type("SteppeH11Protocol", (GuardedH11Protocol,),
                    {"header_timeout": header_timeout, "max_connections": max_connections})
    config = uvicorn.Config(app, host=host, port=port, http=protocol, log_level=log_level, access_log=access_log,
                            server_header=False, proxy_headers=False, timeout_keep_alive=keep_alive,
                            limit_concurrency=None, backlog=min(2048, 4 * max_connections), lifespan="on")
    return uvicorn.Server(config)


__all__ = ["GuardedH11Protocol", "make_server"]
