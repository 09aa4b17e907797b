"""Shared links: a query string in, valid Inputs and French notices out; and back.

Nothing here raises on bad input. Each value that cannot be used as given is replaced
(clamped, rounded or defaulted) and a notice names the parameter and the value used.
"""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from .french import format_number, format_range
from .money import CENT, plain_number
from .urlquery import quote, split_query

# A proposal's own parameters (proposal.py): its issue date and its price list. Its address
# opens the same practice's estimate, so an estimate reads them as no inputs, without a word.
ISSUED, VERSION = "emise", "tarifs"
PROPOSAL_PARAMS = (ISSUED, VERSION)
MAX_VALUE_LENGTH = 40   # longer values are not numbers anyone meant to send
# Compared lower-cased: OUI, Yes and TRUE are yes too.
TRUE_WORDS = ("1", "oui", "true", "on", "vrai", "yes")
FALSE_WORDS = ("0", "non", "false", "off", "faux", "no", "")
# Spaces people and programs put between thousands: a plain space, a no-break space, and the
# narrow no-break space that CLDR's French format writes (Intl.NumberFormat('fr-FR')).
THOUSANDS_SPACES = (" ", "\u00a0", "\u202f")


def _shown(raw: str) -> str:
    """A raw value as quoted in a notice: trimmed, control characters dropped."""
    clean = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    return clean if len(clean) <= MAX_VALUE_LENGTH else clean[:MAX_VALUE_LENGTH] + "…"


DIGITS = frozenset("0123456789")


def _number(raw: str) -> "Decimal | None":
    """A number as people write it: "7", "-3", "2,5", "1 500" (ASCII digits, a dot or a comma).
    Exponents, underscores and other scripts' digits are refused rather than guessed."""
    text = raw.strip()
    for space in THOUSANDS_SPACES:
        text = text.replace(space, "")
    text = text.replace(",", ".")
    if not text or len(text) > MAX_VALUE_LENGTH:
        return None
    units, _, decimals = (text[1:] if text[0] in "+-" else text).partition(".")
    if not units or not set(units) <= DIGITS or not set(decimals) <= DIGITS or (_ and not decimals):
        return None
    return Decimal(text)


def _default_text(param) -> str:
    if param.default is None:
        return "aucun (niveau recommandé)" if param.kind == "level" else "aucune (estimation)"
    return str(param.default)


def _parse_number(param, raw: str, notices: list):
    number = _number(raw)
    if number is None:
        if raw.strip() == "" and param.default is None:
            return None     # an empty optional field means "not given"
        problem = "est vide" if raw.strip() == "" else f": « {_shown(raw)} » n'est pas un nombre"
        notices.append(f"« {param.name} » {problem} ; valeur par défaut {_default_text(param)} utilisée.")
        return param.default
    if number < param.minimum or number > param.maximum:
        clamped = min(max(number, param.minimum), param.maximum)
        notices.append(f"« {param.name} » : {_shown(raw)} est hors limites "
                       f"({format_range(param.minimum, param.maximum)}) ; {format_number(clamped)} utilisé.")
        number = clamped
    step = Decimal(1) if param.kind in ("int", "level") else CENT
    rounded = number.quantize(step, rounding=ROUND_HALF_UP)
    if rounded != number:
        notices.append(f"« {param.name} » : {_shown(raw)} arrondi à {format_number(rounded)}.")
    if param.kind in ("int", "level"):
        return int(rounded)
    return Decimal(plain_number(rounded))


def _parse_flag(param, raw: str, notices: list) -> bool:
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    notices.append(f"« {param.name} » : « {_shown(raw)} » n'est ni 0 ni 1 ; {int(param.default)} utilisé.")
    return param.default


def slugify(text: str) -> str:
    """"L'Étang-Salé" -> "l-etang-sale": how a hand-typed commune is matched to a slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)


def _parse_commune(param, raw: str, rules, notices: list) -> str:
    commune = rules.commune(slugify(raw[:100]))
    if commune is None:
        default = rules.commune(param.default)
        notices.append(f"« {param.name} » : « {_shown(raw)} » n'est pas une commune de La Réunion ; "
                       f"{default.name} utilisée.")
        return default.slug
    return commune.slug


def _parse_value(param, raw: str, rules, notices: list):
    if param.kind == "bool":
        return _parse_flag(param, raw, notices)
    if param.kind == "commune":
        return _parse_commune(param, raw, rules, notices)
    return _parse_number(param, raw, notices)


def parse_query(query: str, rules):
    """A query string ("?postes=7&commune=saint-paul") -> (Inputs, list of French notices)."""
    notices, values, seen = [], {}, set()
    text = query[1:] if query.startswith("?") else query
    for key, raw in split_query(text):
        param = rules.catalogue.entry(key)
        if param is None and key in PROPOSAL_PARAMS:
            continue
        if param is None:
            notices.append(f"Paramètre inconnu « {_shown(key)} » ignoré." if key.strip()
                           else "Paramètre sans nom ignoré.")
            continue
        if key in seen:
            notices.append(f"« {key} » est donné plusieurs fois ; la dernière valeur est retenue.")
        seen.add(key)
        values[key] = _parse_value(param, raw, rules, notices)
    return rules.catalogue.inputs(**values), notices


def _query_value(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return plain_number(value)
    return str(value)


def to_query(inputs, rules) -> str:
    """The canonical query string: the catalogue's order, values that differ from the default only."""
    return "&".join(f"{entry.name}={quote(_query_value(inputs[entry.name]))}" for entry in rules.catalogue.entries
                    if inputs[entry.name] != entry.default)
