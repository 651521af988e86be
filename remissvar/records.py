"""Typed records shared by crawler, parser, pipeline, index and UI.

Closed vocabularies (positions, document kinds, councils) live here and nowhere else.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from enum import Enum

from pydantic import BaseModel, Field

from remissvar.textnorm import fold

MONTHS: tuple[str, ...] = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
"""Swedish month names, lower case; ``MONTHS[m - 1]`` names month ``m``."""

MONTH_NUMBERS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTHS)}

PARTIES: tuple[str, ...] = ("S", "M", "L", "C", "KD", "V", "MP", "SD", "Fi", "FP")
"""Party abbreviations as printed in parentheses: "(S)", "(MP)"; "FP" is Folkpartiet (L before 2015)."""

PARTY_NAMES: dict[str, str] = {
    "Socialdemokraterna": "S", "Arbetarepartiet-Socialdemokraterna": "S", "Moderaterna": "M",
    "Moderata samlingspartiet": "M", "Liberalerna": "L", "Folkpartiet": "FP", "Folkpartiet liberalerna": "FP",
    "Centerpartiet": "C", "Kristdemokraterna": "KD", "Kristdemokratiska samhällspartiet": "KD",
    "Vänsterpartiet": "V", "Miljöpartiet": "MP", "Miljöpartiet de gröna": "MP", "Sverigedemokraterna": "SD",
    "Feministiskt initiativ": "Fi",
}
"""Each party's full names, current and historical, to its abbreviation in ``PARTIES``."""

PARTY_PREDECESSORS: dict[str, tuple[str, ...]] = {"L": ("FP",)}
"""A party and the abbreviations it was known by before (Folkpartiet became Liberalerna in 2015)."""


def party_code(word: str) -> str | None:
    """'SD', 'sd', 'Sverigedemokraterna', 'Liberalerna', 'folkpartiet' -> the abbreviation in
    ``PARTIES`` (None: no party)."""
    f = fold(word.strip("().,;: ")).lower()
    if not f:
        return None
    for p in PARTIES:
        if f == p.lower():
            return p
    for name, p in PARTY_NAMES.items():
        if f == fold(name).lower():
            return p
    return None


def party_family(code: str) -> list[str]:
    """A party with its predecessors and successors as one party: 'L' and 'FP' -> ['L', 'FP']."""
    for now, before in PARTY_PREDECESSORS.items():
        if code == now or code in before:
            return [now, *before]
    return [code]


class Position(str, Enum):
    """A council's position towards the proposal it was asked about."""

    TILLSTYRKER = "tillstyrker"  # supports
    AVSTYRKER = "avstyrker"  # advises against
    DELVIS = "delvis"  # partly
    NEUTRAL = "neutral"  # no views / neutral
    OKLART = "oklart"  # could not be determined
    AVSTAR = "avstår"  # declines to answer (the matter does not concern the council)

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS = {
    Position.TILLSTYRKER: "Tillstyrker",
    Position.AVSTYRKER: "Avstyrker",
    Position.DELVIS: "Delvis",
    Position.NEUTRAL: "Neutral / inga synpunkter",
    Position.OKLART: "Oklart",
    Position.AVSTAR: "Avstår från att svara",
}


class DocumentKind(str, Enum):
    TJANSTEUTLATANDE = "tjansteutlatande"
    PROTOKOLLSUTDRAG = "protokollsutdrag"
    BILAGA = "bilaga"
    OKAND = "okand"
    TJANSTESKRIVELSE = "tjansteskrivelse"
    YTTRANDE = "yttrande"
    PROTOKOLL = "protokoll"
    MOTION = "motion"
    REMISSMATERIAL = "remissmaterial"  # the document being answered (remiss letter, draft, report)
    UTLATANDE = "utlatande"  # kommunstyrelsen's utlåtande: a summary of many answers, never an answer


DOCUMENT_KIND_LABELS = {
    DocumentKind.TJANSTEUTLATANDE: "Tjänsteutlåtande",
    DocumentKind.PROTOKOLLSUTDRAG: "Protokollsutdrag",
    DocumentKind.BILAGA: "Bilaga",
    DocumentKind.OKAND: "Okänd",
    DocumentKind.TJANSTESKRIVELSE: "Tjänsteskrivelse",
    DocumentKind.YTTRANDE: "Yttrande",
    DocumentKind.PROTOKOLL: "Protokoll",
    DocumentKind.MOTION: "Motion",
    DocumentKind.REMISSMATERIAL: "Remissmaterial",
    DocumentKind.UTLATANDE: "Utlåtande (sammanställning)",
}


class Council(BaseModel):
    """A stadsdelsnämnd. ``lineage`` names the councils whose answers continue in this one."""

    slug: str
    name: str  # "Södermalms stadsdelsnämnd"
    short: str  # "Södermalm"
    lineage: list[str] = Field(default_factory=list)  # slugs of predecessors
    successor: str | None = None
    from_year: int | None = None  # first year of the council (1997: the district reform)
    to_year: int | None = None  # last year, None while it exists
    aliases: list[str] = Field(default_factory=list)  # other written names: "Maria Gamla stan"


COUNCILS: dict[str, Council] = {
    c.slug: c
    for c in [
        # The one lineage table, back to the district reform of 1997: Södermalm (2007-) from
        # Maria-Gamla stan and Katarina-Sofia; Hägersten-Liljeholmen (2007-2019) from Hägersten
        # and Liljeholmen; Hägersten-Älvsjö (2020-) from Hägersten-Liljeholmen and Älvsjö;
        # Farsta and Skärholmen throughout.
        Council(slug="sodermalm", name="Södermalms stadsdelsnämnd", short="Södermalm",
                lineage=["maria-gamla-stan", "katarina-sofia"], from_year=2007),
        Council(slug="skarholmen", name="Skärholmens stadsdelsnämnd", short="Skärholmen", from_year=1997),
        Council(slug="farsta", name="Farsta stadsdelsnämnd", short="Farsta", from_year=1997),
        Council(
            slug="hagersten-alvsjo",
            name="Hägersten–Älvsjö stadsdelsnämnd",
            short="Hägersten–Älvsjö",
            lineage=["hagersten-liljeholmen", "alvsjo"],
            from_year=2020,
        ),
        Council(
            slug="hagersten-liljeholmen",
            name="Hägersten–Liljeholmens stadsdelsnämnd",
            short="Hägersten–Liljeholmen",
            lineage=["hagersten", "liljeholmen"],
            successor="hagersten-alvsjo",
            from_year=2007,
            to_year=2019,
        ),
        Council(slug="alvsjo", name="Älvsjö stadsdelsnämnd", short="Älvsjö", successor="hagersten-alvsjo",
                from_year=1997, to_year=2019),
        Council(slug="maria-gamla-stan", name="Maria-Gamla stans stadsdelsnämnd", short="Maria-Gamla stan",
                successor="sodermalm", from_year=1997, to_year=2006, aliases=["Mariags"]),
        Council(slug="katarina-sofia", name="Katarina-Sofia stadsdelsnämnd", short="Katarina-Sofia",
                successor="sodermalm", from_year=1997, to_year=2006),
        Council(slug="hagersten", name="Hägerstens stadsdelsnämnd", short="Hägersten",
                successor="hagersten-liljeholmen", from_year=1997, to_year=2006),
        Council(slug="liljeholmen", name="Liljeholmens stadsdelsnämnd", short="Liljeholmen",
                successor="hagersten-liljeholmen", from_year=1997, to_year=2006),
    ]
}


def council_keys(slug: str) -> list[str]:
    """The council itself and its successors: an Älvsjö answer also counts for Hägersten–Älvsjö,
    a Hägersten answer (1997-2006) for Hägersten–Liljeholmen and Hägersten–Älvsjö."""
    keys = [slug]
    c = COUNCILS.get(slug)
    while c is not None and c.successor and c.successor not in keys:
        keys.append(c.successor)
        c = COUNCILS.get(c.successor)
    return keys


def council_lineage(slug: str) -> list[str]:
    """The council and every predecessor, transitively: Hägersten–Älvsjö -> Hägersten–Liljeholmen,
    Älvsjö, Hägersten, Liljeholmen."""
    out: list[str] = []
    todo = [slug]
    while todo:
        s = todo.pop(0)
        if s in out or s not in COUNCILS:
            continue
        out.append(s)
        todo.extend(COUNCILS[s].lineage)
    return out


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\\-"  # inside a character class
_COUNCIL_SUFFIX = re.compile(r"\s*\b(?:stadsdels(?:n\w{0,2}mnd|f\w{0,2}rvaltning|omr\w{0,2}de)\w*|sdn|sdf)\b\.?\s*$")


def _council_compact(text: str) -> str:
    """Folded letters only: "Hägersten – Liljeholmens" -> "hagerstenliljeholmens"."""
    return re.sub(r"[^a-z]", "", fold(text))


def _council_forms() -> list[tuple[str, str]]:
    forms: list[tuple[str, str]] = []
    for c in COUNCILS.values():
        for name in [c.short, c.slug, *c.aliases]:
            forms.append((_council_compact(name), c.slug))
    return sorted(set(forms), key=lambda f: -len(f[0]))


def _council_pattern(name: str) -> str:
    """A name as a pattern over folded text: parts joined by a hyphen, en dash, spaces around
    either, or nothing; an optional genitive s."""
    parts = [p for p in re.split(rf"[\s{_DASHES}]+", fold(name)) if p]
    return r"\b" + rf"(?:\s*[{_DASHES}]\s*|\s+)?".join(re.escape(p) for p in parts) + r"s?\b"


def council_from_name(text: str) -> str | None:
    """The council slug for a written name, or None.

    Accepts the name alone ("Hägersten-Liljeholmen", "Hägersten – Liljeholmens stadsdelsnämnd",
    "Skarholmens stadsdelsforvaltning", "stockholm-hagerstenliljeholmen") or a line that contains
    "<name> stadsdelsnämnd/-förvaltning" ("Till Farsta stadsdelsnämnd"): hyphen, en dash and
    spaces around either are one, å/ä/ö may be lost (OCR), the genitive s is optional. A longer
    name wins over its prefix (Hägersten–Liljeholmen over Hägersten)."""
    folded = fold(text).strip()
    bare = _COUNCIL_SUFFIX.sub("", folded)
    bare = re.sub(r"^stockholm-", "", bare)
    compact = _council_compact(bare)
    if compact:
        for form, slug in _council_forms():
            if compact == form or compact == form + "s":
                return slug
        # OCR misreads ("Skérholmens stadsdelsndmnd"): a close match of the whole name
        scored = [(difflib.SequenceMatcher(None, compact, f).ratio(), -len(f), slug)
                  for form, slug in _council_forms() for f in (form, form + "s") if len(form) >= 5]
        ratio, _, slug = max(scored)
        if ratio >= 0.85:
            return slug
    # A name followed by stadsdelsnämnd/-förvaltning inside a longer text: the earliest wins.
    best: tuple[int, int, str] | None = None
    for c in COUNCILS.values():
        for name in [c.short, *c.aliases]:
            rx = _council_pattern(name) + r"\s+stadsdels(?:n\w{0,2}mnd|f\w{0,2}rvaltning|omr\w{0,2}de)"
            m = re.search(rx, folded)
            if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], best[1])):
                best = (m.start(), -len(m.group(0)), c.slug)
    return best[2] if best else None


class MotionInfo(BaseModel):
    number: str | None = None  # "2024:12"
    authors: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)


class RemissInfo(BaseModel):
    """What the answer is an answer to."""

    id: str  # stable identity that groups answers from different councils
    title: str | None = None
    body: str | None = None  # remitting body: "Kommunstyrelsen"
    dnr: str | None = None  # the remitting body's dnr: "KS 2024/951"
    deadline: dt.date | None = None
    motion: MotionInfo | None = None
    also_sent_to: list[str] = Field(default_factory=list)


class AgendaRef(BaseModel):
    """The agenda item an answer was listed under, as the council's page printed it: what the
    remiss linker compares across councils (``remissvar.linking.AnswerRef``)."""

    title: str
    lines: list[str] = Field(default_factory=list)  # its own lines: remittent, dnr, summary
    meeting_date: dt.date | None = None
    attachment_sha256: list[str] = Field(default_factory=list)  # the item's other files (remiss material)


class Section(BaseModel):
    name: str
    text: str
    page: int | None = None


class PageText(BaseModel):
    number: int  # 1-based
    text: str
    ocr: bool = False
    headings: list[str] = Field(default_factory=list)  # lines set bold or larger (layout cue), as in ``text``
    running_lines: list[str] = Field(default_factory=list)  # running header/footer lines removed from ``text``


class Evidence(BaseModel):
    """An answer's position, the sentences it was read from, and how sure the reading is:
    "hög" (a verdict, nothing against it), "medel", "låg" (remissvar.positions)."""

    position: Position
    sentences: list[str] = Field(default_factory=list)
    confidence: str | None = None


class Reservation(BaseModel):
    party: str
    # "reservation" | "särskilt uttalande" | "särskilt yttrande" | "ersättaryttrande" | "protokollsanteckning"
    kind: str
    text: str


class DecisionOutcome(str, Enum):
    """What the council did with the administration's proposal (the protocol's decision)."""

    ENLIGT_FORSLAG = "enligt_forslag"  # adopted as proposed
    ANDRAT = "andrat"  # adopted with changes or additions, or another proposal won
    ATERREMITTERAT = "aterremitterat"  # sent back to the administration
    BORDLAGT = "bordlagt"  # tabled to a later meeting
    OKLART = "oklart"  # no decision found


DECISION_OUTCOME_LABELS = {
    DecisionOutcome.ENLIGT_FORSLAG: "Enligt förvaltningens förslag",
    DecisionOutcome.ANDRAT: "Ändrat beslut",
    DecisionOutcome.ATERREMITTERAT: "Återremitterat",
    DecisionOutcome.BORDLAGT: "Bordlagt",
    DecisionOutcome.OKLART: "Oklart",
}


class Decision(BaseModel):
    """The council's decision on one remiss answer, from the protocol paragraph.

    ``position`` is the stance the decision itself states ("Stadsdelsnämnden tillstyrker
    motionen"); None when the decision only adopts the administration's answer, which then
    carries the position."""

    outcome: DecisionOutcome = DecisionOutcome.OKLART
    position: Position | None = None
    text: str | None = None  # the decision as printed
    evidence: list[str] = Field(default_factory=list)
    reservations: list[Reservation] = Field(default_factory=list)


class PartyStatement(BaseModel):
    """A member's or party's statement in a protocol paragraph, as printed."""

    # "yrkande" | "reservation" | "särskilt yttrande" | "särskilt uttalande" | "protokollsanteckning"
    # | "ersättaryttrande"
    kind: str
    parties: list[str] = Field(default_factory=list)  # "S", "V"; "-" for members without party
    members: list[str] = Field(default_factory=list)
    text: str = ""


class ProtocolParagraph(BaseModel):
    """One "§ N" of a protocol: title, dnr, decision and the parties' statements."""

    number: int | None = None
    dnr: str | None = None  # "2025.034 BMN"
    title: str | None = None
    decision: str | None = None
    statements: list[PartyStatement] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)  # Ärendebeskrivning, Beredning, ... as printed
    page: int | None = None
    text: str = ""

    @property
    def reservations(self) -> list[Reservation]:
        """The statements other than yrkanden, one per party (the record's ``reservations``)."""
        out: list[Reservation] = []
        for st in self.statements:
            if st.kind == "yrkande":
                continue
            for party in st.parties or ["okänt"]:
                out.append(Reservation(party=party, kind=st.kind, text=st.text))
        return out


class Attendee(BaseModel):
    name: str
    party: str | None = None
    role: str | None = None  # "ordförande", "kommunsekreterare"
    replaces: str | None = None  # "ersätter Karin Johansson (S)"


class Attendance(BaseModel):
    """Who took part in a meeting, from a protocol's first pages."""

    beslutande: list[Attendee] = Field(default_factory=list)
    ersattare: list[Attendee] = Field(default_factory=list)  # ersättare not serving
    ovriga: list[Attendee] = Field(default_factory=list)
    justerare: list[Attendee] = Field(default_factory=list)


class BoilerLine(BaseModel):
    """One boilerplate line of a document and its label (``remissvar.boilerplate.Label``)."""

    label: str
    text: str
    page: int | None = None


class Yttrande(BaseModel):
    """One council's answer to one remiss: the structured record of a document."""

    id: str
    council: str | None = None  # slug from COUNCILS
    administration: str | None = None
    date: dt.date | None = None
    handlaggare: str | None = None
    diarienummer: str | None = None
    kind: DocumentKind = DocumentKind.TJANSTEUTLATANDE
    title: str | None = None
    remiss: RemissInfo
    sections: list[Section] = Field(default_factory=list)
    position: Evidence = Field(default_factory=lambda: Evidence(position=Position.OKLART))
    decision: str | None = None
    reservations: list[Reservation] = Field(default_factory=list)
    pages: list[PageText] = Field(default_factory=list)
    text: str = ""
    original_text: str | None = None  # before OCR repair, when repaired
    ocr: bool = False
    source_url: str | None = None
    content_sha256: str | None = None
    # when the archive first stored the document (the raw store's first-seen time): feeds date an
    # answer's arrival by it, so a reindex does not make the whole archive new
    first_seen: dt.datetime | None = None
    synthetic: bool = False
    body: str | None = None  # the body whose document this is, as printed ("Kommunstyrelsen")
    paragraphs: list[ProtocolParagraph] = Field(default_factory=list)  # protocols
    attendance: Attendance | None = None  # protocols
    agenda: AgendaRef | None = None  # the agenda item it was listed under (crawled answers)
    council_decision: Decision | None = None  # the protocol's decision: outcome, stance, reservations
    # the document's boilerplate (running heads, page numbers, letterhead, contact, signature,
    # procedural sentences), labelled by ``ingest.segment``: kept out of text, sections and passages
    boilerplate: list[BoilerLine] = Field(default_factory=list)


class Passage(BaseModel):
    """A section-aware chunk of a few sentences; the unit of semantic search and citation."""

    id: str
    yttrande_id: str
    ordinal: int
    section: str | None = None
    page: int | None = None
    text: str


def stable_id(*parts: str) -> str:
    """A short, stable id from content (sha256)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:20]
