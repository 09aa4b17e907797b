"""The benchmark's tables in docs/performance.md, written from bench/*.json.

`python bench/tables.py` rewrites each block between `<!-- bench/NAME.json -->` and
`<!-- /bench/NAME.json -->` with the table of that file's summary, as bench/run.py prints
it; `make bench` and `make bench-reseau` run it after bench/run.py. tests/test_docs.py checks
that the page and the files agree.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import from_comparison  # noqa: E402
from bench.run import network_table, table  # noqa: E402

PAGE = ROOT / "docs" / "performance.md"
BLOCK = re.compile(r"(<!-- (bench/[\w.-]+\.json) -->\n)(.*?)(<!-- /\2 -->)", re.S)


def table_of(path: Path) -> str:
    """The table of one bench result: localhost or over a phone's network."""
    report = json.loads(path.read_text(encoding="utf-8"))
    summary = report["resume"]
    if "froid_ms" in summary:         # bench/from_comparison.py
        shown = from_comparison.table(summary).replace("\n", "\n\n", 1)
    elif "reseau" in summary:
        shown = network_table(summary).replace("\n", "\n\n", 1)
    else:
        shown = table(summary)
    cores = report["machine"].get("coeurs_du_navigateur", "tous")
    confined = "" if cores == "tous" else f", navigateur confiné au(x) cœur(s) {cores}"
    return f"{shown}\n\nPasses : {report['machine'].get('passes', '?')}, le {report['date'][:10]}{confined}.\n"


def with_tables(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + table_of(ROOT / m.group(2)) + m.group(4), text)


def main() -> int:
    PAGE.write_text(with_tables(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
