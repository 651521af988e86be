"""Typed records shared by crawler, parser, pipeline, index and UI.

Closed vocabularies (positions, document kinds, councils) live here and nowhere else.
"""
from __future__ import annotations

import hashlib
import datetime as dt
from enum import Enum

from pydantic import BaseModel, Field


MONTHS: tuple[str, ...] = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
"""Swedish month names, lower case; ``MONTHS[m - 1]`` names month ``m``."""

MONTH_NUMBERS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTHS)}

PARTIES: tuple[str, ...] = ("S", "M", "L", "C", "KD", "V", "MP", "SD", "Fi", "FP")
"""Party abbreviations as printed in parentheses: "(S)", "(MP)"; "FP" is Folkpartiet (L before 2015)."""


class Position(str, Enum):
    """A council's position towards the proposal it was asked about."""

    TILLSTYRKER = "tillstyrker"  # supports
    AVSTYRKER = "avstyrker"  # advises against
    DELVIS = "delvis"  # partly
    NEUTRAL = "neutral"  # no views / neutral
    OKLART = "oklart"  # could not be determined

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS = {
    Position.TILLSTYRKER: "Tillstyrker",
    Position.AVSTYRKER: "Avstyrker",
    Position.DELVIS: "Delvis",
    Position.NEUTRAL: "Neutral / inga synpunkter",
    Position.OKLART: "Oklart",
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
}


class Council(BaseModel):
    """A stadsdelsnämnd. ``lineage`` names the councils whose answers continue in this one."""

    slug: str
    name: str  # "Södermalms stadsdelsnämnd"
    short: str  # "Södermalm"
    lineage: list[str] = Field(default_factory=list)  # slugs of predecessors
    successor: str | None = None


COUNCILS: dict[str, Council] = {
    c.slug: c
    for c in [
        Council(slug="sodermalm", name="Södermalms stadsdelsnämnd", short="Södermalm"),
        Council(slug="skarholmen", name="Skärholmens stadsdelsnämnd", short="Skärholmen"),
        Council(slug="farsta", name="Farsta stadsdelsnämnd", short="Farsta"),
        Council(
            slug="hagersten-alvsjo",
            name="Hägersten–Älvsjö stadsdelsnämnd",
            short="Hägersten–Älvsjö",
            lineage=["hagersten-liljeholmen", "alvsjo"],
        ),
        Council(
            slug="hagersten-liljeholmen",
            name="Hägersten–Liljeholmens stadsdelsnämnd",
            short="Hägersten–Liljeholmen",
            successor="hagersten-alvsjo",
        ),
        Council(slug="alvsjo", name="Älvsjö stadsdelsnämnd", short="Älvsjö", successor="hagersten-alvsjo"),
    ]
}


def council_keys(slug: str) -> list[str]:
    """The council itself and its successor: an Älvsjö answer also counts for Hägersten–Älvsjö."""
    c = COUNCILS.get(slug)
    keys = [slug]
    if c and c.successor:
        keys.append(c.successor)
    return keys


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
    position: Position
    sentences: list[str] = Field(default_factory=list)


class Reservation(BaseModel):
    party: str
    kind: str  # "reservation" | "särskilt uttalande"
    text: str


class PartyStatement(BaseModel):
    """A member's or party's statement in a protocol paragraph, as printed."""

    kind: str  # "yrkande" | "reservation" | "särskilt yttrande" | "särskilt uttalande" | "protokollsanteckning" | "ersättaryttrande"
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
    synthetic: bool = False
    body: str | None = None  # the body whose document this is, as printed ("Kommunstyrelsen")
    paragraphs: list[ProtocolParagraph] = Field(default_factory=list)  # protocols
    attendance: Attendance | None = None  # protocols


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
