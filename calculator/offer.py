"""What the offer pages show, derived from the rules: rate cards and support hours in French."""

import unicodedata

from .coverage import weekly_hours
from .french import DAY_NAMES, MODE_TEXT, MONTH_NAMES, clock, format_eur, format_hours, format_number, long_date
from .catalogue import BANDS, BEYOND
from .labels import band_label
from .rules import WEEKDAYS

DAY_ABBREVIATIONS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
STATUS_TEXT = {"inclus": "Inclus", "non_inclus": "Non inclus", "temps_passe": "Facturé au temps passé"}
# On the /cal/ cards, after the attribute's short name: (mark, words). The words say it; the
# mark, hidden from screen readers, lets the eye run down the list.
STATUS_MARK = {"inclus": ("✓", "inclus"), "non_inclus": ("✗", "non inclus"), "temps_passe": ("€", "au temps passé")}


def windows_text(windows) -> str:
    if not windows:
        return "fermé"
    parts = []
    for window in windows:
        text = f"{clock(window.start)} – {clock(window.end)}, {MODE_TEXT[window.mode]}"
        if window.on_call_mode:
            text += f" ({MODE_TEXT[window.on_call_mode]} pour le cabinet d'astreinte)"
        parts.append(text)
    return " ; ".join(parts)


def schedule_lines(schedule) -> list:
    """[(days, hours)]: consecutive weekdays with the same hours grouped, then public holidays."""
    lines, start = [], 0
    for index in range(1, len(WEEKDAYS) + 1):
        if index == len(WEEKDAYS) or schedule.days[index] != schedule.days[start]:
            days = DAY_ABBREVIATIONS[start] if index - 1 == start else f"{DAY_ABBREVIATIONS[start]}-{DAY_ABBREVIATIONS[index - 1]}"
            lines.append((days, windows_text(schedule.days[start])))
            start = index
    lines.append(("jours fériés", windows_text(schedule.public_holiday)))
    return lines


def price_list_date(rules) -> str:
    """The line every page that shows a price carries, so a printed or shared figure says
    which price list it comes from."""
    return f"Tarifs en vigueur au {long_date(rules.effective_date)}."


def _per_month(entry, price) -> str:
    per = f" / {entry.singular}" if entry.singular else ""
    return f"{format_eur(price)} HT{per} / mois"


def entry_rates(entry, terms) -> list:
    """[(label, price)]: one catalogue entry's rows on a level's rate card ([] when not priced)."""
    if not terms.priced:
        return []
    if entry.type == BANDS:
        return [(band_label(entry, band), _per_month(entry, band.price)) for band in terms.bands]
    if entry.type == BEYOND:
        label = entry.rate_label.format(inclus=format_number(terms.included),
                                        inclus_par=format_number(terms.included_per_unit),
                                        bloc=format_number(terms.block))
        return [(label, f"{format_eur(terms.price)} HT / mois")]
    return [(entry.rate_label, _per_month(entry, terms.price))]


def _travel_rows(rules, suffix: str) -> list:
    """One row per zone: a zone added, or a fee changed, is one line of `comparer`'s report."""
    return [(f"Déplacement par visite, zone {zone}{suffix}", f"{format_eur(rules.travel[zone])} HT")
            for zone in sorted(rules.travel)]


def travel_zones(rules, level: int) -> list:
    """[(label, fee, commune names)]: a level page's travel fees, each beside its communes."""
    suffix = "" if level == rules.hourly.level else ", hors forfait"
    return [(label, fee, sorted((c.name for c in rules.communes if c.zone == zone), key=_alphabetical))
            for zone, (label, fee) in zip(sorted(rules.travel), _travel_rows(rules, suffix))]


def _alphabetical(name: str) -> str:
    """« L'Étang-Salé » between « Les Avirons » and « Petite-Île », as a reader looks for it."""
    return "".join(char for char in unicodedata.normalize("NFD", name.casefold()) if not unicodedata.combining(char))


def rate_card(rules, level: int) -> list:
    """[(label, price)] for one level, as on the price list."""
    return base_rates(rules, level) + _travel_rows(rules, "" if level == rules.hourly.level else ", hors forfait")


def base_rates(rules, level: int) -> list:
    """The rate card without its travel fees (a level page gives those with their communes)."""
    rows = []
    if level == rules.hourly.level:
        rows += [("Assistance à distance", f"{format_eur(rules.hourly.remote_hour)} HT de l'heure"),
                 ("Intervention sur site", f"{format_eur(rules.hourly.onsite_hour)} HT de l'heure")]
    for entry in rules.catalogue.priced_lines_order():
        rows += entry_rates(entry, entry.levels[level])
    return rows


def comparison_rows(rules) -> list:
    """[(label, [cell per level])]: each priced entry of the catalogue as a row of the
    comparison table; a cell is a list of texts, its prices or its status."""
    rows = []
    for entry in rules.catalogue.priced_lines_order():
        name = entry.rate_label if entry.type not in (BANDS, BEYOND) else entry.label
        cells = []
        for level in rules.levels:
            terms = entry.levels[level]
            rates = entry_rates(entry, terms) or [(name, STATUS_TEXT[terms.status])]
            cells.append([price if label == name else f"{label} : {price}" for label, price in rates])
        rows.append((name, cells))
    return rows


def same_cells(values: list) -> list:
    """[(value, [level numbers])]: neighbouring levels with the same text share one cell of the
    comparison, so that a long text the same at levels 1 and 2 is read once, not twice."""
    cells = []
    for number, value in enumerate(values, start=1):
        if cells and cells[-1][0] == value:
            cells[-1][1].append(number)
        else:
            cells.append((value, [number]))
    return cells


def levels_named(numbers: list) -> str:
    """[1, 2] -> "Niveaux 1 et 2"; [3] -> "Niveau 3"."""
    if len(numbers) == 1:
        return f"Niveau {numbers[0]}"
    return "Niveaux " + ", ".join(map(str, numbers[:-1])) + f" et {numbers[-1]}"


def hours_summary(rules, level: int) -> str:
    return f"{format_hours(weekly_hours(rules.schedules[level]))} par semaine"


def week_rows(schedule) -> list:
    """The rows of the weekly coverage chart: each weekday, then public holidays, with the
    windows as fractions of the day (0 to 1) and their mode."""
    labels = [*DAY_ABBREVIATIONS, "fériés"]
    days = [*schedule.days, schedule.public_holiday]
    return [{"jour": label,
             "plages": [{"debut": window.start / 1440, "fin": window.end / 1440, "mode": window.mode,
                         "texte": f"{clock(window.start)} – {clock(window.end)}"} for window in windows]}
            for label, windows in zip(labels, days)]


def holidays_table(rules, calendar: dict) -> list:
    """[(date, weekday, name, [what each level offers that day])] for the pages."""
    rows = []
    for day, name in sorted(calendar.items()):
        shown = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
        rows.append((day.isoformat(), shown, name,
                     [windows_text(rules.schedules[level].public_holiday) for level in sorted(rules.schedules)]))
    return rows
