"""A proposal holds its price list only while it is valid, and only when its date falls while
that price list was the site's: an address whose `emise` was edited does not hold it longer."""

from datetime import date

import pytest

from calculator.proposal import proposal_view
from calculator.rule_versions import PublishedVersion

from .frozen import frozen_rules

NBSP = "\u00a0"
OLD, NEW = "a" * 12, "b" * 12


def raised(rules):
    """Today's price list: the frozen one with every band of workstations 2 € dearer."""
    from dataclasses import replace

    entry = rules.catalogue.entry("postes")
    levels = {level: replace(terms, bands=tuple(replace(band, price=band.price + 2) for band in terms.bands))
              for level, terms in entry.levels.items()}
    entries = tuple(replace(e, levels=levels) if e.name == "postes" else e for e in rules.catalogue.entries)
    return replace(rules, catalogue=replace(rules.catalogue, entries=entries))


@pytest.mark.parametrize("issued, today, total_ht, says", [
    # Frozen level 2 for 4 workstations: 49 + 4 × 39 = 205 (held); today's: 49 + 4 × 41 = 213.
    ("2026-12-10", "2027-01-20", "205,00", "Tarifs du 10 décembre 2026, maintenus jusqu'au 10 mars 2027."),
    # Expired (valid to 10 March): today's prices.
    ("2026-12-10", "2027-03-11", "213,00", "Cette proposition était valable jusqu'au 10 mars 2027"),
    # Dated before its price list existed, or after the next one took over: not held.
    ("2026-11-20", "2026-12-20", "213,00", "ne correspondent pas à sa date"),
    ("2027-01-10", "2027-01-20", "213,00", "ne correspondent pas à sa date"),
    # The day the next one took over: either price list may be the proposal's.
    ("2027-01-05", "2027-01-20", "205,00", "Tarifs du 5 janvier 2027"),
    # Dated later than today: today's date is used, and then its price list is not the one of that day.
    ("2027-06-01", "2027-01-20", "213,00", "ne correspondent pas à sa date"),
])
def test_held_prices_follow_the_dates(issued, today, total_ht, says):
    old = frozen_rules()
    held = PublishedVersion(old, date(2026, 12, 1), date(2027, 1, 5))      # the site's from 1 Dec to 5 Jan
    view = proposal_view(f"niveau=2&postes=4&emise={issued}&tarifs={OLD}", date.fromisoformat(today), (NEW, raised(old)), held)
    assert view["total_ht"] == f"{total_ht}{NBSP}€"
    assert says in view["tarifs"]
