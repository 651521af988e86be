"""Sentence embeddings for passages and queries (sentence-transformers, offline)."""
from __future__ import annotations

import json
import os
import threading
from functools import lru_cache
from pathlib import Path

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
        from sentence_transformers import SentenceTransformer
        import torch

        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = device
        self.model = SentenceTransformer(str(path), device=device, local_files_only=True)
        manifest = path / "remissvar_model.json"
        meta = json.loads(manifest.read_text()) if manifest.exists() else {}
        #: identity recorded on every passage; two models never share an index
        self.model_id: str = meta.get("name", path.name)
        self.dims: int = int(self.model.get_embedding_dimension())
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        with self._lock:
            return self.model.encode(
                texts, prompt_name="passage", batch_size=self.batch_size,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
            ).astype(np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        with self._lock:
            return self.model.encode(
                [text], prompt_name="query", normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )[0].astype(np.float32)


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _load(path: str, batch_size: int, device: str) -> Embedder:
    return Embedder(Path(path), batch_size, device)


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The process-wide embedder for the configured model (loaded once)."""
    s = settings or get_settings()
    with _lock:
        return _load(str(s.model_path), s.embed_batch_size, s.embed_device)
