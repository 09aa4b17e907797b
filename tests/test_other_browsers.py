"""/cal/ in Firefox ESR and in WebKitGTK (iPhones run WebKit), from Debian's packages:
a prefilled link's totals, typing a new value, the address bar, the cost chart, the QR
code (the part of the standard library mounted later), opening a level's proposal, no error.
Run by `make test-navigateurs` (and .ci/run), apart from `make test`: see docs/testing.md."""

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from .test_site_browser import cli_estimate
from .webdriver import webkit_session

ROOT = Path(__file__).resolve().parents[1]
LINK = "postes=7&serveurs=1&imagerie=2&commune=saint-paul"
FIELD, NEW_VALUE = "postes", "12"
pytestmark = pytest.mark.navigateurs


def expected_totals(query: str) -> dict:
    """What the command line computes (CPython), as the page's outputs name them."""
    levels = cli_estimate(query)["niveaux"]
    return {f"total-{kind}-{n}": levels[n][f"total_{kind}"] for n in levels for kind in ("ht", "ttc")}


def changed_query() -> str:
    return "&".join(f"{k}={NEW_VALUE if k == FIELD else v}" for k, v in parse_qsl(LINK))


def check_visit(result: dict) -> None:
    assert result["totals"] == expected_totals(LINK)
    assert result["changedTotals"] == expected_totals(changed_query())
    assert dict(parse_qsl(urlsplit(result["address"]).query))[FIELD] == NEW_VALUE
    assert urlsplit(result["address"]).path.endswith("/cal/")
    assert f"Pour {NEW_VALUE} postes" in result["chart"]
    assert result["qr"].startswith("data:image/svg+xml")
    proposal = result["proposal"]
    assert proposal["path"].endswith("/cal/proposition/")
    assert proposal["total"] == proposal["estimate"] and proposal["total"].endswith("€")
    assert proposal["qr"].startswith("data:image/svg+xml")
    assert result["errors"] == []


def test_firefox_esr(site_url):
    done = subprocess.run(["node", str(ROOT / "tests" / "firefox_smoke.mjs"), "/usr/bin/firefox-esr", site_url, LINK,
                           FIELD, NEW_VALUE], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    visit = json.loads(done.stdout.strip().splitlines()[-1])
    check_visit(visit)
    assert visit["prefetch"] == "economie"      # nothing fetched where the browser says nothing of the connection


TOTALS = """return Object.fromEntries([...document.querySelectorAll("output[id^=total-]")]
  .map((output) => [output.id, output.dataset.value]));"""
# Classic WebDriver has no console log: errors are caught from the first estimate on (page
# errors, console.error, unhandled rejections); a failure before it shows as the fallback.
CATCH_ERRORS = """window.__erreurs = [];
const original = console.error.bind(console);
console.error = (...args) => { __erreurs.push(args.map(String).join(" ")); original(...args); };
addEventListener("error", (event) => __erreurs.push(String(event.message)));
addEventListener("unhandledrejection", (event) => __erreurs.push(String(event.reason)));"""


def test_webkitgtk(site_url):
    with webkit_session() as browser:
        browser.go(f"{site_url}/cal/?{LINK}")
        browser.wait_for("return document.documentElement.dataset.calcul === 'pret' "
                         "|| document.documentElement.classList.contains('echec');")
        assert not browser.run("return document.documentElement.classList.contains('echec');"), "fallback shown"
        browser.run(CATCH_ERRORS)
        totals = browser.run(TOTALS)
        browser.type_into(f"#champ-{FIELD}", NEW_VALUE)
        browser.wait_for("return location.search.includes(arguments[0]) "
                         "&& document.documentElement.dataset.calcul === 'pret';", f"{FIELD}={NEW_VALUE}", timeout_s=20)
        chart = browser.wait_for("const description = document.querySelector('#graphique-postes desc'); "
                                 "return description && description.textContent.includes(arguments[0]) "
                                 "&& description.textContent;", f"Pour {NEW_VALUE} postes", timeout_s=10)
        result = {"totals": totals, "changedTotals": browser.run(TOTALS), "address": browser.run("return location.href;"),
                  "chart": chart,
                  "qr": browser.wait_for("const qr = document.getElementById('qr'); return qr && qr.src;", timeout_s=30)}
        # One more round trip through the worker: a rejection from the QR code's answer (its
        # listeners run in a later task) has been reported by the time this edit is painted.
        browser.type_into(f"#champ-{FIELD}", NEW_VALUE + "0")
        browser.wait_for("return location.search.includes(arguments[0]) "
                         "&& document.documentElement.dataset.calcul === 'pret';", f"{FIELD}={NEW_VALUE}0", timeout_s=20)
        estimate = browser.run("return document.getElementById('total-ht-2').textContent;")
        browser.run("document.querySelector('#niveau-2 [data-proposition-niveau]:not([data-demander])').click();")
        browser.wait_for("return document.documentElement.dataset.proposition === 'prete';", timeout_s=30)
        result["proposal"] = browser.run(
            "return {total: document.getElementById('proposition-total-ht').textContent, path: location.pathname, "
            "qr: document.getElementById('proposition-qr').src.slice(0, 26)};")
        result["proposal"]["estimate"] = estimate
        result["errors"] = browser.run("return window.__erreurs;")
        check_visit(result)
