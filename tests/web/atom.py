"""Reading an Atom feed in the tests: a missing element fails the test with what was there."""
from __future__ import annotations

import xml.etree.ElementTree as ET

NS = {"a": "http://www.w3.org/2005/Atom"}


def child(entry: ET.Element, name: str) -> ET.Element:
    found = entry.find(f"a:{name}", NS)
    assert found is not None, f"no <{name}> in {ET.tostring(entry, encoding='unicode')[:300]}"
    return found


def link(entry: ET.Element) -> str:
    """The entry's link (href)."""
    return child(entry, "link").get("href", "")


def text(entry: ET.Element, name: str) -> str:
    """The text of the entry's ``name`` element (title, updated, …)."""
    return child(entry, name).text or ""
