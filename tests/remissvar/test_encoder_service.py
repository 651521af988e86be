"""The query-encoder service: a real server on a temporary Unix socket with the real ONNX model;
its vectors against the in-process encoder, batches formed by concurrent clients, the health
check, and a worker's client falling back to its own encoder while the service is down."""
from __future__ import annotations

import json
import logging
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from remissvar.encoder_client import EncoderClient, ping
from remissvar.encoder_service import EncoderServer, build_server
from remissvar.query_encoders import OnnxQueryEncoder
from remissvar.settings import ROOT, Settings

pytestmark = pytest.mark.services  # the converted model (scripts/setup.sh)

QUERIES = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]


@pytest.fixture(scope="module")
def local() -> OnnxQueryEncoder:
    return OnnxQueryEncoder(Settings().model_path)


def _settings(sock: Path, **kw: Any) -> Settings:
    return Settings(encoder_socket=sock, encoder_retry_s=0.2, encoder_timeout_s=10, **kw)


def _serve(settings: Settings) -> EncoderServer:
    server = build_server(settings)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture()
def sock_path() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as d:  # AF_UNIX paths are short: not pytest's deep tmp_path
        yield Path(d) / "e.sock"


def test_batched_vectors_are_the_in_process_encoders(sock_path: Path, local: OnnxQueryEncoder) -> None:
    s = _settings(sock_path, encoder_batch_window_ms=5.0, encoder_batch_max=16)
    server = _serve(s)
    try:
        client = EncoderClient(s, fallback=lambda: pytest.fail("the service is up: no own encoder"))
        with ThreadPoolExecutor(12) as pool:  # concurrent clients: batches of several queries form
            got = list(pool.map(client.encode_query, QUERIES * 3))
        info = ping(sock_path)
    finally:
        server.shutdown()
        server.server_close()
    assert info["largest_batch"] > 1 and info["queries"] >= len(QUERIES) * 3
    assert info["model"] == client.model_id and info["dims"] == client.dims
    for q, v in zip(QUERIES * 3, got, strict=True):
        assert v.shape == (client.dims,) and v.dtype == np.float32
        assert float(v @ local.encode_query(q)) >= 0.9999, q
    assert not sock_path.exists()  # the socket file goes with the service


def test_a_worker_embeds_itself_only_while_the_service_is_down(sock_path: Path, local: OnnxQueryEncoder,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    s = _settings(sock_path, encoder_batch_max=1)
    loads = []

    def own() -> OnnxQueryEncoder:
        loads.append(1)
        return local

    client = EncoderClient(s, fallback=own)
    assert not client.warm()  # a warm-up never loads the worker's own encoder
    assert not loads
    with caplog.at_level(logging.WARNING, logger="remissvar.encoder_client"):
        v = client.encode_query(QUERIES[0])  # no service: the worker's own encoder, logged
        assert client.using_own_encoder and len(loads) == 1
        assert "svarar inte" in caplog.text
        client.encode_query(QUERIES[1])
        assert len(loads) == 1  # loaded once, kept while the service is down
        server = _serve(s)
        try:
            import time

            time.sleep(0.3)  # encoder_retry_s
            w = client.encode_query(QUERIES[0])
            assert not client.using_own_encoder  # the service answers: the own encoder is dropped
            assert "svarar igen" in caplog.text
            assert ping(sock_path)["queries"] >= 1
        finally:
            server.shutdown()
            server.server_close()
        # the service goes away again (a restart): the kept connection fails, the worker embeds itself
        u = client.encode_query(QUERIES[2])
        assert client.using_own_encoder and len(loads) == 2
    assert float(v @ w) >= 0.9999
    assert float(u @ local.encode_query(QUERIES[2])) >= 0.9999


def test_a_second_service_on_a_live_socket_is_refused(sock_path: Path) -> None:
    s = _settings(sock_path, encoder_batch_max=1)
    server = _serve(s)
    try:
        with pytest.raises(RuntimeError, match="svarar redan"):
            build_server(s)
        assert ping(sock_path)["model"]
    finally:
        server.shutdown()
        server.server_close()
