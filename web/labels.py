"""Plain Swedish for the codes the crawler and the pipeline record (the /status page shows the
words, the code stays in the data for whoever debugs)."""
from __future__ import annotations

FAILURE_LABELS: dict[str, str] = {
    "markup_drift": "Sidan har ändrat utseende: inga sammanträden eller ärenden kunde läsas",
    "not_discovered": "Nämndens sida hittades inte på plattformen",
    "api_format": "Plattformens svar hade ett oväntat format",
    "bad_zip": "Den hämtade zip-filen gick inte att öppna",
    "host_not_allowed": "Länken pekar till en webbplats utanför de tillåtna källorna",
    "unsafe_url": "Länken är inte säker att hämta",
    "redirect_loop": "Sidan skickar vidare i en slinga",
    "content_mismatch": "Filen var inte det som sidan utlovade",
    "truncated_pdf": "PDF-filen är avbruten (ofullständig)",
    "not_a_pdf": "Filen är ingen PDF",
    "too_large": "Filen är för stor",
    "over_budget": "Dokumentet tog för lång tid att läsa",
    "robots_unavailable": "Webbplatsens robots.txt gick inte att läsa",
    "robots_disallowed": "Webbplatsen tillåter inte hämtning av sidan (robots.txt)",
    "not_found": "Sidan eller filen finns inte (längre)",
    "http_status": "Webbplatsen svarade med ett fel",
    "fetch_failed": "Hämtningen misslyckades",
    "extract_failed": "Texten gick inte att ta ut ur filen",
    "parse_failed": "Dokumentet gick inte att läsa",
    "ocr_unavailable": "Textigenkänning (OCR) saknas på servern",
    "max_retries": "Gav upp efter upprepade försök",
    "protocols_unpublished": "Protokollen är inte publicerade",
    "remiss_without_documents": "Remissärendet har inga dokument",
    "remiss_without_remittent": "Remissärendet saknar remitterande instans",
}


def failure_label(code: str | None) -> str:
    """'markup_drift' -> 'Sidan har ändrat utseende: …'; an unknown code reads as words."""
    if not code:
        return "Okänt fel"
    return FAILURE_LABELS.get(code, "Fel: " + code.replace("_", " "))

ACTOR_LABELS: dict[str, str] = {
    "crawl_council": "Genomsökning av en nämnd",
    "crawl_all": "Genomsökning av alla källor",
    "parse_document": "Läsning av ett dokument",
    "index_document": "Indexering av ett dokument",
    "process_document": "Läsning och indexering av ett dokument",
    "reindex": "Omindexering",
    "relink": "Koppling av svar till remisser",
    "correct_remiss": "Rättning av en remiss (sammanslagning eller uppdelning)",
}


def actor_label(name: str | None) -> str:
    """A background task's name in Swedish ('parse_document' -> 'Läsning av ett dokument')."""
    return ACTOR_LABELS.get(name or "", name or "Okänd uppgift")
