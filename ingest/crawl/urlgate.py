"""The one gate every crawler request passes: pages, documents, robots.txt, every
redirect hop, MeetingPlus JSON and zips, and the headless browser.

A URL is parsed once, strictly, and refused unless it is plainly what it looks like:

- only ``http``/``https``; ASCII only in the host; no control characters (spaces only as %20 in the path) or
  backslashes anywhere (``http://127.0.0.1:18842\\@localhost:18841/`` is read as host
  ``localhost`` by one parser and ``127.0.0.1`` by another); no userinfo (``user@``);
- the host is a DNS name of letters, digits, dots and hyphens, or an IP literal — and
  an IP literal (including the numeric spellings ``2130706433``, ``0x7f.1``, ``127.1``)
  passes only when it is itself on the allow-list;
- the port is the scheme's default unless the allow-list names it: an entry is
  ``host`` (default port only), ``host:port`` or ``host:*`` (any port, for loopback
  test servers whose port is chosen at run time);
- finally the host and port the HTTP library (urllib3's parser, which requests uses to
  connect) reads from the normalised URL must equal the ones checked here.

The result is a normalised URL (lower-case scheme and host, no fragment, non-ASCII in
path and query percent-encoded) that is what gets requested.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from urllib3.util import parse_url

MAX_URL_LENGTH = 4096
DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_CHARS = re.compile(r"[a-z0-9.-]+")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*")
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


class UrlRefused(ValueError):
    """A URL the gate refuses; ``reason`` is ``host_not_allowed`` (a well-formed URL to a
    host or port not on the allow-list) or ``unsafe_url`` (anything malformed or ambiguous)."""

    def __init__(self, url: str, reason: str, detail: str) -> None:
        super().__init__(f"{url[:200]!r}: {detail}")
        self.url = url
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class GatedUrl:
    url: str  # normalised, what is requested
    scheme: str
    host: str  # lower case; IPv6 without brackets
    port: int  # explicit or the scheme's default

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = DEFAULT_PORTS[self.scheme] == self.port
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")


def _split_entry(entry: str) -> tuple[str, str | None]:
    e = entry.strip().lower()
    if e.startswith("["):  # [v6] or [v6]:port
        host, _, rest = e[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else None
    if e.count(":") == 1:
        host, port = e.split(":")
        return host, port
    return e, None


class UrlGate:
    """Allow-list plus strict parsing; ``check`` returns the URL to request or raises ``UrlRefused``."""

    def __init__(self, allowed: Iterable[str]) -> None:
        self.any_port: set[str] = set()
        self.ports: dict[str, set[int]] = {}
        self.default_port: set[str] = set()
        for entry in allowed:
            if not entry or not entry.strip():
                continue
            host, port = _split_entry(entry)
            if port == "*":
                self.any_port.add(host)
            elif port is not None:
                if not port.isdigit() or not 0 < int(port) < 65536:
                    raise ValueError(f"ogiltig port i tillåtelselistan: {entry!r}")
                self.ports.setdefault(host, set()).add(int(port))
            else:
                self.default_port.add(host)

    @property
    def hosts(self) -> set[str]:
        """Every host on the allow-list (without ports)."""
        return self.default_port | self.any_port | set(self.ports)

    def host_rules(self) -> list[str]:
        """The allow-list as ``host`` / ``host:port`` patterns (for Chromium's proxy bypass list)."""
        out = sorted(self.any_port | self.default_port)
        out += sorted(f"{h}:{p}" for h, ps in self.ports.items() for p in ps)
        return out

    def _host_allowed(self, host: str, port: int, scheme: str) -> bool:
        if host in self.any_port:
            return True
        if port in self.ports.get(host, ()):
            return True
        return host in self.default_port and port == DEFAULT_PORTS[scheme]

    def check(self, url: str, base: str | None = None) -> GatedUrl:
        """The normalised URL, or ``UrlRefused``. ``base``: the page or redirecting URL a
        relative link or ``Location`` is resolved against (checked as strictly)."""
        if not isinstance(url, str):
            raise UrlRefused(repr(url), "unsafe_url", "ingen URL-sträng")
        raw = url.strip(" \t\r\n")
        if len(raw) > MAX_URL_LENGTH:
            raise UrlRefused(url, "unsafe_url", f"URL längre än {MAX_URL_LENGTH} tecken")
        bad = _BAD_CHARS.search(raw)
        if bad:
            raise UrlRefused(url, "unsafe_url", f"otillåtet tecken {bad.group(0)!r} i URL:en")
        if base is not None:
            raw = urljoin(self.check(base).url, raw)
        m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", raw)
        scheme = m.group(1).lower() if m else ""
        if scheme not in DEFAULT_PORTS:
            raise UrlRefused(url, "unsafe_url", f"schemat {scheme!r} är inte tillåtet")
        rest = raw[len(scheme) + 1:]
        if not rest.startswith("//"):
            raise UrlRefused(url, "unsafe_url", "ingen värd (saknar //)")
        rest = rest[2:]
        end = min([i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0], default=len(rest))
        netloc, tail = rest[:end], rest[end:]
        if "@" in netloc:
            raise UrlRefused(url, "unsafe_url", "användarnamn/lösenord i URL:en är inte tillåtet")
        if any(ord(c) > 127 for c in netloc) or "%" in netloc:
            raise UrlRefused(url, "unsafe_url", "värdnamnet måste vara ASCII utan %-kodning")
        host, port = self._host_port(url, netloc.lower(), scheme)
        if not self._host_allowed(host, port, scheme):
            shown = host if port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
            raise UrlRefused(url, "host_not_allowed", f"värden {shown!r} är inte tillåten")
        tail = tail.split("#", 1)[0]
        path, q, query = tail.partition("?")
        path = quote(path or "/", safe=_SAFE_PATH)
        query = quote(query, safe=_SAFE_QUERY)
        gated = GatedUrl(url="", scheme=scheme, host=host, port=port)
        normalised = gated.origin + path + (("?" + query) if q else "")
        self._same_as_http_library(url, normalised, host, port)
        return GatedUrl(url=normalised, scheme=scheme, host=host, port=port)

    def _host_port(self, url: str, netloc: str, scheme: str) -> tuple[str, int]:
        if netloc.startswith("["):
            host, _, after = netloc[1:].partition("]")
            try:
                ipaddress.IPv6Address(host)
            except ValueError:
                raise UrlRefused(url, "unsafe_url", f"ogiltig IPv6-adress {host!r}") from None
            port_s = after[1:] if after.startswith(":") else ("" if not after else None)
            if port_s is None:
                raise UrlRefused(url, "unsafe_url", "skräp efter IPv6-adressen")
            literal = True
        else:
            host, sep, port_s = netloc.partition(":")
            if not sep:
                port_s = ""
            literal = False
            if not host or not _HOST_CHARS.fullmatch(host):
                raise UrlRefused(url, "unsafe_url", f"ogiltigt värdnamn {host!r}")
            if _NUMERIC_HOST.fullmatch(host):
                try:
                    canonical = str(ipaddress.IPv4Address(host))
                except ValueError:
                    canonical = ""
                if canonical != host:
                    raise UrlRefused(url, "unsafe_url", f"IP-adress i ovanlig form {host!r}")
                literal = True
            elif not all(_LABEL.fullmatch(label) for label in host.split(".")):
                raise UrlRefused(url, "unsafe_url", f"ogiltigt värdnamn {host!r}")
        if port_s == "":
            port = DEFAULT_PORTS[scheme]
        elif port_s.isdigit() and len(port_s) <= 5 and 0 < int(port_s) < 65536:
            port = int(port_s)
        else:
            raise UrlRefused(url, "unsafe_url", f"ogiltig port {port_s!r}")
        if literal and host not in self.hosts:
            raise UrlRefused(url, "host_not_allowed", f"IP-adressen {host!r} är inte tillåten")
        return host, port

    @staticmethod
    def _same_as_http_library(url: str, normalised: str, host: str, port: int) -> None:
        """The host and port that urllib3 (requests' connection layer) and the standard
        library read from the URL to be requested must be the checked ones."""
        try:
            u = parse_url(normalised)
            s = urlsplit(normalised)
            seen = [((u.host or "").strip("[]").lower(), u.port or DEFAULT_PORTS.get(u.scheme or "", -1)),
                    ((s.hostname or "").lower(), s.port or DEFAULT_PORTS.get(s.scheme, -1))]
        except ValueError as e:
            raise UrlRefused(url, "unsafe_url", f"URL:en kan inte tolkas entydigt ({e})") from e
        for h, p in seen:
            if (h, p) != (host, port):
                raise UrlRefused(url, "unsafe_url", f"URL:en tolkas olika ({h}:{p} mot {host}:{port})")
