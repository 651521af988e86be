"""The URL gate and the fetcher's budgets, against real servers on 127.0.0.1.

The repro of issue 16: ``http://127.0.0.1:18842\\@localhost:18841/…`` looked like host
``localhost`` to the old check while requests connected to 127.0.0.1:18842."""
from __future__ import annotations

import time

import pytest
import requests

from ingest.crawl.http import DeadlineExceededError, Fetcher, NotAllowedError, TooLargeDownloadError, UnsafeUrlError
from ingest.crawl.urlgate import UrlGate, UrlRefused
from tests.ingest.crawl.hostile import Hostile, send, trickle

PDF = b"%PDF-1.4\n" + b"x" * 200 + b"\n%%EOF\n"


@pytest.fixture()
def two_servers():
    """A: the allow-listed site on localhost; B: an internal service on 127.0.0.1 that must never be reached."""
    with Hostile({"/doc.pdf": lambda h: send(h, 200, PDF, content_type="application/pdf")}) as a, \
            Hostile({"/secret": lambda h: send(h, 200, b"intern hemlighet")}) as b:
        yield a, b


def bypass(a: Hostile, b: Hostile, path: str = "/secret") -> str:
    return f"http://127.0.0.1:{b.port}\\@localhost:{a.port}{path}"


def test_the_repro_reaches_the_internal_service_through_plain_requests(two_servers):
    """The defect is real: the parser's host and the connected host differ for this URL."""
    a, b = two_servers
    requests.get(bypass(a, b), timeout=5)
    assert a.hits == [] and len(b.hits) == 1  # the request went to B, not to the allow-listed A


def test_backslash_userinfo_link_is_refused_and_nothing_is_requested(two_servers):
    a, b = two_servers
    f = Fetcher({f"localhost:{a.port}"}, min_interval=0, respect_robots=False)
    with pytest.raises(UnsafeUrlError) as e:
        f.get(bypass(a, b))
    assert e.value.reason == "unsafe_url"
    assert b.hits == [] and a.hits == []
    assert f.get(f"http://localhost:{a.port}/doc.pdf").content == PDF  # the site itself still works


def test_backslash_userinfo_redirect_location_is_refused(two_servers):
    a, b = two_servers
    a.routes["/r"] = lambda h: send(h, 302, headers={"Location": bypass(a, b)})
    a.routes["/r2"] = lambda h: send(h, 302, headers={"Location": f"//127.0.0.1:{b.port}/secret"})
    a.routes["/r3"] = lambda h: send(h, 302, headers={"Location": f"http://u:p@localhost:{a.port}/doc.pdf"})
    f = Fetcher({f"localhost:{a.port}"}, min_interval=0, respect_robots=False)
    with pytest.raises(UnsafeUrlError):
        f.get(f"http://localhost:{a.port}/r")
    with pytest.raises(NotAllowedError) as e:
        f.get(f"http://localhost:{a.port}/r2")
    assert e.value.reason == "host_not_allowed"
    with pytest.raises(UnsafeUrlError):
        f.get(f"http://localhost:{a.port}/r3")
    assert b.hits == []
    assert a.hits == ["/r", "/r2", "/r3"]


@pytest.mark.parametrize("url", [
    "http://localhost\\@evil.example/", "http://user@localhost/", "http://user:pw@localhost/",
    "ftp://localhost/", "file:///etc/passwd", "javascript:alert(1)", "gopher://localhost/",
    "http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://0177.0.0.1/", "http://[::1]/",
    "http://localhost:8080/", "http://localhost:0/", "http://localhost:99999/", "http://localhost./",
    "http://loc%61lhost/", "http://lócalhost/", "http://localhost\t/", "http://local host/", "http:localhost/",
    "http://-localhost/", "//localhost/",
])
def test_refused(url):
    with pytest.raises(UrlRefused):
        UrlGate({"localhost"}).check(url)


def test_allowed_and_normalised():
    g = UrlGate({"meetingspublic.stockholm.se", "127.0.0.1:8701", "localhost:*"})
    assert g.check("HTTPS://MeetingsPublic.Stockholm.SE/committees/x?y=ö#frag").url == \
        "https://meetingspublic.stockholm.se/committees/x?y=%C3%B6"
    assert g.check("https://meetingspublic.stockholm.se:443/a b.pdf").url == \
        "https://meetingspublic.stockholm.se/a%20b.pdf"
    assert g.check("http://127.0.0.1:8701/x").port == 8701
    assert g.check("../b", base="http://localhost:3/a/c").url == "http://localhost:3/b"
    for bad in ("http://127.0.0.1:8702/x", "http://127.0.0.1/x", "https://meetingspublic.stockholm.se:8443/"):
        with pytest.raises(UrlRefused) as e:
            g.check(bad)
        assert e.value.reason == "host_not_allowed"


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_a_trickling_download_is_cut_off_at_the_deadline():
    """A server sending one byte every 0.2 s never hits the 2 s per-read timeout; the
    overall deadline (3 s here) ends it."""
    with Hostile({"/slow.pdf": trickle(PDF * 20, 0.2)}) as s:
        f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, respect_robots=False, timeout=2, deadline=3)
        t0 = time.monotonic()
        with pytest.raises(DeadlineExceededError) as e:
            f.get(f"http://127.0.0.1:{s.port}/slow.pdf")
        took = time.monotonic() - t0
    assert e.value.reason == "deadline"
    assert 2.5 < took < 6


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_retry_after_is_capped_and_recorded():
    calls: list[float] = []

    def busy(h):
        calls.append(time.monotonic())
        if len(calls) == 1:
            send(h, 429, b"upptaget", {"Retry-After": "3600"})
        else:
            send(h, 200, PDF, content_type="application/pdf")

    with Hostile({"/doc.pdf": busy}) as s:
        f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, respect_robots=False, retry_after_cap=1)
        t0 = time.monotonic()
        r = f.get(f"http://127.0.0.1:{s.port}/doc.pdf")
        took = time.monotonic() - t0
    assert r.content == PDF and len(calls) == 2
    assert 0.9 < took < 5  # waited the cap, not an hour
    assert r.retry_after == 3600
    assert list(f.retry_after_log) == [(f"http://127.0.0.1:{s.port}/doc.pdf", 3600.0)]


def test_size_checked_while_streaming_without_content_length():
    def chunked(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        try:
            for _ in range(200):
                h.wfile.write(b"4000\r\n" + b"x" * 0x4000 + b"\r\n")
            h.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    with Hostile({"/big": chunked, "/declared": lambda h: send(h, 200, b"y" * 300_000)}) as s:
        f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, respect_robots=False, max_bytes=256 * 1024)
        with pytest.raises(TooLargeDownloadError):
            f.get(f"http://127.0.0.1:{s.port}/big")
        with pytest.raises(TooLargeDownloadError):
            f.get(f"http://127.0.0.1:{s.port}/declared")


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_form_post_has_the_same_gate_and_budgets():
    def form(h):
        n = int(h.headers["Content-Length"])
        send(h, 200, b"<html>" + h.rfile.read(n) + b"</html>", content_type="text/html")

    with Hostile({"/arkiv": form, "/slow": trickle(PDF * 20, 0.2)}) as s, Hostile() as other:
        f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, respect_robots=False, timeout=2, deadline=2)
        assert f.post(f"http://127.0.0.1:{s.port}/arkiv", {"year": "2019"}).content == b"<html>year=2019</html>"
        with pytest.raises(UnsafeUrlError):
            f.post(f"http://127.0.0.1:{other.port}\\@127.0.0.1:{s.port}/arkiv", {"year": "2019"})
        with pytest.raises(DeadlineExceededError):
            s.routes["/slow"] = trickle(PDF * 20, 0.2)
            f.post(f"http://127.0.0.1:{s.port}/slow", {"year": "2019"})
    assert other.hits == []


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_browser_scripts_reach_only_the_allow_list():
    """Headless Chromium renders an allow-listed page whose scripts call another port on the
    same loopback address and a second name for it: only the allowed origin is reached."""
    from ingest.crawl.browser import BrowserRenderer

    with Hostile() as other, Hostile() as site:
        page = f"""<html><body><p id="x">sida</p><script>
          fetch("/ok").catch(() => 0);
          fetch("http://127.0.0.1:{other.port}/leak-fetch").catch(() => 0);
          new Image().src = "http://localhost:{other.port}/leak-img";
          new Image().src = "http://[::1]:{other.port}/leak-v6";
          document.getElementById("x").textContent = "renderad";
        </script></body></html>""".encode()
        site.routes["/m"] = lambda h: send(h, 200, page, content_type="text/html")
        site.routes["/ok"] = lambda h: send(h, 200, b"{}", content_type="application/json")
        f = Fetcher({f"127.0.0.1:{site.port}"}, min_interval=0, respect_robots=False, timeout=10)
        with BrowserRenderer(f, settle_seconds=0.3) as r:
            html = r.render(f"http://127.0.0.1:{site.port}/m")
            time.sleep(0.5)
    assert "renderad" in html
    assert "/ok" in site.hits  # the page's scripts ran and reached their own origin
    assert other.hits == []
