"""Monthly estimates for the three levels. Pure functions of (Inputs, Rules).

Each line is quantity x unit price, fixed to the cent half-up; the total HT is the sum of
the lines; VAT is fixed to the cent half-up on the total; TTC = HT + VAT.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .inputs import Inputs
from .money import to_cents


@dataclass(frozen=True)
class Line:
    """quantity x unit price. `item` says what is counted and `facts` what its name needs
    (labels.py writes it in French): the arithmetic here names nothing."""
    item: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    facts: tuple = ()         # (name, value) pairs


@dataclass(frozen=True)
class LevelEstimate:
    level: int
    lines: tuple
    total_ht: Decimal
    vat: Decimal
    total_ttc: Decimal
    annual_ht: Decimal
    annual_ttc: Decimal
    travel_per_visit: Decimal     # for the chosen commune; outside the total at levels 2 and 3


def _line(item: str, quantity, unit_price: Decimal, **facts) -> Line:
    quantity = Decimal(quantity)
    return Line(item, quantity, unit_price, to_cents(quantity * unit_price), tuple(facts.items()))


def workstation_lines(bands, workstations: int) -> list:
    """Graduated bands: each workstation is priced at the rate of the band it falls in."""
    lines = []
    for band in bands:
        top = workstations if band.last is None else min(workstations, band.last)
        count = top - band.first + 1
        if count > 0:
            lines.append(_line("postes", count, band.price, band=band))
    return lines


def backup_line(backup, inputs: Inputs) -> "Line | None":
    included = backup.included_gb + backup.included_per_workstation_gb * inputs.postes
    extra = Decimal(inputs.sauvegarde) - included
    if extra <= 0:
        return None
    blocks = (extra / backup.block_gb).to_integral_value(rounding=ROUND_CEILING)
    return _line("sauvegarde", blocks, backup.block_price, included_gb=included, block_gb=backup.block_gb)


def paid_level_lines(level, inputs: Inputs) -> list:
    lines = [_line("forfait_site", inputs.sites, level.site_fee)]
    lines += workstation_lines(level.bands, inputs.postes)
    optional = [
        ("serveurs", inputs.serveurs, level.server),
        ("imagerie", inputs.imagerie, level.imaging),
        ("licences", inputs.licences, level.extra_licence),
    ]
    lines += [_line(item, count, price) for item, count, price in optional if count]
    backup = backup_line(level.backup, inputs)
    return lines + ([backup] if backup else [])


def level1_hours(rates, inputs: Inputs) -> Decimal:
    if inputs.heures is not None:
        return inputs.heures
    return (rates.hours_per_workstation * inputs.postes + rates.hours_per_server * inputs.serveurs
            + rates.hours_per_imaging * inputs.imagerie)


def level1_visits(rates, inputs: Inputs) -> Decimal:
    if inputs.visites is not None:
        return inputs.visites
    return rates.visits_per_device * (inputs.postes + inputs.serveurs + inputs.imagerie)


def level1_lines(rules, inputs: Inputs, zone: int) -> list:
    """Level 1 has no fee: the lines are the expected spend at the hourly rates."""
    rates = rules.level1
    hours, visits = level1_hours(rates, inputs), level1_visits(rates, inputs)
    visit_price = rates.onsite_hour * rates.hours_per_visit + rules.travel[zone]
    return [
        _line("distanciel", hours, rates.remote_hour, given=inputs.heures is not None),
        _line("sur_site", visits, visit_price, hours_per_visit=rates.hours_per_visit, zone=zone,
              given=inputs.visites is not None),
    ]


def _totals(level: int, lines: list, vat_percent: Decimal, travel: Decimal) -> LevelEstimate:
    total_ht = sum((line.amount for line in lines), Decimal("0.00"))
    vat = to_cents(total_ht * vat_percent / 100)
    total_ttc = total_ht + vat
    return LevelEstimate(level, tuple(lines), total_ht, vat, total_ttc,
                         total_ht * 12, total_ttc * 12, travel)


def estimate_levels(rules, inputs: Inputs) -> dict:
    """Level number -> LevelEstimate, for the three levels."""
    zone = rules.commune(inputs.commune).zone
    travel = rules.travel[zone]
    levels = {1: _totals(1, level1_lines(rules, inputs, zone), rules.vat_percent, travel)}
    for number, level in rules.paid.items():
        levels[number] = _totals(number, paid_level_lines(level, inputs), rules.vat_percent, travel)
    return levels
