"""Who was asked to answer a remiss, and what became of each body: the remiss page's list.

Two kinds of documents say who was asked: the answers themselves ("Ärendet har även
remitterats till …", ``also_sent_to`` in the index) and kommunstyrelsen's and
kommunfullmäktige's utlåtanden, the summaries of many answers read at crawl time
(``remissvar.summary_store``, written by ``ingest.summaries``; found by the remiss's dnr or
motion number, or by its remiss key). Each body asked gets one state, with the document that
says so:

- ``svar`` — "Har svarat": its answer is in the archive (a council's answer counts for its
  successors, Älvsjö's for Hägersten–Älvsjö);
- ``sammanstallning`` — "Svar saknas i arkivet – ståndpunkt enligt sammanställning": a
  summary states its view (position and the sentence);
- ``ej_svar`` — "Har inte svarat": a summary says it did not answer ("X har inte inkommit
  med något svar", "Samtliga utom X har svarat");
- ``okand`` — "Okänt": asked, and nothing says more.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from remissvar.bodies import body_key
from remissvar.records import COUNCILS, council_from_name
from remissvar.settings import Settings
from remissvar.summary_store import SummaryDoc, SummaryStore, link_keys
from remissvar.textnorm import fold

STATE_LABELS: dict[str, str] = {
    "svar": "Har svarat",
    "sammanstallning": "Svar saknas i arkivet – ståndpunkt enligt sammanställning",
    "ej_svar": "Har inte svarat",
    "okand": "Okänt",
}


class SummaryRef(BaseModel):
    """A summary of many answers (kommunstyrelsen's utlåtande) as the remiss page cites it."""

    label: str  # "Utlåtande 2025:31 RV"
    published_by: str  # "Kommunfullmäktige"
    date: str | None = None  # the meeting it was listed at
    url: str  # the PDF on the city's meeting platform
    title: str | None = None
    dnr: str | None = None
    motion_number: str | None = None


class AskedBody(BaseModel):
    """One body the remiss was sent to, with its state and the evidence for it."""

    name: str
    council: str | None = None  # archive slug when it is a district council
    answered: bool = False  # its answer (or a predecessor's) is in the archive
    state: str = "okand"  # svar | sammanstallning | ej_svar | okand
    state_label: str = STATE_LABELS["okand"]
    position: str | None = None  # from the summary (state sammanstallning), a Position value
    evidence: str | None = None  # the summary's sentence
    summary: SummaryRef | None = None  # the summary that says so
    sources: list[str] = Field(default_factory=list)  # the documents that say it was asked


def _ref(d: SummaryDoc) -> SummaryRef:
    return SummaryRef(label=d.label, published_by=d.published_by, date=d.meeting_date, url=d.url,
                      title=d.title, dnr=d.dnr, motion_number=d.motion_number)


def _source(d: SummaryDoc) -> str:
    return f"{d.label} ({d.published_by})"


def summaries_for(settings: Settings, remiss_id: str, answers: Sequence[dict[str, Any]]) -> list[SummaryDoc]:
    """The summaries of this remiss: by the dnr or motion number its answers print, or by its key."""
    store = SummaryStore.open_existing(settings)
    if store is None:
        return []
    keys = {k for h in answers for k in link_keys(h.get("remiss_dnr"), h.get("motion_number"))}
    try:
        return store.find(keys, [remiss_id])
    finally:
        store.close()


def _slug(name: str) -> str | None:
    return council_from_name(name) if body_key(name).startswith("sdn:") else None


def _key(name: str) -> str:
    """One key per body as the list shows it: a district council by its own slug (Älvsjö and
    Hägersten–Liljeholmen are two bodies in 2012, whatever they merged into), any other body by
    ``remissvar.bodies.body_key`` (a nämnd and its förvaltning are one)."""
    slug = _slug(name)
    return f"sdn:{slug}" if slug else (body_key(name) or fold(name))


def who_was_asked(answers: Sequence[dict[str, Any]], summaries: Iterable[SummaryDoc] = ()) -> list[dict[str, Any]]:
    """The bodies a remiss was sent to, from its answers' lists and its summaries' sändlistor,
    each with the documents that say so and its state (module docstring); the answering
    councils are listed too once any document names the bodies asked."""
    docs = list(summaries)
    answered = {k for h in answers for k in (h.get("council_keys") or [h.get("council")]) if k}
    out: dict[str, AskedBody] = {}

    def add(name: str, source: str) -> None:
        slug = _slug(name)
        key = _key(name)
        entry = out.get(key)
        if entry is None:
            shown = COUNCILS[slug].name if slug in COUNCILS else name[:1].upper() + name[1:]  # a table row's head
            entry = out[key] = AskedBody(name=shown, council=slug,
                                         answered=bool(slug and slug in answered))
        if source not in entry.sources:
            entry.sources.append(source)

    for h in answers:
        source = COUNCILS[h["council"]].name if h.get("council") in COUNCILS else h.get("council") or "?"
        for name in h.get("also_sent_to", []):
            add(name, source)
    for d in docs:
        for name in d.asked:
            add(name, _source(d))
        for b in d.bodies:  # a body whose view or silence a summary states was asked too
            add(b.name, _source(d))
    if out:
        for h in answers:
            slug = h.get("council")
            if slug in COUNCILS and _key(COUNCILS[slug].name) not in out:
                add(COUNCILS[slug].name, "Svar i arkivet")
    for e in out.values():
        _set_state(e, docs)
    ordered = sorted(out.values(), key=lambda a: (a.council is None, a.name))
    return [e.model_dump() for e in ordered]


def _set_state(e: AskedBody, docs: list[SummaryDoc]) -> None:
    if e.answered:
        e.state = "svar"
    else:
        said = [(d, b) for d in docs for b in d.bodies if _key(b.name) == _key(e.name)]
        stated = [(d, b) for d, b in said if b.state == "svar"]
        silent = [(d, b) for d, b in said if b.state == "ej_svar"]
        if stated:
            d, b = max(stated, key=lambda x: x[1].position is not None)
            e.state, e.position, e.evidence, e.summary = "sammanstallning", b.position, b.evidence, _ref(d)
        elif silent:
            d, b = silent[0]
            e.state, e.evidence, e.summary = "ej_svar", b.evidence, _ref(d)
        else:
            e.state = "okand"
    e.state_label = STATE_LABELS[e.state]


def summary_refs(docs: Iterable[SummaryDoc]) -> list[dict[str, Any]]:
    """The summaries a remiss page cites (API: ``summaries``)."""
    return [_ref(d).model_dump() for d in docs]
