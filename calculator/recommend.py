"""\"Quel niveau choisir ?\": the recommended level, its reasons, and the break-even point."""

from decimal import Decimal

from .money import format_eur, up_to_quarter


def recommend(rules, inputs, levels: dict):
    """(level, reasons): level 3 if any of its conditions holds, else 2, else 1."""
    texts = rules.recommendation
    level3, level2 = texts["niveau_3"], texts["niveau_2"]
    reasons3 = []
    if inputs.tpe:
        reasons3.append(level3["tpe"])
    if inputs.standard:
        reasons3.append(level3["standard"])
    machines = inputs.postes + inputs.serveurs
    if machines >= int(level3["postes_et_serveurs_min"]):
        reasons3.append(level3["postes_et_serveurs"].format(n=machines, min=level3["postes_et_serveurs_min"]))
    if inputs.imagerie >= int(level3["imagerie_min"]):
        reasons3.append(level3["imagerie"].format(n=inputs.imagerie, min=level3["imagerie_min"]))
    if reasons3:
        return 3, reasons3

    reasons2 = []
    spend1, total2 = levels[1].total_ht, levels[2].total_ht
    if spend1 >= total2:
        reasons2.append(level2["cout_niveau_1"].format(niveau_1=format_eur(spend1), niveau_2=format_eur(total2)))
    if inputs.imagerie:
        reasons2.append(level2["imagerie"])
    if inputs.serveurs:
        reasons2.append(level2["serveurs"])
    if inputs.postes >= int(level2["postes_min"]):
        reasons2.append(level2["postes"].format(n=inputs.postes, min=level2["postes_min"]))
    if reasons2:
        return 2, reasons2
    return 1, [texts["niveau_1"]]


def break_even_hours(rules, levels: dict) -> Decimal:
    """Remote hours per month from which level 2 costs less than level 1 billed by the hour."""
    return up_to_quarter(levels[2].total_ht / rules.level1.remote_hour)
