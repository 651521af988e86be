"""The parse stage: a stored document in, a structured yttrande out.

The door from the crawl stage is ``ingest.parse.from_crawl`` (stored raw documents with their
provenance -> ``DocumentTask`` -> ``Yttrande``); ``document.parse_file`` is the parse itself,
``budget`` runs it in a bounded child process, ``store`` keeps its output for the index stage.
Reading a page's text: ``extract`` (text layer, OCR) and ``ocr_repair``; its structure:
``structure`` with ``kinds``, ``header_block``, ``sections``, ``protocol``;
boilerplate and substance: ``segment``.
"""
