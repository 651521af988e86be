"""robots.txt per RFC 9309, through the URL gate (issue 16: it followed redirects to any
host, was read whole — 120 MB accepted — and a 403/503 meant "allow everything")."""
from __future__ import annotations

import time

import pytest

from ingest.crawl.http import Fetcher, RobotsDisallowedError, RobotsUnavailableError
from tests.ingest.crawl.hostile import Hostile, endless, send, trickle

RULES = b"User-agent: *\nDisallow: /private/\n"
PAGE = b"<html><body>sammantraden</body></html>"


def site(robots) -> Hostile:
    return Hostile({"/robots.txt": robots, "/page": lambda h: send(h, 200, PAGE, content_type="text/html"),
                    "/private/x": lambda h: send(h, 200, PAGE, content_type="text/html")})


def fetcher(s: Hostile, **kw) -> Fetcher:
    return Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, retries=0, **kw)


def test_rules_are_obeyed():
    with site(lambda h: send(h, 200, RULES)) as s:
        f = fetcher(s)
        assert f.get(f"http://127.0.0.1:{s.port}/page").content == PAGE
        with pytest.raises(RobotsDisallowedError):
            f.get(f"http://127.0.0.1:{s.port}/private/x")
    assert s.hits == ["/robots.txt", "/page"]  # robots.txt read once, the private page never


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_error_means_try_later_not_allow(status):
    with site(lambda h: send(h, status, b"fel")) as s:
        f = fetcher(s)
        with pytest.raises(RobotsUnavailableError) as e:
            f.get(f"http://127.0.0.1:{s.port}/page")
        assert e.value.reason == "robots_unavailable"
        with pytest.raises(RobotsUnavailableError):  # remembered: not asked again at once
            f.get(f"http://127.0.0.1:{s.port}/page")
    assert s.hits == ["/robots.txt"]


@pytest.mark.parametrize("status", [403, 404, 410])
def test_client_error_means_no_rules(status):
    with site(lambda h: send(h, status, b"nej")) as s:
        assert fetcher(s).get(f"http://127.0.0.1:{s.port}/private/x").content == PAGE


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_timeout_means_try_later():
    with site(trickle(RULES, 0.5)) as s:
        f = fetcher(s, timeout=1, deadline=2)  # robots.txt gets min(deadline, 3 x timeout)
        t0 = time.monotonic()
        with pytest.raises(RobotsUnavailableError):
            f.get(f"http://127.0.0.1:{s.port}/page")
        assert time.monotonic() - t0 < 5
    assert "/page" not in s.hits


def test_huge_robots_is_read_only_to_the_cap():
    """A 120 MB robots.txt: the first 512 KiB are read (its rules apply), the rest never."""
    with site(endless(total=120 * 1024 * 1024)) as s:
        f = fetcher(s)
        t0 = time.monotonic()
        assert f.get(f"http://127.0.0.1:{s.port}/page").content == PAGE
        with pytest.raises(RobotsDisallowedError):
            f.get(f"http://127.0.0.1:{s.port}/private/x")
        assert time.monotonic() - t0 < 5


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_redirect_to_another_host_is_not_followed():
    with Hostile({"/robots.txt": lambda h: send(h, 200, b"User-agent: *\nAllow: /\n")}) as other:
        with site(lambda h: send(h, 301, headers={"Location": f"http://127.0.0.1:{other.port}/robots.txt"})) as s:
            f = Fetcher({f"127.0.0.1:{s.port}", f"127.0.0.1:{other.port}"}, min_interval=0, retries=0)
            with pytest.raises(RobotsUnavailableError) as e:
                f.get(f"http://127.0.0.1:{s.port}/page")
            assert "annan värd" in e.value.detail
    assert other.hits == []


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_backslash_redirect_is_refused():
    with Hostile() as internal:
        loc = f"http://127.0.0.1:{internal.port}\\@localhost/robots.txt"
        with site(lambda h: send(h, 302, headers={"Location": loc})) as s:
            with pytest.raises(RobotsUnavailableError):
                fetcher(s).get(f"http://127.0.0.1:{s.port}/page")
    assert internal.hits == []


def test_same_origin_redirect_is_followed():
    with site(lambda h: send(h, 301, headers={"Location": "/robots-real.txt"})) as s:
        s.routes["/robots-real.txt"] = lambda h: send(h, 200, RULES)
        f = fetcher(s)
        with pytest.raises(RobotsDisallowedError):
            f.get(f"http://127.0.0.1:{s.port}/private/x")
        assert f.get(f"http://127.0.0.1:{s.port}/page").content == PAGE
