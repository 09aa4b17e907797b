"""Estimates and coverage as plain data: the CLI's JSON contract and the display model.

The display model carries every visible text already formatted in French, so that the page
rendered by build.py and the page updated in the browser show byte-identical figures.
"""

from . import french
from .french import MODE_TEXT, format_eur, format_hours, format_number
from .catalogue import BEYOND
from .labels import line_label
from .money import plain_amount, plain_number
from .hourly_assumption import hourly_assumption
from .options import option_notes
from .recommend import first_flat_level


def _plain_input(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return plain_number(value)


def inputs_json(inputs) -> dict:
    return {name: _plain_input(value) for name, value in inputs.items()}


def level_json(level, rules, inputs) -> dict:
    return {
        "total_ht": plain_amount(level.total_ht),
        "tva": plain_amount(level.vat),
        "total_ttc": plain_amount(level.total_ttc),
        "annuel_ht": plain_amount(level.annual_ht),
        "annuel_ttc": plain_amount(level.annual_ttc),
        "deplacement_par_visite": plain_amount(level.travel_per_visit),
        "lignes": [
            {"libelle": line_label(line), "quantite": plain_number(line.quantity),
             "prix_unitaire": plain_amount(line.unit_price), "montant": plain_amount(line.amount)}
            for line in level.lines
        ],
        # A chosen option this level does not price: "inclus" or "non_inclus", as the catalogue says.
        "options": [{"libelle": note["libelle"], "statut": note["statut"]}
                    for note in option_notes(rules, inputs, level.level)],
    }


def estimate_json(estimate, rules) -> dict:
    """The `devis --json` contract."""
    return {
        "niveaux": {str(number): level_json(level, rules, estimate.inputs) for number, level in estimate.levels.items()},
        "recommande": estimate.recommended,
        "raisons": list(estimate.reasons),
        "seuil_heures_niveau2": plain_amount(estimate.break_even_hours),
        "avis": list(estimate.notices),
        "entrees": inputs_json(estimate.inputs),
        "requete": estimate.query,
    }


def _badge(number: int, recommended: int, shown: int) -> str:
    if number == recommended:
        return "Recommandé"
    return "Niveau choisi" if number == shown else ""


def level_view(level, recommended: int, shown: int, rules, inputs) -> dict:
    return {
        "niveau": level.level,
        "badge": _badge(level.level, recommended, shown),
        "mis_en_avant": level.level == shown,
        "total_ht": format_eur(level.total_ht),
        "total_ht_valeur": plain_amount(level.total_ht),
        "tva": format_eur(level.vat),
        "total_ttc": format_eur(level.total_ttc),
        "total_ttc_valeur": plain_amount(level.total_ttc),
        "annuel_ht": format_eur(level.annual_ht),
        "annuel_ttc": format_eur(level.annual_ttc),
        "lignes": [
            {"libelle": line_label(line), "quantite": format_number(line.quantity),
             "prix_unitaire": format_eur(line.unit_price), "montant": format_eur(line.amount)}
            for line in level.lines
        ],
        "deplacement_par_visite": format_eur(level.travel_per_visit),
        # « Licences … : inclus »: a chosen option the level includes or does not offer, which
        # its cost lines would otherwise pass over in silence.
        "options": [note["texte"] for note in option_notes(rules, inputs, level.level)],
    }


def inputs_summary(inputs, rules) -> list:
    """[{libelle, valeur}]: the inputs in words, for the printed estimate."""
    rows = []
    for param in rules.catalogue.entries:
        value = inputs[param.name]
        if param.kind == "bool":
            shown = "oui" if value else "non"
        elif param.kind == "commune":
            shown = rules.commune(value).name
        elif value is None:
            shown = "recommandé" if param.kind == "level" else "estimation"
        elif param.kind == "decimal" or param.type == BEYOND:
            shown = f"{format_number(value)} {param.unit}"
        else:
            shown = format_number(value)     # the label says what is counted
        rows.append({"libelle": param.label, "valeur": shown})
    return rows


def _lower_first(text: str) -> str:
    """« Serveur / NAS » -> « serveur / NAS »: a rate card's row (singular) inside a sentence."""
    return text[:1].lower() + text[1:]


def brief_summary(inputs, rules) -> str:
    """« 7 postes, 1 serveur, 2 appareils d'imagerie, Saint-Paul »: the practice in one line (on a
    phone, above the figures): the first chart's count, what differs from the defaults, the
    commune; each named by its `en_bref`, else by its singular (or rate card row) and unit."""
    parts = []
    for entry in rules.catalogue.entries:
        value = inputs[entry.name]
        # The chart's count and the commune (its travel zone is priced) always; the level
        # consulted is not the practice's: the figure beside says which level it is.
        always = entry.name == rules.catalogue.chart_entry or entry.kind == "commune"
        if value is None or entry.kind == "level" or (value == entry.default and not always):
            continue
        if entry.kind == "bool":
            parts.append(entry.brief[0] if entry.brief else entry.label)
        elif entry.kind == "commune":
            parts.append(rules.commune(value).name)
        elif entry.kind == "decimal":
            parts.append(f"{format_number(value)} {entry.brief[1 if value >= 2 else 0] if entry.brief else entry.unit}")
        else:
            one, many = entry.brief or (entry.singular or _lower_first(entry.rate_label), entry.unit)
            parts.append(f"{format_number(value)} {one if value < 2 else many}")
    return ", ".join(parts)


def email(estimate, summary: list, company: str) -> dict:
    """« Envoyer par e-mail »: a subject and a body that stand on their own in a mailbox
    (inputs, the three totals, the recommended level); the page appends the estimate's link."""
    inputs = "\n".join(f"- {row['libelle']} : {row['valeur']}" for row in summary)
    totals = "\n".join(f"- Niveau {number} : {format_eur(level.total_ht)} HT par mois, "
                       f"{format_eur(level.total_ttc)} TTC" for number, level in estimate.levels.items())
    body = (f"Estimation de maintenance informatique, {company}.\n\n{inputs}\n\n{totals}\n\n"
            f"Niveau recommandé : niveau {estimate.recommended}.\n"
            f"Estimation indicative, ne vaut pas devis.\n\nLien de l'estimation : ")
    return {"sujet": f"Estimation de maintenance : niveau {estimate.recommended} recommandé", "corps": body}


def estimate_view(estimate, rules) -> dict:
    """Everything the /cal/ results show, formatted; the same dict feeds Jinja and the worker."""
    inputs, catalogue = estimate.inputs, rules.catalogue
    commune = rules.commune(inputs[catalogue.commune_entry().name])
    shown = inputs[catalogue.level_entry().name] or estimate.recommended
    hourly, flat = rules.hourly.level, first_flat_level(rules)
    others = [str(level) for level in rules.levels if level != hourly]
    flat_levels = f"au niveau {others[0]}" if len(others) == 1 else f"aux niveaux {', '.join(others[:-1])} et {others[-1]}"
    shown_level = estimate.levels[shown]
    summary = inputs_summary(inputs, rules)
    return {
        "niveaux": [level_view(level, estimate.recommended, shown, rules, inputs) for level in estimate.levels.values()],
        "recommande": estimate.recommended,
        "recommande_texte": f"niveau {estimate.recommended}",
        # Beside the recommendation, above the cards: on a phone the first figure met.
        "recommande_total": (f"{format_eur(estimate.levels[estimate.recommended].total_ht)} HT par mois, "
                             f"{format_eur(estimate.levels[estimate.recommended].total_ttc)} TTC"),
        "niveau_affiche": shown,
        # What a screen reader announces once the visitor pauses.
        "annonce": (f"Niveau {shown} : {format_eur(shown_level.total_ht)} HT par mois, "
                    f"{format_eur(shown_level.total_ttc)} TTC."),
        "raisons": list(estimate.reasons),
        "seuil": (f"Au-delà de {format_hours(estimate.break_even_hours)} d'assistance à distance par mois, "
                  f"le niveau {flat} revient moins cher que le niveau {hourly} facturé au temps passé."),
        # What the hourly level's figure assumes, in words: it drives the recommendation.
        "hypothese_niveau_1": hourly_assumption(rules, inputs),
        "deplacement": (f"Déplacement pour {commune.name} (zone {commune.zone}) : "
                        f"{format_eur(rules.travel[commune.zone])} HT par visite, compris dans l'estimation "
                        f"du niveau {hourly}, en sus du forfait {flat_levels}."),
        "tva_pourcent": format_number(rules.vat_percent),
        "avis": list(estimate.notices),
        "entrees": inputs_json(inputs),
        "resume": summary,
        "en_bref": brief_summary(inputs, rules),
        "courriel": email(estimate, summary, rules.texts.company.name),
        "requete": estimate.query,
    }


def coverage_json(status) -> dict:
    return {
        "ouvert": status.open,
        "mode": status.mode,
        "fermeture": status.closes.isoformat() if status.closes else None,
        "prochaine_ouverture": status.next_opening.isoformat() if status.next_opening else None,
        "jour_ferie": status.holiday,
    }


def coverage_view(level: int, status) -> dict:
    """A support status as shown to visitors, with the machine-readable hooks."""
    if status.open:
        text = f"Support joignable maintenant, {MODE_TEXT[status.mode]}, jusqu'à {french.time_of(status.closes)}."
    elif status.next_opening:
        text = f"Support fermé. Prochaine ouverture : {french.moment(status.next_opening)}."
    else:
        text = "Support fermé."
    if status.holiday:
        text += f" Jour férié : {status.holiday}."
    return {"niveau": level, "ouvert": status.open, "mode": status.mode or "", "texte": text}
