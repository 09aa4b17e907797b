"""The offer's catalogue (rules/offre.yaml) as typed, validated objects.

Each entry is one input of the calculator (link parameter, form field, CLI flag) and, when
it is priced, what it costs at each level. Everything that lists inputs or prices items
reads this: the link parser, the engine, the rate cards, the pages, the CLI, the tests.
"""

from dataclasses import dataclass
from decimal import Decimal

from .inputs import Inputs
from .reader import Node

CATALOGUE = "rules/offre.yaml"
STATUSES = ("inclus", "non_inclus", "temps_passe")

# The entry types of offre.yaml, as the business writes them.
LEVEL, COMMUNE = "niveau", "commune"
PER_UNIT, BANDS, BEYOND, YES_NO, NUMBER = "par_unite", "paliers", "au_dela", "oui_non", "nombre"
TYPES = (LEVEL, COMMUNE, PER_UNIT, BANDS, BEYOND, YES_NO, NUMBER)
# Whole numbers within a range, which must say at every level a price or a status.
COUNTS = (PER_UNIT, BANDS, BEYOND)
# Flags of the command line (calculator/cli.py): a parameter named so would take their place.
CLI_FLAGS = ("regles", "json", "base", "fichier", "avant", "markdown", "date", "annee", "help", "h")
# What the form, the parser and the CLI know of a value: its shape, whatever prices it.
VALUE_KIND = {LEVEL: "level", COMMUNE: "commune", PER_UNIT: "int", BANDS: "int", BEYOND: "int",
              YES_NO: "bool", NUMBER: "decimal"}

# Roles: what the engine reads an entry for, beside its price, with the type it must have.
ON_CALL, LEVEL1_HOURS, LEVEL1_VISITS = "astreinte", "heures_niveau_1", "visites_niveau_1"
ROLES = {ON_CALL: YES_NO, LEVEL1_HOURS: NUMBER, LEVEL1_VISITS: NUMBER}


@dataclass(frozen=True)
class Band:
    first: int            # first unit in the band (1-based)
    last: "int | None"    # last unit, None for open-ended
    price: Decimal


@dataclass(frozen=True)
class BandLabels:
    """The cost lines of graduated bands: {de} the band's first unit, {a} its last."""
    range: str
    single: str
    last: str


@dataclass(frozen=True)
class Terms:
    """What one entry is at one level: a price (per unit, by bands or per started block beyond
    an allowance) or a status; at the level billed by the hour, what one unit adds to the
    expected spend."""
    status: "str | None" = None           # one of STATUSES when not priced
    price: "Decimal | None" = None        # per unit (or per block) per month
    bands: tuple = ()
    included: Decimal = Decimal(0)            # au_dela: the allowance of every practice
    included_per_unit: Decimal = Decimal(0)   # au_dela: and per unit of the entry `included_per`
    block: "Decimal | None" = None
    hours: Decimal = Decimal(0)               # remote hours per month, per unit
    visits: Decimal = Decimal(0)              # on-site visits per month, per unit

    @property
    def priced(self) -> bool:
        return self.price is not None or bool(self.bands)


@dataclass(frozen=True)
class Entry:
    name: str                 # the link parameter
    type: str                 # one of TYPES
    label: str                # the form's
    line_label: str           # the cost line's (au_dela: a template of {inclus} and {bloc})
    rate_label: str           # the rate card's
    unit: str = ""
    singular: str = ""
    brief: tuple = ()                     # (one, many) in the one-line summary of a link: « appareil d'imagerie »
    minimum: "Decimal | None" = None
    maximum: "Decimal | None" = None
    default: object = None
    per: "str | None" = None              # oui_non: the count its price is multiplied by
    included_per: "str | None" = None     # au_dela: the count each unit of which adds to the allowance
    first_line: bool = False
    role: "str | None" = None
    band_labels: "BandLabels | None" = None
    levels: dict = None                   # level number -> Terms (empty for what is not priced)
    refine: bool = False                  # asked under « Affiner l'estimation », folded: few practices know it
    help: str = ""                        # one line under its field

    @property
    def kind(self) -> str:
        return VALUE_KIND[self.type]


@dataclass(frozen=True)
class Catalogue:
    entries: tuple            # of Entry, in the form's and the links' order
    chart_entry: str          # the count the first cost chart grows

    def entry(self, name: str) -> "Entry | None":
        for entry in self.entries:
            if entry.name == name:
                return entry
        return None

    def of_type(self, type_: str) -> "Entry | None":
        return next((entry for entry in self.entries if entry.type == type_), None)

    def with_role(self, role: str) -> "Entry | None":
        return next((entry for entry in self.entries if entry.role == role), None)

    def commune_entry(self) -> Entry:
        return self.of_type(COMMUNE)

    def level_entry(self) -> Entry:
        return self.of_type(LEVEL)

    def names(self) -> tuple:
        return tuple(entry.name for entry in self.entries)

    def inputs(self, **values) -> Inputs:
        """Inputs with these values and every other parameter at its default."""
        unknown = set(values) - set(self.names())
        if unknown:
            raise KeyError(f"no such parameter: {', '.join(sorted(unknown))}")
        return Inputs({entry.name: values.get(entry.name, entry.default) for entry in self.entries})

    def priced_lines_order(self) -> tuple:
        """The priced entries in the order of the cost lines: those marked en_tete first."""
        priced = [entry for entry in self.entries if entry.levels]
        return tuple([entry for entry in priced if entry.first_line] + [e for e in priced if not e.first_line])


# Reading ---------------------------------------------------------------------------------

def _bands(node: Node) -> tuple:
    bands, first = [], 1
    items = node.list(min_length=1)
    for index, item in enumerate(items):
        up_to = item["jusqu_a"]
        if index == len(items) - 1:
            if up_to.value is not None:
                up_to.fail("null (la dernière tranche est ouverte)")
            last = None
        else:
            last = up_to.integer(minimum=first)
        bands.append(Band(first, last, item["prix"].amount()))
        first = (last or 0) + 1
    return tuple(bands)


def _terms(node: Node, entry_type: str, hourly: bool, has_included_per: bool) -> Terms:
    """One level's terms of an entry: a statut, or the price its type asks for."""
    extra = {}
    if hourly and entry_type in (PER_UNIT, BANDS, YES_NO):
        extra = {"hours": node["heures"].ratio() if node.has("heures") else Decimal(0),
                 "visits": node["visites"].ratio() if node.has("visites") else Decimal(0)}
    if node.has("statut"):
        return Terms(status=node["statut"].choice(STATUSES), **extra)
    if entry_type == BANDS:
        return Terms(bands=_bands(node["paliers"]), **extra)
    if entry_type == BEYOND:
        block = node["bloc"].decimal("une taille de bloc > 0")
        if block <= 0:
            node["bloc"].fail("une taille de bloc > 0")
        return Terms(price=node["prix"].amount(), included=node["inclus"].ratio(),
                     included_per_unit=node["inclus_par_unite"].ratio() if has_included_per else Decimal(0),
                     block=block)
    return Terms(price=node["prix"].amount(), **extra)


def _levels(node: Node, entry_type: str, levels: tuple, hourly_level: int, has_included_per: bool) -> dict:
    """Level number -> Terms; a priced type states every level, in the levels' order."""
    if not node.has("niveaux"):
        if entry_type in COUNTS:
            node.fail(f"un prix ou un statut à chaque niveau ({', '.join(map(str, levels))})", "<absent>", "niveaux")
        return {}
    if entry_type in (LEVEL, COMMUNE, NUMBER):
        node["niveaux"].fail(f"pas de niveaux (une entrée de type {entry_type} ne coûte rien)")
    given, seen = node["niveaux"], set()
    for key, item in given.items():
        if str(key) in seen:
            item.fail("chaque niveau une seule fois", str(key))
        seen.add(str(key))
        if key not in levels:       # '2' in quotes is a text, not the level 2
            item.fail(f"un niveau de rules/levels.yaml, écrit comme un nombre ({', '.join(map(str, levels))})", str(key))
    return {level: _terms(given[level], entry_type, level == hourly_level, has_included_per) for level in levels}


def _name(node: Node) -> str:
    name = node.text()
    if not (name.isascii() and name.replace("_", "").isalnum() and name == name.lower() and name[0].isalpha()):
        node.fail("un paramètre de lien en minuscules, chiffres et _, commençant par une lettre")
    if name in CLI_FLAGS:
        node.fail("un paramètre de lien qui n'est pas une option de la ligne de commande (" + ", ".join(CLI_FLAGS) + ")")
    return name


def _range(node: Node, entry_type: str, levels: tuple):
    """(minimum, maximum, default) of an entry, the default within the range."""
    if entry_type == LEVEL:     # the levels of levels.yaml; no default: the recommended one
        return Decimal(levels[0]), Decimal(levels[-1]), None
    if entry_type == COMMUNE:
        return None, None, node["defaut"].text()
    if entry_type == YES_NO:
        return None, None, node["defaut"].flag() if node.has("defaut") else False
    if entry_type == NUMBER:
        low, high = node["min"].ratio(), node["max"].ratio()
        default = None if node["defaut"].value is None else node["defaut"].ratio()
    else:
        low, high = Decimal(node["min"].integer(minimum=0)), Decimal(node["max"].integer(minimum=0))
        default = node["defaut"].integer()
    if high < low:
        node["max"].fail(f"un maximum au moins égal au minimum {low}")
    if default is not None and not low <= default <= high:
        node["defaut"].fail(f"une valeur par défaut entre min et max ({low} à {high})")
    return low, high, default


def _texts(node: Node, entry_type: str):
    label = node["libelle"].text()
    line_fields = ("inclus", "bloc") if entry_type == BEYOND else ()
    rate_fields = (("inclus", "inclus_par", "bloc") if node.has("inclus_par") else ("inclus", "bloc")) \
        if entry_type == BEYOND else ()
    line = node["libelle_ligne"].template(*line_fields) if node.has("libelle_ligne") else label
    if entry_type == BEYOND and not node.has("libelle_ligne"):
        node.fail("un libellé de ligne fait de {inclus} et {bloc}", "<absent>", "libelle_ligne")
    rate = node["libelle_tarif"].template(*rate_fields) if node.has("libelle_tarif") else line
    return label, line, rate


def _count_reference(node: Node, key: str, counts: dict) -> "str | None":
    """A key naming another entry of the catalogue, a count (par, inclus_par)."""
    if not node.has(key):
        return None
    name = node[key].text()
    if name not in counts:
        node[key].fail("un comptage de ce catalogue: " + ", ".join(counts), name)
    return name


def _entry(node: Node, levels: tuple, hourly_level: int, counts: dict) -> Entry:
    entry_type = node["type"].choice(TYPES)
    label, line, rate = _texts(node, entry_type)
    low, high, default = _range(node, entry_type, levels)
    role = node["role"].choice(tuple(ROLES)) if node.has("role") else None
    if role and ROLES[role] != entry_type:
        node["role"].fail(f"un rôle du bon type ({role} va avec le type {ROLES[role]})", role)
    per = _count_reference(node, "par", counts) if entry_type == YES_NO else None
    if per and not node.has("singulier"):
        node.fail(f"un singulier : la grille dit « HT / <singulier> / mois » pour un prix par {per}",
                  "<absent>", "singulier")
    if entry_type in (*COUNTS, NUMBER) and not node.has("unite"):
        node.fail("une unite : ce qui est compté, à côté du champ (« postes », « Go »)", "<absent>", "unite")
    included_per = _count_reference(node, "inclus_par", counts) if entry_type == BEYOND else None
    band_labels = None
    if entry_type == BANDS:
        names = node["libelles_paliers"]
        band_labels = BandLabels(names["plage"].template("de", "a"), names["seul"].template("de"),
                                 names["dernier"].template("de"))
    refine = node["affiner"].flag() if node.has("affiner") else False
    if refine and not node.has("aide"):
        node.fail("une aide : une ligne sous le champ, qui dit à quoi il sert", "<absent>", "aide")
    brief = ()
    if node.has("en_bref"):
        words = node["en_bref"]
        brief = (words["un"].text(), words["plusieurs"].text()) if entry_type != YES_NO else (words["oui"].text(),)
    return Entry(
        name=_name(node["parametre"]), type=entry_type, label=label, line_label=line, rate_label=rate,
        unit=node["unite"].text() if node.has("unite") else "",
        singular=node["singulier"].text() if node.has("singulier") else "", brief=brief,
        minimum=low, maximum=high, default=default, per=per, included_per=included_per,
        first_line=node["en_tete"].flag() if node.has("en_tete") else False, role=role, band_labels=band_labels,
        levels=_levels(node, entry_type, levels, hourly_level, included_per is not None),
        refine=refine, help=node["aide"].text() if node.has("aide") else "",
    )


def parse_catalogue(node: Node, levels: tuple, hourly_level: int) -> Catalogue:
    """The catalogue, each entry checked against the others and against the levels."""
    items = node["entrees"].list(min_length=1)
    # `par` and `inclus_par` may name a count listed later: read the names and types first.
    counts = {}
    for item in items:
        if item.has("type") and item["type"].value in COUNTS and item.has("parametre"):
            counts[str(item["parametre"].value)] = item
    entries, seen = [], {}
    for item in items:
        entry = _entry(item, levels, hourly_level, counts)
        if entry.name in seen:
            item["parametre"].fail("un paramètre de lien présent une seule fois (un lien ne saurait pas lequel il règle)", entry.name)
        if entry.role and any(other.role == entry.role for other in entries):
            item["role"].fail(f"un rôle tenu par une seule entrée ({entry.role})", entry.role)
        seen[entry.name] = entry
        entries.append(entry)
    for type_ in (COMMUNE, LEVEL):     # the travel fee and the level shown need one each
        if sum(entry.type == type_ for entry in entries) != 1:
            node["entrees"].fail(f"exactement une entrée de type {type_}", f"{sum(e.type == type_ for e in entries)}")
    chart = node["graphique_selon"].text()
    if chart not in counts:
        node["graphique_selon"].fail("un comptage de ce catalogue: " + ", ".join(counts), chart)
    return Catalogue(tuple(entries), chart)
