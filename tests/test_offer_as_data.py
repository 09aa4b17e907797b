"""The offer's shape is data: edits the business makes in rules/ alone reach every surface.

A scratch copy of the frozen rules gets, as the business would type them,
- a managed firewall, priced per site at levels 2 and 3 and not offered at level 1;
- a fourth travel zone holding Cilaos, with its own fee;
- a fourth band of workstations at level 3.
Each then shows on /cal/ (field, cost line, link, printed estimate, e-mail), on /prestations/
(rate card and comparison row), in `devis`, `lien`, `lot` and `comparer`, and in Pyodide as
in CPython."""

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

import build

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES
from .test_parity import assert_parity
from .waits import BOOT_TIMEOUT, READY

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"

FIREWALL = """
  - parametre: pare_feu
    type: oui_non
    libelle: "Pare-feu managé"
    singulier: site
    par: sites
    niveaux:
      1: {statut: non_inclus}
      2: {prix: 15}
      3: {prix: 15}
"""
# (file, text, replacement): each edit in the YAML text, as the business would make it.
EDITS = [
    ("offre.yaml", "    role: astreinte\n", "    role: astreinte\n" + FIREWALL),
    ("pricing.yaml", "  3: 70\n", "  3: 70\n  4: 95\n"),
    ("communes.yaml", '{slug: cilaos, nom: "Cilaos", zone: 3}', '{slug: cilaos, nom: "Cilaos", zone: 4}'),
    ("offre.yaml", "          - {jusqu_a: 15, prix: 52}\n          - {jusqu_a: null, prix: 45}",
     "          - {jusqu_a: 15, prix: 52}\n          - {jusqu_a: 40, prix: 45}\n          - {jusqu_a: null, prix: 40}"),
]
LINK = "pare_feu=1&sites=2&commune=cilaos"


def apply_edits(folder: Path) -> None:
    for file, old, new in EDITS:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def edited_rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("regles-modifiees") / "rules"
    shutil.copytree(FROZEN_RULES, folder)
    apply_edits(folder)
    return folder


@pytest.fixture(scope="module")
def edited_site(edited_rules):
    out = edited_rules.parent / "dist"
    build.build(out, rules_dir=edited_rules)
    return out


def cli(rules_folder, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "calculator", "--regles", str(rules_folder), *args], cwd=ROOT,
                          capture_output=True, text=True, input=stdin)


def test_devis_prices_the_firewall_per_site_and_the_new_zone(edited_rules):
    result = cli(edited_rules, "devis", "--pare_feu", "1", "--sites", "2", "--commune", "cilaos", "--json")
    assert result.returncode == 0, result.stderr
    levels = json.loads(result.stdout)["niveaux"]
    for n in "23":
        [line] = [line for line in levels[n]["lignes"] if line["libelle"] == "Pare-feu managé"]
        assert (line["quantite"], line["prix_unitaire"], line["montant"]) == ("2", "15.00", "30.00")
    assert not [line for line in levels["1"]["lignes"] if line["libelle"] == "Pare-feu managé"]
    assert levels["2"]["total_ht"] == "167.00"      # 2 x 49 + 39 + 2 x 15
    # Level 1: 0.5 h remote x 65 + 0.15 visit x (80 + 95, zone 4's fee).
    assert levels["1"]["total_ht"] == "58.75"
    assert levels["1"]["lignes"][1]["libelle"].replace(NBSP, " ") == "Sur site : 1 h + déplacement zone 4 (visites estimées)"
    assert levels["1"]["deplacement_par_visite"] == "95.00"


def test_the_new_band_prices_the_41st_workstation(edited_rules):
    result = cli(edited_rules, "devis", "--postes", "41", "--json")
    lines = json.loads(result.stdout)["niveaux"]["3"]["lignes"]
    assert [(line["libelle"], line["quantite"], line["prix_unitaire"]) for line in lines[1:]] == [
        ("Postes 1 à 5", "5", "59.00"), ("Postes 6 à 15", "10", "52.00"), ("Postes 16 à 40", "25", "45.00"),
        ("Postes à partir du 41e", "1", "40.00")]


def test_lien_and_lot_know_the_new_parameter(edited_rules, tmp_path):
    result = cli(edited_rules, "lien", "--base", "https://reunioninformatique.com/", "--pare_feu", "oui")
    assert result.stdout.strip() == "https://reunioninformatique.com/cal/?pare_feu=1"
    sheet = tmp_path / "cabinets.csv"
    sheet.write_text("nom;postes;pare_feu;commune\nDr Payet;3;1;cilaos\n", encoding="utf-8")
    result = cli(edited_rules, "lot", str(sheet), "--base", "https://reunioninformatique.com/")
    header, row = result.stdout.lstrip("\ufeff").splitlines()
    values = dict(zip(header.split(";"), row.split(";")))
    assert values["niveau_2_ht"] == "181,00"        # 49 + 3 x 39 + 15; ';' gives a decimal comma
    assert values["lien"] == "https://reunioninformatique.com/cal/?postes=3&commune=cilaos&pare_feu=1"


def test_comparer_reports_the_new_line_and_zone(tmp_path):
    repo = tmp_path / "depot"
    shutil.copytree(FROZEN_RULES, repo / "rules")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=T", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "gel"], cwd=repo, check=True)
    apply_edits(repo / "rules")
    report = cli(repo / "rules", "comparer").stdout.replace(NBSP, " ")
    for expected in ("Pare-feu managé : — → 15,00 € HT / site / mois (ligne ajoutée)",
                     "Zone de déplacement de Cilaos : zone 3 → zone 4",
                     "Déplacement par visite, zone 4, hors forfait : — → 95,00 € HT (ligne ajoutée)",
                     "Postes 16 à 40 : — → 45,00 € HT / poste / mois (ligne ajoutée)"):
        assert expected in report, report


def test_prestations_show_the_rate_and_the_comparison_row(edited_site):
    html = (edited_site / "prestations" / "index.html").read_text(encoding="utf-8").replace(NBSP, " ")
    assert ('<th scope="row">Pare-feu managé</th>\n<td>Non inclus</td><td>15,00 € HT / site / mois</td>'
            '<td>15,00 € HT / site / mois</td>') in html
    level2 = (edited_site / "prestations" / "niveau-2" / "index.html").read_text(encoding="utf-8").replace(NBSP, " ")
    assert "<th scope=\"row\">Pare-feu managé</th><td>15,00 € HT / site / mois</td>" in level2
    assert "<th scope=\"row\">Déplacement par visite, zone 4, hors forfait</th><td>95,00 € HT</td>" in level2


@pytest.mark.pyodide
def test_the_browser_computes_the_new_option_as_cpython_does(tmp_path, edited_site, edited_rules):
    from calculator.load import load_rules

    assert_parity(tmp_path, edited_site, load_rules(edited_rules)[0])


def test_cal_has_the_field_the_line_the_print_and_the_mail(page, edited_site):
    server = serve_in_thread(edited_site)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        page.goto(f"{url}/cal/?{LINK}")
        page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
        expect(page.locator("#champ-pare_feu")).to_be_checked()
        expect(page.get_by_label("Pare-feu managé")).to_be_visible()
        expect(page.locator("#lignes-2")).to_contain_text("Pare-feu managé")
        expect(page.locator("#lignes-1")).not_to_contain_text("Pare-feu managé")
        expect(page.locator("#lignes-1")).to_contain_text("zone 4")
        expect(page.locator("#impression-entrees")).to_contain_text("Pare-feu managé")
        page.uncheck("#champ-pare_feu")
        page.check("#champ-pare_feu")
        page.wait_for_selector(READY)
        expect(page.locator("#impression-lien")).to_have_text(f"{url}/cal/?sites=2&commune=cilaos&pare_feu=1")
        page.focus("#courriel")        # the e-mail's link is brought up to date as it is reached
        href = page.get_attribute("#courriel", "href")
        body = parse_qs(href[len("mailto:?"):])["body"][0]
        assert "- Pare-feu managé : oui" in body and body.endswith("/cal/?sites=2&commune=cilaos&pare_feu=1")
    finally:
        server.shutdown()


def _rules_with(raw_rules, change):
    import copy

    from calculator.rules import parse_rules

    raw = copy.deepcopy(raw_rules)
    change(raw)
    return parse_rules(raw)


def test_a_count_that_may_be_zero_draws_its_chart(raw_rules):
    """A range widened down to 0, or the chart drawn along a count that starts at 0."""
    from calculator.chart import charts
    from calculator.estimate import estimate_query

    def along_servers(raw):
        raw["rules/offre.yaml"]["graphique_selon"] = "serveurs"
    rules = _rules_with(raw_rules, along_servers)
    chart = charts(rules, estimate_query(rules, ""))["serveurs"]
    assert chart["lignes"][0][0] == "0" and "Pour 0 serveurs" in chart["svg"]


def test_a_yes_counts_as_one_in_the_recommendation_even_when_priced_per_site(raw_rules):
    from calculator.estimate import estimate_query

    def firewall_advised_alone(raw):
        raw["rules/offre.yaml"]["entrees"].append({
            "parametre": "pare_feu", "type": "oui_non", "libelle": "Pare-feu managé", "singulier": "site",
            "par": "sites", "niveaux": {1: {"statut": "non_inclus"}, 2: {"prix": 15}, 3: {"prix": 15}}})
        raw["rules/recommendation.yaml"]["niveaux"][0]["conditions"].append(
            {"entrees": ["pare_feu", "tpe"], "au_moins": 2, "raison": "{n} protections sur {min}."})
    rules = _rules_with(raw_rules, firewall_advised_alone)
    assert estimate_query(rules, "pare_feu=1&sites=3").recommended == 1
    assert estimate_query(rules, "pare_feu=1&tpe=1").reasons[-1] == "2 protections sur 2."


def test_a_flag_that_defaults_to_yes_says_so_when_misread(raw_rules):
    from calculator.query import parse_query

    def on_call_by_default(raw):
        raw["rules/offre.yaml"]["entrees"][-1]["defaut"] = True
    rules = _rules_with(raw_rules, on_call_by_default)
    inputs, notices = parse_query("astreinte=peut-etre", rules)
    assert inputs["astreinte"] is True and notices == ["« astreinte » : « peut-etre » n'est ni 0 ni 1 ; 1 utilisé."]
