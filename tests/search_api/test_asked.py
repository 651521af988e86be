"""The per-remiss list of bodies asked and their states (issue 26), from answers and summaries:
pure, over index-shaped answers and read summaries."""
from __future__ import annotations

from remissvar.summary_store import SummaryBody, SummaryDoc
from search_api.asked import STATE_LABELS, who_was_asked

UTL = SummaryDoc(
    url="https://edokmeetings.stockholm.se/committees/kommunstyrelsen/mote-2020-03-11/agenda/utlatande", sha256="x",
    council="kommunstyrelsen", published_by="Kommunstyrelsen", meeting_date="2020-03-11", label="Utlåtande 2020:45 RI",
    asked=["idrottsnämnden", "trafiknämnden", "Farsta stadsdelsnämnd", "Älvsjö stadsdelsnämnd",
           "Hägersten-Liljeholmens stadsdelsnämnd", "AB Svenska Bostäder"],
    bodies=[SummaryBody("Idrottsnämnden", "svar", "tillstyrker", "Idrottsnämnden tillstyrker programmet."),
            SummaryBody("Farsta stadsdelsnämnd", "ej_svar", None, "Samtliga utom Farsta stadsdelsnämnd har svarat."),
            SummaryBody("Idrottsförvaltningen", "svar", None, "Samtliga utom Farsta stadsdelsnämnd har svarat.")],
)


def test_every_state_with_its_evidence():
    answers = [{"council": "alvsjo", "council_keys": ["alvsjo", "hagersten-alvsjo"],
                "also_sent_to": ["Trafiknämnden"]}]
    asked = {a["name"]: a for a in who_was_asked(answers, [UTL])}
    assert set(asked) == {"Idrottsnämnden", "Trafiknämnden", "Farsta stadsdelsnämnd", "Älvsjö stadsdelsnämnd",
                          "Hägersten–Liljeholmens stadsdelsnämnd", "AB Svenska Bostäder"}
    assert asked["Älvsjö stadsdelsnämnd"]["state"] == "svar" and asked["Älvsjö stadsdelsnämnd"]["answered"]
    # a nämnd and its förvaltning are one body; the stated position wins over "has answered"
    idrott = asked["Idrottsnämnden"]
    assert (idrott["state"], idrott["position"], idrott["summary"]["label"]) == (
        "sammanstallning", "tillstyrker", "Utlåtande 2020:45 RI")
    assert idrott["state_label"] == STATE_LABELS["sammanstallning"]
    farsta = asked["Farsta stadsdelsnämnd"]
    assert (farsta["state"], farsta["evidence"]) == ("ej_svar", "Samtliga utom Farsta stadsdelsnämnd har svarat.")
    # asked, nothing more known; Hägersten-Liljeholmen is its own body in 2020, not Älvsjö's successor's
    assert asked["Trafiknämnden"]["state"] == "okand"
    assert asked["Trafiknämnden"]["sources"] == ["Älvsjö stadsdelsnämnd", "Utlåtande 2020:45 RI (Kommunstyrelsen)"]
    assert asked["Hägersten–Liljeholmens stadsdelsnämnd"]["state"] == "okand"
    assert asked["AB Svenska Bostäder"]["council"] is None


def test_without_summaries_the_answers_lists_stand_alone():
    answers = [{"council": "sodermalm", "also_sent_to": ["stadsledningskontoret", "Farsta stadsdelsnämnd"]}]
    asked = who_was_asked(answers)
    assert [(a["name"], a["state"], a["answered"]) for a in asked] == [
        ("Farsta stadsdelsnämnd", "okand", False), ("Södermalms stadsdelsnämnd", "svar", True),
        ("Stadsledningskontoret", "okand", False)]
    assert who_was_asked([{"council": "sodermalm", "also_sent_to": []}]) == []  # sändlista okänd
