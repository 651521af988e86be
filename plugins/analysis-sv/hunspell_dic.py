"""hunspell-sv's .dic read as the build needs it (stdlib only): every root with its entries' flags."""
from __future__ import annotations

ONLY_IN_COMPOUND = "Z"  # sv_SE.aff's ONLYINCOMPOUND


def entries(dic: str) -> dict[str, list[str]]:
    """Every root of the .dic with each of its entries' flags."""
    out: dict[str, list[str]] = {}
    for line in dic.splitlines()[1:]:
        word, _, flags = line.partition("/")
        out.setdefault(word.strip(), []).append(flags.strip())
    return out


def only_in_compound(word: str, roots: dict[str, list[str]]) -> bool:
    """A root whose every entry is a compound-only form ("skol", "arbets")."""
    found = roots.get(word, [])
    return bool(found) and all(ONLY_IN_COMPOUND in f for f in found)
