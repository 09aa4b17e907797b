"""\"Quel niveau choisir ?\": the recommended level, its reasons, and the break-even point."""

from decimal import Decimal

from .french import format_eur
from .money import up_to_quarter


def recommend(rules, inputs, levels: dict):
    """(level, reasons): level 3 if any of its conditions holds, else 2, else 1."""
    texts = rules.recommendation
    reasons3 = []
    if inputs.tpe:
        reasons3.append(texts.payment_terminals)
    if inputs.standard:
        reasons3.append(texts.phone_system)
    machines = inputs.postes + inputs.serveurs
    if machines >= texts.machines_min:
        reasons3.append(texts.machines.format(n=machines, min=texts.machines_min))
    if inputs.imagerie >= texts.imaging_min:
        reasons3.append(texts.imaging.format(n=inputs.imagerie, min=texts.imaging_min))
    if reasons3:
        return 3, reasons3

    reasons2 = []
    spend1, total2 = levels[1].total_ht, levels[2].total_ht
    if spend1 >= total2:
        reasons2.append(texts.level1_cost.format(niveau_1=format_eur(spend1), niveau_2=format_eur(total2)))
    if inputs.imagerie:
        reasons2.append(texts.imaging_level2)
    if inputs.serveurs:
        reasons2.append(texts.servers_level2)
    if inputs.postes >= texts.workstations_min:
        reasons2.append(texts.workstations.format(n=inputs.postes, min=texts.workstations_min))
    if reasons2:
        return 2, reasons2
    return 1, [texts.level1]


def break_even_hours(rules, levels: dict) -> Decimal:
    """Remote hours per month from which level 2 costs less than level 1 billed by the hour."""
    return up_to_quarter(levels[2].total_ht / rules.level1.remote_hour)
