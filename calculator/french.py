"""French words and formats: the one way each kind of value is written, on every page, in
the worker's answers, on the command line and in notices.

    format_eur(Decimal("1234.5"))       "1 234,50 €"
    format_number(Decimal("1500"))      "1 500"         format_number(Decimal("5.5"))  "5,5"
    format_hours(Decimal("6.5"))        "6,5 h"         (to the hundredth, half-up)
    clock(510)                          "8 h 30"        clock(480) "8 h", clock(1440) "minuit"
    format_range(0, 100000)             "0 à 100 000"
    long_date(date(2027, 1, 1))         "1er janvier 2027"
    moment(datetime)                    "lundi 21 décembre à 7 h"

A no-break space groups thousands and sits before a unit, so that no amount, duration or
time ever wraps across two lines.
"""

from decimal import ROUND_HALF_UP, Decimal

from .money import plain_amount, plain_number

NBSP = "\u00a0"
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")
MODE_TEXT = {"sur_site_et_distanciel": "sur site et à distance", "distanciel": "à distance uniquement"}
HUNDREDTH = Decimal("0.01")


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def format_eur(amount: Decimal) -> str:
    """An amount, to the cent: 1234.5 -> "1 234,50 €"."""
    text = plain_amount(amount)
    sign = "-" if text.startswith("-") else ""
    units, cents = text.lstrip("-").split(".")
    return f"{sign}{_group_thousands(units)},{cents}{NBSP}€"


def format_number(value) -> str:
    """A quantity, exact and as short as it goes: 5.5 -> "5,5", 1500 -> "1 500"."""
    text = plain_number(Decimal(value))
    sign = "-" if text.startswith("-") else ""
    units, _, decimals = text.lstrip("-").partition(".")
    grouped = _group_thousands(units)
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def format_hours(hours: Decimal) -> str:
    """A duration in hours, to the hundredth half-up: 6.5 -> "6,5 h", 3.8333… -> "3,83 h"."""
    return f"{format_number(hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP))}{NBSP}h"


def format_range(minimum, maximum) -> str:
    """The bounds a value may take: "0 à 100 000"."""
    return f"{format_number(minimum)} à {format_number(maximum)}"


def clock(minutes: int) -> str:
    """A time of day, from minutes after midnight: 510 -> "8 h 30", 480 -> "8 h", 1440 -> "minuit"."""
    if minutes % 1440 == 0 and minutes:
        return "minuit"
    hours, rest = divmod(minutes % 1440, 60)
    return f"{hours}{NBSP}h{NBSP}{rest:02d}" if rest else f"{hours}{NBSP}h"


def time_of(moment) -> str:
    """The end of a span of time (a support window closes), as `clock` writes times: 00:00
    is the midnight that ends the day before, "minuit"."""
    minutes = moment.hour * 60 + moment.minute
    return clock(minutes or 1440)


def long_date(day) -> str:
    """date(2027, 1, 1) -> "1er janvier 2027": French writes the first of the month as 1er."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"


def moment(when) -> str:
    """datetime -> "lundi 21 décembre à 7 h" (at 00:00, "à 0 h": the start of that day)."""
    return (f"{DAY_NAMES[when.weekday()]} {when.day} {MONTH_NAMES[when.month - 1]} "
            f"à {clock(when.hour * 60 + when.minute)}")
