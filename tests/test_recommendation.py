"""\"Quel niveau choisir ?\": each condition of the recommendation, alone."""

import pytest

from calculator.estimate import estimate_query


@pytest.mark.parametrize("query, level", [
    ("", 1),                                   # one workstation, level 1 spend 48.25 < 88.00
    ("postes=2", 2),                           # two workstations
    ("serveurs=1", 2),                         # a server
    ("imagerie=1", 2),                         # an imaging device
    ("heures=2", 2),                           # level 1 would cost 145.75 >= 88.00
    ("imagerie=3", 3),                         # three imaging devices
    ("postes=9&serveurs=1", 3),                # 10 workstations + servers
    ("postes=9", 2),                           # 9 is not enough for level 3
    ("tpe=1", 3),                              # payment terminals
    ("standard=1", 3),                         # phone system
    ("postes=7&serveurs=1&imagerie=2", 2),     # the worked example
])
def test_recommended_level(rules, query, level):
    assert estimate_query(rules, query).recommended == level


def test_reasons_name_the_figures(rules):
    result = estimate_query(rules, "postes=12&tpe=1")
    assert result.recommended == 3
    assert any("terminaux de paiement" in reason for reason in result.reasons)
    assert any(reason.startswith("12 postes et serveurs") for reason in result.reasons)


def test_level_2_reason_compares_costs(rules):
    reasons = estimate_query(rules, "heures=2").reasons
    assert any("145,75\u00a0€" in reason and "88,00\u00a0€" in reason for reason in reasons)
