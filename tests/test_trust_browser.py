"""A page a practice can trust and decide on, in Chromium: who publishes it, what it keeps on
the device, what each level includes beside its price, a link's figure first on a phone,
nothing that moves, and the calculator warm when a prospect comes from the comparison."""

import re
import shutil

import pytest
import yaml
from playwright.sync_api import expect

import build

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT, READY, open_calculator, wait_for_service_worker, wait_until

LINK = "postes=7&serveurs=1&imagerie=2&commune=saint-paul"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The words and mark each status of rules/levels.yaml (statut) reads as on a card.
STATUS_WORDS = {"inclus": "inclus", "non_inclus": "non inclus", "temps_passe": "au temps passé"}
STATUS_MARKS = {"inclus": "✓", "non_inclus": "✗", "temps_passe": "€"}
SITE_PAGES = ["", "prestations/", "prestations/niveau-2/", "cal/", f"cal/?{LINK}", "cal/medecin-generaliste/",
              "mentions-legales/", "confidentialite/", "page-inconnue"]


# Who publishes the site ---------------------------------------------------------------------

def test_every_page_names_its_publisher_and_links_the_legal_pages(page, site_url):
    for path in SITE_PAGES:
        page.goto(f"{site_url}/{path}")
        footer = page.locator("footer")
        expect(footer.locator("#identite")).to_have_text("PRISME / REUNIONINFORMATIQUE.COM")
        expect(footer.get_by_role("link", name="Mentions légales")).to_have_attribute("href", "/mentions-legales/")
        expect(footer.get_by_role("link", name="Confidentialité")).to_have_attribute("href", "/confidentialite/")
    page.goto(f"{site_url}/cal/")
    page.get_by_role("link", name="Mentions légales").click()
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentions légales")
    expect(main).to_contain_text("GitHub, Inc.")
    expect(main).to_contain_text("88 Colin P. Kelly Jr. Street, San Francisco, CA 94107")
    expect(main).to_contain_text("02 62 79 00 11")
    # The frozen identity gives no registration: nothing is made up in its place.
    for absent in ("SIREN", "RCS", "Siège social", "Directeur de la publication", "Forme juridique"):
        expect(main).not_to_contain_text(absent)


# What the site keeps on the device ----------------------------------------------------------

def prisme_caches(page):
    return page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('prisme-'))")


def test_the_privacy_button_removes_the_offline_copy(page, site_url):
    open_calculator(page, site_url, LINK)
    page.wait_for_selector('html[data-hors-ligne="pret"]', timeout=120_000)
    assert len(prisme_caches(page)) == 1
    page.goto(f"{site_url}/confidentialite/")
    expect(page.locator("main")).to_contain_text("aucun cookie")
    wait_for_service_worker(page)
    # The page itself is in the copy once the worker has kept it: nothing left to land after the click.
    page.wait_for_function("async () => Boolean(await caches.match('/confidentialite/'))", timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="Effacer la copie hors ligne").click()
    expect(page.locator("#effacer-etat")).to_have_text(
        re.compile(r"^Copie hors ligne effacée de cet appareil : \d+ fichiers, \d+,\d Mo\.$"))
    assert prisme_caches(page) == []
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    page.get_by_role("button", name="Effacer la copie hors ligne").click()
    expect(page.locator("#effacer-etat")).to_have_text("Aucune copie hors ligne de ce site sur cet appareil.")


# What each level includes, beside its price --------------------------------------------------

def card_inclusions(page, level: int) -> list:
    return [" ".join(text.split()) for text in page.locator(f"#inclusions-{level} li").all_inner_texts()]


def expected_inclusions(rules_dir, level: int) -> list:
    texts = yaml.safe_load((rules_dir / "levels.yaml").read_text(encoding="utf-8"))
    statuses = texts["niveaux"][level]["attributs"]
    return [f"{STATUS_MARKS[statuses[attribute['cle']]]} {published(attribute['court'])} : "
            f"{STATUS_WORDS[statuses[attribute['cle']]]}" for attribute in texts["attributs"]]


def published(text) -> str:
    """A name as the pages show it: a corrected one is {texte, texte_original} (rules/levels.yaml)."""
    return text["texte"] if isinstance(text, dict) else text


def test_each_card_lists_what_its_level_includes(page, site_url):
    open_calculator(page, site_url)
    for level in (1, 2, 3):
        assert card_inclusions(page, level) == expected_inclusions(FROZEN_RULES, level)
    # The words say it; the mark is for the eye only.
    expect(page.locator("#inclusions-2 .marque-statut").first).to_have_attribute("aria-hidden", "true")


def test_a_card_follows_an_edit_of_the_rules(browser, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    levels = rules / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    level_2 = text.index("\n  2:\n")         # the levels are the only mapping at that indent
    edited = text[:level_2] + text[level_2:].replace("      tpe: non_inclus", "      tpe: inclus", 1)
    levels.write_text(edited, encoding="utf-8")
    build.build(tmp_path / "dist", rules_dir=rules, test_hooks=True)
    server = serve_in_thread(tmp_path / "dist")
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/cal/")
        assert "✓ Terminaux de paiement : inclus" in card_inclusions(page, 2)
        assert "✗ Terminaux de paiement : non inclus" not in card_inclusions(page, 2)
        page.close()
    finally:
        server.shutdown()


def test_on_a_phone_the_recommended_levels_list_comes_before_the_cards(browser, site_url):
    page = browser.new_page(viewport=PHONE)
    open_calculator(page, site_url, LINK)
    copy = page.locator("#inclusions-recommande")
    expect(copy).to_be_visible()
    expect(copy).to_contain_text("Ce que comprend le niveau 2 :")
    assert copy.bounding_box()["y"] < page.locator("#niveau-1").bounding_box()["y"]
    assert [" ".join(t.split()) for t in copy.locator("li").all_inner_texts()] == expected_inclusions(FROZEN_RULES, 2)
    page.get_by_role("button", name="Modifier").click()
    page.fill("#champ-postes", "1")
    page.fill("#champ-serveurs", "0")
    page.fill("#champ-imagerie", "0")
    page.wait_for_selector(READY)
    expect(page.locator("#niveau-recommande")).to_have_text("niveau 1")
    expect(copy).to_contain_text("Ce que comprend le niveau 1 :")
    assert [" ".join(t.split()) for t in copy.locator("li").all_inner_texts()] == expected_inclusions(FROZEN_RULES, 1)
    page.close()


# A link's figure first, on a phone ---------------------------------------------------------

def test_on_a_phone_a_link_opens_on_its_figure(browser, site_url):
    page = browser.new_page(viewport=PHONE)
    open_calculator(page, site_url, LINK)
    total = page.locator("#en-bref-total")
    expect(total).to_have_text("409,00\u00a0€ HT par mois, 443,77\u00a0€ TTC")     # 49 + 5 × 39 + 2 × 34 + 59 + 2 × 19
    expect(page.locator("#en-bref-niveau")).to_have_text("niveau 2")
    box = total.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]                              # within the first screen
    expect(page.locator("#en-bref-entrees")).to_have_text("7 postes, 1 serveur / NAS, 2 appareils, Saint-Paul")
    # The form is one tap away, in its own keyboard order.
    expect(page.locator("#formulaire")).to_be_hidden()
    modify = page.get_by_role("button", name="Modifier")
    expect(modify).to_have_attribute("aria-expanded", "false")
    modify.click()
    expect(page.locator("#formulaire")).to_be_visible()
    expect(modify).to_have_attribute("aria-expanded", "true")
    # The fields a practice knows come first: the workstations.
    expect(page.locator("#champ-postes")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("8")      # 8 workstations
    page.wait_for_selector(READY)
    expect(page.locator("#en-bref-entrees")).to_have_text("8 postes, 1 serveur / NAS, 2 appareils, Saint-Paul")
    page.close()


@pytest.mark.parametrize("viewport, path", [(PHONE, "cal/"), (DESKTOP, f"cal/?{LINK}")])
def test_without_a_link_or_on_a_desktop_the_form_comes_first(browser, site_url, viewport, path):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{site_url}/{path}")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    expect(page.locator("#en-bref")).to_be_hidden()
    expect(page.locator("#formulaire")).to_be_visible()
    page.close()


def test_on_a_phone_a_links_progress_stands_where_its_figure_will_be(browser, site_url):
    page = browser.new_page(viewport=PHONE)
    held, released = [], []     # the engine's download, asked from <head> and by the worker (one each while routed)
    page.route("**/assets/engine-*.zip", lambda route: route.continue_() if released else held.append(route))
    page.goto(f"{site_url}/cal/?{LINK}")
    progress = page.locator("#en-bref .chargement")
    expect(progress).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Chargement des chiffres de ce lien : \d+,\d / \d+,\d Mo$"))).to_be_visible()
    expect(page.locator("#en-bref-total")).to_be_hidden()       # the defaults' figure is not the link's
    expect(page.locator("#chargement")).to_be_hidden()          # one progress bar on the screen
    wait_until(page, lambda: held, what="the held download")
    before = progress.bounding_box()
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    expect(progress).to_be_hidden()
    figure = page.locator("#en-bref .recommande").bounding_box()
    assert abs(figure["y"] - before["y"]) < 2                   # the figure arrives where the bar was
    page.close()


# Nothing empty, nothing moving ---------------------------------------------------------------

SHIFTS = """window.__decalages = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__decalages.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });"""


# The issue's link, and the longest of the typical practices' (its one-line summary takes
# three lines at 390 px: cut to two, it moves nothing).
LONG_LINK = "postes=12&serveurs=2&imagerie=6&sauvegarde=8000&astreinte=1&commune=saint-pierre"


@pytest.mark.parametrize("viewport, link", [(PHONE, LINK), (DESKTOP, LINK), (PHONE, LONG_LINK)],
                         ids=["telephone", "ordinateur", "telephone-long"])
def test_a_links_figures_arrive_without_a_layout_shift(browser, site_url, viewport, link):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(SHIFTS)
    page = context.new_page()
    open_calculator(page, site_url, link)
    page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)    # everything after it too
    page.wait_for_selector("html:not(.graphiques-attente)", timeout=BOOT_TIMEOUT)
    assert page.evaluate("window.__decalages") == []                            # CLS 0
    context.close()


def test_no_empty_band_above_the_recommendation(page, site_url):
    """The status line and the progress bar stand over the recommendation: once the figures
    are there, the recommendation follows its heading with no room kept for them."""
    open_calculator(page, site_url, LINK)
    heading = page.locator("#titre-resultats").bounding_box()
    recommendation = page.locator(".recommande").nth(1).bounding_box()
    assert recommendation["y"] - (heading["y"] + heading["height"]) < 30
    expect(page.locator("#etat-calcul")).to_be_hidden()


# Warm from the comparison ---------------------------------------------------------------------

STARTUP = (r"/pyodide\.asm\.wasm$", r"/python_stdlib-\w+\.zip$", r"/engine-\w+\.zip$")


def startup_requests(urls):
    return [url for url in urls if any(re.search(name, url) for name in STARTUP)]


def test_the_comparison_prefetches_the_calculator_once(browser, site_url):
    context = browser.new_context()
    fetched_by_worker = []
    context.on("request", lambda request: request.service_worker and fetched_by_worker.append(request.url))
    page = context.new_page()
    page.goto(f"{site_url}/prestations/")
    page.wait_for_selector('html[data-prechauffage="copie"]', timeout=BOOT_TIMEOUT)
    assert len(startup_requests(fetched_by_worker)) == len(STARTUP)
    cached = page.evaluate("""async () => {
      const urls = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls; }""")
    assert len(startup_requests(cached)) == len(STARTUP)
    # Once per build: the next visit finds the copy and fetches nothing.
    fetched_by_worker.clear()
    page.reload()
    page.wait_for_selector('html[data-prechauffage="copie"]', timeout=BOOT_TIMEOUT)
    assert startup_requests(fetched_by_worker) == []
    context.close()


# How the visitor's browser says the data costs, through CDP: its Save-Data switch, or a link
# it rates 3g (DevTools' network emulation sets navigator.connection from its latency).
COSTLY = {
    "save-data": ("Emulation.setDataSaverOverride", {"dataSaverEnabled": True}),
    "3g": ("Network.emulateNetworkConditions", {"offline": False, "latency": 400, "downloadThroughput": 200_000,
                                                 "uploadThroughput": 100_000, "connectionType": "cellular3g"}),
}


@pytest.mark.parametrize("costly", COSTLY)
def test_no_prefetch_where_the_data_costs(browser, site_url, costly):
    context = browser.new_context()
    fetched_by_worker = []
    context.on("request", lambda request: request.service_worker and fetched_by_worker.append(request.url))
    page = context.new_page()
    command, parameters = COSTLY[costly]
    context.new_cdp_session(page).send(command, parameters)
    page.goto(f"{site_url}/prestations/")
    page.wait_for_selector('html[data-prechauffage="economie"]', timeout=BOOT_TIMEOUT)
    said = page.evaluate("({ saveData: navigator.connection.saveData, type: navigator.connection.effectiveType })")
    assert said["saveData"] if costly == "save-data" else said["type"] == "3g"
    wait_for_service_worker(page)
    assert startup_requests(fetched_by_worker) == []
    context.close()
