"""Money and quantity arithmetic: Decimal only, rounding written where amounts are fixed, and
the machine forms of amounts and quantities (JSON, links). French display: french.py."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
QUARTER = Decimal("0.25")


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
