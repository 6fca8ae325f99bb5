"""The vendored Chart.js is the file its README names, by version and hash."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).parents[2] / "src" / "loopcoach" / "web" / "static" / "vendor"


def test_vendored_chart_js_matches_its_readme() -> None:
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    library = (VENDOR / "chart.umd.min.js").read_bytes()
    version = re.search(r"\| `chart.umd.min.js` \| .*? \| ([\d.]+) \| MIT", readme)
    assert version is not None
    assert f"Chart.js v{version.group(1)}" in library[:200].decode()
    assert hashlib.sha256(library).hexdigest() in readme
    assert "MIT License" in (VENDOR / "chart.js.LICENSE.md").read_text(encoding="utf-8")
