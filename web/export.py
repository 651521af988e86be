"""Pure helpers of the exports: safe CSV cells, XML-safe text, absolute URLs, local time."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from remissvar.records import MONTHS
from remissvar.settings import Settings

LOCAL_TZ = ZoneInfo("Europe/Stockholm")
# cells a spreadsheet would read as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 forbids C0 controls except tab/newline/CR, surrogates and U+FFFE/U+FFFF; the private
# highlight markers (U+E000/U+E001) are stripped too
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ue000\ue001\ufffe\uffff]")


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs: a leading = + - @ tab or CR gets a leading quote."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Semicolon CSV (Swedish Excel), every cell neutralised, with a BOM so å/ä/ö open right."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for row in rows:
        w.writerow([csv_cell(c) for c in row])
    return "\ufeff" + buf.getvalue()


def xml_text(text: str | None) -> str:
    """Text safe for XML 1.0 (form feeds from PDF page breaks and other controls removed)."""
    return _XML_INVALID.sub(" ", text or "")


def base_url(settings: Settings) -> str:
    """The site's absolute base URL: the configured one, never the request's Host header."""
    configured = settings.public_base_url.strip().rstrip("/")
    return configured or f"http://{settings.web_host}:{settings.web_port}"


def absolute(settings: Settings, path: str) -> str:
    return base_url(settings) + (path if path.startswith("/") else "/" + path)


def parse_instant(value: str | None) -> dt.datetime | None:
    """An ISO timestamp (UTC when it names no zone) as an aware datetime."""
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def local_time(value: str | None) -> str:
    """'2026-11-29T03:00:00+00:00' -> '29 november 2026 kl. 04:00' (Stockholm time)."""
    t = parse_instant(value)
    if t is None:
        return value or ""
    t = t.astimezone(LOCAL_TZ)
    return f"{t.day} {MONTHS[t.month - 1]} {t.year} kl. {t:%H:%M}"


def atom_instant(value: str | None) -> str:
    """An ISO date or timestamp as an Atom (RFC 3339) instant in UTC."""
    t = parse_instant(value if value and "T" in value else (f"{value[:10]}T00:00:00" if value else None))
    if t is None:
        return "1970-01-01T00:00:00Z"
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
