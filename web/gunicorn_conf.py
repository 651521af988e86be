"""gunicorn settings, from the one settings object (``REMISSVAR_WEB_*``).

Sizing for this machine (2 cores): 2 worker processes x 4 threads (``gthread``): a slow
request (an expensive precedent search) holds one thread, not the site; two processes use
both cores for Python work. Each worker is replaced after ``web_max_requests`` requests
(with jitter, so that they do not restart together) and gets an address-space ceiling of
``web_memory_mb`` MiB in ``post_fork`` (``web.security.limit_worker_memory``); a worker
stuck longer than ``web_timeout`` seconds is restarted; a new worker loads the query encoder
before it takes requests (``post_worker_init``); the query encoders' tokenizer (~285 MB) is
loaded once in the master before the workers fork (``on_starting``), so that they share its
pages. Request line and header sizes are gunicorn's limits, set explicitly here.
"""
from __future__ import annotations

from typing import Any

from remissvar.settings import get_settings
from web.security import limit_worker_memory

_s = get_settings()

bind = f"{_s.web_host}:{_s.web_port}"
workers = _s.web_workers
threads = _s.web_threads
worker_class = "gthread"
timeout = _s.web_timeout
graceful_timeout = 20
keepalive = 5
max_requests = _s.web_max_requests
max_requests_jitter = max(0, _s.web_max_requests // 10)
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
proc_name = "remissvar-web"


def on_starting(server: Any) -> None:
    """Load the query encoders' tokenizer in the master: the forked workers share its pages
    (copy-on-write, never written after loading) instead of loading a copy each: ~285 MB once
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
        svc = get_service(worker.wsgi)
        warm = getattr(svc.embedder, "warm", None)  # a client of the encoder service: no own encoder here
        if warm is not None:
            warm()
        elif svc.embedder is not None:
            svc.embedder.encode_query("uppvärmning")
    except Exception:  # a worker that cannot warm up still serves; the first search loads lazily
        worker.log.exception("uppvärmningen av söktjänsten misslyckades")


def post_fork(server: Any, worker: Any) -> None:
    limit = limit_worker_memory(_s.web_memory_mb)
    server.log.info("arbetsprocess %s: minnestak %d MiB", worker.pid, limit // (1024 * 1024))
