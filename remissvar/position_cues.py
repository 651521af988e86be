"""The Swedish of stated positions: cue patterns over folded, OCR-tolerant text.

Each pattern is written in plain Swedish and compiled by ``rx`` for text folded with
``remissvar.textnorm.fold``: every å/ä/ö also matches what OCR made of it (lost, folded, misread:
"godkinner", "stéller"), and y also matches v ("tillstvrker"). Patterns are bounded (``\\w+``
runs and ``{0,n}`` word gaps only), so a match costs time linear in the sentence.

Cue kinds, read by ``remissvar.positions``:

- ``POS_STRONG`` / ``NEG_STRONG``: verdicts — tillstyrka, ställa sig bakom, förorda, instämma,
  bifalla; avstyrka, avslå, avvisa, motsätta sig, avråda;
- ``POS_WEAK`` / ``NEG_WEAK``: leanings and evaluative frames — välkomnar, positiv till,
  delar bedömningen, "anser att X stämmer väl överens med", "ser X som ett värdefullt
  tillskott"; "bedömer inte att X skulle tillföra", "ser inget behov av", "saknas skäl";
- ``PARTLY``: conditions and partial views that make a stance partial on their own — under
  förutsättning att, med följande synpunkter, bör utredas vidare, i de delar, delvis;
- ``CONCERN``: a reservation (saknas, bör förtydligas, för snäv) — partial only after a
  contrast (men, dock, däremot) beside a stance;
- ``NEUTRAL``, ``ABSTAIN``, ``NO_ANSWER`` (a summary saying a body did not answer).
"""
from __future__ import annotations

import re

__all__ = [
    "ABSTAIN", "CONCERN", "CONTRAST", "COST", "COST_IF", "COURTESY", "GROUP", "MATERIAL", "MEETING_PARTY", "MOTION_SPEAKS",
    "NEG_STRONG", "NEG_WEAK", "NEG_WORD", "NEUTRAL", "NEUTRAL_BLANK", "NO_ANSWER", "ALL_BUT", "PARTLY", "PAST",
    "POS_STRONG", "POS_WEAK", "PROCEDURAL", "REPORTED", "TIME_REF", "rx", "any_of",
]


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in plain Swedish for folded (OCR-tolerant) text: every
    å/ä/ö also matches what OCR makes of it (``_OCR``), y also v."""
    out = pattern.replace("y", "[yv]")
    for letter, misread in _OCR.items():
        out = out.replace(letter, misread)
    return re.compile(out)


# what OCR and folding make of å/ä/ö (folded text: lower case, diacritics stripped): lost, or
# misread as a neighbouring glyph ("godkinner", "stéller", "ndmnd", "f6rslaget") - never any
# letter, so that "stöd" does not match "stad"
_OCR = {"å": "[aoeàd]?", "ä": "[aeidàé]?", "ö": "[oe06dó]?"}


def any_of(patterns: list[str]) -> re.Pattern[str]:
    return rx("|".join(f"(?:{p})" for p in patterns))


NEG_WORD = r"\b(?:inte|ej|icke|aldrig)\b"
_W = r"(?:[\w-]+\s+)"  # one word and its space
_PROPOSAL = (r"(?:förslag\w*|motion\w*|remiss\w*|inriktning\w*|policy\w*|program\w*|plan\w*|strategi\w*|"
             r"syfte\w*|ambition\w*|idé\w*|åtgärd\w*|utredning\w*|modell\w*|initiativ\w*|satsning\w*|"
             r"riktlinje\w*|handlingsplan\w*|alternativ\w*|ändring\w*|förändring\w*|arbete\w*|"
             r"betänkande\w*|promemoria\w*|projekt\w*|intention\w*|inriktning|tank\w*|uppdrag\w*)")
_GOOD = (r"(?:bra|gott|goda|god|angeläg\w*|välkomm\w*|värdefull\w*|viktig\w*|positiv\w*|rimlig\w*|lämplig\w*|"
         r"ändamålsenlig\w*|klok\w*|nödvändig\w*|relevant\w*|efterfrågad\w*|efterlängtad\w*|behövlig\w*|"
         r"motiverad\w*|glädjande|efterlängta\w*|utmärkt\w*|genomtänkt\w*|väl\s+avvägd\w*|konstruktiv\w*|användbar\w*|"
         r"ett\s+lyft|ett\s+bra\s+stöd)")
_BAD_EVAL = (r"(?:av\s+intresse|motiverat|motiverad|lämplig\w*|nödvändig\w*|rimlig\w*|ändamålsenlig\w*|förenlig\w*|"
             r"genomförbar\w*|realistisk\w*|försvarbar\w*|angeläg\w*|relevant\w*|meningsfull\w*|prioriter\w*|"
             r"kostnadseffektiv\w*|befogad\w*|behövlig\w*|aktuell\w*|lämpligt|en\s+uppgift\s+för)")

# ---- sentences that state no position of the answering body ------------------------------
PROCEDURAL = any_of([
    r"(?:överlämnar|godkänner|antar|översänder|lämnar|besvarar)\s+(?:[\w-]+\s+){0,3}"
    r"(?:tjänsteutlåtande\w*|förslag\w*(?:\s+till\s+(?:svar|yttrande|beslut))?|yttrande)"
    r"(?:\s+\w+){0,6}?\s+som\s+(?:svar|sitt\s+(?:svar|yttrande)|nämndens\s+(?:svar|yttrande)|yttrande)",
    r"(?:godkänner|antar|överlämnar)\s+(?:[\w-]+\s+){0,2}förvaltningens\s+förslag(?:\s+till\s+(?:svar|yttrande|beslut))?",
    r"(?:överlämnar|översänder)\s+(?:[\w-]+\s+){0,3}(?:tjänsteutlåtande\w*|ärendet|yttrandet|remissvaret|svaret)"
    r"(?:\s+till\s+(?:[\w-]+\s+){0,2}\w+)?(?:\s+för\s+(?:vidare\s+)?(?:beslut|handläggning|kännedom))?",
    r"som\s+svar\s+på\s+remissen",
    r"paragrafen\s+(?:förklaras\s+)?(?:omedelbart\s+)?juster\w*",
    r"för\s+(?:vidare\s+)?(?:beslut|handläggning|kännedom)\b",
])
REPORTED = any_of([
    r"\bbeslutade\b", r"\bhar\s+(?:[\w-]+\s+){0,3}beslutat\b", r"\b(?:till|av)styrkte\b",
    r"\bhar\s+(?:[\w-]+\s+){0,3}(?:avslagit|bifallit)\b", r"\bavslog\b", r"\bbiföll\b",
    r"\bställde\s+sig\b", r"\b(?:yttrade|framförde|anförde|ansåg|föreslog|yrkade|motsatte|välkomnade|förordade)\b",
])
# a past stance: with no asked body given, a named body's past stance is a report of it
PAST = any_of([
    r"\bhar\s+(?:[\w-]+\s+){0,3}(?:tillstyrkt|avstyrkt|ställt|beslutat|yttrat|motsatt|välkomnat|förordat|avslagit|"
    r"bifallit|instämt|avrått|godtagit|stött|svarat)\b",
])
# an earlier occasion: "2019", "tidigare", "den 12 mars", "ett liknande förslag"
TIME_REF = any_of([
    r"\b(?:19|20)\d\d\b", r"\btidigare\b", r"\bförra\s+(?:året|gången|mandatperioden)\b", r"\bi\s+fjol\b",
    r"\bden\s+\d{1,2}\s+\w+", r"\bliknande\b", r"\bdå\b", r"\bvid\s+(?:ett|en)\s+(?:tidigare|förra)\b",
    r"\bi\s+sitt\s+(?:tidigare\s+)?(?:yttrande|remissvar|beslut|svar)\b", r"\bsenast\b",
])
MOTION_SPEAKS = any_of([
    r"^(?:[\w-]+\s+){0,3}(?:motionär\w*|motionen|förslagsställar\w*|motionsställ\w*)\s+(?:[\w-]+\s+)?"
    r"(?:föreslår|anser|vill|yrkar|menar|önskar|lyfter|skriver|framför|pekar|tar\s+upp|efterfrågar|begär)\b",
    r"^i\s+(?:motionen|remissen|förslaget|promemorian|programmet|betänkandet|utredningen|\w*underlaget|"
    r"samrådshandling\w*|planförslaget|ansökan|rapporten)\s+(?:[\w-]+\s+){0,3}"
    r"(?:föreslås|föreslår|framförs|anförs|beskrivs|anges|pekas|framgår|redovisas)",
    r"^(?:motionen|remissen|förslaget|promemorian|programmet|betänkandet|utredningen|policyn|planen|"
    r"remissförslaget|planförslaget|strategin)\s+(?:[\w-]+\s+)?"
    r"(?:föreslår|innebär|syftar|beskriver|innehåller|anger|handlar|omfattar|redogör|bygger)\b",
])
MATERIAL = any_of([
    r"^(?:enligt|av)\s+(?:samrådsunderlaget|underlaget|remissen|remissunderlaget|motionen|förslaget|"
    r"planbeskrivningen|promemorian|rapporten|utredningen|betänkandet|ansökan)\b",
])
COST = any_of([r"kostnad", r"ekonomisk", r"budget", r"finansier", r"\bmedel\b", r"\bkronor\b", r"\bkr\b"])
COST_IF = any_of([
    r"\bom\s+(?:[\w-]+\s+){0,3}(?:motionen|förslaget|förslagen|remissen)\b",
    r"\bförslag(?:et)?\s+att\s+(?:bifalla|avslå|tillstyrka|avstyrka|genomföra)",
    r"\b(?:bifalls|avslås|tillstyrks|avstyrks|genomförs)\s+(?:motionen|förslaget)",
    r"\b(?:motionen|förslaget)\s+(?:bifalls|avslås|tillstyrks|avstyrks|genomförs)\b",
    r"\bett\s+(?:bifall|avslag|genomförande)\b", r"\bvid\s+(?:bifall|avslag|ett\s+genomförande)\b",
])
COURTESY = any_of([
    r"välkomnar\s+(?:[\w-]+\s+){0,2}(?:möjligheten|att\s+(?:frågan|ämnet|motionär\w*|man|det)\s+(?:[\w-]+\s+)?"
    r"(?:lyft|uppmärksamma|tas\s+upp|väck))",
    r"(?:positivt|bra)\s+att\s+(?:frågan|ämnet|motionär\w*)\s+(?:[\w-]+\s+)?(?:lyft|uppmärksamma|tas\s+upp|väck)\w*",
    r"tackar\s+för\s+(?:möjligheten|remissen|att)",
    r"positiv\w*\s+till\s+att\s+(?:ha\s+)?(?:fått|få)\s+(?:möjlighet|yttra)",
])

# ---- stances ----------------------------------------------------------------------------
ABSTAIN = any_of([
    r"avstår\s+(?:[\w-]+\s+){0,2}från\s+att\s+(?:[\w-]+\s+){0,2}(?:svara|besvara|yttra|lämna\s+(?:[\w-]+\s+){0,2}"
    r"(?:yttrande|svar|synpunkter|remissvar)|kommentera|avge)",
    r"avst\w*\s+(?:[\w-]+\s+){0,2}från\s+(?:yttrande|remissvar|svar|att\s+yttra)",
    r"avstår\s+(?:[\w-]+\s+){0,2}(?:att\s+)?(?:yttra\s+sig|svara|besvara)",
    r"(?:väljer|valt|valde)\s+att\s+(?:[\w-]+\s+){0,2}inte\s+(?:svara|besvara|yttra|lämna|avge)",
    r"(?:lämnar|avger)\s+(?:[\w-]+\s+){0,2}(?:inget|inte\s+något)\s+(?:yttrande|svar|remissvar)",
    r"besvarar\s+inte\s+remissen", r"\binte\s+(?:att\s+)?yttra[rs]?\s+sig\b", r"\byttrar\s+sig\s+inte\b",
    r"(?:lämnar|besvarar|lämna)\s+(?:[\w-]+\s+){0,3}utan\s+(?:yttrande|svar)",
    r"\binte\s+(?:att\s+)?(?:besvara|svara\s+på)\s+remissen", r"\bavböj\w*\s+(?:att\s+)?(?:yttra|svara|besvara)",
    r"(?:inga\s+synpunkter|inte\s+yttra\s+sig)\s+(?:[\w-]+\s+){0,6}(?:inte\s+berör|berör\s+inte)",
    r"(?:inte\s+berör|berör\s+inte)\s+(?:[\w-]+\s+){0,8}(?:inga\s+synpunkter|inte\s+yttra|avstår)",
    r"kommer\s+inte\s+att\s+(?:yttra|svara|besvara|lämna\s+(?:[\w-]+\s+)?(?:yttrande|svar))",
    r"\bavst(?:år|ått|å|od)\b", r"\binte\s+(?:\w+\s+)?(?:för\s+)?avsikt\s+att\s+(?:besvara|svara|yttra)",
    r"\bbesvaras\s+inte\b", r"\bobesvarad\w*", r"\blämnas\s+utan\s+(?:yttrande|svar)",
    r"\b(?:inget|något|ett)\s+(?:yttrande|svar|remissvar)\s+(?:\w+\s+)?(?:lämnas|avges|skrivs)",
    r"\b(?:skriver|lämnar|avger|ger)\s+(?:\w+\s+){0,2}(?:inget|inte\s+något|inte\s+ett)\s+(?:svar|yttrande|remissvar)",
    r"\bsvarar\s+inte\s+(?:\w+\s+)?på\s+remissen",
    r"\binte\s+(?:funnit|sett|har)\s+(?:\w+\s+){0,2}(?:anledning|skäl)\s+att\s+(?:yttra|svara|besvara|lämna)",
    r"\binte\s+(?:att\s+)?(?:lämna|avge)\s+(?:något|ett|några)?\s*(?:yttrande|svar|remissvar|synpunkter)",
    r"\b(?:väljer|valt|valde|beslutat|beslutar)\s+(?:[\w-]+\s+){0,2}att\s+(?:[\w-]+\s+){0,2}inte\s+"
    r"(?:svara|besvara|yttra|lämna|avge)",
    r"\binte\s+(?:\w+\s+){0,3}nödvändigt\s+att\s+yttra",
])
# a summary saying a body did not answer
NO_ANSWER = any_of([
    r"har\s+(?:inte|ej)\s+(?:[\w-]+\s+){0,2}(?:inkommit|kommit\s+in|svarat|besvarat|inlämnat|avgett)"
    r"(?:\s+med)?(?:\s+(?:något|någon|sitt|ett))?(?:\s+(?:svar|yttrande|remissvar|synpunkter))?",
    r"(?:svar|yttrande|remissvar)\s+(?:har\s+)?(?:inte|ej)\s+(?:[\w-]+\s+)?(?:inkommit|kommit\s+in|lämnats)",
    r"\b(?:inte|ej)\s+(?:har\s+)?(?:inkommit|svarat|besvarat)\b",
])
ALL_BUT = rx(r"\b(?:samtliga|alla|övriga)\s+(?:[\w-]+\s+)?(?:utom|förutom|med\s+undantag\s+(?:av|för))\s+")
NEUTRAL_BLANK = any_of([
    r"\b(?:saknas|inte|ingen|inga)\s+(?:[\w-]+\s+){0,2}(?:anledning|skäl)\s+att\s+(?:lämna|ha|framföra)\s+(?:några\s+)?"
    r"(?:synpunkter|invändningar|kommentarer)",
    # no-objection frames that contain a negative verb: blanked before the stance is read
    r"\b(?:inte|ingen|inga|inget|saknar)\s+(?:[\w-]+\s+){0,2}(?:skäl|anledning|grund)\s+(?:[\w-]+\s+){0,2}att\s+"
    r"(?:[\w-]+\s+){0,2}(?:avstyrka|motsätta|invända|erinra|ha\s+(?:några\s+)?synpunkter|ifrågasätta|avvisa|motsätt\w*)",
    r"\b(?:förordar|föredrar|rekommenderar)\s+(?:därför\s+)?(?:inte\s+)?(?:något|någon|inget|inte\s+något)\s+"
    r"(?:[\w-]+\s+){0,2}(?:av|alternativ\w*|förslag\w*)(?:\s+\w+){0,3}",
    r"(?:\btar\s+(?:[\w-]+\s+){0,3}inte\s+(?:[\w-]+\s+)?ställning\s+till|\binte\s+tar\s+ställning\s+till|avstår\s+(?:[\w-]+\s+){0,2}från\s+att\s+ta\s+"
    r"ställning(?:\s+till|\s+i))(?:\s+\w+){0,8}",
])
NEUTRAL = any_of([
    r"tar\s+(?:[\w-]+\s+){0,3}inte\s+(?:[\w-]+\s+){0,1}ställning", r"\binte\s+(?:att\s+)?ta\s+ställning",
    r"avstår\s+(?:[\w-]+\s+){0,2}från\s+att\s+ta\s+ställning", r"ingen\s+ställning",
    r"\bpolitisk\w*\s+(?:fråga|frågor|ställningstagande|bedömning|avvägning|prioritering|beslut|karaktär|natur)",
    r"(?:fråga|frågor|ställningstagande|bedömning|avvägning)\s+(?:[\w-]+\s+){0,2}(?:av\s+)?politisk\s+(?:karaktär|natur|art)",
    r"(?:\binget|\binte\s+(?:har\s+|haft\s+)?något|\bingenting)\s+(?:[\w-]+\s+)?att\s+(?:erinra|invända|tillägga|anmärka|anföra|kommentera|säga\s+emot)",
    r"\binga\s+(?:[\w-]+\s+){0,2}(?:synpunkter|invändningar|kommentarer|erinringar|anmärkningar)",
    r"\bingen\s+(?:[\w-]+\s+)?(?:invändning|erinran|synpunkt|uppfattning|åsikt|anmärkning)\b",
    r"\binte\s+(?:[\w-]+\s+)?(?:några|någon)\s+(?:[\w-]+\s+){0,1}(?:synpunkter|invändningar|invändning|erinran)",
    r"(?:lämnar|lämna)\s+(?:[\w-]+\s+){0,3}utan\s+(?:erinran|synpunkter|invändning|kommentar|åtgärd)",
    r"\bneutral\w*\s+(?:till|i\s+frågan)", r"\bfråga\s+för\s+(?:den\s+|de\s+)?(?:politi|förtroendevald)\w*",
    r"\böverlåter\s+(?:[\w-]+\s+){0,3}(?:bedömningen|frågan|ställningstagandet|avvägningen|beslutet)\s+(?:åt|till)",
    r"\b(?:skäl|anledning|grund)\s+att\s+(?:[\w-]+\s+){0,2}(?:avstyrka|motsätta|invända|erinra)",
    r"\bförordar\s+(?:[\w-]+\s+)?(?:inte\s+)?(?:något|någon|inget)\b",
    r"\binte\s+(?:[\w-]+\s+){0,2}(?:synpunkter|invändningar)\s+(?:mot|på)\b",
    r"\binvänder\s+inte\b", r"\bhar\s+inget\s+emot\b", r"\btycker\s+inte\s+till\b",
    r"\b(?:inga|inte\s+några)\s+(?:\w+\s+)?(?:åsikter|hinder|invändningar)\b", r"\bsaknar\s+(?:\w+\s+)?(?:invändning|synpunkt)\w*",
    r"\bsäga\s+emot\b", r"\bavgöras\s+politiskt\b", r"\bpolitikerna\s+som\s+(?:ska|bör)\s+(?:bestämma|avgöra|ta\s+ställning)",
    r"\bställningstagande\w*\s+(?:[\w-]+\s+){0,8}(?:ligger\s+utanför|inte\s+ingår\s+i|är\s+inte)",
    r"\butan\s+erinran\b",
])
PARTLY = any_of([
    r"\b(?:delar|instämmer\s+i)\s+(?:[\w-]+\s+){0,4}(?:intention|ambition|syfte|grundtank|målsättning|bakomliggande|avsikt|utgångspunkt|"
    r"viljan|tanken|engagemang)\w*",
    r"\bdelvis\b", r"\btill\s+(?:vissa|viss|en\s+viss|stor|del)\s+del(?:ar)?\b", r"\btill\s+vissa\s+delar\b",
    r"\bi\s+(?:de\s+)?delar\s+(?:där|som)\b", r"\bvissa\s+delar\s+av\b",
    r"\bdelar\s+av\s+(?:motionen|förslaget|förslagen|remissen)\s+(?:[\w-]+\s+){0,3}(?:tillstyrk|bifall|stöd)",
    r"(?:tillstyrk\w*|positiv\w*|bakom)\s+(?:[\w-]+\s+){0,3}(?:delar\s+av|vissa\s+delar|en\s+del\s+av)",
    r"(?:tillstyrk|positiv|bakom|instämm|delar|stöd|välkomn|godt|accepter)\w*\s+(?:[\w-]+\s+){0,3}(?:i\s+huvudsak|i\s+stora\s+drag|i\s+stort|i\s+princip)\b",
    r"\b(?:i\s+huvudsak|i\s+stora\s+drag|i\s+stort|i\s+princip)\s+(?:[\w-]+\s+){0,2}(?:tillstyrk|positiv|bakom|instämm|delar|stöd|välkomn)",
    r"\bmed\s+(?:vissa\s+|följande\s+|några\s+|de\s+|nedanstående\s+|ett\s+par\s+)?(?:förbehåll|reservationer|"
    r"invändningar|undantag|justeringar|ändringar|synpunkter|kommentarer|tillägg|påpekanden|medskick)",
    r"\bunder\s+(?:[\w-]+\s+)?förutsättning\w*\s+att\b", r"\bmed\s+(?:en\s+)?reservation\b", r"\bförutsätter\b",
    r"\bkan\s+(?:[\w-]+\s+)?(?:tillstyrka|stödja|ställa\s+sig\s+bakom|acceptera)\s+(?:[\w-]+\s+){0,6}(?:om|ifall)\s+"
    r"(?:[\w-]+\s+){0,4}(?:kompletteras|ändras|justeras|förtydligas|finansieras|säkerställs|utreds|tillförs)", r"\bförutsatt\s+att\b", r"\bpå\s+villkor\s+att\b",
    r"\bunder\s+(?:vissa\s+)?förutsättningar\b", r"\bmed\s+förbehåll\b", r"\bvillkorat?\b",
    r"\bbör\s+(?:[\w-]+\s+){0,3}(?:utredas|analyseras|prövas|övervägas|belysas|undersökas)\s+"
    r"(?:[\w-]+\s+)?(?:vidare|ytterligare|närmare|noggrann\w*|först)\b",
    r"\bbehöver\s+(?:[\w-]+\s+){0,3}(?:utredas|analyseras)\s+(?:vidare|ytterligare|närmare)\b",
    r"\bmed\s+undantag\s+(?:för|av)\b",
    r"\b(?:motionen|förslaget|remissen)\s+(?:[\w-]+\s+){0,3}(?:anses|är|vara|förklaras)\s+besvarad",
    r"\banse\w*\s+(?:[\w-]+\s+){0,2}(?:motionen|förslaget)\s+(?:[\w-]+\s+)?besvarad",
])
POS_STRONG = any_of([
    r"\btillstyrk\w*", r"\btill\s?styrker\b", r"ställ\w*\s+sig\s+(?:[\w-]+\s+){0,4}bakom", r"\bstår\s+(?:[\w-]+\s+){0,2}bakom",
    r"\binstämm\w*", r"\bförord\w*", r"\bbiträd\w*\s+(?:[\w-]+\s+){0,2}" + _PROPOSAL,
    r"\bansluter\s+sig\s+till\s+(?:[\w-]+\s+){0,2}" + _PROPOSAL,
    r"\bbör\s+(?:[\w-]+\s+){0,3}(?:genomföras|bifallas|införas|antas|realiseras|tillstyrkas|förverkligas|fastställas|"
    r"godkännas|beslutas|prioriteras|permanentas|gå\s+vidare)", r"\bbör\s+(?:[\w-]+\s+){0,2}(?:bli|göras)\s+permanent\w*",
    r"\b(?:bifalla|bifalls|bifaller|bifall\s+till)\b", r"\bstöd\w*\s+(?:[\w-]+\s+){0,3}" + _PROPOSAL,
    r"\bställ\w*\s+sig\s+(?:[\w-]+\s+){0,2}positiv", r"\b(?:godt\w+|accepter\w+)\s+(?:[\w-]+\s+){0,2}(?:förslag|motion)",
    r"\bger\s+(?:[\w-]+\s+){0,2}stöd\s+(?:till|åt|för)\b",
])
POS_WEAK = any_of([
    r"\bdelar\s+(?:[\w-]+\s+){0,3}(?:uppfattning\w*|bedömning\w*|synpunkt\w*|analys\w*|syn|synen|slutsats\w*|ståndpunkt\w*|"
    r"beskrivning\w*|problembild\w*|oro)\b", r"\b(?:är|står)\s+(?:[\w-]+\s+)?enig\w*\s+med\b",
    r"\bsvarar\s+(?:väl|bra|mycket\s+väl)\s+mot\b", r"\bmotsvarar\s+(?:väl\s+)?(?:\w+\s+){0,2}behov",
    r"\b(?:är|vara|är\s+\w+|blir)\s+(?:[\w-]+\s+){0,2}positiv\w*\s*(?:till|i\s+sak|inställd)?",
    r"\bser\s+(?:[\w-]+\s+){0,3}positivt\s+på", r"\bpositivt\s+inställd", r"\bpositiv\w*\s+till\b", r"\bvälkomn\w*",
    r"\bser\s+(?:[\w-]+\s+){0,2}(?:fördelar|stora\s+möjligheter|möjligheter|värde|ett\s+värde|stort\s+värde)",
    r"\b(?:bra|gott|värdefullt|angeläget|intressant|välkommet)\s+(?:[\w-]+\s+){0,1}(?:förslag|initiativ)",
    r"\b(?:förslaget|motionen|initiativet|programmet|planen|strategin|policyn|inriktningen|satsningen|"
    r"åtgärden|åtgärderna|modellen|ändringen|förändringen|arbetet|idén|utredningen|riktlinjerna)\s+"
    r"(?:[\w-]+\s+){0,3}(?:är|vore|blir|utgör|innebär|bedöms\s+vara|kan\s+bli)\s+(?:[\w-]+\s+){0,2}" + _GOOD,
    r"\bstöd(?:er|jer)\b", r"\b(?:är|vore)\s+(?:[\w-]+\s+)?positivt\s+att\b", r"\b(?:är|vore)\s+(?:mycket\s+)?bra\s+att\b",
    r"\bser\s+(?!det\s+som\b)(?:[\w-]+\s+){0,4}som\s+(?:ett\s+|en\s+)?(?:mycket\s+|särskilt\s+)?" + _GOOD,
    r"\b(?:är|utgör|blir)\s+(?:ett\s+|en\s+)?(?:mycket\s+|särskilt\s+)?(?:bra|gott|viktigt|värdefullt|välkommet|"
    r"angeläget|positivt|användbart)\s+(?:verktyg|underlag|styrdokument|förslag|initiativ|stöd|komplement|"
    r"tillskott|steg|bidrag|instrument|redskap)",
    r"\b(?:i\s+linje\s+med|ligger\s+(?:[\w-]+\s+)?i\s+linje|går\s+i\s+linje|stämmer\s+(?:[\w-]+\s+)?överens\s+med|"
    r"överensstämmer\s+(?:[\w-]+\s+)?med|harmonierar\s+(?:[\w-]+\s+)?med)",
    r"\b(?:värdefullt|viktigt|välkommet|bra)\s+(?:tillskott|bidrag|komplement|steg)",
    r"\bsteg\s+i\s+rätt\s+riktning", r"\buppskattar\b", r"\bser\s+fram\s+emot\b",
    r"\bbidra\w*\s+(?:[\w-]+\s+){0,2}(?:positivt|till\s+(?:en\s+|ett\s+)?(?:bättre|ökad|ökat|stärkt|förbättr\w*|"
    r"minskad|mer|högre|tryggare|säkrare))",
    r"\b(?:en|ett)\s+(?:bra|god|klok)\s+(?:idé|tanke|ambition)", r"\btycker\s+(?:[\w-]+\s+){0,2}att\s+(?:det\s+)?är\s+bra",
    r"\bdet\s+är\s+(?:[\w-]+\s+)?(?:viktigt|angeläget|bra|positivt|glädjande|nödvändigt|välkommet)\s+att\s+"
    r"(?:[\w-]+\s+){0,6}?(?:kommer\s+till\s+stånd|genomförs|fortsätter|påbörjas|införs|tas\s+fram|utvecklas|"
    r"prioriteras|lyfts|förverkligas|blir\s+av|kommer\s+igång|realiseras|drivs\s+vidare|förstärks|stärks)",
    r"\bdet\s+är\s+(?:[\w-]+\s+)?(?:viktigt|angeläget|bra|positivt|glädjande|nödvändigt|välkommet)\s+att\s+"
    r"(?:förslaget|motionen|arbetet|satsningen|initiativet|programmet|planen|strategin|frågan)\b",
    r"\binnebär\s+(?:[\w-]+\s+){0,2}(?:en\s+)?(?:förbättring|förstärkning|möjlighet|lyft)",
    r"\b(?:väl\s+genomarbetat|väl\s+avvägd\w*|väl\s+underbyggt|genomarbetat)\b",
    r"\b(?:kommer\s+att|skulle|kan|bedöms)\s+(?:[\w-]+\s+)?(?:förbättra|underlätta|stärka|öka\s+tillgänglighet\w*|gynna)",
    r"\bleda\s+till\s+(?:[\w-]+\s+){0,2}(?:förbättring\w*|positiva)", r"\b(?:är|vore|blir)\s+(?:ett\s+)?(?:lyft|tillskott|framsteg)\b",
    r"\b(?:är|vore)\s+(?:det\s+)?(?:[\w-]+\s+){0,2}(?:av\s+(?:stor|största|central)\s+vikt|rimligt|angeläget|motiverat|"
    r"nödvändigt|ändamålsenligt|lämpligt)\s+att\b",
    r"\b(?:anser|bedömer|menar|tycker|konstaterar)\s+(?:[\w-]+\s+)?att\s+(?:[\w-]+\s+){1,10}?(?:är|vore|blir)\s+"
    r"(?:[\w-]+\s+){0,2}" + _GOOD,
    r"\b(?:finns|föreligger)\s+(?:det\s+)?(?:goda|starka|tungt\s+vägande|många)\s+skäl\s+(?:att|för)",
    r"\bhåller\s+(?:[\w-]+\s+)?med\b", r"\böppen\s+för\b", r"\bmest\s+ändamålsenlig\w*",
])
NEG_STRONG = any_of([
    r"\bavstyrk\w*", r"\bav\s?styrker\b", r"\bavslås\b", r"\bavslå\b", r"\bavslag\b", r"\bavvisa\w*",
    r"\bmotsätt\w*\s+sig", r"\bavråd\w*", r"\bställ\w*\s+sig\s+(?:[\w-]+\s+){0,2}(?:negativ|avvisande|emot)\w*",
    r"\bsäger\s+nej\s+till\b", r"\bbör\s+inte\s+(?:[\w-]+\s+){0,3}(?:genomföras|införas|antas|bifallas|realiseras|gå\s+vidare)",
    r"\binte\s+bör\s+(?:[\w-]+\s+){0,3}(?:genomföras|införas|antas|bifallas|realiseras|gå\s+vidare)",
])
NEG_WEAK = any_of([
    r"\b(?:är|vara|ställer\s+sig)\s+(?:[\w-]+\s+){0,2}negativ\w*", r"\bser\s+(?:[\w-]+\s+){0,2}negativt\s+på",
    r"\binte\s+(?:[\w-]+\s+){0,2}(?:är|vara|vore|bedöms\s+vara|blir)\s+(?:[\w-]+\s+)?" + _BAD_EVAL,
    r"\b(?:är|vara|vore|bedöms)\s+(?:[\w-]+\s+){0,2}inte\s+(?:[\w-]+\s+)?" + _BAD_EVAL,
    r"\b(?:inte|inget|ingen|inga)\s+(?:[\w-]+\s+){0,2}(?:finns|föreligger)\s+(?:[\w-]+\s+){0,2}(?:skäl|anledning|behov)",
    r"\b(?:finns|föreligger)\s+(?:[\w-]+\s+){0,3}(?:inte|inga|inget|ingen)\s+(?:[\w-]+\s+){0,2}(?:skäl|anledning|behov)",
    r"\bsaknas\s+(?:[\w-]+\s+){0,2}(?:skäl|behov|anledning|motiv|grund)\b",
    r"\bser\s+(?:[\w-]+\s+){0,2}(?:inte|inget|inga|ingen)\s+(?:[\w-]+\s+){0,2}(?:behov|anledning|skäl|mervärde|nytta|"
    r"vinst|fördel|vits|poäng)",
    r"\bser\s+inte\s+(?:[\w-]+\s+){0,2}(?:behovet|nyttan|vinsten|mervärdet|fördelen)",
    r"\binte\s+(?:[\w-]+\s+){0,3}(?:stadens|kommunens|nämndens|stadsdelsnämndens|förvaltningens|stadsdelsnämndernas)\s+"
    r"(?:[\w-]+\s+)?(?:uppgift|uppdrag|ansvar|roll)\b",
    r"\binte\s+(?:är|vara)\s+(?:[\w-]+\s+){0,2}stad\w*\s+(?:uppgift|uppdrag)",
    r"\bkan\s+inte\s+(?:[\w-]+\s+){0,2}(?:tillstyrka|ställa\s+sig\s+bakom|stödja|rekommendera)",
    r"\b(?:anser|bedömer|menar|tycker|tror|finner|ser)\s+(?:[\w-]+\s+)?inte\s+att\s+(?:[^\s,;]+\s+){0,10}?"
    r"(?:är|vore|blir|skulle\s+vara|skulle\s+bli)\s+(?:av\s+)?(?:[\w-]+\s+)?" + _BAD_EVAL,
    r"\b(?:anser|bedömer|menar|finner|tror)\s+(?:[\w-]+\s+)?inte\s+att\s+(?:[^\s,;]+\s+){0,8}?"
    r"(?:ska|bör|behöver|borde|behövs|skulle)\b",
    r"\b(?:ser|bedömer|anser|tror|menar|finner)\s+(?:[\w-]+\s+)?inte\s+att\s+(?:[^\s,;]+\s+){0,8}?(?:skulle\s+|kan\s+|kommer\s+att\s+)?"
    r"(?:tillföra|bidra|behövas|förbättra|underlätta|lösa|öka|minska|leda|effektivisera|stärka|gynna|"
    r"göra\s+skillnad|ge\s+(?:[\w-]+\s+)?(?:effekt|resultat|nytta))",
    r"\butan\s+(?:att\s+)?(?:[\w-]+\s+){0,2}(?:mervärde|nytta)\b", r"\b(?:tveksam|kritisk)\w*\s+till\b",
    r"\b(?:befintliga|nuvarande|dagens|gällande)\s+(?:[\w-]+\s+){0,3}(?:är|bedöms\s+vara|räcker)\s+(?:[\w-]+\s+)?"
    r"(?:tillräcklig\w*|ändamålsenlig\w*)",
    r"\bolämplig\w*", r"\b(?:för|mot)\s+(?:[\w-]+\s+){0,1}avslag\b", r"\bredan\s+(?:[\w-]+\s+)?(?:finns|pågår|görs|sker|"
    r"tillgodoses|hanteras|arbetar|täcks|regleras|ger)",
    r"\bskulle\s+(?:[\w-]+\s+){0,3}(?:försvåra|försämra|motverka|undergräva|urholka)",
    r"\b(?:orealistisk|onödig|kontraproduktiv|ogenomförbar)\w*", r"\binte\s+(?:[\w-]+\s+)?(?:motiverad|befogad)\w*",
    r"\binte\s+(?:[\w-]+\s+)?tillför\w*", r"\binget\s+(?:[\w-]+\s+)?(?:mervärde|behov)\b",
    r"\bstrider\s+(?:[\w-]+\s+)?mot\b", r"\bgår\s+emot\b", r"\b(?:fel|felaktig)\s+väg\b", r"\binte\s+(?:rätt|rätta)\s+väg",
    r"\bsvårt\s+att\s+se\s+(?:hur|att|nyttan|behovet|vad|varför)", r"\b(?:ingen|inte\s+någon|saknas)\s+(?:[\w-]+\s+)?grund\s+för",
    r"\b(?:blir|bli|skulle\s+bli)\s+(?:[\w-]+\s+){0,2}sämre\b",
    r"\bge\s+(?:något|någon|några)\s+(?:[\w-]+\s+)?(?:utöver|mervärde|nytta|effekt)",
    r"\btycker\s+(?:[\w-]+\s+)?inte\s+att\s+(?:[^\s,;]+\s+){0,8}?(?:ska|bör|behöver|borde)\b",
])
CONCERN = any_of([
    r"\bsaknas\b", r"\bsaknar\b", r"\bbrist\w*", r"\botydlig\w*", r"\boklar\w*", r"\b(?:allt)?för\s+(?:snäv|kort|lång|ambitiös|"
    r"hög|låg|generell|vag|omfattande|optimistisk|snabb|stor|liten|snävt|kort|långt|begränsad)\w*",
    r"\brisk\w*", r"\bfarhåg\w*", r"\boro\b", r"\boroar\b", r"\borolig\w*", r"\bbekymr\w*", r"\bproblematisk\w*",
    r"\bsvår\w*", r"\btveksam\w*", r"\bifrågasätt\w*", r"\binvänd\w*", r"\bsynpunkter\s+på\b", r"\bhade\s+(?:[\w-]+\s+)?önskat",
    r"\bönska\w*", r"\bvill\s+(?:[\w-]+\s+){0,2}(?:påpeka|understryka|betona|framhålla|lyfta|poängtera)",
    r"\b(?:behöver|bör|måste|borde)\s+(?:[\w-]+\s+){0,3}(?:förtydligas|utvecklas|kompletteras|ses\s+över|analyseras|"
    r"konkretiseras|utredas|beaktas|säkerställas|tydliggöras|förankras|finansieras|justeras|ändras|omarbetas|"
    r"preciseras|förlängas|förstärkas|belysas|tas\s+hänsyn)",
    r"\binte\s+(?:[\w-]+\s+)?(?:tillräckligt|tillräckliga|tydligt|beaktat|beaktats|tydliggjort|belyst|belysts)",
    r"\bmer\s+(?:[\w-]+\s+)?(?:tid|resurser|utredning)\b", r"\bkostnad\w*\s+(?:[\w-]+\s+){0,3}(?:oklar|inte|saknas)",
    r"\b(?:bör|behöver|måste|borde)\b(?!\s+(?:inte|ej)\b)", r"\befterfråga\w*", r"\bvill\s+(?:\w+\s+)?(?:först|se|ha|avvakta|att)\b", r"\b(?:betona|understryk|framhåll|påpeka|poängter)\w*",
    r"\bvikten\s+av\b", r"\b(?:viktigt|angeläget|av\s+vikt)\s+att\b", r"\bendast\b", r"\butvärder\w*", r"\bavvakta\w*",
    r"\btydligare\b", r"\bi\s+övrigt\b", r"\bförutsätter\b", r"\bfår\s+inte\b",
])
CONTRAST = any_of([
    r"\bmen\b", r"\bdock\b", r"\bdäremot\b", r"\bsamtidigt\b", r"\bemellertid\b", r"\bäven\s+om\b",
    r"\btrots\s+att\b", r"\bå\s+andra\s+sidan\b", r"\bdessvärre\b", r"\btyvärr\b", r"\bförvisso\b",
])
# a party's reservation or a member's motion in the meeting: not the body's position
MEETING_PARTY = any_of([
    r"^(?:reservation|särskilt\s+uttalande|protokollsanteckning|ersättaryttrande)\w*\b", r"\breserv\w+\s+sig\b",
    r"\breservation\s+(?:anför|lämna)\w*", r"\byrka\w*\s+(?:[\w-]+\s+){0,2}(?:bifall|avslag|återremiss|bordläggning)",
    r"\b(?:ordförande\w*|ledamot\w*|ledamöter\w*)\s+(?:[\w-]+\s+){0,3}(?:yrka\w*|föreslog|ville|anförde)",
])
# groups of bodies named without names: never a body of their own in the results
GROUP = any_of([
    r"\b(?:övriga|samtliga|alla|flera|flertalet|de\s+flesta|många|några|merparten\s+av)\s+(?:[\w-]+\s+)?"
    r"(?:remissinstanser\w*|instanser\w*|nämnder\w*|stadsdelsnämnder\w*|remissinstanserna)",
    r"\bremissinstanserna\b", r"\b(?:övriga|samtliga)\s+(?:som|instanser)\b", r"^\s*(?:övriga|samtliga)\b",
])
