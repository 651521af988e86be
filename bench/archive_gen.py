"""A generated archive, labelled synthetic, for the archive-scale benchmark (issue 31.5).

The recorded archive has 14 answers; the real one will have thousands over 25 years from every
district. This builds one of ``answers`` answers spread evenly over ``YEARS``. The councils of
each year are the ones the lineage table (``remissvar.records.COUNCILS``) says existed then:
Maria-Gamla stan and Katarina-Sofia until 2006, Södermalm from 2007, Hägersten and Liljeholmen,
then Hägersten-Liljeholmen, then Hägersten-Älvsjö, and any district added to the table. Each
remiss is answered by a sample of that year's councils and comes from one of a few hundred
remitting bodies (a few common, most rare: the facet with hundreds of values); about a third
are motions with authors and the parties of their era (Folkpartiet until 2014, Liberalerna
after). Texts are real sentences of the corpus recombined (``bench.scale.real_sentences``), as
the scale benchmark's generator does; every document carries ``synthetic: true`` and its
remiss title says "(syntetisk)".

``generate`` yields the records; ``index_archive`` writes them (answers and passages, vectors
the normalised mean of their sentences' vectors) under a settings object's prefix, and
``coverage_snapshot`` gives the crawl snapshot the status page reads for such an archive.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from remissvar.records import (
    COUNCILS,
    DocumentKind,
    Evidence,
    MotionInfo,
    Passage,
    Position,
    RemissInfo,
    Reservation,
    Section,
    Yttrande,
)

YEARS = range(2001, 2026)  # 25 years
PASSAGES_PER_ANSWER = 4
SENTENCES_PER_PASSAGE = 3

COMMON_BODIES = (
    "Kommunstyrelsen", "Trafiknämnden", "Stadsbyggnadsnämnden", "Exploateringsnämnden", "Socialnämnden",
    "Utbildningsnämnden", "Kulturnämnden", "Idrottsnämnden", "Miljö- och hälsoskyddsnämnden", "Äldrenämnden",
    "Arbetsmarknadsnämnden", "Fastighetsnämnden", "Kommunfullmäktige", "Region Stockholm",
    "Länsstyrelsen i Stockholms län", "Trafikverket", "Socialdepartementet", "Finansdepartementet",
    "Justitiedepartementet", "Infrastrukturdepartementet",
)
TOPICS = (
    "bostadsförsörjning", "skolval", "äldreomsorg", "hemlöshet", "cykelinfrastruktur", "lekplatser", "parkering",
    "sociala medier", "föreningsbidrag", "fritidsgårdar", "trygghet", "klimatanpassning", "stadsodling",
    "offentliga toaletter", "grönområden", "barnomsorg", "digitalisering", "ungdomsarbetslöshet", "folkhälsa",
    "kollektivtrafik", "bibliotek", "simhallar", "nattvandring", "vräkningar", "bostadsanpassning",
    "hemtjänst", "missbruksvård", "våld i nära relationer", "integration", "medborgardialog", "snöröjning",
    "trafiksäkerhet", "buller", "dagvatten", "stadsträd", "torghandel", "kulturskolan", "feriejobb",
    "föräldrastöd", "ensamkommande barn", "funktionsnedsättning", "tillgänglighet", "mötesplatser",
    "upphandling", "personlig assistans", "matlådor", "kameraövervakning", "belysning", "pendelbåtar",
    "avfallshantering",
)
BODY_FORMS = ("Utredningen om {}", "Kommittén för {}", "Delegationen för {}", "Samordnaren för {}",
              "Rådet för {}", "Projektet {}")
KINDS = ("förslag till program för", "betänkandet om", "förslag till strategi för", "förslag till plan för",
         "promemorian om")
FIRST_NAMES = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Ahmed", "Leila",
               "Mikael", "Elin", "Olof", "Fatima", "Gustav", "Ingrid", "Jonas", "Nils", "Hanna")
LAST_NAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
              "Svensson", "Gustafsson", "Lindqvist", "Berg", "Holm", "Ekström", "Sjöberg", "Kroon", "Ragsjö",
              "Yilmaz", "Haddad", "Wallin")
POSITIONS = (Position.TILLSTYRKER, Position.AVSTYRKER, Position.DELVIS, Position.NEUTRAL, Position.AVSTAR,
             Position.OKLART)
POSITION_WEIGHTS = (40, 20, 15, 12, 8, 5)
VERDICTS = {Position.TILLSTYRKER: "Förvaltningen tillstyrker förslaget.",
            Position.AVSTYRKER: "Förvaltningen avstyrker förslaget.",
            Position.DELVIS: "Förvaltningen tillstyrker förslaget i delar.",
            Position.NEUTRAL: "Förvaltningen har inga synpunkter på förslaget.",
            Position.AVSTAR: "Förvaltningen avstår från att yttra sig.",
            Position.OKLART: "Förvaltningen lämnar synpunkter på förslaget."}


def remitting_bodies() -> list[str]:
    """The common bodies and 300 rare ones: 320 values of the remitting-body facet."""
    return list(COMMON_BODIES) + [form.format(t) for form in BODY_FORMS for t in TOPICS]


def councils_in(year: int) -> list[str]:
    """The councils that existed in ``year`` by the lineage table (1997, the district reform,
    where a council names no first year)."""
    return [slug for slug, c in COUNCILS.items() if (c.from_year or 1997) <= year <= (c.to_year or 9999)]


def parties_in(year: int) -> list[str]:
    """The parties a motion of ``year`` may come from: Folkpartiet (FP) until 2014, Liberalerna
    (L) from 2015, SD from 2010, Fi 2014-2018."""
    out = ["S", "M", "C", "KD", "V", "MP", "FP" if year < 2015 else "L"]
    if year >= 2010:
        out.append("SD")
    if 2014 <= year <= 2018:
        out.append("Fi")
    return out


@dataclass
class Answer:
    record: Yttrande
    passages: list[Passage]
    sentences: list[list[int]]  # per passage, the indices of its real sentences (its vector)


def generate(sentences: list[str], answers: int = 10_000, seed: int = 31) -> Iterator[Answer]:
    """``answers`` answers over ``YEARS``, as evenly as the remisser allow."""
    rng = random.Random(seed)
    rare = remitting_bodies()[len(COMMON_BODIES):]
    rng.shuffle(rare)
    rare_n = 0
    made = remiss_n = 0
    for yi, year in enumerate(YEARS):
        target = answers * (yi + 1) // len(YEARS)
        active = councils_in(year)
        motion_n = 0
        while made < target:
            remiss_n += 1
            topic = rng.choice(TOPICS)
            # the common bodies send half the remisser, the rare ones one or two each over the years
            if rng.random() < 0.5:
                body = rng.choice(COMMON_BODIES)
            else:
                body, rare_n = rare[rare_n % len(rare)], rare_n + 1
            month = rng.randint(1, 10)
            deadline = dt.date(year, month + 2, 15)
            motion = None
            if rng.random() < 0.35:
                motion_n += 1
                parties = rng.sample(parties_in(year), rng.choice((1, 1, 2)))
                motion = MotionInfo(number=f"{year}:{motion_n}", parties=parties,
                                    authors=[f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                                             for _ in parties])
                title = f"Remiss av motion om {topic} (syntetisk)"
                body = "Kommunfullmäktige"
            else:
                title = f"Remiss av {rng.choice(KINDS)} {topic} (syntetisk)"
            remiss = RemissInfo(id=f"syn-r-{remiss_n:05d}", title=title, body=body,
                                dnr=f"KS {year}/{remiss_n % 2000 + 1}", deadline=deadline, motion=motion)
            asked = rng.sample(active, min(len(active), rng.randint(3, max(3, len(active)))))
            for council in asked[: target - made]:
                made += 1
                yield _answer(rng, sentences, made, council, remiss, year, month)


def _answer(rng: random.Random, sentences: list[str], n: int, council: str, remiss: RemissInfo, year: int,
            month: int) -> Answer:
    pos = rng.choices(POSITIONS, POSITION_WEIGHTS)[0]
    picks = [rng.sample(range(len(sentences)), SENTENCES_PER_PASSAGE) for _ in range(PASSAGES_PER_ANSWER)]
    texts = [" ".join(sentences[j] for j in p) for p in picks]
    day = dt.date(year, month + 1, rng.randint(1, 28))
    yid = f"syn-y-{n:05d}"
    name = COUNCILS[council].name
    sections = [Section(name="Sammanfattning", text=f"{VERDICTS[pos]} {texts[0]}", page=1),
                Section(name="Förvaltningens synpunkter", text="\n\n".join(texts[1:]), page=2)]
    reservations = ([Reservation(party=rng.choice(parties_in(year)), kind="reservation",
                                 text="Vi föreslår att nämnden avstyrker förslaget.")]
                    if rng.random() < 0.15 else [])
    y = Yttrande(id=yid, council=council, administration=name.replace("nämnd", "förvaltning"), date=day,
                 diarienummer=f"{council.upper()[:3]} {year}/{n}", kind=DocumentKind.TJANSTEUTLATANDE,
                 title=remiss.title, remiss=remiss, sections=sections,
                 position=Evidence(position=pos, sentences=[VERDICTS[pos]], confidence="hög"),
                 reservations=reservations, text="\n\n".join(s.text for s in sections),
                 source_url=f"https://example.invalid/syntetisk/{yid}.pdf", synthetic=True,
                 first_seen=dt.datetime(year, month + 1, 28, 12, tzinfo=dt.UTC))
    passages = [Passage(id=f"{yid}-{i}", yttrande_id=yid, ordinal=i,
                        section="Sammanfattning" if i == 0 else "Förvaltningens synpunkter", page=1 + (i > 0),
                        text=t) for i, t in enumerate(texts)]
    return Answer(y, passages, picks)


def index_archive(es: Any, settings: Any, sentences: list[str], vectors: np.ndarray, model_id: str,
                  answers: int = 10_000, seed: int = 31) -> dict[str, int]:
    """Create the index pair under ``settings``' prefix (deleting what it held) and write the
    generated archive; the counts written."""
    from elasticsearch import helpers

    from search_api.index import create_version, delete_all, index_name, swap_aliases
    from search_api.index.schema import PassageDoc, YttrandeDoc, source

    delete_all(es, settings)
    create_version(es, settings, 1, int(vectors.shape[1]), model_id)
    swap_aliases(es, settings, 1)
    yt, ps = index_name(settings, "yttranden", 1), index_name(settings, "passager", 1)
    es.indices.put_settings(index=[yt, ps], settings={"refresh_interval": "-1"})
    counts = {"answers": 0, "passages": 0}

    def actions() -> Iterator[dict[str, Any]]:
        for a in generate(sentences, answers, seed):
            counts["answers"] += 1
            yield {"_index": yt, "_id": a.record.id, "_source": source(YttrandeDoc.from_record(a.record))}
            for p, pick in zip(a.passages, a.sentences, strict=True):
                v = vectors[pick].mean(axis=0)
                v = v / np.linalg.norm(v)
                counts["passages"] += 1
                yield {"_index": ps, "_id": p.id, "_source": source(PassageDoc.from_record(a.record, p, v, model_id))}

    helpers.bulk(es.options(request_timeout=600), actions(), chunk_size=1000)
    es.indices.put_settings(index=[yt, ps], settings={"refresh_interval": "1s"})
    es.indices.refresh(index=[yt, ps])
    return counts


def coverage_snapshot(answers: int = 10_000, seed: int = 31) -> dict[str, Any]:
    """The crawl snapshot (``remissvar.crawl_status``) a crawl of such an archive would publish:
    one source per council of the table, a completeness row per council and month of its years."""
    rng = random.Random(seed)
    per_council_month = max(1, answers // (len(YEARS) * 12 * max(1, len(councils_in(YEARS[-1])))))
    rows = []
    for year in YEARS:
        for council in councils_in(year):
            for month in range(1, 13):
                listed = 1 if month not in (7,) else 0
                docs = per_council_month + rng.randint(0, 2)
                rows.append({"council": council, "month": f"{year}-{month:02d}", "listed": listed,
                             "crawled": listed, "cancelled": 0, "remiss_items": docs, "documents_listed": docs,
                             "documents_stored": docs - (1 if rng.random() < 0.02 else 0)})
    now = dt.datetime(2025, 12, 1, 3, tzinfo=dt.UTC).isoformat()
    return {"written_at": now, "completeness": rows, "failures": [], "summaries": {},
            "sources": [{"council": c, "name": COUNCILS[c].name, "source": "MeetingPlus (syntetisk)",
                         "meetings": 11 * len([y for y in YEARS if c in councils_in(y)]), "last_crawl": now,
                         "role": "answers"} for c in councils_in(YEARS[-1])],
            "councils": {}, "source_names": {}}
