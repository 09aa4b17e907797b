"""The built site in a real Chromium, with the real Pyodide running the engine in a worker."""

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from calculator.estimate import estimate_query
from calculator.load import load_rules
from calculator.report import estimate_json

from .checks import with_engine_delays
from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT, READY, open_calculator, wait_until

ROOT = Path(__file__).resolve().parents[1]


def cli_estimate(query: str) -> dict:
    """The same estimate computed by the command line in CPython. A value the command line
    refuses (exit code 2: an unknown commune), a link forgives with a notice: that link's
    estimate is the engine's in CPython, as `devis --json` writes it."""
    flags = [item for key, value in parse_qsl(query, keep_blank_values=True) for item in (f"--{key}", value)]
    result = subprocess.run([sys.executable, "-m", "calculator", "--regles", str(FROZEN_RULES), "devis", *flags, "--json"],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 2 and "erreur : --commune" in result.stderr:
        frozen = load_rules(FROZEN_RULES)[0]
        return json.loads(json.dumps(estimate_json(estimate_query(frozen, query), frozen), ensure_ascii=False))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def totals_on_screen(page) -> dict:
    return {str(n): (page.locator(f"#total-ht-{n}").get_attribute("data-value"),
                     page.locator(f"#total-ttc-{n}").get_attribute("data-value")) for n in (1, 2, 3)}


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_default_page_is_prerendered_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/cal/")
    assert page.locator("html").get_attribute("data-calcul") == "pret"
    # One workstation, Saint-Denis: 49 + 39 at level 2; 8.5 % VAT half-up.
    assert page.locator("#total-ht-2").get_attribute("data-value") == "88.00"
    assert page.locator("#total-ttc-2").inner_text() == "95,48\u00a0€"
    expect(page.locator("#repli")).to_be_visible()
    expect(page.locator("#repli")).to_contain_text("02 62 79 00 11")
    context.close()


@pytest.mark.parametrize("query", [
    "postes=7&serveurs=1&imagerie=2&commune=saint-denis",
    "postes=16&sites=2&commune=cilaos&heures=3.5",
    "tpe=1&licences=4&sauvegarde=5000&postes=3",
    "niveau=1&postes=2&visites=0.5&commune=l-etang-sale",
    "postes=abc&commune=paris&serveurs=99",
])
def test_prefilled_link_matches_the_command_line(page, site_url, console_errors, query):
    open_calculator(page, site_url, query)
    expected = cli_estimate(query)
    assert totals_on_screen(page) == {n: (level["total_ht"], level["total_ttc"])
                                      for n, level in expected["niveaux"].items()}
    assert page.locator("#niveau-recommande").inner_text() == f"niveau {expected['recommande']}"
    assert console_errors == []


def test_worked_example_in_french_format(page, site_url):
    open_calculator(page, site_url, "postes=7&serveurs=1&imagerie=2")
    assert page.locator("#total-ht-2").inner_text() == "409,00\u00a0€"
    assert page.locator("#total-ttc-2").inner_text() == "443,77\u00a0€"
    assert page.locator("#total-ht-3").inner_text() == "645,00\u00a0€"
    expect(page.locator("#niveau-2")).to_have_class("niveau mis-en-avant")
    expect(page.locator("#seuil")).to_contain_text("Au-delà de 6,5\u00a0h d'assistance")


def test_changing_inputs_updates_totals_and_address(page, site_url):
    open_calculator(page, site_url)
    page.fill("#champ-postes", "6")
    page.wait_for_selector(READY)
    expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "278.00")   # 49 + 5 x 39 + 34
    page.select_option("#champ-commune", "saint-pierre")
    page.check("#champ-tpe")
    expect(page.locator("#niveau-recommande")).to_have_text("niveau 3")
    page.wait_for_selector(READY)
    # The address follows once typing pauses.
    page.wait_for_url(lambda url: dict(parse_qsl(urlsplit(url).query)) == {"postes": "6", "commune": "saint-pierre", "tpe": "1"})


# Records, in the page, each input event and each change of address (with the event being
# handled then, if any), and the address at the moment the printout's link changed.
ADDRESS_LOG = """
  window.addressLog = { inputs: [], changes: [], whenPrintoutChanged: null };
  document.addEventListener("input", () => addressLog.inputs.push(performance.now()), true);
  const replace = history.replaceState.bind(history);
  history.replaceState = (...args) => {
    addressLog.changes.push([performance.now(), String(args[2]), window.event ? window.event.type : null]);
    return replace(...args);
  };
  addEventListener("DOMContentLoaded", () => new MutationObserver(() => {
    addressLog.whenPrintoutChanged ??= location.href;
  }).observe(document.getElementById("impression-lien"), { childList: true, characterData: true, subtree: true }));
"""


def test_the_address_follows_once_typing_pauses(page, site_url):
    """The printout (and the QR code, the copy button, the e-mail) have the new figures' link
    at once; the address bar follows once typing pauses, since each change of address is a
    navigation the browser commits."""
    page.add_init_script(ADDRESS_LOG)
    open_calculator(page, site_url, "postes=4")
    page.evaluate("addressLog.whenPrintoutChanged = null; addressLog.changes = []")
    page.focus("#champ-postes")
    page.keyboard.press("Control+a")
    page.keyboard.type("57", delay=40)
    page.wait_for_url(f"{site_url}/cal/?postes=57")
    log = page.evaluate("addressLog")
    assert log["whenPrintoutChanged"] == f"{site_url}/cal/?postes=4"
    assert log["changes"] and log["changes"][-1][1] == f"{site_url}/cal/?postes=57"
    for when, _, _ in log["changes"]:
        last_input = max(time for time in log["inputs"] if time <= when)
        assert when - last_input >= 300


def test_a_page_left_at_once_keeps_its_latest_figures(page, site_url):
    """A link followed in the very task that shows an edit's figures, then back: the edit is
    still there, its address set as the link was followed."""
    page.add_init_script(ADDRESS_LOG)
    open_calculator(page, site_url, "postes=4")
    page.evaluate("""() => {
      const root = document.documentElement;
      new MutationObserver((_, observer) => {
        if (root.dataset.calcul !== "pret") return;
        observer.disconnect();
        sessionStorage.setItem("changes", JSON.stringify(addressLog.changes));
        document.querySelector("a[href$='/prestations/']").click();
      }).observe(root, { attributes: true, attributeFilter: ["data-calcul"] });
      const field = document.getElementById("champ-postes");
      field.value = "9";
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }""")
    page.wait_for_url("**/prestations/")
    page.go_back()
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    assert urlsplit(page.url).query == "postes=9"
    assert page.locator("#champ-postes").input_value() == "9"
    changes = json.loads(page.evaluate("sessionStorage.getItem('changes')"))
    assert not [change for change in changes if change[1].endswith("postes=9")]   # not before the click


def test_cost_charts_are_prerendered_and_follow_each_change(browser, page, site_url):
    """The charts are in the page without JavaScript, and after a change they show the new
    practice: its point, and its row of values equal to the cards' totals."""
    context = browser.new_context(java_script_enabled=False)
    static = context.new_page()
    static.goto(f"{site_url}/cal/")
    expect(static.locator("#graphique-postes svg[role=img] title")).to_have_text(re.compile("nombre de postes"))
    expect(static.locator("#graphique-seuil svg desc")).to_contain_text("Au-delà de")
    context.close()

    open_calculator(page, site_url, "postes=4")
    page.fill("#champ-postes", "12")
    expect(page.locator("#graphique-postes desc")).to_contain_text("Pour 12 postes", timeout=10_000)
    row = page.locator("#valeurs-postes tr", has=page.locator("th", has_text=re.compile("^12$")))
    cards = [page.locator(f"#total-ht-{n}").inner_text() for n in (1, 2, 3)]
    assert row.locator("td").all_text_contents() == cards     # in a closed <details>: text, not shown
    threshold = re.search(r"Au-delà de (.+?) d'assistance", page.locator("#seuil").inner_text()).group(1)
    expect(page.locator("#graphique-seuil .etiquette")).to_have_text(threshold)


def test_a_link_edited_back_to_the_default_practice_shows_the_charts(page, site_url):
    """A link's prerendered charts (the default practice's) wait hidden for its own; edited
    back to the default practice before they are drawn, the page shows them again."""
    open_calculator(page, site_url, "postes=4")
    page.fill("#champ-postes", "1")       # the default practice, well within the charts' 0.4 s
    page.wait_for_selector(READY)
    expect(page.locator("#graphique-postes")).to_be_visible()
    expect(page.locator("#graphique-postes desc")).to_contain_text("Pour 1 poste")


def test_editing_a_link_before_python_answers_keeps_its_values(page, site_url):
    page.goto(f"{site_url}/cal/?postes=7&serveurs=1&imagerie=2")
    page.fill("#champ-imagerie", "3")      # waits while the form is inert, i.e. until the link is read
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    page.wait_for_url(lambda url: dict(parse_qsl(urlsplit(url).query)) == {"postes": "7", "serveurs": "1", "imagerie": "3"})
    assert page.locator("#total-ht-2").get_attribute("data-value") == "428.00"     # 409 + 19



LARGE_PRACTICE = "postes=120&serveurs=12&imagerie=30&licences=200&sauvegarde=99999&sites=10&commune=cilaos&tpe=1"


# Measured in the page: the lines each text takes (its distinct line tops), and overflows.
LAYOUT = """() => {
  const lines = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  const cards = [...document.querySelectorAll(".niveau")];
  const amounts = document.querySelectorAll(".niveau td[data-champ=montant], .niveau .totaux dd");
  return {
    pageOverflow: document.documentElement.scrollWidth - innerWidth,
    cardOverflow: Math.max(...cards.map((card) => {
      const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
      return Math.max(...[...card.querySelectorAll("table, dl, h3")].map((e) => e.getBoundingClientRect().right)) - inner;
    })),
    wrappedAmounts: [...amounts].filter((e) => lines(e) > 1).map((e) => e.textContent),
    longLabels: [...document.querySelectorAll(".niveau [data-champ=libelle]")].filter((e) => lines(e) > 2)
      .map((e) => e.textContent),
    tops: Object.fromEntries(cards.map((card) => [card.id, card.getBoundingClientRect().top])),
    borders: Object.fromEntries(cards.map((card) => [card.id, parseFloat(getComputedStyle(card).borderTopWidth)])),
    chosen: document.querySelector(".niveau.mis-en-avant").id,
    recommendation: document.getElementById("recommande-total").getBoundingClientRect().top,
    cardOrder: cards.map((card) => card.id).sort((a, b) =>
      document.getElementById(a).getBoundingClientRect().top - document.getElementById(b).getBoundingClientRect().top
      || document.getElementById(a).getBoundingClientRect().left - document.getElementById(b).getBoundingClientRect().left),
  };
}"""


@pytest.mark.parametrize("width", [360, 430, 768, 1024, 1280, 1920])
def test_level_cards_give_the_figures_room(browser, site_url, width):
    """With the largest amounts the form allows: nothing overflows the page or a card; from
    1024 px each amount keeps one line and each cost label two at most; the recommended
    level stands out by its frame; its total comes before every card, which keep their
    order (the reading and focus order)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    open_calculator(page, site_url, LARGE_PRACTICE)
    layout = page.evaluate(LAYOUT)
    page.close()
    assert layout["pageOverflow"] <= 0 and layout["cardOverflow"] <= 0.5, layout
    if width >= 1024:
        assert layout["wrappedAmounts"] == [] and layout["longLabels"] == [], layout
    chosen, others = layout["chosen"], [card for card in layout["tops"] if card != layout["chosen"]]
    assert all(layout["borders"][chosen] > layout["borders"][card] for card in others), layout
    assert all(layout["recommendation"] < top for top in layout["tops"].values()), layout
    assert layout["cardOrder"] == ["niveau-1", "niveau-2", "niveau-3"], layout


def test_a_link_shows_its_values_and_the_download_until_its_figures_arrive(page, site_url):
    """On a phone the engine takes seconds to arrive: meanwhile the form shows the link's own
    values, a progress bar says how much has arrived, and the prerendered default figures
    are not presented as the link's."""
    held, released = [], []     # the engine's download, asked from <head> and by the worker (one each while routed)
    page.route("**/assets/engine-*.zip", lambda route: route.continue_() if released else held.append(route))
    page.goto(f"{site_url}/cal/?postes=12&tpe=oui&commune=saint-paul&serveurs=abc")
    assert page.input_value("#champ-postes") == "12" and page.input_value("#champ-commune") == "saint-paul"
    assert page.is_checked("#champ-tpe")
    progress = page.locator("#chargement")
    expect(progress).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Chargement du calculateur : \d+,\d / \d+,\d Mo$"))).to_be_visible()
    page.wait_for_function("() => document.getElementById('chargement').value > 0", timeout=BOOT_TIMEOUT)
    for figure in ("#total-ht-2", "#tva-2", "#niveau-recommande", "#lignes-2", "#graphique-postes svg"):
        expect(page.locator(figure)).to_be_hidden()          # the defaults' figures, 88,00 € for 1 workstation
    wait_until(page, lambda: held, what="the held download")
    arrived = progress.evaluate("bar => bar.value")
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    assert arrived < progress.evaluate("bar => bar.max")
    expect(progress).to_be_hidden()
    expect(page.locator("#total-ht-2")).to_be_visible()
    expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "482.00")   # 49 + 5 x 39 + 7 x 34
    expect(page.locator("#avis")).to_contain_text("« serveurs »")                   # the engine's reading
    assert page.input_value("#champ-serveurs") == "0"
    expect(page.locator("#graphique-postes desc")).to_contain_text("Pour 12 postes")   # then the link's charts
    expect(page.locator("#graphique-postes svg")).to_be_visible()


def test_a_tracking_tag_alone_keeps_the_prerendered_estimate(page, site_url):
    """/cal/?fbclid=… (a link shared on a social network) carries no input: its figures are
    the prerendered ones, shown at once, not hidden behind a download."""
    page.route("**/assets/engine-*.zip", lambda route: None)      # the engine never arrives
    page.goto(f"{site_url}/cal/?fbclid=IwAR0abc")
    expect(page.locator("#total-ht-2")).to_be_visible()
    expect(page.locator("#chargement")).to_be_hidden()


def test_a_link_never_stays_hidden_when_the_page_script_is_missing(page, site_url):
    """A browser too old for modules, or a file that did not load: the fallback shows."""
    page.route("**/assets/calculator-*.mjs", lambda route: route.abort())
    page.goto(f"{site_url}/cal/?postes=4")
    page.wait_for_selector('html[data-calcul="indisponible"]', timeout=BOOT_TIMEOUT)
    expect(page.locator("#repli")).to_be_visible()
    expect(page.locator("#total-ht-2")).to_be_visible()
    expect(page.locator("#chargement")).to_be_hidden()


def test_cal_without_a_link_shows_its_estimate_at_once_without_progress(page, site_url):
    page.route("**/assets/engine-*.zip", lambda route: None)      # the engine never arrives
    page.goto(f"{site_url}/cal/")
    expect(page.locator("#total-ht-2")).to_be_visible()
    expect(page.locator("#total-ht-2")).to_have_text("88,00\u00a0€")
    expect(page.locator("#chargement")).to_be_hidden()


def test_a_prompt_recompute_does_not_flash_the_stale_marks(page, site_url):
    """Marks that blink on every keystroke would distract; they are for answers that are late."""
    open_calculator(page, site_url)
    page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)    # extras loaded, worker idle
    page.evaluate("""() => {
      window.marked = false;
      new MutationObserver(() => { window.marked ||= document.documentElement.classList.contains("perime"); })
        .observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    }""")
    for count in ("3", "4", "5"):
        page.fill("#champ-postes", count)     # the input event sets data-calcul="en-cours" at once
        page.wait_for_selector(READY)
    # The announcement comes 0.8 s after the last figures, well after a stale mark would have (0.2 s).
    expect(page.locator("#annonce")).to_contain_text("Niveau 2 : 244,00")
    assert page.evaluate("window.marked") is False
    expect(page.locator("#etat-calcul")).to_be_hidden()

def test_copied_link_reproduces_the_estimate(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    open_calculator(page, site_url)
    page.fill("#champ-postes", "11")
    page.fill("#champ-imagerie", "1")
    page.wait_for_selector(READY)
    expect(page.locator("#total-ht-3")).to_have_attribute("data-value", "725.00")  # 89 + 295 + 6 x 52 + 29
    page.click("#copier")
    expect(page.locator("#copie-etat")).to_contain_text("Lien copié")
    link = page.evaluate("navigator.clipboard.readText()")
    shown = totals_on_screen(page)
    other = context.new_page()
    other.goto(link)
    other.wait_for_selector(READY, timeout=BOOT_TIMEOUT)
    assert totals_on_screen(other) == shown
    assert other.locator("#champ-postes").input_value() == "11"
    context.close()


def test_bad_parameters_give_notices_and_defaults(page, site_url):
    open_calculator(page, site_url, "postes=beaucoup&commune=paris&tpe=peut-etre&zzz=1")
    notices = page.locator("#avis li")
    expect(notices).to_have_count(4)
    expect(page.locator("#avis")).to_contain_text("« postes » : « beaucoup » n'est pas un nombre")
    expect(page.locator("#avis")).to_contain_text("Saint-Denis utilisée")
    assert page.locator("#champ-postes").input_value() == "1"
    assert page.locator("#champ-commune").input_value() == "saint-denis"
    assert urlsplit(page.url).query == ""       # the address bar shows the canonical link


def test_script_in_a_link_is_shown_as_text(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_calculator(page, site_url, urlencode({"commune": '"><img src=x onerror=alert(1)>', "postes": "<script>alert(2)</script>"}))
    expect(page.locator("#avis")).to_contain_text('"><img src=x onerror=alert(1)>')
    assert page.locator("#avis img").count() == 0 and dialogs == []
    assert page.locator("#total-ht-2").get_attribute("data-value") == "88.00"


PAYLOADS = ['"><img src=x onerror=alert(1)>', "<script>alert(2)</script>", "javascript:alert(3)"]


def test_script_payload_in_every_parameter_stays_text(page, site_url, rules):
    PARAMS = rules.catalogue.entries
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    query = urlencode([(param.name, PAYLOADS[i % len(PAYLOADS)]) for i, param in enumerate(PARAMS)])
    open_calculator(page, site_url, query)
    expect(page.locator("#avis li")).to_have_count(len(PARAMS))     # one notice per parameter
    expect(page.locator("#avis")).to_contain_text(PAYLOADS[0])
    assert page.locator("#avis img, #avis script").count() == 0 and dialogs == []
    for n in (1, 2, 3):
        assert float(page.locator(f"#total-ttc-{n}").get_attribute("data-value")) >= 0


def test_no_request_leaves_the_origin(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_calculator(page, site_url, "postes=3")
    page.wait_for_selector("#support-status-1[data-ouvert]", timeout=BOOT_TIMEOUT)
    assert requests and all(url.startswith(site_url + "/") for url in requests), requests


@pytest.mark.parametrize("blocked", ["**/engine-*.zip", "**/rules-*.json", "**/python_stdlib-*.zip"])
def test_fallback_when_a_download_fails(page, site_url, blocked):
    page.route(blocked, lambda route: route.abort())
    page.goto(f"{site_url}/cal/?postes=4")
    page.wait_for_selector('html[data-calcul="indisponible"]', timeout=BOOT_TIMEOUT)
    expect(page.locator("#repli")).to_be_visible()
    expect(page.locator("#total-ht-2")).to_be_visible()         # no longer hidden behind the progress
    expect(page.locator("#chargement")).to_be_hidden()
    expect(page.locator("#repli-raison")).to_contain_text("Le moteur de calcul n'a pas pu démarrer")


def test_a_python_error_reads_as_french_with_the_details_in_the_console(page, site_url, console_errors):
    """Visitors get a sentence; whoever opens the console gets Python's traceback."""
    page.route("**/assets/rules-*.json", lambda route: route.fulfill(status=200, body="{}",
                                                                   content_type="application/json"))
    page.goto(f"{site_url}/cal/?postes=4")
    page.wait_for_selector('html[data-calcul="indisponible"]', timeout=BOOT_TIMEOUT)
    expect(page.locator("#repli-cause")).to_have_text("Le moteur de calcul n'a pas pu démarrer. ")
    assert "Traceback" not in page.locator("#repli").inner_text()
    assert any("Traceback" in error for error in console_errors), console_errors


def test_an_answer_never_rewrites_the_field_being_typed(page, site_url):
    """The visitor leaves one field (its answer would normalise the fields), then empties
    another to type a new number: the answer that comes must not put a 1 back under the caret."""
    open_calculator(page, site_url, "postes=4")
    page.evaluate("""() => {
      const form = document.getElementById("formulaire");
      form.elements.serveurs.value = "2";
      form.elements.serveurs.dispatchEvent(new Event("input", { bubbles: true }));
      form.elements.serveurs.dispatchEvent(new Event("change", { bubbles: true }));
      form.elements.postes.value = "";
      form.elements.postes.dispatchEvent(new Event("input", { bubbles: true }));
    }""")
    page.wait_for_selector(READY)
    expect(page.locator("#total-ht-2")).to_have_attribute("data-value", "206.00")   # 49 + 39 + 2 x 59: postes 1
    assert page.input_value("#champ-postes") == ""
    page.locator("#champ-postes").dispatch_event("change")     # left empty: now the engine's value shows
    expect(page.locator("#champ-postes")).to_have_value("1")


def test_fallback_when_webassembly_is_blocked(page, site_url):
    # Pyodide reports a blocked .wasm at once, or hangs: then the start-up delay decides.
    with_engine_delays(page, demarrage=15000)
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(f"{site_url}/cal/?postes=4")
    page.wait_for_selector('html[data-calcul="indisponible"]', timeout=BOOT_TIMEOUT)
    expect(page.locator("#repli")).to_be_visible()
    expect(page.locator("#repli")).to_contain_text("02 62 79 00 11")
    expect(page.locator("#repli-raison")).to_contain_text(re.compile("n'a pas pu démarrer|met trop de temps à démarrer"))


def test_a_level_page_shows_the_support_status_without_the_optional_downloads(page, site_url):
    """A phone reading a level page gets the support status from the build's holiday table:
    the page does not download the holidays package nor the rest of the standard library
    for it (the offline copy fetches them later, in the service worker). A module of that
    rest still imports when something needs it, fetched then."""
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(f"{site_url}/prestations/niveau-2/")
    page.wait_for_selector("#support-status-2[data-ouvert]", timeout=BOOT_TIMEOUT)
    assert not [path for path in fetched if re.search(r"/(holidays|python_dateutil|six|segno)-|_later-", path)]
    [worker] = page.workers
    imported = worker.evaluate("() => { self.pyodide.pyimport('xml.sax.saxutils'); "
                               "return self.pyodide.pyimport('gettext').__file__; }")
    assert imported.startswith("/lib/python-later.zip/")
    assert [path for path in fetched if "python_stdlib_later-" in path]
