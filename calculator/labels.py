"""The French names of cost lines, shared by the estimates' display model (report.py) and
the offer's rate cards (offer.py): pricing counts and prices, these say what is counted."""

from .french import format_hours, format_number

# Cost lines whose name does not depend on the estimate.
FIXED = {
    "forfait_site": "Forfait par site",
    "serveurs": "Serveurs / NAS",
    "imagerie": "Appareils d'imagerie médicale",
    "licences": "Licences Microsoft 365 Apps supplémentaires",
}


def band_label(band) -> str:
    """A band of graduated workstation prices: "Postes 1 à 5", "Postes à partir du 16e"."""
    if band.last is None:
        return f"Postes à partir du {band.first}e"
    if band.first == band.last:
        return f"Poste n° {band.first}"
    return f"Postes {band.first} à {band.last}"


def line_label(line) -> str:
    """What one line of an estimate counts, from its item and facts (see pricing.Line)."""
    facts = dict(line.facts)
    if line.item in FIXED:
        return FIXED[line.item]
    if line.item == "postes":
        return band_label(facts["band"])
    if line.item == "sauvegarde":
        # Short enough for two lines in a level card; the quantity says how many blocks.
        return (f"Sauvegarde au-delà de {format_number(facts['included_gb'])} Go inclus, "
                f"par {format_number(facts['block_gb'])} Go entamés")
    if line.item == "distanciel":
        return f"Assistance à distance ({'heures' if facts['given'] else 'heures estimées'})"
    if line.item == "sur_site":
        visits = "visites" if facts["given"] else "visites estimées"
        return f"Sur site : {format_hours(facts['hours_per_visit'])} + déplacement zone {facts['zone']} ({visits})"
    raise ValueError(f"no label for the cost line {line.item!r}")
