"""Tools for sales: live support status, coverage chart and holidays, presets, print, QR code."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import segno
from playwright.sync_api import expect
from pypdf import PdfReader

import build
from calculator.browser import QR_MASK

from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT, READY

ROOT = Path(__file__).resolve().parents[1]


def cli_totals(query: str) -> dict:
    flags = [item for pair in query.split("&") for item in (f"--{pair.split('=')[0]}", pair.split("=")[1])]
    result = subprocess.run([sys.executable, "-m", "calculator", "--regles", str(FROZEN_RULES), "devis", *flags,
                             "--json"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return {n: level["total_ht"] for n, level in json.loads(result.stdout)["niveaux"].items()}


# Live support status ------------------------------------------------------------------------

@pytest.mark.parametrize("utc_instant, on_call, is_open, mode, text", [
    # Sunday 20 December 2026, a public holiday: 06:00 in Réunion, closed until 09:00.
    ("2026-12-20T02:00:00Z", False, "false", "", "Prochaine ouverture : dimanche 20 décembre à 9\u00a0h."),
    # 10:00 in Réunion: remote only, or on site too for a practice on call duty.
    ("2026-12-20T06:00:00Z", False, "true", "distanciel", "à distance uniquement, jusqu'à 12\u00a0h."),
    ("2026-12-20T06:00:00Z", True, "true", "sur_site_et_distanciel", "sur site et à distance, jusqu'à 12\u00a0h."),
])
def test_live_status_in_reunion_time_whatever_the_visitor_zone(browser, site_url, utc_instant, on_call, is_open,
                                                               mode, text):
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.clock.set_fixed_time(utc_instant)
    page.goto(f"{site_url}/cal/{'?astreinte=1' if on_call else ''}")
    status = page.locator("#support-status-2[data-ouvert]")
    status.wait_for(timeout=BOOT_TIMEOUT)
    assert (status.get_attribute("data-ouvert"), status.get_attribute("data-mode")) == (is_open, mode)
    expect(status).to_contain_text(text)
    expect(status).to_contain_text("Jour férié : Abolition de l'esclavage")
    context.close()


def test_live_status_on_a_level_page(page, site_url):
    page.clock.set_fixed_time("2026-11-30T05:00:00Z")      # Monday 09:00 in Réunion
    page.goto(f"{site_url}/prestations/niveau-1/")
    status = page.locator("#support-status-1[data-ouvert]")
    status.wait_for(timeout=BOOT_TIMEOUT)
    assert status.get_attribute("data-ouvert") == "true"
    assert status.get_attribute("data-mode") == "sur_site_et_distanciel"
    expect(status).to_have_text("Support joignable maintenant, sur site et à distance, jusqu'à 12\u00a0h.")


# Coverage chart and public holidays ---------------------------------------------------------

def test_weekly_chart_states_the_hours(built_site):
    html = (built_site / "prestations/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="semaine".*?</svg>', html, re.S)
    # Levels 2 and 3 have the same hours in the frozen rules: one chart, « Niveaux 2 et 3 ».
    assert len(charts) == 2 and all('role="img"' in chart for chart in charts)
    assert "Semaine type du support, niveaux 2 et 3" in charts[1]
    level1 = re.search(r"<desc[^>]*>(.*?)</desc>", charts[0], re.S).group(1)
    assert "8\u00a0h – 12\u00a0h" in level1 and "13\u00a0h\u00a030 – 16\u00a0h\u00a030" in level1 and "35\u00a0h par semaine" in level1
    # Level 1: five days of two windows; levels 2 and 3: 5 weekdays + Saturday + Sunday + holidays.
    assert [chart.count("<rect") for chart in charts] == [10, 8]


@pytest.mark.build
def test_hours_per_year_and_holidays_of_this_year_and_next(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")      # 2027-01-01T00:00:00Z
    build.build(tmp_path / "site", rules_dir=FROZEN_RULES)
    html = (tmp_path / "site/prestations/index.html").read_text(encoding="utf-8")
    assert "Jours fériés à La Réunion en 2027 et 2028" in html
    assert "lundi 20 décembre 2027" in html and "mercredi 20 décembre 2028" in html
    assert "1\u00a0771\u00a0h sur l'année 2027" in html          # level 1: 253 open weekdays x 7 h
    row = re.search(r'<time datetime="2027-12-20">.*?</tr>', html, re.S).group(0)
    assert "Abolition de l&#39;esclavage" in row and "fermé" in row and "à distance uniquement" in row


# Presets ------------------------------------------------------------------------------------

PRESETS = {"medecin-generaliste": "postes=2&sauvegarde=300",
           "cabinet-dentaire-panoramique": "postes=4&serveurs=1&imagerie=2&sauvegarde=1000",
           "pharmacie-avec-tpe": "postes=5&serveurs=1&licences=2&tpe=1&standard=1"}


def test_pharmacy_preset_figures(built_site):
    """Worked by hand: 5 workstations, a server, 2 extra licences, payment terminals, phone."""
    html = (built_site / "cal" / "pharmacie-avec-tpe" / "index.html").read_text(encoding="utf-8")
    shown = {n: re.search(rf'id="total-ht-{n}" aria-live="off" data-value="([0-9.]+)"', html).group(1) for n in "123"}
    # 1: (2.5 + 1) h x 65 + 0.15 x 6 visits x 105; 2: 49 + 195 + 59 + 22; 3: 89 + 295 + 99 + 22
    assert shown == {"1": "322.00", "2": "325.00", "3": "505.00"}


@pytest.mark.parametrize("slug, query", PRESETS.items())
def test_preset_pages_are_prerendered(built_site, slug, query):
    html = (built_site / "cal" / slug / "index.html").read_text(encoding="utf-8")
    shown = {n: re.search(rf'id="total-ht-{n}" aria-live="off" data-value="([0-9.]+)"', html).group(1) for n in "123"}
    assert shown == cli_totals(query)


def test_preset_is_one_click_away_and_editable(page, site_url):
    page.goto(f"{site_url}/cal/")
    page.click("text=Pharmacie avec TPE")
    page.wait_for_url("**/cal/pharmacie-avec-tpe/")
    assert page.locator("html").get_attribute("data-calcul") == "pret"       # figures at first paint
    expect(page.locator("#niveau-recommande")).to_have_text("niveau 3")
    page.wait_for_selector("#support-status-1[data-ouvert]", timeout=BOOT_TIMEOUT)   # Python answered
    assert page.locator("#champ-tpe").is_checked() and page.locator("#champ-postes").input_value() == "5"
    page.fill("#champ-postes", "6")
    page.wait_for_selector(READY)
    expect(page.locator("#total-ht-3")).to_have_attribute("data-value", cli_totals(
        "postes=6&serveurs=1&licences=2&tpe=1&standard=1")["3"])
    page.wait_for_url("**/cal/?postes=6&serveurs=1&licences=2&tpe=1&standard=1")
    page.fill("#champ-postes", "5")         # back to the preset: back to its own address
    page.wait_for_selector(READY)
    page.wait_for_url("**/cal/pharmacie-avec-tpe/")


# Printed estimate ---------------------------------------------------------------------------

def test_printed_estimate_is_one_a4_page_with_everything(page, site_url):
    query = "postes=7&serveurs=1&imagerie=2&commune=saint-paul"
    page.clock.set_fixed_time("2026-12-31T21:30:00Z")      # already New Year's Day in La Réunion (UTC+4)
    page.goto(f"{site_url}/cal/?{query}")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)
    expect(page.locator("#impression-date")).not_to_be_empty()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for expected in ("PRISME / REUNIONINFORMATIQUE.COM", "Établie le 1er janvier 2027", "Estimation valable 3 mois",
                     "Tarifs en vigueur au 1er janvier 2027",
                     "02 62 79 00 11", "Postes de travail : 7", "Commune : Saint-Paul",
                     "Postes 6 à 15 2 × 34,00 € 68,00 €",          # the chosen level's lines...
                     "Total TTC / mois 443,77 €",                  # ...and totals
                     "545,00 €", "645,00 €",                       # the other levels' totals
                     f"{site_url}/cal/?{query}", "Estimation indicative, ne vaut pas devis"):
        assert expected in text.replace("\u00a0", " "), expected
    assert "Serveurs / NAS 1 99,00 €" not in text       # level 3's lines are not printed


# QR code ------------------------------------------------------------------------------------

def test_qr_code_encodes_the_current_link(page, site_url):
    page.goto(f"{site_url}/cal/?postes=3")
    page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)
    expected = segno.make(page.url, error="m", mask=QR_MASK).svg_data_uri(scale=4, border=2, dark="#1a1a1a")
    assert page.locator("#qr").get_attribute("src") == expected
    page.fill("#champ-postes", "4")
    page.wait_for_selector(READY)
    changed = segno.make(f"{site_url}/cal/?postes=4", error="m", mask=QR_MASK).svg_data_uri(scale=4, border=2, dark="#1a1a1a")
    expect(page.locator("#qr")).to_have_attribute("src", changed)


def test_a_print_never_carries_the_previous_links_qr_code(page, site_url):
    """Printed right after an edit, before the new QR code is drawn (0.4 s after typing
    stops), the estimate carries its link as text but not the previous link's QR code."""
    page.emulate_media(media="print")
    page.goto(f"{site_url}/cal/?postes=3")
    page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)
    expect(page.locator("#qr-figure")).to_be_visible()
    page.evaluate("""() => {
      window.qrPrintedWithNewLink = null;
      new MutationObserver(() => {
        window.qrPrintedWithNewLink ??= getComputedStyle(document.getElementById("qr-figure")).display !== "none";
      }).observe(document.getElementById("impression-lien"), { childList: true, characterData: true, subtree: true });
    }""")
    page.evaluate("""() => {       // typed as on screen (the form itself is not printed)
      const field = document.getElementById("champ-postes");
      field.value = "4";
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }""")
    page.wait_for_function("() => window.qrPrintedWithNewLink !== null")
    assert page.evaluate("window.qrPrintedWithNewLink") is False
    changed = segno.make(f"{site_url}/cal/?postes=4", error="m", mask=QR_MASK).svg_data_uri(scale=4, border=2, dark="#1a1a1a")
    expect(page.locator("#qr")).to_have_attribute("src", changed)
    expect(page.locator("#qr-figure")).to_be_visible()


# Sending by e-mail ----------------------------------------------------------------------------

def mail(page) -> dict:
    """The e-mail as the visitor gets it: the link is brought up to date as it is reached."""
    page.focus("#courriel")
    href = page.get_attribute("#courriel", "href")
    assert href.startswith("mailto:?")
    return {key: values[0] for key, values in parse_qs(href[len("mailto:?"):]).items()}


def test_email_link_carries_the_current_estimate(page, site_url):
    page.goto(f"{site_url}/cal/?postes=7&serveurs=1&imagerie=2")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    message = mail(page)
    assert message["subject"] == "Estimation de maintenance : niveau 2 recommandé"
    assert "Niveau 2 : 409,00\u00a0€ HT par mois, 443,77\u00a0€ TTC" in message["body"]
    assert "- Postes de travail : 7" in message["body"]
    assert message["body"].endswith(f"Lien de l'estimation : {site_url}/cal/?postes=7&serveurs=1&imagerie=2")
    page.fill("#champ-postes", "20")
    page.wait_for_selector(READY)
    message = mail(page)
    assert message["subject"] == "Estimation de maintenance : niveau 3 recommandé"
    assert message["body"].endswith("/cal/?postes=20&serveurs=1&imagerie=2")


def test_email_link_is_there_without_javascript(built_site):
    """The prerendered page already carries its estimate's e-mail, with its own address."""
    html = (built_site / "cal" / "cabinet-dentaire-panoramique" / "index.html").read_text(encoding="utf-8")
    href = re.search(r'id="courriel" class="bouton" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    body = parse_qs(href[len("mailto:?"):])["body"][0]
    assert body.endswith("Lien de l'estimation : https://reunioninformatique.com/cal/cabinet-dentaire-panoramique/")
