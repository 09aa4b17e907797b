"""Who publishes the site and who hosts it (rules/identite.yaml), validated.

The pages show only the fields the business has filled; `missing` names the others, for the
build's log and CI's summary. Nothing here guesses a value. Build time and CLI only: the
browser never needs it (the pages carry it as rendered text).
"""

from dataclasses import dataclass
from pathlib import Path

from .load import DEFAULT_DIR, _parse_yaml, _shown_path, line_of
from .errors import RulesError
from .reader import Node, reject_unknown_keys

IDENTITY = "rules/identite.yaml"


@dataclass(frozen=True)
class Publisher:
    legal_name: str = ""
    legal_form: str = ""
    capital: str = ""
    siren: str = ""               # "732 829 320": grouped by three, as French documents print it
    rcs_town: str = ""
    registered_office: str = ""
    publication_director: str = ""
    email: str = ""


@dataclass(frozen=True)
class Host:
    name: str = ""
    address: str = ""
    website: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Identity:
    publisher: Publisher
    host: Host

    def registration(self) -> str:
        """« SIREN 732 829 320 RCS Saint-Denis », or "" when the SIREN is not given."""
        siren = self.publisher.siren
        return f"SIREN {siren} RCS {self.publisher.rcs_town}" if siren else ""


# Nothing known: what the pages show when no identity was read (the engine's own tests).
UNKNOWN_IDENTITY = Identity(Publisher(), Host())

# YAML key -> field, in the order the legal page lists them.
PUBLISHER_KEYS = {"denomination": "legal_name", "forme_juridique": "legal_form", "capital": "capital",
                  "siren": "siren", "rcs_ville": "rcs_town", "siege": "registered_office",
                  "directeur_publication": "publication_director", "courriel": "email"}
HOST_KEYS = {"nom": "name", "adresse": "address", "site": "website", "telephone": "phone"}


def luhn_valid(digits: str) -> bool:
    """The SIREN's check (INSEE): the Luhn sum of its 9 digits is a multiple of 10."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _siren(node: Node) -> str:
    # Written unquoted, YAML reads 542051180 as a number: the same SIREN.
    text = str(node.value) if isinstance(node.value, int) and not isinstance(node.value, bool) else node.optional_text()
    if not text:
        return ""
    digits = "".join(text.split())       # any space between the groups, no-break ones included
    if not (len(digits) == 9 and digits.isdigit() and digits != "000000000" and luhn_valid(digits)):
        node.fail("un SIREN : 9 chiffres dont la clé de Luhn est juste, par ex. « 732 829 320 »", text)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def _section(node: Node, keys: dict, kind, special=None) -> object:
    values = {}
    for key, field in keys.items():
        child = node[key]
        values[field] = (special or {}).get(key, Node.optional_text)(child)
    return kind(**values)


def parse_identity(raw) -> Identity:
    root = Node(IDENTITY, raw)
    root["source"].text()
    publisher = _section(root["editeur"], PUBLISHER_KEYS, Publisher, {"siren": _siren})
    # The registration reads « SIREN … RCS <town> »: one without the other is half a fact.
    if bool(publisher.siren) != bool(publisher.rcs_town):
        given, absent = ("siren", "rcs_ville") if publisher.siren else ("rcs_ville", "siren")
        root["editeur"][absent].fail(f"rempli avec editeur.{given}", '""')
    host = _section(root["hebergeur"], HOST_KEYS, Host)
    if not host.name:
        root["hebergeur"]["nom"].fail("le nom de l'hébergeur : le site est publié par un hébergeur")
    reject_unknown_keys(root)
    return Identity(publisher, host)


def load_identity(directory=DEFAULT_DIR) -> Identity:
    path = Path(directory) / Path(IDENTITY).name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(_shown_path(path), (), "un fichier de règles", "<fichier absent>") from None
    try:
        return parse_identity(_parse_yaml(text))
    except RulesError as error:
        raise error.located(_shown_path(path), line_of(text, error.path)) from None


def missing(identity: Identity) -> list:
    """« editeur.siren »…: the fields not filled yet, as the rules file names them."""
    names = []
    for section, keys, value in (("editeur", PUBLISHER_KEYS, identity.publisher),
                                 ("hebergeur", HOST_KEYS, identity.host)):
        names += [f"{section}.{key}" for key, field in keys.items() if not getattr(value, field)]
    return names


def facts_report(title: str, counted: str, names: list, markdown: bool = False) -> str:
    """What CI's summary and the build's log say while facts the business has not given are
    missing ("" once complete): `counted` follows their number (« champ(s) de … »)."""
    if not names:
        return ""
    listed = ", ".join(f"`{name}`" if markdown else name for name in names)
    heading = f"### {title}\n\n" if markdown else f"{title} : "
    return f"{heading}{len(names)} {counted} : {listed}. À compléter par l'entreprise (ne jamais deviner)."


def missing_report(identity: Identity, markdown: bool = False) -> str:
    return facts_report("Mentions légales incomplètes", f"champ(s) de {IDENTITY} non renseigné(s), absents des pages",
                        missing(identity), markdown)



def identity_parts(identity: Identity, trade_name: str) -> list:
    """The identity a price list carries (R123-237), filled fields only: the trade name, then
    the registered name and form, the capital, « SIREN … RCS … » and the registered office."""
    publisher = identity.publisher
    name = " ".join(part for part in (publisher.legal_name, publisher.legal_form) if part)
    parts = [name, f"au capital de {publisher.capital}" if publisher.capital else "", identity.registration(),
             f"siège : {publisher.registered_office}" if publisher.registered_office else ""]
    return [trade_name, *(part for part in parts if part)]
