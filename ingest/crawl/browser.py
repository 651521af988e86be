"""Last resort for pages that build their agenda in the browser: render with headless
Chromium (Debian's chromium + chromedriver, through selenium) and hand the rendered HTML
to the same pure parser. Off by default (``remissvar crawl --browser``).

Politeness and safety as for plain fetches: the page URL passes the fetcher's URL gate
(strict parsing, allow-list by host and port), robots.txt and per-host rate limit first,
and Chromium loads the gate's normalised URL. Scripts on the page cannot reach elsewhere:
Chromium resolves no host outside the allow-list (``--host-resolver-rules``), and every
request to a host:port that is not allow-listed — IP literals and loopback included, which
no resolver rule covers — is sent to a proxy that does not exist (``--proxy-server`` with
the allow-list as the only bypass). The page's final URL passes the gate again; the page
load is bounded by the fetcher's timeout.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import time
from typing import Any

import urllib3

from ingest.crawl.http import USER_AGENT, Fetcher, FetchError
from remissvar.settings import get_settings

# what driving Chromium can raise: its own errors, the driver connection's, the process's
_DRIVER_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, RuntimeError, urllib3.exceptions.HTTPError)
try:
    from selenium.common.exceptions import WebDriverException

    _DRIVER_ERRORS += (WebDriverException,)
except ImportError:  # pragma: no cover
    pass
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, every proxied request fails


class BrowserUnavailableError(RuntimeError):
    """--browser was asked for, but Chromium/chromedriver or selenium is missing."""


class BrowserError(FetchError):
    reason = "browser_error"


class BrowserRenderer:
    def __init__(self, fetcher: Fetcher, settle_seconds: float = 0.5) -> None:
        if importlib.util.find_spec("selenium") is None:  # pragma: no cover - selenium is a dependency
            raise BrowserUnavailableError("selenium saknas: pip install selenium")
        s = get_settings()
        self.chromium, self.chromedriver = s.chromium, s.chromedriver
        for exe in (self.chromium, self.chromedriver):
            if not (os.path.exists(exe) or shutil.which(exe)):
                raise BrowserUnavailableError(
                    f"{exe} saknas (scripts/setup.sh installerar chromium och chromium-driver)")
        self.fetcher = fetcher
        self.settle_seconds = settle_seconds
        self._driver: Any = None  # started on the first page that needs it

    def _start(self) -> Any:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        opts = webdriver.ChromeOptions()
        opts.binary_location = self.chromium
        rules = ", ".join(["MAP * ~NOTFOUND"] + [f"EXCLUDE {h}" for h in sorted(self.fetcher.allowed_hosts)])
        # "<-loopback>" removes Chromium's implicit proxy bypass for loopback: only the allow-list bypasses
        bypass = ";".join(["<-loopback>"] + self.fetcher.gate.host_rules())
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--lang=sv-SE", f"--host-resolver-rules={rules}",
                  f"--proxy-server={DEAD_PROXY}", f"--proxy-bypass-list={bypass}",
                  f"--user-agent={USER_AGENT}"):
            opts.add_argument(a)
        driver = webdriver.Chrome(service=Service(self.chromedriver), options=opts)
        driver.set_page_load_timeout(max(5.0, self.fetcher.timeout))
        driver.set_script_timeout(max(5.0, self.fetcher.timeout))
        return driver

    def render(self, url: str) -> str:
        """The page's DOM after its scripts ran (until the markup stops changing)."""
        url = self.fetcher.check(url)  # URL gate, robots.txt, rate limit: as for any request
        try:
            if self._driver is None:
                self._driver = self._start()
            driver = self._driver
            driver.get(url)
            deadline = time.monotonic() + self.fetcher.timeout
            last = None
            while time.monotonic() < deadline:
                html = driver.page_source
                if html == last and driver.execute_script("return document.readyState") == "complete":
                    break
                last = html
                time.sleep(self.settle_seconds)
            final = driver.current_url
        except _DRIVER_ERRORS as e:  # selenium's errors are many; all mean "not rendered"
            raise BrowserError(url, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}") from e
        self.fetcher.check_host(final)  # a script that navigated elsewhere (or oddly) is refused
        return str(html)

    def close(self) -> None:
        if self._driver is not None:
            try:
                self._driver.quit()
            except _DRIVER_ERRORS:
                pass
            self._driver = None

    def __enter__(self) -> BrowserRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
