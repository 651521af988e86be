"""The command line: the one module that may import every layer (core, search_api, ingest, web)."""
