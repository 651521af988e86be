"""Builds the resources and the zip of the Swedish analysis plugin (stdlib only; run by build.sh).

    python3 build.py resources [--wheel PATH]   the dictionary and word lists into target/resources
    python3 build.py jar                         the jar from target/classes (where ecj compiled, not Maven)
    python3 build.py zip                         target/analysis-sv-<version>.zip from the built jar

The dictionary is hunspell-sv from PyPI, pinned by version and hash (the same file on a
developer's machine, in CI and in the compose image). From it the build derives
``modifiers.txt``: every form the dictionary allows at the start or in the middle of a compound
(its COMPOUNDBEGIN/COMPOUNDMIDDLE flags, and the suffix rules that make such forms: "trygghet"
-> "trygghets", "vecka" -> "vecko", "skola" -> "skol") with the word it comes from. The general
list (words/general_sv.txt, see tools/general_words.py) adds words of general Swedish text.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

import full_forms
import hunspell_dic
import wheels
from hunspell_dic import ONLY_IN_COMPOUND, only_in_compound

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
RES = TARGET / "resources" / "se" / "remissvar" / "analysis"
DICT_VERSION = "2026.10.25"
DICT_WHEEL = f"hunspell_sv-{DICT_VERSION}-py3-none-any.whl"
DICT_SHA256 = "4e02e876450286246355198a56ebe74066f970443a2d00908e9eb6aa52e53326"
DICT_PREFIX = f"hunspell_sv-{DICT_VERSION}.data/data/share/hunspell/"
PLUGIN = "analysis-sv"
ES_VERSION = "9.2.4"
COMPONENTS = {"org.elasticsearch.plugin.analysis.TokenFilterFactory": {
    "sv_stem": "se.remissvar.analysis.SwedishStemFilterFactory",
    "sv_misread": "se.remissvar.analysis.MisreadFilterFactory",
    "sv_names": "se.remissvar.analysis.NameFilterFactory"},
    "org.elasticsearch.plugin.analysis.CharFilterFactory": {
    "sv_coordination": "se.remissvar.analysis.CoordinationCharFilterFactory"}}
BEGIN, MIDDLE, COMPOUND_END = "X", "U", "Y"  # COMPOUNDBEGIN/MIDDLE/END (ONLYINCOMPOUND: hunspell_dic)
LETTERS = re.compile(r"^[a-zåäöéü]+$")


def plugin_version() -> str:
    pom = (HERE / "pom.xml").read_text(encoding="utf-8")
    m = re.search(r"<artifactId>analysis-sv</artifactId>\s*<version>([^<]+)</version>", pom)
    if not m:
        raise SystemExit("pom.xml: no version of analysis-sv")
    return m.group(1)


def fetch_wheel(explicit: str | None) -> Path:
    """The pinned dictionary wheel: the given path, the cache, or downloaded with pip."""
    return wheels.pinned(TARGET / "dict", DICT_WHEEL, f"hunspell-sv=={DICT_VERSION}", DICT_SHA256,
                         Path(explicit) if explicit else None)


def parse_aff(aff: str) -> dict[str, list[tuple[str, str, str, re.Pattern[str]]]]:
    """Suffix rules per flag: (strip, append, continuation flags, condition at the word's end)."""
    rules: dict[str, list[tuple[str, str, str, re.Pattern[str]]]] = {}
    for line in aff.splitlines():
        f = line.split()
        if len(f) >= 5 and f[0] == "SFX":
            flag, strip, add, cond = f[1], f[2], f[3], f[4]
            add, _, cont = add.partition("/")
            rules.setdefault(flag, []).append(("" if strip == "0" else strip, "" if add == "0" else add, cont,
                                               re.compile("(?:" + cond + ")$")))
    return rules


def modifier_forms(aff: str, dic: str) -> dict[str, str]:
    """Compound-start and compound-middle forms -> the dictionary word they come from."""
    rules = parse_aff(aff)
    out: dict[str, str] = {}
    own: list[str] = []  # roots that start compounds as they are; a derivation wins ("arbets" <- "arbete")
    for line in dic.splitlines()[1:]:
        word, _, flags = line.partition("/")
        word = word.strip()
        if not LETTERS.match(word):
            continue
        if BEGIN in flags or MIDDLE in flags:
            own.append(word)
        for flag in flags:
            for strip, add, cont, cond in rules.get(flag, ()):
                if (BEGIN in cont or MIDDLE in cont) and cond.search(word) and word.endswith(strip):
                    form = word[: len(word) - len(strip)] + add
                    if LETTERS.match(form) and len(form) >= 2:
                        out.setdefault(form, word)
    roots = hunspell_dic.entries(dic)
    for word in own:
        out.setdefault(word, lemma_of_form(word, roots, out))
    for form, word in out.items():
        if form.endswith("s") and form != word and is_free_word(form[:-1], roots):
            out[form] = form[:-1]  # "rätts" is "rätt" (not the verb "rätta"), "vårds" "vård"
        elif only_in_compound(word, roots):
            out[form] = lemma_of_form(word, roots, out)  # "skol" (a rule's root) is "skola"
        elif form != word and not is_free_word(word, roots) and is_free_word(word + "a", roots) \
                and not any(re.search("[B-F]", f) for f in roots.get(word, ())):
            out[form] = word + "a"  # "hyres" from the verb stem "hyr" is "hyra", "sido" "sida"
    return out


def is_free_word(word: str, roots: dict[str, list[str]]) -> bool:
    """A root with an entry that may end a compound and is no compound-only form."""
    return any(COMPOUND_END in f and ONLY_IN_COMPOUND not in f for f in roots.get(word, ()))


# flags of sv_SE.aff that make no word form of their own: the compound flags, "b" (the form
# before a hyphen, "idrotts-"), the COMPOUNDRULE classes and the forbidden/needaffix marks
NOT_INFLECTION = set("XYUZWb") | set("0123456789") | set("%!>)¤")


def inflects(word: str, roots: dict[str, list[str]]) -> bool:
    """True for a root whose entry inflects it as a word ("kris/DXY"), not one that only stands
    in compounds as written ("företags/XY", "idrotts/bUXY")."""
    return any(set(f) - NOT_INFLECTION for f in roots.get(word, ()))


def own_word_first(form: str, cand: str, roots: dict[str, list[str]]) -> bool:
    """True where a free word of its own that begins compounds as written ("kris/DXY", "klass",
    "gräns", "glass") is that word, not another word's compound form ("kria", "klase", "grän" and
    "glas" + a linking s): except where it is the other word plus a linking s and that word, a
    free one, begins no compound bare, so that its compounds take the s."""
    if not inflects(form, roots):
        return False
    takes_s = is_free_word(cand, roots) and not any(BEGIN in f for f in roots.get(cand, ()))
    return not (form == cand + "s" and takes_s)


def lemma_of_form(form: str, roots: dict[str, list[str]], forms: dict[str, str]) -> str:
    """The word a compound-only root comes from: "arbets" -> "arbete", "samhälls" -> "samhälle",
    "tjänste" -> "tjänst", "förskole" -> "förskola", "skol" -> "skola", "varu" -> "vara", "barnrätts" ->
    "barnrätt" (a modifier and a word before the linking s); "hus" stays "hus" (a word of its
    own, not "hu" + s); the form itself when none is found."""
    if not only_in_compound(form, roots) and not form.endswith("s"):
        return form
    stem = form[:-1]
    own = is_free_word(form, roots)
    # a linking u or o stands for a noun's final a ("varu" is "vara", not "var"; "kyrko" "kyrka")
    cands = ((stem + "a", stem, stem + "e") if form[-1] in "ou" else (stem, stem + "e", stem + "a")
             if form[-1] in "se" else (form + "a", form + "e"))
    if form.endswith(("ie", "ei")):
        # a Latin noun in -ium/-eum starts compounds in -ie/-ei: "medie" is "medium" (mediekonto,
        # "konton i sociala medier"), "gymnasie" "gymnasium", "kriterie" "kriterium", "musei" "museum"
        cands = (stem + "um", *cands)
    for cand in cands:
        if cand in roots and not only_in_compound(cand, roots) and len(cand) >= 2:
            return form if own and (len(cand) <= 3 or own_word_first(form, cand, roots)) else cand
    if form.endswith("s") and not own:
        for i in range(2, len(stem) - 2):
            if stem[:i] in forms and is_free_word(stem[i:], roots):
                return stem
    return form


def resources(wheel_arg: str | None) -> None:
    wheel = fetch_wheel(wheel_arg)
    RES.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as z:
        aff = z.read(DICT_PREFIX + "sv_SE.aff").decode("utf-8")
        dic = z.read(DICT_PREFIX + "sv_SE.dic").decode("utf-8")
        lic = z.read(f"hunspell_sv-{DICT_VERSION}.data/data/share/doc/hunspell-sv/LICENSE")
    (RES / "sv_SE.aff").write_text(aff, encoding="utf-8")
    (RES / "sv_SE.dic").write_text(dic, encoding="utf-8")
    (RES / "LICENSE-hunspell-sv").write_bytes(lic)
    mods = modifier_forms(aff, dic)
    (RES / "modifiers.txt").write_text("".join(f"{k}\t{v}\n" for k, v in sorted(mods.items())), encoding="utf-8")
    shutil.copy(HERE / "words" / "general_sv.txt", RES / "general_sv.txt")
    (RES / "frequencies_sv.txt").write_bytes(gzip.decompress((HERE / "words" / "frequencies_sv.tsv.gz").read_bytes()))
    lemma_wheel = full_forms.fetch(TARGET / "dict")
    table = full_forms.agreed(full_forms.lookup_table(lemma_wheel), full_forms.spacy_table(TARGET / "dict"))
    rows = full_forms.full_forms(aff, dic, table)
    (RES / "full_forms.txt").write_text("".join(f"{f}\t{lemma}\n" for f, lemma in rows), encoding="utf-8")
    verbs = full_forms.verb_forms(dic, table)
    (RES / "verb_forms.txt").write_text("".join(f"{f}\t{v}\n" for f, v in verbs), encoding="utf-8")
    with zipfile.ZipFile(lemma_wheel) as z:
        (RES / "LICENSE-simplemma").write_bytes(z.read(f"simplemma-{full_forms.VERSION}.dist-info/licenses/LICENSE"))
    with zipfile.ZipFile(TARGET / "dict" / full_forms.SPACY_WHEEL) as z:
        (RES / "LICENSE-spacy-lookups-data").write_bytes(
            z.read(f"spacy_lookups_data-{full_forms.SPACY_VERSION}.dist-info/LICENSE"))
    print(f"resurser: {len(dic.splitlines()) - 1} ordboksord, {len(mods)} förleder, {len(rows)} fullformer, "
          f"{len(verbs)} verbformer", file=sys.stderr)


def build_jar() -> Path:
    """The jar from target/classes and the resources (the ecj path; Maven makes it otherwise)."""
    jar = TARGET / f"{PLUGIN}-{plugin_version()}.jar"
    tmp = jar.with_suffix(".jar.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("META-INF/MANIFEST.MF", date_time=(2026, 1, 1, 0, 0, 0)),
                   "Manifest-Version: 1.0\r\nCreated-By: build.py\r\n\r\n")
        for root in (TARGET / "classes", TARGET / "resources"):
            for f in sorted(p for p in root.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(str(f.relative_to(root)), date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, f.read_bytes())
    tmp.replace(jar)
    return jar


def build_zip() -> Path:
    version = plugin_version()
    jar = TARGET / f"{PLUGIN}-{version}.jar"
    if not jar.exists():
        raise SystemExit(f"{jar} saknas: kör mvn package först")
    out = TARGET / f"{PLUGIN}-{version}.zip"
    descriptor = "\n".join([
        f"name={PLUGIN}",
        "description=Swedish analysis for Remissvar: hunspell stems, umlaut plurals, compound parts, fallback stemmer",
        f"version={version}",
        f"elasticsearch.version={ES_VERSION}",
        "java.version=21",
        "",
    ])
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in ((jar.name, jar.read_bytes()),
                           ("stable-plugin-descriptor.properties", descriptor.encode()),
                           ("named_components.json", json.dumps(COMPONENTS, indent=2).encode())):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # the same bytes from the same jar
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    tmp.replace(out)
    print(out)
    return out


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "resources":
        resources(sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--wheel" else None)
    elif cmd == "jar":
        build_jar()
    elif cmd == "zip":
        build_zip()
    else:
        raise SystemExit(__doc__)
