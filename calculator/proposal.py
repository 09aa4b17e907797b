"""The proposal (« Proposition de contrat de maintenance informatique »): one level of an
estimate, numbered, dated, priced with the price list of its issue date while it is valid.

Its address is the estimate's query with the level, the issue date (`emise`) and the version
of the price list (`tarifs`, rule_versions.py); the client block lives in the address's
fragment only (client.py). The same display model feeds the page in the browser and the
CLI's HTML, so a proposal prints the same figures wherever it is made.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from .estimate import estimate as estimate_inputs
from .french import format_eur, format_number, long_date
from .offer import STATUS_TEXT, hours_summary, schedule_lines
from .query import ISSUED, VERSION, parse_query, to_query
from .report import level_view
from .rule_versions import is_version
from .urlquery import quote, split_query

TITLE = "Proposition de contrat de maintenance informatique"
PATH = "cal/proposition/"
# A proposal number's code: Crockford's base 32, which has no I, L, O or U to misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class ProposalQuery:
    practice: str             # the estimate's parameters, as given
    issued: "date | None"
    version: "str | None"
    notices: tuple


def read_query(query: str) -> ProposalQuery:
    """A proposal's query -> the practice's part and the proposal's own two parameters; a bad
    date or version gets a French notice, and is then taken as not given."""
    text = query[1:] if query.startswith("?") else query
    practice, issued, version, notices = [], None, None, []
    for key, raw in split_query(text):
        if key == ISSUED:
            try:
                issued = date.fromisoformat(raw.strip()) if len(raw.strip()) == 10 else None
            except ValueError:
                issued = None
            if issued is None:
                notices.append(f"« {ISSUED} » : « {raw[:20]} » n'est pas une date (AAAA-MM-JJ) ; date du jour utilisée.")
        elif key == VERSION:
            version = raw.strip().lower() if is_version(raw.strip().lower()) else None
            if version is None:
                notices.append(f"« {VERSION} » : « {raw[:20]} » n'est pas une version des tarifs ; tarifs en vigueur utilisés.")
        else:
            practice.append(f"{key}={quote(raw)}")
    return ProposalQuery("&".join(practice), issued, version, tuple(notices))


def proposal_number(issued: date, version: str, practice_query: str) -> str:
    """« P-20261202-7KQ3M »: the issue date, then 25 bits of a digest of the price list's version
    and the practice's canonical inputs (its level included). The same proposal keeps its
    number wherever it is opened; another practice, day or price list gets another."""
    digest = int.from_bytes(hashlib.sha256(f"{issued.isoformat()}|{version}|{practice_query}".encode()).digest()[:4], "big")
    code = "".join(CODE_ALPHABET[(digest >> shift) & 31] for shift in (27, 22, 17, 12, 7))
    return f"P-{issued:%Y%m%d}-{code}"


def proposal_query(practice_query: str, issued: date, version: str) -> str:
    return f"{practice_query}&{ISSUED}={issued.isoformat()}&{VERSION}={version}"


def proposal_address(practice_query: str, issued: date, version: str) -> str:
    """The proposal's address from the site's root: PATH?query (the client block not included)."""
    return f"{PATH}?{proposal_query(practice_query, issued, version)}"


def practice_with_level(rules, estimate) -> str:
    """An estimate's canonical query with its level written: the level consulted, else the
    recommended one (as the proposal page picks it), so the proposal stays that level's."""
    level_name = rules.catalogue.level_entry().name
    inputs = estimate.inputs
    if inputs[level_name] is None:
        inputs = inputs.replace(**{level_name: estimate.recommended})
    return to_query(inputs, rules)


def _with_level(rules, query: str):
    """(inputs with the level set, their notices, the estimate): the level asked for, else the
    recommended one, written in the query so that the proposal stays that level's."""
    inputs, notices = parse_query(query, rules)
    level_name = rules.catalogue.level_entry().name
    estimate = estimate_inputs(rules, inputs, notices)
    if inputs[level_name] is None:
        inputs = inputs.replace(**{level_name: estimate.recommended})
        estimate = estimate_inputs(rules, inputs, notices)
    return inputs[level_name], estimate


def _level_terms(rules, level: int) -> dict:
    text = rules.texts.levels[level]
    groups = [{"statut": STATUS_TEXT[status],
               "noms": ", ".join(attribute.short for attribute in rules.texts.attributes
                                 if text.statuses[attribute.key] == status)}
              for status in STATUS_TEXT if status in text.statuses.values()]
    return {
        "niveau_titre": text.title,
        "nature": text.nature,
        "facturation": text.billing,
        "inclusions": groups,
        "horaires": [{"jours": days, "heures": hours} for days, hours in schedule_lines(rules.schedules[level])],
        "heures_semaine": hours_summary(rules, level),
        "regles_titre": text.rules_title or "",
        "regles": list(text.rules),
        "avertissement": text.warning or "",
    }


def _travel(rules, inputs, level: int) -> str:
    commune = rules.commune(inputs[rules.catalogue.commune_entry().name])
    fee = format_eur(rules.travel[commune.zone])
    if level == rules.hourly.level:
        return (f"Déplacement pour {commune.name} (zone {commune.zone}) : {fee} HT par visite, "
                "compris dans l'estimation au temps passé.")
    return f"Déplacement pour {commune.name} (zone {commune.zone}) : {fee} HT par visite, en sus du forfait mensuel."


def _request(number: str, level: int, figures: dict, company: str) -> dict:
    """« Demander cette proposition »: the e-mail's subject and body; the page appends the
    proposal's address and the client block, which only it knows."""
    return {"sujet": f"Demande de contrat de maintenance : proposition {number}, niveau {level}",
            "corps": (f"Bonjour,\n\nNous souhaitons donner suite à la proposition {number} de {company} : "
                      f"niveau {level}, {figures['total_ht']} HT par mois ({figures['total_ttc']} TTC).\n\n"
                      "Proposition : ")}


def proposal_view(query: str, today: date, current: tuple, held=None) -> dict:
    """The proposal's display model. `current` is (version, rules) of today's price list;
    `held` the proposal's own price list when it could be read (rule_history.PublishedVersion:
    its rules and the days it was current), else None. Valid until its date, and dated while
    its price list was current: priced with it. Expired, dated otherwise, or its price list
    lost: priced with today's, and the page says so where it is printed."""
    current_version, current_rules = current
    asked = read_query(query)
    notices = list(asked.notices)
    issued, version = asked.issued or today, asked.version or current_version
    if issued > today:
        notices.append(f"« {ISSUED} » : {long_date(issued)} est une date à venir ; date du jour utilisée.")
        issued = today
    own_rules = current_rules if version == current_version else held.rules if held else None
    # A price list is held only for a proposal issued while it was the site's: an address
    # whose date was edited to another day does not extend it.
    # Days, not instants: on the day one price list replaced another, either may be a proposal's.
    dated_within = held is None or (held.since <= issued and (held.until is None or issued <= held.until))
    valid_until = (own_rules or current_rules).contract.valid_until(issued)
    expired = today > valid_until
    lost = own_rules is None or not dated_within
    rules = current_rules if expired or lost else own_rules
    level, estimate = _with_level(rules, asked.practice)
    practice = to_query(estimate.inputs, rules)
    number = proposal_number(issued, version, practice)
    figures = level_view(estimate.levels[level], level, level, rules, estimate.inputs)
    notices += estimate.notices
    if expired:
        state = (f"Cette proposition était valable jusqu'au {long_date(valid_until)} : "
                 "montants aux tarifs en vigueur aujourd'hui.")
    elif lost:
        state = (f"Les tarifs du {long_date(issued)} de cette proposition (version {version}) sont introuvables "
                 "ou ne correspondent pas à sa date : montants aux tarifs en vigueur aujourd'hui.")
    else:
        state = f"Tarifs du {long_date(issued)}, maintenus jusqu'au {long_date(valid_until)}."
    before_after = ""
    if expired and not lost:
        old_level, old = _with_level(own_rules, asked.practice)
        before_after = (f"Total HT par mois : {format_eur(old.levels[old_level].total_ht)} aux tarifs du "
                        f"{long_date(issued)}, {figures['total_ht']} aux tarifs en vigueur.")
    return {
        "titre": TITLE,
        "numero": number,
        "niveau": level,
        "emise_le": long_date(issued),
        "valable_jusqu_au": long_date(valid_until),
        "expiree": expired or lost,         # the tarifs line then warns
        "tarifs": state,
        "avant_apres": before_after,
        "avis": notices,
        **{key: figures[key] for key in ("lignes", "total_ht", "tva", "total_ttc", "annuel_ht", "annuel_ttc")},
        "tva_pourcent": format_number(rules.vat_percent),
        "deplacement": _travel(rules, estimate.inputs, level),
        "options": figures["options"],
        **_level_terms(rules, level),
        "conditions": [{"intitule": condition.heading, "texte": condition.text} for condition in rules.contract.given()],
        "plus_de_details": rules.texts.company.more_details,
        "lien_prestations": rules.texts.company.offer_url,
        "adresse": proposal_address(practice, issued, version),
        "requete": practice,
        "demande": _request(number, level, figures, rules.texts.company.name),
    }
