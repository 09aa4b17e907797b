"""Shared links: each class of bad input gives a sane value and a notice naming the parameter."""

from decimal import Decimal

import pytest

from calculator.query import parse_query, to_query

from .frozen import frozen_rules

Inputs = frozen_rules().catalogue.inputs     # Inputs(postes=7): these values, the others at their default


@pytest.mark.parametrize("query, field, value, notice", [
    ("", "postes", 1, None),
    ("?postes=7", "postes", 7, None),
    ("postes=%207%20", "postes", 7, None),
    ("postes=7,0", "postes", 7, None),
    ("postes=abc", "postes", 1, "« postes » : « abc » n'est pas un nombre"),
    ("postes=", "postes", 1, "« postes » est vide ; valeur par défaut 1 utilisée."),
    ("postes=NaN", "postes", 1, "n'est pas un nombre"),
    ("postes=Infinity", "postes", 1, "n'est pas un nombre"),
    ("postes=300", "postes", 250, "« postes » : 300 est hors limites (1 à 250) ; 250 utilisé."),
    ("postes=1e309", "postes", 1, "n'est pas un nombre"),          # exponents are refused, not guessed
    ("postes=1_0", "postes", 1, "n'est pas un nombre"),
    ("postes=%D9%A3", "postes", 1, "n'est pas un nombre"),        # an Arabic-Indic three
    ("postes=1%20500", "postes", 250, "1 500 est hors limites"),
    ("niveau=abc", "niveau", None, "valeur par défaut aucun (niveau recommandé) utilisée"),
    ("postes=0", "postes", 1, "hors limites"),
    ("postes=-5", "postes", 1, "hors limites"),
    ("postes=7.6", "postes", 8, "« postes » : 7.6 arrondi à 8."),
    ("postes=3&postes=4", "postes", 4, "« postes » est donné plusieurs fois"),
    ("%70ostes=3", "postes", 3, None),
    ("sauvegarde=150000", "sauvegarde", 100000, "(0 à 100\u00a0000) ; 100\u00a0000 utilisé"),
    ("sites=11", "sites", 10, "hors limites"),
    ("niveau=2", "niveau", 2, None),
    ("niveau=4", "niveau", 3, "« niveau »"),
    ("niveau=", "niveau", None, None),
    ("heures=1,5", "heures", Decimal("1.5"), None),
    ("heures=", "heures", None, None),
    ("heures=-1", "heures", Decimal(0), "« heures » : -1 est hors limites"),
    ("heures=2.555", "heures", Decimal("2.56"), "arrondi à 2,56"),
    ("visites=x", "visites", None, "valeur par défaut aucune (estimation) utilisée"),
    ("commune=saint-paul", "commune", "saint-paul", None),
    ("commune=Saint-Paul", "commune", "saint-paul", None),
    ("commune=L%27%C3%89tang-Sal%C3%A9", "commune", "l-etang-sale", None),
    ("commune=trois-bassins", "commune", "les-trois-bassins", None),
    ("commune=paris", "commune", "saint-denis", "« commune » : « paris » n'est pas une commune de La Réunion ; Saint-Denis utilisée."),
    ("tpe=1", "tpe", True, None),
    ("tpe=oui", "tpe", True, None),
    ("tpe=0", "tpe", False, None),
    ("tpe=2", "tpe", False, "« tpe » : « 2 » n'est ni 0 ni 1 ; 0 utilisé."),
    ("astreinte=true", "astreinte", True, None),
    ("foo=1", "postes", 1, "Paramètre inconnu « foo » ignoré."),
    ("=1", "postes", 1, "Paramètre sans nom ignoré."),
])
def test_parse(rules, query, field, value, notice):
    inputs, notices = parse_query(query, rules)
    assert inputs[field] == value
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notice in notices[0], notices


def test_script_payload_is_only_quoted(rules):
    inputs, notices = parse_query('postes="><script>alert(1)</script>', rules)
    assert inputs["postes"] == 1
    assert notices == ['« postes » : « "><script>alert(1)</script> » n\'est pas un nombre ; '
                       'valeur par défaut 1 utilisée.']


def test_long_values_are_cut_in_notices(rules):
    _, notices = parse_query("commune=" + "x" * 500, rules)
    assert "x" * 40 + "…" in notices[0] and "x" * 41 not in notices[0]


@pytest.mark.parametrize("inputs, query", [
    (Inputs(), ""),
    (Inputs(postes=7, serveurs=1, imagerie=2), "postes=7&serveurs=1&imagerie=2"),
    (Inputs(niveau=3, commune="l-etang-sale", tpe=True), "niveau=3&commune=l-etang-sale&tpe=1"),
    (Inputs(heures=Decimal("1.50"), visites=Decimal(0)), "heures=1.5&visites=0"),
])
def test_canonical_query(rules, inputs, query):
    assert to_query(inputs, rules) == query
    assert parse_query(query, rules) == (inputs, [])
