"""docker-compose.yml is valid Compose (the JSON schema `docker compose config` checks
against, copied from compose-spec/compose-go v2.9.1, Apache-2.0) and describes the
production set-up."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_compose_file_validates_and_has_the_services():
    schema = json.loads((ROOT / "tests/fixtures/compose-spec.json").read_text())
    doc = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    jsonschema.validate(doc, schema)
    services = doc["services"]
    assert {"elasticsearch", "redis", "web", "worker", "scheduler"} <= set(services)
    es = services["elasticsearch"]
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:9.")
    assert any("hunspell/sv_SE" in v for v in es["volumes"])
