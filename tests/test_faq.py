"""« Questions fréquentes » on /prestations/: answered from the rules, a condition the business
has not given left out, a condition given published as written."""

import re
from html import unescape

import build

from .frozen import edited_rules

ALWAYS = ["Quels horaires, dimanches et jours fériés compris ?", "Qu'est-ce qui n'est pas compris ?",
          "Quel déplacement pour ma commune ?"]


def faq(site) -> dict:
    """{question: [answers]} of the page's « Questions fréquentes »."""
    html = (site / "prestations" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="questions"'):]
    section = section[:section.index("</section>")]
    return {unescape(question): [unescape(answer) for answer in re.findall(r"<li>(.*?)</li>", answers)]
            for question, answers in re.findall(r"<summary>(.*?)</summary>\s*<ul>(.*?)</ul>", section, re.S)}


def test_without_conditions_only_what_the_rules_say(built_site):
    questions = faq(built_site)
    assert list(questions) == ALWAYS          # the frozen conditions are all empty
    zones = questions[ALWAYS[2]]
    # Frozen communes.yaml and pricing.yaml: Saint-Pierre is in zone 3, 70 € a visit.
    assert any(answer.startswith("Zone 3 (70,00\u00a0€ HT par visite)") and "Saint-Pierre" in answer for answer in zones)
    assert "Niveau 3 : facturé au temps passé : Déplacement, matériel hors garantie." in questions[ALWAYS[1]]


def test_a_condition_given_is_answered_and_the_others_stay_absent(tmp_path):
    rules = edited_rules(tmp_path / "rules", "conditions.yaml",
                         'question: "Quel préavis pour résilier ?"\n    texte: ""',
                         'question: "Quel préavis pour résilier ?"\n    texte: "Trois mois, par lettre recommandée."')
    build.build(tmp_path / "dist", rules_dir=rules)
    questions = faq(tmp_path / "dist")
    assert list(questions) == [*ALWAYS, "Quel préavis pour résilier ?"]
    assert questions["Quel préavis pour résilier ?"] == ["Trois mois, par lettre recommandée."]
