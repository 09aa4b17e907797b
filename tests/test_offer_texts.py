"""The offer's texts in rules/levels.yaml (issue 28): who each level suits (`pour_qui`), and
the corrected wordings kept beside the offer's own (`texte` / `texte_original`).
A mistake in either stops the build with a French message naming file, line and key."""

import pytest

from calculator.errors import RulesError
from calculator.load import load_rules

from .frozen import FROZEN_RULES, edited_rules

SUITS_1 = '      texte: "Pour le cabinet qui préfère payer chaque intervention'
QUOTE_1 = '        - "Cette option de maintenance est principalement sur rendez-vous."'
QUOTES_1 = ('        - "Facturé sur intervention"\n'
            '        - "Facturé au temps passé en distanciel, en déplacement, et sur matériel hors garantie."\n' + QUOTE_1 + "\n")
ORIGINAL_OFFICE = 'texte_original: "Microsoft Office 365 app"}\n    court:'

# (old, new) in the frozen levels.yaml, and what the message must say.
MISTAKES = [
    ("  2:\n    pour_qui:", "  2:\n    pour_quoi:",
     "niveaux.2.pour_quoi: la clé obligatoire « pour_qui » manque et « pour_quoi » n'est pas connue ; "
     "vouliez-vous dire « pour_qui » ?"),
    ("  3:\n    pour_qui:", "  3:\n    remarque:", "niveaux.3.pour_qui: attendu une valeur, trouvé <absent>"),
    (SUITS_1, '      texte: ""\n      ancien_texte: "Pour le cabinet qui préfère payer chaque intervention',
     'niveaux.1.pour_qui.texte: attendu un texte non vide, trouvé ""'),
    (SUITS_1, '      texte: "Pour le cabinet\\nqui préfère payer chaque intervention',
     "niveaux.1.pour_qui.texte: attendu une seule ligne"),
    (QUOTE_1, '        - "Cette option est toujours sur rendez-vous."',
     "niveaux.1.pour_qui.d_apres[2]: attendu une citation exacte des textes de ce niveau"),
    ("      d_apres:\n" + QUOTES_1, "      d_apres: []\n",
     "niveaux.1.pour_qui.d_apres: attendu une liste d'au moins 1 élément(s), trouvé \"0 élément(s)\""),
    (ORIGINAL_OFFICE, 'texte_original: "Microsoft 365 Apps"}\n    court:',
     "attributs[5].nom.texte_original: attendu le texte de l'offre avant correction, différent de « texte »"),
    (ORIGINAL_OFFICE, 'texte_originel: "Microsoft Office 365 app"}\n    court:',
     "attributs[5].nom.texte_originel: la clé obligatoire « texte_original » manque et « texte_originel » "
     "n'est pas connue ; vouliez-vous dire « texte_original » ?"),
    ('      - texte: "À ce niveau de prise', '      - text: "À ce niveau de prise',
     "niveaux.3.details[2].text: la clé obligatoire « texte » manque et « text » n'est pas connue ; "
     "vouliez-vous dire « texte » ?"),
]


@pytest.mark.parametrize("old, new, message", MISTAKES)
def test_a_mistake_in_the_offer_texts_is_explained_in_french(tmp_path, old, new, message):
    folder = edited_rules(tmp_path / "rules", "levels.yaml", old, new)
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    shown = str(error.value)
    assert shown.startswith(f"{folder / 'levels.yaml'}:") and message in shown, shown
    assert error.value.line is not None


def test_rules_written_before_pour_qui_still_read(raw_rules):
    """comparer reads the rules of earlier commits, written before `pour_qui`: they load, and
    the pages then have no line for who each level suits."""
    import copy

    from calculator.rules import parse_rules

    older = copy.deepcopy(raw_rules)
    for level in older["rules/levels.yaml"]["niveaux"].values():
        del level["pour_qui"]
    assert [level.suits for level in parse_rules(older).texts.levels.values()] == [None, None, None]


def test_each_level_says_who_it_suits_and_publishes_the_corrections(rules):
    levels = rules.texts.levels
    assert levels[1].suits.startswith("Pour le cabinet qui préfère payer chaque intervention au temps passé")
    assert levels[2].title == "SAV illimité + Sauvegarde en ligne + Microsoft 365 Apps"
    assert "notre périmètre d'action" in levels[3].scope and "ligne directe technicien" in levels[3].rules[2]
    assert levels[3].details[2] == "À ce niveau de prise en charge de votre maintenance, la communication est primordiale."
    assert "au mieux de leurs possibilités au respect de ces règles." in levels[3].warning
    assert [attribute.name for attribute in rules.texts.attributes if attribute.key == "office"] == ["Microsoft 365 Apps"]


def test_the_frozen_copy_is_what_this_file_edits():
    """The edits above are made on the frozen copy; a guard that they still find their text."""
    text = (FROZEN_RULES / "levels.yaml").read_text(encoding="utf-8")
    for old, _, _ in MISTAKES:
        assert old in text, old
