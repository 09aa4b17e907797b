"""`proposition`, `conditions`, and what `devis` and `lot` say beyond the totals (issue 27):
a proposal's address and document from the command line, the options a level includes or
does not offer, the travel fee per visit.

Expected figures from the frozen rules (tests/data/rules). The offer's example, 7 workstations,
1 server, 2 imaging devices in Saint-Denis, recommends level 2:
    49 (site) + 5 x 39 + 2 x 34 (workstations) + 59 (server) + 2 x 19 (imaging) = 409.00 HT,
    VAT 8.5 % = 34.765 -> 34.77, TTC 443.77.
"""

import csv
import io
import json
import re
from datetime import datetime, timedelta, timezone
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from calculator.load import load_rules
from calculator.estimate import estimate_query
from calculator.report import estimate_view
from calculator.rule_history import rules_texts
from calculator.rule_versions import version_of

from .frozen import FROZEN_RULES, edited_rules
from .test_cli import run

BASE = "https://reunioninformatique.com"
EXAMPLE = ("--postes", "7", "--serveurs", "1", "--imagerie", "2")
EXAMPLE_QUERY = "postes=7&serveurs=1&imagerie=2"
VERSION = version_of(rules_texts(FROZEN_RULES))
NBSP_EUR = "\u00a0€"
LICENCES = "Licences Microsoft 365 Apps supplémentaires"


def reunion_today():
    """The day the CLI issues a proposal on: today at UTC+4 (Réunion has no daylight saving)."""
    return datetime.now(timezone(timedelta(hours=4))).date()


def proposition(*args):
    result = run("proposition", "--base", BASE + "/", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


# proposition: the address --------------------------------------------------------------------

@pytest.mark.parametrize("flags, level_and_query, fragment, total_ht", [
    # The recommended level by default, written in the address so the proposal stays level 2's.
    ((), f"niveau=2&{EXAMPLE_QUERY}", "", "409,00"),
    # Level 3: 89 + 5 x 59 + 2 x 52 + 99 + 2 x 29 = 645.00.
    (("--niveau", "3"), f"niveau=3&{EXAMPLE_QUERY}", "", "645,00"),
    # The client block lives in the fragment only, in the fields' order, spaces encoded.
    (("--client", "Cabinet Hoarau"), f"niveau=2&{EXAMPLE_QUERY}", "#nom=Cabinet%20Hoarau", "409,00"),
    (("--client-joindre", "0262 00 00 00", "--client", "  Dr  Payet ", "--client-adresse", "1 rue A"),
     f"niveau=2&{EXAMPLE_QUERY}", "#nom=Dr%20Payet&adresse=1%20rue%20A&joindre=0262%2000%2000%2000", "409,00"),
])
def test_proposition_prints_its_address_and_summary(flags, level_and_query, fragment, total_ht):
    lines = proposition(*EXAMPLE, "--emise", "2027-01-15", "--aujourdhui", "2027-01-20", *flags)
    assert lines[0] == f"{BASE}/cal/proposition/?{level_and_query}&emise=2027-01-15&tarifs={VERSION}{fragment}"
    text = "\n".join(lines)
    assert f"Total HT {total_ht}{NBSP_EUR}" in text
    # Valid 3 months (conditions.yaml): 15 January -> 15 April.
    assert "Émise le 15 janvier 2027, valable jusqu'au 15 avril 2027." in text


def test_proposition_issued_today_by_default():
    today = reunion_today()
    assert f"&emise={today.isoformat()}&" in proposition(*EXAMPLE)[0]


def number(lines) -> str:
    return lines[1].split(",")[0].removeprefix("Proposition ")


def test_the_number_is_stable_and_changes_with_the_day():
    first = number(proposition(*EXAMPLE, "--emise", "2027-01-15", "--aujourdhui", "2027-01-20"))
    assert first.startswith("P-20270115-") and len(first) == len("P-20270115-") + 5
    # A client block is not part of the proposal's number: it is typed on the page later.
    assert number(proposition(*EXAMPLE, "--emise", "2027-01-15", "--aujourdhui", "2027-01-20", "--client", "X")) == first
    other_day = number(proposition(*EXAMPLE, "--emise", "2027-01-16", "--aujourdhui", "2027-01-20"))
    assert other_day.startswith("P-20270116-") and other_day[-5:] != first[-5:]


@pytest.mark.parametrize("args, message", [
    (("--emise", "15/01/2027"), "--emise : « 15/01/2027 » n'est pas une date (AAAA-MM-JJ)."),
    (("--emise", "20270115"), "n'est pas une date"),
    (("--lien", f"{BASE}/cal/?postes=7"), "n'est pas l'adresse d'une proposition"),
    (("--lien", f"{BASE}/cal/proposition/?postes=7", "--postes", "3"), "ne les donnez pas aussi"),
    (("--commune", "st-paul"), "vouliez-vous dire saint-paul"),
])
def test_proposition_refuses_in_french(args, message):
    result = run("proposition", *args)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""


# proposition --html: the printable document --------------------------------------------------

def test_the_html_document_carries_the_proposal_and_escapes_the_client(tmp_path):
    path = tmp_path / "proposition.html"
    hostile = "<script>alert(1)</script>" + "x" * 10_000
    lines = proposition(*EXAMPLE, "--emise", "2027-01-15", "--aujourdhui", "2027-01-20", "--client", hostile,
                        "--html", str(path))
    html = path.read_text(encoding="utf-8")
    assert '<html lang="fr" class="vue-proposition">' in html         # the print rules apply
    assert number(lines) in html and "Bon pour accord" in html
    for figure in ("409,00", "34,77", "443,77"):
        assert f"{figure}{NBSP_EUR}" in html
    # Text, never markup; trimmed to the field's 120 characters (client.py).
    assert "<script>alert" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;' + "x" * (120 - 25) + '"' in html
    assert "x" * 121 not in html
    assert "Revenir à l'estimation" not in html                       # a file has no estimate to go back to
    assert "data:image/svg+xml" in html                               # the QR code (segno is installed)
    assert f"{BASE}/cal/proposition/?niveau=2&amp;{EXAMPLE_QUERY.replace('&', '&amp;')}" in html


# proposition --lien: a proposal sent back ------------------------------------------------------

def test_an_expired_proposal_says_so_and_keeps_its_client():
    lines = proposition("--lien", f"{BASE}/cal/proposition/?postes=7&emise=2020-01-01&tarifs={VERSION}#nom=Dr%20Payet")
    assert lines[0] == f"{BASE}/cal/proposition/?niveau=2&postes=7&emise=2020-01-01&tarifs={VERSION}#nom=Dr%20Payet"
    # Issued 1 January 2020, valid 3 months: expired after 1 April 2020.
    assert "Cette proposition était valable jusqu'au 1er avril 2020 : montants aux tarifs en vigueur aujourd'hui." in lines
    # 7 workstations at level 2: 49 + 5 x 39 + 2 x 34 = 312.00, the same price list before and after.
    assert f"Total HT 312,00{NBSP_EUR}" in "\n".join(lines)


def test_a_valid_proposal_keeps_its_link_base_and_prices():
    lines = proposition("--lien", f"https://prisme.github.io/tarifs/cal/proposition/?postes=7&emise=2099-01-01&tarifs={VERSION}",
                        "--aujourdhui", "2099-01-02")
    # --base given: it wins over the link's own site.
    assert lines[0].startswith(f"{BASE}/cal/proposition/?niveau=2&postes=7&emise=2099-01-01")
    assert "Tarifs du 1er janvier 2099, maintenus jusqu'au 1er avril 2099." in lines
    result = run("proposition", "--lien", f"https://prisme.github.io/tarifs/cal/proposition/?postes=7&emise=2099-01-01&tarifs={VERSION}",
                 "--aujourdhui", "2099-01-02")
    assert result.stdout.startswith("https://prisme.github.io/tarifs/cal/proposition/?niveau=2&postes=7")


# Options a level includes or does not offer ----------------------------------------------------

@pytest.fixture(scope="module")
def licences_included(tmp_path_factory):
    """The frozen rules with the extra Microsoft 365 licences included at level 3 (priced
    11.00 each at level 2, not offered at level 1)."""
    return edited_rules(tmp_path_factory.mktemp("regles") / "rules", "offre.yaml",
                        "      2: {prix: 11}\n      3: {prix: 11}", "      2: {prix: 11}\n      3: {statut: inclus}")


def test_devis_json_says_included_and_not_offered(licences_included):
    result = run("--regles", str(licences_included), "devis", "--postes", "2", "--licences", "3", "--json")
    levels = json.loads(result.stdout)["niveaux"]
    assert levels["1"]["options"] == [{"libelle": LICENCES, "statut": "non_inclus"}]
    assert levels["2"]["options"] == []                     # priced: 3 x 11.00 is a cost line
    assert levels["2"]["total_ht"] == "160.00"              # 49 + 2 x 39 + 3 x 11
    assert levels["3"]["options"] == [{"libelle": LICENCES, "statut": "inclus"}]
    assert levels["3"]["total_ht"] == "207.00"              # 89 + 2 x 59, the licences included


def test_devis_text_says_included_and_not_offered(licences_included):
    text = run("--regles", str(licences_included), "devis", "--postes", "2", "--licences", "3").stdout
    level_1, level_2, level_3 = text.split("Niveau ")[1:4]
    assert f"{LICENCES} : non proposé à ce niveau" in level_1
    assert "non proposé" not in level_2 and " : inclus" not in level_2
    assert f"{LICENCES} : inclus" in level_3


def test_an_option_not_chosen_is_not_mentioned(licences_included):
    result = json.loads(run("--regles", str(licences_included), "devis", "--postes", "2", "--json").stdout)
    assert all(level["options"] == [] for level in result["niveaux"].values())


def test_the_level_cards_model_lists_them(licences_included):
    rules = load_rules(licences_included)[0]
    cards = estimate_view(estimate_query(rules, "postes=2&licences=3"), rules)["niveaux"]
    assert [card["options"] for card in cards] == [[f"{LICENCES} : non proposé à ce niveau"], [],
                                                   [f"{LICENCES} : inclus"]]


def test_lot_has_each_level_s_options(licences_included, tmp_path):
    source = tmp_path / "cabinets.csv"
    source.write_text("postes,licences\n2,3\n2,0\n", encoding="utf-8")
    first, second = rows(run("--regles", str(licences_included), "lot", str(source), "--base", BASE).stdout)
    assert (first["niveau_1_options"], first["niveau_2_options"], first["niveau_3_options"]) == \
        (f"{LICENCES} : non proposé à ce niveau", "", f"{LICENCES} : inclus")
    assert (second["niveau_1_options"], second["niveau_3_options"]) == ("", "")


# devis: the travel fee per visit ----------------------------------------------------------------

@pytest.mark.parametrize("commune, fee", [
    ("saint-denis", "25,00"),     # zone 1 (pricing.yaml, deplacement)
    ("saint-paul", "45,00"),      # zone 2
    ("les-avirons", "70,00"),     # zone 3
])
def test_devis_text_shows_the_travel_fee_at_every_level(commune, fee):
    text = run("devis", "--postes", "2", "--commune", commune).stdout
    assert text.count(f"Déplacement : {fee}{NBSP_EUR} HT par visite") == 3
    # Level 1 is billed by the hour: its expected spend already counts the visits.
    assert f"Déplacement : {fee}{NBSP_EUR} HT par visite, compris dans l'estimation" in text.split("Niveau 2")[0]


# lot: each row's proposal -------------------------------------------------------------------------

def rows(text: str, delimiter=",") -> list:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


@pytest.mark.parametrize("header, name_cell, fragment", [
    ("nom", "Dr Payet", "#nom=Dr%20Payet"),
    ("Nom", "=HYPERLINK()", "#nom=%3DHYPERLINK%28%29"),      # encoded: no cell starts with '='
    ("cabinet", "Dr Payet", ""),                             # no `nom` column: no client block
    ("nom", "", ""),
])
def test_lot_adds_each_row_s_proposal(tmp_path, header, name_cell, fragment):
    source = tmp_path / "cabinets.csv"
    source.write_text(f"{header};postes;serveurs;imagerie\n{name_cell};7;1;2\n", encoding="utf-8")
    result = run("lot", str(source), "--base", BASE)
    assert result.returncode == 0, result.stderr
    (row,) = rows(result.stdout, ";")
    assert list(row)[-1] == "proposition"
    assert row["proposition"] == (f"{BASE}/cal/proposition/?niveau=2&{EXAMPLE_QUERY}"
                                  f"&emise={reunion_today().isoformat()}&tarifs={VERSION}{fragment}")
    assert row["niveau_2_ht"] == "409,00"        # the amounts keep their decimal comma, the address its dots


# conditions: what CI warns about -------------------------------------------------------------------

def test_conditions_lists_those_not_given(tmp_path):
    result = run("conditions")
    assert result.returncode == 0 and "6 condition(s)" in result.stdout and "conditions.duree" in result.stdout
    folder = edited_rules(tmp_path / "rules", "conditions.yaml", 'texte: ""', 'texte: "Un an, renouvelable."')
    given = run("--regles", str(folder), "conditions", "--markdown")
    assert given.returncode == 0 and given.stdout.startswith("### Conditions du contrat incomplètes")
    assert "5 condition(s)" in given.stdout and "`conditions.duree`" not in given.stdout


def test_the_html_documents_request_e_mail_is_written_in_full(tmp_path):
    """With the company's e-mail given, « Demander cette proposition » in the file is the same
    e-mail as on the page: subject, level, totals, the proposal's address and the client."""
    rules = edited_rules(tmp_path / "rules", "identite.yaml", 'courriel: ""', 'courriel: "contact@example.re"')
    path = tmp_path / "proposition.html"
    result = run("--regles", str(rules), "proposition", "--base", BASE + "/", *EXAMPLE, "--client", "Cabinet Hoarau",
                 "--html", str(path))
    assert result.returncode == 0, result.stderr
    href = unescape(re.search(r'id="demander" class="bouton" href="([^"]+)"', path.read_text(encoding="utf-8")).group(1))
    mail = urlsplit(href)
    fields = parse_qs(mail.query)
    assert mail.path == "contact@example.re"
    assert fields["subject"][0].startswith("Demande de contrat de maintenance : proposition P-")
    body = fields["body"][0]
    # Frozen level 2 for the example: 409,00 € HT (see the table above), 443,77 € TTC (+ 8.5 %).
    assert "niveau 2, 409,00\u00a0€ HT par mois (443,77\u00a0€ TTC)" in body
    assert f"{BASE}/cal/proposition/?niveau=2&" in body and body.endswith("Cabinet : Cabinet Hoarau")


def test_an_address_dated_later_than_today_is_not_held_longer():
    """Editing `emise` in an address must not extend its prices: a date to come is refused
    (the day the proposal is read is used, with a notice)."""
    result = run("proposition", "--lien", f"{BASE}/cal/proposition/?postes=7&emise=2099-01-01&tarifs={VERSION}",
                 "--aujourdhui", "2027-01-20")
    assert result.returncode == 0, result.stderr
    assert "&emise=2027-01-20&" in result.stdout.splitlines()[0]
    assert "« emise » : 1er janvier 2099 est une date à venir ; date du jour utilisée." in result.stderr
