"""The web server as production runs it, on the recorded sites' corpus, for the load benchmarks.

``served`` indexes the corpus ``bench/search_eval.py`` uses under its own prefix, starts
``remissvar serve`` (gunicorn with the admission worker, and its own query-encoder service on a
socket of its own, beside any ``make run``) with no query-vector cache and no worker
replacement, waits until a search answers, and on leaving stops it and deletes the indices.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Served:
    url: str
    pid: int  # `remissvar serve`'s process: the root of the web tree


@contextmanager
def served(index_prefix: str, recorded_port: int, extra_env: dict[str, str] | None = None) -> Iterator[Served]:
    from bench.search_eval import build_corpus
    from remissvar.settings import Settings
    from search_api.index import delete_all, es_client

    tmp = tempfile.mkdtemp()
    s = Settings(data_dir=Path(tmp) / "data", index_prefix=index_prefix, recorded_port=recorded_port)
    build_corpus(s)
    port = free_port()
    env = {**os.environ, "REMISSVAR_INDEX_PREFIX": s.index_prefix, "REMISSVAR_WEB_PORT": str(port),
           # the load repeats its queries: every one is embedded (the cold cost)
           "REMISSVAR_QUERY_CACHE_SIZE": "0",
           # no worker replacement during the load (it reloads the query encoder and lands in
           # whichever cell happens to reach its request count): the steady state is measured
           "REMISSVAR_WEB_MAX_REQUESTS": "0",
           "REMISSVAR_ENCODER_SOCKET": str(Path(tmp) / "encoder.sock"),
           "HF_HUB_OFFLINE": "1", **(extra_env or {})}
    web = subprocess.Popen([sys.executable, "-m", "remissvar_cli", "serve"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(url + "/api/search", params={"q": "uppvärmning"}, timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(1)
        yield Served(url, web.pid)
    finally:
        web.terminate()
        web.wait(timeout=30)
        delete_all(es_client(s), s)
