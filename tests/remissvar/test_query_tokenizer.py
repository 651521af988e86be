"""The SentencePiece query tokenizer gives the ids of the model's own tokenizer.json (issue 32's
memory: remissvar.query_tokenizer) on the corpus's text and on generated hostile text."""
from __future__ import annotations

import functools
import json
import logging
import random
import shutil
from pathlib import Path

import pytest
from tokenizers import Tokenizer

from remissvar.query_tokenizer import MAX_TOKENS, SP_DIR, SP_MODEL, QueryTokenizer, build, load_query_tokenizer
from remissvar.settings import Settings

pytestmark = pytest.mark.services  # the converted model

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ALPHABET = "abcåäöéüÅÄÖ  \t\n.,:;-–—/()§%&<>\u200b\ufeff\u2581\x01ﬁ①Ⅻ漢字😀"


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model folder holding only the model's tokenizer.json, built here (not the one setup built)."""
    d = tmp_path_factory.mktemp("model")
    shutil.copy(Settings().model_path / "tokenizer.json", d / "tokenizer.json")
    build(d)
    return d


@pytest.fixture(scope="module")
def reference(model_dir: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    return tok


def _corpus_lines() -> list[str]:
    """The seed answers' lines and texts, and every string of the labelled sets (sentences,
    queries, drafts)."""
    lines: list[str] = []
    for f in sorted((FIXTURES.parent.parent / "bench" / "data").glob("*.jsonl")):
        for row in f.read_text(encoding="utf-8").splitlines():
            if row.strip():
                lines += [v for v in json.loads(row).values() if isinstance(v, str)]
    for f in sorted((FIXTURES / "seeds").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        lines += [ln for ln in text.splitlines() if ln.strip()]
        lines.append(text[:4000])  # past e5's 512 tokens: truncation
    assert len(lines) > 2000, "the seed texts and labelled sets are the corpus this test reads"
    return lines


def _hostile(n: int) -> list[str]:
    rnd = random.Random(7)
    made = ["", " ", "  inledande", "avslutande  ", "<s>hej</s> <unk> <pad>x", "<mask> prov", "query: ▁▁ord"]
    return made + ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 60))) for _ in range(n)]


@functools.lru_cache(maxsize=1)
def _piece_scores(tokenizer_json: str) -> dict[str, float]:
    return dict(json.loads(tokenizer_json)["model"]["vocab"])


def _piece(tok: Tokenizer, i: int) -> str:
    piece = tok.id_to_token(i)
    assert piece is not None, f"id {i} is no piece of the vocabulary"
    return piece


def _score(tok: Tokenizer, ids: list[int]) -> float:
    scores = _piece_scores(tok.to_str())
    return sum(scores[_piece(tok, i)] for i in ids)


def _equal_scoring_split(reference: Tokenizer, ours: list[int], theirs: list[int]) -> bool:
    """Both split the same text into pieces of the same total score: a tie in the Viterbi
    search, which SentencePiece and tokenizers break differently ('üüü' as ü+üü or üü+ü)."""
    same_text = "".join(_piece(reference, i) for i in ours) == "".join(_piece(reference, i) for i in theirs)
    return same_text and abs(_score(reference, ours) - _score(reference, theirs)) < 1e-4


@pytest.mark.parametrize("special", [True, False])
def test_ids_equal_the_model_tokenizer(model_dir: Path, reference: Tokenizer, special: bool) -> None:
    ours = QueryTokenizer(model_dir / SP_DIR)
    corpus = _corpus_lines()
    differ = [t for t in corpus if ours.encode(t, add_special_tokens=special).ids
              != reference.encode(t, add_special_tokens=special).ids]
    assert not differ, f"{len(differ)} of {len(corpus)} texts of the corpus differ, e.g. {differ[:3]!r}"
    hostile = _hostile(3000)
    pairs = [(ours.encode(t, add_special_tokens=special).ids, reference.encode(t, add_special_tokens=special).ids)
             for t in hostile]
    differ = [t for t, (a, b) in zip(hostile, pairs, strict=True)
              if a != b and not _equal_scoring_split(reference, a, b)]
    assert not differ, f"{len(differ)} of {len(hostile)} generated texts differ, e.g. {differ[:3]!r}"
    assert sum(a != b for a, b in pairs) <= 3, "ties are rare; more differences mean another cause"


def test_batch_and_mask(model_dir: Path, reference: Tokenizer) -> None:
    ours = QueryTokenizer(model_dir / SP_DIR)
    texts = ["query: bostäder på Södermalm", "query: " + "kombolägenheter " * 400]
    encs = ours.encode_batch(texts)
    assert [e.ids for e in encs] == [e.ids for e in reference.encode_batch(texts)]
    assert len(encs[1].ids) == MAX_TOKENS and encs[1].attention_mask == [1] * MAX_TOKENS


def test_missing_model_is_built_in_a_child(tmp_path: Path) -> None:
    shutil.copy(Settings().model_path / "tokenizer.json", tmp_path / "tokenizer.json")
    tok = load_query_tokenizer(tmp_path)
    assert isinstance(tok, QueryTokenizer) and (tmp_path / SP_DIR / SP_MODEL).exists()


def test_unreadable_model_falls_back_to_the_library_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copy(Settings().model_path / "tokenizer.json", tmp_path / "tokenizer.json")
    (tmp_path / SP_DIR).mkdir()
    (tmp_path / SP_DIR / SP_MODEL).write_bytes(b"inte en modell")
    with caplog.at_level(logging.WARNING, logger="remissvar.query_tokenizer"):
        tok = load_query_tokenizer(tmp_path)
    assert isinstance(tok, Tokenizer)
    assert "SentencePiece" in caplog.text and str(tmp_path / SP_DIR) in caplog.text
    assert tok.encode("query: bostäder").ids[0] == 0
