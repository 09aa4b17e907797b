"""The practice in one line, above a link's figures on a phone: what a prospect checks first."""

import copy

import pytest

from calculator.estimate import estimate_query
from calculator.report import estimate_view
from calculator.rules import parse_rules

# (link, line) on the frozen rules, whose entries have no `en_bref`: the singular, else the
# rate card's row, and the unit.
CASES = [
    ("postes=7&serveurs=1&imagerie=2&commune=saint-paul", "7 postes, 1 serveur / NAS, 2 appareils, Saint-Paul"),
    ("", "1 poste, Saint-Denis"),                                   # the default practice, its commune priced
    ("postes=2&serveurs=3&niveau=3", "2 postes, 3 serveurs, Saint-Denis"),     # the level shown is not the practice
    ("heures=1,5&tpe=1&astreinte=oui", "1 poste, Saint-Denis, 1,5 h / mois, Terminaux de paiement (TPE) à couvrir, "
                                        "Cabinet d'astreinte"),
]


@pytest.mark.parametrize("query, line", CASES)
def test_the_practice_in_one_line(rules, query, line):
    assert estimate_view(estimate_query(rules, query), rules)["en_bref"] == line


def test_an_entry_names_itself_as_its_en_bref_says(raw_rules):
    raw = copy.deepcopy(raw_rules)
    entries = {entry["parametre"]: entry for entry in raw["rules/offre.yaml"]["entrees"]}
    entries["imagerie"]["en_bref"] = {"un": "appareil d'imagerie", "plusieurs": "appareils d'imagerie"}
    entries["tpe"]["en_bref"] = {"oui": "TPE"}
    rules = parse_rules(raw)
    for query, line in [("imagerie=1&tpe=1", "1 poste, 1 appareil d'imagerie, Saint-Denis, TPE"),
                        ("imagerie=2", "1 poste, 2 appareils d'imagerie, Saint-Denis")]:
        assert estimate_view(estimate_query(rules, query), rules)["en_bref"] == line
