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


def test_cluster_profile_has_three_nodes_that_find_each_other():
    doc = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = doc["services"]
    nodes = {name: svc for name, svc in services.items() if "cluster" in svc.get("profiles", [])}
    assert set(nodes) == {"es-1", "es-2", "es-3"}
    for name, svc in nodes.items():
        env = svc["environment"]
        assert env["node.name"] == name and env["cluster.name"] == "remissvar"
        assert env["cluster.initial_master_nodes"].split(",") == ["es-1", "es-2", "es-3"]
        assert env["discovery.seed_hosts"].split(",") == ["es-1", "es-2", "es-3"]
        assert any("hunspell/sv_SE" in v for v in svc["volumes"])
        assert len({v for v in svc["volumes"] if v.endswith("/data")}) == 1
    data_volumes = [v.split(":")[0] for s in nodes.values() for v in s["volumes"] if v.endswith("/data")]
    assert len(set(data_volumes)) == 3  # one data volume per node
    # the single node is the default profile; the apps may depend on either
    assert services["elasticsearch"]["profiles"] == ["single"]
    env_file = (ROOT / ".env").read_text()
    assert "COMPOSE_PROFILES=single" in env_file
    for app in ("web", "worker", "scheduler"):
        deps = services[app]["depends_on"]
        assert deps["elasticsearch"]["required"] is False and deps["es-1"]["required"] is False


def test_a_comma_separated_es_url_names_every_node():
    from remissvar.settings import Settings
    from search_api.index import es_client

    es = es_client(Settings(es_url="http://es-1:9200, http://es-2:9200,http://es-3:9200"))
    hosts = sorted(n.config.host for n in es.transport.node_pool.all())
    assert hosts == ["es-1", "es-2", "es-3"]
