"""French words the pages and notices share: days, months, support modes."""

DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")
MODE_TEXT = {"sur_site_et_distanciel": "sur site et à distance", "distanciel": "à distance uniquement"}


def clock(minutes: int) -> str:
    """510 -> "8 h 30", 480 -> "8 h", 1440 -> "minuit"."""
    if minutes % 1440 == 0 and minutes:
        return "minuit"
    hours, rest = divmod(minutes % 1440, 60)
    return f"{hours}\u00a0h\u00a0{rest:02d}" if rest else f"{hours}\u00a0h"


def long_date(day) -> str:
    """date(2027, 1, 1) -> "1er janvier 2027": French writes the first of the month as 1er."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"
