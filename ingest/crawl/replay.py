"""Serves recorded copies of the source sites from a folder over real HTTP on 127.0.0.1,
optionally with faults injected: the crawler's tests and offline demos run against it.

URL -> file: the path under the folder (``index.html`` for folders); a ``date=`` query
selects ``<path>/date=<date>.html`` (insynsverige), a form POST carrying a year (the
year filter's post-back) ``<path>/year=<year>.html``; ``downloadMode`` is ignored (MeetingPlus
serves the same bytes for open and download). Responses carry an ETag and Last-Modified
and answer conditional requests with 304.

Other queries select ``<path>/<query>`` (``documentHandler.ashx?did=12`` ->
``documentHandler.ashx/did=12``). Faults (path, or path?query -> kind): ``500`` (always),
``500-once``, ``429-once`` (Retry-After: 1),
``timeout-once`` / ``timeout`` (stall past the client's timeout), ``truncate`` (half the
bytes, with a matching Content-Length), ``html-as-pdf`` (an HTML error page as
application/pdf), ``redirect-loop``, ``redirect-offsite``.
"""
from __future__ import annotations

import hashlib
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

LAST_MODIFIED = formatdate(1700000000, usegmt=True)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class ReplayServer:
    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0,
                 faults: dict[str, str] | None = None, stall_seconds: float = 3.0) -> None:
        self.root = root
        self.faults = dict(faults or {})
        self.stall_seconds = stall_seconds
        self.hits: dict[str, int] = {}
        self.log: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                status = server.handle(self)
                with server._lock:
                    server.log.append((self.path, status))

            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(size).decode("utf-8", errors="replace")) if size else {}
                status = server.handle(self, form)
                with server._lock:
                    server.log.append(("POST " + self.path, status))

        self.httpd = _QuietServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}" if isinstance(host, str) else f"http://{host.decode()}:{port}"

    def start(self) -> ReplayServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve(self, raw_path: str, form: dict[str, list[str]] | None = None) -> Path | None:
        parts = urlsplit(raw_path)
        rel = parts.path.lstrip("/")
        target = (self.root / rel).resolve()
        if not str(target).startswith(str(self.root.resolve())):
            return None
        date = parse_qs(parts.query).get("date")
        years = [v for vs in (form or {}).values() for v in vs if len(v) == 4 and v.isdigit()]
        other = [kv for kv in parts.query.split("&") if kv and kv.split("=")[0].lower() not in ("date", "downloadmode")]
        if years:  # a year filter's post-back: the page as it shows that year
            target = target / f"year={years[0]}.html"
        elif date:
            target = target / f"date={date[0]}.html"
        elif other:  # documentHandler.ashx?did=12 -> documentHandler.ashx/did=12
            target = target / "&".join(other)
        elif target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def handle(self, h: BaseHTTPRequestHandler, form: dict[str, list[str]] | None = None) -> int:
        parts = urlsplit(h.path)
        path = parts.path
        key = path + ("?" + parts.query if parts.query else "")
        with self._lock:
            self.hits[key] = self.hits.get(key, 0) + 1
            n = self.hits[key]
        fault = self.faults.get(key) or self.faults.get(path)
        if fault == "500" or (fault == "500-once" and n == 1):
            return self._send(h, 500, b"Internt fel", "text/plain")
        if fault == "429-once" and n == 1:
            return self._send(h, 429, b"Too many requests", "text/plain", {"Retry-After": "1"})
        if fault == "timeout" or (fault == "timeout-once" and n == 1):
            time.sleep(self.stall_seconds)
            return self._send(h, 503, b"", "text/plain")
        if fault == "redirect-loop":
            return self._send(h, 302, b"", "text/plain", {"Location": h.path})
        if fault == "redirect-offsite":
            return self._send(h, 302, b"", "text/plain", {"Location": "http://evil.example.com/stolen.pdf"})
        if path == "/robots.txt":
            robots = self.root / "robots.txt"
            return self._send(h, 200, robots.read_bytes() if robots.exists() else b"", "text/plain")
        f = self.resolve(h.path, form)
        if f is None:
            return self._send(h, 404, b"Sidan finns inte", "text/html; charset=utf-8")
        data = f.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if h.headers.get("If-None-Match") == etag:
            return self._send(h, 304, b"", "", {"ETag": etag, "Last-Modified": LAST_MODIFIED})
        ctype = ("application/pdf" if data[:5] == b"%PDF-" else "application/zip" if data[:4] == b"PK\x03\x04"
                 else "application/json" if data.lstrip()[:1] in (b"{", b"[") else "text/html; charset=utf-8")
        if fault == "html-as-pdf":
            data, ctype = b"<!doctype html><html><body>Dokumentet kunde inte visas</body></html>", "application/pdf"
        if fault == "truncate":
            data = data[: len(data) // 2]
        return self._send(h, 200, data, ctype, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> int:
        try:
            h.send_response(status)
            if ctype:
                h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            if body:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return status
