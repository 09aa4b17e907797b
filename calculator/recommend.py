"""\"Quel niveau choisir ?\": the recommended level, its reasons, and the break-even point.
Which inputs count, and from which threshold, is recommendation.yaml's."""

from decimal import Decimal

from .french import format_eur
from .money import up_to_quarter


def _reason(rules, inputs, levels: dict, condition) -> "str | None":
    """The condition's reason when it holds for these inputs, else None."""
    if condition.spend_level is not None:
        hourly, other = rules.hourly.level, condition.spend_level
        spend, total = levels[hourly].total_ht, levels[other].total_ht
        if spend < total:
            return None
        return condition.reason.format(**{f"niveau_{hourly}": format_eur(spend), f"niveau_{other}": format_eur(total)})
    count = sum(int(bool(inputs[name])) if rules.catalogue.entry(name).kind == "bool" else inputs[name]
                for name in condition.inputs)     # a yes counts as one
    if count < condition.minimum:
        return None
    return condition.reason.format(n=count, min=condition.minimum)


def recommend(rules, inputs, levels: dict):
    """(level, reasons): the first level of recommendation.yaml with a condition that holds,
    with the reasons of all its conditions that hold; else its `sinon`."""
    texts = rules.recommendation
    for advice in texts.levels:
        reasons = [reason for reason in (_reason(rules, inputs, levels, c) for c in advice.conditions) if reason]
        if reasons:
            return advice.level, reasons
    return texts.otherwise_level, [texts.otherwise]


def first_flat_level(rules) -> int:
    """The cheapest level with a monthly fee: the one the hourly level is weighed against."""
    return next(level for level in rules.levels if level != rules.hourly.level)


def break_even_hours(rules, levels: dict) -> Decimal:
    """Remote hours per month from which the first flat-fee level costs less than the level
    billed by the hour."""
    return up_to_quarter(levels[first_flat_level(rules)].total_ht / rules.hourly.remote_hour)
