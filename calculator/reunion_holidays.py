"""La Réunion's public holidays, in French, from the `holidays` package.

Source: France, subdivision 974 (includes the abolition of slavery on 20 December).
Imported lazily: prices never need it, and in the browser it arrives after the first
estimate.
"""


def reunion_holidays(years) -> dict:
    """date -> French name, for the given years."""
    import holidays

    calendar = holidays.country_holidays("FR", subdiv="974", language="fr", years=list(years))
    return dict(sorted(calendar.items()))
