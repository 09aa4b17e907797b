"""build.py: the named steps, the swap into place, and what the pages are made of."""

import re
import shutil
from pathlib import Path

import pytest

import build
from calculator.errors import RulesError

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
    assert '<output id="total-ht-2" aria-live="off" data-value="88.00">' in html
    assert "Estimation indicative, ne vaut pas devis" in html


def test_templates_type_no_figure(tmp_path):
    """Every price on the pages comes from the rules: no amount is written in a template."""
    for template in (ROOT / "site" / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\d+([.,]\d+)?\s*(€|&nbsp;€|EUR)", text), template.name
        assert "02 62" not in text, template.name


def test_sub_path_hosting_prefixes_every_link(tmp_path):
    out = tmp_path / "tarifs"
    build.build(out, "/tarifs/")
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src|data-[a-z]+)="(/[^"]*)"', html):
            assert url.startswith("/tarifs/"), (page, url)


def test_two_builds_are_byte_identical(tmp_path, built_site):
    again = tmp_path / "again"
    build.build(again)
    assert tree(again) == tree(built_site)


def test_rules_mistake_leaves_previous_output_untouched(tmp_path, capsys):
    out = tmp_path / "dist"
    build.build(out)
    before = tree(out)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    pricing = rules / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8").replace("forfait_site: 49", "forfait_site: -49"),
                       encoding="utf-8")
    with pytest.raises(RulesError):
        build.build(out, rules_dir=rules)
    assert build.main(["--out", str(out), "--rules", str(rules)]) == 1
    message = capsys.readouterr().err
    assert "pricing.yaml:" in message and "niveaux.2.forfait_site: expected a positive amount, got -49" in message
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "rules"]    # no staging folder left behind


def test_a_price_change_reaches_the_pages(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    pricing = rules / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8").replace("forfait_site: 49", "forfait_site: 51"),
                       encoding="utf-8")
    out = tmp_path / "dist"
    build.build(out, rules_dir=rules)
    html = (out / "cal/index.html").read_text(encoding="utf-8")
    assert 'id="total-ht-2" aria-live="off" data-value="90.00"' in html     # 51 + 39
    assert "51,00\u00a0€ HT / mois" in (out / "prestations/niveau-2/index.html").read_text(encoding="utf-8")
