"""Admission by cost, before a thread is taken: the gunicorn worker class of the web server.

Issue 28 measured three waves of 20 concurrent precedent searches against 2 workers x 4
threads: every thread held a request waiting for one of the embedding slots, keyword pages
queued behind them (p95 152 ms -> 2,952 ms) and no 503 ever appeared. Here the request line
is read (peeked, not consumed) when a connection becomes readable, before any thread takes
it, and the request goes to the pool of its cost:

- ``cheap`` (keyword searches, pages, static files, the API's lookups): the worker's own
  pool of ``web_threads`` threads, which no search that embeds ever occupies;
- ``embed`` (hybrid and semantic searches, their CSV and feed): another ``web_threads``
  threads per worker (the throughput of hybrid, the default mode, is kept; the embedding
  itself stays bounded by the search service's ``search_concurrency`` slots); a request
  that waited there longer than ``web_embed_wait_s`` is answered 503 with Retry-After;
- ``precedent`` (``POST /api/precedent`` and ``POST /prejudikat``, the costliest: a pasted
  paragraph embedded and compared): ``web_precedent_threads`` threads per worker, behind a queue
  bounded across all workers (``web_precedent_queue`` admitted at once, running or
  waiting, counted in memory shared by the forked workers); past the bound, or after
  ``web_precedent_wait_s`` in the queue, the answer is a Swedish 503 with Retry-After. Its
  threads run at a lower priority (``web_precedent_nice``): the cores go to keyword pages
  and Elasticsearch first.

A refused request is still read and answered by the app (``environ["remissvar.admission"]
== "busy"``: ``web.app`` raises ``BusyError``), in the cheap pool, which takes
milliseconds: the answer carries the site's headers and the request body is drained as for
any other answer. A request line that cannot be read yet (TLS, a client still sending it)
goes to the cheap pool unclassified; the search service's own slots still bound its
embedding (``search_api.search.service``).
"""
from __future__ import annotations

import errno
import multiprocessing
import os
import selectors
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from gunicorn.workers.gthread import ThreadWorker

from remissvar.settings import Settings, get_settings

ENVIRON_KEY = "remissvar.admission"
BUSY = "busy"
_PEEK_BYTES = 8192
EMBED_PATHS = frozenset({"/", "/api/search", "/sok.csv", "/flode"})


class Cost(str, Enum):
    CHEAP = "cheap"
    EMBED = "embed"
    PRECEDENT = "precedent"


def classify(method: str, target: str) -> Cost:
    """The cost class of a request from its request line alone (method and target)."""
    parts = urlsplit(target)
    path = parts.path
    if path == "/api/precedent" and method == "POST":
        return Cost.PRECEDENT
    query = parse_qsl(parts.query, keep_blank_values=True, max_num_fields=200) if parts.query else []
    if path == "/prejudikat":  # the draft is POSTed; a GET shows the form (or a shared result's page)
        return Cost.PRECEDENT if method == "POST" else Cost.CHEAP
    if path in EMBED_PATHS and method in ("GET", "HEAD"):
        q = next((v for k, v in query if k == "q"), "")
        mode = next((v for k, v in query if k == "mode"), "") or "hybrid"
        if q.strip() and mode != "keyword":
            return Cost.EMBED
    return Cost.CHEAP


def request_line(head: bytes) -> tuple[str, str] | None:
    """(method, target) of the first line of ``head``; None while the line is incomplete or
    not an HTTP/1 request line."""
    end = head.find(b"\n")
    if end < 0:
        return None
    parts = head[:end].rstrip(b"\r").split(b" ")
    if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
        return None
    try:
        return parts[0].decode("ascii"), parts[1].decode("latin-1")
    except UnicodeDecodeError:
        return None


class SharedCount:
    """Requests admitted across the forked workers: one cell per worker (by its age), so the
    master can zero the cell of a worker that died holding some (``forget``)."""

    CELLS = 256

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._cells = ctx.Array("i", self.CELLS, lock=False)
        self._lock = ctx.Lock()

    def try_add(self, cell: int, limit: int) -> bool:
        with self._lock:
            if sum(self._cells) >= limit:
                return False
            self._cells[cell % self.CELLS] += 1
            return True

    def remove(self, cell: int) -> None:
        with self._lock:
            self._cells[cell % self.CELLS] = max(0, self._cells[cell % self.CELLS] - 1)

    def forget(self, cell: int) -> None:
        with self._lock:
            self._cells[cell % self.CELLS] = 0

    def total(self) -> int:
        with self._lock:
            return int(sum(self._cells))


# created in the master when gunicorn loads this worker class, inherited by every forked worker
PRECEDENTS = SharedCount()

_local = threading.local()


class AdmissionWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn is untyped
    """gunicorn's threaded worker with one pool per cost class (see the module docstring)."""

    def init_process(self) -> None:
        s: Settings = get_settings()
        self.settings = s
        # as many as the cheap pool: a hybrid search is mostly Elasticsearch round trips (its
        # embedding is bounded by the service's own slots, search_concurrency)
        self.embed_pool = ThreadPoolExecutor(max_workers=s.web_threads, thread_name_prefix="embed")
        self.precedent_pool = ThreadPoolExecutor(max_workers=s.web_precedent_threads, thread_name_prefix="precedent",
                                                 initializer=_lower_priority, initargs=(s.web_precedent_nice,))
        PRECEDENTS.forget(self.age)  # a cell left by a worker of the same age long ago
        super().init_process()

    def load_wsgi(self) -> None:
        super().load_wsgi()
        app: Callable[..., Iterable[bytes]] = getattr(self, "wsgi")  # noqa: B009 - set by gunicorn, untyped
        self.wsgi = _Marked(app)

    # -- routing (main thread) ------------------------------------------------------------
    def enqueue_req(self, conn: Any) -> None:
        head = self._peek(conn)
        if head is None:  # nothing to read yet: wait in the poller, not in a thread
            self._park(conn)
            return
        line = request_line(head)
        cost = classify(*line) if line else Cost.CHEAP
        if cost is Cost.CHEAP:
            self._submit(self.tpool, conn, None)
        elif cost is Cost.EMBED:
            self._submit(self.embed_pool, conn, (time.monotonic(), self.settings.web_embed_wait_s, False))
        elif PRECEDENTS.try_add(self.age, self.settings.web_precedent_queue):
            self._submit(self.precedent_pool, conn, (time.monotonic(), self.settings.web_precedent_wait_s, True))
        else:
            self._submit(self.tpool, conn, BUSY)  # answered 503 by the app, in milliseconds

    def _peek(self, conn: Any) -> bytes | None:
        """The start of the next request without consuming it; b'' when it cannot be told
        (TLS, closed, read ahead) - the cheap pool then reads it as gunicorn does; None
        when nothing has arrived yet."""
        parser = getattr(conn, "parser", None)
        if parser is not None:
            buffered = parser.unreader.buf.getvalue() if hasattr(parser, "unreader") else b""
            if buffered:
                return bytes(buffered[:_PEEK_BYTES])
        if self.cfg.is_ssl or getattr(conn, "is_http2", False):
            return b""
        try:
            data: bytes = conn.sock.recv(_PEEK_BYTES, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                return None
            return b""  # a reset connection: the pool's read reports it
        return data

    def _park(self, conn: Any) -> None:
        """As gthread does for a connection without data: in the poller until it is readable
        (closed after the keep-alive timeout)."""
        conn.sock.setblocking(False)
        conn.timeout = time.monotonic() + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))

    def _submit(self, pool: ThreadPoolExecutor, conn: Any, admission: Any) -> None:
        fs = pool.submit(self._handle_admitted, conn, admission)
        fs.add_done_callback(lambda fut: self.method_queue.defer(self.finish_request, conn, fut))

    # -- in a pool thread ---------------------------------------------------------------------
    def _handle_admitted(self, conn: Any, admission: Any) -> Any:
        counted = isinstance(admission, tuple) and admission[2]
        try:
            verdict = None
            if admission == BUSY:
                verdict = BUSY
            elif isinstance(admission, tuple) and time.monotonic() - admission[0] > admission[1]:
                verdict = BUSY  # waited past its bound in the queue
            _local.verdict = verdict
            return self.handle(conn)
        finally:
            _local.verdict = None
            if counted:
                PRECEDENTS.remove(self.age)

    def handle_quit(self, sig: Any, frame: Any) -> None:
        for pool in (self.embed_pool, self.precedent_pool):
            pool.shutdown(wait=False)
        super().handle_quit(sig, frame)

    def run(self) -> None:
        try:
            super().run()
        finally:
            for pool in (self.embed_pool, self.precedent_pool):
                pool.shutdown(wait=False, cancel_futures=True)


def _lower_priority(nice: int) -> None:
    """(In a new precedent thread.) Its own niceness (Linux schedules threads one by one): a
    precedent search uses the cores the keyword pages and Elasticsearch leave."""
    if nice <= 0:
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
    except (OSError, AttributeError):
        pass


class _Marked:
    """The WSGI app with the admission verdict of the thread's request in its environ."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        verdict = getattr(_local, "verdict", None)
        if verdict:
            environ[ENVIRON_KEY] = verdict
        return self.app(environ, start_response)
