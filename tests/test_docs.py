"""The documentation stays true: the figures of docs/performance.md are the benchmark's (no
hand copy that could drift from the bench/*.json it reports), and every link, path and make
target the README and docs/ name exists."""

import re
from pathlib import Path

import pytest

from bench import tables

ROOT = Path(__file__).resolve().parents[1]


def test_performance_tables_are_the_bench_results():
    text = tables.PAGE.read_text(encoding="utf-8")
    blocks = tables.BLOCK.findall(text)
    assert {name for _, name, _, _ in blocks} == {f"bench/{path.name}" for path in (ROOT / "bench").glob("latest*.json")}
    assert tables.with_tables(text) == text, "run: python bench/tables.py"


PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A path in backquotes that starts with one of the repository's folders.
REPO_PATH = re.compile(r"`((?:rules|tests|site|calculator|build_steps|precompile|bench|docs|\.ci|\.github)/[^`\s*<>…]*)`")


def test_readme_stays_short():
    """For users and maintainers; the reference lives in docs/."""
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 300


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_path_and_make_target_of_the_docs_exists(page):
    text = page.read_text(encoding="utf-8")
    links = [target for target in re.findall(r"\]\(([^)#\s]+)", text) if "://" not in target]
    assert [target for target in links if not (page.parent / target).exists()] == []
    assert [path for path in REPO_PATH.findall(text) if not (ROOT / path).exists()] == []
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"`make ([a-z-]+)", text)
    assert [target for target in targets if not re.search(rf"^{target}:", makefile, re.M)] == []


def test_the_readme_links_every_page_of_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [page.name for page in PAGES[1:] if f"](docs/{page.name})" not in readme] == []
