"""Boilerplate of a council document, line by line: what a line *looks like* (page numbers in
every form, contact lines, signature and attestation lines, procedural decision sentences,
letterhead lines) and the corpus template measured over the archive (``Template``: lines that
repeat across many documents of different remisser, learned by ``ingest.parse.segment``).

Pure functions over text, shared by the ingest segmenter (``ingest.parse.segment``, which adds what
only a whole document shows: lines repeating across its pages, the head zone before the title)
and by search (a pasted paragraph that is itself boilerplate searches the labelled boilerplate).
Patterns run on diacritic-folded text, so OCR copies ("forvaltningens") count too.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from remissvar.textnorm import fold, squash


class Label(str, Enum):
    RUNNING_HEADER = "running_header"
    RUNNING_FOOTER = "running_footer"
    PAGE_NUMBER = "page_number"
    LETTERHEAD = "letterhead"
    CONTACT = "contact"
    SIGNATURE = "signature"
    PROCEDURAL = "procedural"
    SUBSTANCE = "substance"


# Labels removed from the clean text (decisions, positions, passages are built without them);
# procedural sentences stay in the clean text (a decision *is* one) but never in a passage.
LAYOUT = frozenset({Label.RUNNING_HEADER, Label.RUNNING_FOOTER, Label.PAGE_NUMBER, Label.LETTERHEAD,
                    Label.CONTACT, Label.SIGNATURE})
BOILERPLATE = LAYOUT | {Label.PROCEDURAL}

LABEL_NAMES = {
    Label.RUNNING_HEADER: "Sidhuvud", Label.RUNNING_FOOTER: "Sidfot", Label.PAGE_NUMBER: "Sidnummer",
    Label.LETTERHEAD: "Brevhuvud", Label.CONTACT: "Kontaktuppgifter", Label.SIGNATURE: "Underskrift",
    Label.PROCEDURAL: "Beslutsformulering", Label.SUBSTANCE: "Innehåll",
}


def line_key(line: str) -> str:
    """A line as the template counts it: folded, lower case, digits masked, spacing squashed."""
    s = fold(squash(line)).lower()
    s = re.sub(r"\d+", "#", s)
    return re.sub(r"\s+", " ", s).strip(" .,:;-–•*")


# -- page numbers, every form -------------------------------------------------------------------
_PAGE = re.compile(
    r"^(?:"
    r"(?:sida|sid|sid\.|s\.|page|blad)\s*#(?:\s*(?:av|of|/|\(|\[)\s*#\s*[)\]]?)?"  # Sida 2 av 3, Sida 2 (3), s. 2
    r"|#\s*(?:\(|\[)\s*#\s*[)\]]"  # 2 (3), 2(3), 2 [3]
    r"|#\s*(?:/|av)\s*#"  # 2/3, 2 av 3
    r"|[-–—]\s*#\s*[-–—]"  # - 2 -
    r"|#"  # a bare number (at a page's edge: the segmenter decides where)
    r")$")
# a page counter printed inside a running line: "Sida 2 av 3 Södermalms ..." or "... SÖ 2024/1234 2 (3)"
PAGE_INLINE = re.compile(r"(?i)\b(?:sida|sid\.?|page)\s*\d{1,3}\s*(?:av|of|/|\()\s*\d{1,3}\)?"
                         r"|\b\d{1,3}\s?\(\d{1,3}\)(?=\s|$)")


def is_page_number(line: str, *, bare: bool = False) -> bool:
    """A page counter in any form ("Sida 2 av 3", "2 (3)", "2/3", "- 2 -"); a bare number only
    with ``bare`` (a line at a page's edge)."""
    if re.fullmatch(r"[-–—]\s*\d{1,3}\s*[-–—]", squash(line)):
        return True  # "- 2 -" (line_key strips the dashes)
    k = line_key(line)
    if not k or len(k) > 24:
        return False
    if k == "#":
        return bare and len(squash(line)) <= 3
    return bool(_PAGE.match(k))


# -- contact lines ------------------------------------------------------------------------------
_CONTACT_LABEL = re.compile(
    r"^(?:var |er )?(?:handlaggare|kontaktperson|kontakt|telefon|tfn|tel|direktnr|direkttelefon|mobil|vaxel|fax|"
    r"e-?post|epost|mejl|e-mail|postadress|besoksadress|leveransadress|adress|webbplats|webb|hemsida|"
    r"org\.? ?nr|organisationsnummer|bankgiro|plusgiro|sms)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:se|nu|com|org)\b(?:/\S*)?")
_PHONE = re.compile(r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2,3}){1,3}\b")
_POSTCODE = re.compile(r"\b\d{3} ?\d{2} [A-ZÅÄÖ][a-zåäö]+")


def is_contact(line: str) -> bool:
    """A contact line: a contact label ("Handläggare", "Telefon", "E-post", "Postadress", ...), an
    e-mail address, a web address, a phone number or a postal code on a short line."""
    s = squash(line)
    f = fold(s).lower()
    if not f or len(s) > 140:
        return False
    if _CONTACT_LABEL.match(f) and (len(s) < 90 or ":" in s[:20]):
        return True
    words = len(s.split())
    if words > 12:
        return False
    url = _URL.search(f)
    bare_site = url is not None and "/" not in url.group(0).split("//", 1)[-1].rstrip("/")  # a site, not a page
    return bool(_EMAIL.search(s) or (bare_site and words <= 6) or _PHONE.search(s) or _POSTCODE.search(s))


# -- signatures and attestation -----------------------------------------------------------------
_ROLE = re.compile(
    r"\b(?:stadsdelsdirektor|forvaltningschef|avdelningschef|enhetschef|ekonomichef|verksamhetschef|"
    r"kommundirektor|stadsdirektor|kanslichef|kommunsekreterare|namndsekreterare|utvecklingsledare|"
    r"kommunekolog|utredare|controller|sekreterare|ordforande|justerande|justerare|"
    r"biträdande|bitradande|direktor|chef|godkannare|registrator)\b")
_SIGN_PHRASE = re.compile(
    r"(?:attesterat av|detta dokument har godkants digitalt|har godkants digitalt|godkannare tjansteskrivelse|"
    r"justerandes sign|utdragsbestyrkande|underskrift|namnfortydligande|^namn\W+datum$|^for [a-zåäo-]+$|"
    r"\.{6,}|…{3,}|_{6,})")
_NAME = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéü'-]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü'-]+){1,3}(?: \([A-ZÅÄÖ]{1,3}\))?$")


def is_signature_line(line: str) -> bool:
    """A line of a signature or attestation block: a role ("Stadsdelsdirektör"), a signing phrase
    ("Attesterat av", "Justerandes sign", a dotted signing line). Names alone are not enough:
    the segmenter takes a name when it stands beside such a line."""
    s = squash(line)
    f = fold(s).lower()
    if not f or len(s) > 120:
        return False
    if _SIGN_PHRASE.search(f):
        return True
    words = s.split()
    return len(words) <= 6 and not s.endswith(".") and bool(_ROLE.search(f))


def is_name(line: str) -> bool:
    """A person's name on its own line ("Alexandra Wynn", "Per Palm (L)")."""
    s = squash(line).rstrip(",")
    return bool(_NAME.match(s)) and not re.search(r"(?i)(?:n[aä]mnd|f[oö]rvaltning|kontor|styrelse|stad|kommun)", s)


# -- procedural decision sentences --------------------------------------------------------------
_PROCEDURAL = [re.compile(p) for p in (
    r"\b(?:stadsdels)?(?:n\w{1,2}mnd(?:en)?|styrelsen)\b.{0,40}\b(?:overl\w{1,2}mnar|godk\w{1,2}nner|antar|"
    r"beslutar att overl\w{1,2}mna)\b"
    r".{0,30}\b(?:tjansteutlatande|forslag|yttrande|svar)\b",
    r"\bsom (?:sitt )?svar pa remissen\b",
    r"\bparagrafen (?:forklaras |ar )?(?:omedelbart )?justerad\b",
    r"\bprotokollet (?:ar )?justerat\b|\bjusteringen har tillkannagivits\b",
    r"\bbeslutet (?:ar )?omedelbart justerat\b",
    r"^(?:beslutet ska? skickas till|expedieras till|beslutet skickas till)\b",
    r"\bklicka har for att\b",
    r"\b(?:namnden|stadsdelsnamnden) beslutar (?:i enlighet med|enligt) forvaltningens forslag\b",
    r"^(?:namnden|stadsdelsnamnden) beslutar enligt forslaget\b",
    # routine items of a protocol
    r"\btill justerare utses\b|^val av justerare\b|\butses att justera\b|\bprotokollet justeras\b",
    r"^anmalan av delegationsbeslut|\banmalan(?:en)? laggs till handlingarna\b|\blaggs till handlingarna\b",
    r"^faststallande av dagordning|\bdagordningen faststalls\b|\bjusteringens plats och tid\b",
)]
# a sentence that takes a stand is never procedural ("avstyrker motionen i enlighet med förslaget")
_STANCE = re.compile(r"\b(?:tillstyrk|avstyrk|bifall|avsla|avslas|positiv|negativ|instammer|ställer sig|staller sig|"
                     r"invand|erinra|synpunkter)\w*")


def is_procedural(sentence: str) -> bool:
    """A procedural decision sentence ("Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande
    som svar på remissen", "Paragrafen förklaras omedelbart justerad"): formal, no stance."""
    f = fold(squash(sentence)).lower()
    f = re.sub(r"^\d+\.\s*", "", f)  # "1. Stadsdelsnämnden ..."
    if not f or len(f) > 260:
        return False
    if _STANCE.search(f):
        return False
    return any(p.search(f) for p in _PROCEDURAL)


# -- letterhead ---------------------------------------------------------------------------------
_ADMIN = re.compile(
    r"^(?:[\wåäö–-]+ ){0,3}(?:[\wåäö–-]*(?:forvaltning(?:en)?|kontoret|namnd(?:en)?|styrelsen|fullmaktige)|"
    r"stockholms stad|"
    r"[\wåäö]+ kommun|[\wåäö]+ stad|avdelning(?:en)? [\wåäö ,-]+|enhet(?:en)? [\wåäö ,-]+|stab(?:en)?[\wåäö ,-]*)$")
_KIND_WORD = re.compile(r"^(?:tjansteutlatande|tjansteskrivelse|yttrande|protokoll|protokollsutdrag|"
                        r"skrivelse|missiv|promemoria|pm|beslut|remissvar|bilaga(?: #)?)$")
_HEAD_LABEL = re.compile(r"^(?:datum|beslutsdatum|sammantradesdatum|diarienr|diarie nr|diarienummer|dnr|"
                         r"var beteckning|er beteckning|beteckning|ert datum|till|kopia till|sida)\b")
_DATE_LINE = re.compile(r"^(?:datum:? |sammantrade |sammantradet )?(?:#-#-#|# [a-z]+ #)$")
# "- Svar på remiss" alone under the title is letterhead; "Svar på remiss från Kommunstyrelsen KS 2024/951"
# is kept as substance (the labelled set calls it letterhead, a judgement call it names): it holds the
# remitting body and dnr, which journalists search for (bench/relevance.json "T2016-01234")
_ANSWERS = re.compile(r"^(?:[-–] ?)?svar pa remiss$")
_DNR_LINE = re.compile(r"^(?:dnr|diarienr|diarie ?nr)\b")


def is_kind_word(line: str) -> bool:
    """The document kind printed alone at the top ("Yttrande", "Tjänsteutlåtande", "Protokoll")."""
    return bool(_KIND_WORD.match(line_key(line)))


def is_letterhead_shape(line: str) -> bool:
    """A line shaped like a letterhead's: the administration or body name, the document kind
    alone, a date alone, a dnr or a header label ("Datum:", "Till", "Vår beteckning") with its
    value - not a sentence that opens with the label's word ("Till stadsdelsnämnden har
    remitterats ett förslag ...")."""
    k = line_key(line)
    if not k or len(k) > 90:
        return False
    return bool(_KIND_WORD.match(k) or _DATE_LINE.match(k) or _DNR_LINE.match(k)
                or (_HEAD_LABEL.match(k) and not is_sentence(line))
                or _ANSWERS.match(k)
                or (_ADMIN.match(k) and len(k.split()) <= 6))


def is_sentence(line: str) -> bool:
    """Running prose: six words or more ending as a sentence ends (a header's label and value,
    "Till Farsta stadsdelsnämnd", "Kopia till: Trafikkontoret", do not)."""
    s = line.strip()
    return len(s.split()) >= 6 and s.endswith((".", "!", "?"))


# -- the corpus template ------------------------------------------------------------------------
@dataclass
class Template:
    """Lines measured as a council template over the archive: a line (``line_key``) in the head
    zone or at a page's edge of documents answering at least ``min_remisser`` different remisser,
    with the label it takes; and procedural sentences repeated the same way in decision sections."""

    lines: dict[str, Label] = field(default_factory=dict)
    sentences: set[str] = field(default_factory=set)
    documents: int = 0
    examples: dict[str, str] = field(default_factory=dict)  # a line as printed, by key (inline removal)

    def label_of(self, line: str) -> Label | None:
        return self.lines.get(line_key(line))

    def to_json(self) -> str:
        return json.dumps({"version": 1, "documents": self.documents,
                           "lines": {k: v.value for k, v in sorted(self.lines.items())},
                           "sentences": sorted(self.sentences),
                           "examples": dict(sorted(self.examples.items()))}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Template:
        d = json.loads(text)
        return cls(lines={k: Label(v) for k, v in d.get("lines", {}).items()},
                   sentences=set(d.get("sentences", [])), documents=int(d.get("documents", 0)),
                   examples=dict(d.get("examples", {})))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Template | None:
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None


def classify_line(line: str, *, edge: bool = False, head: bool = False, template: Template | None = None) -> Label:
    """The label of one line from its shape and the template. ``edge``: it stands among a page's
    first or last lines; ``head``: in the first page's head zone (before the title). What a whole
    document shows (repetition across its pages, a name beside a role) is ``ingest.parse.segment``'s."""
    s = squash(line)
    if not s:
        return Label.SUBSTANCE
    if is_page_number(s, bare=edge or head):
        return Label.PAGE_NUMBER
    known = template.label_of(s) if template else None
    if known is not None and (edge or head or len(s) >= 25):
        return known
    if is_contact(s):
        return Label.CONTACT
    if is_signature_line(s):
        return Label.SIGNATURE
    if is_procedural(s):
        return Label.PROCEDURAL
    if head and is_letterhead_shape(s):
        return Label.LETTERHEAD
    if _ANSWERS.match(line_key(s)) and len(s.split()) <= 12:
        return Label.LETTERHEAD  # "Svar på remiss från Kommunstyrelsen KS 2024/951" under the title
    if edge and PAGE_INLINE.search(s) and len(s.split()) <= 14:
        return Label.RUNNING_HEADER
    return Label.SUBSTANCE


def strip_inline(text: str, lines: list[str] | set[str]) -> str:
    """``text`` without the given boilerplate lines where they were joined into running text
    ("... remissen. Sida 2 av 3 Södermalms stadsdelsförvaltning Tjänsteutlåtande Dnr SÖ 2024/1234")
    and without page counters ("Sida 2 av 3"). Digits in a line match any digits."""
    out = text
    for ln in sorted({squash(x) for x in lines if len(squash(x)) >= 8}, key=len, reverse=True):
        pat = r"\s*".join(r"\d+" if re.fullmatch(r"\d+", tok) else re.escape(tok)
                          for tok in re.findall(r"\d+|[^\d\s]+", ln))
        out = re.sub(r"(?<!\w)" + pat + r"(?!\w)", " ", out)
    out = re.sub(r"(?i)\b(?:sida|sid\.?|page)\s*\d{1,3}\s*(?:av|of|/)\s*\d{1,3}\b", " ", out)
    out = re.sub(r"(?i)\bsida\s*\d{1,3}\s*\(\d{1,3}\)", " ", out)
    out = re.sub(r"[ \t]{2,}", " ", out)
    return re.sub(r" +\n", "\n", out).strip()


def paragraph_label(text: str, template: Template | None = None) -> Label:
    """The label of a pasted paragraph: boilerplate when most of its lines or sentences are
    (a letterhead, a contact block, a signature, a procedural decision), else substance."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return Label.SUBSTANCE
    labels = [classify_line(ln, head=len(lines) <= 12, template=template) for ln in lines]
    if len(lines) == 1 or all(len(ln) > 160 for ln in lines):
        sents = [x for x in re.split(r"(?<=[.!?])\s+", " ".join(lines)) if x.strip()]
        procedural = [x for x in sents if is_procedural(x) or (template and line_key(x) in template.sentences)]
        if sents and len(procedural) * 2 >= len(sents):
            return Label.PROCEDURAL
    boiler = [lb for lb in labels if lb is not Label.SUBSTANCE]
    if len(boiler) * 2 > len(labels):
        counts: dict[Label, int] = {}
        for lb in boiler:
            counts[lb] = counts.get(lb, 0) + 1
        return max(counts, key=lambda lb: counts[lb])
    return Label.SUBSTANCE
