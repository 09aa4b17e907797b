"""What the offer pages show, derived from the rules: rate cards and support hours in French."""

from .coverage import weekly_hours
from .french import DAY_NAMES, MODE_TEXT, MONTH_NAMES, clock, format_eur, format_hours, format_number, long_date
from .labels import FIXED, band_label
from .rules import WEEKDAYS

DAY_ABBREVIATIONS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
STATUS_TEXT = {"inclus": "Inclus", "non_inclus": "Non inclus", "temps_passe": "Facturé au temps passé"}


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


def rate_card(rules, level: int) -> list:
    """[(label, price)] for one level, as on the price list."""
    travel = " / ".join(format_eur(rules.travel[zone]) for zone in sorted(rules.travel))
    if level == 1:
        return [
            ("Assistance à distance", f"{format_eur(rules.level1.remote_hour)} HT de l'heure"),
            ("Intervention sur site", f"{format_eur(rules.level1.onsite_hour)} HT de l'heure"),
            ("Déplacement par visite (zones 1 / 2 / 3)", f"{travel} HT"),
        ]
    paid = rules.paid[level]
    backup = paid.backup
    rows = [(FIXED["forfait_site"], f"{format_eur(paid.site_fee)} HT / mois")]
    rows += [(band_label(band), f"{format_eur(band.price)} HT / poste / mois") for band in paid.bands]
    rows += [
        ("Serveur / NAS", f"{format_eur(paid.server)} HT / mois"),
        ("Appareil d'imagerie médicale", f"{format_eur(paid.imaging)} HT / mois"),
        ("Licence Microsoft 365 Apps supplémentaire (une par poste incluse)", f"{format_eur(paid.extra_licence)} HT / mois"),
        (f"Sauvegarde en ligne incluse : {format_number(backup.included_gb)} Go + "
         f"{format_number(backup.included_per_workstation_gb)} Go par poste ; au-delà, "
         f"par tranche de {format_number(backup.block_gb)} Go", f"{format_eur(backup.block_price)} HT / mois"),
        ("Déplacement par visite (zones 1 / 2 / 3), hors forfait", f"{travel} HT"),
    ]
    return rows


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
