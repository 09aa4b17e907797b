"""The rules the tests compute with: a frozen copy of the price list (tests/data/rules/).

The business edits the live rules in rules/ and CI publishes them unattended, so no test
may depend on today's prices: the expected figures of the tests are worked out from this
copy, and the live rules are checked by validation and invariants (test_live_rules.py)."""

from functools import cache
from pathlib import Path

FROZEN_RULES = Path(__file__).resolve().parent / "data" / "rules"


@cache
def frozen_rules():
    """The frozen rules, once per test session: the Hypothesis strategies are built from
    their catalogue when a test module is imported, before any fixture."""
    from calculator.load import load_rules

    return load_rules(FROZEN_RULES)[0]


def edited_rules(folder: Path, file: str, old: str, new: str) -> Path:
    """A copy of the frozen rules in `folder`, with `old` replaced by `new` once in `file`,
    as the business would edit it (`old` must be there: the edit is not a no-op)."""
    import shutil

    shutil.copytree(FROZEN_RULES, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder
