"""The calculator installed on a salesperson's phone: a web app manifest on every page, its
icons, Chromium's installability check, and the offline copy kept once it is complete."""

import json

from playwright.sync_api import expect

from .waits import BOOT_TIMEOUT, open_calculator, wait_for_service_worker

LINK = "postes=7&serveurs=1&imagerie=2&commune=saint-paul"


def manifest_of(page, site_url):
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    return json.loads(page.request.get(site_url + href).text()), href


def test_every_page_links_a_manifest_for_the_calculator(page, site_url):
    for path in ("", "prestations/", "cal/", "mentions-legales/"):
        page.goto(f"{site_url}/{path}")
        manifest, href = manifest_of(page, site_url)
        assert href == "/manifest.webmanifest"
    for member in ("name", "short_name", "start_url", "scope", "display", "icons", "theme_color", "background_color"):
        assert manifest[member], member
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/cal/", "/", "standalone")
    assert manifest["short_name"] == "PRISME" and len(manifest["short_name"]) <= 12
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    # Every icon exists and the browser decodes it at its stated size.
    for icon in manifest["icons"]:
        decoded = page.evaluate("""async (src) => {
          const image = new Image(); image.src = src; await image.decode();
          return `${image.naturalWidth}x${image.naturalHeight}`; }""", icon["src"])
        assert decoded == icon["sizes"], icon["src"]


def test_chromium_finds_the_calculator_installable(browser_type, browser_type_launch_args, tmp_path, site_url):
    """In a real profile: an incognito context can install nothing ("in-incognito")."""
    context = browser_type.launch_persistent_context(str(tmp_path / "profil"), **browser_type_launch_args)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        open_calculator(page, site_url, LINK)
        wait_for_service_worker(page)
        errors = context.new_cdp_session(page).send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
    finally:
        context.close()


# Records each call of navigator.storage.persist() with the offline copy's state at that
# moment; the browser's own persist() still answers.
PERSIST_SPY = """
window.__persistance = [];
const realPersist = navigator.storage.persist.bind(navigator.storage);
navigator.storage.persist = () => {
  window.__persistance.push(document.documentElement.dataset.horsLigne || "pas de copie");
  return realPersist();
};
"""


def test_the_copy_is_kept_once_it_is_complete_never_before(browser, site_url):
    context = browser.new_context()
    context.add_init_script(PERSIST_SPY)
    page = context.new_page()
    open_calculator(page, site_url, LINK)
    page.wait_for_selector("html[data-persistance]", timeout=120_000)
    assert page.evaluate("window.__persistance") == ["pret"]
    expect(page.locator("#hors-ligne")).to_contain_text("sans connexion sur cet appareil")
    # The next visit finds the copy complete, in a tab (not the installed app): nothing is
    # asked again, and the page says it decided so.
    page.reload()
    page.wait_for_selector('html[data-persistance="non-demandee"]', timeout=120_000)
    assert page.evaluate("window.__persistance") == []
    context.close()
