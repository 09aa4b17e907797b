"""« Questions fréquentes »: the questions a buyer asks, answered from the rules alone (support
hours, what is not included, travel zones and their communes, the contract's conditions). A
condition the business has not given is left out: no answer is ever guessed."""

from .french import format_eur
from .offer import STATUS_TEXT, hours_summary, schedule_lines


def _hours(rules) -> list:
    answers = []
    for level in rules.levels:
        lines = " ; ".join(f"{days} : {hours}" for days, hours in schedule_lines(rules.schedules[level]))
        answers.append(f"Niveau {level} ({hours_summary(rules, level)}) : {lines}.")
    return answers


def _not_included(rules) -> list:
    answers = []
    for level in rules.levels:
        statuses = rules.texts.levels[level].statuses
        parts = [f"{STATUS_TEXT[status].lower()} : {', '.join(a.short for a in rules.texts.attributes if statuses[a.key] == status)}"
                 for status in ("non_inclus", "temps_passe") if status in statuses.values()]
        answers.append(f"Niveau {level} : {' ; '.join(parts)}." if parts else f"Niveau {level} : tout est inclus.")
    return answers


def _zones(rules) -> list:
    by_zone = {}
    for commune in sorted(rules.communes, key=lambda commune: commune.name):
        by_zone.setdefault(commune.zone, []).append(commune.name)
    return [f"Zone {zone} ({format_eur(rules.travel[zone])} HT par visite) : {', '.join(by_zone.get(zone, []))}."
            for zone in sorted(rules.travel)]


def questions(rules) -> list:
    """[{question, reponses}] in the order a buyer asks them."""
    hourly = rules.hourly.level
    faq = [
        {"question": "Quels horaires, dimanches et jours fériés compris ?",
         "reponses": _hours(rules)},
        {"question": "Qu'est-ce qui n'est pas compris ?", "reponses": _not_included(rules)},
        {"question": "Quel déplacement pour ma commune ?",
         "reponses": [f"Au niveau {hourly}, chaque visite est facturée, temps sur site et déplacement ; aux autres "
                      "niveaux, le déplacement est facturé par visite, en plus du forfait mensuel.", *_zones(rules)]},
    ]
    faq += [{"question": condition.question, "reponses": [condition.text]} for condition in rules.contract.given()]
    return faq
