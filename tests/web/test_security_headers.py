"""Web hardening (issue 16, point 10): security headers, request-size limit, the production
server (gunicorn) with workers/threads from settings and a memory ceiling per worker, and
the admin token's minimum length. No Elasticsearch needed: these requests do not search."""
from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from flask import request
from pydantic import ValidationError

from remissvar.settings import ADMIN_TOKEN_MIN_LENGTH, Settings
from tests.conftest import free_port
from web.app import create_app
from web.security import CSP, limit_worker_memory

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture()
def web_app():
    app = create_app(Settings(web_max_body_bytes=64 * 1024))

    @app.post("/api/_eko")  # a route that reads its JSON body, as the API's do
    def eko():
        return {"n": len(request.get_json(force=True))}

    return app


def _check_headers(resp) -> None:
    for k, v in EXPECTED.items():
        assert resp.headers.get(k) == v, k
    csp = resp.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize("path", ["/static/app.js", "/static/style.css", "/finns-inte", "/api/finns-inte"])
def test_headers_on_every_kind_of_response(web_app, path):
    resp = web_app.test_client().get(path)
    _check_headers(resp)


def test_request_body_over_the_limit_is_413_before_parsing(web_app):
    c = web_app.test_client()
    ok = c.post("/api/_eko", data=b"[" + b"1," * 1000 + b"1]", content_type="application/json")
    assert ok.status_code == 200 and ok.get_json() == {"n": 1001}
    big = b"[" + b"1," * (5 * 1024 * 1024) + b"1]"  # 10 MB of JSON, as in the issue
    resp = c.post("/api/_eko", data=big, content_type="application/json")
    assert resp.status_code == 413
    assert resp.is_json  # /api/ errors are JSON
    _check_headers(resp)


def test_templates_need_no_inline_script_or_style():
    """The CSP forbids inline script and style; the templates must not rely on them."""
    offenders = []
    for t in sorted((ROOT / "web" / "templates").glob("*.html")):
        html = t.read_text(encoding="utf-8")
        for pat in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle\s*=", r"\son[a-z]+\s*=", r"javascript:"):
            offenders += [f"{t.name}: {m.group(0)}" for m in re.finditer(pat, html, re.I)]
    assert offenders == []


def test_admin_token_minimum_length_at_start_up():
    assert Settings(admin_token="").admin_token == ""
    assert Settings(admin_token="k" * ADMIN_TOKEN_MIN_LENGTH).admin_token
    for weak in ("hemlig", "k" * (ADMIN_TOKEN_MIN_LENGTH - 1), " " * 40, "\u200b" * 40, "a" * 30 + " " + "b"):
        with pytest.raises(ValidationError):
            Settings(admin_token=weak)


def _allocate_under_ceiling(q) -> None:
    limit = limit_worker_memory(300)
    try:
        bytearray(2 * 1024**3)
        q.put(("ingen gräns", limit))
    except MemoryError:
        q.put(("MemoryError", limit))


def test_worker_memory_ceiling():
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_allocate_under_ceiling, args=(q,))
    p.start()
    what, limit = q.get(timeout=30)
    p.join(10)
    assert what == "MemoryError" and limit >= 300 * 1024 * 1024


def _children(pid: int) -> list[int]:
    return [int(c) for t in os.listdir(f"/proc/{pid}/task")
            for c in open(f"/proc/{pid}/task/{t}/children").read().split()]


def _smaps(pid: int) -> dict[str, int]:
    """MB figures of /proc/<pid>/smaps_rollup (Rss, Pss, Shared_Dirty, ...)."""
    out = {}
    for line in open(f"/proc/{pid}/smaps_rollup"):
        key, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            out[key] = int(value.split()[0]) // 1024
    return out


@pytest.mark.slow  # make check leaves it out; make test runs it
@pytest.mark.services  # the converted model: the workers' shared tokenizer
def test_gunicorn_serves_with_workers_and_threads_from_settings():
    port = free_port()
    env = {**os.environ, "REMISSVAR_WEB_PORT": str(port), "REMISSVAR_WEB_WORKERS": "2", "REMISSVAR_WEB_THREADS": "3",
           "REMISSVAR_WEB_MEMORY_MB": "1024", "REMISSVAR_ENCODER_SERVICE": "true"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "web" / "gunicorn_conf.py"),
                             "web.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                resp = urlopen(f"http://127.0.0.1:{port}/static/app.js", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        assert resp.status == 200
        assert resp.headers["Content-Security-Policy"] == CSP
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert "gunicorn" in resp.headers.get("Server", "")
        # the query encoder lives in the encoder service (issue 32): a worker holds only its client,
        # so no worker carries the tokenizer (~55 MB) or an ONNX session (~140 MB) of its own
        workers = _children(proc.pid)
        assert len(workers) == 2
        time.sleep(2)  # post_worker_init has run
        for pid in workers:
            assert _smaps(pid)["Rss"] < 250, _smaps(pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "Using worker: web.admission.AdmissionWorker" in out  # gthread with admission by cost
    assert len(re.findall(r"Booting worker with pid", out)) == 2
    assert out.count("minnestak") == 2
