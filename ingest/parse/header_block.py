"""A document's header block: "Datum / Diarienr / Handläggare / ..." and their values.

Two layouts occur in real documents (tests/fixtures/real-documents, the seeds):
- label and value on one line: ``Diarienr: 2025.446 KS`` (pdfplumber's reading order);
- a column of labels, then a column of values (``pdftotext`` raw order; the Södermalm
  seed's "Handläggare" / "Karolin Bogren Gavling").
Values are paired with labels by order and validated by shape (a date, a dnr, a name, a
phone number, an e-mail address): a line that fits no waiting label is not a value (a
right-hand column such as the recipient, "Kommunstyrelsen", "kontakt@projektmjorn.se").

Text order, measured on the four real answers (bench/parse_quality.py, "real_header_fields_*"):
pdfplumber's lines (clustered by position, the order ``ingest.parse.extract`` uses) put label and
value on one line with the right-hand column appended ("Datum: 2026-05-11 Kommunstyrelsen":
the value is the longest prefix of the right shape, the rest goes to ``extra``); pdftotext's
raw order gives the two columns one after the other. Both read 12/12 header fields right.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from remissvar.textnorm import fold, squash

_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2} [a-zåäö]+ \d{4})$")
_DNR = re.compile(r"^(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d{1,4}[./:-]\d{1,6}(?:[./-]\d{1,6})*(?: ?[A-ZÅÄÖ]{2,6})?(?=\s|$)")
_NAME = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéüA-ZÅÄÖ'-]+(?: [A-ZÅÄÖÉ][a-zåäöéü'-]+){1,3}$")
_PHONE = re.compile(r"^(?:\+46|0)[\d -]{6,16}\d$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_BODY = re.compile(r"\b(?:n\w{1,2}mnd(?:en)?|styrelsen?|f\w{1,2}rvaltning(?:en)?|kontoret|fullm\w{1,2}ktige|"
                   r"stadsdelsn\w{1,2}mnd|kommun)\b", re.I)


def _is_date(v: str) -> bool:
    return bool(_DATE.match(fold(v)))


def _is_dnr(v: str) -> bool:
    return bool(_DNR.match(v)) and not _is_date(v) and not _PHONE.match(v)


def _is_name(v: str) -> bool:
    return bool(_NAME.match(v)) and not _BODY.search(v)


def _is_phone(v: str) -> bool:
    return bool(_PHONE.match(v))


def _is_email(v: str) -> bool:
    return bool(_EMAIL.match(v))


def _is_reference(v: str) -> bool:
    return bool(re.search(r"\d", v)) and not _is_date(v) and not _is_phone(v)


def _is_recipient(v: str) -> bool:
    return bool(_BODY.search(v)) or _is_name(v)


# folded label -> (field name, value shape)
LABELS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "datum": ("datum", _is_date),
    "beslutsdatum": ("datum", _is_date),
    "sammantradesdatum": ("sammantradesdatum", _is_date),
    "diarienr": ("dnr", _is_dnr),
    "diarie nr": ("dnr", _is_dnr),
    "diarienummer": ("dnr", _is_dnr),
    "dnr": ("dnr", _is_dnr),
    "var beteckning": ("dnr", _is_dnr),
    "beteckning": ("beteckning", _is_reference),
    "er beteckning": ("er_beteckning", _is_reference),
    "handlaggare": ("handlaggare", _is_name),
    "var handlaggare": ("handlaggare", _is_name),
    "direktnr": ("telefon", _is_phone),
    "telefon": ("telefon", _is_phone),
    "tel": ("telefon", _is_phone),
    "epost": ("epost", _is_email),
    "e-post": ("epost", _is_email),
    "mejl": ("epost", _is_email),
    "till": ("till", _is_recipient),
}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
    + r")\s*(?::|\.)?(?:\s+|$)(?P<rest>.*)$"
)
# the longest prefix of an inline value that fits the shape: "2026-05-28 kontakt@x.se" -> "2026-05-28"
_PREFIXES: dict[str, re.Pattern[str]] = {
    "datum": re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{1,2} [A-Za-zåäö]+ \d{4}"),
    "sammantradesdatum": re.compile(r"^\d{4}-\d{2}-\d{2}"),
    "dnr": re.compile(_DNR.pattern),
    "telefon": re.compile(r"^(?:\+46|0)[\d -]{6,16}\d"),
    "epost": re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "handlaggare": re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéü'-]+(?: [A-ZÅÄÖÉ][a-zåäöéü'-]+){1,3}"),
}


@dataclass
class HeaderBlock:
    fields: dict[str, str] = field(default_factory=dict)  # "datum", "dnr", "handlaggare", "telefon", ...
    extra: list[str] = field(default_factory=list)  # lines inside the block that are no value (right column)
    end: int = 0  # index of the first line after the block


def _label(line: str) -> tuple[str, str, str] | None:
    """(field, shape key, rest of the line) for a header label line."""
    s = squash(line)
    m = _LABEL_RE.match(fold(s))
    if not m:
        return None
    key = m.group("label")
    # label "Till" only when alone or followed by a body ("Till Södermalms stadsdelsnämnd"), not running text
    rest = s[m.start("rest"):].strip()
    if key == "till" and rest and not _is_recipient(rest):
        return None
    has_colon = ":" in s[: m.start("rest")]
    if key in ("tel", "dnr", "telefon") and rest and not (has_colon or LABELS[key][1](rest.split("  ")[0])):
        prefix = _PREFIXES.get(LABELS[key][0])
        if not (prefix and prefix.match(rest)):
            return None
    return LABELS[key][0], key, rest


def _align(labels: list[tuple[str, str]], values: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """The order-keeping pairing of labels and values with the most shape matches (LCS-style)."""
    n, m = len(labels), len(values)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            fit = best[i + 1][j + 1] + 1 if LABELS[labels[i][1]][1](values[j][1]) else -1
            best[i][j] = max(best[i + 1][j], best[i][j + 1], fit)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if LABELS[labels[i][1]][1](values[j][1]) and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def parse_header(lines: list[str], *, max_lines: int = 40) -> HeaderBlock:
    """The header block among the first ``max_lines`` lines (either layout); empty when none."""
    hb = HeaderBlock()
    run_labels: list[tuple[str, str]] = []  # labels printed without a value (column layout)
    run_values: list[tuple[int, str]] = []
    last = -1

    def resolve() -> None:
        nonlocal last
        pairs = _align(run_labels, run_values)
        matched = {j for _, j in pairs}
        for i, j in pairs:
            fname = run_labels[i][0]
            if fname not in hb.fields:
                hb.fields[fname] = run_values[j][1]
            last = max(last, run_values[j][0])
        if pairs:
            upto = max(j for _, j in pairs)
            hb.extra.extend(v for j, (_, v) in enumerate(run_values) if j not in matched and j < upto)
        run_labels.clear()
        run_values.clear()

    for i, raw in enumerate(lines[:max_lines]):
        s = squash(raw)
        if not s:
            continue
        lab = _label(s)
        if lab:
            fname, key, rest = lab
            if run_values:
                resolve()
            last = max(last, i)
            if not rest:
                run_labels.append((fname, key))
                continue
            shape = LABELS[key][1]
            prefix = _PREFIXES.get(fname)
            pm = prefix.match(rest) if prefix else None
            if shape(rest):
                value, tail = rest, ""
            elif pm:
                value, tail = rest[: pm.end()].strip(), rest[pm.end():].strip()
            else:
                value, tail = "", rest
            if value and fname not in hb.fields:
                hb.fields[fname] = value
            if tail:
                hb.extra.append(tail)
            continue
        if run_labels:
            if len(run_values) < len(run_labels) + 2:
                run_values.append((i, s))
                continue
            resolve()
        if last >= 0 and i - last > 2:
            break
    if run_labels:
        resolve()
    hb.end = last + 1 if last >= 0 else 0
    return hb
