"""From page texts to a structured yttrande: metadata, remiss, sections, position.

A pure function over text (``parse_structure``). Every field is optional and filled only
from what the text says; patterns work on diacritic-folded text so that OCR-damaged
documents ("forvaltningens forslag") parse like clean ones.
"""
from __future__ import annotations

import difflib
import re
from datetime import date

from remissvar.textnorm import fold, sentences, squash
from remissvar.records import (
    COUNCILS,
    MONTH_NUMBERS,
    PARTIES,
    DocumentKind,
    Evidence,
    MotionInfo,
    PageText,
    Position,
    RemissInfo,
    Section,
    Yttrande,
    stable_id,
)

MONTHS = MONTH_NUMBERS
_MONTH_RE = "|".join(MONTHS)
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b")
DATE_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")

_PARTY_RE = "|".join(PARTIES)
AUTHOR_PARTY = re.compile(
    rf"([A-ZÅÄÖÉ][a-zåäöéü]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü]+)+)\s*\(({_PARTY_RE})\)"
)
MOTION_NO = re.compile(r"\bmotion\s*\(?\s*(\d{4})\s*:\s*(\d{1,3})\s*\)?", re.I)
# Remitting body's dnr: "KS 2024/951", "316-259/2012", "TN 2023/1234", "SBN 2019-01234"
DNR = re.compile(r"\b((?:KS|KF|[A-ZÅÄÖ]{2,5})\s?\d{4}[/-]\d{1,6}|\d{2,4}-\d{1,5}/\d{4})\b")
REMISS_FROM = re.compile(
    r"remiss\s+fr\w{1,2}n\s+(?P<body>[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ–\- ]*?(?:styrelsen|namnden|nämnden|nämnd|namnd|departementet|kontoret|förvaltningen|forvaltningen|myndigheten|verket|regeringskansliet|Kommunstyrelsen|Kommunfullmäktige))",
    re.I,
)

# Known headings of a tjänsteutlåtande, folded; matched fuzzily (OCR).
HEADINGS = [
    "Förvaltningens förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendet",
    "Ärendets beredning",
    "Förvaltningens synpunkter och förslag",
    "Synpunkter och förslag",
    "Förvaltningens synpunkter",
    "Barnrättsanalys",
    "Jämställdhetsanalys",
    "Ekonomiska konsekvenser",
    "Bilagor",
    "Beslut",
    "Reservation",
    "Särskilt uttalande",
]
_HEADINGS_FOLDED = {fold(h): h for h in HEADINGS}


def _match_heading(line: str) -> str | None:
    f = fold(squash(line)).rstrip(":")
    if not f or len(f) > 45:
        return None
    if f in _HEADINGS_FOLDED:
        return _HEADINGS_FOLDED[f]
    best = difflib.get_close_matches(f, list(_HEADINGS_FOLDED), n=1, cutoff=0.86)
    return _HEADINGS_FOLDED[best[0]] if best else None


def split_sections(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Section]]:
    """Split (page, line) pairs at known headings -> (preamble lines, sections)."""
    preamble: list[tuple[int, str]] = []
    sections: list[Section] = []
    current: Section | None = None
    body: list[str] = []
    for page, line in lines:
        heading = _match_heading(line)
        if heading:
            if current is not None:
                current.text = _join(body)
                sections.append(current)
            current, body = Section(name=heading, text="", page=page), []
        elif current is None:
            preamble.append((page, line))
        else:
            body.append(line)
    if current is not None:
        current.text = _join(body)
        sections.append(current)
    return preamble, sections


def _join(lines: list[str]) -> str:
    """Join lines into paragraphs: blank lines separate paragraphs."""
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if ln.strip():
            cur.append(ln.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(paras)


def _parse_date(text: str) -> date | None:
    f = fold(text)
    m = DATE_WORDS.search(f)
    iso = DATE_ISO.search(text)
    candidates = []
    if m:
        candidates.append((m.start(), date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))))
    if iso:
        try:
            candidates.append((iso.start(), date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))))
        except ValueError:
            pass
    return min(candidates)[1] if candidates else None


_COUNCIL_WORD = re.compile(r"(\w+)\s+stadsdels(?:n\w*mnd|f\w*rvaltning)", re.I)


def detect_council(text: str) -> tuple[str | None, str | None]:
    """(council slug, administration name) from mentions like 'Skärholmens stadsdelsnämnd'.

    Fuzzy on folded words, so 'Skérholmens stadsdelsndmnd' (OCR) is Skärholmen. The
    'Till <nämnd>' header line wins over mentions in the running text."""
    f = fold(text)
    votes: dict[str, float] = {}
    names = {slug: fold(c.short.split("–")[0]).replace(" ", "") for slug, c in COUNCILS.items()}
    for m in _COUNCIL_WORD.finditer(f):
        word = m.group(1).rstrip("s")
        for slug, short in names.items():
            if difflib.SequenceMatcher(None, word, short).ratio() >= 0.8:
                weight = 3.0 if f[max(0, m.start() - 6) : m.start()].strip().endswith("till") else 1.0
                # Hägersten–Älvsjö vs Hägersten–Liljeholmen: decide on the next word
                if slug in ("hagersten-alvsjo", "hagersten-liljeholmen"):
                    tail = f[m.start() : m.start() + 40]
                    slug = "hagersten-liljeholmen" if "liljeholm" in tail else "hagersten-alvsjo"
                votes[slug] = votes.get(slug, 0) + weight
    if not votes:
        return None, None
    slug = max(votes, key=lambda k: votes[k])
    admin = COUNCILS[slug].name.replace("stadsdelsnämnd", "stadsdelsförvaltning")
    return slug, admin


def _handlaggare(preamble: list[str]) -> str | None:
    for i, ln in enumerate(preamble):
        if fold(ln.strip()).startswith("handlaggare"):
            rest = ln.split(":", 1)[1].strip() if ":" in ln else ""
            if rest:
                return rest
            for nxt in preamble[i + 1 : i + 3]:
                if nxt.strip():
                    return nxt.strip()
    return None


def _motion(text: str) -> MotionInfo | None:
    number = None
    m = MOTION_NO.search(text)
    if m:
        number = f"{m.group(1)}:{int(m.group(2))}"
    authors, parties = [], []
    if re.search(r"\bmotion", fold(text)):
        for am in AUTHOR_PARTY.finditer(text):
            if am.group(1) not in authors:
                authors.append(am.group(1))
            if am.group(2) not in parties:
                parties.append(am.group(2))
    if number or authors:
        return MotionInfo(number=number, authors=authors, parties=parties)
    return None


def _also_sent_to(text: str) -> list[str]:
    m = re.search(r"har [a-z]ven remitterats till ([^.]+)\.", fold(text))
    if not m:
        return []
    # fold() keeps every offset, so the span in the folded text is the span in the original
    start, end = m.span(1)
    parts = re.split(r",\s*|\s+och\s+", text[start:end])
    # OCR reads the en dash of "Hägersten – Älvsjö" as a hyphen
    return [re.sub(r"\s+-\s+", " – ", squash(p)) for p in parts if p.strip()]


def _remiss_title(preamble: list[str], text: str) -> str | None:
    for i, ln in enumerate(preamble):
        s = squash(ln)
        fs = fold(s)
        if fs.startswith("remiss av ") or fs.startswith("remiss om "):
            title = s[len("Remiss av ") :].strip()
            # a title wrapped over lines: continuation lines start in lower case
            for nxt in preamble[i + 1 : i + 3]:
                n = squash(nxt)
                if not n or not n[0].islower():
                    break
                title = title[:-1] + n if title.endswith("-") else f"{title} {n}"
            return title
    for ln in preamble:
        s = squash(ln).lstrip("-–• ").strip()
        fs = fold(s)
        if not s or fs.startswith(("handlaggare", "telefon", "till ", "svar pa remiss", "dnr")):
            continue
        if DATE_WORDS.search(fs) or DATE_ISO.search(s) or "stadsdels" in fs or len(s) < 12:
            continue
        return s
    return None


def remiss_identity(dnr: str | None, motion: MotionInfo | None, title: str | None) -> str:
    """Stable identity of a remiss: the remitting body's dnr, else motion number, else title."""
    if dnr:
        return "dnr-" + re.sub(r"[^0-9a-z]+", "-", fold(dnr)).strip("-")
    if motion and motion.number:
        return "motion-" + motion.number.replace(":", "-")
    norm = re.sub(r"[^0-9a-z ]+", " ", fold(title or ""))
    norm = re.sub(r"\b(remiss|av|om|svar|pa|over|yttrande)\b", " ", norm)
    return "titel-" + stable_id(squash(norm))


# ---- position ---------------------------------------------------------------
# Patterns over folded sentences. Order of evidence: the administration's own views.
_NEG = [
    r"\bavstyrk", r"\bavslas\b", r"\bavsla (motionen|forslaget)", r"inte (ar|vara) (stockholms )?stad\w* uppdrag",
    r"anser forvaltningen (darfor )?inte", r"st\w{1,2}ller sig (ocks\w |aven )?negativ", r"ser inte (nagot |ett )?behov",
    r"\bmotsatter sig\b", r"bor inte genomforas",
]
_POS = [
    r"\btillstyrk", r"st\w{1,2}ller sig (ocks\w |aven )?positiv", r"ser positivt p\w?", r"\bvalkomnar\b", r"staller sig bakom",
    r"\binstammer\b", r"\bbifalla\b", r"\bstoder (forslaget|motionen|policyn)",
]
_PARTLY = [r"\bdelvis\b.*(tillstyrk|positiv|instamm)", r"(tillstyrk|positiv)\w*.*\bdelvis\b", r"\bi huvudsak\b"]
_NEUTRAL = [r"inga (ytterligare )?synpunkter", r"avstar fran att (yttra|lamna)", r"inte (har )?nagra synpunkter"]
_VIEW_SECTIONS = ("Förvaltningens synpunkter och förslag", "Synpunkter och förslag", "Förvaltningens synpunkter",
                  "Sammanfattning", "Förvaltningens förslag till beslut")


def classify_position(sections: list[Section], full_text: str) -> Evidence:
    """Rule-based position with the sentences that carry it."""
    texts = [s.text for s in sections if s.name in _VIEW_SECTIONS] or [full_text]
    hits: dict[Position, list[str]] = {p: [] for p in Position}
    for t in texts:
        for sent in sentences(t):
            f = fold(sent)
            if any(re.search(p, f) for p in _PARTLY):
                hits[Position.DELVIS].append(sent)
            elif any(re.search(p, f) for p in _NEUTRAL):
                hits[Position.NEUTRAL].append(sent)
            elif any(re.search(p, f) for p in _NEG):
                hits[Position.AVSTYRKER].append(sent)
            elif any(re.search(p, f) for p in _POS):
                hits[Position.TILLSTYRKER].append(sent)
    pos, neg = hits[Position.TILLSTYRKER], hits[Position.AVSTYRKER]
    uniq = lambda xs: list(dict.fromkeys(xs))  # noqa: E731
    if hits[Position.DELVIS]:
        return Evidence(position=Position.DELVIS, sentences=uniq(hits[Position.DELVIS]))
    if pos and neg:
        return Evidence(position=Position.DELVIS, sentences=uniq(pos + neg))
    if neg:
        return Evidence(position=Position.AVSTYRKER, sentences=uniq(neg))
    if pos:
        return Evidence(position=Position.TILLSTYRKER, sentences=uniq(pos))
    if hits[Position.NEUTRAL]:
        return Evidence(position=Position.NEUTRAL, sentences=uniq(hits[Position.NEUTRAL]))
    return Evidence(position=Position.OKLART)


def parse_structure(pages: list[PageText], *, source_url: str | None = None,
                    content_sha256: str | None = None, original_text: str | None = None) -> Yttrande:
    """The structured record of one tjänsteutlåtande, from its page texts."""
    lines: list[tuple[int, str]] = []
    for p in pages:
        for ln in p.text.splitlines():
            lines.append((p.number, ln))
    full_text = "\n".join(p.text for p in pages)
    preamble_pairs, sections = split_sections(lines)
    preamble = [ln for _, ln in preamble_pairs]
    head = "\n".join(preamble)

    council, admin = detect_council(full_text)
    title = _remiss_title(preamble, full_text)
    body = dnr = None
    m = REMISS_FROM.search(squash(head)) or REMISS_FROM.search(squash(full_text))
    if m:
        body = squash(m.group("body"))
        body = body[0].upper() + body[1:]
        after = squash(head if REMISS_FROM.search(squash(head)) else full_text)[m.end() : m.end() + 60]
        dm = DNR.search(after)
        dnr = dm.group(1) if dm else None
    if not dnr:
        dm = re.search(r"\bdnr[:.]?\s*" + DNR.pattern, full_text, re.I)
        dnr = dm.group(1) if dm else None
    deadline = None
    dl = re.search(rf"senast\s+(?:den\s+)?(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})", fold(full_text))
    if dl:
        deadline = date(int(dl.group(3)), MONTHS[dl.group(2)], int(dl.group(1)))
    motion = _motion(full_text)
    remiss = RemissInfo(
        id=remiss_identity(dnr, motion, title),
        title=title, body=body, dnr=dnr, deadline=deadline, motion=motion,
        also_sent_to=_also_sent_to(full_text),
    )
    if head.strip():
        sections.insert(0, Section(name="Inledning", text=_join(preamble), page=preamble_pairs[0][0]))
    decision = next((s.text for s in sections if s.name == "Förvaltningens förslag till beslut"), None)
    ident = content_sha256 or stable_id(full_text)
    return Yttrande(
        id=ident[:20],
        council=council,
        administration=admin,
        date=_parse_date(head) or _parse_date(full_text[:2000]),
        handlaggare=_handlaggare(preamble),
        kind=DocumentKind.TJANSTEUTLATANDE,
        title=title,
        remiss=remiss,
        sections=sections,
        position=classify_position(sections, full_text),
        decision=decision,
        pages=pages,
        text=full_text,
        original_text=original_text,
        ocr=any(p.ocr for p in pages),
        source_url=source_url,
        content_sha256=content_sha256,
    )
