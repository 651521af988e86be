"""The query encoders' tokenizer in a fifth of the memory: e5's unigram model run by SentencePiece.

e5's tokenizer (``tokenizer.json``, 250,002 unigram pieces) loaded by the ``tokenizers``
library takes ~282 MB of RAM - its piece trie is a map per node - which is most of what the
encoder service holds (issue 32: web tree plus service ≤ 600 MB PSS). SentencePiece runs the
same unigram model (the Viterbi split with the same unknown-piece penalty and unknowns fused)
from a double-array trie: ~55 MB. The text's way there stays the ``tokenizers`` library's own
code: the model's normalizer (control characters, NFKC, space runs) and its Metaspace
pre-tokenizer run from ``tokenizer.json``'s own definitions in a tokenizer without the piece
model, and SentencePiece splits each pre-token. So the ids are the package tokenizer's, checked
by ``tests/remissvar/test_query_tokenizer.py`` on the corpus and on generated hostile text.

Built once beside the model (``<model>/sentencepiece/``, by ``python -m
remissvar.query_tokenizer <model dir>``, which ``scripts/setup.sh`` runs after the ONNX
export); ``load_query_tokenizer`` builds it in a child process when missing (reading the 9 MB
JSON costs a transient ~150 MB that a long-lived process would keep as fragmentation) and falls
back to the ``tokenizers`` library, logged, when it cannot. Written here because no library
converts a ``tokenizers`` unigram model to SentencePiece (``transformers`` converts only the
other way).
"""
from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SP_DIR = "sentencepiece"
SP_MODEL = "unigram.model"
FRONT = "front.json"  # the normalizer, pre-tokenizer and special tokens of tokenizer.json
MAX_TOKENS = 512  # e5's window, the special tokens included (as ``enable_truncation(512)``)


@dataclass(frozen=True)
class Encoding:
    """One text's token ids (``<s> … </s>`` when with special tokens) and its attention mask."""

    ids: list[int]

    @property
    def attention_mask(self) -> list[int]:
        return [1] * len(self.ids)


def build(model_path: Path) -> Path:
    """Writes ``<model>/sentencepiece/`` from ``<model>/tokenizer.json`` (atomically: a reader
    never sees half a model) and returns the folder."""
    from sentencepiece import sentencepiece_model_pb2

    pb: Any = sentencepiece_model_pb2  # generated protobuf classes: attributes made at import

    spec = json.loads((model_path / "tokenizer.json").read_text(encoding="utf-8"))
    model = spec["model"]
    if model.get("type") != "Unigram" or model.get("byte_fallback"):
        raise ValueError(f"{model_path}: tokenizer.json is not a unigram model without byte fallback")
    specials = {t["content"] for t in spec.get("added_tokens", [])}
    proto = pb.ModelProto()
    for i, (piece, score) in enumerate(model["vocab"]):
        p = proto.pieces.add()
        p.piece, p.score = piece, score
        p.type = (pb.ModelProto.SentencePiece.UNKNOWN if i == model["unk_id"]
                  else pb.ModelProto.SentencePiece.CONTROL if piece in specials
                  else pb.ModelProto.SentencePiece.NORMAL)
    t = proto.trainer_spec
    t.model_type, t.vocab_size, t.unk_id = pb.TrainerSpec.UNIGRAM, len(model["vocab"]), model["unk_id"]
    t.bos_id = t.eos_id = t.pad_id = -1
    t.byte_fallback, t.split_by_whitespace = False, True
    n = proto.normalizer_spec  # the text arrives normalized and pre-tokenized (see the module doc)
    n.name, n.add_dummy_prefix, n.remove_extra_whitespaces, n.escape_whitespaces = "identity", False, False, True
    front = {
        "version": spec.get("version", "1.0"), "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": spec["normalizer"], "pre_tokenizer": spec["pre_tokenizer"], "post_processor": None,
        "decoder": None, "model": {"type": "WordLevel", "vocab": {"<unk>": 0}, "unk_token": "<unk>"},
        "remissvar_specials": {t["content"]: t["id"] for t in spec.get("added_tokens", [])},
        "remissvar_bos_eos": [_id(spec, "<s>"), _id(spec, "</s>")],
    }
    out = model_path / SP_DIR
    tmp = model_path / (SP_DIR + ".tmp")
    tmp.mkdir(exist_ok=True)
    (tmp / SP_MODEL).write_bytes(proto.SerializeToString())
    (tmp / FRONT).write_text(json.dumps(front, ensure_ascii=False), encoding="utf-8")
    if out.exists():
        for f in out.iterdir():
            f.unlink()
        out.rmdir()
    tmp.rename(out)
    return out


def _id(spec: dict[str, Any], token: str) -> int:
    return int(next(t["id"] for t in spec.get("added_tokens", []) if t["content"] == token))


class QueryTokenizer:
    """e5's tokenizer for queries: ``encode`` / ``encode_batch`` as the ``tokenizers`` library's
    (``.ids``, ``.attention_mask``), truncated to ``MAX_TOKENS``."""

    def __init__(self, sp_dir: Path) -> None:
        import sentencepiece as spm
        from tokenizers import Tokenizer

        front = json.loads((sp_dir / FRONT).read_text(encoding="utf-8"))
        self._specials: dict[str, int] = front.pop("remissvar_specials")
        self._bos, self._eos = front.pop("remissvar_bos_eos")
        front_tokenizer = Tokenizer.from_str(json.dumps(front))
        self._normalizer, self._pre_tokenizer = front_tokenizer.normalizer, front_tokenizer.pre_tokenizer
        # special tokens are matched in the raw text, longest first, as added tokens are
        longest_first = sorted(self._specials, key=len, reverse=True)
        self._split = re.compile("(" + "|".join(re.escape(s) for s in longest_first) + ")")
        self._sp = spm.SentencePieceProcessor(model_file=str(sp_dir / SP_MODEL))

    def encode(self, text: str, add_special_tokens: bool = True) -> Encoding:
        room = MAX_TOKENS - 2 if add_special_tokens else MAX_TOKENS
        ids: list[int] = []
        for part in self._split.split(text):
            if len(ids) >= room:
                break
            if part in self._specials:
                ids.append(self._specials[part])
                continue
            if not part:
                continue
            for piece, _ in self._pre_tokenizer.pre_tokenize_str(self._normalizer.normalize_str(part)):
                ids.extend(self._sp.EncodeAsIds(piece))
                if len(ids) >= room:
                    break
        ids = ids[:room]
        return Encoding([self._bos, *ids, self._eos] if add_special_tokens else ids)

    def encode_batch(self, texts: list[str]) -> list[Encoding]:
        return [self.encode(t) for t in texts]


def load_query_tokenizer(model_path: Path) -> Any:
    """The SentencePiece tokenizer of ``model_path`` (built in a child process when missing), or,
    when it cannot be built or read, the ``tokenizers`` library's (logged: ~230 MB more)."""
    sp_dir = model_path / SP_DIR
    try:
        if not (sp_dir / SP_MODEL).exists():
            subprocess.run([sys.executable, "-m", "remissvar.query_tokenizer", str(model_path)], check=True,
                           capture_output=True, timeout=300)
        return QueryTokenizer(sp_dir)
    except Exception as exc:  # noqa: BLE001 - any failure leaves the (larger) library tokenizer
        log.warning("frågetokeniseraren (SentencePiece) kunde inte läsas in från %s (%s); "
                    "använder tokenizers-bibliotekets, ~230 MB mer minne", sp_dir, exc)
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        tok.enable_truncation(MAX_TOKENS)
        return tok


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
