"""Build the alternative query encoders beside the converted model (set-up time, offline).

    python -m remissvar.encoder_build onnx     # int8 ONNX export of the e5 model
    python -m remissvar.encoder_build static   # static token vectors distilled from it

Both read only the converted model folder (``settings.model_path``) and, for the static
vocabulary, the Swedish hunspell word list that set-up installs. Idempotent: an encoder
that is already built is left alone.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np

from remissvar.query_encoders import ONNX_DIR, ONNX_FILE, QUERY_PREFIX, STATIC_DIR, _tokenizer
from remissvar.settings import get_settings

log = logging.getLogger(__name__)
SWEDISH_WORDS = Path("/usr/share/hunspell/sv_SE.dic")


def build_onnx(model_path: Path, out: Path | None = None) -> Path:
    """Export the transformer to ONNX (opset 17, dynamic batch and length), quantise weights to int8."""
    out = out or model_path / ONNX_DIR / ONNX_FILE
    if out.exists():
        return out
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    base = AutoModel.from_pretrained(str(model_path)).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, m: torch.nn.Module) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden: torch.Tensor = self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return hidden

    out.parent.mkdir(parents=True, exist_ok=True)
    fp32 = out.with_name("model_fp32.onnx")
    ids = torch.ones((1, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(LastHidden(base).eval(), (ids, torch.ones_like(ids)), str(fp32),
                      input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                      dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                      opset_version=17, dynamo=False)
    tmp = out.with_suffix(".tmp")
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
    fp32.unlink()
    tmp.replace(out)
    return out


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
    ap.add_argument("which", choices=["onnx", "static", "all"])
    args = ap.parse_args(argv)
    path = get_settings().model_path
    if args.which in ("onnx", "all"):
        print(build_onnx(path))
    if args.which in ("static", "all"):
        print(build_static(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
