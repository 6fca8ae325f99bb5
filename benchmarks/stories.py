"""Story bank latency: the coverage matrix with 50 stories (target: under 50 ms server time).

Run: `python benchmarks/stories.py`. Adds 50 varied stories to a fresh SQLite file,
then times the coverage service call and the whole /stories/coverage page (coverage
plus the stretch warnings, rendered) in-process, and `stories match`, median of 20.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from loopcoach.content.index import load_content
from loopcoach.services.stories import StoryInput, StoryService
from loopcoach.settings import Settings
from loopcoach.web import create_app

N_STORIES = 50
RUNS = 20
TARGET_MS = 50.0
THEMES = (
    ("a checkout outage at peak traffic", "sharded the service and added a fallback queue"),
    ("sellers threatening to leave over a new fee", "interviewed sellers and tiered the fee"),
    ("a launch slipping behind schedule", "set weekly checkpoints and cut scope"),
    ("a model that overfitted on holiday data", "cleaned the data and ran an A/B test"),
    ("a partner team refusing to share an API", "aligned our goals and shared the win"),
)


def _story(i: int) -> StoryInput:
    problem, fix = THEMES[i % len(THEMES)]
    return StoryInput(
        title=f"Story {i}: {problem}",
        situation=f"In quarter {i % 4 + 1} we faced {problem}, affecting {1000 + i} users.",
        task="I owned the outcome and had two weeks to fix it.",
        action=f"I {fix}, and kept the stakeholders informed every day.",
        result=f"Conversion rose {i % 9 + 1}% and complaints fell by half.",
        reflection="I learned to raise risks earlier and would test sooner next time.",
    )


def _median_ms(fn: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="loopcoach-bench-stories-"))
    settings = Settings(
        data_dir=root / "data",
        config_dir=root / "config",
        database_url=f"sqlite:///{root / 'data' / 'loopcoach.sqlite3'}",
        pack_dirs=[],
        user="local",
    )
    content = load_content()
    app = create_app(settings, content=content)
    svc = StoryService(app.state.web.store, content)
    start = time.perf_counter()
    for i in range(N_STORIES):
        svc.add(_story(i))
    add_ms = (time.perf_counter() - start) * 1000 / N_STORIES
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.get("/stories/coverage?track=pm")  # warm up templates and vectors
        coverage_ms = _median_ms(lambda: svc.coverage("pm"))
        page_ms = _median_ms(lambda: client.get("/stories/coverage?track=pm"))
        api_match_ms = _median_ms(
            lambda: client.get("/api/v1/stories/match", params={"q": "Tell me about an outage"})
        )
    warnings_ms = _median_ms(lambda: svc.warnings("pm"))
    from loopcoach.services import stories as stories_module

    def cold_page() -> None:  # as after a restart: no closeness remembered
        stories_module._CLOSE.clear()
        client.get("/stories/coverage?track=pm")

    with TestClient(app, base_url="http://127.0.0.1") as client:
        cold_ms = _median_ms(cold_page, runs=5)
    print(f"stories: {N_STORIES}; median of {RUNS} runs")
    print(f"add (score + suggest + store), per story: {add_ms:.1f} ms")
    print(f"coverage matrix (service):                {coverage_ms:.1f} ms")
    print(f"stretch warnings (service):               {warnings_ms:.1f} ms")
    print(f"GET /stories/coverage (matrix + warnings): {page_ms:.1f} ms")
    print(f"  the same, first view after a restart:    {cold_ms:.1f} ms")
    print(f"GET /api/v1/stories/match:                {api_match_ms:.1f} ms")
    ok = page_ms < TARGET_MS
    print(f"coverage page target < {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    app.state.web.store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
