"""Security settings of the web app: response headers, the request-size limit, and the
memory ceiling of a web worker process (installed by one line in ``web.app``).

Headers on every response:
- ``Content-Security-Policy``: scripts and styles only from this site (``'self'``; the
  templates have no inline script or style, and the charts are SVG without inline styles),
  no plugins, no ``<base>``, forms only to this site, and ``frame-ancestors 'none'``;
- ``X-Frame-Options: DENY`` (the same for old browsers), ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: same-origin``, ``Cross-Origin-Opener-Policy: same-origin``
  and a ``Permissions-Policy`` that turns off what the site never uses.

Request size: ``MAX_CONTENT_LENGTH`` (``web_max_body_bytes``, 1 MiB) — a larger body is
refused with 413 before it is parsed; form fields are held to the same limit in memory.
"""
from __future__ import annotations

import resource
from pathlib import Path

from flask import Flask, Response

from remissvar.settings import Settings

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def _add_headers(resp: Response) -> Response:
    for k, v in HEADERS.items():
        resp.headers.setdefault(k, v)
    return resp


def install(app: Flask) -> None:
    """Security headers on every response and the request-size limit, from the app's settings."""
    s: Settings = app.config["REMISSVAR_SETTINGS"]
    app.config["MAX_CONTENT_LENGTH"] = s.web_max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = s.web_max_body_bytes
    app.after_request(_add_headers)


def _vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def limit_worker_memory(megabytes: int, headroom: int = 256 * 1024 * 1024) -> int:
    """Cap this process's address space (``RLIMIT_AS``) at ``megabytes`` MiB, or at what it
    already maps plus ``headroom`` if that is more; returns the limit in bytes (0: none).
    A request that needs more gets a ``MemoryError`` (a 500) instead of growing the worker;
    gunicorn's ``max_requests`` replaces workers regularly in any case."""
    if megabytes <= 0:
        return 0
    limit = max(megabytes * 1024 * 1024, _vm_size() + headroom)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit
