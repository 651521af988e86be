"""Distil the 4-layer query student from the e5 model - offline, optional, about an hour on 2 cores.

    python -m remissvar.encoder_distill              # writes <model>/student/weights.safetensors
    python -m remissvar.encoder_build student        # exports it to int8 ONNX beside them

Measured and not the default (bench/reports/encoder_eval.md, docs/query-encoders.md): a third
of e5's time per query, but hybrid nDCG@10 0.972 against 0.985 and one negative query above the
display floor. Kept so that the experiment can be repeated - longer, larger, or on a GPU.

1. Texts that are *not* the evaluation corpus: word runs of the real PDFs in ../shared
   (pdftotext -layout) and its seed texts, Swedish messages of the system's gettext catalogues,
   hunspell words alone and in bags of 2-5 (83k texts with the default seed).
2. Teacher vectors: e5's int8 ONNX query vectors of those texts (the default query encoder).
3. The covariance of passage vectors (texts of 8+ words, e5 in passage mode): the directions
   in which passages differ, where an error of the query vector moves a ranking.
4. Stage 1: a 4-layer BERT started from teacher layers 0, 1, 2 and 11 (word embeddings copied
   and frozen), cosine loss to the teacher's vectors. Stage 2: the same plus the error's energy
   in that covariance (scaled to the cosine loss), at half the learning rate.
5. The trained weights without the word embeddings (the build takes them from the model) as
   int8 rows + float16 (``remissvar.encoder_build.save_student_weights``) and ``recipe.json``:
   the teacher's name and the agreement on 2,000 held-out texts.
"""
from __future__ import annotations

import argparse
import gettext
import glob
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from remissvar.encoder_build import STUDENT_RECIPE, save_student_weights, student_weights_path
from remissvar.query_encoders import ONNX_DIR, ONNX_FILE, QUERY_PREFIX, _tokenizer, mean_pooled
from remissvar.settings import ROOT, get_settings

SHARED = ROOT.parent / "shared"
TEACHER_LAYERS = (0, 1, 2, 11)
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé0-9][\w\-:()§./]*")


def training_texts(seed: int = 3, shared: Path = SHARED) -> list[str]:
    """Step 1: the texts, deduplicated, in a fixed order for ``seed``."""
    rng = random.Random(seed)
    real = "\n".join(subprocess.run(["pdftotext", "-layout", f, "-"], capture_output=True, text=True).stdout
                     for f in sorted(glob.glob(str(shared / "real-documents/*.pdf"))))
    real += "\n".join(Path(f).read_text(encoding="utf-8") for f in sorted(glob.glob(str(shared / "seeds/*.txt"))))
    messages: list[str] = []
    for f in sorted(glob.glob("/usr/share/locale/sv/LC_MESSAGES/*.mo")):
        try:
            with open(f, "rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):
            continue
        messages += [" ".join(v.split()) for v in catalog.values()
                     if isinstance(v, str) and 8 < len(v) < 300 and "%" not in v]
    messages = list(dict.fromkeys(messages))
    raw = Path("/usr/share/hunspell/sv_SE.dic").read_text(encoding="utf-8", errors="ignore").splitlines()[1:]
    words = [w for w in (line.split("/")[0].strip() for line in raw) if w and w[0].isalpha()]
    run = WORD.findall(real)
    texts = []
    for _ in range(25000):
        n = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 14, 20])
        i = rng.randrange(0, max(1, len(run) - n))
        texts.append(" ".join(run[i:i + n]))
    rng.shuffle(messages)
    texts += messages[:25000]
    texts += [rng.choice(words) for _ in range(20000)]
    texts += [" ".join(rng.choice(words) for _ in range(rng.choice([2, 3, 4, 5]))) for _ in range(20000)]
    return list(dict.fromkeys(t for t in texts if t.strip()))


def padded(seqs: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token id rows padded to the longest, and their attention mask."""
    ids = np.ones((len(seqs), max(len(s) for s in seqs)), np.int64)
    mask = np.zeros_like(ids)
    for r, s in enumerate(seqs):
        ids[r, :len(s)] = s
        mask[r, :len(s)] = 1
    return ids, mask


def teacher_vectors(model_path: Path, texts: list[str]) -> np.ndarray:
    """Step 2: e5's int8 ONNX query vectors (``encoder_build onnx``), batched by length."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(model_path / ONNX_DIR / ONNX_FILE), providers=["CPUExecutionProvider"])
    tok = _tokenizer(model_path)
    tok.enable_truncation(128)
    encs = [e.ids for e in tok.encode_batch([QUERY_PREFIX + t for t in texts])]
    order = sorted(range(len(texts)), key=lambda i: len(encs[i]))
    out: np.ndarray | None = None
    for b in range(0, len(order), 64):
        rows = order[b:b + 64]
        ids, mask = padded([encs[i] for i in rows])
        vectors = mean_pooled(session.run(None, {"input_ids": ids, "attention_mask": mask})[0], mask)
        if out is None:
            out = np.zeros((len(texts), vectors.shape[1]), np.float32)
        out[rows] = vectors
    assert out is not None, "no texts"
    return out


def passage_covariance(texts: list[str], bank: int = 4000, seed: int = 1) -> np.ndarray:
    """Step 3: the covariance of up to ``bank`` passage vectors, scaled to trace = dimensions."""
    from remissvar.embedding import get_embedder

    long = [t for t in texts if len(t.split()) >= 8]
    rng = np.random.default_rng(seed)
    pick = [long[i] for i in rng.choice(len(long), size=min(bank, len(long)), replace=False)]
    vectors = np.asarray(get_embedder().encode_passages(pick), dtype=np.float32)
    centred = vectors - vectors.mean(0)
    cov = centred.T @ centred / len(centred)
    return np.asarray(cov * (cov.shape[0] / np.trace(cov)), dtype=np.float32)


def distil(model_path: Path, texts: list[str], targets: np.ndarray, cov: np.ndarray,
           epochs: tuple[float, float] = (2.0, 2.0), held_out: int = 2000,
           log: Callable[[str], None] = print) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Step 4, both stages: the student's weights (without word embeddings) and its agreement
    with the teacher on ``held_out`` texts kept out of training."""
    import torch
    from transformers import AutoModel, BertModel

    torch.manual_seed(0)
    tok = _tokenizer(model_path)
    tok.enable_truncation(128)
    encs = [e.ids for e in tok.encode_batch([QUERY_PREFIX + t for t in texts])]
    y, c = torch.from_numpy(targets), torch.from_numpy(cov)
    teacher = AutoModel.from_pretrained(str(model_path))
    config = teacher.config
    config.num_hidden_layers = len(TEACHER_LAYERS)
    config.hidden_dropout_prob = config.attention_probs_dropout_prob = 0.0
    student: Any = BertModel(config, add_pooling_layer=False)
    student.embeddings.load_state_dict(teacher.embeddings.state_dict())
    for i, layer in enumerate(TEACHER_LAYERS):
        student.encoder.layer[i].load_state_dict(teacher.encoder.layer[layer].state_dict())
    del teacher
    student.embeddings.word_embeddings.weight.requires_grad_(False)
    rng = np.random.default_rng(0)
    idx = rng.permutation(len(texts))
    kept, rest = idx[:held_out], idx[held_out:]

    def embed(rows: list[int]) -> Any:
        ids, mask = (torch.from_numpy(a) for a in padded([encs[i] for i in rows]))
        hidden = student(input_ids=ids, attention_mask=mask).last_hidden_state
        return torch.nn.functional.normalize((hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True), dim=-1)

    order = sorted(rest, key=lambda i: len(encs[i]))
    batches = [order[b:b + 64] for b in range(0, len(order), 64)]
    for stage, (n_epochs, lr, alpha) in enumerate(((epochs[0], 1e-4, 0.0), (epochs[1], 5e-5, 1.0)), 1):
        opt = torch.optim.AdamW([p for p in student.parameters() if p.requires_grad], lr=lr, weight_decay=0.0)
        steps = max(1, int(len(batches) * n_epochs))
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps, pct_start=0.05)
        student.train()
        t0, step = time.time(), 0
        while step < steps:
            for b in rng.permutation(len(batches)):
                if step >= steps:
                    break
                rows = batches[b]
                v = embed(rows)
                d = v - y[rows]
                loss = (1 - (v * y[rows]).sum(-1)).mean() + alpha * 0.5 * ((d @ c) * d).sum(-1).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                step += 1
                if step % 200 == 0:
                    log(f"stage {stage}: {step}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f} s")
    student.eval()
    with torch.no_grad():
        cos = torch.cat([(embed(list(kept[b:b + 256])) * y[kept[b:b + 256]]).sum(-1)
                         for b in range(0, len(kept), 256)])
    state = {k: v.detach().numpy() for k, v in student.state_dict().items()
             if k != "embeddings.word_embeddings.weight"}
    return state, {"held_out_cosine_mean": round(float(cos.mean()), 4),
                   "held_out_cosine_p10": round(float(cos.quantile(0.1)), 4)}


def write_student(model_path: Path, state: dict[str, np.ndarray], recipe: dict[str, Any],
                  out: Path | None = None) -> Path:
    """Step 5: the weights and their recipe where ``encoder_build student`` looks."""
    out = out or student_weights_path(model_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_student_weights(state, out)
    name = json.loads((model_path / "remissvar_model.json").read_text(encoding="utf-8"))["name"]
    full = {"teacher": name, "layers": len(TEACHER_LAYERS), "teacher_layers": list(TEACHER_LAYERS), **recipe}
    (out.parent / STUDENT_RECIPE).write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/remissvar-student"), help="texts, teacher vectors (reused)")
    ap.add_argument("--epochs", default="2,2", help="epochs of stage 1 and of stage 2")
    args = ap.parse_args(argv)
    stage1, stage2 = (float(x) for x in args.epochs.split(","))
    model_path = get_settings().model_path
    args.work.mkdir(parents=True, exist_ok=True)
    texts_file, vectors_file = args.work / "texts.json", args.work / "teacher.npy"
    if not texts_file.exists():
        texts_file.write_text(json.dumps(training_texts(), ensure_ascii=False), encoding="utf-8")
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    if not vectors_file.exists():
        np.save(vectors_file, teacher_vectors(model_path, texts))
    print(f"{len(texts)} texts", flush=True)
    state, agreement = distil(model_path, texts, np.load(vectors_file), passage_covariance(texts), (stage1, stage2),
                              log=lambda m: print(m, flush=True))
    print(write_student(model_path, state, {"texts": len(texts), "epochs": [stage1, stage2], **agreement}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
