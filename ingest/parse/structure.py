"""From page texts to a structured record: kind, header fields, remiss, sections, position.

A pure function over text (``parse_structure``). Every field is optional and filled only
from what the text says; patterns work on diacritic-folded text so that OCR-damaged
documents ("forvaltningens forslag") parse like clean ones.

The kind (``ingest.parse.kinds``) picks the reader: protocols and extracts (paragraphs with
their decisions and party statements, attendance: ``ingest.parse.protocol``); answers
(tjänsteutlåtande, tjänsteskrivelse, yttrande: header block ``ingest.parse.header_block``,
title from the PDF's heading cues, sections ``ingest.parse.sections``, the position from the
administration's view, read by ``remissvar.positions``, which gives each sentence to its
subject's body); and documents that are answered or attached (motion, remiss
material, bilaga: no position). The council comes from provenance (``council``), the
letterhead only for loose files.
"""
from __future__ import annotations

import re
from datetime import date

from ingest.parse.header_block import parse_header
from ingest.parse.kinds import detect_kind
from ingest.parse.protocol import parse_attendance, split_pages
from ingest.parse.sections import VIEW_SECTIONS, join_lines, match_heading, split_sections
from remissvar.positions import classify_document
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
    council_from_name,
    stable_id,
)
from remissvar.remiss_fields import dnr_key, find_dnrs, parties_in, remittent
from remissvar.sendlist import read_sendlist
from remissvar.textnorm import fold, squash

MONTHS = MONTH_NUMBERS
_MONTH_RE = "|".join(MONTHS)
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b")
DATE_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")

_PARTY_RE = "|".join(PARTIES)
AUTHOR_PARTY = re.compile(
    rf"([A-ZÅÄÖÉ][a-zåäöéü]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü]+)+)\s*\(({_PARTY_RE})\)"
)
MOTION_NO = re.compile(r"\bmotion\s*\(?\s*(\d{4})\s*:\s*(\d{1,3})\s*\)?", re.I)


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


def detect_council(text: str, *, source: str | None = None) -> tuple[str | None, str | None]:
    """(council slug, administration name) of the answering council.

    The council comes from provenance: ``source`` is the council (slug or name) whose page
    listed the document, passed in by the pipeline. Only for a loose file is the letterhead
    read: ``text`` is then the document's head (letterhead, "Till <nämnd>", the proposal's
    subject "<X> stadsdelsnämnd godkänner ..."), never its body, where other councils are
    named ("Ärendet har även remitterats till Farsta stadsdelsnämnd")."""
    slug = None
    if source:
        slug = source if source in COUNCILS else council_from_name(source)
    if slug is None and not source:
        for line in text.splitlines():
            s = squash(line)
            if not s or not re.search(r"stadsdels\w*", fold(s)):
                continue
            slug = council_from_name(s)
            if slug:
                break
    if slug is None or slug not in COUNCILS:
        return None, None
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


# the motion's own words about who wrote it: "Motionen är skriven av Anna Exempel (fp).",
# "I motionen, väckt av Karin Rågsjö (V), föreslås ...", "Motionärerna Bo Ek och Eva Al (S) föreslår"
_MOTION_BY_SENTENCE = re.compile(
    r"(?i)\bmotion(?:en|ärerna|ären|erna)?\b,?(?:\s+(?:är|har|blev|som|var))?\s+(?:skriven|väckt|väcktes|"
    r"lagd|inlämnad|undertecknad|ställd|skrevs|lämnades)\s+av\s+([^.\n]{3,160})"
    r"|\bmotionär(?:en|erna)\s+([A-ZÅÄÖÉ][^.\n]{2,160})")
_PERSON = re.compile(r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü]+)+")


def _motion_from_body(motion: MotionInfo | None, text: str) -> MotionInfo | None:
    """Authors and parties the motion's text names when its heading names none (a motion
    without them is found by neither author nor party)."""
    if motion is None or (motion.authors and motion.parties):
        return motion
    for m in _MOTION_BY_SENTENCE.finditer(text):
        part = m.group(1) or m.group(2) or ""
        part = re.split(r"(?i)\s+(?:om|föreslår|yrkar|anser|vill)\s", part)[0]
        authors = [a for a in _PERSON.findall(re.sub(r"\([^()]*\)", " ", part))
                   if fold(a).split()[0] not in ("motion", "kommunstyrelsen", "stockholms", "remiss")]
        parties = parties_in(part)
        if authors or parties:
            return motion.model_copy(update={"authors": motion.authors or authors,
                                             "parties": motion.parties or parties})
    return motion


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


def _also_sent_to(text: str, on_date: date | None) -> list[str]:
    """The other bodies the remiss was sent to, as the answer lists them ("Ärendet har även
    remitterats till …", "samtliga stadsdelsnämnder" expanded to the councils of that date)."""
    return [COUNCILS[b.council].name if b.council in COUNCILS else b.name for b in read_sendlist(text, on_date)]


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


_BODY_LINE = re.compile(r"^[A-ZÅÄÖ][\w]*(?:-? och [\w]+)?(?:n\w{1,2}mnden|n\w{1,2}mnd|styrelsen|fullm\w{1,2}ktige)$")
_ADMIN_WORD = re.compile(r"\b((?:[A-ZÅÄÖ][\wåäö]*- och [\wåäö]*|[A-ZÅÄÖ][\wåäö]*)(?:f\w{1,2}rvaltningen|kontoret))\b")
_ADMIN_PROPOSES = re.compile(r"\b((?:[A-ZÅÄÖ][\wåäö]*- och [\wåäö]*|[A-ZÅÄÖ][\wåäö]*)"
                             r"(?:f\w{1,2}rvaltningen|kontoret))\s+"
                             r"(?:f\w{1,2}resl\w{1,2}r|delar|bed\w{1,2}mer|anser)\b")
_SUBJECT_BODY = re.compile(r"^((?:[A-ZÅÄÖ][\wåäö]*- och [\wåäö]*|[A-ZÅÄÖ][\wåäö]*)"
                           r"(?:n\w{1,2}mnden|styrelsen|fullm\w{1,2}ktige))\s+\w+")
_DECISION_SECTIONS = ("Förvaltningens förslag till beslut", "Förslag till beslut",
                      "Förslag till beslut i kommunfullmäktige")
_VIEW = VIEW_SECTIONS + ("Förslag till beslut i kommunfullmäktige",)
_ANSWER_KINDS = (DocumentKind.TJANSTEUTLATANDE, DocumentKind.TJANSTESKRIVELSE, DocumentKind.YTTRANDE,
                 DocumentKind.OKAND)
_KIND_WORDS = {"yttrande", "protokoll", "tjansteskrivelse", "tjansteutlatande", "protokollsutdrag", "motion"}


def _deadline(text: str) -> date | None:
    f = fold(text)
    dl = re.search(rf"(?:senast|besvaras (?:senast |innan |fore )?)\s*(?:den\s+)?"
                   rf"(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})", f)
    if not dl:
        return None
    try:
        return date(int(dl.group(3)), MONTHS[dl.group(2)], int(dl.group(1)))
    except ValueError:
        return None


def _iso(value: str | None) -> date | None:
    return _parse_date(value) if value else None


def _layout_title(lines: list[str], start: int, cues: set[str]) -> tuple[str | None, set[int]]:
    """The document's title: the first run of lines the PDF sets as headings (bold/larger) after
    the header block, that is neither a known section heading nor the kind word; with the
    indexes of its lines."""
    idx: list[int] = []
    for i in range(start, min(len(lines), start + 25)):
        s = squash(lines[i])
        if not s:
            continue
        is_cue = s in cues and fold(s) not in _KIND_WORDS and not match_heading(s)
        if is_cue:
            idx.append(i)
        elif idx:
            break
    if not idx:
        return None, set()
    return squash(" ".join(squash(lines[i]) for i in idx)), set(idx)


def _answered_title(title: str | None) -> str | None:
    """What a document answers, from its title: "Motionssvar - Motion gällande X" -> "Motion gällande X",
    "Svar på motion gällande X - Camilla Stensson (S) med flera" -> "Motion gällande X",
    "Yttrande över X" -> "X"."""
    if not title:
        return None
    t = re.sub(r"^(?:motionssvar|svar p\w remiss(?: av| om)?|svar p\w|yttrande \w{2,4}r|yttrande)\s*[-–:]?\s*", "",
               title, flags=re.I)
    t = re.sub(rf"\s+[-–]\s+[^()]+\((?:{_PARTY_RE})\)(?:\s+med flera|\s+m\.fl\.)?$", "", t)
    t = t.strip(" -–")
    return t[0].upper() + t[1:] if t else None


def _body_from(candidates: list[str]) -> str | None:
    for c in candidates:
        s = squash(c)
        if _BODY_LINE.match(s):
            return s
    return None


def _head_candidates(pages: list[PageText], n_pages: int = 3, n_lines: int = 6) -> list[str]:
    """Letterhead lines: running lines and the first lines of the first pages, with a name wrapped
    over two lines joined ("Bygg- och" + "miljönämnden")."""
    out: list[str] = []
    for p in pages[:n_pages]:
        lines = [squash(x) for x in p.running_lines + p.text.splitlines()[:n_lines] if x.strip()]
        out.extend(lines)
        out.extend(f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False) if a.endswith((" och", "-")))
    return out


def _administration(pages: list[PageText], extra: list[str], view: str) -> str | None:
    for line in extra + [ln for p in pages[:1] for ln in p.running_lines]:
        m = _ADMIN_WORD.search(line)
        if m:
            return m.group(1)
    m = _ADMIN_PROPOSES.search(view)
    if m and m.group(1)[0].isupper():
        return m.group(1)
    return None


def _evidence(sections: list[Section], full_text: str, council: str | None, own: tuple[str, ...]) -> Evidence:
    """The answering body's position: its view sections, read by the classifier in the order their
    stance weighs (decision proposal, summary, synpunkter), with a confidence. The classifier tells
    whose view each sentence states (another body's decision, the motion's proposal, the material
    and cost consequences are not the answering body's)."""
    parts = [(s.name, s.text) for s in sections if s.name in _VIEW] or [("", full_text)]
    # whose view: the council whose page listed it (provenance) first, else the body the document names
    res = classify_document(parts, council=council) if council else \
        classify_document(parts, body=own[0] if own else None)
    return Evidence(position=res.position, sentences=list(res.evidence), confidence=res.confidence)


def parse_structure(pages: list[PageText], *, source_url: str | None = None,
                    content_sha256: str | None = None, original_text: str | None = None,
                    council: str | None = None, link_text: str | None = None) -> Yttrande:
    """The structured record of one document, from its page texts.

    ``council``: the council (slug or name) whose page listed the document (provenance);
    ``link_text``: the text of the link it was listed under. Each kind has its reader:
    protocols (``_read_protocol``), answers (tjänsteutlåtande, tjänsteskrivelse, yttrande)
    and other documents (motion, remiss material, attachment)."""
    full_text = "\n".join(p.text for p in pages)
    ident = content_sha256 or stable_id(full_text)
    kind = detect_kind([p.text for p in pages], running_lines=pages[0].running_lines if pages else [],
                       link_text=link_text)
    base = Yttrande(id=ident[:20], kind=kind, pages=pages, text=full_text, original_text=original_text,
                    ocr=any(p.ocr for p in pages), source_url=source_url, content_sha256=content_sha256,
                    remiss=RemissInfo(id="dok-" + ident[:20]))
    if kind in (DocumentKind.PROTOKOLL, DocumentKind.PROTOKOLLSUTDRAG):
        return _read_protocol(pages, full_text, ident, council, base)
    return _read_document(pages, full_text, council, kind, base)


def _read_protocol(pages: list[PageText], full_text: str, ident: str, council: str | None,
                   base: Yttrande) -> Yttrande:
    paragraphs = split_pages([(p.number, p.text) for p in pages])
    heads = _head_candidates(pages)
    body = _body_from(heads)
    day = next((d for d in (_iso(h) for h in heads if DATE_ISO.fullmatch(h.strip())) if d), None) \
        or _parse_date(full_text[:1500])
    slug, admin = detect_council("", source=council) if council else (None, None)
    title = ", ".join(x for x in ("Protokoll" if base.kind == DocumentKind.PROTOKOLL else "Protokollsutdrag",
                                  body, day.isoformat() if day else None) if x)
    sections = [Section(name=f"§ {p.number} {p.title or ''}".strip(), text=p.text, page=p.page) for p in paragraphs]
    one = paragraphs[0] if len(paragraphs) == 1 else None
    return base.model_copy(update=dict(
        council=slug, administration=admin, date=day, title=title, body=body,
        remiss=RemissInfo(id="protokoll-" + ident[:20]),
        sections=sections, paragraphs=paragraphs, attendance=parse_attendance(full_text),
        decision=one.decision if one else None, reservations=one.reservations if one else [],
        diarienummer=one.dnr if one and base.kind == DocumentKind.PROTOKOLLSUTDRAG else None,
    ))


def _read_document(pages: list[PageText], full_text: str, council: str | None, kind: DocumentKind,
                   base: Yttrande) -> Yttrande:
    first_lines = pages[0].text.splitlines() if pages else []
    header = parse_header(first_lines)
    cues = {squash(h) for p in pages for h in p.headings}
    title, title_idx = _layout_title(first_lines, header.end, cues) if cues else (None, set())
    skip = set(range(header.end)) | title_idx if title else set()
    lines: list[tuple[int, str]] = []
    for p in pages:
        for i, ln in enumerate(p.text.splitlines()):
            if not (p is pages[0] and i in skip):
                lines.append((p.number, ln))
    preamble_pairs, sections = split_sections(lines, cues)
    preamble = [ln for _, ln in preamble_pairs]
    head = "\n".join(first_lines[: header.end] + preamble)

    if kind in _ANSWER_KINDS:
        remiss_title = _remiss_title(preamble, full_text) if title is None else _answered_title(title)
    else:  # the document is itself what is answered (a motion, the remiss material)
        title = title or next((squash(ln) for ln in preamble if len(squash(ln)) >= 12), None)
        remiss_title = title
    if title is None:
        title = remiss_title
    # the remitting body and its dnr, by the grammar the crawler reads agenda lines with
    rem = remittent(head, document=True) or remittent(full_text, document=True)
    body, dnr = (rem.body, rem.dnr) if rem else (None, None)
    if not dnr and kind in (DocumentKind.TJANSTEUTLATANDE, DocumentKind.OKAND):
        # a dnr written after the word "dnr" (not any digit run with a prefix: "STAD 2017-2022"),
        # and not the council's own from the header
        # (its header value may run on: "FAR 2025/310 Sida 1 (3)")
        own = {dnr_key(d) for d in find_dnrs("dnr " + header.fields["dnr"])} if header.fields.get("dnr") else set()
        dnr = next((d[0] for m in re.finditer(r"(?i)\bdnr\b", full_text)
                    if (d := find_dnrs(full_text[m.start():m.start() + 40])) and dnr_key(d[0]) not in own), None)
    intro = "\n".join([head] + [s.text for s in sections[:1]])
    motion = _motion_from_body(_motion(intro if title_idx else full_text), full_text)
    remiss = RemissInfo(
        id=remiss_identity(dnr, motion, remiss_title),
        title=remiss_title, body=body, dnr=dnr, deadline=_deadline(full_text), motion=motion,
        also_sent_to=_also_sent_to(full_text, _iso(header.fields.get("datum")) or _parse_date(head)),
    )
    if head.strip() and preamble_pairs and any(ln.strip() for ln in preamble):
        sections.insert(0, Section(name="Inledning", text=join_lines(preamble), page=preamble_pairs[0][0]))
    decision = next((s.text for name in _DECISION_SECTIONS for s in sections if s.name == name and s.text), None)
    # the answering body: the header's right column, the addressee, or the view's subject
    view_first = next((s.text for s in sections if s.name in _VIEW and s.text), "")
    sm = _SUBJECT_BODY.match(view_first)
    own_body = _body_from(header.extra) or (squash(header.fields["till"]) if "till" in header.fields else None) \
        or (sm.group(1) if sm else None)
    # council: provenance first; the letterhead (head, addressee, the proposal's subject) for loose files
    letterhead = "\n".join((pages[0].running_lines if pages else []) + [head] + ([decision] if decision else []))
    slug, admin = detect_council(letterhead, source=council)
    if admin is None:
        admin = _administration(pages, header.extra, "\n".join(s.text for s in sections if s.name in _VIEW))
    if kind in _ANSWER_KINDS:
        evidence = _evidence(sections, full_text, slug, tuple(x for x in (own_body, admin) if x))
    else:
        # a motion, the remiss material or an attachment states no answering body's position
        evidence = Evidence(position=Position.OKLART)
    return base.model_copy(update=dict(
        council=slug,
        administration=admin,
        date=_iso(header.fields.get("datum")) or _parse_date(head) or _parse_date(full_text[:2000]),
        handlaggare=header.fields.get("handlaggare") or _handlaggare(preamble),
        diarienummer=header.fields.get("dnr"),
        title=title,
        body=own_body,
        remiss=remiss,
        sections=sections,
        position=evidence,
        decision=decision,
    ))
