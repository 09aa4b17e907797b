"""The link contract: links already sent to prospects keep their meaning, whatever the
business changes in rules/. tests/data/contrat_liens.json holds the published parameters
with their ranges and defaults, and the commune slugs. Adding a parameter is free."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from calculator.load import DEFAULT_DIR, load_rules
from calculator.rules import parse_rules

from .frozen import FROZEN_RULES

CONTRACT = json.loads((Path(__file__).parent / "data" / "contrat_liens.json").read_text(encoding="utf-8"))
SENT = "les liens déjà envoyés changeraient"


def contract_breaks(contract: dict, rules) -> list:
    """What in these rules would change the figures of a link already sent, in French."""
    breaks = []
    for published in contract["parametres"]:
        name, entry = published["parametre"], rules.catalogue.entry(published["parametre"])
        if entry is None:
            breaks.append(f"« {name} » a disparu du catalogue (rules/offre.yaml) : {SENT}.")
            continue
        if entry.kind != published["valeur"]:
            breaks.append(f"« {name} » n'est plus du même genre ({published['valeur']} → {entry.kind}) : {SENT}.")
        if "min" in published and (entry.minimum is None or entry.minimum > Decimal(published["min"])
                                   or entry.maximum < Decimal(published["max"])):
            breaks.append(f"« {name} » : plage réduite ({published['min']} à {published['max']} → "
                          f"{entry.minimum} à {entry.maximum}) : {SENT}.")
        default = published["defaut"]
        expected = Decimal(default) if entry.kind == "decimal" and default is not None else default
        if entry.default != expected:
            breaks.append(f"« {name} » : valeur par défaut changée ({default} → {entry.default}) : "
                          f"les liens qui ne le donnent pas changeraient.")
    known = {name for commune in rules.communes for name in (commune.slug, *commune.aliases)}
    breaks += [f"La commune « {slug} » a disparu de rules/communes.yaml : {SENT}."
               for slug in contract["communes"] if slug not in known]
    return breaks


@pytest.mark.parametrize("folder", [FROZEN_RULES, DEFAULT_DIR], ids=["regles-figees", "regles-en-vigueur"])
def test_links_already_sent_keep_their_meaning(folder):
    """CI runs this on the live rules before publishing them."""
    assert contract_breaks(CONTRACT, load_rules(folder)[0]) == []


def _changed(raw_rules, change):
    raw = copy.deepcopy(raw_rules)
    change(raw["rules/offre.yaml"]["entrees"], raw)
    return parse_rules(raw)


def _rename(entries, raw):
    entries[4]["parametre"] = "licence"
    raw["rules/presets.yaml"]["profils"][3]["parametres"] = {"postes": 5, "licence": 2}


def _narrow(entries, raw):
    entries[1]["max"] = 200


def _remove(entries, raw):
    del entries[9]      # visites, named by no other file


def _new_default(entries, raw):
    entries[6]["defaut"] = 2


def _drop_commune(entries, raw):
    raw["rules/communes.yaml"]["communes"] = [c for c in raw["rules/communes.yaml"]["communes"] if c["slug"] != "cilaos"]


def _widen(entries, raw):
    entries[1]["max"] = 400


def _add(entries, raw):
    entries.append({"parametre": "pare_feu", "type": "oui_non", "libelle": "Pare-feu managé"})


@pytest.mark.parametrize("change, message", [
    (_rename, "« licences » a disparu du catalogue (rules/offre.yaml) : les liens déjà envoyés changeraient."),
    (_narrow, "« postes » : plage réduite (1 à 250 → 1 à 200) : les liens déjà envoyés changeraient."),
    (_remove, "« visites » a disparu du catalogue"),
    (_new_default, "« sites » : valeur par défaut changée (1 → 2)"),
    (_drop_commune, "La commune « cilaos » a disparu"),
])
def test_a_change_that_would_alter_sent_links_is_named(raw_rules, change, message):
    breaks = contract_breaks(CONTRACT, _changed(raw_rules, change))
    assert len(breaks) == 1 and breaks[0].startswith(message), breaks


@pytest.mark.parametrize("change", [_widen, _add])
def test_a_wider_range_or_a_new_parameter_is_free(raw_rules, change):
    assert contract_breaks(CONTRACT, _changed(raw_rules, change)) == []
