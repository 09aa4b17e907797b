"""The rules the tests compute with: a frozen copy of the price list (tests/data/rules/).

The business edits the live rules in rules/ and CI publishes them unattended, so no test
may depend on today's prices: the expected figures of the tests are worked out from this
copy, and the live rules are checked by validation and invariants (test_live_rules.py)."""

from pathlib import Path

FROZEN_RULES = Path(__file__).resolve().parent / "data" / "rules"
