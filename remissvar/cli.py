"""The `remissvar` command line."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import typer
from tqdm import tqdm

app = typer.Typer(help="Remissvar: sök i stadsdelsnämndernas remissvar.", no_args_is_help=True)


def _logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("elastic_transport", "urllib3", "sentence_transformers", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@app.command("load-samples")
def load_samples(verbose: bool = False) -> None:
    """Index the sample corpus (directly, without the queue)."""
    _logging(verbose)
    from ingest.indexing import index_yttrande
    from ingest.parse import parse_file
    from ingest.sample import sample_documents
    from remissvar.embedding import get_embedder
    from remissvar.settings import get_settings
    from search_api.index import es_client

    s = get_settings()
    es, emb = es_client(s), get_embedder(s)
    docs = sample_documents()
    total = 0
    for d in tqdm(docs, desc="Indexerar exempeldokument", unit="dok"):
        y = parse_file(d.path, source_url=d.source_url, doc_id=d.doc_id, text_is_ocr=d.text_is_ocr)
        total += index_yttrande(y, es, s, emb, refresh=True)
    typer.echo(f"Klart: {len(docs)} dokument, {total} passager.")


@app.command("parse")
def parse(file: Path, ocr: str = typer.Option("auto", help="auto|always|never")) -> None:
    """Print the structured record of one document (PDF or text) as JSON."""
    from ingest.extract import ExtractError
    from ingest.parse import parse_file

    try:
        y = parse_file(file, ocr=ocr)
    except ExtractError as e:
        typer.echo(json.dumps({"error": e.reason, "message": str(e)}, ensure_ascii=False), err=True)
        raise typer.Exit(2)
    typer.echo(json.dumps(y.model_dump(mode="json", exclude={"pages"}), ensure_ascii=False, indent=2))


@app.command("serve")
def serve() -> None:
    """Serve the web UI and the API (Flask, threaded)."""
    from web.app import main

    main()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
