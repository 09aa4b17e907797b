"""The command line that sales back-office scripts call."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

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
    assert "pricing.yaml:8: tva_pourcent: expected a percentage from 0 to 100, got \"beaucoup\"" in result.stderr
