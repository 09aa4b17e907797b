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

from .frozen import FROZEN_RULES


def test_example_message_from_the_issue(raw_rules):
    raw = copy.deepcopy(raw_rules)
    raw["rules/pricing.yaml"]["niveaux"][2]["postes"][1]["prix"] = "trente"
    with pytest.raises(RulesError) as error:
        parse_rules(raw)
    assert str(error.value) == 'rules/pricing.yaml: niveaux.2.postes[1].prix: expected a positive amount, got "trente"'


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


@pytest.mark.parametrize("file, path, value, where, expected", [
    ("pricing", ["niveaux", 2, "serveur"], DELETE, "niveaux.2.serveur", "expected a value, got <missing>"),
    ("pricing", ["niveaux", 3, "imagerie"], "vingt", "niveaux.3.imagerie", 'expected a positive amount, got "vingt"'),
    ("pricing", ["niveaux", 2, "serveur"], -59, "niveaux.2.serveur", "expected a positive amount, got -59"),
    ("pricing", ["niveaux", 2, "serveur"], 59.999, "niveaux.2.serveur", "expected a positive amount, got 59.999"),
    ("pricing", ["tva_pourcent"], 120, "tva_pourcent", "expected a percentage from 0 to 100, got 120"),
    ("pricing", ["niveaux", 2, "postes"], BANDS, "niveaux.2.postes[1].jusqu_a", "expected a whole number from 16, got 5"),
    ("communes", ["communes", 3, "zone"], 4, "communes[3].zone", "expected a whole number from 1 to 3, got 4"),
    ("communes", ["communes", 11, "slug"], "saint-paul", "communes[15].slug", 'expected a slug used once, got "saint-paul"'),
    ("hours", ["niveaux", 2, "samedi"], OVERLAP, "niveaux.2.samedi[1].de", "expected a start after the end of the previous window"),
    ("hours", ["niveaux", 1, "samedi"], REVERSED, "niveaux.1.samedi[0].a", 'expected a time after 12:00, got "08:00"'),
    ("hours", ["niveaux", 3, "dimanche"], [{"de": "9h", "a": "12:00", "mode": "distanciel"}], "niveaux.3.dimanche[0].de", 'expected a time "HH:MM"'),
    ("hours", ["decalage_utc"], "+25:00", "decalage_utc", 'expected a UTC offset from "-12:00" to "+14:00"'),
    ("hours", ["decalage_utc"], "+04:75", "decalage_utc", 'expected a UTC offset from "-12:00" to "+14:00"'),
    ("hours", ["niveaux", 2, "dimanche"], [{"de": "09:00", "a": "12:00", "mode": "sur_place"}], "niveaux.2.dimanche[0].mode", "expected one of sur_site_et_distanciel, distanciel"),
    ("levels", ["niveaux", 2, "attributs", "tpe"], "peut-être", "niveaux.2.attributs.tpe", "expected one of inclus, non_inclus, temps_passe"),
    ("levels", ["entreprise", "telephone"], "", "entreprise.telephone", "expected a non-empty text"),
    ("recommendation", ["niveau_3", "imagerie_min"], "trois", "niveau_3.imagerie_min", "expected a whole number from 1"),
    ("presets", ["profils", 4, "parametres", "commune"], "saint-martin", "profils[4].parametres.commune",
     'expected a commune of rules/communes.yaml, got "saint-martin"'),
    ("presets", ["profils", 0, "parametres", "postes"], 400, "profils[0].parametres.postes",
     "expected a value a link may carry (« postes » : 400 est hors limites"),
    ("pricing", ["niveaux", 2, "serveur"], "1e30", "niveaux.2.serveur", "expected a positive amount below 1 000 000 000"),
    ("recommendation", ["niveau_3", "imagerie"], "{n:s} appareils", "niveau_3.imagerie",
     'without format or conversion, got "{n:s}"'),
    ("recommendation", ["niveau_2", "postes_min"], "²", "niveau_2.postes_min", "expected a whole number from 1"),
    ("presets", ["profils", 0, "parametres", "ecrans"], 2, "profils[0].parametres.ecrans",
     'expected a parameter name: niveau, postes'),
])
def test_each_class_of_mistake(raw_rules, file, path, value, where, expected):
    raw = copy.deepcopy(raw_rules)
    _set(raw[f"rules/{file}.yaml"], path, value)
    with pytest.raises(RulesError) as error:
        parse_rules(raw)
    message = str(error.value)
    assert message.startswith(f"rules/{file}.yaml: {where}: "), message
    assert expected in message


def test_error_from_disk_names_the_line(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, folder)
    pricing = folder / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8").replace("serveur: 99", "serveur: gratuit"), encoding="utf-8")
    expected_line = next(i for i, line in enumerate(pricing.read_text(encoding="utf-8").splitlines(), 1)
                         if "serveur: gratuit" in line)
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    assert error.value.line == expected_line
    assert str(error.value).endswith(f"pricing.yaml:{expected_line}: niveaux.3.serveur: expected a positive amount, got \"gratuit\"")


def test_broken_yaml_names_file_and_line(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, folder)
    (folder / "communes.yaml").write_text("communes:\n  - {slug: cilaos\n", encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    assert "communes.yaml:" in str(error.value) and "expected valid YAML" in str(error.value)
    assert error.value.line is not None


def test_the_browser_gets_the_same_rules_without_validating_them(rules):
    """The worker loads the build's validated rules as they are; the presets stay with the
    build, which makes them pages."""
    loaded = rules_from_browser_json(rules_for_browser(rules))
    assert loaded == dataclasses.replace(rules, presets=())
    assert isinstance(loaded.paid[2].site_fee, Decimal) and isinstance(loaded.paid[2].bands, tuple)


def test_every_statement_of_the_offer_is_in_the_rules(raw_rules):
    """Nothing of the company's own text is dropped on the way to the pages."""
    seed = Path(__file__).resolve().parents[1] / "tests" / "data" / "offer.txt"
    text = json.dumps(raw_rules, ensure_ascii=False)
    for sentence in seed.read_text(encoding="utf-8").split("\n"):
        if sentence.strip():
            assert sentence.strip() in text, sentence
