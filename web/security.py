"""Security settings of the web app: response headers, the request-size limit, routing
without Host-built redirects, the pages gunicorn writes itself, and the memory bounds of a
web worker process (installed by one line in ``web.app`` and by ``web/gunicorn_conf.py``).

Headers on every response:
- ``Content-Security-Policy``: scripts and styles only from this site (``'self'``; the
  templates have no inline script or style, and the charts are SVG without inline styles),
  no plugins, no ``<base>``, forms only to this site, and ``frame-ancestors 'none'``;
- ``X-Frame-Options: DENY`` (the same for old browsers), ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: same-origin``, ``Cross-Origin-Opener-Policy: same-origin``
  and a ``Permissions-Policy`` that turns off what the site never uses.

Request size: ``MAX_CONTENT_LENGTH`` (``web_max_body_bytes``, 1 MiB) — a larger body is
refused with 413 before it is parsed; form fields are held to the same limit in memory.

Routing: no slash-merging (``//remiss/x``) or trailing-slash redirect: Werkzeug builds
those Locations from the request's Host header, so a forged Host made the site redirect
elsewhere; such paths are a 404 instead.

gunicorn's own answers (a request line over 8190 bytes: 414, too many or too large
headers: 431, a malformed request: 400) never reach Flask: ``error_page`` writes them with
the same headers and a Swedish text (``install_gunicorn_error_pages``, in the worker).

Memory: an address-space ceiling per worker (``limit_worker_memory``), and after each
request (``after_request_memory``) a worker whose RSS grew more than
``web_memory_growth_mb`` above its size after warming up returns freed heap to the system
(``malloc_trim``) and, still above, is replaced once its requests are done.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import html
import os
import resource
from pathlib import Path
from typing import Any

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
    app.url_map.merge_slashes = False  # no 308 to a Location built from the Host header
    app.url_map.strict_slashes = False
    app.after_request(_add_headers)


# -- pages gunicorn writes itself ----------------------------------------------------------
GUNICORN_ERRORS = {
    400: ("Felaktig förfrågan", "Förfrågan kunde inte tolkas."),
    403: ("Åtkomst nekad", "Förfrågan nekades."),
    414: ("För lång adress", "Adressen är för lång."),
    417: ("Felaktig förfrågan", "Förväntan i förfrågan kan inte uppfyllas."),
    431: ("För stora huvuden", "Förfrågans huvuden är för många eller för stora."),
    500: ("Något gick fel", "Ett oväntat fel uppstod hos oss. Försök igen om en stund."),
    501: ("Stöds inte", "Förfrågans överföringskodning stöds inte."),
}


def error_page(status: int, reason: str) -> bytes:
    """A complete HTTP/1.1 answer for an error gunicorn answers itself: the site's headers,
    a short Swedish page, ``Connection: close``."""
    heading, message = GUNICORN_ERRORS.get(status, GUNICORN_ERRORS[500] if status >= 500 else GUNICORN_ERRORS[400])
    body = (f"<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{html.escape(heading)}"
            f"</title></head><body><h1>{html.escape(heading)}</h1><p>{html.escape(message)}</p></body></html>"
            ).encode()
    reason_ascii = reason.encode("ascii", "replace").decode("ascii").replace("\r", " ").replace("\n", " ")
    head = [f"HTTP/1.1 {status} {reason_ascii}", "Connection: close", "Content-Type: text/html; charset=utf-8",
            f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in HEADERS.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def install_gunicorn_error_pages() -> None:
    """gunicorn writes its own error answers through ``gunicorn.util.write_error`` (looked up
    at each call): this process's answers get ``error_page`` instead."""
    from gunicorn import util

    def write_error(sock: Any, status_int: int, reason: str, mesg: str) -> None:
        util.write_nonblock(sock, error_page(int(status_int), reason))

    util.write_error = write_error


# -- memory of a worker after a burst ------------------------------------------------------
def rss_bytes() -> int:
    """This process's resident set size in bytes (0 when unknown)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _malloc_trim() -> None:
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def after_request_memory(baseline: int, growth_mb: int) -> tuple[int, bool]:
    """(RSS now, whether to replace the worker): above ``baseline`` + ``growth_mb`` MiB the
    freed heap is returned first (glibc keeps freed arenas of the request threads); a worker
    still above is to be replaced (``web/gunicorn_conf.py``: after its requests)."""
    if growth_mb <= 0 or baseline <= 0:
        return 0, False
    rss = rss_bytes()
    limit = baseline + growth_mb * 1024 * 1024
    if rss <= limit:
        return rss, False
    _malloc_trim()
    rss = rss_bytes()
    return rss, rss > limit


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
