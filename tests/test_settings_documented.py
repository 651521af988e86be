"""One settings object, documented (as datasette tests its settings against its docs):

- every field of ``remissvar.settings.Settings`` is a row of the README's configuration table,
  and every ``REMISSVAR_*`` name in that table is a field;
- product code reads no environment variable itself: only ``remissvar/settings.py`` does
  (setting a variable for a library, or passing the environment on to a child, is no read).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from remissvar.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("remissvar", "search_api", "ingest", "web", "remissvar_cli")
SETTINGS_MODULE = ROOT / "remissvar" / "settings.py"


def _configuration_table(readme: str) -> str:
    start = readme.index("\n## Configuration\n")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end != -1 else len(readme)]


def documented_settings(readme: str) -> set[str]:
    """The environment names in the first column of the configuration table's rows."""
    names: set[str] = set()
    for line in _configuration_table(readme).splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2:
            names |= set(re.findall(r"`(REMISSVAR_[A-Z0-9_]+)`", cells[1]))
    return names


def settings_names() -> set[str]:
    prefix = str(Settings.model_config.get("env_prefix", ""))
    return {f"{prefix}{name}".upper() for name in Settings.model_fields}


def test_every_setting_is_documented_and_every_documented_setting_exists() -> None:
    documented = documented_settings((ROOT / "README.md").read_text(encoding="utf-8"))
    fields = settings_names()
    assert sorted(fields - documented) == [], "settings missing from README's configuration table"
    assert sorted(documented - fields) == [], "README documents settings that do not exist"


def test_the_table_reader_sees_every_name_of_a_row() -> None:
    readme = ("# R\n\n## Configuration\n\n| variable | default | meaning |\n| --- | --- | --- |\n"
              "| `REMISSVAR_A`, `REMISSVAR_B_C` | `1`, `REMISSVAR_NOT_A_NAME` | x |\n\n## Next\n"
              "| `REMISSVAR_LATER` | | |\n")
    assert documented_settings(readme) == {"REMISSVAR_A", "REMISSVAR_B_C"}


def _env_reads(tree: ast.AST) -> list[int]:
    """Lines that read the process environment: os.getenv(...), os.environ.get(...), os.environ[...]
    (a WSGI request's ``environ`` is not the process's)."""
    def is_environ(node: ast.AST) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "environ"
                and isinstance(node.value, ast.Name) and node.value.id == "os")

    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            getenv = node.func.attr == "getenv" and isinstance(node.func.value, ast.Name) and node.func.value.id == "os"
            if getenv or (node.func.attr == "get" and is_environ(node.func.value)):
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and is_environ(node.value) and isinstance(node.ctx, ast.Load):
            lines.append(node.lineno)
    return lines


def test_product_code_reads_the_environment_only_through_settings() -> None:
    found = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            if path == SETTINGS_MODULE:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(ROOT)}:{line}" for line in _env_reads(tree)]
    assert found == []


def test_the_env_read_finder_finds_each_form() -> None:
    src = ("import os\na = os.getenv('X')\nb = os.environ.get('Y')\nc = os.environ['Z']\n"
           "os.environ['W'] = '1'\nos.environ.setdefault('V', '1')\nenv = {**os.environ}\n"
           "request.environ.get('wsgi.input')\n")
    assert _env_reads(ast.parse(src)) == [2, 3, 4]
