"""The publisher's identity (rules/identite.yaml): validated, shown when given, never guessed."""

import shutil
import subprocess
import sys

import pytest

import build
from calculator.errors import RulesError
from calculator.identity import load_identity, luhn_valid, missing

from .frozen import FROZEN_RULES

# SIRENs as INSEE publishes them (public registry), and numbers one digit away.
SIRENS = [
    ("542051180", True),        # TotalEnergies SE
    ("552032534", True),        # Danone
    ("542051181", False),
    ("552032535", False),
    ("000000000", True),        # the check alone allows it: the validation refuses it (below)
]


@pytest.mark.parametrize("digits, valid", SIRENS)
def test_siren_luhn_check(digits, valid):
    assert luhn_valid(digits) is valid


def identity_rules(tmp_path, **fields):
    """A copy of the frozen rules whose identite.yaml fills `fields` (editeur.<key>)."""
    rules = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    path = rules / "identite.yaml"
    text = path.read_text(encoding="utf-8")
    for key, value in fields.items():
        start = text.index(f"  {key}: ")
        end = text.index("\n", start)
        text = text[:start] + f'  {key}: "{value}"' + text[end:]
    path.write_text(text, encoding="utf-8")
    return rules


# (fields filled, the message's key path and expectation), as the business would get them wrong.
MISTAKES = [
    ({"siren": "542 051 181", "rcs_ville": "Saint-Denis"}, "editeur.siren: attendu un SIREN : 9 chiffres dont la clé de Luhn est juste"),
    ({"siren": "54205118", "rcs_ville": "Saint-Denis"}, "editeur.siren: attendu un SIREN"),
    ({"siren": "542 051 180"}, "editeur.rcs_ville: attendu rempli avec editeur.siren"),
    ({"rcs_ville": "Saint-Pierre"}, "editeur.siren: attendu rempli avec editeur.rcs_ville"),
    ({"siren": "000 000 000", "rcs_ville": "Saint-Denis"}, "editeur.siren: attendu un SIREN"),
]


@pytest.mark.parametrize("written", ["542 051 180", "542\u202f051\u202f180", "542051180"])
def test_a_siren_reads_however_its_groups_are_spaced(tmp_path, written):
    rules = identity_rules(tmp_path, siren=written, rcs_ville="Saint-Denis")
    assert load_identity(rules).registration() == "SIREN 542 051 180 RCS Saint-Denis"


def test_an_unquoted_siren_is_the_same_siren(tmp_path):
    rules = identity_rules(tmp_path, rcs_ville="Saint-Denis")
    path = rules / "identite.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('  siren: ""', "  siren: 542051180"), encoding="utf-8")
    assert load_identity(rules).registration() == "SIREN 542 051 180 RCS Saint-Denis"


@pytest.mark.parametrize("fields, message", MISTAKES)
def test_a_wrong_identity_names_file_line_and_key(tmp_path, fields, message):
    rules = identity_rules(tmp_path, **fields)
    with pytest.raises(RulesError) as error:
        load_identity(rules)
    assert "identite.yaml:" in str(error.value) and message in str(error.value)
    assert str(error.value).split(":")[1].isdigit()        # the line


def test_the_frozen_identity_lists_what_the_business_has_not_given():
    """The seed gives the trade name and the telephone, nothing of the registration: every
    legal field is missing, the host is named."""
    names = missing(load_identity(FROZEN_RULES))
    assert {"editeur.siren", "editeur.rcs_ville", "editeur.siege", "editeur.directeur_publication"} <= set(names)
    assert "hebergeur.nom" not in names and "hebergeur.adresse" not in names


def test_the_ci_report_warns_and_never_fails(tmp_path):
    incomplete = subprocess.run([sys.executable, "-m", "calculator", "--regles", str(FROZEN_RULES), "mentions",
                                 "--markdown"], capture_output=True, text=True)
    assert incomplete.returncode == 0
    assert "### Mentions légales incomplètes" in incomplete.stdout and "`editeur.siren`" in incomplete.stdout
    complete = identity_rules(tmp_path, denomination="PRISME", forme_juridique="SARL", capital="10 000 €",
                              siren="542051180", rcs_ville="Saint-Denis", siege="1 rue de Paris, 97400 Saint-Denis",
                              directeur_publication="Marie Payet", courriel="contact@example.re")
    text = (complete / "identite.yaml").read_text(encoding="utf-8").replace('  telephone: ""', '  telephone: "+1 555 0100"')
    (complete / "identite.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "calculator", "--regles", str(complete), "mentions"],
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "Mentions légales complètes.")


@pytest.mark.build
def test_pages_show_the_given_fields_and_leave_out_the_others(tmp_path, capsys):
    rules = identity_rules(tmp_path, siren="542051180", rcs_ville="Saint-Denis", denomination="PRISME",
                           forme_juridique="SARL", capital="10 000 €")
    out = tmp_path / "dist"
    build.build(out, rules_dir=rules)
    log = capsys.readouterr().out
    assert "Mentions légales incomplètes" in log and "editeur.siege" in log and "editeur.siren" not in log
    line = "PRISME / REUNIONINFORMATIQUE.COM · PRISME SARL · au capital de 10 000 € · SIREN 542 051 180 RCS Saint-Denis"
    for page in ("index.html", "prestations/index.html", "cal/index.html", "404.html"):
        assert line in (out / page).read_text(encoding="utf-8"), page
    cal = (out / "cal/index.html").read_text(encoding="utf-8")
    assert f'<p id="impression-identite">{line}</p>' in cal        # on the printed estimate
    legal = (out / "mentions-legales/index.html").read_text(encoding="utf-8")
    assert "<dt>Immatriculation</dt><dd>SIREN 542 051 180 RCS Saint-Denis</dd>" in legal
    assert "Siège social" not in legal and "Directeur de la publication" not in legal
    assert "GitHub, Inc." in legal and "88 Colin P. Kelly Jr. Street" in legal
