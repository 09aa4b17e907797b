"""`python -m calculator comparer`: what a rules change does to prices, as its reviewer reads it.

Each test builds a throwaway git repository from the frozen rules (tests/data/rules/), commits
a change the business could make, and reads the report the command prints."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .frozen import FROZEN_RULES

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"
EXAMPLE = "Exemple de l'offre : 7 postes, 1 serveur, 2 appareils d'imagerie, Saint-Denis"
SITE_FEE_50 = ("offre.yaml", "2: {prix: 49}", "2: {prix: 50}")    # level 2 only: level 3's is 89


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def git(repo, *args):
    subprocess.run(["git", "-c", "user.email=tests@example.com", "-c", "user.name=Tests",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


def edit(repo, file, old, new):
    path = repo / "rules" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit(repo, *edits, message="Changement des règles"):
    for change in edits:
        edit(repo, *change)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path):
    """A repository whose only commit holds the frozen rules, in rules/."""
    repo = tmp_path / "depot"
    shutil.copytree(FROZEN_RULES, repo / "rules")
    git(repo, "init", "-q")
    commit(repo, message="Règles gelées")
    return repo


def compare(repo, *args):
    """(exit code, stdout with no-break spaces shown as spaces, stderr)."""
    result = run("--regles", str(repo / "rules"), "comparer", *args, cwd=repo)
    return result.returncode, result.stdout.replace(NBSP, " "), result.stderr


def block(out: str, heading: str) -> list:
    """The indented lines under `heading`, up to the next line at its own indentation."""
    lines = out.splitlines()
    start = lines.index(heading)
    indent = len(heading) - len(heading.lstrip())
    rest = []
    for line in lines[start + 1:]:
        if not line or len(line) - len(line.lstrip()) <= indent:
            break
        rest.append(line)
    return rest


def test_site_fee_49_to_50_in_text(repo):
    commit(repo, SITE_FEE_50)
    code, out, _ = compare(repo)
    assert code == 0
    title = out.splitlines()[0]
    assert title.startswith("Comparaison des tarifs : ") and title.endswith(" → règles actuelles")
    # The rate card: only level 2's site fee moved.
    assert block(out, "Grille tarifaire (avant → après)") == [
        "  Niveau 2", "    Forfait par site : 49,00 € HT / mois → 50,00 € HT / mois"]
    # The offer's worked example: level 2 one euro more, VAT 8.5 % half-up (410 x 0.085 = 34.85);
    # levels 1 and 3 shown unchanged ("=").
    example = block(out, f"  {EXAMPLE}")
    assert example[1] == "    Niveau 2 : HT 409,00 € → 410,00 € (+1,00 €) ; TTC 443,77 € → 444,85 € (+1,08 €)"
    for line in (example[0], example[2]):
        assert line.count("(=)") == 2, line
    assert [line.split(" :")[0].strip() for line in example] == ["Niveau 1", "Niveau 2", "Niveau 3"]
    # Two sites pay the site fee twice.
    assert "    Niveau 2 : HT 488,00 € → 490,00 € (+2,00 €) ; TTC 529,48 € → 531,65 € (+2,17 €)" \
        in block(out, "  Maison de santé sur deux sites")


def test_amounts_keep_french_no_break_spaces(repo):
    commit(repo, SITE_FEE_50)
    stdout = run("--regles", str(repo / "rules"), "comparer", cwd=repo).stdout
    assert f"50,00{NBSP}€ HT / mois" in stdout and f"1{NBSP}002,00{NBSP}€ → 1{NBSP}003,00{NBSP}€" in stdout


def test_site_fee_49_to_50_in_markdown(repo):
    commit(repo, SITE_FEE_50)
    code, out, _ = compare(repo, "--markdown")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("## Comparaison des tarifs : ")
    assert "| 2 | Forfait par site | 49,00 € HT / mois | 50,00 € HT / mois |" in lines
    assert "| Estimation | Niveau | HT avant | HT après | Écart HT | TTC avant | TTC après | Écart TTC |" in lines
    assert f"| {EXAMPLE} | 2 | 409,00 € | 410,00 € | +1,00 € | 443,77 € | 444,85 € | +1,08 € |" in lines
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in lines if line.startswith(f"| {EXAMPLE} |")]
    assert [(row[1], row[4], row[7]) for row in rows] == [
        ("1", "=", "="), ("2", "+1,00 €", "+1,08 €"), ("3", "=", "=")]


# Changes and the line of the report that says so.
CHANGES = [
    ([("offre.yaml", "2: {prix: 49}", "2: {prix: 47.5}")],
     "    Niveau 2 : HT 409,00 € → 407,50 € (-1,50 €) ; TTC 443,77 € → 442,14 € (-1,63 €)"),
    ([("pricing.yaml", 'tva_pourcent: "8.5"', 'tva_pourcent: "2.1"')], "  TVA : 8,5 % → 2,1 %"),
    ([("offre.yaml", "{jusqu_a: 5, prix: 39}", "{jusqu_a: 6, prix: 39}")],
     "    Postes 1 à 6 : — → 39,00 € HT / poste / mois (ligne ajoutée)"),
    ([("offre.yaml", "{jusqu_a: 5, prix: 39}", "{jusqu_a: 6, prix: 39}")],
     "    Postes 1 à 5 : 39,00 € HT / poste / mois → — (ligne supprimée)"),
    # A preset is matched by its slug: a new slug is a preset removed and one added.
    ([("presets.yaml", "slug: pharmacie-avec-tpe", "slug: pharmacie")],
     "    Niveau 2 : HT 325,00 € → — (—) ; TTC 352,63 € → — (—)"),
    ([("presets.yaml", "slug: pharmacie-avec-tpe", "slug: pharmacie")],
     "    Niveau 2 : HT — → 325,00 € (—) ; TTC — → 352,63 € (—)"),
    # A commune moved to another travel zone changes level 1 there, whatever the estimates show.
    ([("communes.yaml", '{slug: saint-paul, nom: "Saint-Paul", zone: 2}', '{slug: saint-paul, nom: "Saint-Paul", zone: 3}')],
     "  Zone de déplacement de Saint-Paul : zone 2 → zone 3"),
]


@pytest.mark.parametrize("edits, line", CHANGES)
def test_each_kind_of_change_is_reported(repo, edits, line):
    commit(repo, *edits)
    code, out, _ = compare(repo)
    assert code == 0 and line in out.splitlines(), out


def test_markdown_escapes_pipes_in_labels(repo):
    commit(repo, ("presets.yaml", 'nom: "Pharmacie avec TPE"', 'nom: "Pharmacie | TPE"'),
           ("offre.yaml", "2: {prix: 49}", "2: {prix: 50}"))
    out = compare(repo, "--markdown")[1]
    assert "| Pharmacie \\| TPE | 2 | 325,00 € | 326,00 € | +1,00 € |" in out


def short(repo, rev):
    return subprocess.run(["git", "rev-parse", rev], cwd=repo, check=True, capture_output=True,
                          text=True).stdout[:7]


def _committed_change_then_other_file(repo):
    """Returns the commit the report should start from: the one before the rules changed."""
    commit(repo, SITE_FEE_50)
    (repo / "LISEZMOI.txt").write_text("sans rapport avec les prix\n", encoding="utf-8")
    commit(repo, message="Autre chose que les règles")
    return short(repo, "HEAD~2")


def _committed_change_then_uncommitted_edit(repo):
    commit(repo, SITE_FEE_50)
    edit(repo, "offre.yaml", "2: {prix: 50}", "2: {prix: 51}")
    return short(repo, "HEAD")


# Without --avant: the rules before their latest change.
DEFAULT_REF = [
    # clean tree: the version before the latest commit that touched rules/, whatever came after
    (_committed_change_then_other_file, "Forfait par site : 49,00 € HT / mois → 50,00 € HT / mois"),
    # uncommitted edits: HEAD
    (_committed_change_then_uncommitted_edit, "Forfait par site : 50,00 € HT / mois → 51,00 € HT / mois"),
]


@pytest.mark.parametrize("history, line", DEFAULT_REF)
def test_default_ref_is_the_rules_before_their_latest_change(repo, history, line):
    start = history(repo)
    code, out, _ = compare(repo)
    assert code == 0 and f"({start}) → règles actuelles" in out.splitlines()[0], out
    assert f"    {line}" in out.splitlines(), out


def test_no_previous_version_is_said_not_failed(repo):
    said = "Aucune version précédente des règles dans l'historique git : rien à comparer.\n"
    assert compare(repo) == (0, said, "")


# Nothing priced changed: one line.
NO_CHANGE = [
    [],
    [("presets.yaml", 'nom: "Pharmacie avec TPE"', 'nom: "Officine avec TPE"')],
]


@pytest.mark.parametrize("edits", NO_CHANGE)
@pytest.mark.parametrize("flag", [(), ("--markdown",)])
def test_no_price_change_is_one_line(repo, edits, flag):
    if edits:
        commit(repo, *edits, message="Rien qui touche aux prix")
    code, out, _ = compare(repo, "--avant", "HEAD~1" if edits else "HEAD", *flag)
    assert code == 0 and len(out.splitlines()) == 1
    assert out.startswith("Aucun changement de prix par rapport à ") and out.rstrip().endswith(".")


# Earlier rules that today's code cannot read: a sentence, exit 0 (a report, never a gate).
IMPOSSIBLE = [
    (lambda repo: edit(repo, "pricing.yaml", 'tva_pourcent: "8.5"', "tva_pourcent: beaucoup"),
     'tva_pourcent: attendu un pourcentage de 0 à 100, trouvé "beaucoup"'),
    (lambda repo: (repo / "rules" / "presets.yaml").unlink(), "le fichier rules/presets.yaml n'existe pas"),
    (lambda repo: edit(repo, "offre.yaml", "2: {prix: 49}", "2: {prix: [49}"), "YAML illisible"),
]


@pytest.mark.parametrize("spoil, reason", IMPOSSIBLE)
def test_unreadable_earlier_rules_make_the_comparison_impossible(repo, spoil, reason):
    spoil(repo)
    commit(repo, message="Règles abîmées")
    shutil.rmtree(repo / "rules")
    shutil.copytree(FROZEN_RULES, repo / "rules")
    commit(repo, message="Règles réparées")
    code, out, _ = compare(repo)
    assert code == 0 and out.startswith("Comparaison des tarifs impossible avec ") and reason in out, out


def test_unknown_ref_is_a_french_error(repo):
    code, out, err = compare(repo, "--avant", "nulle-part")
    assert code == 2 and out == "" and "Référence git inconnue : « nulle-part »" in err


def test_rules_outside_a_repository_is_a_french_error(tmp_path):
    shutil.copytree(FROZEN_RULES, tmp_path / "rules")
    result = run("--regles", str(tmp_path / "rules"), "comparer", cwd=tmp_path)
    assert result.returncode == 2 and "n'est pas dans un dépôt git" in result.stderr
