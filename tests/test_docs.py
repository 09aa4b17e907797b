"""The documentation's figures are the benchmark's: no table of docs/performance.md is a
hand copy that could drift from the bench/*.json it reports."""

from pathlib import Path

from bench import tables

ROOT = Path(__file__).resolve().parents[1]


def test_performance_tables_are_the_bench_results():
    text = tables.PAGE.read_text(encoding="utf-8")
    blocks = tables.BLOCK.findall(text)
    assert {name for _, name, _, _ in blocks} == {f"bench/{path.name}" for path in (ROOT / "bench").glob("latest*.json")}
    assert tables.with_tables(text) == text, "run: python bench/tables.py"
