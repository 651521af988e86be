"""gunicorn settings, from the one settings object (``REMISSVAR_WEB_*``).

Sizing for this machine (2 cores): 2 worker processes; each is gthread with admission by
cost (``web.admission.AdmissionWorker``): ``web_threads`` (4) threads for keyword searches
and pages, as many for searches that embed a query and ``web_precedent_threads`` for
precedent searches, which wait in a queue bounded across the
workers (503 with Retry-After past it): a burst of expensive searches never holds the
threads a keyword page needs. Two processes use both cores for Python work. Each worker is
replaced after ``web_max_requests`` requests (with jitter, so that they do not restart
together), or after a request that left it more than ``web_memory_growth_mb`` above its size
after warming up (``post_request``, ``web.security.after_request_memory``), and gets an
address-space ceiling of ``web_memory_mb`` MiB in ``post_fork``
(``web.security.limit_worker_memory``); a worker stuck longer than ``web_timeout`` seconds
is restarted; a new worker loads the query encoder before it takes requests
(``post_worker_init``); the query encoders' tokenizer (~55 MB, remissvar.query_tokenizer) is loaded once in the
master before the workers fork (``on_starting``), so that they share its pages. Request
line and header sizes are gunicorn's limits, set explicitly here; the answers gunicorn
writes itself when they are passed (414, 431, 400) carry the site's headers
(``web.security.install_gunicorn_error_pages``).
"""
from __future__ import annotations

from typing import Any

from remissvar.settings import get_settings
from web.security import after_request_memory, install_gunicorn_error_pages, limit_worker_memory, rss_bytes

_s = get_settings()


def _fewer_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives each thread that allocates under contention an arena of its own and keeps
    what is freed there: a burst on 4 + 3 threads left a worker 60-90 MB larger for good.
    Set in the master before the workers fork (they inherit it)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).mallopt(-8, arenas)  # M_ARENA_MAX
        except (OSError, AttributeError):
            pass


_fewer_malloc_arenas()

bind = f"{_s.web_host}:{_s.web_port}"
workers = _s.web_workers
threads = _s.web_threads
worker_class = "web.admission.AdmissionWorker"
timeout = _s.web_timeout
graceful_timeout = 20
keepalive = 5
max_requests = _s.web_max_requests
max_requests_jitter = max(0, _s.web_max_requests // 10)
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
logger_class = "web.access_log.PrivateAccessLogger"  # precedent query strings (old draft links) redacted
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
proc_name = "remissvar-web"


def on_starting(server: Any) -> None:
    """Load the query encoders' tokenizer in the master: the forked workers share its pages
    (copy-on-write, never written after loading) instead of loading a copy each: ~55 MB once
    instead of once per worker (``make bench`` reports the web tree's RSS and PSS)."""
    if _s.query_encoder not in ("onnx", "student", "static"):
        return
    if _s.encoder_service and _s.query_encoder in ("onnx", "student"):
        return  # the encoder service holds the tokenizer; a worker loads one only while it is down
    from remissvar.query_encoders import shared_tokenizer

    try:
        shared_tokenizer(_s.model_path)
    except Exception:  # no model here yet: each worker loads (and reports) it itself
        server.log.exception("tokeniseraren kunde inte läsas in före arbetsprocesserna")


def post_worker_init(worker: Any) -> None:
    """Load the search service and its query encoder before the worker takes requests: a worker
    replaced after ``max_requests`` otherwise made its first searches wait for the model (a
    3.5 s p99 in ``make bench``)."""
    from search_api.blueprint import get_service

    try:
        svc = get_service(getattr(worker.wsgi, "app", worker.wsgi))
        warm = getattr(svc.embedder, "warm", None)  # a client of the encoder service: no own encoder here
        if warm is not None:
            warm()
        elif svc.embedder is not None:
            svc.embedder.encode_query("uppvärmning")
    except Exception:  # a worker that cannot warm up still serves; the first search loads lazily
        worker.log.exception("uppvärmningen av söktjänsten misslyckades")
    worker.remissvar_rss0 = rss_bytes()  # its size ready to serve: what post_request compares with


def post_fork(server: Any, worker: Any) -> None:
    limit = limit_worker_memory(_s.web_memory_mb)
    install_gunicorn_error_pages()
    server.log.info("arbetsprocess %s: minnestak %d MiB", worker.pid, limit // (1024 * 1024))


def post_request(worker: Any, req: Any, environ: Any, resp: Any) -> None:
    """A worker that a request left larger than its warm size plus ``web_memory_growth_mb``
    (after returning freed heap) finishes its requests and is replaced."""
    if not worker.alive:
        return
    _own_encoder_is_its_size(worker)
    rss, replace = after_request_memory(getattr(worker, "remissvar_rss0", 0), _s.web_memory_growth_mb)
    if replace:
        worker.log.info("arbetsprocess %s: %d MiB efter begäran (start %d MiB): ersätts", worker.pid,
                        rss // 2**20, getattr(worker, "remissvar_rss0", 0) // 2**20)
        worker.alive = False


def _own_encoder_is_its_size(worker: Any) -> None:
    """A worker that loaded its own encoder (the encoder service is down) is not replaced for it:
    its size with the encoder becomes the size compared with."""
    from search_api.blueprint import get_service

    svc = get_service(getattr(worker.wsgi, "app", worker.wsgi))
    own = bool(getattr(svc.embedder, "using_own_encoder", False))
    if own != getattr(worker, "remissvar_own_encoder", False):
        worker.remissvar_own_encoder = own
        worker.remissvar_rss0 = rss_bytes()


def child_exit(server: Any, worker: Any) -> None:
    """(In the master.) Precedent searches a worker held when it died are no longer counted."""
    from web.admission import PRECEDENTS

    PRECEDENTS.forget(worker.age)
