"""gunicorn's access log without a pasted draft (issue 29: "the draft never appears in a URL or a
log line"). The precedent form POSTs the draft, but links from before it did (``/prejudikat?text=…``)
still arrive, and the page they get sends its own address as the Referer of its stylesheet and
script requests: the default access line (``%(r)s``, ``%(f)s``) would write the draft twice. Every
atom that holds a precedent address keeps its path and loses its query string."""
from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

_PRECEDENT_QUERY = re.compile(r"(/prejudikat[^?\s\"]*)\?[^\s\"]*")


def redact(value: str) -> str:
    """``value`` with the query string of any precedent address replaced by ``?…``."""
    return _PRECEDENT_QUERY.sub(r"\1?…", value)


class PrivateAccessLogger(Logger):  # type: ignore[misc]  # gunicorn ships no types
    """The standard access log, precedent query strings redacted (``web/gunicorn_conf.py``)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        query = str(environ.get("QUERY_STRING") or "")
        own = query if str(environ.get("PATH_INFO") or "").startswith("/prejudikat") else ""
        for key, value in atoms.items():
            if isinstance(value, str):
                if own and own in value:  # %(q)s, {query_string}e: the request's own query string
                    value = value.replace(own, "…")
                atoms[key] = redact(value) if "/prejudikat" in value else value
        return atoms
