"""Command line: `python -m calculator devis ...`, `couverture ...`, `comparer ...`, `lien`, `lot`,
`proposition` (a numbered proposal's address, or its printable HTML), and `mentions` and
`conditions` (the legal notice's and the contract's missing fields).

Every `devis` flag takes a value exactly as in a shared link, and goes through the same
parser, so the CLI and the browser cannot disagree on what an input means. The flags are
the catalogue's (rules/offre.yaml): the rules are read before the command line is.
"""

import argparse
import json
import os
import sys
from datetime import date, datetime
from urllib.parse import urlencode

from .argparse_fr import in_french
from .compare import GitError, report
from .coverage import status, utc_offset, weekly_hours, yearly_hours
from .errors import RulesError
from .catalogue import ON_CALL
from .client import CLIENT_FIELDS, fragment_of, read_fragment
from .contract import missing_report as missing_conditions
from .estimate import estimate_query
from .identity import load_identity, missing_report
from .load import DEFAULT_DIR, load_rules
from .money import plain_amount
from .query import parse_query
from .proposal import PATH as PROPOSAL_PATH, proposal_query, proposal_view, read_query
from .recommend import first_flat_level
from .report import coverage_json, estimate_json, estimate_view
from .reunion_holidays import reunion_holidays
from .rule_history import HistoryError, published_versions, rules_texts
from .rule_versions import version_of
from .sales import BatchError, batch, link, query_of, site_base
from .site_address import public_address
from .typed_values import RefusedValue, check_typed


PROG = "python -m calculator"
# The client block's flags: the name is the block's first fact, so it has the short flag.
CLIENT_FLAGS = {"nom": "--client", "adresse": "--client-adresse", "contact": "--client-contact",
                "joindre": "--client-joindre"}


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--regles", default=str(DEFAULT_DIR), help="dossier des règles YAML")


def _parser(rules) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG,
                                     description="Tarifs et horaires de maintenance PRISME.")
    _rules_option(parser)
    commands = parser.add_subparsers(dest="commande", required=True)
    entries = rules.catalogue.entries
    quote = commands.add_parser("devis", help="estimation mensuelle des trois niveaux")
    for param in entries:
        quote.add_argument(f"--{param.name}", help=f"{param.label} (comme dans le lien)")
    quote.add_argument("--json", action="store_true", help="sortie JSON")
    cover = commands.add_parser("couverture", help="support joignable à une date donnée")
    cover.add_argument(f"--{rules.catalogue.level_entry().name}", dest="niveau_couvert",
                       default=str(first_flat_level(rules)))
    on_call = rules.catalogue.with_role(ON_CALL)
    if on_call:
        cover.add_argument(f"--{on_call.name}", dest="astreinte_couverte", default="0")
    when = cover.add_mutually_exclusive_group()
    when.add_argument("--date", help="AAAA-MM-JJTHH:MM, heure de La Réunion sauf décalage donné")
    when.add_argument("--annee", type=int, help="heures couvertes sur une année civile")
    cover.add_argument("--json", action="store_true", help="sortie JSON")
    make_link = commands.add_parser("lien", help="le lien du calculateur pour ces valeurs")
    make_link.add_argument("--base", default=public_address(), help=f"adresse du site (par défaut {public_address()})")
    for param in entries:
        make_link.add_argument(f"--{param.name}", help=f"{param.label} (comme dans le lien)")
    many = commands.add_parser("lot", help="estimations et liens d'un fichier CSV de cabinets")
    many.add_argument("fichier", help="CSV dont l'en-tête nomme les paramètres des liens (autres colonnes recopiées)")
    many.add_argument("--base", default=public_address(), help=f"adresse du site (par défaut {public_address()})")
    changes = commands.add_parser("comparer", help="effet sur les prix d'un changement des règles")
    changes.add_argument("--avant", metavar="REF", help="version git des règles à comparer "
                                                        "(par défaut : celle d'avant leur dernier changement)")
    changes.add_argument("--markdown", action="store_true", help="sortie Markdown (résumé de la CI)")
    legal = commands.add_parser("mentions", help="champs des mentions légales (rules/identite.yaml) non renseignés")
    legal.add_argument("--markdown", action="store_true", help="sortie Markdown (résumé de la CI)")
    terms = commands.add_parser("conditions", help="conditions du contrat (rules/conditions.yaml) non renseignées")
    terms.add_argument("--markdown", action="store_true", help="sortie Markdown (résumé de la CI)")
    offer = commands.add_parser("proposition", help="adresse d'une proposition de contrat numérotée, "
                                                    "ou son document HTML prêt à imprimer")
    for param in entries:
        offer.add_argument(f"--{param.name}", help=f"{param.label} (comme dans le lien)"
                           + (" ; par défaut le niveau recommandé" if param.kind == "level" else ""))
    for field in CLIENT_FIELDS:
        offer.add_argument(CLIENT_FLAGS[field.key], dest=f"client_{field.key}", metavar="TEXTE",
                           help=f"{field.label} (bloc client, dans le fragment # de l'adresse)")
    offer.add_argument("--emise", metavar="AAAA-MM-JJ", help="date d'émission (par défaut : aujourd'hui à La Réunion)")
    offer.add_argument("--aujourdhui", metavar="AAAA-MM-JJ",
                       help="le jour où la proposition est lue, pour savoir si elle est encore valable (par défaut : aujourd'hui)")
    offer.add_argument("--base", help=f"adresse du site (par défaut {public_address()}, "
                                      "ou celle du lien donné par --lien)")
    offer.add_argument("--lien", metavar="URL", help="adresse d'une proposition déjà émise, chiffrée comme le site "
                                                     "la chiffre (ses tarifs tant qu'elle est valable)")
    offer.add_argument("--html", metavar="FICHIER", help="écrit la proposition dans ce fichier HTML, prêt à imprimer")
    return parser


def _print_table(view: dict, rules) -> None:
    # Notices first: a replaced value changes every figure below it.
    for notice in view["avis"]:
        print(f"Avis : {notice}")
    for level in view["niveaux"]:
        mark = "  (recommandé)" if level["niveau"] == view["recommande"] else ""
        print(f"Niveau {level['niveau']}{mark}")
        for line in level["lignes"]:
            print(f"  {line['libelle']:<76} {line['quantite']:>6} × {line['prix_unitaire']:>11} = {line['montant']:>11}")
        print(f"  Total HT {level['total_ht']} · TVA {level['tva']} · TTC {level['total_ttc']} "
              f"· annuel TTC {level['annuel_ttc']}")
        # At the level billed by the hour the expected spend already counts the visits.
        where = ("compris dans l'estimation" if level["niveau"] == rules.hourly.level
                 else "en sus du forfait mensuel")
        print(f"  Déplacement : {level['deplacement_par_visite']} HT par visite, {where}")
        for option in level["options"]:
            print(f"  Option {option}")
    print("Raisons : " + " ".join(view["raisons"]))
    print(view["seuil"])


def _devis(args, rules) -> int:
    estimate = estimate_query(rules, urlencode(_typed(args, rules)))
    if args.json:
        print(json.dumps(estimate_json(estimate, rules), ensure_ascii=False, indent=2))
    else:
        _print_table(estimate_view(estimate, rules), rules)
    return 0


def _instant(text: str, tz) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def _couverture(args, rules) -> int:
    level_entry, on_call = rules.catalogue.level_entry(), rules.catalogue.with_role(ON_CALL)
    given = {level_entry.name: args.niveau_couvert}
    if on_call:
        given[on_call.name] = args.astreinte_couverte
    inputs, notices = parse_query(urlencode(given), rules)
    for notice in notices:
        print(f"Avis : {notice}", file=sys.stderr)
    level = inputs[level_entry.name] or first_flat_level(rules)
    schedule, tz = rules.schedules[level], utc_offset(rules.utc_offset)
    result = {"niveau": level, "heures_semaine": plain_amount(weekly_hours(schedule))}
    if args.annee is not None:
        year = args.annee
        if not 1970 <= year <= 2100:
            print(f"Année hors limites : {year} (1970 à 2100).", file=sys.stderr)
            return 2
        result.update(annee=year, heures_annee=plain_amount(yearly_hours(schedule, year, reunion_holidays([year]))))
    else:
        try:
            moment = _instant(args.date, tz) if args.date else datetime.now(tz)
        except ValueError:
            print(f"Date illisible : « {args.date} » (attendu AAAA-MM-JJTHH:MM).", file=sys.stderr)
            return 2
        local = moment.astimezone(tz)
        calendar = reunion_holidays([local.year, local.year + 1])
        result.update(coverage_json(status(schedule, moment, bool(on_call and inputs[on_call.name]), calendar, tz)))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            print(f"{key} : {value}")
    return 0


def _comparer(args, rules) -> int:
    try:
        print(report(rules, args.regles, args.avant, args.markdown))
    except GitError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def _mentions(args, rules) -> int:
    """Exit 0 either way: a missing field is a warning for the business, never a failed build."""
    try:
        identity = load_identity(args.regles)
    except RulesError as error:
        print(f"Erreur dans les règles : {error}", file=sys.stderr)
        return 1
    print(missing_report(identity, args.markdown) or "Mentions légales complètes.")
    return 0


def _conditions(args, rules) -> int:
    """Exit 0 either way, as `mentions`: a condition not given is left out of the proposal."""
    print(missing_conditions(rules.contract, args.markdown) or "Conditions du contrat complètes.")
    return 0


def _reunion_today(rules) -> date:
    """Today in La Réunion, whatever the machine's time zone: the day a proposal is issued."""
    return datetime.now(utc_offset(rules.utc_offset)).date()


class _Refused(Exception):
    """A proposition argument refused; the message is French."""


def _issued(text, flag="--emise") -> "date | None":
    if text is None:
        return None
    # Only AAAA-MM-JJ, as a proposal's address writes it (fromisoformat also reads 20270115).
    try:
        if len(text.strip()) == 10:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise _Refused(f"{flag} : « {text} » n'est pas une date (AAAA-MM-JJ).")


def _from_link(args, rules, version: str, today) -> tuple:
    """--lien: (query, client values, site base, held rules) of a proposal already issued."""
    if _given(args, rules) or args.emise is not None:
        raise _Refused("--lien donne déjà les paramètres et la date d'émission de la proposition : "
                       "ne les donnez pas aussi en options.")
    address, _, fragment = args.lien.strip().partition("#")
    before, _, query = address.partition("?")
    base = before[: -len(PROPOSAL_PATH)] if before.endswith(PROPOSAL_PATH) else None
    if base is None:
        raise _Refused(f"--lien : « {args.lien[:80]} » n'est pas l'adresse d'une proposition (…/{PROPOSAL_PATH}?…).")
    held, asked = None, read_query(query).version
    if asked and asked != version:
        try:
            held = published_versions(args.regles, today).get(asked)
        except HistoryError as error:
            # The proposal is still priced (with today's prices, and its notice saying so).
            print(f"Avis : tarifs déjà publiés illisibles : {error}", file=sys.stderr)
    return query, read_fragment(fragment), base, held


def _proposition(args, rules) -> int:
    version = version_of(rules_texts(args.regles))
    try:
        today = _issued(args.aujourdhui, "--aujourdhui") or _reunion_today(rules)
        if args.lien is not None:
            query, client, base, held = _from_link(args, rules, version, today)
        else:
            issued = _issued(args.emise) or today
            query = proposal_query(query_of(_typed(args, rules)), issued, version)
            client, base, held = {}, public_address(), None
    except _Refused as error:
        print(f"{PROG} proposition : erreur : {error}", file=sys.stderr)
        return 2
    # A client flag given replaces the link's value for that field.
    client.update({field.key: getattr(args, f"client_{field.key}") for field in CLIENT_FIELDS
                   if getattr(args, f"client_{field.key}") is not None})
    view = proposal_view(query, today, (version, rules), held)
    site = site_base(args.base or base)
    address = site + view["adresse"]
    fragment = fragment_of(client)
    print(address + (f"#{fragment}" if fragment else ""))
    print(f"Proposition {view['numero']}, niveau {view['niveau']} : {view['niveau_titre']}")
    print(f"Total HT {view['total_ht']} · TVA {view['tva']} · TTC {view['total_ttc']} par mois")
    print(f"Émise le {view['emise_le']}, valable jusqu'au {view['valable_jusqu_au']}.")
    for line in (view["tarifs"], view["avant_apres"]):
        if line:
            print(line)
    for notice in view["avis"]:
        print(f"Avis : {notice}", file=sys.stderr)
    if args.html is not None:
        return _write_document(args, rules, view, address, client)
    return 0


def _write_document(args, rules, view: dict, address: str, client: dict) -> int:
    from .proposal_document import has_qr_codes, render_document

    try:
        identity = load_identity(args.regles)
    except RulesError as error:
        print(f"Erreur dans les règles : {error}", file=sys.stderr)
        return 1
    try:
        with open(args.html, "w", encoding="utf-8") as file:
            file.write(render_document(view, address, rules, identity, client))
    except OSError as error:
        print(f"Fichier impossible à écrire : « {args.html} » ({error.strerror or error}).", file=sys.stderr)
        return 2
    if not has_qr_codes():
        print("Avis : sans le module segno, le document n'a pas de QR code (son adresse y est écrite).",
              file=sys.stderr)
    print(f"Document écrit : {args.html}")
    return 0


def _given(args, rules) -> list:
    return [(param.name, getattr(args, param.name)) for param in rules.catalogue.entries
            if getattr(args, param.name) is not None]


def _typed(args, rules) -> list:
    """The given values, once check_typed has let them through (RefusedValue otherwise)."""
    given = _given(args, rules)
    check_typed(rules, given)
    return given


def _lien(args, rules) -> int:
    estimate = estimate_query(rules, query_of(_typed(args, rules)))
    for notice in estimate.notices:
        print(f"Avis : {notice}", file=sys.stderr)
    print(link(args.base, estimate.query))
    return 0


def _lot(args, rules) -> int:
    def warn(notice):
        print(f"Avis : {notice}", file=sys.stderr)
    try:
        with open(args.fichier, "rb") as file:
            batch(file, rules, args.base, sys.stdout, warn,
                  (_reunion_today(rules), version_of(rules_texts(args.regles))))
    except FileNotFoundError:
        print(f"Fichier introuvable : « {args.fichier} ».", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Fichier illisible : « {args.fichier} » ({error.strerror or error}).", file=sys.stderr)
        return 2
    except BatchError as error:
        print(f"Fichier illisible : « {args.fichier} » : {error}", file=sys.stderr)
        return 2
    return 0


COMMANDS = {"devis": _devis, "couverture": _couverture, "comparer": _comparer, "lien": _lien, "lot": _lot,
            "mentions": _mentions, "conditions": _conditions, "proposition": _proposition}


def _not_utf8(argv) -> "str | None":
    """The first argument that is not valid UTF-8, as its bytes would be shown ("\\xe9tang").
    Python keeps such bytes as lone surrogates, which no output can print."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return None


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    unreadable = _not_utf8(argv)
    if unreadable is not None:
        print(f"Argument illisible : « {unreadable} » n'est pas écrit en UTF-8 (le terminal ou le script "
              "qui l'envoie utilise un autre encodage) ; retapez-le.", file=sys.stderr)
        return 2
    with in_french():
        first = argparse.ArgumentParser(prog=PROG, add_help=False)
        _rules_option(first)
        folder = first.parse_known_args(argv)[0].regles
        try:
            rules, _raw = load_rules(folder)
        except RulesError as error:
            print(f"Erreur dans les règles : {error}", file=sys.stderr)
            return 1
        parser = _parser(rules)
        args = parser.parse_args(argv)
    try:
        return COMMANDS[args.commande](args, rules)
    except RefusedValue as error:
        print(f"{parser.prog} {args.commande} : erreur : {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error of ours. Python's documented way
        # to leave without a second BrokenPipeError when stdout is flushed at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
