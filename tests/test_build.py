"""build.py: the named steps, the swap into place, and what the pages are made of."""

import re
import shutil
import zipfile
from pathlib import Path

import pytest

import build
from build_steps import browser_python, wheels
from build_steps.output import BuildError
from calculator.errors import RulesError

from .checks import engine_config, shipped_engine
from .frozen import FROZEN_RULES, edited_rules

ROOT = Path(__file__).resolve().parents[1]


def tree(folder: Path) -> dict:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_compute_step_prerenders_the_default_estimate(rules):
    data = build.compute_page_data(rules, 2026)
    assert data["estimation"]["entrees"]["postes"] == 1
    assert [level["total_ht"] for level in data["estimation"]["niveaux"]] == [
        "48,25\u00a0€", "88,00\u00a0€", "148,00\u00a0€"]   # 32.50 + 15.75; 49 + 39; 89 + 59


def test_site_has_every_page(built_site):
    for page in ("index.html", "prestations/index.html", "prestations/niveau-1/index.html",
                 "prestations/niveau-2/index.html", "prestations/niveau-3/index.html", "cal/index.html", "404.html"):
        assert (built_site / page).is_file(), page


def test_comparison_table_is_accessible_text(built_site):
    html = (built_site / "prestations/index.html").read_text(encoding="utf-8")
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    for word in ("Inclus", "Non inclus", "Facturé au temps passé", "02 62 79 00 11"):
        assert word in html
    for level in (1, 2, 3):
        assert f'href="/prestations/niveau-{level}/"' in html and f'href="/cal/?niveau={level}"' in html


def test_cal_form_uses_the_url_parameter_names(built_site):
    html = (built_site / "cal/index.html").read_text(encoding="utf-8")
    for name in ("niveau", "postes", "serveurs", "imagerie", "licences", "sauvegarde", "sites", "commune",
                 "heures", "visites", "tpe", "standard", "astreinte"):
        assert f'name="{name}"' in html, name
    assert html.count("<option value=\"") >= 24 + 4
    assert '<output id="total-ht-2" aria-live="off" data-value="88.00"' in html
    assert "Estimation indicative, ne vaut pas devis" in html


def test_templates_type_no_figure(tmp_path):
    """Every price on the pages comes from the rules: no amount is written in a template."""
    for template in (ROOT / "site" / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\d+([.,]\d+)?\s*(€|&nbsp;€|EUR)", text), template.name
        assert "02 62" not in text, template.name


def test_sub_path_hosting_prefixes_every_link(tmp_path):
    out = tmp_path / "tarifs"
    build.build(out, "/tarifs/", rules_dir=FROZEN_RULES)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src|data-[a-z]+)="(/[^"]*)"', html):
            assert url.startswith("/tarifs/"), (page, url)
        if 'id="moteur"' in html:      # the worker's files, named in the engine configuration
            config = engine_config(page)
            named = [config[name] for name in ("pyodide", "lock", "stdlib", "stdlib_later", "engine", "rules", "holidays",
                                               "worker")]
            for url in named + [url for urls in config["wheels"].values() for url in urls]:
                assert url.startswith("/tarifs/") and (out / url.removeprefix("/tarifs/")).exists(), (page, url)


def test_test_hooks_ship_only_in_the_tests_builds(built_site, tmp_path):
    """Visitors get no handle on the worker's Python nor the start-up timings."""
    assert engine_config(built_site / "cal" / "index.html")["test_hooks"] is True
    out = tmp_path / "site"
    build.build(out, rules_dir=FROZEN_RULES)
    assert "test_hooks" not in engine_config(out / "cal" / "index.html")
    assert "test_hooks" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.pyodide
def test_two_builds_are_byte_identical(tmp_path, built_site, monkeypatch):
    """Even the bytecode, made again from scratch by Pyodide (an empty build cache)."""
    monkeypatch.setattr(browser_python, "BYTECODE_CACHE", tmp_path / "empty-cache")
    again = tmp_path / "again"
    build.build(again, rules_dir=FROZEN_RULES, test_hooks=True)
    assert tree(again) == tree(built_site)


def shipped_archive(site: Path, attribute: str, name: str = "") -> zipfile.ZipFile:
    paths = shipped_engine(site)[attribute]
    [path] = [path for path in (paths if isinstance(paths, list) else [paths]) if name in path.name]
    return zipfile.ZipFile(path)


@pytest.mark.parametrize("attribute, name, compiled, source", [
    # Pyodide's start-up, then what the first estimate imports.
    ("stdlib", "", ["asyncio/__init__.pyc", "json/__init__.pyc", "decimal.pyc", "inspect.pyc"], []),
    # Imported after the first estimate (QR code, holidays package): in the later zip.
    ("stdlib_later", "", ["gettext.pyc", "xml/sax/saxutils.pyc", "email/message.pyc"], []),
    # Never imported in a browser: left as source, which costs nothing until imported.
    ("stdlib_later", "", [], ["unittest/__init__.py", "pdb.py"]),
    ("engine", "", ["calculator/browser.pyc", "calculator/estimate.pyc", "calculator/coverage.pyc"], []),
    ("wheels", "holidays", ["holidays/__init__.pyc", "holidays/countries/france.pyc"], []),
    ("wheels", "segno", ["segno/__init__.pyc"], []),
])
def test_browser_python_arrives_compiled(built_site, attribute, name, compiled, source):
    """Visitors' browsers import these modules without compiling them (the start-up cost)."""
    members = set(shipped_archive(built_site, attribute, name).namelist())
    for member in compiled:
        assert member in members and member[:-1] not in members, member
    for member in source:
        assert member in members and member + "c" not in members, member


def test_browser_and_build_read_the_same_holidays():
    """The build writes the holidays table with CPython's `holidays`; the browser asks the
    wheel for years beyond it: both must be the same version, or a year could change rules
    at the table's edge."""
    requirements = (Path(build.__file__).parent / "requirements.in").read_text(encoding="utf-8")
    [pinned] = re.findall(r"^holidays==(\S+)$", requirements, re.MULTILINE)
    assert f"holidays=={pinned}" in wheels.BROWSER_WHEELS


def test_start_up_standard_library_holds_only_what_start_up_imports(built_site):
    """A phone downloads the start-up zip before its first estimate: modules imported only
    later (or never) are in the other zip, each module in exactly one of them."""
    def modules(archive):
        return {name.removesuffix("c") for name in archive.namelist() if name.endswith((".py", ".pyc"))}

    first, later = modules(shipped_archive(built_site, "stdlib")), modules(shipped_archive(built_site, "stdlib_later"))
    assert not first & later
    assert {"gettext.py", "unittest/__init__.py", "email/message.py", "xml/sax/saxutils.py"} <= later
    assert {"decimal.py", "json/__init__.py", "later_stdlib.py"} <= first
    assert len(first) < len(later) / 2


def test_rules_mistake_leaves_previous_output_untouched(tmp_path, capsys):
    out = tmp_path / "dist"
    build.build(out, rules_dir=FROZEN_RULES)
    before = tree(out)
    rules = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    offer = rules / "offre.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("2: {prix: 49}", "2: {prix: -49}"), encoding="utf-8")
    with pytest.raises(RulesError):
        build.build(out, rules_dir=rules)
    assert build.main(["--out", str(out), "--rules", str(rules)]) == 1
    message = capsys.readouterr().err
    assert "offre.yaml:" in message and "entrees[6].niveaux.2.prix: attendu un montant positif, trouvé -49" in message
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "rules"]    # no staging folder left behind


def test_a_price_edit_reuses_the_precompiled_python(tmp_path, built_site, monkeypatch):
    """The business's edits reach the site without a Pyodide run each: the bytecode depends
    on the code and the tour, not on the prices."""
    def no_precompile(*args):
        raise AssertionError("a price edit reran the precompile")

    monkeypatch.setattr(browser_python, "run_precompile", no_precompile)
    rules = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    offer = rules / "offre.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("2: {prix: 59}", "2: {prix: 61}"), encoding="utf-8")
    build.build(tmp_path / "dist", rules_dir=rules)
    assert (tmp_path / "dist" / "assets").is_dir()


def test_a_price_change_reaches_the_pages(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    offer = rules / "offre.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("2: {prix: 49}", "2: {prix: 51}"), encoding="utf-8")
    out = tmp_path / "dist"
    build.build(out, rules_dir=rules)
    html = (out / "cal/index.html").read_text(encoding="utf-8")
    assert 'id="total-ht-2" aria-live="off" data-value="90.00"' in html     # 51 + 39
    assert "51,00\u00a0€ HT / mois" in (out / "prestations/niveau-2/index.html").read_text(encoding="utf-8")


# One case per class of mistake, made in the YAML text as the business would make it:
# (file, text replaced, replacement, line of the mistake, key path and expectation in the message).
RULES_MISTAKES = [
    ("offre.yaml", "      2: {prix: 59}\n", "", 90, "entrees[2].niveaux.2: attendu une valeur, trouvé <absent>"),    # missing key
    ("offre.yaml", "2: {prix: 59}", "2: {prix: cinquante}", 92, 'entrees[2].niveaux.2.prix: attendu un montant positif, trouvé "cinquante"'),  # wrong type
    ("offre.yaml", "2: {prix: 59}", "2: {prix: -59}", 92, "entrees[2].niveaux.2.prix: attendu un montant positif, trouvé -59"),  # negative price
    ("offre.yaml", "{jusqu_a: 15, prix: 34}", "{jusqu_a: 4, prix: 34}", 74,
     "entrees[1].niveaux.2.paliers[1].jusqu_a: attendu un nombre entier de 6, trouvé 4"),                              # bands that do not chain
    ("communes.yaml", "{slug: cilaos, nom: \"Cilaos\", zone: 3}", "{slug: cilaos, nom: \"Cilaos\", zone: 7}", 13,
     "communes[2].zone: attendu une zone de rules/pricing.yaml (deplacement : 1, 2, 3), trouvé 7"),                    # unknown zone
    ("presets.yaml", "commune: saint-pierre", "commune: saint-tropez", 27,
     'profils[4].parametres.commune: attendu une commune de rules/communes.yaml, trouvé "saint-tropez"'),               # unknown commune
    ("hours.yaml", '{de: "13:30", a: "16:30"', '{de: "11:30", a: "16:30"', 18,
     "niveaux.1.lundi[1].de: attendu un début après la fin de la plage précédente, dans l'ordre, trouvé \"11:30\""),       # overlapping hours
    ("hours.yaml", '{de: "13:30", a: "16:30"', '{de: "13:30", a: "12:30"', 18,
     'niveaux.1.lundi[1].a: attendu une heure après 13:30, trouvé "12:30"'),                                            # reversed hours
    ("offre.yaml", "2: {prix: 49}", "2: {prix: 49, prixx: 10}", 151,
     "entrees[6].niveaux.2.prixx: clé inconnue « prixx » ; vouliez-vous dire « prix » ?"),                           # unknown key
    ("hours.yaml", "mode: distanciel, mode_astreinte:", "mode: distanciel, mode_astriente:", 37,
     "niveaux.2.dimanche[0].mode_astriente: clé inconnue « mode_astriente » ; vouliez-vous dire « mode_astreinte » ?"),  # misspelt nested key
    ("recommendation.yaml", "à partir de {min}, l'infogérance", "à partir de {minimum}, l'infogérance", 23,
     'niveaux[0].conditions[2].raison: attendu un texte dont les {champs} sont parmi {n}, {min}, trouvé "{minimum}"'),  # unknown placeholder
    ("pricing.yaml", "en_vigueur_le: 2027-01-01", "en_vigueur_le: 2027-02-30", 6,
     "en_vigueur_le: attendu une date écrite AAAA-MM-JJ, par ex. 2027-01-01"),                                     # impossible date
    ("levels.yaml", 'source: "', 'sources: "', 5,
     "sources: la clé obligatoire « source » manque et « sources » n'est pas connue ; vouliez-vous dire « source » ?"),                     # no source
    ("offre.yaml", "      2: {prix: 59}\n", "      2: {prix: 59}\n      2: {prix: 69}\n", 93,
     'YAML illisible : la clé « 2 » est écrite deux fois.'),                                         # a key written twice
    # The offer's shape (rules/offre.yaml) holds together.
    ("offre.yaml", "      3: {prix: 99}\n", "      3: {prix: 99}\n      4: {prix: 120}\n", 94,
     "entrees[2].niveaux.4: attendu un niveau de rules/levels.yaml, écrit comme un nombre (1, 2, 3), trouvé \"4\""),                         # a level that does not exist
    ("offre.yaml", "    defaut: 0\n    niveaux:\n      1: {statut: temps_passe, heures: 1,",
     "    defaut: 30\n    niveaux:\n      1: {statut: temps_passe, heures: 1,", 89,
     "entrees[2].defaut: attendu une valeur par défaut entre min et max (0 à 20), trouvé 30"),                               # default outside its range
    ("offre.yaml", "  - parametre: imagerie\n", "  - parametre: serveurs\n", 95,
     'entrees[3].parametre: attendu un paramètre de lien présent une seule fois (un lien ne saurait pas lequel il règle), trouvé "serveurs"'),  # a parameter twice
    ("pricing.yaml", "  3: 70\n", "  3: 70\n  4: 95\n", 26,
     "deplacement.4: attendu une zone où se trouve une commune de rules/communes.yaml (aucune n'est en zone 4), trouvé <zone inutilisée>"),  # a zone no commune uses
    ("offre.yaml", "    type: au_dela\n", "    type: au_dela_de\n", 122,
     "entrees[5].type: attendu l'une des valeurs niveau, commune, par_unite, paliers, au_dela, oui_non, nombre, "
     'trouvé "au_dela_de"'),  # a kind the engine cannot price
]


@pytest.fixture(scope="module")
def baseline_site(tmp_path_factory):
    """One good site for every mistake below to leave untouched."""
    out = tmp_path_factory.mktemp("baseline") / "dist"
    build.build(out, rules_dir=FROZEN_RULES)
    return out


@pytest.mark.parametrize("file, old, new, line, message", RULES_MISTAKES)
def test_build_rejects_each_class_of_rules_mistake(tmp_path, capsys, baseline_site, file, old, new, line, message):
    out = tmp_path / "dist"
    shutil.copytree(baseline_site, out)
    before = tree(out)
    rules = edited_rules(tmp_path / "rules", file, old, new)
    assert build.main(["--out", str(out), "--rules", str(rules)]) == 1
    error = capsys.readouterr().err
    # file:line: or, for a YAML syntax error, file:line:column:
    assert f"{file}:{line}: {message}" in error or (f"{file}:{line}:" in error and message in error), error
    assert "Traceback" not in error
    assert tree(out) == before


def test_a_tampered_wheel_stops_the_build(monkeypatch, tmp_path):
    """The wheels run in every visitor's browser: one that is not the pinned file is refused."""
    spec = next(iter(wheels.BROWSER_WHEELS))
    monkeypatch.setitem(wheels.BROWSER_WHEELS, spec, "0" * 64)
    with pytest.raises(BuildError, match="sha256 attendu 0000"):
        build.build(tmp_path / "dist", rules_dir=FROZEN_RULES)
    assert not (tmp_path / "dist").exists()


@pytest.mark.pyodide
def test_a_failed_precompile_stops_the_build_and_keeps_the_site(monkeypatch, tmp_path, capsys):
    """A broken compile step must not publish a site whose browser Python cannot start."""
    out = tmp_path / "dist"
    build.build(out, rules_dir=FROZEN_RULES)
    before = tree(out)
    broken = tmp_path / "precompile"
    shutil.copytree(ROOT / "precompile", broken)
    (broken / "bytecode.py").write_text("raise RuntimeError('compileur cassé')\n", encoding="utf-8")
    monkeypatch.setattr(browser_python, "PRECOMPILE", broken)
    monkeypatch.setattr(browser_python, "BYTECODE_CACHE", tmp_path / "cache")
    assert build.main(["--out", str(out), "--rules", str(FROZEN_RULES)]) == 1
    error = capsys.readouterr().err
    assert "échec de precompile/run.mjs" in error and "RuntimeError: compileur cassé" in error, error
    assert tree(out) == before
    assert list((tmp_path / "cache").iterdir()) == []     # no half-made entry left to be reused
