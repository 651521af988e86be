"""The alternative query encoders, built from the converted model into a temporary folder."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from remissvar.embedding import get_query_encoder
from remissvar.encoder_build import build_onnx, build_static, swedish_token_ids
from remissvar.query_encoders import EncoderMissingError, OnnxQueryEncoder, StaticQueryEncoder
from remissvar.settings import Settings

pytestmark = pytest.mark.services  # the converted model (scripts/setup.sh)

QUERIES = ["Förvaltningen avstyrker motionen om lokala facebookgrupper",
           "forvaltningens forslag till beslut", "policy för sociala medier i Stockholms stad"]


@pytest.fixture(scope="module")
def model_path() -> Path:
    return Settings().model_path


@pytest.fixture(scope="module")
def engine():
    return get_query_encoder(Settings(query_encoder="engine"))


def test_onnx_int8_export_agrees_with_the_engine(tmp_path: Path, model_path: Path, engine) -> None:
    onnx_file = build_onnx(model_path, tmp_path / "model_int8.onnx")
    enc = OnnxQueryEncoder(model_path, onnx_file=onnx_file)
    assert enc.dims == engine.dims == 384
    for q in QUERIES:
        v = enc.encode_query(q)
        assert v.dtype == np.float32 and abs(float(np.linalg.norm(v)) - 1) < 1e-4
        assert float(v @ engine.encode_query(q)) > 0.95  # int8 weights: close, not equal


def test_static_encoder_from_a_small_vocabulary(tmp_path: Path, model_path: Path, engine) -> None:
    words = tmp_path / "words.dic"
    words.write_text("5\nförvaltning/A\nmotion\nsociala\nmedier\nfacebookgrupp\n", encoding="utf-8")
    ids = swedish_token_ids(model_path, words)
    assert 5 <= len(ids) < 60
    out = build_static(model_path, tmp_path / "static", words_file=words)
    enc = StaticQueryEncoder(model_path, fallback=engine, static_dir=out)
    v = enc.encode_query("sociala medier")
    assert abs(float(np.linalg.norm(v)) - 1) < 1e-4
    # closer to its own topic than to an unrelated one
    assert float(v @ engine.encode_query("sociala medier")) > float(v @ engine.encode_query("snöröjning av gator"))
    # no token of the query in the distilled vocabulary: the transformer answers (the fallback)
    q = "Kwazulu 1999"
    assert not set(enc.tokenizer.encode(q, add_special_tokens=False).ids) & set(enc.rows)
    assert np.allclose(enc.encode_query(q), engine.encode_query(q), atol=1e-6)


def test_a_missing_encoder_says_how_to_build_it(tmp_path: Path, model_path: Path) -> None:
    with pytest.raises(EncoderMissingError, match="encoder_build static"):
        StaticQueryEncoder(model_path, static_dir=tmp_path / "nothing")
    with pytest.raises(EncoderMissingError, match="encoder_build onnx"):
        OnnxQueryEncoder(model_path, onnx_file=tmp_path / "nothing.onnx")
