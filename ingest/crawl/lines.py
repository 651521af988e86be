"""A page as the ordered text lines a browser shows: the input of every page grammar.

Only the rendered text of the real pages is known, not their tags, so the parsers never
look at tag names beyond this one rule: block elements (and ``<br>``) break lines, inline
elements (spans, links, table cells of one row) join with a space, and each link stays with
the line it is printed on. Two rendering facts of the real pages are applied here:

- a literal, escaped ``<br>`` printed inside a line breaks it (some councils print it
  between the title and the remittent);
- a collapsed paragraph shows ``Läs mer...`` spliced into a word (``parke Läs mer...rna``):
  removed and the word rejoined.

Elements whose text is empty but which carry an accessible label (``aria-label`` on a
button or heading, e.g. a collapsible agenda header) yield that label as their line.
Each line also records the index of its nearest list entry/details/article ancestor
(``group``), which grammars may use to tell entries apart, and whether it came from a
header-like element (``header``: heading, button, summary, ``<dt>``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, Doctype, NavigableString, ProcessingInstruction

from remissvar.textnorm import squash

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption", "option",
    "select", "legend", "menu",
}
HEADERLIKE = {"h1", "h2", "h3", "h4", "h5", "h6", "button", "summary", "dt"}
GROUPS = {"li", "details", "article"}
SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe", "input"}
_LITERAL_BR = re.compile(r"<\s*br\s*/?\s*>", re.I)
# the marker itself; the whitespace around it is stripped by hand (a ``\s*`` before it made
# every position of a 30,000-space run rescan the run: quadratic)
_READ_MORE = re.compile(r"L[äa]s mer\s?(?:\.\.\.|…)")


@dataclass
class Link:
    url: str
    label: str  # the link's text
    aria: str = ""  # its accessible label (aria-label, title), when it has one


@dataclass
class Line:
    text: str
    links: list[Link] = field(default_factory=list)
    group: int | None = None
    header: bool = False


def _clean(text: str) -> str:
    return squash(_drop_read_more(text))


def _drop_read_more(text: str) -> str:
    """``parke Läs mer...rna`` -> ``parkerna``: the marker and the whitespace on both sides of
    it removed, in one pass (linear in the text, whatever its whitespace runs)."""
    pieces = _READ_MORE.split(text)
    if len(pieces) == 1:
        return text
    out = [pieces[0].rstrip()]
    out += [p.strip() for p in pieces[1:-1]]
    out.append(pieces[-1].lstrip())
    return "".join(out)


class _Builder:
    def __init__(self, base_url: str, skip_chrome: bool) -> None:
        self.base_url = base_url
        self.skip_chrome = skip_chrome
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.group: int | None = None
        self.header = False
        self.groups = 0

    def flush(self) -> None:
        raw = "".join(self.parts)
        self.parts = []
        links, self.links = self.links, []
        header, self.header = self.header, False
        pieces = [_clean(p) for p in _LITERAL_BR.split(raw)]
        pieces = [p for p in pieces if p]
        if not pieces:
            if links:  # a link without text of its own (an icon): keep it on an empty line
                self.lines.append(Line("", links, self.group, header))
            return
        for i, text in enumerate(pieces):
            own = [lk for lk in links if lk.label and lk.label in text] if len(pieces) > 1 else links
            if len(pieces) > 1 and i == len(pieces) - 1:
                own += [lk for lk in links if not any(lk.label and lk.label in p for p in pieces)]
            self.lines.append(Line(text, own, self.group, header))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.parts.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in SKIP or child.get("hidden") is not None:
                continue
            if self.skip_chrome and (name in ("nav", "footer") or str(child.get("role") or "") in ("navigation",
                                                                                                   "contentinfo")):
                continue  # site navigation and footers are not a meeting page's text
            if name == "br":
                self.flush()
                continue
            block = name in BLOCK
            group_before = self.group
            if name in GROUPS:
                self.flush()
                self.groups += 1
                self.group = self.groups
            if block:
                self.flush()
            if name in HEADERLIKE:
                if not block:
                    self.flush()
                label = str(child.get("aria-label") or "").strip()
                if label and not child.get_text(strip=True):
                    self.parts.append(label)
                self.header = True
            if name == "a" and child.get("href"):
                href = str(child["href"]).strip()
                label = _clean(child.get_text(" "))
                aria = squash(str(child.get("aria-label") or child.get("title") or ""))
                if not href.startswith(("javascript:", "#", "mailto:")):
                    self.links.append(Link(urljoin(self.base_url, href), label or aria, aria))
            # inline elements render side by side: a space at their edges keeps "§ 14" and the
            # title, or two table cells, apart (whitespace is squashed afterwards)
            self.parts.append(" ")
            self.walk(child)
            self.parts.append(" ")
            if block or name in HEADERLIKE:
                self.flush()
            if name in GROUPS:
                self.flush()
                self.group = group_before


def page_lines(html: str, base_url: str, *, listing: bool = False) -> list[Line]:
    """The page's text lines, top to bottom (``<main>`` when the page has one; navigation and
    footers left out). ``listing``: the whole page, navigation included (a list of meetings
    or councils may sit in a side menu)."""
    soup = BeautifulSoup(html, "html.parser")
    root = (soup.body or soup) if listing else (soup.find("main") or soup.body or soup)
    b = _Builder(base_url, skip_chrome=not listing)
    if isinstance(root, Tag):
        b.walk(root)
    b.flush()
    return b.lines
