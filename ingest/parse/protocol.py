"""Protocols: split into paragraphs ("§ N"), and read each paragraph's title, dnr, decision
and the parties' statements; the attendance lists of the first pages.

Pure functions over text. Shapes read from real protocols (tests/fixtures/real-documents):
a paragraph starts on its own line with ``§ 59 2025.034 BMN`` (number and dnr), ``§1``
(number alone, title on the next line) or ``§ 12 <title>`` (Stockholm's extracts); a
protocol's table of contents lists every ``§ N <title>`` once more, so a number seen twice
keeps its longest block. Inside a paragraph, blocks are headed "Ärendebeskrivning",
"Beredning", "Beslut", "Reservation", "Protokollsanteckning", "Anteckning", "Särskilt
yttrande", "Särskilt uttalande [från (S) och (V)]", "Ersättaryttrande", "Förslag till beslut
på sammanträdet", "Yrkande", ...; a statement names its members with their party in
parentheses ("Sanna Dabolins (V), ... och Marcus Wallin (V) lämnar följande
protokollsanteckning:").
"""
from __future__ import annotations

import re

from ingest.parse.sections import join_lines
from remissvar.records import PARTIES, Attendance, Attendee, PartyStatement, ProtocolParagraph, Section
from remissvar.textnorm import fold, squash

__all__ = ["split_paragraphs", "parse_protocol_paragraph", "parse_attendance", "ProtocolParagraph"]

_PARTY_ALT = "|".join(PARTIES) + "|-"
_PARTY = re.compile(r"\((" + _PARTY_ALT + r")\)")
# Municipal dnr as printed after the paragraph number: "2025.034 BMN", "2020.008 KS", "SÖ 2024/1234"
DNR = r"(?:\d{4}[.:/-]\d{1,5}(?:\s+[A-ZÅÄÖ]{2,6})?|[A-ZÅÄÖ]{1,6}\s?\d{4}[/-]\d{1,6}|\d{1,4}-\d{1,5}[/-]\d{2,4})"
# A paragraph's first line: "§ 59 2025.034 BMN", "§1", "§ 12 Remiss av ...", "§ 14 Dnr SÖ 2024/1234"
_START = re.compile(
    rf"^[ \t]*§[ \t]*(?P<no>\d{{1,4}})(?![\d§])[ \t]*(?:(?:[Dd]nr:?[ \t]*)?(?P<dnr>{DNR})\b)?[ \t]*(?P<rest>[^\n]*)$",
    re.M,
)

# Block headings inside a paragraph, folded, -> canonical name
_BLOCK_HEADINGS: dict[str, str] = {
    "arendebeskrivning": "Ärendebeskrivning",
    "beskrivning av arendet": "Ärendebeskrivning",
    "arendet": "Ärendet",
    "bakgrund": "Bakgrund",
    "beredning": "Beredning",
    "forvaltningens yttrande": "Förvaltningens yttrande",
    "forvaltningens forslag till beslut": "Förvaltningens förslag till beslut",
    "forslag till beslut": "Förslag till beslut",
    "forslag till beslut pa sammantradet": "Förslag till beslut på sammanträdet",
    "yrkande": "Yrkande",
    "yrkanden": "Yrkanden",
    "anforande": "Anförande",
    "anforanden": "Anförande",
    "propositionsordning": "Propositionsordning",
    "proposition": "Propositionsordning",
    "omrostning": "Omröstning",
    "beslutsgang": "Beslutsgång",
    "beslut": "Beslut",
    "reservation": "Reservation",
    "reservationer": "Reservation",
    "protokollsanteckning": "Protokollsanteckning",
    "protokollsanteckningar": "Protokollsanteckning",
    "anteckning": "Protokollsanteckning",
    "anteckningar": "Protokollsanteckning",
    "sarskilt yttrande": "Särskilt yttrande",
    "sarskilda yttranden": "Särskilt yttrande",
    "sarskilt uttalande": "Särskilt uttalande",
    "sarskilda uttalanden": "Särskilt uttalande",
    "ersattaryttrande": "Ersättaryttrande",
    "ersattaryttranden": "Ersättaryttrande",
    "jav": "Jäv",
    "expedieras till": "Expedieras till",
    "beslutet skickas till": "Expedieras till",
    "beslutsunderlag": "Beslutsunderlag",
    "handlingar": "Beslutsunderlag",
}
# Blocks whose text is statements of members/parties, -> statement kind
_STATEMENT_KIND: dict[str, str] = {
    "Förslag till beslut på sammanträdet": "yrkande",
    "Yrkande": "yrkande",
    "Yrkanden": "yrkande",
    "Reservation": "reservation",
    "Protokollsanteckning": "protokollsanteckning",
    "Särskilt yttrande": "särskilt yttrande",
    "Särskilt uttalande": "särskilt uttalande",
    "Ersättaryttrande": "ersättaryttrande",
}
# "Särskilt uttalande från (S) och (V)", "Reservation (M)": a statement heading with parties
_HEADING_WITH_PARTIES = re.compile(
    r"^(?P<head>reservationer?|protokollsanteckningar?|anteckningar?|s\w{1,2}rskil(?:t|da) (?:yttranden?|uttalanden?)|"
    r"ers\w{1,2}ttaryttranden?|yrkanden?)"
    r"\s+(?:fr\w{1,2}n|av|mot)?\s*(?P<tail>(?:[^()]*\((?:" + _PARTY_ALT + r")\))+)\s*:?\s*$",
    re.I,
)
# The verb that opens a member's statement: "... (V) lämnar följande protokollsanteckning:"
_VERBS = (r"l\w{1,2}mnar|l\w{1,2}mnade|anm\w{1,2}ler|anm\w{1,2}lde|reserverar|reserverade|yrkar|yrkade|"
          r"f\w{1,2}resl\w{1,2}r|f\w{1,2}reslog|inst\w{1,2}mmer|instamde|inst\w{1,2}mde|avst\w{1,2}r")
_NAME = r"[A-ZÅÄÖÉ][\w'éüÉ-]+(?:\s+(?:von\s+|af\s+|de\s+)?[A-ZÅÄÖÉ][\w'éüÉ-]+){0,4}"
_MEMBER = rf"{_NAME}\s*\((?:{_PARTY_ALT})\)"
_MEMBER_LIST = re.compile(rf"(?P<list>{_MEMBER}(?:\s*(?:,|\boch\b)\s*{_MEMBER})*)\s+(?P<verb>{_VERBS})\b")
_MEMBER_ONE = re.compile(rf"(?P<name>{_NAME})\s*\((?P<party>{_PARTY_ALT})\)")
_ROLE_WORDS = re.compile(r"^(?:Ledamoten|Ledamöterna|Ersättaren|Ersättarna|Ordföranden|Vice ordföranden)\s+")
_KIND_IN_TEXT = [
    (re.compile(r"protokollsanteckning", re.I), "protokollsanteckning"),
    (re.compile(r"s\w{1,2}rskil(?:t|da) yttrande", re.I), "särskilt yttrande"),
    (re.compile(r"s\w{1,2}rskil(?:t|da) uttalande", re.I), "särskilt uttalande"),
    (re.compile(r"ers\w{1,2}ttaryttrande", re.I), "ersättaryttrande"),
    (re.compile(r"reserver|reservation", re.I), "reservation"),
]


def _heading(line: str) -> tuple[str, list[str]] | None:
    """(canonical block name, parties printed in the heading) when the line is a block heading."""
    s = squash(line).rstrip(":").strip()
    if not s or len(s) > 80 or not s[0].isupper():
        return None  # headings are capitalised: "...lämnar följande\nprotokollsanteckning:" is running text
    f = fold(s)
    if f in _BLOCK_HEADINGS:
        return _BLOCK_HEADINGS[f], []
    m = _HEADING_WITH_PARTIES.match(s)
    if m:
        head = fold(m.group("head"))
        for key, name in _BLOCK_HEADINGS.items():
            if head == key or head.startswith(key):
                return name, list(dict.fromkeys(_PARTY.findall(m.group("tail"))))
    return None


def _blocks(text: str) -> tuple[list[str], list[tuple[str, list[str], list[str]]]]:
    """(head lines before the first block heading, [(block name, heading parties, lines)])."""
    head: list[str] = []
    blocks: list[tuple[str, list[str], list[str]]] = []
    for line in text.splitlines():
        h = _heading(line)
        if h:
            blocks.append((h[0], h[1], []))
        elif blocks:
            blocks[-1][2].append(line)
        else:
            head.append(line)
    return head, blocks


def _statements(kind: str, heading_parties: list[str], lines: list[str]) -> list[PartyStatement]:
    """Split a statement block at each "<members> lämnar/reserverar/föreslår ..." opening."""
    text = squash(" ".join(ln.strip() for ln in lines if ln.strip()))
    if not text:
        return [PartyStatement(kind=kind, parties=heading_parties)] if heading_parties else []
    starts = [m.start() for m in _MEMBER_LIST.finditer(text)]
    if not starts or starts[0] > 0 and not heading_parties:
        starts = [0] + [s for s in starts if s > 0]
    elif heading_parties and (not starts or starts[0] > 0):
        starts = [0] + starts
    out: list[PartyStatement] = []
    for i, s in enumerate(starts):
        chunk = text[s: starts[i + 1] if i + 1 < len(starts) else len(text)].strip()
        m = _MEMBER_LIST.match(chunk)
        members: list[str] = []
        parties: list[str] = []
        st_kind = kind
        if m:
            for mm in _MEMBER_ONE.finditer(m.group("list")):
                name = _ROLE_WORDS.sub("", squash(mm.group("name")))
                members.append(name)
                parties.append(mm.group("party"))
            intro = chunk[m.end(): m.end() + 60]
            for pat, k in _KIND_IN_TEXT:
                if pat.search(intro) and kind != "yrkande":
                    st_kind = k
                    break
        else:
            parties = list(dict.fromkeys(_PARTY.findall(chunk[:200])))
        if not parties and i == 0:
            parties = list(heading_parties)
        out.append(PartyStatement(kind=st_kind, parties=list(dict.fromkeys(parties)), members=members, text=chunk))
    return out


def parse_protocol_paragraph(text: str) -> ProtocolParagraph:
    """One paragraph's number, dnr, title, decision, sections and party statements.

    Fields stay empty when the text does not state them."""
    m = _START.search(text)
    number = dnr = None
    body = text
    title_lines: list[str] = []
    if m:
        number = int(m.group("no"))
        dnr = squash(m.group("dnr")) if m.group("dnr") else None
        rest = m.group("rest").strip()
        if rest:
            dm = re.search(rf"\b[Dd]nr:?\s*({DNR})\s*$", rest)
            if dm and not dnr:
                dnr = squash(dm.group(1))
                rest = rest[: dm.start()].strip()
            if rest:
                title_lines.append(rest)
        body = text[m.end():]
    head, blocks = _blocks(body)
    # the title: its first line, and the lines a wrapped title continues on (the line before
    # ends in "," / "-" / "och", or the next starts in lower case)
    for ln in head:
        s = ln.strip()
        if not s:
            if title_lines:
                break
            continue
        dm = re.match(rf"^[Dd]nr:?\s*({DNR})$", s)
        if dm:
            dnr = dnr or squash(dm.group(1))
            continue
        if title_lines:
            prev = title_lines[-1]
            wraps = (prev.endswith((",", "-", "–")) or re.search(r"\b(och|av|om|för|till|i|på|med)$", prev)
                     or s[0].islower())
            if not wraps or len(title_lines) >= 4:
                break
        title_lines.append(s)
    title = squash(" ".join(title_lines)) or None
    if title and not blocks and len(title) > 200:
        title = None
    decision = None
    statements: list[PartyStatement] = []
    sections: list[Section] = []
    for name, hparties, lines in blocks:
        if name == "Beslut" and decision is None:
            decision = join_lines(lines) or None
            if decision:
                decision = squash(decision) if "\n\n" not in decision else decision
        kind = _STATEMENT_KIND.get(name)
        if kind:
            statements.extend(_statements(kind, hparties, lines))
        sections.append(Section(name=name, text=join_lines(lines)))
    if decision is None:
        # a paragraph without a "Beslut" heading: "Nämnden beslutar ..." sentences, if any
        decision = None
    return ProtocolParagraph(number=number, dnr=dnr, title=title, decision=decision,
                            statements=statements, sections=sections, text=text.strip())


def split_paragraphs(text: str) -> list[ProtocolParagraph]:
    """A protocol's text -> its paragraphs, in order, each read by ``parse_protocol_paragraph``.

    ``text`` is the protocol's plain text (pages joined with newlines; running headers may
    stay). A paragraph starts on a line beginning "§ N" / "§N" (optionally followed by its
    dnr or title); it runs to the next such line. A number listed twice (the table of
    contents, then the paragraph itself) keeps its longest block. ``page`` is left empty
    (see ``split_pages``). Text before the first paragraph (attendance) is not a paragraph.
    """
    return [p for p, _ in _split(text)]


def _split(text: str) -> list[tuple[ProtocolParagraph, int]]:
    starts = list(_START.finditer(text))
    # a title wrapped around its number in a table of contents ("Detaljplan ...,\n§ 116\nbeslut ..."):
    # all blocks kept, the longest per number wins below
    chunks: list[tuple[int, str, int]] = []
    for i, m in enumerate(starts):
        rest = m.group("rest").strip()
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest.startswith(("\"", "”", "Dnr", "dnr"))):
            continue  # "§ 19. ..." or a reference inside running text
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        chunks.append((int(m.group("no")), text[m.start(): end], m.start()))
    best: dict[int, tuple[str, int]] = {}
    order: list[int] = []
    for no, chunk, pos in chunks:
        if no not in best:
            order.append(no)
        size = len(re.sub(r"\s+", "", chunk))
        if no not in best or size > len(re.sub(r"\s+", "", best[no][0])):
            best[no] = (chunk, pos)
    out = [(parse_protocol_paragraph(best[no][0]), best[no][1]) for no in order]
    out.sort(key=lambda t: t[1])
    return out


def split_pages(pages: list[tuple[int, str]]) -> list[ProtocolParagraph]:
    """Like ``split_paragraphs`` over (page number, page text) pairs; sets each paragraph's page."""
    text = ""
    offsets: list[tuple[int, int]] = []
    for number, t in pages:
        offsets.append((len(text), number))
        text += t.rstrip("\n") + "\n"
    out = []
    for para, pos in _split(text):
        page = next((n for off, n in reversed(offsets) if off <= pos), None)
        out.append(para.model_copy(update={"page": page}))
    return out


# ---- attendance -------------------------------------------------------------------------
_ATT_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^beslutande\b", re.I), "beslutande"),
    (re.compile(r"^tj\w{1,2}nstg\w{1,2}rande ers\w{1,2}ttare\b", re.I), "beslutande"),
    (re.compile(r"^ej tj\w{1,2}nstg\w{1,2}rande(?: ers\w{1,2}ttare)?\b", re.I), "ersattare"),
    (re.compile(r"^ers\w{1,2}ttare\b", re.I), "ersattare"),
    (re.compile(r"^(?:[Öö]vriga (?:deltagare|n\w{1,2}rvarande)|Tj\w{1,2}nstem\w{1,2}n)\b", re.I), "ovriga"),
    (re.compile(r"^(?:utses att justera|justerare)\b", re.I), "justerare"),
]
_ATT_END = re.compile(r"^(?:justeringens|sekreterare|ordf\w{1,2}rande|justerande|underskrift|paragrafer|plats och tid|"
                      r"anslag|organ\b|protokollet|§)", re.I)
_PERSON = re.compile(
    rf"^(?P<name>{_NAME})(?:\s*\((?P<party>{_PARTY_ALT})\))?(?:\s*\((?P<role>[^)]*)\))?"
    rf"(?:\s+ers\w{{1,2}}tter\s+(?P<replaces>{_NAME}(?:\s*\((?:{_PARTY_ALT})\))?))?\s*$"
)


def _label(line: str) -> tuple[str, str] | None:
    """(group, rest of the line) when the line opens an attendance group."""
    for pat, group in _ATT_LABELS:
        m = pat.match(line)
        if m:
            return group, line[m.end():].strip()
    return None


def parse_attendance(text: str) -> Attendance | None:
    """Beslutande, ersättare, övriga and justerare from a protocol's first pages (text before "§ 1")."""
    first = _START.search(text)
    head = text[: first.start()] if first else text
    att = Attendance()
    group: str | None = None
    found = False
    for raw in head.splitlines():
        line = squash(raw)
        if not line:
            continue
        lab = _label(line)
        if lab:
            group, line = lab
            found = True
            # "Ej tjänstgörande" wraps: "ersättare Ulf Unosson (S)" continues the group
        elif group == "ersattare" and re.match(r"^ers\w{1,2}ttare\b", line, re.I):
            line = re.sub(r"^ers\w{1,2}ttare\s*", "", line, flags=re.I)
        elif _ATT_END.match(line):
            group = None
            continue
        if group is None or not line:
            continue
        m = _PERSON.match(line)
        if not m:
            # "Ingbritt Johansson Marcus Wallin" (signatures) and other lines are not attendance
            continue
        name = squash(m.group("name"))
        if group != "justerare" and group != "ovriga" and not m.group("party"):
            continue
        getattr(att, group).append(Attendee(
            name=name, party=m.group("party"), role=(m.group("role") or None),
            replaces=squash(m.group("replaces")) if m.group("replaces") else None,
        ))
    return att if found and (att.beslutande or att.justerare) else None
