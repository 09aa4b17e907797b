"""A price edit deployed to a host that behaves like GitHub Pages (every file max-age=600,
`_headers` ignored, gzip): returning visitors, offline devices and open tabs get the new
prices, and a page whose files the deploy removed recovers by itself."""

import json
import shutil

import pytest
from playwright.sync_api import expect

import build
from serve import PagesLikeHandler

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT, READY, wait_until

LINK = "/cal/?postes=4"
OLD_TOTAL, NEW_TOTAL = "205.00", "206.00"      # level 2, 4 workstations: 49 (then 50) + 4 x 39


class PagesSite:
    """A site built from a copy of the frozen rules, served as GitHub Pages serves it, that a
    test can deploy a price change to, in the same folder, as a Pages deploy replaces it."""

    def __init__(self, folder):
        self.dist, self.rules = folder / "dist", folder / "rules"
        shutil.copytree(FROZEN_RULES, self.rules)
        build.build(self.dist, rules_dir=self.rules)
        self.server = serve_in_thread(self.dist, handler=PagesLikeHandler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def deploy_new_site_fee(self):
        offer = self.rules / "offre.yaml"
        text = offer.read_text(encoding="utf-8")
        assert "2: {prix: 49}" in text
        offer.write_text(text.replace("2: {prix: 49}", "2: {prix: 50}"), encoding="utf-8")
        build.build(self.dist, rules_dir=self.rules)


@pytest.fixture
def site(tmp_path):
    site = PagesSite(tmp_path)
    yield site
    site.server.shutdown()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def level_2_total(page):
    return page.locator("#total-ht-2")


def open_link_until_offline_ready(page, site):
    page.goto(site.url + LINK)
    expect(level_2_total(page)).to_have_attribute("data-value", OLD_TOTAL, timeout=BOOT_TIMEOUT)
    page.wait_for_selector('html[data-hors-ligne="pret"]', timeout=BOOT_TIMEOUT)


def wait_for_the_new_offline_copy(page, site):
    """The new deploy's service worker has taken over and dropped the previous copy."""
    version = json.loads((site.dist / "precache.json").read_text(encoding="utf-8"))["version"]
    # wait_for_function does not wait for a promise: poll the asynchronous Cache API here.
    wait_until(page, lambda: page.evaluate("caches.keys()") == [f"prisme-{version}"],
               what=f"the offline copy of deploy {version} replacing the previous one")


def go_offline(context, page, site):
    """Hours later, in a practice with no coverage: the HTTP cache's 600 s are long over
    (it is emptied), and the host is out of reach, for the service worker too (Playwright's
    offline mode does not cover the worker's own requests)."""
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    site.server.shutdown()
    site.server.server_close()       # refused, not left waiting
    context.set_offline(True)


def test_pages_like_server_caches_for_600_s_ignores_headers_and_gzips(site, context):
    """The tests below are only worth something if the server behaves like the real host."""
    response = context.request.get(site.url + "/cal/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["cache-control"] == "max-age=600"
    assert "content-security-policy" not in response.headers        # _headers ignored
    wasm = next(path for path in (site.dist / "pyodide").rglob("*.wasm"))
    response = context.request.get(f"{site.url}/{wasm.relative_to(site.dist)}", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and response.headers["cache-control"] == "max-age=600"


def test_a_returning_visitor_sees_the_new_price_after_a_deploy(site, context):
    page = context.new_page()
    open_link_until_offline_ready(page, site)
    site.deploy_new_site_fee()
    page.goto(site.url + LINK)       # within the 600 s the host lets browsers keep the page
    expect(level_2_total(page)).to_have_attribute("data-value", NEW_TOTAL, timeout=BOOT_TIMEOUT)
    page.wait_for_selector(READY)
    expect(level_2_total(page)).to_have_attribute("data-value", NEW_TOTAL)     # the engine's answer too


def test_offline_after_seeing_one_page_online_computes_the_new_price(site, context):
    """A salesperson opens only /prestations/ online after a deploy, then drives to a practice
    with no coverage: the calculator still works there, with the new prices."""
    page = context.new_page()
    open_link_until_offline_ready(page, site)
    site.deploy_new_site_fee()
    page.goto(site.url + "/prestations/")
    wait_for_the_new_offline_copy(page, site)
    go_offline(context, page, site)
    page.goto(site.url + LINK)
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    expect(level_2_total(page)).to_have_attribute("data-value", NEW_TOTAL)
    page.fill("#champ-postes", "5")
    expect(level_2_total(page)).to_have_attribute("data-value", "245.00")      # 50 + 5 x 39


def test_offline_the_support_status_and_qr_code_come_from_the_copy(site, context):
    """No coverage at the practice: besides the figures, the live support status (from the
    build's table of holidays) and the QR code of the link (the rest of the standard library
    and segno) work from the offline copy."""
    page = context.new_page()
    open_link_until_offline_ready(page, site)
    go_offline(context, page, site)
    page.goto(site.url + LINK)
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    page.wait_for_selector("#support-status-1[data-ouvert]", timeout=BOOT_TIMEOUT)
    page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)
    expect(page.locator("#etat-calcul")).not_to_contain_text("indisponible")


def page_loads(page) -> list:
    """The documents the tab loads: the first one, then each reload."""
    loads = []
    page.on("request", lambda request: loads.append(request.url) if request.resource_type == "document" else None)
    return loads


def test_a_tab_opened_before_a_deploy_recovers_with_one_reload(site, context):
    """The link was opened on a slow phone; the deploy lands before the rules arrive, and
    the file the page asks for no longer exists."""
    held, released = [], []     # the rules' download, asked from <head> and by the worker (one each while routed)
    context.route("**/assets/rules-*.json", lambda route: route.continue_() if released else held.append(route))
    page = context.new_page()
    loads = page_loads(page)
    page.goto(site.url + LINK)
    page.wait_for_function("() => document.readyState === 'complete'")
    wait_until(page, lambda: held, what="the worker asking for the rules")     # once Pyodide is on its way
    site.deploy_new_site_fee()
    released.append(True)
    for route in held:
        route.continue_()
    expect(level_2_total(page)).to_have_attribute("data-value", NEW_TOTAL, timeout=BOOT_TIMEOUT)
    page.wait_for_selector(READY)
    assert len(loads) == 2, loads               # the first load, then one reload
    expect(page.locator("html")).not_to_have_class("echec")


def test_a_cached_page_whose_files_are_gone_reloads_once(site, browser, monkeypatch, tmp_path):
    """A page kept by the HTTP cache (or a restored tab) after a deploy that changed the code:
    its stylesheet is gone from the host. No service worker here, as on a first visit."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    old_page = (site.dist / "cal" / "index.html").read_text(encoding="utf-8")
    code = tmp_path / "site-code"
    shutil.copytree(build.SITE, code)
    with (code / "static" / "style.css").open("a", encoding="utf-8") as style:
        style.write("\n/* a code deploy */\n")
    monkeypatch.setattr(build, "SITE", code)
    site.deploy_new_site_fee()
    served_old = []

    def old_page_once(route):
        if served_old:
            route.continue_()
        else:
            served_old.append(True)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=old_page)

    page.route(f"{site.url}{LINK}", old_page_once)
    loads = page_loads(page)
    page.goto(site.url + LINK)
    expect(level_2_total(page)).to_have_attribute("data-value", NEW_TOTAL, timeout=BOOT_TIMEOUT)
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    assert served_old and len(loads) == 2, loads
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != \
        browser.new_page().evaluate("getComputedStyle(document.body).fontFamily")    # styled again
    context.close()
