"""Audited pages: axe-core (WCAG 2.2 A/AA + best practices), the W3C Nu checker, the keyboard."""

import json
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .checks import with_engine_delays
from .waits import READY

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ["", "prestations/", "prestations/niveau-1/", "prestations/niveau-2/", "prestations/niveau-3/",
         "cal/", "cal/?postes=abc&tpe=1", "cal/cabinet-de-radiologie/", "mentions-legales/", "confidentialite/",
         "cal/integre/?postes=3", "page-inconnue"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


@pytest.fixture
def audit_page(browser):
    # axe is injected as a script: let it past the site's CSP, for this audit only.
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violation(audit_page, site_url, path):
    audit_page.goto(f"{site_url}/{path}")
    if path.startswith("cal/"):
        audit_page.wait_for_selector(READY, timeout=90_000)
    audit_page.add_script_tag(path=str(AXE))
    result = audit_page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [(v["id"], v["help"], [node["target"] for node in v["nodes"]]) for v in result["violations"]]
    assert violations == []


def test_printed_estimate_has_no_axe_violation(audit_page, site_url):
    audit_page.goto(f"{site_url}/cal/?postes=4&imagerie=1")
    audit_page.wait_for_selector("#qr-figure:not([hidden])", timeout=90_000)
    audit_page.emulate_media(media="print")
    audit_page.add_script_tag(path=str(AXE))
    result = audit_page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]] == []


def test_no_html_error(built_site):
    pages = sorted(str(page) for page in built_site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    # The checker writes its JSON report to stderr, and exits 0 only when no page has an error:
    # no report (a checker that did not run) is a failure, not a pass.
    messages = json.loads(result.stderr)["messages"]
    assert [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages] == []
    assert result.returncode == 0, result.stdout
    assert len(pages) == 11 + 5     # the pages (legal notice, privacy, the embedded calculator, the proposal too), the 404, and the five presets


def test_calculator_works_with_the_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/cal/")
    page.wait_for_selector(READY, timeout=90_000)
    reached = []
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name || document.activeElement.id"))
        if reached[-1] == "postes":
            break
    assert "niveau" in reached and reached[-1] == "postes"
    page.keyboard.press("ArrowUp")            # 1 -> 2 workstations
    page.wait_for_selector(READY)
    expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "127.00")    # 49 + 2 x 39
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "tpe":
            break
    page.keyboard.press("Space")
    expect(page.locator("#niveau-recommande")).to_have_text("niveau 3")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "copier":
            break
    assert page.evaluate("document.activeElement.id") == "copier"


def test_results_are_announced_once_the_visitor_pauses(page, site_url):
    page.goto(f"{site_url}/cal/")
    page.wait_for_selector(READY, timeout=90_000)
    announcement = page.locator("#annonce")
    assert announcement.get_attribute("aria-live") == "polite"
    page.fill("#champ-postes", "3")
    page.fill("#champ-postes", "30")
    # Level 3 for 30 workstations: 89 + 5 x 59 + 10 x 52 + 15 x 45 = 1579.00; VAT 134.215 -> 134.22.
    expect(announcement).to_have_text("Niveau 3 : 1\u00a0579,00\u00a0€ HT par mois, 1\u00a0713,22\u00a0€ TTC.")


def test_focus_is_visible(page, site_url):
    page.goto(f"{site_url}/cal/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_worker_dying_mid_session_ends_on_the_fallback(page, site_url):
    with_engine_delays(page, reponse=1000)
    page.goto(f"{site_url}/cal/")
    # The prerendered default is "pret" at once; the support status comes after Python's first answer.
    page.wait_for_selector("#support-status-1[data-ouvert]", timeout=90_000)
    [worker] = page.workers
    worker.evaluate("() => { setTimeout(() => self.close(), 0); }")     # the worker dies, saying nothing
    page.fill("#champ-postes", "4")
    page.wait_for_selector('html[data-calcul="indisponible"]', timeout=15_000)
    expect(page.locator("#repli")).to_be_visible()
    expect(page.locator("#repli-raison")).to_contain_text("ne répond plus")
    expect(page.locator("#repli")).to_contain_text("02 62 79 00 11")
    page.fill("#champ-postes", "5")                 # the next question starts a new worker
    expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "244.00", timeout=90_000)   # 49 + 5 x 39
    expect(page.locator("#repli")).to_be_hidden()
