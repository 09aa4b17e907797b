"""Money and quantity helpers: Decimal only, rounding written where amounts are fixed."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
QUARTER = Decimal("0.25")
# French typography: a no-break space groups thousands and sits before the euro sign,
# so an amount never wraps across two lines.
NBSP = "\u00a0"


def to_cents(amount: Decimal) -> Decimal:
    """Fix an amount to the cent, half-up (0.005 -> 0.01), as on an invoice."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def up_to_quarter(hours: Decimal) -> Decimal:
    """Round hours up to the next quarter hour (6.29 -> 6.50)."""
    return ((hours / QUARTER).to_integral_value(rounding=ROUND_CEILING) * QUARTER).quantize(CENT)


def plain_amount(amount: Decimal) -> str:
    """The machine form of an amount: two decimals, dot, no grouping ("1234.50")."""
    return f"{to_cents(amount):f}"


def plain_number(value: Decimal) -> str:
    """The shortest exact decimal form of a quantity ("5.5", "7", "0.15")."""
    if value == 0:
        return "0"      # also for -0
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def format_eur(amount: Decimal) -> str:
    """French display of an amount: 1234.5 -> "1 234,50 €"."""
    text = plain_amount(amount)
    sign = "-" if text.startswith("-") else ""
    units, cents = text.lstrip("-").split(".")
    return f"{sign}{_group_thousands(units)},{cents}{NBSP}€"


def format_number(value: Decimal) -> str:
    """French display of a quantity: 5.5 -> "5,5", 1500 -> "1 500"."""
    text = plain_number(value)
    sign = "-" if text.startswith("-") else ""
    units, _, decimals = text.lstrip("-").partition(".")
    grouped = _group_thousands(units)
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def format_hours(hours: Decimal) -> str:
    """French display of a duration in hours: 6.5 -> "6,50 h"."""
    units, cents = plain_amount(hours).split(".")
    return f"{_group_thousands(units)},{cents}{NBSP}h"
