"""The business rules as typed, validated objects.

`parse_rules` takes the raw data of each rules file (from YAML at build time, from the JSON
copy in the browser) and returns `Rules`, or raises RulesError naming file, key path,
expected and found. No I/O here: see `load.py` for reading files.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .catalogue import CATALOGUE, COMMUNE, STATUSES, Catalogue, parse_catalogue
from .contract import CONDITIONS, Contract, parse_contract
from .reader import Node, reject_unknown_keys

PRICING = "rules/pricing.yaml"
COMMUNES = "rules/communes.yaml"
HOURS = "rules/hours.yaml"
LEVELS = "rules/levels.yaml"
RECOMMENDATION = "rules/recommendation.yaml"
PRESETS = "rules/presets.yaml"
RULES_FILES = (PRICING, CATALOGUE, COMMUNES, HOURS, LEVELS, RECOMMENDATION, PRESETS, CONDITIONS)

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MODES = ("sur_site_et_distanciel", "distanciel")


@dataclass(frozen=True)
class HourlyRates:
    """The level billed per intervention: its rates; what each item adds to its expected
    spend is in the catalogue."""
    level: int
    remote_hour: Decimal
    onsite_hour: Decimal
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
    short_name: str           # an installed web app's name under its icon
    phone: str
    phone_link: str           # the number as a tel: link wants it
    offer_url: str
    calculator_url: str
    more_details: str
    calculator_call: str


@dataclass(frozen=True)
class Attribute:
    key: str
    name: str
    short: str                # on the /cal/ cards, where the full name would not fit


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
    suits: "str | None" = None          # who the level suits, in one line (None in rules older than it)


@dataclass(frozen=True)
class Texts:
    """levels.yaml: the company's own words for the pages."""
    company: Company
    questions: tuple
    attributes: tuple         # of Attribute, in the comparison table's order
    levels: dict              # level number -> LevelText


@dataclass(frozen=True)
class Condition:
    """One reason to recommend a level: the sum of some inputs (yes = 1) reaches `minimum`,
    or the hourly level's expected spend reaches level `spend_level`'s total."""
    reason: str               # {n} and {min}, or {niveau_<hourly>} and {niveau_<spend_level>}
    inputs: tuple = ()
    minimum: "int | None" = None
    spend_level: "int | None" = None


@dataclass(frozen=True)
class LevelAdvice:
    level: int
    conditions: tuple


@dataclass(frozen=True)
class Recommendation:
    """recommendation.yaml: the levels tried in order, then the level recommended otherwise."""
    levels: tuple             # of LevelAdvice
    otherwise_level: int
    otherwise: str


@dataclass(frozen=True)
class Rules:
    effective_date: date      # the price list's "en vigueur le"
    vat_percent: Decimal
    levels: tuple         # the level numbers, in order
    hourly: HourlyRates
    catalogue: Catalogue
    travel: dict          # zone -> fee per visit
    communes: tuple
    utc_offset: str
    schedules: dict       # level number -> Schedule
    recommendation: Recommendation
    texts: Texts
    contract: Contract        # conditions.yaml: what a practice signs
    presets: tuple = ()
    example: "Preset | None" = None     # the estimate `comparer` always reports, first


    def commune(self, slug: str) -> "Commune | None":
        for commune in self.communes:
            if slug == commune.slug or slug in commune.aliases:
                return commune
        return None


# Pricing ----------------------------------------------------------------------------------

def _hourly(node: Node, levels: tuple) -> HourlyRates:
    return HourlyRates(
        level=node["niveau"].choice(levels),
        remote_hour=node["heure_distanciel"].amount(),
        onsite_hour=node["heure_sur_site"].amount(),
        hours_per_visit=node["heures_par_visite"].ratio(),
    )


def _travel(node: Node) -> dict:
    """Zone -> fee per visit: as many zones as the business lists."""
    travel = {}
    for zone, fee in node.items():
        if isinstance(zone, bool) or not isinstance(zone, int) or zone < 1:
            fee.fail("a zone numbered by un nombre entier de 1", str(zone))
        travel[zone] = fee.amount()
    if not travel:
        node.fail("au moins une zone avec son prix")
    return travel


def _vat(node: Node) -> Decimal:
    rate = node.decimal("un pourcentage de 0 à 100")
    if not 0 <= rate <= 100:
        node.fail("un pourcentage de 0 à 100")
    return rate


# Communes ---------------------------------------------------------------------------------

def _communes(node: Node, travel: dict, default: str) -> tuple:
    communes, seen = [], set()
    zones = ", ".join(map(str, travel))
    for item in node["communes"].list(min_length=1):
        slug = item["slug"].text()
        aliases = item.get("alias").texts() if item.has("alias") else ()
        for name in (slug, *aliases):
            if name in seen:
                item["slug"].fail("un slug présent une seule fois", name)
            if name != name.lower() or " " in name:
                item["slug"].fail("un slug en minuscules sans espace", name)
            seen.add(name)
        zone = item["zone"]
        if zone.value not in travel or isinstance(zone.value, bool):
            zone.fail(f"une zone de {PRICING} (deplacement : {zones})")
        communes.append(Commune(slug, item["nom"].text(), zone.value, aliases))
    if default not in seen:
        node["communes"].fail(f'a list that includes "{default}" (the default commune, {CATALOGUE})', "<no such commune>")
    return tuple(communes)


def _every_zone_used(node: Node, communes: tuple) -> None:
    """A zone no commune is in is most often a commune moved to a misspelt zone."""
    used = {commune.zone for commune in communes}
    for zone, fee in node.items():
        if zone not in used:
            fee.fail(f"une zone où se trouve une commune de {COMMUNES} (aucune n'est en zone {zone})", "<zone inutilisée>")


# Support hours ----------------------------------------------------------------------------

def _minutes(node: Node) -> int:
    text = node.value
    expected = 'une heure "HH:MM" de 00:00 à 24:00'
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
            item["a"].fail(f"une heure après {item['de'].value}", item["a"].value)
        if windows and start < windows[-1].end:
            item["de"].fail("un début après la fin de la plage précédente, dans l'ordre", item["de"].value)
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
    expected = 'un décalage UTC de "-12:00" à "+14:00", par ex. "+04:00"'
    if not (isinstance(text, str) and len(text) == 6 and text[0] in "+-" and text[3] == ":"
            and (text[1:3] + text[4:]).isdigit()):
        node.fail(expected)
    hours, minutes = int(text[1:3]), int(text[4:])
    if minutes > 59 or hours * 60 + minutes > (14 * 60 if text[0] == "+" else 12 * 60):
        node.fail(expected)
    return text


# Texts ------------------------------------------------------------------------------------

def _company(node: Node) -> Company:
    # Before rules/conditions.yaml, the estimate's validity was a sentence here: read (so that
    # `comparer` and the price lists of proposals still read those rules) and left unused.
    if node.has("validite_estimation"):
        node["validite_estimation"].text()
    return Company(
        name=node["nom"].text(), short_name=node["nom_court"].text() if node.has("nom_court") else node["nom"].text(),
        phone=node["telephone"].text(), phone_link=node["telephone_lien"].text(),
        offer_url=node["lien_prestations"].text(), calculator_url=node["lien_calculateur"].text(),
        more_details=node["plus_de_details"].text(), calculator_call=node["appel_calculateur"].text(),
    )


def _edited(node: Node) -> str:
    """An offer text as published: written as is, or corrected with the offer's own wording
    kept beside it as the source ({texte: …, texte_original: …}), which the pages never show."""
    if not isinstance(node.value, dict):
        return node.text()
    text = node["texte"].text()
    if node["texte_original"].text() == text:
        node["texte_original"].fail("le texte de l'offre avant correction, différent de « texte »")
    return text


def _edited_texts(node: Node) -> tuple:
    return tuple(_edited(item) for item in node.list())


def _suits(node: Node, level: LevelText) -> str:
    """Who the level suits: one line, drawn from the offer's words, each of which (`d_apres`)
    must be found in this level's published texts, so that the line cannot drift from them."""
    published = " ".join((level.title, level.nature, level.availability, level.billing, *level.details, level.scope,
                          *level.rules, level.warning or ""))
    text = node["texte"].text()
    if "\n" in text.strip():
        node["texte"].fail("une seule ligne")
    for quote in node["d_apres"].list(min_length=1):
        if quote.text() not in published:
            quote.fail("une citation exacte des textes de ce niveau (titre, nature, disponibilite, facturation, "
                       "details, perimetre, regles, avertissement)")
    return text


def _level_text(node: Node, attributes: tuple) -> LevelText:
    has_rules = node.has("regles")
    level = LevelText(
        title=_edited(node["titre"]), nature=_edited(node["nature"]), availability=_edited(node["disponibilite"]),
        billing=_edited(node["facturation"]), details=_edited_texts(node["details"]), scope=_edited(node["perimetre"]),
        statuses={attribute.key: node["attributs"][attribute.key].choice(STATUSES) for attribute in attributes},
        # A level with rules of conduct states them with their title and their warning.
        rules_title=_edited(node["regles_titre"]) if has_rules else None,
        rules=_edited_texts(node["regles"]) if has_rules else (),
        warning=_edited(node["avertissement"]) if has_rules else None,
    )
    return replace(level, suits=_suits(node["pour_qui"], level)) if node.has("pour_qui") else level


def _level_numbers(node: Node) -> tuple:
    """levels.yaml lists the levels: numbered 1, 2, 3… in order, every other file follows."""
    numbers = tuple(key for key, _ in node["niveaux"].items())
    if numbers != tuple(range(1, len(numbers) + 1)):
        node["niveaux"].fail("des niveaux numérotés 1, 2, 3… dans l'ordre", ", ".join(map(str, numbers)))
    return numbers


def _texts(node: Node) -> Texts:
    # `court` came later than the other keys: older rules (comparer's --avant) have none.
    attributes = tuple(Attribute(item["cle"].text(), _edited(item["nom"]),
                                 _edited(item["court"]) if item.has("court") else _edited(item["nom"]))
                       for item in node["attributs"].list(min_length=1))
    levels = {number: _level_text(node["niveaux"][number], attributes) for number in _level_numbers(node)}
    # `pour_qui` came later too: rules without it anywhere still read (comparer's --avant), but
    # once one level says who it suits, every level must.
    if any(level.suits for level in levels.values()):
        for number, level in levels.items():
            if level.suits is None:
                node["niveaux"][number]["pour_qui"]      # absent or misspelt: the error says which
    return Texts(
        company=_company(node["entreprise"]),
        questions=node["questions"].texts(),
        attributes=attributes,
        levels=levels,
    )


def _condition(node: Node, catalogue: Catalogue, levels: tuple, hourly: int) -> Condition:
    if node.has("depense_au_moins_niveau"):
        level = node["depense_au_moins_niveau"].choice(levels)
        return Condition(node["raison"].template(f"niveau_{hourly}", f"niveau_{level}"), spend_level=level)
    names = node["entrees"].texts()
    for index, name in enumerate(names):
        entry = catalogue.entry(name)
        if entry is None or entry.kind not in ("int", "bool"):
            node["entrees"].list()[index].fail(f"un comptage ou un oui/non de {CATALOGUE}", name)
    return Condition(node["raison"].template("n", "min"), inputs=names, minimum=node["au_moins"].integer(minimum=1))


def _recommendation(node: Node, catalogue: Catalogue, levels: tuple, hourly: int) -> Recommendation:
    advice = []
    for item in node["niveaux"].list(min_length=1):
        conditions = tuple(_condition(condition, catalogue, levels, hourly)
                           for condition in item["conditions"].list(min_length=1))
        advice.append(LevelAdvice(item["niveau"].choice(levels), conditions))
    otherwise = node["sinon"]
    return Recommendation(tuple(advice), otherwise["niveau"].choice(levels), otherwise["raison"].template())


# Presets ----------------------------------------------------------------------------------

def _presets(node: Node, rules: Rules) -> tuple:
    """Each preset's parameters must read exactly as given, as a link's would."""
    presets, seen = [], set()
    for item in node["profils"].list(min_length=1):
        slug = item["slug"].text()
        if slug in seen or slug != slug.lower() or not slug.replace("-", "").isalnum():
            item["slug"].fail("un slug unique en minuscules, chiffres et tirets")
        seen.add(slug)
        presets.append(Preset(slug, item["nom"].text(), item["description"].text(), _preset_query(item, rules)))
    return tuple(presets)


def _preset_query(item: Node, rules: Rules) -> str:
    """A preset's parameters as a canonical query, each read as a link's would be."""
    from .query import parse_query, to_query
    from .urlquery import quote

    link = []
    for key, value in item["parametres"].items():
        entry = rules.catalogue.entry(key)
        if entry is None:
            value.fail("un nom de paramètre : " + ", ".join(rules.catalogue.names()), str(key))
        if entry.type == COMMUNE and rules.commune(str(value.value)) is None:
            value.fail(f"une commune de {COMMUNES}")
        text = {True: "1", False: "0"}.get(value.value, str(value.value))
        _, notices = parse_query(f"{key}={quote(text)}", rules)
        if notices:
            value.fail(f"une valeur qu'un lien peut porter ({notices[0]})")
        link.append(f"{key}={quote(text)}")
    inputs, _ = parse_query("&".join(link), rules)
    return to_query(inputs, rules)


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
    texts = _texts(files[LEVELS])
    levels = tuple(texts.levels)
    hourly = _hourly(pricing["temps_passe"], levels)
    catalogue = parse_catalogue(files[CATALOGUE], levels, hourly.level)
    travel = _travel(pricing["deplacement"])
    communes = _communes(files[COMMUNES], travel, catalogue.of_type(COMMUNE).default)
    _every_zone_used(pricing["deplacement"], communes)
    rules = Rules(
        effective_date=pricing["en_vigueur_le"].date(),
        vat_percent=_vat(pricing["tva_pourcent"]),
        levels=levels,
        hourly=hourly,
        catalogue=catalogue,
        travel=travel,
        communes=communes,
        utc_offset=_offset(hours["decalage_utc"]),
        schedules={level: _schedule(hours["niveaux"][level]) for level in levels},
        recommendation=_recommendation(files[RECOMMENDATION], catalogue, levels, hourly.level),
        texts=texts,
        contract=parse_contract(files[CONDITIONS]),
    )
    example = files[PRESETS]["exemple"]
    rules = replace(rules, presets=_presets(files[PRESETS], rules),
                    example=Preset("exemple", example["nom"].text(), "", _preset_query(example, rules)))
    for node in files.values():
        reject_unknown_keys(node)
    return rules
