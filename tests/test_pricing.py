"""Monthly estimates: expected figures worked out by hand from the price grid in the issue."""

from decimal import Decimal

import pytest

from calculator.estimate import estimate_query
from calculator.labels import line_label
from calculator.report import estimate_json


def totals(rules, query, level):
    data = estimate_json(estimate_query(rules, query), rules)["niveaux"][str(level)]
    return data["total_ht"], data["tva"], data["total_ttc"]


def test_worked_example(rules):
    result = estimate_json(estimate_query(rules, "postes=7&serveurs=1&imagerie=2&commune=saint-denis"), rules)
    levels = result["niveaux"]
    assert [(levels[n]["total_ht"], levels[n]["tva"], levels[n]["total_ttc"]) for n in "123"] == [
        ("515.00", "43.78", "558.78"),
        ("409.00", "34.77", "443.77"),
        ("645.00", "54.83", "699.83"),
    ]
    assert result["recommande"] == 2
    assert result["seuil_heures_niveau2"] == "6.50"
    assert levels["2"]["annuel_ht"] == "4908.00"
    assert levels["2"]["annuel_ttc"] == "5325.24"   # 12 x 443.77, not 12 x 409 x 1.085


@pytest.mark.parametrize("query, level, total_ht", [
    # Graduated workstation bands at their edges.
    ("postes=5", 2, "244.00"),      # 49 + 5 x 39
    ("postes=6", 2, "278.00"),      # + 34
    ("postes=15", 2, "584.00"),     # 49 + 195 + 10 x 34
    ("postes=16", 2, "613.00"),     # + 29
    ("postes=5", 3, "384.00"),      # 89 + 5 x 59
    ("postes=6", 3, "436.00"),
    ("postes=15", 3, "904.00"),
    ("postes=16", 3, "949.00"),
    # Backup: 200 GB + 50 GB per workstation included at level 2, then 4 EUR per started 100 GB.
    ("sauvegarde=250", 2, "88.00"),
    ("sauvegarde=251", 2, "92.00"),
    ("sauvegarde=350", 2, "92.00"),
    ("sauvegarde=351", 2, "96.00"),
    ("sauvegarde=600", 3, "148.00"),    # 500 + 100 included at level 3
    ("sauvegarde=601", 3, "152.00"),
    # Sites: the base fee is per site, workstations are counted over all sites.
    ("sites=3", 2, "186.00"),
    ("sites=2&postes=6", 3, "525.00"),  # 2 x 89 + 5 x 59 + 52
    # Extra Microsoft 365 licences.
    ("licences=3", 2, "121.00"),
    # Level 1 expected spend: 0.5 h remote per workstation, 0.15 visit per device + travel by zone.
    ("commune=saint-denis", 1, "48.25"),    # 32.50 + 0.15 x (80 + 25)
    ("commune=saint-paul", 1, "51.25"),     # 32.50 + 0.15 x (80 + 45)
    ("commune=cilaos", 1, "55.00"),         # 32.50 + 0.15 x (80 + 70)
    ("commune=les-trois-bassins", 1, "51.25"),
    # Overrides of the level 1 estimate.
    ("heures=2&visites=0", 1, "130.00"),
    ("heures=0&visites=1&commune=saint-pierre", 1, "150.00"),
    ("heures=0&visites=0", 1, "0.00"),
    # Level 1 travel is in its expected spend; levels 2 and 3 do not change with the commune.
    ("commune=cilaos", 2, "88.00"),
])
def test_total_ht(rules, query, level, total_ht):
    assert totals(rules, query, level)[0] == total_ht


@pytest.mark.parametrize("query, level, vat", [
    # VAT is fixed half-up: a half-even rounding would give 34.76 and 54.82.
    ("postes=7&serveurs=1&imagerie=2", 2, "34.77"),     # 8.5 % of 409.00 = 34.765
    ("postes=7&serveurs=1&imagerie=2", 3, "54.83"),     # 8.5 % of 645.00 = 54.825
    ("postes=1", 2, "7.48"),                            # 8.5 % of 88.00
    ("heures=0.01&visites=0", 1, "0.06"),               # 8.5 % of 0.65 = 0.05525
    ("heures=0.03&visites=0", 1, "0.17"),               # 8.5 % of 1.95 = 0.16575
])
def test_vat_rounds_half_up(rules, query, level, vat):
    assert totals(rules, query, level)[1] == vat


def test_lines_sum_to_total(rules):
    level = estimate_query(rules, "postes=20&serveurs=2&imagerie=4&licences=3&sauvegarde=5000&sites=2").levels[3]
    assert sum(line.amount for line in level.lines) == level.total_ht
    assert [line_label(line) for line in level.lines][:4] == ["Forfait par site", "Postes 1 à 5", "Postes 6 à 15",
                                                              "Postes à partir du 16e"]


def test_travel_fee_per_visit_follows_commune(rules):
    result = estimate_json(estimate_query(rules, "commune=saint-benoit"), rules)
    assert {result["niveaux"][n]["deplacement_par_visite"] for n in "123"} == {"45.00"}


@pytest.mark.parametrize("query, expected", [
    ("", "1.50"),                                     # 88.00 / 65 = 1.35 -> 1.50
    ("postes=7&serveurs=1&imagerie=2", "6.50"),       # 409 / 65 = 6.29 -> 6.50
    ("postes=2", "2.00"),                             # 127 / 65 = 1.95 -> 2.00
    ("licences=2&sauvegarde=750", "2.00"),            # 130 / 65 = 2 exactly: no rounding
    ("postes=3", "2.75"),                             # 166 / 65 = 2.55 -> 2.75
])
def test_break_even_rounds_up_to_quarter(rules, query, expected):
    assert estimate_json(estimate_query(rules, query), rules)["seuil_heures_niveau2"] == expected


def test_amounts_are_decimal(rules):
    level = estimate_query(rules, "postes=3").levels[2]
    assert all(isinstance(value, Decimal) for value in (level.total_ht, level.vat, level.total_ttc))
