"""The French names of cost lines, shared by the estimates' display model (report.py) and
the offer's rate cards (offer.py): pricing counts and prices, these say what is counted.
The names of the catalogue's items are the catalogue's (rules/offre.yaml)."""

from .french import format_hours, format_number


def band_label(entry, band) -> str:
    """A band of graduated prices: "Postes 1 à 5", "Poste n° 6", "Postes à partir du 16e"."""
    names = entry.band_labels
    if band.last is None:
        return names.last.format(de=band.first)
    if band.first == band.last:
        return names.single.format(de=band.first)
    return names.range.format(de=band.first, a=band.last)


def line_label(line) -> str:
    """What one line of an estimate counts, from its entry or item and facts (see pricing.Line)."""
    facts = dict(line.facts)
    if line.entry is not None:
        if "band" in facts:
            return band_label(line.entry, facts["band"])
        if "included" in facts:
            # Short enough for two lines in a level card; the quantity says how many blocks.
            return line.entry.line_label.format(inclus=format_number(facts["included"]),
                                                bloc=format_number(facts["block"]))
        return line.entry.line_label
    if line.item == "distanciel":
        return f"Assistance à distance ({'heures' if facts['given'] else 'heures estimées'})"
    if line.item == "sur_site":
        visits = "visites" if facts["given"] else "visites estimées"
        return f"Sur site : {format_hours(facts['hours_per_visit'])} + déplacement zone {facts['zone']} ({visits})"
    raise ValueError(f"no label for the cost line {line.item!r}")
