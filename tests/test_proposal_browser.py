"""The proposal in Chromium: opened from /cal/, printed, its client block, its request, and its
prices held while it is valid (a scratch clone with its own git history)."""

import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

import build
from serve import SiteHandler

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES, edited_rules
from .waits import BOOT_TIMEOUT, open_calculator, wait_until

ROOT = Path(__file__).resolve().parents[1]
PROPOSAL_READY = 'html[data-proposition="prete"]'
DENTIST = "postes=4&serveurs=1&imagerie=2&commune=saint-pierre"


def cli_level(query: str, level: int, rules=FROZEN_RULES) -> dict:
    """One level of `devis --json`: the figures the proposal must print."""
    flags = [item for pair in query.split("&") for item in (f"--{pair.split('=')[0]}", pair.split("=")[1])]
    result = subprocess.run([sys.executable, "-m", "calculator", "--regles", str(rules), "devis", *flags, "--json"],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["niveaux"][str(level)]


def euros(plain: str) -> str:
    """"302.00" -> "302,00 €" as the pages write it (no-break spaces)."""
    units, cents = plain.split(".")
    groups = f"{int(units):,}".replace(",", "\u00a0")
    return f"{groups},{cents}\u00a0€"


def open_proposal(page, site_url, level: int, query=DENTIST):
    open_calculator(page, site_url, query)
    page.click(f"#niveau-{level} [data-proposition-niveau]:not([data-demander])")
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)


def pdf_text(page) -> tuple:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_a_card_opens_its_levels_proposal_at_its_own_address(page, site_url):
    open_proposal(page, site_url, 2)
    address = urlsplit(page.url)
    query = parse_qs(address.query)
    assert address.path == "/cal/proposition/"
    assert query["niveau"] == ["2"] and query["postes"] == ["4"] and query["emise"] == [date.today().isoformat()]
    assert re.fullmatch(r"[0-9a-f]{12}", query["tarifs"][0])
    level = cli_level(DENTIST, 2)
    expect(page.locator("#proposition-total-ht")).to_have_text(euros(level["total_ht"]))
    expect(page.locator("#proposition-total-ttc")).to_have_text(euros(level["total_ttc"]))
    expect(page.locator("#proposition-numero")).to_have_text(re.compile(rf"P-{date.today():%Y%m%d}-[0-9A-Z]{{5}}"))
    # The estimate's form and cards are not shown beside it; back returns to them.
    expect(page.locator("#formulaire")).to_be_hidden()
    page.go_back()
    page.wait_for_selector('html[data-proposition="fermee"]')
    expect(page.locator("#formulaire")).to_be_visible()
    assert urlsplit(page.url).path == "/cal/"


def test_the_same_proposal_keeps_its_number_when_opened_again(page, site_url):
    open_proposal(page, site_url, 3)
    number, address = page.inner_text("#proposition-numero"), page.url
    page.goto(address)
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    expect(page.locator("#proposition-numero")).to_have_text(number)


def test_printed_at_once_it_has_every_figure_its_client_and_its_qr_code_on_two_pages_at_most(page, site_url):
    """Level 3 is the longest proposal (its three rules); the print is asked as soon as the
    figures show, before anything else could be drawn."""
    open_proposal(page, site_url, 3)
    page.locator("#client-nom").type("Cabinet dentaire du Port")
    page.emulate_media(media="print")
    expect(page.locator("#proposition-qr")).to_be_visible()
    assert page.get_attribute("#proposition-qr", "src").startswith("data:image/svg+xml")
    pages, text = pdf_text(page)
    level = cli_level(DENTIST, 3)
    assert pages <= 2
    for figure in ("total_ht", "tva", "total_ttc", "annuel_ht", "annuel_ttc"):
        assert euros(level[figure]).replace("\u00a0", " ") in text.replace("\u00a0", " "), figure
    for line in level["lignes"]:
        assert euros(line["montant"]).replace("\u00a0", " ") in text.replace("\u00a0", " "), line
    number = page.inner_text("#proposition-numero")
    assert text.count(number) >= 1 + pages       # in the references, and at the foot of every page
    for words in ("Émise le", "Valable jusqu'au", "Cabinet dentaire du Port", "Bon pour accord", "Signature et cachet",
                  "3 règles importantes", "Pour plus de détails, liste des partenariats et CGS"):
        assert words in text, words
    # Not the site's header, navigation or the estimate's form.
    assert "Calculer ma maintenance" not in text and "Votre cabinet" not in text


def test_the_client_block_is_text_trimmed_and_never_reaches_the_server(browser, built_site):
    requests = []

    class RecordingHandler(SiteHandler):
        def log_message(self, *args):
            requests.append(self.requestline)

    server = serve_in_thread(built_site, handler=RecordingHandler)
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    page = browser.new_page()
    errors, dialogs = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    page.goto(f"{site_url}/cal/proposition/?niveau=2&{DENTIST}#nom={hostile}&contact={'é' * 10_000}&adresse=Secret%20974")
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    expect(page.locator("#client-imprime-nom")).to_have_text(hostile)
    assert page.locator("#proposition img[src='x'], #proposition script").count() == 0
    assert len(page.input_value("#client-contact")) == 120
    assert dialogs == [] and errors == []
    server.shutdown()
    page.close()
    assert requests and not any("Secret" in line or "onerror" in line or "%C3%A9" * 3 in line for line in requests)


def test_asking_for_it_without_an_e_mail_is_a_telephone_call(page, site_url):
    open_proposal(page, site_url, 2)
    assert page.get_attribute("#demander", "href") == "tel:+262262790011"
    assert page.locator("#demander-messagerie").count() == 0


@pytest.fixture(scope="module")
def site_with_email(tmp_path_factory):
    """The business gave an e-mail, a messaging number and one condition, and level 3
    includes the extra Microsoft 365 licences (a rules copy)."""
    rules = edited_rules(tmp_path_factory.mktemp("regles") / "rules", "identite.yaml",
                         'courriel: ""', 'courriel: "contact@example.re"')
    for file, old, new in (("conditions.yaml", 'whatsapp: ""', 'whatsapp: "262692000000"'),
                           ("conditions.yaml", 'texte: ""', 'texte: "12 mois, reconduction tacite."'),
                           ("offre.yaml", "      3: {prix: 11}", "      3: {statut: inclus}")):
        path = rules / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    out = tmp_path_factory.mktemp("site-courriel") / "dist"
    build.build(out, rules_dir=rules, test_hooks=True)
    server = serve_in_thread(out)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_request_e_mail_carries_level_totals_address_and_client(page, site_with_email):
    open_proposal(page, site_with_email, 2, f"{DENTIST}&licences=2")
    page.locator("#client-nom").type("Cabinet Lebon")
    page.locator("#client-joindre").type("0262 00 00 00")
    href = page.get_attribute("#demander", "href")
    mail = urlsplit(href)
    assert (mail.scheme, mail.path) == ("mailto", "contact@example.re")
    fields = parse_qs(mail.query)
    number = page.inner_text("#proposition-numero")
    assert fields["subject"] == [f"Demande de contrat de maintenance : proposition {number}, niveau 2"]
    body = fields["body"][0]
    total_ht, total_ttc = page.inner_text("#proposition-total-ht"), page.inner_text("#proposition-total-ttc")
    assert f"niveau 2, {total_ht} HT par mois ({total_ttc} TTC)" in body
    assert page.url.split("#")[0] in body
    assert "Cabinet : Cabinet Lebon" in body and "E-mail ou téléphone : 0262 00 00 00" in body
    whatsapp = urlsplit(page.get_attribute("#demander-messagerie", "href"))
    assert (whatsapp.netloc, whatsapp.path) == ("wa.me", "/262692000000")
    assert "Cabinet Lebon" in unquote(whatsapp.query)
    # The condition given is printed; the others, not given, are absent.
    expect(page.locator("#proposition-conditions dt")).to_have_text(["Durée du contrat"])
    expect(page.locator("#proposition-conditions dd")).to_have_text(["12 mois, reconduction tacite."])


def test_an_included_option_and_one_not_offered_are_said(page, site_with_email):
    open_proposal(page, site_with_email, 3, f"{DENTIST}&licences=2")
    expect(page.locator("#proposition-options")).to_have_text("Licences Microsoft 365 Apps supplémentaires : inclus")
    page.go_back()
    page.wait_for_selector('html[data-proposition="fermee"]')
    page.click("#niveau-1 [data-proposition-niveau]:not([data-demander])")
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    expect(page.locator("#proposition-options")).to_have_text(
        "Licences Microsoft 365 Apps supplémentaires : non proposé à ce niveau")


# Prices held while it is valid -----------------------------------------------------------------

def git(folder: Path, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args], cwd=folder,
                   check=True, capture_output=True)


def test_a_proposal_keeps_its_prices_until_it_expires(browser, tmp_path):
    """Issue a proposal, raise a price and publish again: the proposal keeps its figures with
    its notice, a new estimate has the new ones; past its validity, it shows today's prices."""
    repo = tmp_path / "depot"
    shutil.copytree(FROZEN_RULES, repo / "rules")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Tarifs de décembre")
    before = tmp_path / "avant"
    build.build(before, rules_dir=repo / "rules", test_hooks=True)
    server = serve_in_thread(before)
    page = browser.new_page()
    open_proposal(page, f"http://127.0.0.1:{server.server_address[1]}", 2, "postes=4")
    proposal = urlsplit(page.url)
    issued = parse_qs(proposal.query)["emise"][0]
    # Frozen level 2 for 4 workstations: 49 (one site) + 4 × 39 = 205,00 € HT.
    expect(page.locator("#proposition-total-ht")).to_have_text("205,00\u00a0€")
    server.shutdown()

    offer = repo / "rules" / "offre.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("{jusqu_a: 5, prix: 39}", "{jusqu_a: 5, prix: 41}", 1),
                     encoding="utf-8")
    git(repo, "commit", "-qam", "Tarifs de janvier")
    after = tmp_path / "apres"
    build.build(after, rules_dir=repo / "rules", test_hooks=True)
    server = serve_in_thread(after)
    site = f"http://127.0.0.1:{server.server_address[1]}"
    page.goto(f"{site}{proposal.path}?{proposal.query}")
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    expect(page.locator("#proposition-total-ht")).to_have_text("205,00\u00a0€")
    expect(page.locator("#proposition-tarifs")).to_contain_text("Tarifs du ")
    # A new estimate: 49 + 4 × 41 = 213,00 € HT.
    open_calculator(page, site, "postes=4")
    expect(page.locator("#total-ht-2")).to_have_text("213,00\u00a0€")

    expired = browser.new_page()
    year, month, day = map(int, issued.split("-"))
    expired.clock.set_fixed_time(f"{year + 1}-{month:02d}-{min(day, 28):02d}T08:00:00Z")
    expired.goto(f"{site}{proposal.path}?{proposal.query}")
    expired.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    expect(expired.locator("#proposition-total-ht")).to_have_text("213,00\u00a0€")
    expect(expired.locator("#proposition-tarifs")).to_contain_text("Cette proposition était valable jusqu'au")
    expect(expired.locator("#proposition-avant-apres")).to_have_text(
        re.compile("Total HT par mois : 205,00\u00a0€ aux tarifs du .*, 213,00\u00a0€ aux tarifs en vigueur."))
    server.shutdown()


def test_the_main_button_makes_the_recommended_levels_proposal(page, site_url):
    open_calculator(page, site_url, "postes=12&serveurs=2")
    recommended = page.inner_text("#niveau-recommande")          # « niveau N »
    page.click("#proposition-recommandee")
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    assert f"niveau {parse_qs(urlsplit(page.url).query)['niveau'][0]}" == recommended


def test_a_cold_proposal_address_shows_its_figures_before_its_qr_code_and_prints_with_it(page, site_url):
    """Its QR code needs 2 MB more (the rest of the standard library and segno): held here, the
    figures still show, and « Imprimer » waits for the QR code before printing."""
    held = []
    page.route("**/assets/segno-*", lambda route: held.append(route))
    page.add_init_script("window.print = () => { document.documentElement.dataset.imprime = String(Boolean(document.getElementById('proposition-qr'))); };")
    page.goto(f"{site_url}/cal/proposition/?niveau=2&{DENTIST}")
    page.wait_for_selector('html[data-proposition="chiffres"]', timeout=BOOT_TIMEOUT)
    level = cli_level(DENTIST, 2)
    expect(page.locator("#proposition-total-ht")).to_have_text(euros(level["total_ht"]))
    assert page.locator("#proposition-qr").count() == 0
    page.click("#imprimer")
    assert page.get_attribute("html", "data-imprime") is None        # not printed without its QR code
    wait_until(page, lambda: bool(held), what="the QR code's download asked")
    for route in held:
        route.continue_()
    page.wait_for_selector(PROPOSAL_READY, timeout=BOOT_TIMEOUT)
    page.wait_for_selector('html[data-imprime="true"]')
