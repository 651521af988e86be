"""Build the alternative query encoders beside the converted model (set-up time, offline).

    python -m remissvar.encoder_build onnx     # int8 ONNX export of the e5 model
    python -m remissvar.encoder_build static   # static token vectors distilled from it
    python -m remissvar.encoder_build student  # the 4-layer student, int8 ONNX

They read only the converted model folder (``settings.model_path``), for the static
vocabulary the Swedish hunspell word list that set-up installs, and for the student the
layer weights that ``python -m remissvar.encoder_distill`` trained into ``<model>/student/``
(not done by set-up: about an hour). Idempotent: an encoder that is already built is left alone.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np

from remissvar.query_encoders import (
    ONNX_DIR,
    ONNX_FILE,
    QUERY_PREFIX,
    STATIC_DIR,
    STUDENT_DIR,
    EncoderMissingError,
    _tokenizer,
)
from remissvar.settings import get_settings

log = logging.getLogger(__name__)
SWEDISH_WORDS = Path("/usr/share/hunspell/sv_SE.dic")
STUDENT_RECIPE = "recipe.json"  # beside the weights: teacher, layers, training, measured agreement
SCALE_SUFFIX = ".row_scale"


def build_onnx(model_path: Path, out: Path | None = None) -> Path:
    """Export the transformer to ONNX (opset 17, dynamic batch and length), quantise weights to int8."""
    out = out or model_path / ONNX_DIR / ONNX_FILE
    if out.exists():
        return out
    from transformers import AutoModel

    return export_int8(AutoModel.from_pretrained(str(model_path)).eval(), out)


def export_int8(model: Any, out: Path) -> Path:
    """``model``'s last hidden state as an int8 ONNX file (written whole or not at all)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class LastHidden(torch.nn.Module):
        def __init__(self, m: torch.nn.Module) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden: torch.Tensor = self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return hidden

    out.parent.mkdir(parents=True, exist_ok=True)
    fp32 = out.with_name(out.stem + "_fp32.onnx")
    ids = torch.ones((1, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(LastHidden(model).eval(), (ids, torch.ones_like(ids)), str(fp32),
                      input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                      dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                      opset_version=17, dynamo=False)
    tmp = out.with_suffix(".tmp")
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
    fp32.unlink()
    tmp.replace(out)
    return out


def student_weights_path(model_path: Path) -> Path:
    """Where ``remissvar.encoder_distill`` writes the student's weights (its recipe beside them)."""
    return model_path / STUDENT_DIR / "weights.safetensors"


def build_student(model_path: Path, out: Path | None = None, weights: Path | None = None) -> Path:
    """The distilled 4-layer query encoder: its trained layers (``remissvar.encoder_distill``) on
    the model's own word embeddings, exported to int8 ONNX like the model itself."""
    out = out or model_path / STUDENT_DIR / ONNX_FILE
    if out.exists():
        return out
    weights = weights or student_weights_path(model_path)
    if not (weights.exists() and weights.with_name(STUDENT_RECIPE).exists()):
        raise EncoderMissingError(f"{weights} saknas: kör python -m remissvar.encoder_distill (ungefär en timme)")
    from transformers import AutoModel, BertModel

    recipe = json.loads(weights.with_name(STUDENT_RECIPE).read_text(encoding="utf-8"))
    name = json.loads((model_path / "remissvar_model.json").read_text(encoding="utf-8"))["name"]
    if name != recipe["teacher"]:
        raise ValueError(f"frågestudenten är tränad mot {recipe['teacher']}, modellen här är {name}")
    teacher = AutoModel.from_pretrained(str(model_path))
    config = teacher.config
    config.num_hidden_layers = int(recipe["layers"])
    student: Any = BertModel(config, add_pooling_layer=False)
    state = {k: _torch_tensor(v) for k, v in load_student_weights(weights).items()}
    state["embeddings.word_embeddings.weight"] = teacher.embeddings.word_embeddings.weight.detach()
    student.load_state_dict(state)
    return export_int8(student.eval(), out)


def _torch_tensor(a: np.ndarray) -> Any:
    import torch

    return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))


def save_student_weights(state: dict[str, np.ndarray], path: Path) -> None:
    """Matrices as int8 with one scale per output row, the rest as float16 (half the bytes of
    float16 throughout; the export quantises to int8 again)."""
    from safetensors.numpy import save_file

    packed: dict[str, np.ndarray] = {}
    for key, value in state.items():
        if value.ndim == 2 and ".encoder." in f".{key}":
            scale = np.maximum(np.abs(value).max(axis=1, keepdims=True), 1e-12) / 127.0
            packed[key] = np.round(value / scale).astype(np.int8)
            packed[key + SCALE_SUFFIX] = scale.astype(np.float32)
        else:
            packed[key] = value.astype(np.float16)
    save_file(packed, str(path))


def load_student_weights(path: Path) -> dict[str, np.ndarray]:
    """What ``save_student_weights`` wrote, as float32."""
    from safetensors.numpy import load_file

    packed = load_file(str(path))
    return {key: (value.astype(np.float32) * packed[key + SCALE_SUFFIX] if value.dtype == np.int8
                  else value.astype(np.float32))
            for key, value in packed.items() if not key.endswith(SCALE_SUFFIX)}


def swedish_token_ids(model_path: Path, words_file: Path = SWEDISH_WORDS) -> list[int]:
    """Token ids that Swedish words use (each word lower case and capitalised)."""
    tok = _tokenizer(model_path)
    raw = words_file.read_text(encoding="utf-8", errors="ignore").splitlines()[1:]
    words = [w.split("/")[0].strip() for w in raw]
    words = [w for w in words if w and w[0].isalpha()]
    ids: set[int] = set()
    for i in range(0, len(words), 5000):
        chunk = words[i:i + 5000]
        for enc in tok.encode_batch(chunk + [w.capitalize() for w in chunk], add_special_tokens=False):
            ids.update(enc.ids)
    return sorted(ids)


def build_static(model_path: Path, out: Path | None = None, words_file: Path = SWEDISH_WORDS,
                 batch_size: int = 256) -> Path:
    """One vector per Swedish token: e5's mean-pooled output for ``query: <token>``."""
    out = out or model_path / STATIC_DIR
    if (out / "vectors.npy").exists():
        return out
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_path)).eval()
    tok = _tokenizer(model_path)
    prefix = tok.encode(QUERY_PREFIX.strip(), add_special_tokens=False).ids
    cls_id, sep_id = tok.token_to_id("<s>"), tok.token_to_id("</s>")
    token_ids = swedish_token_ids(model_path, words_file)
    vectors = np.zeros((len(token_ids), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for i in range(0, len(token_ids), batch_size):
            chunk = token_ids[i:i + batch_size]
            ids = torch.tensor([[cls_id, *prefix, t, sep_id] for t in chunk], dtype=torch.long)
            hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            pooled = hidden.mean(dim=1)
            vectors[i:i + len(chunk)] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    tmp = out.with_name(out.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    np.save(tmp / "token_ids.npy", np.asarray(token_ids, dtype=np.int64))
    np.save(tmp / "vectors.npy", vectors.astype(np.float16))
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("which", choices=["onnx", "static", "student", "all"])
    args = ap.parse_args(argv)
    path = get_settings().model_path
    if args.which in ("onnx", "all"):
        print(build_onnx(path))
    if args.which in ("static", "all"):
        print(build_static(path))
    # "all": the student too where its weights have been distilled (an hour's training, not set-up's)
    if args.which == "student" or (args.which == "all" and student_weights_path(path).exists()):
        print(build_student(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
