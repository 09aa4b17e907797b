"""Assertions shared by several test files."""

from calculator.inputs import PARAMS_BY_NAME


def assert_inputs_in_range(inputs, rules):
    """Every number within its contract range, and a commune the rules know."""
    for name, param in PARAMS_BY_NAME.items():
        value = getattr(inputs, name)
        if param.kind in ("int", "decimal", "level") and value is not None:
            assert param.minimum <= value <= param.maximum, (name, value)
    assert rules.commune(inputs.commune) is not None
