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

PARTY_ABBREVIATIONS: dict[str, str] = {**{fold(p): p for p in PARTIES}, "kds": "KD"}
"""Every abbreviation a party is printed with, folded ("mp", "fi"), to its code in ``PARTIES``:
the codes themselves and older forms ("KDS": Kristdemokratiska samhällspartiet, KD before 1987).
With ``PARTY_NAMES`` the one table of party spellings: every reader of parties reads these."""

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
    """'SD', 'sd', 'KDS', 'Sverigedemokraterna', 'Liberalerna', 'folkpartiet' -> the abbreviation in
    ``PARTIES`` (None: no party)."""
    f = fold(word.strip("().,;: ")).lower()
    if not f:
        return None
    if f in PARTY_ABBREVIATIONS:
        return PARTY_ABBREVIATIONS[f]
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


def position_label(value: str | None) -> str | None:
    """The Swedish label of a position value ("tillstyrker" -> "Tillstyrker"); None for no value or
    one outside the vocabulary (each caller says what it shows then)."""
    try:
        return POSITION_LABELS[Position(value)] if value else None
    except ValueError:
        return None


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


class Era(BaseModel):
    """One era of Stockholm's district councils (``ERAS``)."""

    label: str  # "1999–2006"
    start: dt.date
    end: dt.date | None  # last day; None while it lasts
    councils: int  # how many district councils the city had


ERAS: tuple[Era, ...] = (
    Era(label="1997–1998", start=dt.date(1997, 1, 1), end=dt.date(1998, 12, 31), councils=24),
    Era(label="1999–2006", start=dt.date(1999, 1, 1), end=dt.date(2006, 12, 31), councils=18),
    Era(label="2007–2019", start=dt.date(2007, 1, 1), end=dt.date(2019, 12, 31), councils=14),
    Era(label="2020–juni 2023", start=dt.date(2020, 1, 1), end=dt.date(2023, 6, 30), councils=13),
    Era(label="juli 2023–", start=dt.date(2023, 7, 1), end=None, councils=11),
)
"""The district reforms: 24 councils in 1997–1998, 18 in 1999–2006, 14 in 2007–2019, 13 from 2020
and 11 since 1 July 2023."""


class Council(BaseModel):
    """A stadsdelsnämnd. ``lineage`` names the councils whose answers continue in this one;
    ``standalone``: what came before it (the 24 councils of 1997–1998) is not established, so it
    stands alone - no predecessor is guessed."""

    slug: str
    name: str  # "Södermalms stadsdelsnämnd"
    short: str  # "Södermalm"
    lineage: list[str] = Field(default_factory=list)  # slugs of predecessors
    successor: str | None = None  # set from the successor's lineage (one definition)
    from_date: dt.date | None = None  # first day of the council (1997: the district reform)
    to_date: dt.date | None = None  # last day, None while it exists
    standalone: bool = False
    aliases: list[str] = Field(default_factory=list)  # other written names: "Maria Gamla stan"

    @property
    def from_year(self) -> int | None:
        return self.from_date.year if self.from_date else None

    @property
    def to_year(self) -> int | None:
        return self.to_date.year if self.to_date else None

    def exists_on(self, date: dt.date) -> bool:
        return (self.from_date is None or self.from_date <= date) and (self.to_date is None or date <= self.to_date)

    def eras(self) -> list[str]:
        """The eras (``ERAS``) the council's meetings span: Älvsjö -> 1999–2006, 2007–2019."""
        return [e.label for e in ERAS
                if (self.from_date is None or e.end is None or self.from_date <= e.end)
                and (self.to_date is None or e.start <= self.to_date)]


def _council(slug: str, name: str, short: str, since: tuple[int, ...], until: tuple[int, ...] | None = None,
             lineage: tuple[str, ...] = (), standalone: bool = False, aliases: tuple[str, ...] = ()) -> Council:
    return Council(slug=slug, name=name, short=short, lineage=list(lineage), from_date=dt.date(*since),
                   to_date=dt.date(*until) if until else None, standalone=standalone, aliases=list(aliases))


def _with_successors(councils: list[Council]) -> dict[str, Council]:
    by = {c.slug: c for c in councils}
    for c in councils:
        for pred in c.lineage:
            by[pred].successor = c.slug
    return by


_1999 = (1999, 1, 1)
_2006 = (2006, 12, 31)
_2019 = (2019, 12, 31)
_JUNE_2023 = (2023, 6, 30)

COUNCILS: dict[str, Council] = _with_successors([
    # The one lineage table, back to the district reform of 1997 (``ERAS``). Södermalm (2007-) from
    # Maria-Gamla stan and Katarina-Sofia; Hägersten-Liljeholmen (2007-2019) from Hägersten and
    # Liljeholmen; Hägersten-Älvsjö (2020-) from Hägersten-Liljeholmen and Älvsjö; Farsta and
    # Skärholmen throughout; Järva (July 2023) from Rinkeby-Kista and Spånga-Tensta, Norra
    # innerstaden from Norrmalm and Östermalm; Rinkeby-Kista and Enskede-Årsta-Vantör (2007) join
    # the names of two councils the city's listings show. The 24 councils of 1997-1998 are not
    # established: a council of 1999 other than Farsta and Skärholmen stands alone (``standalone``).
    # A merged council comes before the councils it joins (readers try the table in this order).
    _council("sodermalm", "Södermalms stadsdelsnämnd", "Södermalm", (2007, 1, 1),
             lineage=("maria-gamla-stan", "katarina-sofia")),
    _council("skarholmen", "Skärholmens stadsdelsnämnd", "Skärholmen", (1997, 1, 1)),
    _council("farsta", "Farsta stadsdelsnämnd", "Farsta", (1997, 1, 1)),
    _council("hagersten-alvsjo", "Hägersten–Älvsjö stadsdelsnämnd", "Hägersten–Älvsjö", (2020, 1, 1),
             lineage=("hagersten-liljeholmen", "alvsjo")),
    _council("hagersten-liljeholmen", "Hägersten–Liljeholmens stadsdelsnämnd", "Hägersten–Liljeholmen",
             (2007, 1, 1), _2019, lineage=("hagersten", "liljeholmen")),
    _council("alvsjo", "Älvsjö stadsdelsnämnd", "Älvsjö", _1999, _2019, standalone=True),
    _council("maria-gamla-stan", "Maria-Gamla stans stadsdelsnämnd", "Maria-Gamla stan", _1999, _2006,
             standalone=True, aliases=("Mariags",)),
    _council("katarina-sofia", "Katarina-Sofia stadsdelsnämnd", "Katarina-Sofia", _1999, _2006, standalone=True),
    _council("hagersten", "Hägerstens stadsdelsnämnd", "Hägersten", _1999, _2006, standalone=True),
    _council("liljeholmen", "Liljeholmens stadsdelsnämnd", "Liljeholmen", _1999, _2006, standalone=True),
    # every other district (issue 30: every district), discovered from the city's listings
    _council("jarva", "Järva stadsdelsnämnd", "Järva", (2023, 7, 1), lineage=("rinkeby-kista", "spanga-tensta")),
    _council("norra-innerstaden", "Norra innerstadens stadsdelsnämnd", "Norra innerstaden", (2023, 7, 1),
             lineage=("norrmalm", "ostermalm")),
    _council("rinkeby-kista", "Rinkeby-Kista stadsdelsnämnd", "Rinkeby-Kista", (2007, 1, 1), _JUNE_2023,
             lineage=("rinkeby", "kista")),
    _council("enskede-arsta-vantor", "Enskede-Årsta-Vantörs stadsdelsnämnd", "Enskede-Årsta-Vantör", (2007, 1, 1),
             lineage=("enskede-arsta", "vantor")),
    _council("spanga-tensta", "Spånga-Tensta stadsdelsnämnd", "Spånga-Tensta", _1999, _JUNE_2023, standalone=True),
    _council("norrmalm", "Norrmalms stadsdelsnämnd", "Norrmalm", _1999, _JUNE_2023, standalone=True),
    _council("ostermalm", "Östermalms stadsdelsnämnd", "Östermalm", _1999, _JUNE_2023, standalone=True),
    _council("hasselby-vallingby", "Hässelby-Vällingby stadsdelsnämnd", "Hässelby-Vällingby", _1999,
             standalone=True),
    _council("bromma", "Bromma stadsdelsnämnd", "Bromma", _1999, standalone=True),
    _council("kungsholmen", "Kungsholmens stadsdelsnämnd", "Kungsholmen", _1999, standalone=True),
    _council("skarpnack", "Skarpnäcks stadsdelsnämnd", "Skarpnäck", _1999, standalone=True),
    _council("enskede-arsta", "Enskede-Årsta stadsdelsnämnd", "Enskede-Årsta", _1999, _2006, standalone=True),
    _council("vantor", "Vantörs stadsdelsnämnd", "Vantör", _1999, _2006, standalone=True),
    _council("rinkeby", "Rinkeby stadsdelsnämnd", "Rinkeby", _1999, _2006, standalone=True),
    _council("kista", "Kista stadsdelsnämnd", "Kista", _1999, _2006, standalone=True),
])
"""Every district council of the city since 1997 and its lineage: the one table (``ERAS``)."""


def councils_on(date: dt.date) -> list[Council]:
    """The district councils that existed on ``date``, in table order (before 1999, whose 24
    councils are not established, the councils of 1999)."""
    date = max(date, ERAS[1].start)
    return [c for c in COUNCILS.values() if c.exists_on(date)]


def council_keys(slug: str) -> list[str]:
    """The council itself and its successors: an Älvsjö answer also counts for Hägersten–Älvsjö,
    a Hägersten answer (1999-2006) for Hägersten–Liljeholmen and Hägersten–Älvsjö."""
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
    # procedural sentences), labelled by ``ingest.parse.segment``: kept out of text, sections and passages
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
