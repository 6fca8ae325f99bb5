"""Which cue patterns only ever match the dev sets? Print them.

Every family in `loopcoach.scoring.lexicon` and `loopcoach.scoring.cues` is a tuple of
alternative regular expressions (`_family(...)`, `_f(...)`). This takes each alternative
on its own and counts the texts it matches in three corpora:

- dev: ../shared/bench/dev.jsonl and dev_adversarial.jsonl (read here only to report);
- own: loopcoach's own corpus: the answers of src/loopcoach/scoring/data/calibration_*.jsonl,
  the exemplar answers of src/loopcoach/content/packs/**/questions/*.yaml and the pack's
  question texts (text, talking points, probes, pitfalls, exemplar notes);
- heldout: benchmarks/heldout/heldout_f.jsonl and heldout_g.jsonl.

A pattern that matches dev answers and nothing in the other two was most likely written
from a dev answer: the audit lists it. The families that read the question rather than
the answer (QUESTION_FAMILIES) are matched against questions instead.

    python benchmarks/pattern_audit.py          # the dev-only patterns and a total
    python benchmarks/pattern_audit.py --all    # every pattern with its three counts
    python benchmarks/pattern_audit.py --json   # the dev-only patterns as JSON

A text matches when the pattern is found in the whole text or in one of its sentences
(some cues anchor on a sentence start), after the scorer's own normalisation.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import yaml

from loopcoach.scoring import cues, lexicon
from loopcoach.scoring.cuecompile import Cue
from loopcoach.scoring.text import normalise, split_sentences

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
DATA = ROOT / "src" / "loopcoach" / "scoring" / "data"
PACKS = ROOT / "src" / "loopcoach" / "content" / "packs"
HELDOUT = ROOT / "benchmarks" / "heldout"

# Families the scorer applies to the question, not to the answer (flags.py).
QUESTION_FAMILIES = frozenset({"GTM_ASK", "NOT_GTM_ASK"})


@dataclass(frozen=True)
class Texts:
    answers: list[str]
    questions: list[str]


def _jsonl(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _from_rows(paths: list[Path]) -> Texts:
    rows = [r for p in paths for r in _jsonl(p)]
    return Texts(
        [str(r["answer"]) for r in rows],
        sorted({str(r.get("question", "")) for r in rows} - {""}),
    )


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def own_corpus() -> Texts:
    """Calibration answers, pack exemplar answers and the pack's question texts."""
    calibration = _from_rows(sorted(DATA.glob("calibration_*.jsonl")))
    answers = list(calibration.answers)
    questions = list(calibration.questions)
    for path in sorted(PACKS.glob("**/questions/*.yaml")):
        for q in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions", []):
            questions.append(str(q.get("text", "")))
            for key in ("talking_points", "probes", "pitfalls"):
                answers.extend(_strings(q.get(key)))
            for ex in q.get("exemplars", []) or []:
                answers.append(str(ex.get("answer", "")))
                answers.extend(_strings(ex.get("note")))
    return Texts(answers, questions)


def corpora() -> dict[str, Texts]:
    return {
        "dev": _from_rows([BENCH / "dev.jsonl", BENCH / "dev_adversarial.jsonl"]),
        "own": own_corpus(),
        "heldout": _from_rows([HELDOUT / "heldout_f.jsonl", HELDOUT / "heldout_g.jsonl"]),
    }


def families() -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(module, family name, alternatives) for every family, in source order."""
    modules: tuple[ModuleType, ...] = (lexicon, cues)
    for module in modules:
        short = module.__name__.rsplit(".", 1)[-1]
        for name, value in vars(module).items():
            if isinstance(value, Cue):
                yield short, name, value.patterns
            elif isinstance(value, re.Pattern) and name.isupper():
                yield short, name, (value.pattern,)


def _segments(texts: list[str]) -> list[list[str]]:
    out = []
    for raw in texts:
        t = normalise(raw)
        out.append([t, *(s.text for s in split_sentences(t))])
    return out


def _count(regex: re.Pattern[str], segmented: list[list[str]], by_sentence: bool) -> int:
    if not by_sentence:
        return sum(1 for parts in segmented if regex.search(parts[0]))
    return sum(1 for parts in segmented if any(regex.search(p) for p in parts))


# Only an anchor or a look-around can match inside a sentence and not in the whole text.
_SENTENCE_BOUND = re.compile(r"\^|\$|\(\?<?[=!]")


@dataclass(frozen=True)
class Row:
    module: str
    family: str
    pattern: str
    dev: int
    own: int
    heldout: int

    @property
    def dev_only(self) -> bool:
        return self.dev > 0 and self.own == 0 and self.heldout == 0


def audit() -> list[Row]:
    texts = corpora()
    seg = {k: (_segments(v.answers), _segments(v.questions)) for k, v in texts.items()}
    rows = []
    for module, family, patterns in families():
        pick = 1 if family in QUESTION_FAMILIES else 0
        for p in patterns:
            # The scorer's own compilation: 'I'd ' also matches 'I would ', and so on.
            regex = lexicon._compile((p,))
            by_sentence = bool(_SENTENCE_BOUND.search(p))
            counts = {k: _count(regex, v[pick], by_sentence) for k, v in seg.items()}
            rows.append(Row(module, family, p, counts["dev"], counts["own"], counts["heldout"]))
    return rows


def main(argv: list[str]) -> None:
    rows = audit()
    dev_only = [r for r in rows if r.dev_only]
    if "--json" in argv:
        print(json.dumps([r.__dict__ for r in dev_only], indent=1))
        return
    shown = rows if "--all" in argv else dev_only
    title = "every pattern" if "--all" in argv else "patterns that match only dev answers"
    print(f"{title} (counts: dev / own corpus / held-out)")
    for r in shown:
        mark = "  DEV-ONLY" if "--all" in argv and r.dev_only else ""
        print(f"{r.module}.{r.family:18} {r.dev:3} {r.own:4} {r.heldout:3}  {r.pattern}{mark}")
    n_families = len({(r.module, r.family) for r in rows})
    print(
        f"total: {len(dev_only)} dev-only patterns in "
        f"{len({(r.module, r.family) for r in dev_only})} families "
        f"(of {len(rows)} patterns in {n_families} families)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
