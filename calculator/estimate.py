"""One call from a query string to everything a visitor sees about prices."""

from dataclasses import dataclass
from decimal import Decimal

from .inputs import Inputs
from .pricing import estimate_levels
from .query import parse_query, to_query
from .recommend import break_even_hours, recommend


@dataclass(frozen=True)
class Estimate:
    inputs: Inputs
    notices: tuple
    levels: dict              # level number -> LevelEstimate
    recommended: int
    reasons: tuple
    break_even_hours: Decimal
    query: str                # canonical query string


def estimate(rules, inputs: Inputs, notices=()) -> Estimate:
    levels = estimate_levels(rules, inputs)
    level, reasons = recommend(rules, inputs, levels)
    return Estimate(inputs, tuple(notices), levels, level, tuple(reasons),
                    break_even_hours(rules, levels), to_query(inputs, rules))


def estimate_query(rules, query: str) -> Estimate:
    inputs, notices = parse_query(query, rules)
    return estimate(rules, inputs, notices)
