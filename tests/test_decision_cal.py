"""/cal/ helps a practice decide: the recommended figure stays in view while the form is edited
(beside it on a laptop, a bar on a phone), nothing moves when the figures arrive, and what
few practices know is folded under « Affiner l'estimation »."""

import pytest
from playwright.sync_api import expect

from .waits import BOOT_TIMEOUT, READY, open_calculator

DENTIST = "postes=4&serveurs=1&imagerie=2&commune=saint-pierre"
# Layout shifts, recorded from the first paint (the figures of a link arrive later).
SHIFTS = """window.__decalages = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) __decalages.push(entry.value); })
  .observe({ type: "layout-shift", buffered: true });"""


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
    }""", selector)


def test_on_a_laptop_the_recommended_total_stays_beside_the_form(browser, site_url):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    open_calculator(page, site_url, DENTIST)
    page.click("#affiner summary")
    last = page.locator("#formulaire input, #formulaire select").last
    last.fill("2")
    last.press("Tab")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    assert in_viewport(page, "#resume .resume-total")
    # The figure is the engine's for what was just typed.
    assert page.inner_text("#resume .resume-total") == page.inner_text("#recommande-total")
    page.close()


def test_on_a_phone_a_bar_with_the_recommended_total_stays_in_view_while_a_field_is_focused(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    open_calculator(page, site_url)
    for field in ("#champ-postes", "#champ-astreinte"):
        page.focus(field)
        assert in_viewport(page, "#resume .resume-total"), field
    page.click("#resume a")            # it leads to the detail
    page.wait_for_function("""() => { const box = document.getElementById("titre-resultats").getBoundingClientRect();
                                      return box.top >= -1 && box.bottom <= innerHeight; }""")
    page.close()


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_nothing_moves_when_a_links_figures_arrive(browser, site_url, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(SHIFTS)
    open_calculator(page, site_url, DENTIST)
    page.wait_for_timeout(0)      # a task, so that the observer has delivered the last entries
    assert page.evaluate("window.__decalages.reduce((sum, value) => sum + value, 0)") == 0
    page.close()


@pytest.mark.parametrize("query, folded", [
    ("", True),
    (DENTIST, True),
    ("heures=3", False),            # the level-1 hours
    ("postes=2&niveau=3", False),   # the level consulted
    ("sauvegarde=800", False),      # the backup volume
])
def test_affiner_is_folded_unless_the_link_sets_one_of_its_fields(page, site_url, query, folded):
    open_calculator(page, site_url, query)
    assert page.evaluate("document.getElementById('affiner').open") is not folded


def test_the_level_1_assumption_is_said_and_the_visitor_can_give_their_hours(page, site_url):
    open_calculator(page, site_url, DENTIST)
    # Frozen rules, per month at level 1: 0.5 h per workstation, 1 h per server, 0.5 h per
    # imaging device: 4 × 0.5 + 1 + 2 × 0.5 = 4 h; 0.15 visit per item of each: 7 × 0.15 = 1.05.
    assert page.inner_text("#hypothese-niveau-1").endswith("Pour ce cabinet : 4\u00a0h à distance et 1,05 visite sur site.")
    page.click("#mes-heures")
    assert page.evaluate("document.getElementById('affiner').open")
    assert page.evaluate("document.activeElement.id") == "champ-heures"
    page.locator("#champ-heures").fill("2")
    page.keyboard.press("Tab")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    expect(page.locator("#hypothese-niveau-1")).to_contain_text("(en partie vos chiffres) : 2\u00a0h à distance",
                                                                timeout=BOOT_TIMEOUT)
