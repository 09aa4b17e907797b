"""Rules files: each class of mistake names file, line, key path, expected and found."""

import copy
import dataclasses
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculator.errors import RulesError
from calculator.load import load_rules
from calculator.rules import parse_rules
from calculator.typed_json import rules_for_browser, rules_from_browser_json

from .frozen import FROZEN_RULES, edited_rules


def test_example_message_from_the_issue(raw_rules):
    raw = copy.deepcopy(raw_rules)
    raw["rules/offre.yaml"]["entrees"][1]["niveaux"][2]["paliers"][1]["prix"] = "trente"
    with pytest.raises(RulesError) as error:
        parse_rules(raw)
    assert str(error.value) == 'rules/offre.yaml: entrees[1].niveaux.2.paliers[1].prix: attendu un montant positif, trouvé "trente"'


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    if value is DELETE:
        del data[path[-1]]
    else:
        data[path[-1]] = value


DELETE = object()
OVERLAP = [{"de": "07:00", "a": "12:00", "mode": "distanciel"}, {"de": "11:00", "a": "16:00", "mode": "distanciel"}]
REVERSED = [{"de": "12:00", "a": "08:00", "mode": "distanciel"}]
BANDS = [{"jusqu_a": 15, "prix": 39}, {"jusqu_a": 5, "prix": 34}, {"jusqu_a": None, "prix": 29}]


SERVERS, IMAGING, WORKSTATIONS, BACKUP, SITES = 2, 3, 1, 5, 6     # positions in offre.yaml's entrees


@pytest.mark.parametrize("file, path, value, where, expected", [
    ("offre", ["entrees", SERVERS, "niveaux", 2, "prix"], DELETE, "entrees[2].niveaux.2.prix", "attendu une valeur, trouvé <absent>"),
    ("offre", ["entrees", IMAGING, "niveaux", 3, "prix"], "vingt", "entrees[3].niveaux.3.prix", 'attendu un montant positif, trouvé "vingt"'),
    ("offre", ["entrees", SERVERS, "niveaux", 2, "prix"], -59, "entrees[2].niveaux.2.prix", "attendu un montant positif, trouvé -59"),
    ("offre", ["entrees", SERVERS, "niveaux", 2, "prix"], 59.999, "entrees[2].niveaux.2.prix", "attendu un montant positif, trouvé 59.999"),
    ("pricing", ["tva_pourcent"], 120, "tva_pourcent", "attendu un pourcentage de 0 à 100, trouvé 120"),
    ("offre", ["entrees", WORKSTATIONS, "niveaux", 2, "paliers"], BANDS, "entrees[1].niveaux.2.paliers[1].jusqu_a",
     "attendu un nombre entier de 16, trouvé 5"),
    ("communes", ["communes", 3, "zone"], 4, "communes[3].zone", "attendu une zone de rules/pricing.yaml (deplacement : 1, 2, 3), trouvé 4"),
    ("communes", ["communes", 11, "slug"], "saint-paul", "communes[15].slug", 'attendu un slug présent une seule fois, trouvé "saint-paul"'),
    ("hours", ["niveaux", 2, "samedi"], OVERLAP, "niveaux.2.samedi[1].de", "attendu un début après la fin de la plage précédente"),
    ("hours", ["niveaux", 1, "samedi"], REVERSED, "niveaux.1.samedi[0].a", 'attendu une heure après 12:00, trouvé "08:00"'),
    ("hours", ["niveaux", 3, "dimanche"], [{"de": "9h", "a": "12:00", "mode": "distanciel"}], "niveaux.3.dimanche[0].de", 'attendu une heure "HH:MM"'),
    ("hours", ["decalage_utc"], "+25:00", "decalage_utc", 'attendu un décalage UTC de "-12:00" à "+14:00"'),
    ("hours", ["decalage_utc"], "+04:75", "decalage_utc", 'attendu un décalage UTC de "-12:00" à "+14:00"'),
    ("hours", ["niveaux", 2, "dimanche"], [{"de": "09:00", "a": "12:00", "mode": "sur_place"}], "niveaux.2.dimanche[0].mode", "attendu l'une des valeurs sur_site_et_distanciel, distanciel"),
    ("levels", ["niveaux", 2, "attributs", "tpe"], "peut-être", "niveaux.2.attributs.tpe", "attendu l'une des valeurs inclus, non_inclus, temps_passe"),
    ("levels", ["entreprise", "telephone"], "", "entreprise.telephone", "attendu un texte non vide"),
    ("recommendation", ["niveaux", 0, "conditions", 3, "au_moins"], "trois", "niveaux[0].conditions[3].au_moins", "attendu un nombre entier de 1"),
    ("presets", ["profils", 4, "parametres", "commune"], "saint-martin", "profils[4].parametres.commune",
     'attendu une commune de rules/communes.yaml, trouvé "saint-martin"'),
    ("presets", ["profils", 0, "parametres", "postes"], 400, "profils[0].parametres.postes",
     "attendu une valeur qu'un lien peut porter (« postes » : 400 est hors limites"),
    ("offre", ["entrees", SERVERS, "niveaux", 2, "prix"], "1e30", "entrees[2].niveaux.2.prix", "attendu un montant positif inférieur à 1 000 000 000"),
    ("recommendation", ["niveaux", 0, "conditions", 3, "raison"], "{n:s} appareils", "niveaux[0].conditions[3].raison",
     'sans format ni conversion, trouvé "{n:s}"'),
    ("recommendation", ["niveaux", 1, "conditions", 3, "au_moins"], "²", "niveaux[1].conditions[3].au_moins", "attendu un nombre entier de 1"),
    ("presets", ["profils", 0, "parametres", "ecrans"], 2, "profils[0].parametres.ecrans",
     'attendu un nom de paramètre : niveau, postes'),
    # The offer's shape holds together: what the catalogue names exists.
    ("offre", ["entrees", SERVERS, "niveaux", 4], {"prix": 120}, "entrees[2].niveaux.4", "attendu un niveau de rules/levels.yaml, écrit comme un nombre (1, 2, 3)"),
    ("offre", ["entrees", SERVERS, "defaut"], 21, "entrees[2].defaut", "attendu une valeur par défaut entre min et max (0 à 20), trouvé 21"),
    ("offre", ["entrees", IMAGING, "parametre"], "serveurs", "entrees[3].parametre", "attendu un paramètre de lien présent une seule fois"),
    ("offre", ["entrees", BACKUP, "inclus_par"], "ecrans", "entrees[5].inclus_par", "attendu un comptage de ce catalogue: postes, serveurs"),
    ("offre", ["entrees", SITES, "type"], "forfait", "entrees[6].type", "attendu l'une des valeurs niveau, commune, par_unite, paliers"),
    ("offre", ["graphique_selon"], "commune", "graphique_selon", "attendu un comptage de ce catalogue"),
    ("recommendation", ["niveaux", 0, "conditions", 0, "entrees"], ["terminaux"], "niveaux[0].conditions[0].entrees[0]",
     'attendu un comptage ou un oui/non de rules/offre.yaml, trouvé "terminaux"'),
    ("recommendation", ["niveaux", 0, "niveau"], 4, "niveaux[0].niveau", "attendu l'une des valeurs 1, 2, 3, trouvé 4"),
    ("pricing", ["deplacement", 4], 95, "deplacement.4", "attendu une zone où se trouve une commune de rules/communes.yaml"),
    ("offre", ["entrees", IMAGING, "parametre"], "json", "entrees[3].parametre",
     "attendu un paramètre de lien qui n'est pas une option de la ligne de commande"),
    ("offre", ["entrees", IMAGING, "unite"], DELETE, "entrees[3].unite", "attendu une unite"),
    ("offre", ["entrees", BACKUP, "niveaux", 2, "bloc"], 0, "entrees[5].niveaux.2.bloc", "attendu une taille de bloc > 0, trouvé 0"),
])
def test_each_class_of_mistake(raw_rules, file, path, value, where, expected):
    raw = copy.deepcopy(raw_rules)
    _set(raw[f"rules/{file}.yaml"], path, value)
    with pytest.raises(RulesError) as error:
        parse_rules(raw)
    message = str(error.value)
    assert message.startswith(f"rules/{file}.yaml: {where}: "), message
    assert expected in message


def test_an_option_priced_per_unit_of_another_says_per_what(raw_rules):
    """« 15,00 € HT / mois » on the rate card would hide that the price is per site."""
    raw = copy.deepcopy(raw_rules)
    raw["rules/offre.yaml"]["entrees"].append({"parametre": "pare_feu", "type": "oui_non", "libelle": "Pare-feu",
                                               "par": "sites", "niveaux": {1: {"prix": 15}, 2: {"prix": 15}, 3: {"prix": 15}}})
    with pytest.raises(RulesError) as error:
        parse_rules(raw)
    assert str(error.value).startswith("rules/offre.yaml: entrees[13].singulier: attendu un singulier")


def test_error_from_disk_names_the_line(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, folder)
    offer = folder / "offre.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("3: {prix: 99}", "3: {prix: gratuit}"), encoding="utf-8")
    expected_line = next(i for i, line in enumerate(offer.read_text(encoding="utf-8").splitlines(), 1)
                         if "prix: gratuit" in line)
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    assert error.value.line == expected_line
    assert str(error.value).endswith(f"offre.yaml:{expected_line}: entrees[2].niveaux.3.prix: attendu un montant positif, trouvé \"gratuit\"")


def test_broken_yaml_names_file_and_line(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, folder)
    (folder / "communes.yaml").write_text("communes:\n  - {slug: cilaos\n", encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    assert "communes.yaml:" in str(error.value) and "YAML illisible" in str(error.value)
    assert error.value.line is not None


def test_the_browser_gets_the_same_rules_without_validating_them(rules):
    """The worker loads the build's validated rules as they are; the presets stay with the
    build, which makes them pages."""
    loaded = rules_from_browser_json(rules_for_browser(rules))
    assert loaded == dataclasses.replace(rules, presets=(), example=None)
    sites = loaded.catalogue.entry("sites")
    assert isinstance(sites.levels[2].price, Decimal) and isinstance(loaded.catalogue.entry("postes").levels[2].bands, tuple)


def test_every_statement_of_the_offer_is_in_the_rules(raw_rules):
    """Nothing of the company's own text is dropped on the way to the pages."""
    seed = Path(__file__).resolve().parents[1] / "tests" / "data" / "offer.txt"
    text = json.dumps(raw_rules, ensure_ascii=False)
    for sentence in seed.read_text(encoding="utf-8").split("\n"):
        if sentence.strip():
            assert sentence.strip() in text, sentence


def test_rules_written_before_the_short_names_still_read(raw_rules):
    """comparer reads the rules of earlier commits, written before `court` and `nom_court`:
    they still load, each short name being the full one."""
    older = copy.deepcopy(raw_rules)
    levels = older["rules/levels.yaml"]
    del levels["entreprise"]["nom_court"]
    for attribute in levels["attributs"]:
        del attribute["court"]
    rules = parse_rules(older)
    assert [a.short for a in rules.texts.attributes] == [a.name for a in rules.texts.attributes]
    assert rules.texts.company.short_name == "PRISME / REUNIONINFORMATIQUE.COM"


# A business edit explained in French, with the fix (issue 29): the mistake as typed in the
# YAML text, and what the message must say.
EDITS = [
    ("offre.yaml", "2: {prix: 49}", "2: {prix: 52,50}",
     "clé inconnue « 50 » ; une virgule dans un nombre ? Écrivez « prix: 52.50 » (avec un point)."),
    ("offre.yaml", "2: {prix: 49}", "2: {prix: \"52,50\"}", "écrit avec un point : 52.50, trouvé \"52,50\""),
    ("pricing.yaml", 'tva_pourcent: "8.5"', "tva_pourcent: 8,5", "écrit avec un point : 8.5"),
    ("offre.yaml", "2: {prix: 49}", "2: {pris: 49}",
     "niveaux.2.pris: la clé obligatoire « prix » manque et « pris » n'est pas connue ; vouliez-vous dire « prix » ?"),
    ("offre.yaml", '    libelle: "Postes', '    libele: "Postes',
     "entrees[1].libele: la clé obligatoire « libelle » manque et « libele » n'est pas connue ; "
     "vouliez-vous dire « libelle » ?"),
    ("offre.yaml", "    type: par_unite\n", "    type: par_unite\n   unite: x\n", "YAML illisible : l'indentation"),
    ("offre.yaml", "    type: par_unite\n", "      type: par_unite\n", "YAML illisible : l'indentation"),
    ("offre.yaml", "    type: par_unite\n", "    type:par_unite\n", "YAML illisible : il manque une espace après « : »"),
    ("offre.yaml", "    type: par_unite\n", "\ttype: par_unite\n", "YAML illisible : une tabulation sert d'indentation"),
    ("communes.yaml", "{slug: cilaos, ", "{slug: cilaos ", "YAML illisible :"),
    ("pricing.yaml", 'tva_pourcent: "8.5"', 'tva_pourcent: "8.5"\ntva_pourcent: 9', "la clé « tva_pourcent » est écrite deux fois"),
]


@pytest.mark.parametrize("file, old, new, message", EDITS)
def test_a_business_edit_is_explained_in_french_with_the_fix(tmp_path, file, old, new, message):
    folder = edited_rules(tmp_path / "rules", file, old, new)
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    shown = str(error.value)
    assert shown.startswith(f"{folder / file}:") and message in shown, shown
    # The line of the mistake, never one of the English words PyYAML or the checks used.
    assert error.value.line is not None
    assert not {"expected", "got", "found", "mapping", "missing"} & set(shown.replace(":", " ").split()), shown
