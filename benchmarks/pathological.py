"""Print how long the scorer takes on pathological answers, and whether it grows linearly.

    python benchmarks/pathological.py [--scale F] [--shape NAME ...] [--no-gil]

For each shape, the time to score an answer of that shape at three sizes (median of 3),
and the ratio of the largest to the smallest: 10x the characters should take about 10x
the time (linear); a pattern that backtracks quadratically shows about 100x. The time is
the scoring thread's CPU time, which a busy machine does not inflate; the wall time at the
largest size is printed beside it.

Answers go up to the scorer's limit of 200,000 characters and 10,000 words
(`engine.MAX_CHARS`, `types.MAX_WORDS`). A shape with a word every two characters cannot
reach 200,000 characters within 10,000 words, so those are timed at 2k, 10k and 20k; the
question (at most 5,000 characters through the web API) and the model answer (at most
50,000) are timed at their own limits.

Then, unless --no-gil, the longest single call into C (a regular expression search, a
stemmer call...) while scoring each shape at its largest size: the scorer holds the GIL
through such a call, so it is the longest time a scoring thread can keep every other
thread of the process (the web server's event loop and the other requests) from running.
Between calls, Python hands the GIL over every 5 ms.

--scale F   multiply every size by F (0.1 to time a quadratic scorer in reasonable time)
--shape     only these shapes (their names as printed)
--repeat N  runs at each size (default 3)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from loopcoach.scoring import score

QUESTION = "Tell me about a launch that missed its target. What did you do?"
SPARSE = (20_000, 100_000, 200_000)
DENSE = (2_000, 10_000, 20_000)
QUESTION_SIZES = (500, 2_500, 5_000)
REFERENCE_SIZES = (5_000, 25_000, 50_000)
PROSE = (
    "I led the checkout launch in Q3, because conversion had fallen from 3.1% to 2.4% after "
    "the redesign; I cut the scope to two flows instead of five, so we shipped in 6 weeks. "
    "Looking back, I should have set a kill threshold before we started.\n"
)


def fill(unit: str, n: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated to exactly n characters, between `head` and `tail`."""
    body = n - len(head) - len(tail)
    return head + (unit * (body // len(unit) + 1))[:body] + tail


@dataclass(frozen=True)
class Shape:
    name: str
    build: Callable[[int], str]
    sizes: tuple[int, int, int] = SPARSE
    field: str = "answer"  # or "question", "reference"


SHAPES = (
    Shape("digits", lambda n: fill("1", n)),
    Shape("'1,' repeated", lambda n: fill("1,", n)),
    Shape("'1.1.' repeated", lambda n: fill("1.1.", n)),
    Shape("'$1,000' repeated", lambda n: fill("$1,000", n)),
    Shape("'1%x' repeated", lambda n: fill("1%x", n)),
    Shape("'%x' repeated", lambda n: fill("%x", n)),
    Shape("'from 1' then digits", lambda n: fill("1", n, head="from 1")),
    Shape("'1/1/' repeated", lambda n: fill("1/", n)),
    Shape("one word", lambda n: fill("a", n)),
    Shape("'a-' repeated", lambda n: fill("a-", n)),
    Shape("spaces", lambda n: fill(" ", n, head="a", tail="b")),
    Shape("newlines", lambda n: fill("\n", n, head="a", tail="b")),
    Shape("dots", lambda n: fill(".", n, head="a", tail="b")),
    Shape("'1.' then dots", lambda n: fill(".", n, head="1", tail="b")),
    Shape("punctuation", lambda n: fill("!?.,;:-'\"()", n, head="a")),
    Shape("'I,' repeated", lambda n: fill("I,", n)),
    Shape("'if,' repeated", lambda n: fill("if,", n)),
    Shape("prose (10,000 words at most)", lambda n: fill(PROSE, n), (5_000, 25_000, 50_000)),
    Shape("'a ' repeated", lambda n: fill("a ", n), DENSE),
    Shape("digits and spaces", lambda n: fill("1 ", n), DENSE),
    Shape("'I ' repeated", lambda n: fill("I ", n), DENSE),
    Shape("'. ' repeated", lambda n: fill(". ", n, head="a"), DENSE),
    Shape("'a' and newlines", lambda n: fill("a\n", n), DENSE),
    Shape("'so ' repeated", lambda n: fill(", so", n), DENSE),
    Shape("question: '. ' repeated", lambda n: fill(". ", n), QUESTION_SIZES, "question"),
    Shape("question: 'why. '", lambda n: fill(". why", n), QUESTION_SIZES, "question"),
    Shape(
        "question: 'what is the biggest '",
        lambda n: fill("what is the biggest ", n),
        QUESTION_SIZES,
        "question",
    ),
    Shape("question: 'feedback '", lambda n: fill("feedback ", n), QUESTION_SIZES, "question"),
    Shape(
        "reference: dots", lambda n: fill(".", n, head="a", tail="b"), REFERENCE_SIZES, "reference"
    ),
    Shape("reference: digits", lambda n: fill("1", n), REFERENCE_SIZES, "reference"),
)


def run(shape: Shape, text: str) -> None:
    answer = text if shape.field == "answer" else PROSE
    question = text if shape.field == "question" else QUESTION
    reference = text if shape.field == "reference" else None
    score("pm", "hiring_manager", question, answer, reference=reference)


def median_seconds(shape: Shape, text: str, repeat: int) -> tuple[float, float]:
    """Median CPU seconds of the scoring thread and median wall seconds over `repeat` runs."""
    cpu, wall = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.thread_time()
        run(shape, text)
        cpu.append(time.thread_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return statistics.median(cpu), statistics.median(wall)


def longest_c_call(shape: Shape, text: str) -> tuple[float, str]:
    """The longest single call into C while scoring `text`, and the function's name.

    Only calls that run no Python code inside count: `any(generator)` runs Python between
    its items, and Python hands the GIL over there.
    """
    longest = (0.0, "")
    open_calls: list[list[Any]] = []  # [function, started, runs no Python]

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal longest
        if event == "c_call":
            open_calls.append([arg, time.perf_counter(), True])
        elif event in ("c_return", "c_exception") and open_calls:
            fn, t0, leaf = open_calls.pop()
            took = time.perf_counter() - t0
            if leaf and took > longest[0]:
                longest = (took, getattr(fn, "__qualname__", repr(fn)))
        elif event == "call":
            for call in open_calls:
                call[2] = False

    sys.setprofile(profile)
    try:
        run(shape, text)
    finally:
        sys.setprofile(None)
    return longest


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--shape", nargs="*", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-gil", action="store_true")
    args = parser.parse_args(argv)
    shapes = [s for s in SHAPES if not args.shape or s.name in args.shape]
    run(SHAPES[0], "warm up the caches and load the meaning table")
    print(f"CPU seconds of the scoring thread, median of {args.repeat}; wall seconds at the")
    print("largest size (more than CPU on a busy machine); ratio: largest over smallest (CPU).")
    print(f"{'shape':36} {'sizes':>17}  {'CPU seconds':^32} {'wall':>8} {'ratio':>6}")
    slowest: list[tuple[str, float, str]] = []
    for shape in shapes:
        sizes = [max(10, round(n * args.scale)) for n in shape.sizes]
        measured = [median_seconds(shape, shape.build(n), args.repeat) for n in sizes]
        cpu = [c for c, _ in measured]
        label = " / ".join(f"{n / 1000:g}k" if n >= 1000 else str(n) for n in sizes)
        figures = " / ".join(f"{t:8.3f}" for t in cpu)
        ratio = cpu[-1] / max(cpu[0], 1e-6)
        print(
            f"{shape.name:36} {label:>17}  {figures} {measured[-1][1]:8.3f} {ratio:6.1f}",
            flush=True,
        )
        if not args.no_gil:
            took, name = longest_c_call(shape, shape.build(sizes[-1]))
            slowest.append((shape.name, took, name))
    if slowest:
        print("\nlongest single C call (GIL held) while scoring the largest size:")
        for name, took, fn in slowest:
            print(f"  {name:38} {took * 1000:9.2f} ms  {fn}")


if __name__ == "__main__":
    main(sys.argv[1:])
