"""The level billed by the hour has no fee: its figure is an assumption of hours and visits.
Said in words beside the recommendation it drives, from the rules (what each workstation,
server or device adds), so that a sceptical reader can check it and give their own hours."""

from decimal import Decimal

from .catalogue import LEVEL1_HOURS, LEVEL1_VISITS
from .french import format_hours, format_number
from .pricing import level1_hours, level1_visits


def _visits(count: Decimal) -> str:
    return f"{format_number(count)} visite{'s' if count >= 2 else ''} sur site"


def _per_unit(entry, terms) -> str:
    # As the one-line summary of a link names one unit (report.brief_summary).
    one = entry.brief[0] if entry.brief else entry.singular or entry.rate_label[:1].lower() + entry.rate_label[1:]
    parts = [f"{format_hours(terms.hours)} à distance" if terms.hours else "",
             _visits(terms.visits) if terms.visits else ""]
    return f"{' et '.join(part for part in parts if part)} par {one}"


def hourly_assumption(rules, inputs) -> str:
    """« Estimation du niveau 1, par mois : 0,5 h à distance et 0,15 visite sur site par poste ; … Pour
    ce cabinet : 3,5 h à distance et 0,9 visite sur site. », or what the visitor gave instead."""
    level = rules.hourly.level
    hours_entry, visits_entry = rules.catalogue.with_role(LEVEL1_HOURS), rules.catalogue.with_role(LEVEL1_VISITS)
    given = [entry for entry in (hours_entry, visits_entry) if entry is not None and inputs[entry.name] is not None]
    totals = f"{format_hours(level1_hours(rules, inputs))} à distance et {_visits(level1_visits(rules, inputs))}"
    if len(given) == 2:
        return f"Niveau {level} calculé avec vos chiffres, par mois : {totals}."
    units = [_per_unit(entry, entry.levels[level]) for entry in rules.catalogue.entries
             if entry.levels and (entry.levels[level].hours or entry.levels[level].visits)]
    mixed = " (en partie vos chiffres)" if given else ""
    return f"Estimation du niveau {level}, par mois : {' ; '.join(units)}. Pour ce cabinet{mixed} : {totals}."
