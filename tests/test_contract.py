"""rules/conditions.yaml: a mistake names the key and what was expected, in French; the
validity counts as a civil term does."""

from datetime import date

import pytest

from calculator.errors import RulesError
from calculator.load import load_rules

from .frozen import edited_rules


@pytest.mark.parametrize("old, new, message", [
    ("  mois: 3", "  semaines: 3", "validite: attendu une durée, en « mois » ou en « jours »"),
    ("  mois: 3", "  mois: 0", "validite.mois: attendu un nombre entier de 1 à 36"),
    ("  mois: 3", "  mois: 3\n  jours: 10", "validite: attendu une durée, en « mois » ou en « jours » (l'un des deux)"),
    ('whatsapp: ""', 'whatsapp: "06 92 AB"', "demande.whatsapp: attendu un numéro au format international"),
    ('texte: ""', "texte: 12", 'conditions[0].texte: attendu un texte, ou "" quand il n\'est pas connu'),
    ("cle: preavis", "cle: duree", "conditions[1].cle: attendu une clé qui n'est écrite qu'une fois"),
])
def test_a_mistake_in_the_conditions_is_named(tmp_path, old, new, message):
    rules = edited_rules(tmp_path / "rules", "conditions.yaml", old, new)
    with pytest.raises(RulesError) as error:
        load_rules(rules)
    assert "conditions.yaml" in str(error.value) and message in str(error.value), str(error.value)


@pytest.mark.parametrize("issued, months, valid_until", [
    ("2026-12-02", 3, "2027-03-02"),
    ("2027-01-31", 1, "2027-02-28"),      # no 31 February: the month's last day
    ("2028-01-31", 1, "2028-02-29"),      # a leap year
    ("2026-11-30", 3, "2027-02-28"),
    ("2026-10-15", 12, "2027-10-15"),
])
def test_validity_in_months(tmp_path, issued, months, valid_until):
    rules = edited_rules(tmp_path / "rules", "conditions.yaml", "  mois: 3", f"  mois: {months}")
    contract = load_rules(rules)[0].contract
    assert contract.valid_until(date.fromisoformat(issued)) == date.fromisoformat(valid_until)
