"""The level billed by the hour, in words: what its figure assumes, from the frozen rules (whose
entries name one unit by their rate card's row: « serveur / NAS »)."""

import pytest

from calculator.hourly_assumption import hourly_assumption
from calculator.query import parse_query

from .frozen import frozen_rules

NBSP = "\u00a0"
PER_UNIT = (f"Estimation du niveau 1, par mois : 0,5{NBSP}h à distance et 0,15 visite sur site par poste ; "
            f"1{NBSP}h à distance et 0,15 visite sur site par serveur / NAS ; "
            f"0,5{NBSP}h à distance et 0,15 visite sur site par appareil d'imagerie médicale.")


@pytest.mark.parametrize("query, expected", [
    # 1 workstation (the default): 0.5 h, 0.15 visit.
    ("", f"{PER_UNIT} Pour ce cabinet : 0,5{NBSP}h à distance et 0,15 visite sur site."),
    # 7 workstations, 1 server, 2 devices: 3.5 + 1 + 1 = 5.5 h; 10 items × 0.15 = 1.5 visits.
    ("postes=7&serveurs=1&imagerie=2", f"{PER_UNIT} Pour ce cabinet : 5,5{NBSP}h à distance et 1,5 visite sur site."),
    # 20 workstations: 10 h; 3 visits (plural from 2 on).
    ("postes=20", f"{PER_UNIT} Pour ce cabinet : 10{NBSP}h à distance et 3 visites sur site."),
    # The visitor's hours, the visits still estimated.
    ("heures=2", f"{PER_UNIT} Pour ce cabinet (en partie vos chiffres) : 2{NBSP}h à distance et 0,15 visite sur site."),
    # Both given: the assumption is theirs.
    ("heures=2&visites=1", f"Niveau 1 calculé avec vos chiffres, par mois : 2{NBSP}h à distance et 1 visite sur site."),
])
def test_the_assumption_in_words(query, expected):
    rules = frozen_rules()
    assert hourly_assumption(rules, parse_query(query, rules)[0]) == expected
