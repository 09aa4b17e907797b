"""La Réunion's public holidays, in French, from the `holidays` package.

Source: France, subdivision 974 (includes the abolition of slavery on 20 December).
The build writes the years around its own down as data (`table_json`) for the browser,
so that the support status never waits for the package there; the package is imported
lazily, for the years beyond them (and prices never need it).
"""

import json
from datetime import date


def reunion_holidays(years) -> dict:
    """date -> French name, for the given years."""
    import holidays

    calendar = holidays.country_holidays("FR", subdiv="974", language="fr", years=list(years))
    return dict(sorted(calendar.items()))


def table_json(years) -> str:
    """The public holidays of `years`, as the browser loads them (see HolidayTable)."""
    years = sorted(years)
    days = {day.isoformat(): name for day, name in reunion_holidays(years).items()}
    return json.dumps({"annees": years, "jours": days}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class HolidayTable:
    """The years the build wrote down; any other year asks the `holidays` package."""

    def __init__(self, text: str = ""):
        data = json.loads(text) if text else {"annees": [], "jours": {}}
        self.years = frozenset(data["annees"])
        self.days = {date.fromisoformat(day): name for day, name in data["jours"].items()}

    def covers(self, years) -> bool:
        return set(years) <= self.years

    def holidays(self, years) -> dict:
        """date -> French name, for the given years."""
        if not self.covers(years):
            return reunion_holidays(years)
        return {day: name for day, name in self.days.items() if day.year in years}
