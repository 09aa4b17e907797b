"""The business rules as typed, validated objects.

`parse_rules` takes the raw data of each rules file (from YAML at build time, from the JSON
copy in the browser) and returns `Rules`, or raises RulesError naming file, key path,
expected and found. No I/O here: see `load.py` for reading files.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .inputs import DEFAULT_COMMUNE
from .reader import Node, reject_unknown_keys

PRICING = "rules/pricing.yaml"
COMMUNES = "rules/communes.yaml"
HOURS = "rules/hours.yaml"
LEVELS = "rules/levels.yaml"
RECOMMENDATION = "rules/recommendation.yaml"
PRESETS = "rules/presets.yaml"
RULES_FILES = (PRICING, COMMUNES, HOURS, LEVELS, RECOMMENDATION, PRESETS)

LEVEL_NUMBERS = (1, 2, 3)
PAID_LEVELS = (2, 3)
ZONES = (1, 2, 3)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MODES = ("sur_site_et_distanciel", "distanciel")
STATUSES = ("inclus", "non_inclus", "temps_passe")


@dataclass(frozen=True)
class Band:
    first: int            # first workstation in the band (1-based)
    last: "int | None"    # last workstation, None for open-ended
    price: Decimal


@dataclass(frozen=True)
class Backup:
    included_gb: Decimal
    included_per_workstation_gb: Decimal
    block_gb: Decimal
    block_price: Decimal


@dataclass(frozen=True)
class PaidLevel:
    site_fee: Decimal
    bands: tuple
    server: Decimal
    imaging: Decimal
    extra_licence: Decimal
    backup: Backup


@dataclass(frozen=True)
class Level1Rates:
    remote_hour: Decimal
    onsite_hour: Decimal
    hours_per_workstation: Decimal
    hours_per_server: Decimal
    hours_per_imaging: Decimal
    visits_per_device: Decimal
    hours_per_visit: Decimal


@dataclass(frozen=True)
class Commune:
    slug: str
    name: str
    zone: int
    aliases: tuple


@dataclass(frozen=True)
class Window:
    start: int            # minutes after midnight, included
    end: int              # minutes after midnight, excluded
    mode: str
    on_call_mode: "str | None"


@dataclass(frozen=True)
class Schedule:
    priority: bool
    days: tuple           # seven tuples of Window, Monday first
    public_holiday: tuple


@dataclass(frozen=True)
class Preset:
    slug: str
    name: str
    description: str
    query: str            # canonical query string of its inputs


@dataclass(frozen=True)
class Company:
    name: str
    phone: str
    phone_link: str           # the number as a tel: link wants it
    offer_url: str
    calculator_url: str
    more_details: str
    calculator_call: str
    estimate_validity: str


@dataclass(frozen=True)
class Attribute:
    key: str
    name: str


@dataclass(frozen=True)
class LevelText:
    title: str
    nature: str
    availability: str
    billing: str
    details: tuple
    scope: str
    statuses: dict            # attribute key -> one of STATUSES
    rules_title: "str | None" = None    # level 3's rules of conduct, and what breaking them costs
    rules: tuple = ()
    warning: "str | None" = None


@dataclass(frozen=True)
class Texts:
    """levels.yaml: the company's own words for the pages."""
    company: Company
    questions: tuple
    attributes: tuple         # of Attribute, in the comparison table's order
    levels: dict              # level number -> LevelText


@dataclass(frozen=True)
class Recommendation:
    """recommendation.yaml: thresholds, and the reasons with their {placeholders} checked."""
    payment_terminals: str
    phone_system: str
    machines_min: int
    machines: str             # {n} workstations and servers, {min} the threshold
    imaging_min: int
    imaging: str              # {n} imaging devices, {min} the threshold
    level1_cost: str          # {niveau_1} and {niveau_2}: the two monthly amounts
    imaging_level2: str
    servers_level2: str
    workstations_min: int
    workstations: str         # {n} workstations, {min} the threshold
    level1: str


@dataclass(frozen=True)
class Rules:
    effective_date: date      # the price list's "en vigueur le"
    vat_percent: Decimal
    level1: Level1Rates
    paid: dict            # level number -> PaidLevel
    travel: dict          # zone -> fee per visit
    communes: tuple
    utc_offset: str
    schedules: dict       # level number -> Schedule
    recommendation: Recommendation
    texts: Texts
    presets: tuple = ()

    def commune(self, slug: str) -> "Commune | None":
        for commune in self.communes:
            if slug == commune.slug or slug in commune.aliases:
                return commune
        return None


# Pricing ----------------------------------------------------------------------------------

def _bands(node: Node) -> tuple:
    bands, first = [], 1
    items = node.list(min_length=1)
    for index, item in enumerate(items):
        last_item = index == len(items) - 1
        up_to = item["jusqu_a"]
        if last_item:
            if up_to.value is not None:
                up_to.fail("null (the last band is open-ended)")
            last = None
        else:
            last = up_to.integer(minimum=first)
        bands.append(Band(first, last, item["prix"].amount()))
        first = (last or 0) + 1
    return tuple(bands)


def _paid_level(node: Node) -> PaidLevel:
    backup = node["sauvegarde"]
    return PaidLevel(
        site_fee=node["forfait_site"].amount(),
        bands=_bands(node["postes"]),
        server=node["serveur"].amount(),
        imaging=node["imagerie"].amount(),
        extra_licence=node["licence_supplementaire"].amount(),
        backup=Backup(
            included_gb=backup["incluse_go"].ratio(),
            included_per_workstation_gb=backup["incluse_par_poste_go"].ratio(),
            block_gb=backup["bloc_go"].amount(),
            block_price=backup["prix_bloc"].amount(),
        ),
    )


def _level1(node: Node) -> Level1Rates:
    estimate = node["estimation"]
    return Level1Rates(
        remote_hour=node["heure_distanciel"].amount(),
        onsite_hour=node["heure_sur_site"].amount(),
        hours_per_workstation=estimate["heures_par_poste"].ratio(),
        hours_per_server=estimate["heures_par_serveur"].ratio(),
        hours_per_imaging=estimate["heures_par_imagerie"].ratio(),
        visits_per_device=estimate["visites_par_equipement"].ratio(),
        hours_per_visit=estimate["heures_par_visite"].ratio(),
    )


def _vat(node: Node) -> Decimal:
    rate = node.decimal("a percentage from 0 to 100")
    if not 0 <= rate <= 100:
        node.fail("a percentage from 0 to 100")
    return rate


# Communes ---------------------------------------------------------------------------------

def _communes(node: Node) -> tuple:
    communes, seen = [], set()
    for item in node["communes"].list(min_length=1):
        slug = item["slug"].text()
        aliases = item.get("alias").texts() if item.has("alias") else ()
        for name in (slug, *aliases):
            if name in seen:
                item["slug"].fail("a slug used once", name)
            if name != name.lower() or " " in name:
                item["slug"].fail("a lower-case slug without spaces", name)
            seen.add(name)
        communes.append(Commune(slug, item["nom"].text(), item["zone"].integer(1, len(ZONES)), aliases))
    if DEFAULT_COMMUNE not in seen:
        node["communes"].fail(f'a list that includes "{DEFAULT_COMMUNE}" (the default commune)', "<no such commune>")
    return tuple(communes)


# Support hours ----------------------------------------------------------------------------

def _minutes(node: Node) -> int:
    text = node.value
    expected = 'a time "HH:MM" from 00:00 to 24:00'
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":" or not (text[:2] + text[3:]).isdigit():
        node.fail(expected)
    hours, minutes = int(text[:2]), int(text[3:])
    if minutes > 59 or hours * 60 + minutes > 24 * 60:
        node.fail(expected)
    return hours * 60 + minutes


def _windows(node: Node) -> tuple:
    windows = []
    for item in node.list():
        start, end = _minutes(item["de"]), _minutes(item["a"])
        if end <= start:
            item["a"].fail(f"a time after {item['de'].value}", item["a"].value)
        if windows and start < windows[-1].end:
            item["de"].fail("a start after the end of the previous window, in order", item["de"].value)
        on_call = item["mode_astreinte"].choice(MODES) if item.has("mode_astreinte") else None
        windows.append(Window(start, end, item["mode"].choice(MODES), on_call))
    return tuple(windows)


def _schedule(node: Node) -> Schedule:
    return Schedule(
        priority=node["priorite"].flag(),
        days=tuple(_windows(node[day]) for day in WEEKDAYS),
        public_holiday=_windows(node["jours_feries"]),
    )


def _offset(node: Node) -> str:
    text = node.value
    expected = 'a UTC offset from "-12:00" to "+14:00", such as "+04:00"'
    if not (isinstance(text, str) and len(text) == 6 and text[0] in "+-" and text[3] == ":"
            and (text[1:3] + text[4:]).isdigit()):
        node.fail(expected)
    hours, minutes = int(text[1:3]), int(text[4:])
    if minutes > 59 or hours * 60 + minutes > (14 * 60 if text[0] == "+" else 12 * 60):
        node.fail(expected)
    return text


# Texts ------------------------------------------------------------------------------------

def _company(node: Node) -> Company:
    return Company(
        name=node["nom"].text(), phone=node["telephone"].text(), phone_link=node["telephone_lien"].text(),
        offer_url=node["lien_prestations"].text(), calculator_url=node["lien_calculateur"].text(),
        more_details=node["plus_de_details"].text(), calculator_call=node["appel_calculateur"].text(),
        estimate_validity=node["validite_estimation"].text(),
    )


def _level_text(node: Node, attributes: tuple) -> LevelText:
    has_rules = node.has("regles")
    return LevelText(
        title=node["titre"].text(), nature=node["nature"].text(), availability=node["disponibilite"].text(),
        billing=node["facturation"].text(), details=node["details"].texts(), scope=node["perimetre"].text(),
        statuses={attribute.key: node["attributs"][attribute.key].choice(STATUSES) for attribute in attributes},
        # A level with rules of conduct states them with their title and their warning.
        rules_title=node["regles_titre"].text() if has_rules else None,
        rules=node["regles"].texts() if has_rules else (),
        warning=node["avertissement"].text() if has_rules else None,
    )


def _texts(node: Node) -> Texts:
    attributes = tuple(Attribute(item["cle"].text(), item["nom"].text())
                       for item in node["attributs"].list(min_length=1))
    return Texts(
        company=_company(node["entreprise"]),
        questions=node["questions"].texts(),
        attributes=attributes,
        levels={number: _level_text(node["niveaux"][number], attributes) for number in LEVEL_NUMBERS},
    )


def _recommendation(node: Node) -> Recommendation:
    level3, level2 = node["niveau_3"], node["niveau_2"]
    return Recommendation(
        payment_terminals=level3["tpe"].template(),
        phone_system=level3["standard"].template(),
        machines_min=level3["postes_et_serveurs_min"].integer(minimum=1),
        machines=level3["postes_et_serveurs"].template("n", "min"),
        imaging_min=level3["imagerie_min"].integer(minimum=1),
        imaging=level3["imagerie"].template("n", "min"),
        level1_cost=level2["cout_niveau_1"].template("niveau_1", "niveau_2"),
        imaging_level2=level2["imagerie"].template(),
        servers_level2=level2["serveurs"].template(),
        workstations_min=level2["postes_min"].integer(minimum=1),
        workstations=level2["postes"].template("n", "min"),
        level1=node["niveau_1"].template(),
    )


# Presets ----------------------------------------------------------------------------------

def _presets(node: Node, rules: Rules) -> tuple:
    """Each preset's parameters must read exactly as given, as a link's would."""
    from .inputs import PARAMS_BY_NAME
    from .query import parse_query, to_query
    from .urlquery import quote

    presets, seen = [], set()
    for item in node["profils"].list(min_length=1):
        slug = item["slug"].text()
        if slug in seen or slug != slug.lower() or not slug.replace("-", "").isalnum():
            item["slug"].fail("a unique lower-case slug of letters, digits and dashes")
        seen.add(slug)
        link = []
        for key, value in item["parametres"].items():
            if key not in PARAMS_BY_NAME:
                value.fail("a parameter name: " + ", ".join(PARAMS_BY_NAME), str(key))
            if PARAMS_BY_NAME[key].kind == "commune" and rules.commune(str(value.value)) is None:
                value.fail(f"a commune of {COMMUNES}")
            text = {True: "1", False: "0"}.get(value.value, str(value.value))
            _, notices = parse_query(f"{key}={quote(text)}", rules)
            if notices:
                value.fail(f"a value a link may carry ({notices[0]})")
            link.append(f"{key}={quote(text)}")
        inputs, _ = parse_query("&".join(link), rules)
        presets.append(Preset(slug, item["nom"].text(), item["description"].text(), to_query(inputs)))
    return tuple(presets)


# Entry point ------------------------------------------------------------------------------

def _source(node: Node) -> str:
    """Every rules file says where its facts come from, so that an edit can be checked."""
    return node["source"].text()


def parse_rules(raw: dict) -> Rules:
    """Validate the raw data of every rules file (keyed by file name) into Rules."""
    files = {name: Node(name, raw.get(name)) for name in RULES_FILES}
    for node in files.values():
        _source(node)
    pricing, hours = files[PRICING], files[HOURS]
    communes = _communes(files[COMMUNES])
    travel = {zone: pricing["deplacement"][zone].amount() for zone in ZONES}
    rules = Rules(
        effective_date=pricing["en_vigueur_le"].date(),
        vat_percent=_vat(pricing["tva_pourcent"]),
        level1=_level1(pricing["niveaux"][1]),
        paid={level: _paid_level(pricing["niveaux"][level]) for level in PAID_LEVELS},
        travel=travel,
        communes=communes,
        utc_offset=_offset(hours["decalage_utc"]),
        schedules={level: _schedule(hours["niveaux"][level]) for level in LEVEL_NUMBERS},
        recommendation=_recommendation(files[RECOMMENDATION]),
        texts=_texts(files[LEVELS]),
    )
    rules = replace(rules, presets=_presets(files[PRESETS], rules))
    for node in files.values():
        reject_unknown_keys(node)
    return rules
