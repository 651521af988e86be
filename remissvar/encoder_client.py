"""The web workers' side of the query-encoder service (``remissvar.encoder_service``).

A worker holds an ``EncoderClient`` instead of an ONNX session: ``encode_query`` sends the text
over the service's Unix socket and reads the vector back (one persistent connection per thread).
While the service does not answer, the client loads an encoder of its own (logged), embeds
with it, and asks the service again every ``encoder_retry_s`` seconds; once the service answers,
the worker's own encoder is dropped. The search's query-vector cache sits in front of this
(``SearchService._embed``), unchanged.

Wire format, both ways: one byte of kind, four bytes of big-endian length, the payload.
``E`` + UTF-8 text -> ``V`` + float32 vector (little-endian); ``P`` -> ``P`` + JSON (model, dims,
counters); an error -> ``X`` + UTF-8 message.
"""
from __future__ import annotations

import json
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from remissvar.settings import Settings

log = logging.getLogger(__name__)

HEADER = struct.Struct(">cI")
MAX_FRAME = 1 << 20  # a query is at most a few kB; a vector 1.5 kB


class EncoderServiceError(RuntimeError):
    """The service answered with an error (not: it is down)."""


def send_frame(sock: socket.socket, kind: bytes, payload: bytes) -> None:
    sock.sendall(HEADER.pack(kind, len(payload)) + payload)


def _read_exact(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("kodartjänsten stängde anslutningen")
        buf += chunk
    return bytes(buf)


def read_frame(sock: socket.socket) -> tuple[bytes, bytes]:
    """One frame (kind, payload); ConnectionError when the peer closed."""
    kind, n = HEADER.unpack(_read_exact(sock, HEADER.size))
    if n > MAX_FRAME:
        raise ConnectionError(f"för stort meddelande ({n} byte)")
    return kind, _read_exact(sock, n)


def ping(path: Path, timeout: float = 2.0) -> dict[str, Any]:
    """The service's health: model, dims and counters (raises OSError when it does not answer)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(str(path))
        send_frame(sock, b"P", b"")
        kind, payload = read_frame(sock)
    if kind != b"P":
        raise EncoderServiceError(payload.decode("utf-8", "replace"))
    info: dict[str, Any] = json.loads(payload)
    return info


class EncoderClient:
    """A ``QueryEncoder`` (model_id, dims, encode_query) that asks the encoder service.

    ``fallback`` builds the worker's own encoder; it is called only while the service is down.
    """

    def __init__(self, settings: Settings, fallback: Callable[[], Any]) -> None:
        meta = json.loads((settings.model_path / "remissvar_model.json").read_text())
        self.model_id: str = meta["name"]
        self.dims: int = int(meta["dimensions"])
        self.path = settings.encoder_socket
        self.timeout = settings.encoder_timeout_s
        self.retry_s = settings.encoder_retry_s
        self._fallback_factory = fallback
        self._fallback: Any | None = None
        self._retry_at = 0.0
        self._lock = threading.Lock()
        self._local = threading.local()

    # -- the service --------------------------------------------------------------
    def _connection(self) -> socket.socket:
        sock: socket.socket | None = getattr(self._local, "sock", None)
        if sock is None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect(str(self.path))
            except OSError:
                sock.close()
                raise
            self._local.sock = sock
        return sock

    def _drop_connection(self) -> None:
        sock = getattr(self._local, "sock", None)
        self._local.sock = None
        if sock is not None:
            sock.close()

    def _ask(self, text: str) -> np.ndarray:
        for attempt in (0, 1):  # a kept connection the service closed (it restarted): once more, fresh
            sock = self._connection()
            try:
                send_frame(sock, b"E", text.encode("utf-8"))
                kind, payload = read_frame(sock)
                break
            except OSError:
                self._drop_connection()
                if attempt:
                    raise
        if kind == b"X":
            raise EncoderServiceError(payload.decode("utf-8", "replace"))
        vector = np.frombuffer(payload, dtype="<f4")
        if kind != b"V" or vector.shape[0] != self.dims:
            self._drop_connection()
            raise EncoderServiceError(f"oväntat svar från kodartjänsten ({kind!r}, {len(payload)} byte)")
        return vector.astype(np.float32)

    def warm(self) -> bool:
        """True when the service answers now (never loads the fallback)."""
        try:
            self._ask("uppvärmning")
            return True
        except OSError:
            return False

    # -- the worker's own encoder while the service is down ---------------------------
    def _own(self, why: BaseException) -> Any:
        with self._lock:
            if self._fallback is None:
                log.warning("kodartjänsten på %s svarar inte (%s): arbetsprocessen läser in en egen frågekodare "
                            "tills den svarar igen", self.path, why)
                self._fallback = self._fallback_factory()
            self._retry_at = time.monotonic() + self.retry_s
            return self._fallback

    @property
    def using_own_encoder(self) -> bool:
        return self._fallback is not None

    def encode_query(self, text: str) -> np.ndarray:
        own = self._fallback
        if own is not None and time.monotonic() < self._retry_at:
            vector: np.ndarray = own.encode_query(text)
            return vector
        try:
            v = self._ask(text)
        except OSError as e:  # refused, missing socket, timeout, closed: the service is down
            return np.asarray(self._own(e).encode_query(text), dtype=np.float32)
        if own is not None:
            with self._lock:
                if self._fallback is not None:
                    log.warning("kodartjänsten på %s svarar igen: arbetsprocessens egen frågekodare släpps",
                                self.path)
                    self._fallback = None
        return v
