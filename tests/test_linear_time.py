"""Every regex-heavy reader of untrusted text is linear in its input (issue 28).

Each reader (remiss fields, grammar, lines, positions, linking, structure, protocol) gets
each adversarial family (``tests/linear_time.py``: repeated keywords, separator runs, long
digit/slash runs, unbalanced brackets, whitespace runs) at 10,000 and 100,000 characters;
the test fails when the time grows more than 20-fold (linear is 10-fold). Each measurement
runs in a forked child that is killed past its limit, so a cubic pattern fails in seconds.
The timings themselves are printed by ``bench/hardening.py``.
"""
from __future__ import annotations

import pytest

from tests.linear_time import FAMILIES, MAX_GROWTH, READERS, measure, owner

pytestmark = pytest.mark.slow

# Readers whose owner is making them linear, as strict expected failures (the test then fails
# as soon as the reader is fixed, and the entry must go): (reader, family) -> timings. Empty:
# every reader passed on every family when this was written.
SUPERLINEAR: dict[tuple[str, str], str] = {}


def _cases() -> list[object]:
    out: list[object] = []
    for reader in READERS:
        for family in FAMILIES:
            why = SUPERLINEAR.get((reader, family))
            marks = [pytest.mark.xfail(strict=True, reason=f"owner: {owner(reader)} - {why}")] if why else []
            out.append(pytest.param(reader, family, marks=marks, id=f"{reader}-{family}"))
    return out


@pytest.mark.parametrize(("reader", "family"), _cases())
def test_reader_is_linear(reader: str, family: str) -> None:
    t = measure(reader, family)
    assert t.linear, f"superlinear (more than {MAX_GROWTH:.0f}x from 10k to 100k chars): {t.describe()}"
