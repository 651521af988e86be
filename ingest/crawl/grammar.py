"""The line grammar the platforms share: what one rendered line of an agenda is.

Every rule is a pure function over one line's text (``ingest.crawl.lines``), written for
the shapes in ``../shared/README.md``: item lines ``<number> <title>`` with every number
form (``12``, ``12 A``, ``9 a``, ``1 X``, ``4 ½``, ``§ 20``, ``§20``), a number on its own line
(MeetingPlus), section headings (any case, with or without colon), remittent, "Yttrande
till", council dnr, status and handläggare lines, ``Ärendedokument`` / ``Bilagor`` markers,
``Bilagor till protokoll`` and ``§N`` protocol paragraphs.

``classify(item, hints)`` then decides whether an item is a remiss answer from its heading,
its own lines and, on pages without headings, the learned filing-class hint.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ingest.crawl.model import AgendaItem
from remissvar.records import DocumentKind
from remissvar.remiss_fields import (
    answer_to,
    council_dnr,
    dnr_in_status,
    filing_class,
    not_remiss,
    one_business_permit,
    own_business,
    parse_motion,
    remiss_cue,
    remittent,
)
from remissvar.textnorm import fold, squash

# "12", "12 A", "9 a", "1 X", "4 ½", "§ 20", "§20"; a letter suffix only before a capital
# (so that "9 I väntan på …" reads as item 9, title "I väntan på …")
_NUM = r"(?:§\s?\d{1,3}|\d{1,3}(?:\s?½|\s?[A-Za-zÅÄÖåäö](?=\s+[A-ZÅÄÖ0-9\"'”(]|$))?)"
# a title starts with a letter (or quote/parenthesis), or with a year read as a word ("2011 års …")
ITEM_LINE = re.compile(rf"^(?P<num>{_NUM})\s+(?P<title>(?:[^\s\d.,:;-]|(?:19|20)\d\d(?:[:/-]\d+)?\s+[^\s\d]).*)$")
NUMBER_ONLY = re.compile(rf"^(?P<num>{_NUM})\.?$")
PARAGRAPH = re.compile(r"^§\s?(?P<num>\d{1,3})\b\s*(?P<title>.*)$")

_HEADINGS = {
    "remisser": True, "remissarenden": True, "remisser/yttranden": True, "remissarenden - yttranden": True,
    "yttranden": True, "remisser och yttranden": True, "remissvar": True, "remissarende": True,
    "yttranden over remisser": True,
    "beslutsarenden": False, "nya arenden": False, "oppen del av sammantradet": False, "sekretessarenden": False,
    "slutet sammantrade": False, "sluten del av sammantradet": False, "bordlagda arenden": False,
    "medborgarforslag": False, "anmalningsarenden": False, "anmalningsarenden sluten del": False,
    "allmanna arenden": False, "information": False,
}


def heading(text: str) -> str | None:
    """The line as a section heading (its printed form), or None."""
    f = fold(squash(text)).rstrip(" :")
    f = re.sub(r"\s*[-–]\s*", " - ", f)
    f = re.sub(r"\s*/\s*", "/", f)
    return squash(text).rstrip(" :") if f in _HEADINGS else None


def is_remiss_heading(text: str) -> bool:
    f = fold(squash(text)).rstrip(" :")
    f = re.sub(r"\s*[-–]\s*", " - ", f)
    f = re.sub(r"\s*/\s*", "/", f)
    return _HEADINGS.get(f, False)


_STATUS_PREFIX = re.compile(r"^(BORDLAGT ÄRENDE|ÅTERREMITTERAT ÄRENDE|BORDLAGT|ÅTERREMITTERAT)\.?\s+(?=\S)")
_STATUS_LINE = re.compile(
    r"^(bordlagt (den|vid|ärende)\b.*|bordlagt\.?|återremitterat ärende\.?|återremitterat\b.*|omedelbar justering\.?|"
    r"utsändes ej\.?|ärendet utgår\.?|utgår\.?|tjänsteutlåtandet publiceras senare\.?|"
    r"remissmaterialet publiceras.*)$", re.I)


def status_prefix(title: str) -> tuple[str | None, str]:
    """("Bordlagt ärende", rest) for "BORDLAGT ÄRENDE. <title>"; (None, title) otherwise."""
    m = _STATUS_PREFIX.match(title)
    if not m:
        return None, title
    return m.group(1).capitalize(), title[m.end():].strip()


def status_line(text: str) -> str | None:
    s = squash(text)
    return s.rstrip(".") if _STATUS_LINE.match(s) else None


def handlaggare(text: str) -> str | None:
    m = re.match(r"(?i)^handläggare\s*:?\s*(.+)$", squash(text))
    return m.group(1).strip() if m else None


def is_documents_marker(text: str) -> bool:
    return fold(squash(text)).rstrip(" :") in ("arendedokument", "bilagor", "handlingar", "dokument", "bilaga")


def is_protocol_attachments(text: str) -> bool:
    return fold(squash(text)).rstrip(" :") in ("bilagor till protokoll", "bilagor till protokollet")


def document_kind(url: str, label: str) -> DocumentKind:
    """The answer (tjänsteutlåtande), a protocol extract, or other material: by link text and the
    attachment's file name (``…/agenda/tjansteutlatande-remiss-av-…pdf-19038``)."""
    f = fold(label)
    name = fold(urlsplit(url).path.rsplit("/", 1)[-1]).replace("-", " ")
    if "/protocol/" in url.lower() or "protokoll" in f or "protokoll" in name or re.search(r"§\s?\d", label):
        return DocumentKind.PROTOKOLLSUTDRAG
    if ("tjansteutlatande" in f or "tjansteutlatande" in name or "las dokument" in f or "arendedokument" in f
            or "svar pa remiss" in f
            or re.match(r"^(yttrande|remissvar)\b", f)
            or re.match(r"^(tjansteutlatande|tju|svar pa remiss|remissvar)\b", name)):
        return DocumentKind.TJANSTEUTLATANDE
    return DocumentKind.BILAGA


def item_line(text: str) -> tuple[str, str] | None:
    """(number, title) of an item line ``<number> <title>``; numbers as printed, squashed."""
    m = ITEM_LINE.match(squash(text))
    if not m:
        return None
    num = re.sub(r"\s+", " ", m.group("num"))
    if re.match(r"^\d{1,3}(\s|$)", text) and re.match(r"^(kr|kronor|st|år|procent|%|personer|timmar|tkr|mnkr)\b",
                                                       m.group("title"), re.I):
        return None
    return num, m.group("title").strip()


def number_only(text: str) -> str | None:
    m = NUMBER_ONLY.match(squash(text))
    return re.sub(r"\s+", " ", m.group("num")) if m else None


def add_status(a: str | None, b: str | None) -> str | None:
    """Statuses of one item, in order, each once ("Bordlagt ärende; Bordlagt den 17 februari 2011")."""
    parts = [p for x in (a, b) if x for p in x.split("; ")]
    return "; ".join(dict.fromkeys(parts)) or None


# ---- the item's own lines ------------------------------------------------------------
def read_own_line(item: AgendaItem, text: str) -> bool:
    """Fill the item's fields from one of its own lines; False when the line is none of them
    (then it is summary text)."""
    s = squash(text)
    st = status_line(s)
    if st:
        # "Återremitterat den 12 maj 2012. Dnr 123-2012-2.2.2.": the council dnr ends the status line
        d = dnr_in_status(s)
        if d:
            item.dnr = item.dnr or d
            st = squash(re.split(r"(?i)(?<![\w-])(?:d\.?\s?nr|dnr)\b", st, maxsplit=1)[0]).rstrip(" .")
        item.status = add_status(item.status, st)
        return True
    d = council_dnr(s)
    if d and re.match(r"(?i)^dnr\b", s):
        item.dnr = item.dnr or d
        if re.search(r"(?i)omedelbar justering", s):
            item.status = add_status(item.status, "Omedelbar justering")
        return True
    h = handlaggare(s)
    if h:
        item.handlaggare = h
        return True
    if re.match(r"(?i)^(remiss(en)? från|yttrande till)\b", s):
        item.lines.append(s)
        return True
    return False


def finish(item: AgendaItem) -> AgendaItem:
    """Fields that come from the title, the own lines and the summary together."""
    st, title = status_prefix(item.title)
    if st:
        item.status, item.title = add_status(st, item.status), title
    own = [item.title] + item.lines
    for text in own + ([item.summary] if item.summary else []):
        r = remittent(text)
        if r and (r.body or r.dnr):
            item.remitting_body = item.remitting_body or r.body
            item.remitting_dnr = item.remitting_dnr or r.dnr
            if item.remitting_body:
                break
    if item.remitting_body is None:
        for text in own:
            to = answer_to(text)
            if to:
                item.remitting_body = to
                break
    motion = parse_motion(item.title)
    if motion:
        item.motion = motion.model_dump()
    return item


# ---- is it a remiss? -----------------------------------------------------------------
@dataclass
class FilingHints:
    """Per council, how often items of a filing class were remiss answers on pages that do
    say (by heading): a hint for pages of the same council without headings. Learned from
    labelled examples, never written for one council."""

    counts: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    min_examples: int = 3
    min_share: float = 0.8

    def learn(self, council: str, dnr: str | None, is_remiss: bool) -> None:
        cls = filing_class(dnr) if dnr else None
        if cls is not None:
            self.learn_class(council, cls, is_remiss)

    def learn_class(self, council: str, cls: str, is_remiss: bool) -> None:
        c = self.counts[council].setdefault(cls, [0, 0])
        c[0] += int(is_remiss)
        c[1] += 1

    def says_remiss(self, council: str, dnr: str | None) -> bool:
        cls = filing_class(dnr) if dnr else None
        if cls is None:
            return False
        yes, n = self.counts.get(council, {}).get(cls, [0, 0])
        return n >= self.min_examples and yes / n >= self.min_share


def classify(item: AgendaItem, *, page_has_headings: bool, council: str | None = None,
             hints: FilingHints | None = None) -> AgendaItem:
    """Set ``is_remiss``, ``cue`` and ``why``: the council's own business (its advisory bodies'
    minutes, anmälningar, delegationsbeslut, audit reports, individual cases) overrides an
    inherited remiss heading; else a remiss heading, the item's own wording (remittent line,
    "Yttrande till" a public body, remiss/samråd/utställning/motion in the title, a summary
    saying it was remitted) or, on pages without headings, the council's filing class."""
    finish(item)
    why: list[str] = []
    remiss_heading = bool(item.heading and is_remiss_heading(item.heading))
    if remiss_heading:
        why.append(f"rubrik: {item.heading}")
    if item.remitting_body:
        why.append(f"remittent: {item.remitting_body}")
    title_and_lines = " ".join([item.title] + item.lines)
    explicit_line = any(re.match(r"(?i)^remiss(en)? fr", ln) for ln in item.lines)

    def no(reason: str) -> AgendaItem:
        suffix = " (åsidosätter rubriken)" if remiss_heading else ""
        item.is_remiss, item.cue, item.why = False, None, [*why, f"ej remiss: {reason}{suffix}"]
        return item

    if not_remiss(item.title):
        return no("eget ärende (rubrikord i titeln)")
    own = own_business(item.title)
    # a state report or a remiss about adoption, courts … is still a remiss: only the title's own
    # business words without a remiss word count
    if own and not (own == "enskilt ärende" and re.search(r"\bremiss|\bsou\b|\bds\b|betänkande|betankande",
                                                          fold(item.title))):
        if not explicit_line:
            return no(own)
    if (remiss_heading and one_business_permit(item.title) and not explicit_line
            and remiss_cue(item.title) not in ("yttrande över", "remiss", "ansökan")):
        return no("enskilt ärende (tillstånd för en verksamhet)")
    if remiss_heading:
        item.is_remiss, item.cue, item.why = True, "rubrik", why
        return item
    cue = remiss_cue(title_and_lines)
    if cue is None and item.remitting_body:
        cue = "remittent"
    if cue is None and item.summary and re.search(r"\bremitter|\bremiss", fold(item.summary)):
        cue = "sammanfattning"
    if cue is None and not page_has_headings and hints is not None and council and hints.says_remiss(council, item.dnr):
        cue = "diarieklass"
    if cue is not None and cue not in ("remittent",):
        why.append(f"ordalydelse: {cue}")
    item.is_remiss, item.cue, item.why = cue is not None, cue, why
    return item


# ---- decision text, protocol extracts, whole-document links (public evidence, issue 30) ------
_DECISION_START = re.compile(r"^(forslag till beslut|forvaltningens forslag till beslut|beslutsforslag|"
                             r"forslag till nämndbeslut|forslag till namndbeslut)\b")
# a decision point: "1 Stadsdelsnämnden överlämnar …", "2 Nämnden godkänner …", "1 Farsta stadsdelsnämnd …"
# (possessive words: a long run of letters is read once, never split and retried)
_DECISION_SUBJECT = re.compile(
    r"^(?:(?:stadsdels)?namnden|forvaltningen|[a-z–-]++(?: [a-z]++)? stadsdelsnamnd|paragrafen|beslutet|"
    r"arendet|att )")


def decision_start(text: str) -> bool:
    """"Förslag till beslut" (with or without colon): the item's decision text follows."""
    return bool(_DECISION_START.match(fold(squash(text)).rstrip(" :")))


def is_decision_point(number: str, title: str, seen_numbers: set[str]) -> bool:
    """A numbered line inside an item's decision text ("1 Stadsdelsnämnden överlämnar …", no
    period after the number) is a decision point, not an item: its subject is the council or its
    administration, or it repeats a number the page has already used for an item."""
    if not re.fullmatch(r"\d{1,2}", number):
        return False
    return bool(_DECISION_SUBJECT.match(fold(squash(title)))) or number in seen_numbers


_EXTRACT = re.compile(r"^(?:\(\s*signerad\s*\)\s*)?(?:signerat\s+)?protokoll(?:sutdrag)?\s*§\s*(\d{1,3})\b")


def protocol_extract(label: str) -> str | None:
    """The paragraph number of a protocol extract link: "(Signerad) Protokoll § 14 omedelbar
    justering" -> "14"; ``None`` for the full protocol and everything else."""
    m = _EXTRACT.match(fold(squash(label)))
    return m.group(1) if m else None


def is_whole_document_link(label: str) -> bool:
    """"Ladda ner som PDF": the whole kallelse or protocol as one file (meeting level, never an item's)."""
    return bool(re.match(r"^ladda ner (som pdf|hela|allt|dokumentet som pdf)\b", fold(squash(label))))


def route_extract(items: list[AgendaItem], number: str) -> AgendaItem | None:
    """The agenda item a "§ N" extract belongs to: the item numbered "§ N" (a published
    protocol's paragraph numbers), else the one numbered N when no item carries a § number."""
    for item in items:
        if item.number and re.fullmatch(rf"§\s?{number}", item.number):
            return item
    if not any(i.number and i.number.startswith("§") for i in items):
        for item in items:
            if item.number == number:
                return item
    return None
