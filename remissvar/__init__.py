"""Remissvar: shared core (settings, typed records, embedding model, CLI)."""
