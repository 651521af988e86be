"""Issue 28, the web server: admission by cost before a thread is taken (a burst of
precedent searches gets Swedish 503s with Retry-After and never holds the threads a keyword
page needs), the answers gunicorn writes itself carry the site's headers, no redirect is
built from the Host header, and an admin split takes a bounded number of answers."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from remissvar.settings import Settings
from tests.conftest import free_port
from web.admission import BUSY, ENVIRON_KEY, Cost, SharedCount, classify, request_line
from web.app import create_app
from web.views import MAX_SPLIT_ANSWERS

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "en-administratorsnyckel-pa-24+"


@pytest.mark.parametrize(("method", "target", "cost"), [
    ("POST", "/api/precedent", Cost.PRECEDENT),
    ("POST", "/prejudikat", Cost.PRECEDENT),
    ("GET", "/prejudikat?text=Ett+stycke&council=farsta", Cost.CHEAP),  # never searched: the draft is POSTed
    ("GET", "/prejudikat", Cost.CHEAP),  # the empty form
    ("GET", "/prejudikat/r/abc123", Cost.CHEAP),  # a shared result, read from the store
    ("GET", "/api/search?q=parkering", Cost.EMBED),  # hybrid is the default mode
    ("GET", "/?q=parkering&mode=semantic", Cost.EMBED),
    ("GET", "/sok.csv?q=skola&mode=hybrid", Cost.EMBED),
    ("GET", "/flode?q=skola", Cost.EMBED),
    ("GET", "/api/search?q=parkering&mode=keyword", Cost.CHEAP),
    ("GET", "/?q=parkering&mode=keyword&page=2", Cost.CHEAP),
    ("GET", "/api/search?council=farsta", Cost.CHEAP),  # no words: nothing to embed
    ("GET", "/", Cost.CHEAP),
    ("GET", "/static/app.js", Cost.CHEAP),
    ("GET", "/dokument/seed-000?q=parkering", Cost.CHEAP),
    ("GET", "/api/precedent", Cost.CHEAP),  # 405, not a search
])
def test_cost_from_the_request_line(method, target, cost):
    assert classify(method, target) is cost


def test_request_line_is_read_only_when_complete():
    assert request_line(b"POST /api/precedent HTTP/1.1\r\nHost: x\r\n") == ("POST", "/api/precedent")
    assert request_line(b"POST /api/prec") is None  # still arriving
    assert request_line(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n") is None  # TLS: not an HTTP/1 line
    assert request_line(b"GET / HTTP/2.0\r\n") is None


def test_shared_count_bounds_across_processes_and_forgets_a_dead_worker():
    c = SharedCount()
    assert c.try_add(1, 2) and c.try_add(2, 2)
    assert not c.try_add(1, 2)
    pid = os.fork()
    if pid == 0:  # a forked worker sees and changes the same count
        c.remove(2)
        os._exit(0)
    os.waitpid(pid, 0)
    assert c.total() == 1 and c.try_add(3, 2)
    c.forget(1)  # worker 1 died holding one
    assert c.total() == 1


@pytest.fixture()
def web_app():
    return create_app(Settings(admin_token=TOKEN))


@pytest.mark.parametrize("path", ["/api/precedent", "/prejudikat"])
def test_a_refused_request_is_a_swedish_503_with_retry_after_and_headers(web_app, path):
    c = web_app.test_client()
    resp = c.post(path, data={"text": "Ett stycke"}, environ_overrides={ENVIRON_KEY: BUSY})
    assert resp.status_code == 503
    assert int(resp.headers["Retry-After"]) > 0
    assert resp.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in resp.headers[
        "Content-Security-Policy"]
    body = resp.get_data(as_text=True)
    assert "Många sökningar just nu" in body
    if path.startswith("/api/"):
        assert resp.is_json


@pytest.mark.parametrize("path", ["/remiss//abc", "/dokument//seed-000", "/static//app.js", "/api//search"])
def test_no_redirect_is_built_from_the_host_header(web_app, path):
    resp = web_app.test_client().get(path, headers={"Host": "angripare.example"})
    assert resp.status_code not in (301, 302, 307, 308), resp.headers.get("Location")
    assert "angripare.example" not in (resp.headers.get("Location") or "")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_admin_split_takes_a_bounded_number_of_answers(web_app):
    ids = [f"svar-{i}" for i in range(20_000)]
    resp = web_app.test_client().post("/admin/remiss/split", data={"key": "dnr-ks-2024-1", "answer": ids},
                                      headers={"X-Admin-Token": TOKEN})
    assert resp.status_code == 400
    assert f"högst {MAX_SPLIT_ANSWERS}" in resp.get_json()["error"]


# -- under gunicorn -----------------------------------------------------------------------------

@pytest.fixture()
def server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The production server (web/gunicorn_conf.py) with 2 workers x 2 cheap threads, one
    precedent thread each and at most 4 precedent searches admitted."""
    port = free_port()
    env = {**os.environ, "REMISSVAR_WEB_PORT": str(port), "REMISSVAR_WEB_WORKERS": "2", "REMISSVAR_WEB_THREADS": "2",
           "REMISSVAR_WEB_PRECEDENT_THREADS": "1", "REMISSVAR_WEB_PRECEDENT_QUEUE": "4",
           "REMISSVAR_QUERY_CACHE_SIZE": "0", "REMISSVAR_WEB_MAX_REQUESTS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "web" / "gunicorn_conf.py"),
                             "web.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(url + "/static/app.js", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        yield url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.communicate(timeout=30)


def _raw(url: str, data: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_gunicorns_own_answers_carry_the_headers(server):
    url, proc = server
    long_line = _raw(url, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    many = _raw(url, b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-F%d: 1\r\n" % i for i in range(150)) + b"\r\n")
    bad = _raw(url, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
    for raw, status in ((long_line, 414), (many, 431), (bad, 400)):
        head, _, body = raw.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 %d" % status), head[:80]
        for h in (b"Content-Security-Policy: default-src 'self'", b"X-Frame-Options: DENY",
                  b"X-Content-Type-Options: nosniff", b"Referrer-Policy: same-origin"):
            assert h in head, (status, head)
        assert b'lang="sv"' in body and b"gunicorn" not in body.lower()
    os.killpg(proc.pid, signal.SIGTERM)
    out = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "Using worker: web.admission.AdmissionWorker" in out
    assert len(re.findall(r"Booting worker with pid", out)) == 2


@pytest.mark.slow
def test_a_precedent_burst_sheds_load_and_keyword_pages_keep_their_threads(server, seeded_index):
    """16 precedent searches at once (each embeds a long paragraph: about a second of CPU)
    against 2 workers: at most 4 are admitted, the rest get a Swedish 503 with Retry-After at
    once, and a keyword search sent in the middle of the burst is answered without waiting
    for them (before issue 28 it queued behind every one: seconds)."""
    url, _ = server
    text = ("Förvaltningen anser att förslaget om fler parkeringsplatser för cyklar i innerstaden är väl "
            "underbyggt och tillstyrker remissen med de synpunkter som framgår av tjänsteutlåtandet. ") * 12
    results: list[tuple[int, str | None, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(17)

    def precedent(i: int) -> None:
        start.wait()
        r = requests.post(url + "/api/precedent", json={"text": f"{i} {text}"}, timeout=60)
        with lock:
            results.append((r.status_code, r.headers.get("Retry-After"), r.text))

    threads = [threading.Thread(target=precedent, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    start.wait()
    time.sleep(0.3)  # the burst is in
    t0 = time.monotonic()
    kw = requests.get(url + "/api/search", params={"q": "parkering", "mode": "keyword"}, timeout=60)
    keyword_s = time.monotonic() - t0
    page = requests.get(url + "/", params={"q": "parkering", "mode": "keyword"}, timeout=60)
    for t in threads:
        t.join()
    statuses = sorted(s for s, _, _ in results)
    assert kw.status_code == 200 and page.status_code == 200
    assert keyword_s < 1.5, (keyword_s, statuses)
    busy = [(ra, body) for s, ra, body in results if s == 503]
    assert statuses.count(200) >= 4 and len(busy) >= 8, statuses
    assert all(ra and int(ra) > 0 and "Många sökningar just nu" in body for ra, body in busy)
