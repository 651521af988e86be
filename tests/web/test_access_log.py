"""The web server's access log never holds a pasted draft (issue 29): a link from before the
precedent form was POSTed (``/prejudikat?text=…``) and the Referer its page sends with its
stylesheet are logged without their query string; other addresses are logged as they were.
gunicorn's own Logger writes the lines, to a file, in its default access-log format."""
from __future__ import annotations

import ast
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.error import HTTPError
from urllib.parse import quote
from urllib.request import Request, urlopen

import pytest
from gunicorn.config import Config

from tests.conftest import free_port
from web.access_log import PrivateAccessLogger, redact

ROOT = Path(__file__).resolve().parents[2]
DRAFT = "Förvaltningen+anser+att+vårt+utkast+är+hemligt"


def _line(tmp_path: Path, path: str, query: str = "", referer: str = "-") -> str:
    out = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(out))
    log = PrivateAccessLogger(cfg)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path + (f"?{query}" if query else ""), "PATH_INFO": path,
               "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": referer, "HTTP_USER_AGENT": "test"}
    headers = [("Referer", referer)] if referer != "-" else []
    resp = SimpleNamespace(status="400 BAD REQUEST", headers=[("Content-Type", "text/html")], sent=10)
    log.access(resp, SimpleNamespace(headers=headers), environ, dt.timedelta(milliseconds=3))
    for h in log.access_log.handlers:
        h.flush()
    return out.read_text(encoding="utf-8")


def test_an_old_draft_link_is_logged_without_its_text(tmp_path) -> None:
    line = _line(tmp_path, "/prejudikat", f"text={DRAFT}&council=farsta")
    assert "GET /prejudikat?… HTTP/1.1" in line and " 400 " in line
    assert "utkast" not in line and "council=" not in line


def test_the_referer_of_its_page_is_logged_without_the_text(tmp_path) -> None:
    line = _line(tmp_path, "/static/app.css", referer=f"https://remissvar.example.se/prejudikat?text={DRAFT}")
    assert "/static/app.css" in line and "https://remissvar.example.se/prejudikat?…" in line
    assert "utkast" not in line


def test_other_addresses_are_logged_as_they_were(tmp_path) -> None:
    line = _line(tmp_path, "/", "q=kombol%C3%A4genheter", referer="https://remissvar.example.se/?q=cykelplan")
    assert "GET /?q=kombol%C3%A4genheter HTTP/1.1" in line and "/?q=cykelplan" in line
    assert redact("/prejudikat/r/abc123") == "/prejudikat/r/abc123"  # a result's token link: no query


def test_the_server_uses_it() -> None:
    tree = ast.parse((ROOT / "web/gunicorn_conf.py").read_text(encoding="utf-8"))
    set_to = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
              for t in n.targets if isinstance(t, ast.Name)}
    assert set_to["logger_class"] == "web.access_log.PrivateAccessLogger"
    assert set_to["accesslog"] == "-"


@pytest.mark.slow  # make check leaves it out; make test runs it
@pytest.mark.services
def test_gunicorn_logs_an_old_draft_link_without_the_draft() -> None:
    """End to end: gunicorn started with web/gunicorn_conf.py, an old link with a draft and its page's
    stylesheet request with that Referer; the server's whole output holds neither draft."""
    port = free_port()
    env = {**os.environ, "REMISSVAR_WEB_PORT": str(port), "REMISSVAR_WEB_WORKERS": "1", "REMISSVAR_WEB_THREADS": "2",
           "REMISSVAR_ENCODER_SERVICE": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "web" / "gunicorn_conf.py"),
                             "web.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    draft = quote(DRAFT, safe="+")  # as a browser sends it
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urlopen(f"{base}/static/app.js", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        with pytest.raises(HTTPError) as bad:
            urlopen(f"{base}/prejudikat?text={draft}", timeout=10)
        assert bad.value.code == 400
        urlopen(Request(f"{base}/static/app.js", headers={"Referer": f"{base}/prejudikat?text={draft}"}), timeout=5)
        time.sleep(1)  # the access lines are written after the responses
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "GET /prejudikat?… HTTP/1.1" in out and f"{base}/prejudikat?…" in out
    assert "utkast" not in out and "hemligt" not in out
