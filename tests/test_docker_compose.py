"""docker-compose.yml is valid Compose (the JSON schema `docker compose config` checks
against, copied from compose-spec/compose-go v2.9.1, Apache-2.0) and describes the
production set-up: the project's Elasticsearch image, security on with passwords from the
environment, TLS in the cluster profile, and an app client configured for both. Checked
statically: images cannot be pulled or built here."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import certifi
import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = re.compile(r"^\$\{ELASTIC_PASSWORD:\?[^}]+\}$")  # from the environment, no default


def _compose() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return doc


def test_compose_file_validates_and_has_the_services():
    schema = json.loads((ROOT / "tests/fixtures/compose-spec.json").read_text())
    doc = _compose()
    jsonschema.validate(doc, schema)
    services = doc["services"]
    assert {"elasticsearch", "redis", "web", "worker", "scheduler"} <= set(services)


def test_elasticsearch_is_the_projects_image_with_plugin_and_dictionary():
    """Every node runs the image built from docker/elasticsearch.Dockerfile (official image +
    the analysis plugin + hunspell sv_SE); nothing is mounted from the host's /usr/share."""
    services = _compose()["services"]
    dockerfile = (ROOT / "docker/elasticsearch.Dockerfile").read_text()
    assert "FROM docker.elastic.co/elasticsearch/elasticsearch:9.2.4" in dockerfile
    assert "plugins/analysis-sv" in dockerfile and "build.sh" in dockerfile
    assert "elasticsearch-plugin install --batch" in dockerfile
    assert "config/hunspell/sv_SE" in dockerfile
    for name in ("elasticsearch", "es-1", "es-2", "es-3", "es-certs"):
        svc = services[name]
        assert svc["build"]["dockerfile"] == "docker/elasticsearch.Dockerfile"
        assert svc["image"] == "remissvar-elasticsearch:9.2.4"
        assert not any("/usr/share/hunspell" in v for v in svc.get("volumes", []))


def test_security_is_on_with_the_password_from_the_environment():
    doc = _compose()
    services = doc["services"]
    for name in ("elasticsearch", "es-1", "es-2", "es-3"):
        env = services[name]["environment"]
        assert env["xpack.security.enabled"] == "true"
        assert REQUIRED.match(env["ELASTIC_PASSWORD"])
        assert "ELASTIC_PASSWORD" in " ".join(services[name]["healthcheck"]["test"])
    for app in ("web", "worker", "scheduler"):
        env = services[app]["environment"]
        assert env["REMISSVAR_ES_USERNAME"] == "elastic"
        assert REQUIRED.match(env["REMISSVAR_ES_PASSWORD"])
    # no password in any tracked file; the example has placeholders only
    assert "PASSWORD" not in (ROOT / ".env").read_text()
    example = (ROOT / ".env.example").read_text()
    values = dict(line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#"))
    assert values["ELASTIC_PASSWORD"].startswith("<") and values["ELASTIC_PASSWORD"].endswith(">")


def test_cluster_profile_has_three_nodes_that_find_each_other_over_tls():
    doc = _compose()
    services = doc["services"]
    nodes = {name: svc for name, svc in services.items() if "cluster" in svc.get("profiles", [])
             and name != "es-certs"}
    assert set(nodes) == {"es-1", "es-2", "es-3"}
    certs = services["es-certs"]
    script = "\n".join(certs["command"])
    assert "elasticsearch-certutil ca" in script and "elasticsearch-certutil cert" in script
    assert "for n in es-1 es-2 es-3" in script
    for name, svc in nodes.items():
        env = svc["environment"]
        assert env["node.name"] == name and env["cluster.name"] == "remissvar"
        assert env["cluster.initial_master_nodes"].split(",") == ["es-1", "es-2", "es-3"]
        assert env["discovery.seed_hosts"].split(",") == ["es-1", "es-2", "es-3"]
        assert env["xpack.security.transport.ssl.enabled"] == "true"
        assert env["xpack.security.transport.ssl.verification_mode"] in ("certificate", "full")
        assert env["xpack.security.transport.ssl.certificate"] == f"certs/{name}/{name}.crt"
        assert env["xpack.security.transport.ssl.key"] == f"certs/{name}/{name}.key"
        assert env["xpack.security.transport.ssl.certificate_authorities"] == "certs/ca/ca.crt"
        assert env["xpack.security.http.ssl.enabled"] == "true"
        assert svc["depends_on"]["es-certs"]["condition"] == "service_completed_successfully"
        assert "es-certs:/usr/share/elasticsearch/config/certs:ro" in svc["volumes"]
        assert len({v for v in svc["volumes"] if v.endswith("/data")}) == 1
    data_volumes = [v.split(":")[0] for s in nodes.values() for v in s["volumes"] if v.endswith("/data")]
    assert len(set(data_volumes)) == 3  # one data volume per node
    # the single node is the default profile; the apps may depend on either
    assert services["elasticsearch"]["profiles"] == ["single"]
    assert "COMPOSE_PROFILES=single" in (ROOT / ".env").read_text()
    for app in ("web", "worker", "scheduler"):
        deps = services[app]["depends_on"]
        assert deps["elasticsearch"]["required"] is False and deps["es-1"]["required"] is False
        assert "es-certs:/certs:ro" in services[app]["volumes"]  # REMISSVAR_ES_CA_CERTS=/certs/ca/ca.crt


def test_a_comma_separated_es_url_names_every_node():
    from remissvar.settings import Settings
    from search_api.index import es_client

    es = es_client(Settings(es_url="http://es-1:9200, http://es-2:9200,http://es-3:9200"))
    hosts = sorted(n.config.host for n in es.transport.node_pool.all())
    assert hosts == ["es-1", "es-2", "es-3"]


def test_the_client_of_a_secured_cluster_carries_credentials_and_ca(monkeypatch):
    """The settings the compose file passes (environment) give a client that signs in and
    checks the nodes' certificates against the CA."""
    import base64

    from remissvar.settings import Settings
    from search_api.index import es_client

    monkeypatch.setenv("REMISSVAR_ES_URL", "https://es-1:9200,https://es-2:9200,https://es-3:9200")
    monkeypatch.setenv("REMISSVAR_ES_USERNAME", "elastic")
    monkeypatch.setenv("REMISSVAR_ES_PASSWORD", "lösen-från-miljön")
    monkeypatch.setenv("REMISSVAR_ES_CA_CERTS", certifi.where())  # a real PEM bundle stands for the CA
    s = Settings()
    assert "lösen" not in repr(s)  # the password is a secret in logs and reprs
    es = es_client(s)
    want = "Basic " + base64.b64encode("elastic:lösen-från-miljön".encode()).decode()
    assert es._headers["authorization"] == want
    for node in es.transport.node_pool.all():
        assert node.config.scheme == "https" and node.config.verify_certs
        assert node.config.ca_certs == certifi.where()


def test_secured_settings_that_cannot_work_fail_at_start(tmp_path):
    from remissvar.settings import Settings
    from search_api.index import es_client

    with pytest.raises(ValueError, match="REMISSVAR_ES_PASSWORD"):
        es_client(Settings(es_username="elastic"))
    with pytest.raises(FileNotFoundError, match="REMISSVAR_ES_CA_CERTS"):
        es_client(Settings(es_ca_certs=tmp_path / "saknas.crt"))
    assert Settings(es_ca_certs="").es_ca_certs is None  # the single profile's empty value
