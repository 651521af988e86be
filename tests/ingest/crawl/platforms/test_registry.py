"""A platform is one package, registered whole: parser, site model and replay wiring
(``ingest.crawl.platforms.registry``), and docs/crawling.md's "adding a platform" says so."""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

from ingest.crawl import platforms as platforms_pkg
from ingest.crawl.platforms import REGISTERED, Platform, Registration, recorded_ports, registry
from ingest.crawl.platforms.common import MeetingPage
from remissvar.settings import Settings

ROOT = Path(__file__).resolve().parents[4]
PLATFORMS_DIR = Path(platforms_pkg.__file__).parent
PROTOCOL = [name for name, _ in inspect.getmembers(Platform, inspect.isfunction) if not name.startswith("_")]


def test_every_platform_package_is_registered() -> None:
    packages = sorted(p.parent.name for p in PLATFORMS_DIR.glob("*/__init__.py"))
    assert packages == sorted(REGISTERED)
    assert list(registry()) == [registry()[n].name for n in registry()]
    assert len(registry()) == len(REGISTERED)


def test_every_registration_has_parser_site_model_and_replay() -> None:
    sites = Settings().recorded_sites_dir
    assert PROTOCOL  # owns, list_meetings, parse_meeting, …
    for name, reg in registry().items():
        assert isinstance(reg, Registration)
        for method in PROTOCOL:  # the parser
            assert callable(getattr(reg.parser, method, None)), f"{name}: no {method}"
        assert isinstance(reg.parser.drift_hint, str)
        assert isinstance(reg.council_page, re.Pattern)  # the site model
        folder = sites / reg.recorded_site  # the replay wiring: a recorded site with pages
        assert folder.is_dir() and any(folder.rglob("*.html")), f"{name}: no recorded site at {folder}"


def test_recorded_ports_follow_the_registry() -> None:
    assert recorded_ports(8701) == {name: 8701 + i for i, name in enumerate(REGISTERED)}


def test_every_configured_source_names_a_registered_platform() -> None:
    data = json.loads(Settings().sources_file.read_text(encoding="utf-8"))
    used = {s["platform"] for s in data["sources"]} | {x["platform"] for x in data.get("listings", [])}
    assert used <= set(registry())


def test_the_adding_a_platform_paragraph_names_the_registry() -> None:
    doc = (ROOT / "docs" / "crawling.md").read_text(encoding="utf-8")
    section = doc.split("## Lägga till en plattform / adding a platform", 1)[1].split("\n## ", 1)[0]
    for name in ("REGISTRATION", "REGISTERED", "ingest/crawl/platforms/__init__.py", "council_page",
                 "recorded_site", "recorded_servers", "tests/ingest/crawl/platforms/test_registry.py"):
        assert name in section, name
    for method in PROTOCOL:
        assert f"`{method}`" in section, method


def test_the_paragraph_names_the_shared_meeting_page_loop() -> None:
    """The meeting-page loop both parsers share is where the paragraph says, with the hooks it names."""
    doc = (ROOT / "docs" / "crawling.md").read_text(encoding="utf-8")
    section = doc.split("## Lägga till en plattform / adding a platform", 1)[1].split("\n## ", 1)[0]
    assert "`MeetingPage`" in section and "ingest/crawl/platforms/common.py" in section
    hooks = ("line", "keep", "end", "parse", "heading_line", "number_line", "decision_point", "own_line")
    for name in hooks:
        assert f"`{name}`" in section, name
        assert callable(getattr(MeetingPage, name, None)), name
    for name, reg in registry().items():  # every registered parser of rendered lines builds on it
        module = inspect.getmodule(type(reg.parser))
        assert any(isinstance(v, type) and issubclass(v, MeetingPage) and v is not MeetingPage
                   for v in vars(module).values()), name


def test_the_recorded_sites_are_served_through_the_registry() -> None:
    """Replay wiring lives in the registration: code that serves recorded sites reads the
    registry (``recorded_servers``) and names no platform's site folder itself."""
    sites = {reg.recorded_site for reg in registry().values()}
    folders = "|".join(map(re.escape, sites))
    named = re.compile(r"""ReplayServer\(.*["'/](?:""" + folders + r""")["']""")
    found = [f"{p.relative_to(ROOT)}:{n}" for top in ("ingest", "remissvar_cli", "tests", "bench", "scripts")
             for p in sorted((ROOT / top).rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if named.search(line)]
    assert found == []
