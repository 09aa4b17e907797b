"""Monthly estimates for every level. Pure functions of (Rules, Inputs).

Each line is quantity x unit price, fixed to the cent half-up; the total HT is the sum of
the lines; VAT is fixed to the cent half-up on the total; TTC = HT + VAT. What is priced,
and how, is the catalogue's (rules/offre.yaml): each entry says its terms at each level.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .catalogue import BANDS, BEYOND, LEVEL1_HOURS, LEVEL1_VISITS, YES_NO
from .money import to_cents


@dataclass(frozen=True)
class Line:
    """quantity x unit price. `entry` is the catalogue's entry priced (None for the hourly
    level's own lines, named by `item`), `facts` what its name needs (labels.py writes it in
    French): the arithmetic here names nothing."""
    item: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    facts: tuple = ()         # (name, value) pairs
    entry: object = None


@dataclass(frozen=True)
class LevelEstimate:
    level: int
    lines: tuple
    total_ht: Decimal
    vat: Decimal
    total_ttc: Decimal
    annual_ht: Decimal
    annual_ttc: Decimal
    travel_per_visit: Decimal     # for the chosen commune; outside the total at the flat-fee levels


def _line(item: str, quantity, unit_price: Decimal, entry=None, **facts) -> Line:
    quantity = Decimal(quantity)
    return Line(item, quantity, unit_price, to_cents(quantity * unit_price), tuple(facts.items()), entry)


def units(entry, inputs) -> Decimal:
    """How many of an entry the practice has: its count, or for a yes/no 1 (times the count
    it is priced per) when yes."""
    value = inputs[entry.name]
    if entry.type == YES_NO:
        return Decimal(inputs[entry.per] if entry.per else 1) if value else Decimal(0)
    return Decimal(value)


def band_lines(entry, bands, count: int) -> list:
    """Graduated bands: each unit is priced at the rate of the band it falls in."""
    lines = []
    for band in bands:
        top = count if band.last is None else min(count, band.last)
        in_band = top - band.first + 1
        if in_band > 0:
            lines.append(_line(entry.name, in_band, band.price, entry, band=band))
    return lines


def beyond_line(entry, terms, inputs) -> "Line | None":
    """Per started block beyond the allowance (the backup: so many GB, and so many per workstation)."""
    included = terms.included + (terms.included_per_unit * inputs[entry.included_per] if entry.included_per else 0)
    extra = Decimal(inputs[entry.name]) - included
    if extra <= 0:
        return None
    blocks = (extra / terms.block).to_integral_value(rounding=ROUND_CEILING)
    return _line(entry.name, blocks, terms.price, entry, included=included, block=terms.block)


def entry_lines(entry, terms, inputs) -> list:
    """The cost lines of one catalogue entry at one level (none when it is not priced there)."""
    if not terms.priced:
        return []
    if entry.type == BANDS:
        return band_lines(entry, terms.bands, inputs[entry.name])
    if entry.type == BEYOND:
        line = beyond_line(entry, terms, inputs)
        return [line] if line else []
    count = units(entry, inputs)
    return [_line(entry.name, count, terms.price, entry)] if count else []


def catalogue_lines(rules, level: int, inputs) -> list:
    lines = []
    for entry in rules.catalogue.priced_lines_order():
        lines += entry_lines(entry, entry.levels[level], inputs)
    return lines


def _expected(rules, inputs, role: str, per_unit) -> Decimal:
    """The hourly level's hours or visits: the visitor's own figure, else what each entry adds."""
    given = rules.catalogue.with_role(role)
    if given is not None and inputs[given.name] is not None:
        return inputs[given.name]
    level = rules.hourly.level
    return sum((per_unit(entry.levels[level]) * units(entry, inputs)
                for entry in rules.catalogue.entries if entry.levels), Decimal(0))


def level1_hours(rules, inputs) -> Decimal:
    return _expected(rules, inputs, LEVEL1_HOURS, lambda terms: terms.hours)


def level1_visits(rules, inputs) -> Decimal:
    return _expected(rules, inputs, LEVEL1_VISITS, lambda terms: terms.visits)


def _given(rules, inputs, role: str) -> bool:
    entry = rules.catalogue.with_role(role)
    return entry is not None and inputs[entry.name] is not None


def hourly_lines(rules, inputs, zone: int) -> list:
    """The level billed by the hour has no fee: its lines are the expected spend at its rates."""
    rates = rules.hourly
    hours, visits = level1_hours(rules, inputs), level1_visits(rules, inputs)
    visit_price = rates.onsite_hour * rates.hours_per_visit + rules.travel[zone]
    return [
        _line("distanciel", hours, rates.remote_hour, given=_given(rules, inputs, LEVEL1_HOURS)),
        _line("sur_site", visits, visit_price, hours_per_visit=rates.hours_per_visit, zone=zone,
              given=_given(rules, inputs, LEVEL1_VISITS)),
    ]


def _totals(level: int, lines: list, vat_percent: Decimal, travel: Decimal) -> LevelEstimate:
    total_ht = sum((line.amount for line in lines), Decimal("0.00"))
    vat = to_cents(total_ht * vat_percent / 100)
    total_ttc = total_ht + vat
    return LevelEstimate(level, tuple(lines), total_ht, vat, total_ttc,
                         total_ht * 12, total_ttc * 12, travel)


def estimate_levels(rules, inputs) -> dict:
    """Level number -> LevelEstimate, for every level."""
    zone = rules.commune(inputs[rules.catalogue.commune_entry().name]).zone
    travel = rules.travel[zone]
    levels = {}
    for level in rules.levels:
        lines = hourly_lines(rules, inputs, zone) if level == rules.hourly.level else []
        levels[level] = _totals(level, lines + catalogue_lines(rules, level, inputs), rules.vat_percent, travel)
    return levels
