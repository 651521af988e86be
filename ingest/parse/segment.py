"""Segment a parsed document into boilerplate and substance, by measurement.

What a line looks like is ``remissvar.boilerplate``'s; this module adds what only a whole
document, or the whole archive, shows:

- lines repeating at the edges of a document's pages (running headers and footers; the
  extractor already sets aside those of documents of three or more pages, ``PageText.running_lines``;
  two-page documents are measured here);
- the first page's head zone (before the first section heading): the header block
  (``ingest.parse.header_block``: its contact values and its letterhead values), dates, kind words;
- signature blocks: a run of short lines holding a role or a signing phrase, with the names
  beside it;
- the corpus template (``learn_template``): lines in the head zone or at a page's edge of
  documents answering at least three different remisser (a council's letterhead, a template's
  banner line), and stance-free sentences repeated the same way in decision sections.

``clean_record`` applies it to a parsed record: sections, decision, position evidence and text
are rebuilt from the clean pages (layout boilerplate removed; procedural sentences stay, a
decision is one), the boilerplate is kept as labelled metadata (``Yttrande.boilerplate``);
``ingest.chunking`` leaves procedural sentences out of passages. ``remissvar reindex`` learns the
template over the archive and applies it to every record (``ingest.reindex``).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.parse.header_block import parse_header
from ingest.parse.sections import match_heading
from ingest.parse.structure import parse_structure
from remissvar.boilerplate import (
    LAYOUT,
    PAGE_INLINE,
    Label,
    Template,
    classify_line,
    is_contact,
    is_kind_word,
    is_letterhead_shape,
    is_name,
    is_page_number,
    is_procedural,
    is_signature_line,
    line_key,
    strip_inline,
)
from remissvar.records import BoilerLine, DocumentKind, PageText, Yttrande
from remissvar.textnorm import sentences, squash

TEMPLATE_FILE = "boilerplate_template.json"
HEAD_EDGE, FOOT_EDGE = 4, 3  # lines at a page's top / bottom that may run
HEAD_ZONE_MAX = 30  # lines of the first page that may be letterhead
MIN_EDGE_PAGE = 10  # non-blank lines a page needs before its edge lines count for the template
MIN_REMISSER = 3  # a template line repeats in answers to at least this many different remisser
_DECISION_SECTIONS = {"Förvaltningens förslag till beslut", "Förslag till beslut", "Beslut",
                      "Förslag till beslut i kommunfullmäktige"}
_AGENDA_SUMMARY = "Sammanfattning i dagordningen"
# headings of procedure (the proposal's heading, the preparation, the distribution list): procedural
PROCEDURAL_HEADINGS = {"Förvaltningens förslag till beslut", "Förslag till beslut",
                       "Förslag till beslut i kommunfullmäktige", "Ärendets beredning", "Beslutsunderlag",
                       "Expedieras till", "Beslutet ska skickas till"}
# sections whose whole content is procedure (never a passage)
PROCEDURAL_SECTIONS = {"Ärendets beredning", "Beslutsunderlag", "Expedieras till", "Beslutet ska skickas till"}
END_SECTIONS = {"Bilagor"}  # the end block after the signature: signature
_SIGNING = re.compile(r"^(?:sekreterare|ordforande|justerande|justerare|underskrift(?:er)?)\b(?! \()")
_MEETING_START = re.compile(r"^(?:plats och tid|beslutande|narvarande)\b")
_ATTENDEE = re.compile(r"^[A-ZÅÄÖÉ][\w'-]+(?: [A-ZÅÄÖÉ][\w'-]+)+\s*\((?:[A-ZÅÄÖ]{1,3}|-|[a-zåäö ,.-]+)\)")


@dataclass
class SegLine:
    page: int
    index: int  # line number in the page's text
    text: str
    label: Label


@dataclass
class Segmentation:
    lines: list[SegLine] = field(default_factory=list)  # the non-blank lines of the page texts
    running: list[SegLine] = field(default_factory=list)  # the lines the extractor set aside
    # the end block ("Bilagor" and its list) stays in the clean text (the document's structure: its
    # attachments) though labelled; chunking keeps it out of passages (``END_SECTIONS``)
    kept: set[tuple[int, int]] = field(default_factory=set)

    def layout_lines(self) -> list[str]:
        return [x.text for x in self.lines + self.running if x.label in LAYOUT]

    def clean_pages(self, pages: list[PageText]) -> list[PageText]:
        drop = {(x.page, x.index) for x in self.lines if x.label in LAYOUT} - self.kept
        out = []
        for p in pages:
            kept = [ln for i, ln in enumerate(p.text.splitlines()) if (p.number, i) not in drop]
            out.append(p.model_copy(update={"text": "\n".join(kept)}))
        return out

    def boilerplate(self) -> list[BoilerLine]:
        return [BoilerLine(label=x.label.value, text=squash(x.text), page=x.page)
                for x in sorted(self.running + self.lines, key=lambda x: (x.page, x.index))
                if x.label is not Label.SUBSTANCE and squash(x.text)]


def _nonblank(text: str) -> list[int]:
    return [i for i, ln in enumerate(text.splitlines()) if ln.strip()]


def _edges(text: str) -> tuple[set[int], set[int]]:
    nb = _nonblank(text)
    return set(nb[:HEAD_EDGE]), set(nb[-FOOT_EDGE:]) - set(nb[:HEAD_EDGE])


def _repeating(pages: list[PageText]) -> tuple[set[str], set[str]]:
    """Keys of top / bottom edge lines repeating on most pages (two or more) of this document."""
    if len(pages) < 2:
        return set(), set()
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for p in pages:
        lines = p.text.splitlines()
        head, foot = _edges(p.text)
        top.update({line_key(lines[i]) for i in head})
        bottom.update({line_key(lines[i]) for i in foot})
    need = max(2, -(-len(pages) * 6 // 10))
    return ({k for k, n in top.items() if n >= need and len(k) >= 2},
            {k for k, n in bottom.items() if n >= need and len(k) >= 2})


def head_zone(pages: list[PageText]) -> int:
    """Number of lines of the first page before its first section heading (at most HEAD_ZONE_MAX)."""
    if not pages:
        return 0
    lines = pages[0].text.splitlines()
    for i, ln in enumerate(lines[:HEAD_ZONE_MAX]):
        if ln.strip() and match_heading(ln) and not (is_kind_word(ln) and len(_nonblank("\n".join(lines[:i]))) < 3):
            return i  # (a kind word among the first lines, "Yttrande", is the document's kind mark)
    return min(len(lines), HEAD_ZONE_MAX) if len(pages) > 1 or len(lines) > HEAD_ZONE_MAX else min(len(lines), 12)


def _running_label(line: str) -> Label:
    if is_page_number(line, bare=True):
        return Label.PAGE_NUMBER
    if is_contact(line):
        return Label.CONTACT
    return Label.RUNNING_HEADER


def segment_pages(pages: list[PageText], template: Template | None = None) -> Segmentation:
    """Label every line of a document's pages."""
    seg = Segmentation()
    for p in pages:
        for ln in p.running_lines:
            if ln.strip():
                lab = _running_label(ln)
                # the extractor does not say top or bottom: a known template line does
                known = template.label_of(ln) if template else None
                if lab is Label.RUNNING_HEADER and known in (Label.RUNNING_FOOTER, Label.RUNNING_HEADER):
                    lab = known
                seg.running.append(SegLine(p.number, -1, ln, lab))
    top_keys, bottom_keys = _repeating(pages)
    zone = head_zone(pages)
    header_end = 0
    header_values: dict[int, str] = {}
    if pages:
        first = pages[0].text.splitlines()
        hb = parse_header(first[:zone] if zone else first[:1])
        header_end = hb.end
        for name, value in hb.fields.items():
            for i, ln in enumerate(first[: hb.end]):
                if value and value in ln:
                    header_values.setdefault(i, name)
    for p in pages:
        lines = p.text.splitlines()
        head_idx, foot_idx = _edges(p.text)
        labels: dict[int, Label] = {}
        for i, ln in enumerate(lines):
            if not ln.strip():
                continue
            key = line_key(ln)
            in_head = p is pages[0] and i < zone
            edge = i in head_idx or i in foot_idx
            if i in head_idx and key in top_keys:
                lab = Label.PAGE_NUMBER if is_page_number(ln, bare=True) else Label.RUNNING_HEADER
            elif i in foot_idx and key in bottom_keys:
                lab = Label.PAGE_NUMBER if is_page_number(ln, bare=True) else Label.RUNNING_FOOTER
            elif in_head and match_heading(ln) is None and i < header_end:
                field_name = header_values.get(i)
                lab = (Label.CONTACT if field_name in ("handlaggare", "telefon", "epost") or is_contact(ln)
                       else classify_line(ln, head=True, template=template))
                if lab is Label.SUBSTANCE:
                    lab = Label.LETTERHEAD  # a header block's value that is no contact (recipient, reference)
            else:
                lab = classify_line(ln, edge=edge and not in_head, head=in_head, template=template)
            labels[i] = lab
        _contact_values(lines, labels)
        _procedural_runs(lines, labels)
        ends = _blocks(lines, labels)
        seg.kept |= {(p.number, i) for i in ends}
        _meeting_block(lines, labels)
        _address_block(lines, labels)
        _lead_ins(lines, labels)
        _signature_blocks(lines, labels, skip=set(range(zone)) if p is pages[0] else set())
        for i in sorted(labels):
            seg.lines.append(SegLine(p.number, i, lines[i], labels[i]))
    return seg


def _contact_values(lines: list[str], labels: dict[int, Label]) -> None:
    """A name right under a bare contact label ("Handläggare" / "Karolin Bogren Gavling") is contact."""
    order = sorted(labels)
    for a, b in zip(order, order[1:], strict=False):
        if labels[a] is Label.CONTACT and labels[b] is not Label.CONTACT and len(squash(lines[a]).split()) <= 2 \
                and is_name(lines[b]):
            labels[b] = Label.CONTACT


def _short(line: str) -> bool:
    s = squash(line)
    return bool(s) and len(s.split()) <= 7 and not s.endswith((".", ":", ";")) and match_heading(s) is None


def _blocks(lines: list[str], labels: dict[int, Label]) -> set[int]:
    """Procedure headings and blocks (``PROCEDURAL_HEADINGS``, ``PROCEDURAL_SECTIONS``) and the end
    block (``END_SECTIONS``: "Bilagor" and its list, after the signature); returns the end block's
    lines (kept in the clean text)."""
    block: Label | None = None
    ends: set[int] = set()
    for i in sorted(labels):
        name = match_heading(lines[i])
        if name is not None:
            block = (Label.PROCEDURAL if name in PROCEDURAL_SECTIONS else
                     Label.SIGNATURE if name in END_SECTIONS else None)
            if name in PROCEDURAL_HEADINGS and labels[i] is Label.SUBSTANCE:
                labels[i] = Label.PROCEDURAL
            elif block is not None and labels[i] is Label.SUBSTANCE:
                labels[i] = block
                if block is Label.SIGNATURE:
                    ends.add(i)
            continue
        if block is not None and labels[i] is Label.SUBSTANCE:
            labels[i] = block
            if block is Label.SIGNATURE:
                ends.add(i)
    return ends


def _meeting_block(lines: list[str], labels: dict[int, Label]) -> None:
    """A protocol's meeting block (Plats och tid, Beslutande and the attendance list, Övriga
    deltagare, Utses att justera, Justeringens plats och tid) is procedural, up to the signing."""
    inside = False
    for i in sorted(labels):
        s = squash(lines[i])
        f = line_key(s)
        if not inside:
            inside = bool(_MEETING_START.match(f))
        elif (_SIGNING.match(f) or s.startswith("§") or match_heading(s)
              or (len(s.split()) >= 12 and s.endswith(".") and not _ATTENDEE.match(s))):
            inside = False
        if inside and labels[i] in (Label.SUBSTANCE, Label.SIGNATURE):
            labels[i] = Label.PROCEDURAL


def _address_block(lines: list[str], labels: dict[int, Label]) -> None:
    """The organisation's name lines beside its address and contact lines are letterhead."""
    order = sorted(labels)
    for n, i in enumerate(order):
        if labels[i] is not Label.SUBSTANCE or not is_letterhead_shape(lines[i]) or len(squash(lines[i])) > 60:
            continue
        near = order[max(0, n - 3):n] + order[n + 1:n + 4]
        if sum(labels[j] in (Label.CONTACT, Label.LETTERHEAD) for j in near) >= 2:
            labels[i] = Label.LETTERHEAD


def _lead_ins(lines: list[str], labels: dict[int, Label]) -> None:
    """A short line ("§ 1", "Beslut", an item title) right before procedural lines is procedural."""
    order = sorted(labels)
    for n in range(len(order) - 2, -1, -1):
        i, nxt = order[n], order[n + 1]
        s = squash(lines[i])
        if labels[i] is Label.SUBSTANCE and labels[nxt] is Label.PROCEDURAL and len(s.split()) <= 4 \
                and not s.endswith(".") and (s.startswith("§") or match_heading(s) or is_procedural(s)
                                             or re.fullmatch(r"§?\s*\d+", s)):
            labels[i] = Label.PROCEDURAL


def _capitalised(line: str) -> bool:
    """Two or more words, each capitalised, no digits: names side by side ("Anna Mattsson Sara Heppling")."""
    words = squash(line).split()
    return len(words) >= 2 and not re.search(r"\d", line) and all(w[0].isupper() for w in words)


def _procedural_runs(lines: list[str], labels: dict[int, Label]) -> None:
    """A procedural sentence wrapped over two or three lines: each of its lines is procedural."""
    order = sorted(labels)
    for n, i in enumerate(order):
        nxt = order[n + 1] if n + 1 < len(order) else None
        if labels[i] is Label.PROCEDURAL and nxt is not None and labels[nxt] is Label.SUBSTANCE:
            tail = squash(lines[nxt])
            if tail[:1].islower() and tail.endswith(".") and len(tail.split()) <= 4:
                labels[nxt] = Label.PROCEDURAL  # "... som svar på" / "remissen."
        if labels[i] is not Label.SUBSTANCE:
            continue
        for width in (2, 3):
            group = order[n:n + width]
            if len(group) < width or any(labels[j] is not Label.SUBSTANCE for j in group):
                break
            text = " ".join(squash(lines[j]) for j in group)
            if text.endswith(".") and is_procedural(text) and len(sentences(text)) == 1:
                for j in group:
                    labels[j] = Label.PROCEDURAL
                break


def _signature_blocks(lines: list[str], labels: dict[int, Label], skip: set[int]) -> None:
    """Runs of short lines (names, roles, the administration) around a signature line are signature
    (``skip``: the head zone, labelled already)."""
    order = [i for i in sorted(labels) if i not in skip]
    runs: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        s = squash(lines[i])
        if _short(s) or (is_signature_line(s) and labels[i] in (Label.SIGNATURE, Label.SUBSTANCE)):
            cur.append(i)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    for run in runs:
        sig = [i for i in run if is_signature_line(lines[i])]
        names = [i for i in run if is_name(lines[i])]
        if not sig or (len(run) > 12):
            continue
        if not names and not any(re.search(r"\.{6,}|…{3,}|_{6,}", lines[i]) or "attesterat" in lines[i].lower()
                                 or "godk" in lines[i].lower() for i in sig):
            continue
        marked = [is_signature_line(lines[i]) or is_name(lines[i]) or is_letterhead_shape(lines[i])
                  or _capitalised(lines[i]) for i in run]
        for n in range(1, len(run)):  # a name or a body wrapped over lines ("Södermalms" / "stadsdelsförvaltning")
            marked[n] = marked[n] or marked[n - 1]
        for i, m in zip(run, marked, strict=True):
            if m and labels[i] in (Label.SUBSTANCE, Label.SIGNATURE, Label.LETTERHEAD):
                labels[i] = Label.SIGNATURE
        # an attestation table that follows ("Namn Datum" / "Alexandra Wynn, Stadsdelsdirektör 2024-11-19")
        last = run[-1]
        for j in (x for x in order if last < x <= last + 3):
            s = squash(lines[j])
            if len(s.split()) <= 8 and re.search(r"\d{4}-\d{2}-\d{2}", s) and labels[j] is Label.SUBSTANCE:
                labels[j] = Label.SIGNATURE


# -- the corpus template --------------------------------------------------------------------------
def _candidate_lines(y: Yttrande) -> Iterable[tuple[str, Label]]:
    """Lines of a record that a template could hold, with the label they would take."""
    for p in y.pages:
        for ln in p.running_lines:
            yield ln, _running_label(ln)
    zone = head_zone(y.pages)
    for p in y.pages:
        lines = p.text.splitlines()
        # a page's edges say something only on a full page (on a short one every line is an edge)
        head_idx, foot_idx = _edges(p.text) if len(_nonblank(p.text)) >= MIN_EDGE_PAGE else (set(), set())
        for i, ln in enumerate(lines):
            if not ln.strip() or match_heading(ln) or is_procedural(ln):
                continue
            if p is y.pages[0] and i < zone:
                yield ln, Label.CONTACT if is_contact(ln) else Label.LETTERHEAD
            elif i in head_idx:
                yield ln, Label.RUNNING_HEADER
            elif i in foot_idx:
                yield ln, Label.RUNNING_FOOTER


def learn_template(records: Iterable[Yttrande], min_remisser: int = MIN_REMISSER) -> Template:
    """The template measured over the archive: head-zone and page-edge lines, and stance-free
    decision sentences, found in answers to at least ``min_remisser`` different remisser."""
    remisser: dict[str, set[str]] = defaultdict(set)
    label_votes: dict[str, Counter[Label]] = defaultdict(Counter)
    examples: dict[str, str] = {}
    sent_remisser: dict[str, set[str]] = defaultdict(set)
    n = 0
    for y in records:
        if y.kind in (DocumentKind.PROTOKOLL, DocumentKind.PROTOKOLLSUTDRAG):
            continue
        n += 1
        rid = y.remiss.id or y.id
        for ln, lab in _candidate_lines(y):
            k = line_key(ln)
            if len(k) < 4 or k == "#" or len(k) > 140:
                continue
            remisser[k].add(rid)
            label_votes[k][lab] += 1
            examples.setdefault(k, squash(ln))
        for s in y.sections:
            if s.name in _DECISION_SECTIONS:
                for sent in sentences(s.text):
                    k = line_key(sent)
                    if 20 <= len(k) <= 260 and not re.search(r"tillstyrk|avstyrk|bifall|avsla|positiv|negativ", k):
                        sent_remisser[k].add(rid)
    t = Template(documents=n)
    for k, rids in remisser.items():
        if len(rids) >= min_remisser:
            t.lines[k] = label_votes[k].most_common(1)[0][0]
            t.examples[k] = examples[k]
    t.sentences = {k for k, rids in sent_remisser.items() if len(rids) >= min_remisser}
    return t


def template_path(data_dir: Path) -> Path:
    return data_dir / TEMPLATE_FILE


@lru_cache(maxsize=4)
def _cached_template(path: str, mtime: float) -> Template | None:
    return Template.load(Path(path))


def load_template(data_dir: Path) -> Template | None:
    """The archive's template (written by reindex), or None before the first one."""
    p = template_path(data_dir)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None
    return _cached_template(str(p), mtime)


def archive_template(data_dir: Path) -> Template | None:
    """The archive's template, learned again from the parsed records when there is none yet or
    the archive has doubled since it was learned (a pipeline that never reindexes still measures
    its archive; ``remissvar reindex`` learns it every time). None below three parsed records."""
    from ingest.parse.store import ParsedStore  # the store imports records only: no cycle

    store = ParsedStore(data_dir)
    current = load_template(data_dir)
    n = store.count()
    if n < MIN_REMISSER or (current is not None and n < 2 * max(current.documents, 1)):
        return current
    learned = learn_template(store.records())
    learned.save(template_path(data_dir))
    return learned


# -- applying it to a record ----------------------------------------------------------------------
def clean_protocol_text(text: str, template: Template | None = None) -> str:
    """A protocol paragraph without the protocol's running heads, page counters and template lines
    (the crawler's paragraph text keeps them where pages break)."""
    kept = []
    for ln in text.splitlines():
        s = squash(ln)
        if s:
            if is_page_number(s, bare=True):
                continue
            known = template.label_of(s) if template else None
            if known in LAYOUT:
                continue
            if PAGE_INLINE.search(s) and len(s.split()) <= 14 and not s.endswith("."):
                continue
        kept.append(ln)
    out = "\n".join(kept)
    running = (Label.RUNNING_HEADER, Label.RUNNING_FOOTER)
    return strip_inline(out, [template.examples[k] for k, lab in template.lines.items()
                              if lab in running and k in template.examples] if template else [])


def clean_text(text: str, boiler: list[str]) -> str:
    """Text without boilerplate lines that were joined into it (and without page counters)."""
    return strip_inline(text, boiler)


def clean_record(y: Yttrande, template: Template | None = None, *, link_text: str | None = None) -> Yttrande:
    """The record with sections, decision, position evidence and text rebuilt from its clean pages
    and its boilerplate labelled (``Yttrande.boilerplate``). Idempotent: pages are kept as extracted."""
    if not y.pages:
        return y
    seg = segment_pages(y.pages, template)
    # removed where joined into running text: the running lines (not a letterhead's body name, which
    # the text may name), the template's running lines
    running = (Label.RUNNING_HEADER, Label.RUNNING_FOOTER)
    boiler = [x.text for x in seg.lines + seg.running if x.label in running]
    if template:
        boiler += [template.examples[k] for k, lab in template.lines.items()
                   if lab in running and k in template.examples]
    clean = seg.clean_pages(y.pages)
    update: dict[str, object] = {"boilerplate": seg.boilerplate()}
    y2 = parse_structure(clean, source_url=y.source_url, content_sha256=y.content_sha256,
                         original_text=y.original_text, council=y.council, link_text=link_text)
    own = {s.name for s in y2.sections} if y2.kind == y.kind else set()
    extra = [s for s in y.sections if s.name == _AGENDA_SUMMARY and s.name not in own]
    if y2.kind == y.kind:
        sections = y2.sections + extra
        update["position"] = y2.position
        # the protocol's decision (parse_file sets it after this) stands; else the clean document's
        update["decision"] = (clean_text(y.decision, boiler) if y.council_decision is not None and y.decision
                              else clean_text(y2.decision, boiler) if y2.decision else None)
        if y.kind in (DocumentKind.PROTOKOLL, DocumentKind.PROTOKOLLSUTDRAG):
            update["paragraphs"] = y2.paragraphs
    else:
        sections = y.sections
    update["sections"] = [s.model_copy(update={"text": clean_text(s.text, boiler)}) for s in sections]
    text = "\n".join(p.text for p in clean)
    for s in extra:
        text = (text + "\n\n" + s.text).strip()
    update["text"] = clean_text(text, boiler)
    if y.council_decision is not None:
        d = y.council_decision
        update["council_decision"] = d.model_copy(update={
            "text": clean_text(d.text, boiler) if d.text else d.text,
            "evidence": [clean_text(e, boiler) for e in d.evidence],
            "reservations": [r.model_copy(update={"text": clean_text(r.text, boiler)}) for r in d.reservations]})
    if y.reservations:
        update["reservations"] = [r.model_copy(update={"text": clean_text(r.text, boiler)}) for r in y.reservations]
    return y.model_copy(update=update)


def is_procedural_sentence(sentence: str, template: Template | None = None) -> bool:
    """A sentence to keep out of passages: procedural by shape or by the template."""
    return is_procedural(sentence) or bool(template and line_key(sentence) in template.sentences)
