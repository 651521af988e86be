"""The web server's access log never holds a pasted draft (issue 29): a link from before the
precedent form was POSTed (``/prejudikat?text=…``) and the Referer its page sends with its
stylesheet are logged without their query string; other addresses are logged as they were.
gunicorn's own Logger writes the lines, to a file, in its default access-log format."""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

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
