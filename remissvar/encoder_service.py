"""The query-encoder service: one process owns the ONNX session and embeds the web workers'
queries, which reach it over a Unix socket (``remissvar.encoder_client``).

Each connection has a thread that reads requests; they go to one queue. An embedding thread
(``encoder_service_threads`` of them, one ONNX session) takes the first waiting query, waits
up to ``encoder_batch_window_ms`` for more (at most ``encoder_batch_max``), and embeds what it
has as one batch: one ONNX run over the padded batch, with the activations quantised per row
(``remissvar.onnx_rows``) so that a query's vector does not depend on its batch-mates (cosine
1.0 against the in-process encoder on the evaluation queries). Queries that arrive while a
batch runs wait for the next one.

Measured (``bench/encoder_service.py``): on this CPU a batch saves nothing - the export's own
graph costs 3.3-3.9 ms of CPU per query at every batch size from 1 to 16, a query being ~12
tokens - and the per-row graph costs ~5.5, so the defaults embed one query at a time with the
export's own graph (``encoder_batch_max`` 1, window 0); what the service saves is memory (one
session and one tokenizer instead of one per worker).

``python -m remissvar.encoder_service`` or ``remissvar encoder-service`` runs it (``make run`` and
``remissvar serve`` start it supervised, the compose service ``encoder`` as its command);
``remissvar encoder-service --check`` is its health check.
Measured batch curve and window: ``bench/encoder_service.py`` (docs/query-encoders.md).
"""
from __future__ import annotations

import json
import logging
import os
import queue
import socket
import socketserver
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import numpy as np

from remissvar.encoder_client import read_frame, send_frame
from remissvar.settings import Settings

log = logging.getLogger(__name__)


class BatchEncoder:
    """Query vectors for a list of texts in one ONNX run (``onnx`` or ``student``)."""

    def __init__(self, settings: Settings, per_row: bool = True) -> None:
        import onnxruntime as ort

        from remissvar.onnx_rows import row_quantized_model
        from remissvar.query_encoders import (
            ONNX_DIR,
            ONNX_FILE,
            QUERY_PREFIX,
            STUDENT_DIR,
            EncoderMissingError,
            shared_tokenizer,
        )

        which = settings.query_encoder if settings.query_encoder in ("onnx", "student") else "onnx"
        onnx_file = settings.model_path / (STUDENT_DIR if which == "student" else ONNX_DIR) / ONNX_FILE
        if not onnx_file.exists():
            raise EncoderMissingError(f"{onnx_file} saknas: kör python -m remissvar.encoder_build {which}")
        meta = json.loads((settings.model_path / "remissvar_model.json").read_text())
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = settings.query_encoder_threads
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model: Any = row_quantized_model(onnx_file) if per_row else str(onnx_file)
        self.session = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
        self.tokenizer = shared_tokenizer(settings.model_path)
        self.prefix = QUERY_PREFIX
        self.per_row = per_row
        self.model_id: str = meta["name"]
        self.dims: int = int(meta["dimensions"])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text (a batch of several needs ``per_row``)."""
        from remissvar.query_encoders import mean_pooled

        if len(texts) > 1 and not self.per_row:
            return np.stack([self.encode_queries([t])[0] for t in texts])
        encs = self.tokenizer.encode_batch([self.prefix + t for t in texts])
        width = max(len(e.ids) for e in encs)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return mean_pooled(hidden, mask)

    def encode_query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.encode_queries([text])[0]
        return vector


class Batcher:
    """Collects concurrent queries into batches for one embedding thread."""

    def __init__(self, encoder: Any, window_ms: float, max_batch: int, threads: int = 1) -> None:
        self.encoder = encoder
        self.window_s = window_ms / 1000
        self.max_batch = max_batch
        self._queue: queue.Queue[tuple[str, Future[np.ndarray]]] = queue.Queue()
        self.batches = 0
        self.queries = 0
        self.largest = 0
        self.started = time.time()
        self._count_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(threads)
        # ONNX Runtime's session runs concurrent calls; each thread embeds one batch at a time
        # (batches of one are embedded in the connections' threads instead: Batcher.embed)
        self._threads = [threading.Thread(target=self._run, name=f"kodare-{i}", daemon=True)
                         for i in range(threads if max_batch > 1 else 0)]
        self.threads = threads
        for t in self._threads:
            t.start()

    def embed(self, text: str, timeout: float) -> np.ndarray:
        """The query's vector: with batches of one, embedded in the calling thread (at most
        ``threads`` at once) - no hand-over to an embedding thread and back; else by a batch."""
        if self.max_batch > 1:
            return self.submit(text).result(timeout=timeout)
        if not self._slots.acquire(timeout=timeout):
            raise TimeoutError("kodartjänsten hann inte koda frågan")
        try:
            vector: np.ndarray = self.encoder.encode_queries([text])[0]
        finally:
            self._slots.release()
        with self._count_lock:
            self.batches += 1
            self.queries += 1
            self.largest = max(self.largest, 1)
        return vector

    def submit(self, text: str) -> Future[np.ndarray]:
        fut: Future[np.ndarray] = Future()
        self._queue.put((text, fut))
        return fut

    def _collect(self) -> list[tuple[str, Future[np.ndarray]]]:
        items = [self._queue.get()]
        deadline = time.monotonic() + self.window_s
        while len(items) < self.max_batch:
            left = deadline - time.monotonic()
            try:
                items.append(self._queue.get(timeout=left) if left > 0 else self._queue.get_nowait())
            except queue.Empty:
                break
        return items

    def _run(self) -> None:
        while True:
            items = self._collect()
            try:
                vectors = self.encoder.encode_queries([t for t, _ in items])
            except Exception as e:  # every waiting request gets the error, the thread lives on
                log.exception("kodningen av %d frågor misslyckades", len(items))
                for _, fut in items:
                    fut.set_exception(e)
                continue
            with self._count_lock:
                self.batches += 1
                self.queries += len(items)
                self.largest = max(self.largest, len(items))
            for (_, fut), v in zip(items, vectors, strict=True):
                fut.set_result(v)

    def stats(self) -> dict[str, Any]:
        return {"batches": self.batches, "queries": self.queries, "largest_batch": self.largest,
                "window_ms": self.window_s * 1000, "max_batch": self.max_batch, "threads": self.threads,
                "uptime_s": round(time.time() - self.started, 1)}


class _Handler(socketserver.BaseRequestHandler):
    server: EncoderServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        with self.server.conn_lock:
            self.server.conns.add(sock)
        try:
            self._serve(sock)
        finally:
            with self.server.conn_lock:
                self.server.conns.discard(sock)

    def _serve(self, sock: socket.socket) -> None:
        while True:
            try:
                kind, payload = read_frame(sock)
            except (ConnectionError, OSError):
                return
            try:
                if kind == b"E":
                    text = payload.decode("utf-8")
                    vector = self.server.batcher.embed(text, self.server.timeout_s)
                    send_frame(sock, b"V", np.asarray(vector, dtype="<f4").tobytes())
                elif kind == b"P":
                    info = {"model": self.server.model_id, "dims": self.server.dims, "pid": os.getpid(),
                            **self.server.batcher.stats()}
                    send_frame(sock, b"P", json.dumps(info).encode())
                else:
                    send_frame(sock, b"X", f"okänd begäran {kind!r}".encode())
            except OSError:
                return
            except Exception as e:  # noqa: BLE001 - the client gets the error; the connection stays usable
                try:
                    send_frame(sock, b"X", str(e).encode("utf-8", "replace")[:2000])
                except OSError:
                    return


class EncoderServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """The Unix-socket server (one thread per connection; the web workers keep theirs open)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # every worker thread connects at once after a restart (the default 5 refused some)

    def __init__(self, path: Path, batcher: Batcher, model_id: str, dims: int, timeout_s: float = 30.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            _remove_stale(path)
        self.batcher = batcher
        self.model_id = model_id
        self.dims = dims
        self.timeout_s = timeout_s
        self.path = path
        self.conns: set[socket.socket] = set()
        self.conn_lock = threading.Lock()
        super().__init__(str(path), _Handler)
        os.chmod(path, 0o660)

    def server_close(self) -> None:
        """Stops listening and ends the open connections (the workers reconnect to the next service)."""
        super().server_close()
        with self.conn_lock:
            for sock in self.conns:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def _remove_stale(path: Path) -> None:
    """A socket file left by a service that died; refuses when a live service answers on it."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(1)
        probe.connect(str(path))
    except OSError:
        path.unlink()
        return
    finally:
        probe.close()
    raise RuntimeError(f"en kodartjänst svarar redan på {path}")


def build_server(settings: Settings) -> EncoderServer:
    """The service for these settings, model loaded and warmed up (not yet serving)."""
    per_row = settings.encoder_batch_max > 1
    encoder = BatchEncoder(settings, per_row=per_row)
    encoder.encode_queries(["uppvärmning"])
    batcher = Batcher(encoder, settings.encoder_batch_window_ms, settings.encoder_batch_max,
                      settings.encoder_service_threads)
    return EncoderServer(settings.encoder_socket, batcher, encoder.model_id, encoder.dims)


def _return_freed_heap() -> None:
    """Loading leaves freed heap behind (~15 MB): give it back to the system."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):
            pass


def main() -> None:
    """Run the service until SIGTERM or Ctrl-C (the socket file is removed on the way out)."""
    import signal

    from remissvar.settings import get_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    s = get_settings()
    server = build_server(s)
    _return_freed_heap()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    log.info("kodartjänsten lyssnar på %s (fönster %.1f ms, högst %d frågor per sats, %d trådar)", s.encoder_socket,
             s.encoder_batch_window_ms, s.encoder_batch_max, s.encoder_service_threads)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
