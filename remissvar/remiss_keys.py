"""Stable remiss keys, redirects and human corrections (SQLite, apart from the index).

A remiss key names a group of answers (``remissvar.linking``) and is what the index writes
as ``remiss_id`` and the web puts in URLs. The store keeps it stable:

- a group keeps its key when answers join it (``link``, incremental: the new answer is
  compared with the stored answers near its date, no re-clustering);
- when groups merge (a new answer links two groups, a full ``relink`` puts them together,
  or an admin ``merge``) the **older key survives** and the other **redirects** to it
  (``resolve`` follows redirects, so old URLs keep working);
- ``merge`` / ``split`` are human corrections, stored as must-/cannot-links between
  answers; ``relink`` (CLI command, reindex) re-clusters everything and applies them, so
  they survive re-crawl, re-link and reindex (the index is rebuilt from this store's keys);
- pairs scoring between the maybe and the merge threshold (``LinkConfig.thresholds``) are kept as
  "Kanske samma remiss" suggestions, queryable per key (``maybe``).

The file lives at ``default_store_path(settings)`` (``<data_dir>/remiss_keys.sqlite``);
``":memory:"`` gives a throw-away store (``remissvar link -`` without ``--store``).
One process writes at a time (SQLite's lock); readers may run beside it. A store object
holds one SQLite connection: open one per thread (web) or per worker process.
``link`` keeps a stored answer's key as it is; only ``relink`` (given the whole archive:
answers missing from ``refs`` are dropped) re-clusters.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from remissvar.linking import (
    AnswerRef,
    Embed,
    LinkConfig,
    PairScore,
    Profile,
    Vector,
    Weights,
    cluster,
    conflicts,
    cosine,
    embedding_text,
    pair_scores,
    profile,
    score_pair,
    signature,
    strong_keys,
    worth_scoring,
)
from remissvar.records import stable_id
from remissvar.settings import Settings, get_settings
from remissvar.sqlite_tx import immediate

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, ref TEXT NOT NULL, date TEXT, vec BLOB, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS answers_date ON answers(date);
CREATE INDEX IF NOT EXISTS answers_key ON answers(key);
CREATE TABLE IF NOT EXISTS strong (k TEXT NOT NULL, answer TEXT NOT NULL, PRIMARY KEY (k, answer));
CREATE TABLE IF NOT EXISTS keys (
    key TEXT PRIMARY KEY, seq INTEGER NOT NULL, redirect TEXT, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS constraints (
    a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('must', 'cannot')),
    seq INTEGER NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE IF NOT EXISTS suggestions (
    key_a TEXT NOT NULL, key_b TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (key_a, key_b));
CREATE TABLE IF NOT EXISTS df (token TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def default_store_path(settings: Settings | None = None) -> Path:
    return (settings or get_settings()).data_dir / "remiss_keys.sqlite"


def _pack(v: Vector) -> bytes:
    return struct.pack(f"<{len(v)}f", *v)


def _unpack(b: bytes) -> list[float]:
    return list(struct.unpack(f"<{len(b) // 4}f", b))


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class UnknownKeyError(KeyError):
    """No such remiss key."""


class RemissKeyStore:
    """Remiss keys of answers, with redirects, corrections and suggestions.

    ``embed`` (optional) turns a title into an e5 vector (e.g.
    ``remissvar.embedding.get_query_encoder().encode_query``); vectors are stored with the
    answer so that later comparisons need not embed again. Without it the linker uses the
    words of the titles only.
    """

    def __init__(self, path: Path | str, config: LinkConfig = LinkConfig(), embed: Embed | None = None) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL" if str(path) != ":memory:" else "PRAGMA journal_mode=MEMORY")
        self.db.executescript(_SCHEMA)
        self.config = config
        self.embed = embed

    def _thresholds(self) -> tuple[float, float]:
        return self.config.thresholds(self.embed is not None)

    def close(self) -> None:
        self.db.close()

    def _tx(self) -> AbstractContextManager[None]:
        return immediate(self.db)

    # ---- counters, keys ----------------------------------------------------------------
    def _next(self, name: str) -> int:
        row = self.db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        value = (row[0] if row else 0) + 1
        self.db.execute("INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)", (name, value))
        return value

    def _new_key(self, founder: str) -> str:
        seq = self._next("key")
        key = "r" + stable_id("remiss", founder, str(seq))[:15]
        self.db.execute("INSERT INTO keys (key, seq, redirect, created) VALUES (?, ?, NULL, ?)",
                        (key, seq, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        return key

    def _key_seq(self, key: str) -> int:
        row = self.db.execute("SELECT seq FROM keys WHERE key = ?", (key,)).fetchone()
        if not row:
            raise UnknownKeyError(key)
        return int(row[0])

    def resolve(self, key: str) -> str:
        """The live key a (possibly merged-away) key now stands for."""
        seen = set()
        while True:
            row = self.db.execute("SELECT redirect FROM keys WHERE key = ?", (key,)).fetchone()
            if not row:
                raise UnknownKeyError(key)
            if row[0] is None or key in seen:
                return key
            seen.add(key)
            key = row[0]

    def _redirect(self, old: str, new: str) -> None:
        if old == new:
            return
        self.db.execute("UPDATE keys SET redirect = ? WHERE key = ?", (new, old))
        self.db.execute("UPDATE keys SET redirect = ? WHERE redirect = ?", (new, old))  # no chains
        self.db.execute("UPDATE answers SET key = ? WHERE key = ?", (new, old))
        for a, b, s in self.db.execute("SELECT key_a, key_b, score FROM suggestions WHERE key_a = ? OR key_b = ?",
                                       (old, old)).fetchall():
            self.db.execute("DELETE FROM suggestions WHERE key_a = ? AND key_b = ?", (a, b))
            x, y = (new if a == old else a), (new if b == old else b)
            if x != y:
                self._suggest(x, y, s)

    def _survivor(self, keys: Iterable[str]) -> str:
        return min(set(keys), key=self._key_seq)

    # ---- reading -------------------------------------------------------------------------
    def key_of(self, answer_id: str) -> str | None:
        row = self.db.execute("SELECT key FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return str(row[0]) if row else None

    def keys(self) -> dict[str, str]:
        """Every answer's key."""
        return {str(a): str(k) for a, k in self.db.execute("SELECT id, key FROM answers ORDER BY seq")}

    def members(self, key: str) -> list[str]:
        k = self.resolve(key)
        return [str(r[0]) for r in self.db.execute("SELECT id FROM answers WHERE key = ? ORDER BY seq", (k,))]

    def keys_with(self, strong: Iterable[str]) -> list[str]:
        """The live keys of the groups whose answers carry one of these strong keys
        (``linking.strong_keys``: "dnr:…", "motion:…"): a summary of many answers finds its
        remiss by the dnr or motion number it prints."""
        found: set[str] = set()
        for k in set(strong):
            q = "SELECT DISTINCT a.key FROM strong s JOIN answers a ON a.id = s.answer WHERE s.k = ?"
            found.update(self.resolve(str(r[0])) for r in self.db.execute(q, (k,)))
        return sorted(found)

    def refs(self) -> list[AnswerRef]:
        return [AnswerRef.from_json(json.loads(r[0])) for r in self.db.execute("SELECT ref FROM answers ORDER BY seq")]

    def maybe(self, key: str) -> list[tuple[str, float]]:
        """"Kanske samma remiss": other live keys whose answers scored between the maybe and
        the merge threshold against this key's answers, best first (none an admin split)."""
        k = self.resolve(key)
        rows = self.db.execute(
            "SELECT key_b, score FROM suggestions WHERE key_a = ? UNION ALL "
            "SELECT key_a, score FROM suggestions WHERE key_b = ?", (k, k)).fetchall()
        best: dict[str, float] = {}
        for other, score in rows:
            o = self.resolve(other)
            if o != k and not self._separated(k, o):
                best[o] = max(best.get(o, 0.0), float(score))
        return sorted(best.items(), key=lambda x: (-x[1], x[0]))

    def _separated(self, key_a: str, key_b: str) -> bool:
        ma, mb = self.members(key_a), self.members(key_b)
        if not ma or not mb:
            return False
        q = ",".join("?" * len(ma))
        q2 = ",".join("?" * len(mb))
        row = self.db.execute(
            f"SELECT 1 FROM constraints WHERE kind = 'cannot' AND ((a IN ({q}) AND b IN ({q2})) OR "
            f"(b IN ({q}) AND a IN ({q2}))) LIMIT 1", (*ma, *mb, *ma, *mb)).fetchone()
        return row is not None

    def _suggest(self, a: str, b: str, score: float) -> None:
        x, y = _ordered(a, b)
        self.db.execute(
            "INSERT INTO suggestions (key_a, key_b, score) VALUES (?, ?, ?) "
            "ON CONFLICT (key_a, key_b) DO UPDATE SET score = max(score, excluded.score)", (x, y, score))

    # ---- profiles and weights ------------------------------------------------------------------
    def _weights(self) -> Weights:
        n = self.db.execute("SELECT count(*) FROM answers").fetchone()[0]
        return Weights(dict(self.db.execute("SELECT token, n FROM df").fetchall()), int(n))

    def _vector(self, ref: AnswerRef) -> list[float] | None:
        return [float(x) for x in self.embed(embedding_text(ref))] if self.embed else None

    def _store_answer(self, ref: AnswerRef, key: str, p: Profile, vec: Vector | None) -> None:
        old = self.db.execute("SELECT ref FROM answers WHERE id = ?", (ref.id,)).fetchone()
        if old:
            for t in profile(AnswerRef.from_json(json.loads(old[0]))).tokens:
                self.db.execute("UPDATE df SET n = n - 1 WHERE token = ?", (t,))
            self.db.execute("DELETE FROM strong WHERE answer = ?", (ref.id,))
        for t in p.tokens:
            self.db.execute("INSERT INTO df (token, n) VALUES (?, 1) ON CONFLICT (token) DO UPDATE SET n = n + 1",
                            (t,))
        for k in strong_keys(p):
            self.db.execute("INSERT OR IGNORE INTO strong (k, answer) VALUES (?, ?)", (k, ref.id))
        self.db.execute(
            "INSERT INTO answers (id, key, ref, date, vec, seq) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET key = excluded.key, ref = excluded.ref, date = excluded.date, "
            "vec = coalesce(excluded.vec, answers.vec)",
            (ref.id, key, json.dumps(ref.to_json(), ensure_ascii=False),
             ref.date.isoformat() if ref.date else None, _pack(vec) if vec is not None else None,
             self._next("answer")))

    def _constraints(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        must: list[tuple[str, str]] = []
        cannot: list[tuple[str, str]] = []
        for a, b, kind in self.db.execute("SELECT a, b, kind FROM constraints ORDER BY seq"):
            (must if kind == "must" else cannot).append((str(a), str(b)))
        return must, cannot

    # ---- incremental linking ------------------------------------------------------------------
    def link(self, ref: AnswerRef) -> str:
        """The key of a new (or re-crawled) answer, linked against the stored answers near its
        date and those sharing a dnr, motion number or attachment; no re-clustering.

        It joins the best group scoring at least ``merge`` (groups it also links to merge into
        the oldest key unless a cannot-link separates them); groups between ``maybe`` and
        ``merge`` become suggestions. A stored answer keeps its key."""
        with self._tx():
            existing = self.key_of(ref.id)
            p = profile(ref)
            vec = self._vector(ref)
            if existing is not None:
                self._store_answer(ref, existing, p, vec)
                return existing
            cand = self._candidates(ref, p)
            weights = self._weights()
            _, cannot_pairs = self._constraints()
            by_key: dict[str, float] = {}
            blocked: set[str] = set()
            sig = signature(p)
            strong = set(strong_keys(p))
            for other_ref, other_key, other_vec in cand:
                op = profile(other_ref)
                if not worth_scoring(p, op, sig, signature(op)) and not strong & set(strong_keys(op)):
                    continue
                es = cosine(vec, other_vec) if vec is not None and other_vec is not None else None
                ps = score_pair(p, op, weights, es, self.config)
                if ps.cannot_link or (_ordered(ref.id, other_ref.id) in set(cannot_pairs)):
                    blocked.add(other_key)
                else:
                    by_key[other_key] = max(by_key.get(other_key, 0.0), ps.score)
            merge, maybe = self._thresholds()
            linked = [k for k, s in by_key.items() if s >= merge and k not in blocked]
            if linked:
                key = self._survivor(linked)
                for other in linked:
                    if other != key and not self._separated(key, other) and not self._groups_conflict(key, other):
                        self._redirect(other, key)
            else:
                key = self._new_key(ref.id)
            self._store_answer(ref, key, p, vec)
            for k, s in by_key.items():
                k = self.resolve(k)
                if k != key and maybe <= s:
                    self._suggest(key, k, s)
            return key

    def _candidates(self, ref: AnswerRef, p: Profile) -> list[tuple[AnswerRef, str, list[float] | None]]:
        rows: dict[str, tuple[str, str, bytes | None]] = {}
        if ref.date:
            lo = (ref.date - dt.timedelta(days=self.config.window_days)).isoformat()
            hi = (ref.date + dt.timedelta(days=self.config.window_days)).isoformat()
            q = "SELECT id, key, ref, vec FROM answers WHERE (date BETWEEN ? AND ?) OR date IS NULL"
            for aid, key, r, v in self.db.execute(q, (lo, hi)):
                rows[aid] = (key, r, v)
        else:
            for aid, key, r, v in self.db.execute("SELECT id, key, ref, vec FROM answers"):
                rows[aid] = (key, r, v)
        for k in strong_keys(p):
            q = "SELECT a.id, a.key, a.ref, a.vec FROM strong s JOIN answers a ON a.id = s.answer WHERE s.k = ?"
            for aid, key, r, v in self.db.execute(q, (k,)):
                rows[aid] = (key, r, v)
        return [(AnswerRef.from_json(json.loads(r)), key, _unpack(v) if v else None)
                for aid, (key, r, v) in rows.items() if aid != ref.id]

    def _groups_conflict(self, key_a: str, key_b: str) -> bool:
        """A scored cannot-link between any two answers of the two groups."""
        ra = [AnswerRef.from_json(json.loads(r[0]))
              for r in self.db.execute("SELECT ref FROM answers WHERE key = ?", (key_a,))]
        rb = [AnswerRef.from_json(json.loads(r[0]))
              for r in self.db.execute("SELECT ref FROM answers WHERE key = ?", (key_b,))]
        pa, pb = [profile(r) for r in ra], [profile(r) for r in rb]
        return any(conflicts(x, y) for x in pa for y in pb)

    # ---- full re-link -----------------------------------------------------------------------------
    def relink(self, refs: Sequence[AnswerRef] | None = None) -> dict[str, str]:
        """Re-cluster every answer (``refs`` replaces the stored set when given; answers not
        in it are dropped) with the human corrections applied; groups keep their keys, a group
        holding answers of several old keys keeps the oldest, the others redirect to it.
        Returns every answer's key."""
        with self._tx():
            if refs is not None:
                keep = {r.id for r in refs}
                stored = {str(r[0]) for r in self.db.execute("SELECT id FROM answers")}
                for gone in stored - keep:
                    self.db.execute("DELETE FROM answers WHERE id = ?", (gone,))
                    self.db.execute("DELETE FROM strong WHERE answer = ?", (gone,))
                old_keys = dict(self.keys())
                self.db.execute("DELETE FROM df")
                for r in refs:
                    vec_row = self.db.execute("SELECT vec FROM answers WHERE id = ?", (r.id,)).fetchone()
                    vec = _unpack(vec_row[0]) if vec_row and vec_row[0] else self._vector(r)
                    self._store_answer(r, old_keys.get(r.id, ""), profile(r), vec)
            all_refs = self.refs()
            profiles = [profile(r) for r in all_refs]
            vectors = {str(a): _unpack(v) for a, v in self.db.execute("SELECT id, vec FROM answers")
                       if v is not None}
            if self.embed is not None:
                for r in all_refs:
                    if r.id not in vectors:
                        v = self._vector(r)
                        if v is not None:
                            vectors[r.id] = v
            scores = pair_scores(profiles, self.config, vectors if vectors else None, self._weights())
            must, cannot = self._constraints()
            groups = cluster([r.id for r in all_refs], scores, self._thresholds()[0], must, cannot)
            self._assign(groups)
            self._refresh_suggestions(scores)
            return self.keys()

    def _assign(self, groups: list[list[str]]) -> None:
        current = {a: k for a, k in self.keys().items() if k}
        live = {k: self.resolve(k) for k in set(current.values())}
        current = {a: live[k] for a, k in current.items()}
        # each old key goes to the group holding most of its answers; each group takes the
        # oldest of the keys it was given
        holders: dict[str, Counter[int]] = {}
        for g, members in enumerate(groups):
            for a in members:
                if a in current:
                    holders.setdefault(current[a], Counter())[g] += 1
        offered: dict[int, list[str]] = {}
        for k, cnt in holders.items():
            g = max(cnt, key=lambda x: (cnt[x], -x))
            offered.setdefault(g, []).append(k)
        taken: dict[int, str] = {}
        for g, ks in offered.items():
            taken[g] = self._survivor(ks)
        for g, members in enumerate(groups):
            key = taken.get(g) or self._new_key(members[0])
            for a in members:
                self.db.execute("UPDATE answers SET key = ? WHERE id = ?", (key, a))
        # keys no group took redirect to the group holding most of their answers
        for k, cnt in holders.items():
            g = max(cnt, key=lambda x: (cnt[x], -x))
            if taken.get(g) != k:
                self.db.execute("UPDATE keys SET redirect = ? WHERE key = ?", (taken[g], k))
                self.db.execute("UPDATE keys SET redirect = ? WHERE redirect = ?", (taken[g], k))

    def _refresh_suggestions(self, scores: Iterable[PairScore]) -> None:
        self.db.execute("DELETE FROM suggestions")
        key = self.keys()
        maybe = self._thresholds()[1]
        for ps in scores:
            if ps.cannot_link or not (maybe <= ps.score):
                continue
            ka, kb = key.get(ps.a), key.get(ps.b)
            if ka and kb and ka != kb:
                self._suggest(ka, kb, ps.score)

    # ---- human corrections ---------------------------------------------------------------------
    def _constrain(self, xs: Iterable[str], ys: Iterable[str], kind: str) -> None:
        ys = list(ys)
        for x in xs:
            for y in ys:
                if x != y:
                    a, b = _ordered(x, y)
                    self.db.execute(
                        "INSERT INTO constraints (a, b, kind, seq) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (a, b) DO UPDATE SET kind = excluded.kind, seq = excluded.seq",
                        (a, b, kind, self._next("constraint")))

    def merge(self, key_a: str, key_b: str) -> str:
        """An admin says two keys are one remiss: the older key survives, the other redirects.
        Kept as must-links between the answers (they survive ``relink``)."""
        with self._tx():
            a, b = self.resolve(key_a), self.resolve(key_b)
            if a == b:
                return a
            ma, mb = self.members(a), self.members(b)
            self._constrain(ma, mb, "must")
            survivor = self._survivor([a, b])
            self._redirect(b if survivor == a else a, survivor)
            return survivor

    def split(self, key: str, answer_ids: Sequence[str]) -> str:
        """An admin says these answers of ``key`` answer another remiss: they get a new key
        (the group keeps its key). Kept as cannot-links to the rest (they survive ``relink``)."""
        with self._tx():
            k = self.resolve(key)
            members = self.members(k)
            moved = [a for a in answer_ids if a in members]
            if not moved:
                raise ValueError("inga av svaren hör till " + k)
            rest = [a for a in members if a not in moved]
            if not rest:
                return k
            self._constrain(moved, rest, "cannot")
            self._constrain(moved, moved, "must")
            new = self._new_key(moved[0])
            for a in moved:
                self.db.execute("UPDATE answers SET key = ? WHERE id = ?", (new, a))
            return new

    def corrections(self) -> list[tuple[str, str, str]]:
        """Stored corrections as (answer, answer, 'must'|'cannot')."""
        rows = self.db.execute("SELECT a, b, kind FROM constraints ORDER BY seq")
        return [(str(a), str(b), str(k)) for a, b, k in rows]


def link_refs(refs: Sequence[AnswerRef], store: RemissKeyStore | None = None,
              incremental: bool = False) -> dict[str, str]:
    """Keys for a batch of answers: a full re-link in ``store`` (a throw-away in-memory store
    when none), or one ``link`` per answer with ``incremental``."""
    s = store or RemissKeyStore(":memory:")
    if incremental:
        return {r.id: s.link(r) for r in refs}
    keys = s.relink(list(refs) if store is None else _merged_refs(s, refs))
    return {r.id: keys[r.id] for r in refs}


def _merged_refs(store: RemissKeyStore, refs: Sequence[AnswerRef]) -> list[AnswerRef]:
    by_id: dict[str, AnswerRef] = {r.id: r for r in store.refs()}
    by_id.update({r.id: r for r in refs})
    return list(by_id.values())


def link_jsonl(lines: Iterable[str], store: RemissKeyStore | None = None,
               incremental: bool = False) -> list[dict[str, str]]:
    """``remissvar link -``: JSON lines ``{"id","council","date","title","lines":[…],"text"?}``
    in, ``{"id","remiss_key"}`` out in input order (answers with one key answer one remiss)."""
    refs: list[AnswerRef] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            refs.append(AnswerRef.from_json(json.loads(line)))
        except (ValueError, TypeError) as e:
            raise ValueError(f"rad {n}: {e}") from e
    keys = link_refs(refs, store, incremental)
    return [{"id": r.id, "remiss_key": keys[r.id]} for r in refs]
