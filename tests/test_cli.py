"""The command line that sales back-office scripts call."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .frozen import FROZEN_RULES

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT):
    """The CLI on the frozen rules, unless the test names its own folder."""
    rules = [] if "--regles" in args else ["--regles", str(FROZEN_RULES)]
    return subprocess.run([sys.executable, "-m", "calculator", *rules, *args], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_devis_json_worked_example():
    result = run("devis", "--postes", "7", "--serveurs", "1", "--imagerie", "2", "--commune", "saint-paul",
                 "--tpe", "0", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["niveaux"]["2"]["total_ttc"] == "443.77"
    assert data["niveaux"]["1"]["total_ht"] == "545.00"      # Saint-Paul is zone 2: 357.50 + 1.5 x 125
    assert data["recommande"] == 2 and data["seuil_heures_niveau2"] == "6.50"
    assert data["entrees"]["commune"] == "saint-paul" and data["avis"] == []
    assert data["niveaux"]["3"]["lignes"][1] == {"libelle": "Postes 1 à 5", "quantite": "5",
                                                 "prix_unitaire": "59.00", "montant": "295.00"}


def test_devis_table_is_french():
    result = run("devis", "--postes", "20", "--serveurs", "99")
    assert result.returncode == 0
    assert "Total HT 1\u00a0909,00\u00a0€" in result.stdout    # level 2: 49 + 195 + 340 + 145 + 20 x 59
    assert "Avis : « serveurs » : 99 est hors limites (0 à 20) ; 20 utilisé." in result.stdout


def test_couverture_json():
    result = run("couverture", "--niveau", "2", "--date", "2026-12-20T10:00", "--astreinte", "0", "--json")
    data = json.loads(result.stdout)
    assert data == {"niveau": 2, "heures_semaine": "77.00", "ouvert": True, "mode": "distanciel",
                    "fermeture": "2026-12-20T12:00:00+04:00", "prochaine_ouverture": None,
                    "jour_ferie": "Abolition de l'esclavage"}


def test_couverture_year():
    data = json.loads(run("couverture", "--niveau", "1", "--annee", "2027", "--json").stdout)
    assert data["heures_annee"] == "1771.00"


def test_bad_date_is_a_french_error():
    result = run("couverture", "--date", "demain")
    assert result.returncode == 2 and "Date illisible : « demain »" in result.stderr


def test_rules_error_stops_with_file_and_key(tmp_path):
    shutil.copytree(FROZEN_RULES, tmp_path / "rules")
    pricing = tmp_path / "rules" / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8").replace("tva_pourcent: \"8.5\"", "tva_pourcent: beaucoup"),
                       encoding="utf-8")
    result = run("--regles", str(tmp_path / "rules"), "devis")
    assert result.returncode == 1
    assert "pricing.yaml:8: tva_pourcent: attendu un pourcentage de 0 à 100, trouvé \"beaucoup\"" in result.stderr


# For people at a terminal (issue 29): a typo stops with the flag, the value and a suggestion.

@pytest.mark.parametrize("args, message", [
    (["devis", "--postes", "3", "--commune", "st-paul"],
     "--commune : « st-paul » n'est pas une commune de La Réunion ; vouliez-vous dire saint-paul ?"),
    (["lien", "--commune", "sainte-sussane"], "vouliez-vous dire sainte-suzanne"),
    (["devis", "--commune", "Paris"], "communes possibles : les-avirons, bras-panon,"),
    (["devis", "--tpe", "ouii"], "--tpe : « ouii » n'est ni oui ni non ; vouliez-vous dire oui ?"),
    (["lien", "--astreinte", "peut-être"], "--astreinte : « peut-être » n'est ni oui ni non ; valeurs possibles :"),
    (["devis", "--niveau", "4"], "--niveau : « 4 » n'est pas un niveau ; niveaux possibles : 1, 2, 3."),
    (["lien", "--niveau", "deux"], "--niveau : « deux » n'est pas un niveau"),
])
def test_a_typo_stops_with_the_flag_and_the_closest_values(args, message):
    result = run(*args)
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("word, meant", [
    ("oui", True), ("OUI", True), ("yes", True), ("Yes", True), ("1", True), ("true", True), ("TRUE", True),
    ("non", False), ("Non", False), ("no", False), ("NO", False), ("0", False), ("false", False), ("False", False),
])
def test_yes_no_flags_take_french_and_english_words_whatever_their_case(word, meant):
    result = run("devis", "--tpe", word, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entrees"]["tpe"] is meant and json.loads(result.stdout)["avis"] == []


@pytest.mark.parametrize("args, message", [
    (["devis", "--postes"], "devis : erreur : argument --postes : une valeur est attendue"),
    (["devi"], "erreur : argument commande : valeur inconnue : 'devi'"),
    (["devis", "--poste", "3", "--inconnue", "1"], "erreur : arguments inconnus : --inconnue 1"),
    (["couverture", "--annee", "deux-mille"], "erreur : argument --annee : valeur invalide : 'deux-mille'"),
    (["couverture", "--annee", "2027", "--date", "2027-01-01T10:00"],
     "erreur : argument --date : incompatible avec l'option --annee"),
    (["--regles"], "erreur : argument --regles : une valeur est attendue"),
    ([], "erreur : arguments obligatoires manquants : commande"),
])
def test_usage_errors_are_french(args, message):
    result = run(*args) if "--regles" not in args else run(*args, cwd=ROOT)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "usage : python -m calculator" in result.stderr and "error:" not in result.stderr


def test_help_is_french():
    result = run("lien", "--help")
    assert result.returncode == 0 and "show this help" not in result.stdout
    assert "-h, --help" in result.stdout and "affiche cette aide et s'arrête" in result.stdout


@pytest.mark.parametrize("argument", [b"\xe9tang", b"saint-\xff", b"\xc3"])
def test_an_argument_that_is_not_utf8_is_a_french_error(argument):
    result = run("devis", "--commune", argument)
    assert (result.returncode, result.stdout) == (2, "")
    assert "n'est pas écrit en UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_notices_come_before_the_figures_they_change():
    lines = run("devis", "--postes", "400").stdout.splitlines()
    assert lines[0] == "Avis : « postes » : 400 est hors limites (1 à 250) ; 250 utilisé."
    assert lines[1] == "Niveau 1"
