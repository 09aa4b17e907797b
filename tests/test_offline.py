"""After one visit the calculator works offline; after a deploy, the next load shows new prices."""

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

import build

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT, READY, wait_for_service_worker, wait_until

ROOT = Path(__file__).resolve().parents[1]


def wait_until_offline_ready(page):
    """The page says so once the engine has been copied too."""
    page.wait_for_selector('html[data-hors-ligne="pret"]', timeout=BOOT_TIMEOUT)
    expect(page.locator("#hors-ligne")).to_contain_text("sans connexion")


@pytest.fixture
def fresh_context(browser):
    context = browser.new_context()
    yield context
    context.close()


CACHED_PATHS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


def test_calculator_and_levels_work_offline(fresh_context, site_url):
    page = fresh_context.new_page()
    page.goto(f"{site_url}/cal/?postes=3")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    wait_until_offline_ready(page)
    copied = page.evaluate(CACHED_PATHS)
    # The QR code's wheel is copied; the holidays package (2.5 MB, only for a status beyond
    # the build's table of holidays) is not downloaded for the copy.
    assert [path for path in copied if "/segno-" in path]
    assert [path for path in copied if path.startswith(("/assets/holidays-", "/assets/python_dateutil-",
                                                         "/assets/six-"))] == []
    fresh_context.set_offline(True)
    page.reload()
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    assert page.locator("#total-ht-2").get_attribute("data-value") == "166.00"      # 49 + 3 x 39
    page.fill("#champ-postes", "7")
    page.wait_for_selector(READY)
    expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "312.00")   # 49 + 195 + 2 x 34
    page.goto(f"{site_url}/prestations/")
    expect(page.locator("h1")).to_have_text("Quel niveau choisir ?")
    page.goto(f"{site_url}/prestations/niveau-3/")
    expect(page.locator("h1")).to_contain_text("Niveau 3")


def test_a_new_deploy_is_picked_up_at_the_next_load(fresh_context, tmp_path):
    site, rules = tmp_path / "site", tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    build.build(site, rules_dir=rules)
    server = serve_in_thread(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/cal/"
    try:
        page = fresh_context.new_page()
        page.goto(url)
        page.wait_for_selector("#support-status-1[data-ouvert]", timeout=BOOT_TIMEOUT)
        wait_for_service_worker(page)
        assert page.locator("#total-ht-2").get_attribute("data-value") == "88.00"
        offer = rules / "offre.yaml"
        offer.write_text(offer.read_text(encoding="utf-8").replace("2: {prix: 49}", "2: {prix: 51}"), encoding="utf-8")
        build.build(site, rules_dir=rules)
        page.reload()
        expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "90.00")   # 51 + 39
        page.fill("#champ-postes", "2")
        page.wait_for_selector(READY)
        expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "129.00")  # Python has the new rules too
    finally:
        server.shutdown()


def test_reading_the_levels_does_not_download_the_engine_copy(fresh_context, site_url):
    """A visitor who only reads /prestations/ gets the pages for offline use, not 15 MB: with
    Save-Data on (a fast connection would prefetch the calculator's start-up files, see
    tests/test_trust_browser.py), the page says it decided, and nothing of the engine comes."""
    page = fresh_context.new_page()
    fresh_context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(f"{site_url}/prestations/")
    page.wait_for_selector('html[data-prechauffage="economie"]', timeout=BOOT_TIMEOUT)
    wait_for_service_worker(page)
    # The worker controls the page once its install copied the pages: the copy is complete.
    wait_until(page, lambda: "/cal/" in page.evaluate(CACHED_PATHS), what="the pages' offline copy")
    copied = page.evaluate(CACHED_PATHS)
    assert "/prestations/" in copied and "/cal/" in copied
    assert [url for url in copied if "/pyodide/" in url or url.endswith(".zip")] == []
    fresh_context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text("Quel niveau choisir ?")


def test_the_offline_copy_lists_each_file_once_and_leaves_out_only_the_holidays_package(built_site):
    """What the service worker copies is what works offline: every asset and engine file of
    the build, except the wheels of the `holidays` package, needed only for a year beyond the
    build's table of holidays."""
    precache = json.loads((built_site / "precache.json").read_text(encoding="utf-8"))
    listed = precache["assets"] + precache["engine"]
    assert len(listed) == len(set(listed))
    built = {"/" + path.relative_to(built_site).as_posix() for folder in ("assets", "pyodide")
             for path in (built_site / folder).rglob("*") if path.is_file()}
    assert set(listed) <= built
    left_out = sorted(path.split("/")[-1].split("-")[0] for path in built - set(listed))
    assert left_out == ["holidays", "python_dateutil", "six"]
