"""Build the static site: load rules -> compute with the engine -> bundle the browser's files
-> render the pages -> add what hosts read -> write.

    python build.py --out dist --base-url /

Each step's body lives in a module by concern (build_steps/); this file tells the story.
The output is written to a temporary folder next to --out and moved into place only when
every step succeeded, so a failed build leaves the previous site untouched.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from build_steps.base_url import BaseUrlError, site_address
from build_steps.browser_python import (BROWSER_LIB, BROWSER_PYTHON_ENV, PYODIDE_FILES, PYODIDE_NPM, engine_archive,
                                        precompiled, pyodide_version)
from build_steps.output import BuildError, Output, write_output
from build_steps.preview_image import icon_png, share_image_png
from build_steps.publishing import (BOOTSTRAP, EMBED_PARAMETERS, EMBED_SCRIPT, PRECACHE, SERVICE_WORKER, THEME_COLOUR,
                                   WEB_MANIFEST, embed_parameters_json, headers_file, inline_scripts, offline_copy_sizes,
                                   precache_json, robots_txt, sitemap_xml, web_manifest)
from build_steps.static_files import add_static_files
from build_steps.wheels import NOT_COPIED_OFFLINE, browser_wheels
from calculator.argparse_fr import in_french
from calculator.catalogue import ON_CALL
from calculator.chart import charts, counted
from calculator.coverage import utc_offset, yearly_hours
from calculator.errors import RulesError
from calculator.estimate import estimate_query
from calculator.french import MODE_TEXT, format_hours, format_range
from calculator.identity import UNKNOWN_IDENTITY, Identity, identity_parts, load_identity, missing_report
from calculator.load import load_rules
from calculator.query import PROPOSAL_PARAMS, TRUE_WORDS
from calculator.offer import (STATUS_MARK, STATUS_TEXT, base_rates, comparison_rows, holidays_table, hours_summary,
                              levels_named, price_list_date, rate_card, same_cells, schedule_lines, travel_zones,
                              week_rows)
from calculator.report import estimate_view
from calculator.client import cleaned, fields_view
from calculator.contract import missing_report as missing_conditions
from calculator.faq import questions
from calculator.proposal import PATH as PROPOSAL_PATH, proposal_view
from calculator.rule_history import HistoryError, published_versions, rules_texts
from calculator.rule_versions import version_of
from calculator.site_address import BASE_PATH, PUBLIC_ORIGIN
from calculator.reunion_holidays import reunion_holidays, table_json
from calculator.typed_json import rules_for_browser

ROOT = Path(__file__).resolve().parent
SITE = ROOT / "site"
DEFAULT_ORIGIN = PUBLIC_ORIGIN      # also the base of `python -m calculator lien`
# How long the engine client (worker/engine-client.mjs) waits: Pyodide's first start on a
# slow phone, then one answer (an estimate takes milliseconds once Python runs). Past them the
# page shows its fallback, and a late answer is dropped. Tests shorten them through the page's engine
# configuration (<script id="moteur">).
ENGINE_DELAYS_MS = {"demarrage": 60000, "reponse": 10000}
# The public holidays the browser gets as data, around the year the pages speak of: the
# site is rebuilt at least every year (.github/workflows), so the support status never
# waits for the `holidays` package there. Beyond them the worker imports it.
HOLIDAY_TABLE_YEARS = range(-1, 6)
PAGES = {
    "index.html": "index.html",
    "prestations/index.html": "prestations.html",
    "cal/index.html": "cal.html",
    "mentions-legales/index.html": "mentions.html",
    "404.html": "404.html",
}
EMBED_PAGE = "cal/integre/index.html"
# Rendered after every other page: it gives the size of the offline copy they make up.
PRIVACY_PAGE = ("confidentialite/index.html", "confidentialite.html")


@contextmanager
def step(name: str):
    """Say what the build is doing, and how long it took."""
    start = time.perf_counter()
    yield
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    print(f"  {name} ({seconds} s)")


# 2. Compute what the pages need --------------------------------------------------------

def reference_year(rules) -> int:
    """The year the pages speak of ("this year and next"), in Réunion time: SOURCE_DATE_EPOCH
    when set (the Makefile and CI set it to the commit's date, so that a rebuild of the same
    commit gives the same bytes; the yearly CI run sets it to the day), else today."""
    return build_day(rules).year


def build_day(rules):
    """The day the pages are built for, in Réunion time (see reference_year)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.astimezone(utc_offset(rules.utc_offset)).date()


def compute_page_data(rules, year: int, identity: Identity = UNKNOWN_IDENTITY, version: str = "") -> dict:
    default = estimate_query(rules, "")
    on_call = rules.catalogue.with_role(ON_CALL)
    chart_entry = rules.catalogue.entry(rules.catalogue.chart_entry)
    years = (year, year + 1)
    calendar = reunion_holidays(years)
    levels = []
    for number in rules.levels:
        schedule = rules.schedules[number]
        levels.append({
            "numero": number,
            "texte": rules.texts.levels[number],
            "horaires": schedule_lines(schedule),
            "semaine": week_rows(schedule),
            "heures_annees": [(y, format_hours(yearly_hours(schedule, y, calendar))) for y in years],
            "heures_semaine": hours_summary(rules, number),
            "tarifs": rate_card(rules, number),
            "tarifs_hors_deplacement": base_rates(rules, number),
            "deplacements": travel_zones(rules, number),
            "priorite": schedule.priority,
            # The printed estimate's one paragraph: « Inclus : …. Facturé au temps passé : …. »
            "inclusions_groupees": [(STATUS_TEXT[status], [attribute.short for attribute in rules.texts.attributes
                                                           if rules.texts.levels[number].statuses[attribute.key] == status])
                                    for status in STATUS_TEXT
                                    if status in rules.texts.levels[number].statuses.values()],
        })
    # Levels with the same support hours share one weekly chart on /prestations/.
    weeks = [(levels[numbers[0] - 1], levels_named(numbers)) for _, numbers in
             same_cells([(rules.schedules[n].days, rules.schedules[n].public_holiday) for n in rules.levels])]
    presets = []
    for preset in rules.presets:
        estimate = estimate_query(rules, preset.query)
        presets.append({"slug": preset.slug, "nom": preset.name, "description": preset.description, "requete": preset.query,
                        "estimation": estimate_view(estimate, rules), "graphiques": charts(rules, estimate)})
    return {
        "textes": rules.texts,
        "identite": identity,
        "identite_ligne": " · ".join(identity_parts(identity, rules.texts.company.name)),
        "tarifs_en_vigueur": price_list_date(rules),
        "validite": rules.contract.validity_text(),
        "questions_frequentes": questions(rules),
        "identite_parties": identity_parts(identity, rules.texts.company.name),
        "champs_client": fields_view(),
        "client": cleaned({}),
        "whatsapp": rules.contract.whatsapp,
        # The proposal's markup, prerendered for the default practice (hidden until a proposal is asked).
        "version_tarifs": version,
        "parametres_proposition": " ".join(PROPOSAL_PARAMS),
        "p": {**proposal_view("", build_day(rules), (version, rules)), "qr": "", "lien": ""},
        "niveaux": levels,
        "statuts": STATUS_TEXT,
        "marques_statut": STATUS_MARK,
        "profils": presets,
        "modes": MODE_TEXT,
        "annees": years,
        "jours_feries": holidays_table(rules, calendar),
        "estimation": estimate_view(default, rules),
        "graphiques": charts(rules, default),
        "params": rules.catalogue.entries,
        "champ_astreinte": on_call.name if on_call else None,
        "niveau_au_temps_passe": rules.hourly.level,
        "comparaison_tarifs": comparison_rows(rules),
        "semaines": weeks,
        "perimetres": [(text, numbers, levels_named(numbers))
                       for text, numbers in same_cells([rules.texts.levels[n].scope for n in rules.levels])],
        # "1 poste": the default practice the pages' example figures are for.
        "cabinet_par_defaut": counted(chart_entry, default.inputs[chart_entry.name]),
        "mots_oui": " ".join(TRUE_WORDS),
        "plages": {param.name: format_range(param.minimum, param.maximum) for param in rules.catalogue.entries
                   if param.minimum is not None},
        "communes": sorted(rules.communes, key=lambda commune: commune.slug),
    }


# A wrong value for each kind of parameter (cycled over the catalogue's counts), and an
# unknown parameter: their notices are on the start-up path too.
ODD_VALUES = {"int": ("abc", "-2", "1e9"), "decimal": ("3,5",), "commune": ("paris",), "level": ("7",),
              "bool": ("peut-etre",)}


def odd_link(rules) -> str:
    seen = {kind: 0 for kind in ODD_VALUES}
    parts = []
    for entry in rules.catalogue.entries:
        values = ODD_VALUES[entry.kind]
        parts.append(f"{entry.name}={values[seen[entry.kind] % len(values)]}")
        seen[entry.kind] += 1
    return "&".join([*parts, "x=1"])


def precompile_tour(rules, data: dict) -> dict:
    """What the build asks of the engine in Pyodide before listing the modules it imported,
    entry point by entry point (calculator/browser.py): every page's estimate and charts and
    an odd link's (what start-up imports: see precompile/), the support status and the date
    on a public holiday, on a working day and beyond the holiday table, and a QR code."""
    year = data["annees"][0]
    queries = ["", odd_link(rules), *(preset.query for preset in rules.presets)]
    instants = [f"{year}-01-01T10:00:00", f"{year}-03-10T10:00:00", f"{year + HOLIDAY_TABLE_YEARS.stop + 10}-03-10T10:00:00"]
    return {"estimate": [{"query": query} for query in queries],
            "charts": [{"query": query} for query in queries],
            "date": [{"instant": instant} for instant in instants],
            "coverage": [{"instant": instant, "onCall": on_call} for instant in instants for on_call in (True, False)],
            "qr": [{"text": f"{DEFAULT_ORIGIN}/cal/?{rules.presets[0].query}"}],
            # Any version: a price edit must not change the tour (it would recompile the engine).
            # Its figures alone are on a cold proposal address's start-up path (in the start-up
            # standard library); with its QR code, a later request.
            "proposal": [{"query": f"{query}&niveau={level}", "instant": instants[1], "version": "0" * 12,
                          "site": f"{DEFAULT_ORIGIN}/", "qr": qr}
                         for query in queries[:2] for level in rules.levels for qr in (False, True)]}


# 3. The browser's files ------------------------------------------------------------------

def bundle_assets(output: Output, rules, tour: dict, year: int) -> dict:
    """Pyodide, the standard library, the engine and the wheels as bytecode, the rules, the
    static files: added under content-hashed names; returns their paths by name."""
    version = pyodide_version()
    for name in PYODIDE_FILES:
        output.add(f"pyodide/{version}/{name}", (PYODIDE_NPM / name).read_bytes())
    # Validated here: the browser loads them as they are (presets are the build's only).
    rules_json = rules_for_browser(rules)
    # The site loads no Pyodide package: its lock file needs the runtime's facts, not the
    # 120 KB list of every package of the distribution.
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    trimmed_lock = json.dumps({"info": lock["info"], "packages": {}}, sort_keys=True)
    holidays_json = table_json(year + offset for offset in HOLIDAY_TABLE_YEARS)
    needs, wheel_paths = zip(*browser_wheels())
    stdlib, later_stdlib, engine, compiled_wheels, imports = precompiled(engine_archive(), rules_json, holidays_json,
                                                                         wheel_paths, tour)
    assets = {
        "pyodide": f"pyodide/{version}/",
        "lock": output.add_hashed("assets", "pyodide-lock.json", trimmed_lock),
        "stdlib": output.add_hashed("assets", "python_stdlib.zip", stdlib),
        "stdlib_later": output.add_hashed("assets", "python_stdlib_later.zip", later_stdlib),
        "engine": output.add_hashed("assets", "engine.zip", engine),
        "rules": output.add_hashed("assets", "rules.json", rules_json),
        "holidays": output.add_hashed("assets", "jours-feries.json", holidays_json),
        "wheels": {},
        "imports": imports,
    }
    for need, (name, data) in zip(needs, compiled_wheels):
        assets["wheels"].setdefault(need, []).append(output.add_hashed("assets", name, data))
    assets.update(add_static_files(output, SITE / "static", (SERVICE_WORKER[0], EMBED_SCRIPT[0], BOOTSTRAP)))
    # What arrives before the first estimate, for the page's progress bar.
    startup = [assets[name] for name in ("lock", "stdlib", "engine", "rules", "holidays")]
    startup += [f"pyodide/{version}/{name}" for name in PYODIDE_FILES]
    assets["octets_demarrage"] = sum(len(output.files[path]) for path in startup)
    # Largest first: the order /cal/ asks for them from <head> (cal.html).
    assets["demarrage"] = sorted(startup, key=lambda path: -len(output.files[path]))
    return assets


# 4. Render -----------------------------------------------------------------------------

# The installed calculator's icons, in the sizes browsers ask for: (size, purpose).
APP_ICONS = ((192, "any"), (512, "any"), (512, "maskable"))


def add_app_icons(output: Output) -> dict:
    """(size, purpose) -> hashed path of the icon drawn from the site's mark."""
    return {(size, purpose): output.add_hashed("assets", f"icone-{size}-{purpose}.png",
                                               icon_png(size, maskable=purpose == "maskable"))
            for size, purpose in APP_ICONS}


# The pages are rendered with this in place of the build's id (data-construction), which is
# a digest of every file, those pages included; same length, so sizes computed meanwhile hold.
BUILD_ID_PLACEHOLDER = "0" * 12


def stamp_build_id(output: Output) -> str:
    """Names this build, from every file written so far: a page whose files a deploy replaced
    can tell, and its offline copy is kept under that name (a new one for any change)."""
    digest = hashlib.sha256()
    for path, data in sorted(output.files.items()):
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    build = digest.hexdigest()[:12]
    marker = f'data-construction="{BUILD_ID_PLACEHOLDER}"'.encode()
    for path, data in output.files.items():
        if path.endswith(".html"):
            output.files[path] = data.replace(marker, f'data-construction="{build}"'.encode())
    return build


def public_path(path: str) -> str:
    """"cal/index.html" -> "cal/": the address people share."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def engine_config(assets: dict, base_url: str, test_hooks: bool = False) -> dict:
    """What a page hands to the engine client and, in its `init` message, to the Python
    worker (one JSON data block, <script id="moteur">). `test_hooks`, for the tests' and the bench's
    builds only: the worker's Pyodide as self.pyodide, the start-up timings on the client."""
    hooks = {"test_hooks": True} if test_hooks else {}
    return {**hooks, "pyodide": base_url + assets["pyodide"], "lock": base_url + assets["lock"],
            "stdlib": base_url + assets["stdlib"], "stdlib_later": base_url + assets["stdlib_later"],
            "engine": base_url + assets["engine"],
            "rules": base_url + assets["rules"], "holidays": base_url + assets["holidays"],
            "wheels": {need: [base_url + wheel for wheel in wheels] for need, wheels in assets["wheels"].items()},
            "imports": assets["imports"],
            "env": BROWSER_PYTHON_ENV, "lib": BROWSER_LIB, "delais_ms": ENGINE_DELAYS_MS,
            "octets_demarrage": assets["octets_demarrage"], "worker": base_url + assets["worker/engine-worker.mjs"]}


def render_pages(output: Output, data: dict, assets: dict, base_url: str, site_origin: str, inline: tuple,
                 icons: dict, not_copied=frozenset(), test_hooks: bool = False) -> list:
    """Render every page; return the public paths to list in the sitemap."""
    env = Environment(loader=FileSystemLoader(SITE / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    share_image = output.add_hashed("assets", "partage.png", share_image_png())
    scripts, csp = inline
    context = {**data, "base": base_url, "assets": assets, "asset": lambda name: base_url + assets[name],
               "moteur": engine_config(assets, base_url, test_hooks), "construction": BUILD_ID_PLACEHOLDER,
               "en_ligne": {name: Markup(text) for name, text in scripts.items()}, "csp": csp, "origine": site_origin,
               "image_partage": f"{site_origin}{base_url}{share_image}",
               "manifeste": base_url + WEB_MANIFEST, "icone_ecran_accueil": base_url + icons[(192, "any")],
               "couleur_theme": THEME_COLOUR, "autonome": False,
               # The request links' subject and body: the page writes them (page/proposal.mjs).
               "demande": {"courriel": "", "messagerie": ""}}
    pages = [(path, template, {}) for path, template in PAGES.items()]
    pages += [(f"prestations/niveau-{level['numero']}/index.html", "niveau.html", {"niveau": level})
              for level in data["niveaux"]]
    pages += [(f"cal/{preset['slug']}/index.html", "cal.html",
               {"profil": preset, "estimation": preset["estimation"], "graphiques": preset["graphiques"]})
              for preset in data["profils"]]
    # The calculator alone, for a frame in another site (integrer.js): its shared links are /cal/'s.
    pages.append((EMBED_PAGE, "cal.html", {"integre": True, "adresse": "cal/"}))
    # A proposal's address: /cal/ showing the proposal (the same page, so that opening one from
    # /cal/ needs no second start of the engine).
    pages.append((f"{PROPOSAL_PATH}index.html", "cal.html", {"proposition": True}))
    for path, template, extra in [*pages, (*PRIVACY_PAGE, {})]:
        if path == PRIVACY_PAGE[0]:
            extra = {"copie_hors_ligne": {name: f"{size / 1e6:.1f}".replace(".", ",")
                                          for name, size in offline_copy_sizes(output, not_copied).items()}}
        values = {"page": path, "adresse": public_path(path), "integre": False, "proposition": False, **extra}
        output.add(path, env.get_template(template).render(context, **values))
    return [public_path(path) for path, _, _ in [*pages, (*PRIVACY_PAGE, {})] if path != "404.html"]


# The story ------------------------------------------------------------------------------

def held_prices_json(published) -> str:
    """tarifs/<version>.json: a published price list's rules and the days it was the site's
    (browser.held_prices reads it)."""
    return json.dumps({"depuis": published.since.isoformat(),
                       "jusqu_au": published.until.isoformat() if published.until else None,
                       "regles": json.loads(rules_for_browser(published.rules))},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def normalise_base_url(base_url: str) -> str:
    return "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"


def build(out_dir: Path, base_url: str = "/", rules_dir: Path = ROOT / "rules",
          site_origin: str = DEFAULT_ORIGIN, test_hooks: bool = False) -> Output:
    base_url, site_origin = normalise_base_url(base_url), site_origin.rstrip("/")
    output = Output()
    with step("1. règles chargées et validées, avec les tarifs déjà publiés"):
        rules, _raw = load_rules(rules_dir)
        identity = load_identity(rules_dir)
        version = version_of(rules_texts(rules_dir))
        try:
            published = published_versions(rules_dir, build_day(rules))
        except HistoryError as error:
            raise BuildError(str(error)) from None
    for report in (missing_report(identity), missing_conditions(rules.contract)):
        if report:
            print(f"  Attention : {report}")
    with step("2. montants et horaires des pages calculés"):
        data = compute_page_data(rules, reference_year(rules), identity, version)
    with step("3. fichiers du navigateur (Pyodide, Python en bytecode, moteur, règles)"):
        assets = bundle_assets(output, rules, precompile_tour(rules, data), data["annees"][0])
    inline = inline_scripts(SITE / "static")        # ({name: script}, the CSP that allows them)
    not_copied = {path for need in NOT_COPIED_OFFLINE for path in assets["wheels"][need]}
    with step("4. pages rendues"):
        icons = add_app_icons(output)
        public_pages = render_pages(output, data, assets, base_url, site_origin, inline, icons, not_copied, test_hooks)
    with step("5. fichiers d'hébergement (service worker, manifeste, intégration, _headers, sitemap, robots)"):
        output.add(WEB_MANIFEST, web_manifest(base_url, rules.texts.company, icons))
        construction = stamp_build_id(output)
        output.add(SERVICE_WORKER[1], (SITE / "static" / SERVICE_WORKER[0]).read_bytes())
        output.add(PRECACHE, precache_json(output, base_url, public_pages, construction, not_copied, assets["demarrage"]))
        output.add(EMBED_SCRIPT[1], (SITE / "static" / EMBED_SCRIPT[0]).read_bytes())
        output.add(EMBED_PARAMETERS, embed_parameters_json(entry.name for entry in rules.catalogue.entries))
        output.add("_headers", headers_file(base_url, public_pages, inline[1], embedded=[public_path(EMBED_PAGE)],
                                            stable=[SERVICE_WORKER[1], PRECACHE, EMBED_SCRIPT[1], EMBED_PARAMETERS],
                                            shared=[EMBED_PARAMETERS]))
        output.add("sitemap.xml", sitemap_xml(site_origin, base_url, [page for page in public_pages
                                                                       if page not in (public_path(EMBED_PAGE), PROPOSAL_PATH)]))
        output.add("robots.txt", robots_txt(site_origin, base_url))
        # Each price list a proposal may name, under its version: a proposal holds its prices.
        for published_version, price_list in published.items():
            output.add(f"tarifs/{published_version}.json", held_prices_json(price_list))
    with step(f"6. site écrit dans {out_dir}"):
        write_output(output, out_dir)
    return output


def main(argv=None) -> int:
    with in_french():
        parser = argparse.ArgumentParser(description="Construit le site statique des tarifs.")
    parser.add_argument("--out", default="dist", help="dossier de sortie (dist/ par défaut)")
    parser.add_argument("--base-url", default=BASE_PATH,
                        help="chemin d'hébergement, par ex. /tarifs/ (ou l'adresse complète https://hôte/tarifs/)")
    parser.add_argument("--rules", default=str(ROOT / "rules"), help="dossier des règles YAML")
    parser.add_argument("--site-origin", default=DEFAULT_ORIGIN, help="origine publique, pour les URL canoniques")
    with in_french():
        args = parser.parse_args(argv)
    try:
        site_origin, base_url = site_address(args.base_url, args.site_origin, DEFAULT_ORIGIN)
    except BaseUrlError as error:
        print(f"Construction refusée, site non modifié : {error}", file=sys.stderr)
        return 2
    try:
        output = build(Path(args.out), base_url, Path(args.rules), site_origin)
    except RulesError as error:
        print(f"Erreur dans les règles, site non modifié : {error}", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"Échec de la construction, site non modifié : {error}", file=sys.stderr)
        return 1
    size = sum(len(data) for data in output.files.values())
    print(f"Site construit dans {args.out}/ : {len(output.files)} fichiers, {size / 1e6:.1f} Mo.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
