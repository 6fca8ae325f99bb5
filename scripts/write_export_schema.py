"""Write the JSON Schema of `loopcoach.export/1` from the models that validate imports.

    python scripts/write_export_schema.py

A test fails when the shipped file and the models disagree, so run this after changing them.
"""

from __future__ import annotations

import json
from pathlib import Path

from loopcoach.store.transfer import json_schema

TARGET = (
    Path(__file__).parents[1] / "src" / "loopcoach" / "services" / "data" / "export.schema.json"
)


def main() -> None:
    TARGET.write_text(
        json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
