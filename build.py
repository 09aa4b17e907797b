"""Build the static site: load rules -> compute with the engine -> render -> write.

    python build.py --out dist --base-url /

The output is written to a temporary folder next to --out and moved into place only
when every step succeeded, so a failed build leaves the previous site untouched.
"""

import argparse
import base64
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from calculator.errors import RulesError
from calculator.estimate import estimate_query
from calculator.inputs import PARAMS
from calculator.load import load_rules
from calculator.coverage import TIME_ZONE, utc_offset, yearly_hours
from calculator.french import MODE_TEXT, format_hours, format_range
from calculator.offer import (STATUS_TEXT, holidays_table, hours_summary, price_list_date, rate_card, schedule_lines,
                              week_rows)
from calculator.reunion_holidays import reunion_holidays
from calculator.report import estimate_view
from calculator.rules import LEVEL_NUMBERS, rules_to_jsonable

ROOT = Path(__file__).resolve().parent
SITE = ROOT / "site"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
WHEEL_CACHE = ROOT / "build-cache" / "wheels"
# Shipped to the browser, loaded after the first estimate (prices do not need them):
# public holidays for the support status, segno for the QR code of the link. Their code
# runs in every visitor's browser, so each wheel is pinned to its sha256 (as on PyPI).
BROWSER_WHEELS = {
    "holidays==0.109": "7d39c910167116d41fa6aae18d5e72b4541700cdd37743d799c83db3419201b0",
    "python-dateutil==2.9.0.post0": "a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427",
    "six==1.17.0": "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274",
    "segno==1.6.6": "28c7d081ed0cf935e0411293a465efd4d500704072cdb039778a2ab8736190c7",
}
# What the browser needs of the Pyodide npm package; the rest (console, typings, maps) is not shipped.
# The standard library and the lock file are shipped as our own assets (see bundle_assets).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
PRECOMPILE = ROOT / "precompile"
# The browser's Python runs as `python -OO` would: the standard library arrives compiled
# without docstrings (to keep its download within the floor's), so what is compiled in the
# browser must drop them too: some modules read the docstrings of others (email.policy).
BROWSER_PYTHON_ENV = {"PYTHONOPTIMIZE": "2"}
# Where the worker unpacks the engine and the wheels in Pyodide's file system; the bytecode
# names it in its file names, so the precompile step unpacks there too.
BROWSER_LIB = "/lib/prisme"
# How long the engine client (moteur.js) waits: Pyodide's first start on a slow phone, then
# one answer (an estimate takes milliseconds once Python runs). Past them the page shows its
# fallback, and a late answer is dropped.
ENGINE_DELAYS_MS = {"demarrage": 60000, "reponse": 10000}
BYTECODE_CACHE = ROOT / "build-cache" / "bytecode"
BYTECODE_CACHE_ENTRIES = 6
PRECOMPILE_TIMEOUT_S = 600
# Engine modules the browser imports; the CLI and the YAML loader stay on the build side.
ENGINE_EXCLUDED = {"cli.py", "load.py", "compare.py", "__main__.py"}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # byte-identical archives from one build to the next

# Everything comes from our own origin; Pyodide needs only 'wasm-unsafe-eval' to compile, and
# the one inline script (the deploy recovery, RECOVERY_SCRIPT) is allowed by its hash.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {inline}; worker-src 'self'; "
                           "connect-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")
# Inlined in every page: it must run even when the page's hashed scripts are gone.
RECOVERY_SCRIPT = "recharge.js"
SECURITY_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}
# Content-hashed files never change; pages and the service worker are revalidated every time.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class BuildError(Exception):
    """A build step failed for a reason other than the rules."""


@dataclass
class Output:
    """The files of the site, path (relative, with slashes) -> bytes."""
    files: dict = field(default_factory=dict)

    def add(self, path: str, content) -> str:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content
        return path

    def add_hashed(self, folder: str, name: str, content) -> str:
        """Add under a content-hashed name, so that browsers may cache it forever."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        stem, dot, ext = name.rpartition(".")
        digest = hashlib.sha256(data).hexdigest()[:10]
        return self.add(f"{folder}/{stem}-{digest}{dot}{ext}", data)


# 1. Load and validate -----------------------------------------------------------------

def load_validated_rules(rules_dir: Path):
    return load_rules(rules_dir)


# 2. Compute what the pages need --------------------------------------------------------

def reference_year(rules) -> int:
    """The year the pages speak of ("this year and next"), in Réunion time: SOURCE_DATE_EPOCH
    when set (the Makefile and CI set it to the commit's date, so that a rebuild of the same
    commit gives the same bytes; the yearly CI run sets it to the day), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.astimezone(utc_offset(rules.utc_offset)).year


def compute_page_data(rules, year: int) -> dict:
    default = estimate_query(rules, "")
    years = (year, year + 1)
    calendar = reunion_holidays(years)
    levels = []
    for number in LEVEL_NUMBERS:
        text = rules.texts.levels[number]
        schedule = rules.schedules[number]
        levels.append({
            "numero": number,
            "texte": text,
            "horaires": schedule_lines(schedule),
            "semaine": week_rows(schedule),
            "heures_annees": [(y, format_hours(yearly_hours(schedule, y, calendar))) for y in years],
            "heures_semaine": hours_summary(rules, number),
            "tarifs": rate_card(rules, number),
            "priorite": rules.schedules[number].priority,
        })
    presets = [{"slug": preset.slug, "nom": preset.name, "description": preset.description,
                "estimation": estimate_view(estimate_query(rules, preset.query), rules)} for preset in rules.presets]
    return {
        "textes": rules.texts,
        "tarifs_en_vigueur": price_list_date(rules),
        "niveaux": levels,
        "statuts": STATUS_TEXT,
        "profils": presets,
        "fuseau": TIME_ZONE,
        "modes": MODE_TEXT,
        "annees": years,
        "jours_feries": holidays_table(rules, calendar),
        "estimation": estimate_view(default, rules),
        "params": PARAMS,
        "plages": {param.name: format_range(param.minimum, param.maximum) for param in PARAMS
                   if param.minimum is not None},
        "communes": sorted(rules.communes, key=lambda commune: commune.slug),
    }


# 3. Assets for the browser -------------------------------------------------------------

def deterministic_zip(entries) -> bytes:
    """entries: [(name, bytes)] -> zip bytes that depend on the contents only."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def engine_archive() -> bytes:
    package = ROOT / "calculator"
    return deterministic_zip(
        (f"calculator/{path.name}", path.read_bytes())
        for path in package.glob("*.py") if path.name not in ENGINE_EXCLUDED
    )


def browser_wheels() -> list:
    """The wheels shipped to the browser: fetched by pip once, cached, checked by sha256."""
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)

    def cached(spec):
        name, version = spec.split("==")
        prefix = f"{name.replace('-', '_')}-{version}-"
        return sorted(p for p in WHEEL_CACHE.glob("*.whl") if p.name.startswith(prefix))[:1]

    missing = [spec for spec in BROWSER_WHEELS if not cached(spec)]
    if missing:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                   "--disable-pip-version-check", "-d", str(WHEEL_CACHE), *missing]
        if subprocess.run(command).returncode != 0 or not all(cached(spec) for spec in missing):
            raise BuildError(f"could not download the wheels {', '.join(missing)} with pip")
    wheels = []
    for spec, expected in BROWSER_WHEELS.items():
        [wheel] = cached(spec)
        found = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if found != expected:
            raise BuildError(f"{wheel}: sha256 expected {expected}, found {found}")
        wheels.append(wheel)
    return wheels


def pyodide_version() -> str:
    package = PYODIDE_NPM / "package.json"
    if not package.exists():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` (make does it)")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def precompile_tour(rules, data: dict) -> dict:
    """What the build asks of the engine in Pyodide before listing the modules it imported:
    every page's estimate, and the support status on a public holiday and on a working day."""
    year = data["annees"][0]
    return {"queries": ["", *(preset.query for preset in rules.presets)],
            "instants": [f"{year}-01-01T10:00:00", f"{year}-03-10T10:00:00"],
            "link": "https://reunioninformatique.com/cal/?postes=5"}


def precompiled(engine: bytes, rules_json: str, wheels, tour: dict) -> tuple:
    """(standard library, engine, [(name, wheel)]) as zips where every module the browser
    imports is bytecode for its Python: see precompile/. Made by Pyodide itself under
    Node.js, kept in build-cache/ under the hash of everything that goes in."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("Node.js is needed to precompile the Python of the browser (install nodejs)")
    names = ["engine.zip", *(f"{path.stem}.zip" for path in wheels)]
    cached = BYTECODE_CACHE / bytecode_key(node, engine, wheels, tour)
    if cached.is_dir():
        os.utime(cached)     # recently used: spared by the pruning below
    else:
        run_precompile(node, cached, engine, rules_json, wheels, tour, names)
        prune_bytecode_cache(keep=BYTECODE_CACHE_ENTRIES)
    return ((cached / "python_stdlib.zip").read_bytes(), (cached / "engine.zip").read_bytes(),
            [(name, (cached / name).read_bytes()) for name in names[1:]])


def bytecode_key(node: str, engine: bytes, wheels, tour: dict) -> str:
    """Everything the bytecode depends on: the runtime (Pyodide's files, Node's version),
    the code and the tour it runs, and the precompile step itself. Not the rules: the
    tour imports the same modules whatever the prices say, so a price edit reuses the
    entry instead of costing every build a Pyodide run."""
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    tools = sorted(path for path in PRECOMPILE.iterdir() if path.is_file() and path.suffix in (".py", ".mjs"))
    parts = [node_version.encode(), json.dumps(BROWSER_PYTHON_ENV, sort_keys=True).encode(), BROWSER_LIB.encode(),
             *((PYODIDE_NPM / name).read_bytes() for name in (*PYODIDE_FILES, "python_stdlib.zip", "package.json")),
             engine, json.dumps(tour, sort_keys=True).encode("utf-8"),
             *(path.read_bytes() for path in wheels), *(path.name.encode() + path.read_bytes() for path in tools)]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:20]


def run_precompile(node: str, cached: Path, engine: bytes, rules_json: str, wheels, tour: dict, names) -> None:
    BYTECODE_CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=BYTECODE_CACHE, prefix="en-cours-"))
    inputs = work / "in"
    inputs.mkdir()
    (inputs / "engine.zip").write_bytes(engine)
    (inputs / "rules.json").write_text(rules_json, encoding="utf-8")
    sources = [inputs / "engine.zip", *wheels]
    job = {"pyodide": str(PYODIDE_NPM), "rules": str(inputs / "rules.json"), "tour": tour, "env": BROWSER_PYTHON_ENV,
           "lib": BROWSER_LIB,
           "stdlib_target": str(work / "python_stdlib.zip"),
           "archives": [{"source": str(source), "target": str(work / name)} for source, name in zip(sources, names)]}
    (inputs / "job.json").write_text(json.dumps(job), encoding="utf-8")
    try:
        done = subprocess.run([node, str(PRECOMPILE / "run.mjs"), str(inputs / "job.json")],
                              capture_output=True, text=True, timeout=PRECOMPILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        shutil.rmtree(work)
        raise BuildError(f"precompile/run.mjs did not finish within {PRECOMPILE_TIMEOUT_S} s") from None
    shutil.rmtree(inputs)
    if done.returncode != 0:
        shutil.rmtree(work)
        raise BuildError(f"precompile/run.mjs failed (exit {done.returncode}): {done.stderr.strip()[-3000:]}")
    try:
        work.rename(cached)    # in place only when complete: an interrupted build leaves no half entry
    except OSError:
        shutil.rmtree(work)
        if not cached.is_dir():
            raise
        # else another build made the same entry meanwhile: same inputs, same bytes.


def prune_bytecode_cache(keep: int) -> None:
    """Each engine or rules edit makes a 6 MB entry: keep the most recently used ones."""
    def age(path):
        try:
            return time.time() - path.stat().st_mtime
        except FileNotFoundError:       # removed meanwhile by another build's pruning
            return float("inf")

    entries = sorted(BYTECODE_CACHE.iterdir(), key=age)
    finished = [entry for entry in entries if not entry.name.startswith("en-cours-")]
    # A work folder may belong to a build running now; after an hour it was left behind.
    stale = finished[keep:] + [entry for entry in entries if entry not in finished and age(entry) > 3600]
    for entry in stale:
        shutil.rmtree(entry, ignore_errors=True)


def bundle_assets(output: Output, raw_rules, tour: dict) -> dict:
    """Copy Pyodide, the engine, the rules and the static files; return their URLs."""
    version = pyodide_version()
    for name in PYODIDE_FILES:
        output.add(f"pyodide/{version}/{name}", (PYODIDE_NPM / name).read_bytes())
    rules_json = json.dumps(rules_to_jsonable(raw_rules), ensure_ascii=False, sort_keys=True)
    # The site loads no Pyodide package: its lock file needs the runtime's facts, not the
    # 120 KB list of every package of the distribution.
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    trimmed_lock = json.dumps({"info": lock["info"], "packages": {}}, sort_keys=True)
    wheels = browser_wheels()
    stdlib, engine, compiled_wheels = precompiled(engine_archive(), rules_json, wheels, tour)
    assets = {
        "pyodide": f"pyodide/{version}/",
        "lock": output.add_hashed("assets", "pyodide-lock.json", trimmed_lock),
        "stdlib": output.add_hashed("assets", "python_stdlib.zip", stdlib),
        "engine": output.add_hashed("assets", "engine.zip", engine),
        "rules": output.add_hashed("assets", "rules.json", rules_json),
        "wheels": [output.add_hashed("assets", name, data) for name, data in compiled_wheels],
    }
    for path in sorted((SITE / "static").iterdir()):
        if path.name not in (SERVICE_WORKER, RECOVERY_SCRIPT):
            assets[path.name] = output.add_hashed("assets", path.name, path.read_bytes())
    return assets


def recovery_script() -> tuple:
    """(script text, Content-Security-Policy that allows it inline and nothing else inline)."""
    text = (SITE / "static" / RECOVERY_SCRIPT).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, CONTENT_SECURITY_POLICY.format(inline=f"'sha256-{digest}'")


def build_id(assets: dict) -> str:
    """Names this build's set of hashed files: a page whose files a deploy replaced can tell."""
    return hashlib.sha256(json.dumps(assets, sort_keys=True).encode("utf-8")).hexdigest()[:12]


SERVICE_WORKER = "sw.js"     # stays at the site root under a stable name: it is registered by URL


def service_worker_script(output: Output, base_url: str, public_pages) -> str:
    """sw.js with this build's precache list; any change of page or asset gives a new worker."""
    def is_engine(path):
        return path.startswith("pyodide/") or path.endswith(".zip")
    files = sorted(path for path in output.files if path.startswith(("assets/", "pyodide/")))
    assets = [base_url + path for path in files if not is_engine(path)]
    engine = [base_url + path for path in files if is_engine(path)]
    pages = [base_url + page for page in public_pages] + [base_url + "404.html"]
    digest = hashlib.sha256()
    for path, data in sorted(output.files.items()):
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    version = digest.hexdigest()[:12]
    precache = json.dumps({"version": version, "pages": pages, "assets": assets, "engine": engine}, sort_keys=True)
    template = (SITE / "static" / SERVICE_WORKER).read_text(encoding="utf-8")
    line = 'const PRECACHE = { version: "dev", pages: [], assets: [], engine: [] };'
    if line not in template:
        raise BuildError(f"site/static/{SERVICE_WORKER}: the PRECACHE line to fill in is missing")
    return template.replace(line, f"const PRECACHE = {precache};")


# 4. Render -----------------------------------------------------------------------------

PAGES = {
    "index.html": "index.html",
    "prestations/index.html": "prestations.html",
    "cal/index.html": "cal.html",
    "404.html": "404.html",
}


def public_path(path: str) -> str:
    """"cal/index.html" -> "cal/": the address people share."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def engine_config(assets: dict, base_url: str) -> dict:
    """What a page hands to the engine client and, in its `init` message, to the Python
    worker (one JSON attribute, data-moteur)."""
    return {"pyodide": base_url + assets["pyodide"], "lock": base_url + assets["lock"],
            "stdlib": base_url + assets["stdlib"], "engine": base_url + assets["engine"],
            "rules": base_url + assets["rules"], "wheels": [base_url + wheel for wheel in assets["wheels"]],
            "env": BROWSER_PYTHON_ENV, "lib": BROWSER_LIB, "delais_ms": ENGINE_DELAYS_MS}


def render_pages(output: Output, data: dict, assets: dict, base_url: str, site_origin: str) -> list:
    """Render every page; return the public paths to list in the sitemap."""
    env = Environment(loader=FileSystemLoader(SITE / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    share_image = output.add_hashed("assets", "partage.png", share_image_png())
    recovery, csp = recovery_script()
    context = {**data, "base": base_url, "assets": assets, "asset": lambda name: base_url + assets[name],
               "moteur": engine_config(assets, base_url), "construction": build_id(assets),
               "script_recharge": Markup(recovery), "csp": csp, "origine": site_origin,
               "image_partage": f"{site_origin}{base_url}{share_image}"}
    pages = [(path, template, {}) for path, template in PAGES.items()]
    pages += [(f"prestations/niveau-{level['numero']}/index.html", "niveau.html", {"niveau": level})
              for level in data["niveaux"]]
    pages += [(f"cal/{preset['slug']}/index.html", "cal.html", {"profil": preset, "estimation": preset["estimation"]})
              for preset in data["profils"]]
    for path, template, extra in pages:
        output.add(path, env.get_template(template).render(context, page=path, adresse=public_path(path), **extra))
    return [public_path(path) for path, _, _ in pages if path != "404.html"]


def headers_file(base_url: str, pages) -> str:
    """`_headers` (Netlify / Cloudflare Pages syntax): security headers and cache policy.

    Hosts add up the values of every rule that matches a path, so each path gets its
    Cache-Control from exactly one rule: pages and sw.js are revalidated, hashed assets kept."""
    revalidated = [base_url + page for page in pages] + [base_url + "404.html", base_url + SERVICE_WORKER]
    # frame-ancestors is only honoured in a header, not in the pages' <meta>.
    csp = recovery_script()[1] + "; frame-ancestors 'none'"
    rules = [(f"{base_url}*", {"Content-Security-Policy": csp, **SECURITY_HEADERS})]
    rules += [(path, {"Cache-Control": REVALIDATE}) for path in revalidated]
    rules += [(f"{base_url}{folder}/*", {"Cache-Control": IMMUTABLE}) for folder in ("assets", "pyodide")]
    lines = []
    for path, headers in rules:
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def share_image_png(width=1200, height=630) -> bytes:
    """The Open Graph / Twitter card image: the favicon's monitor, drawn as a PNG here so
    that the build needs no image library and the bytes never change."""
    blue, white = b"\x0b\x4f\x8a", b"\xff\xff\xff"
    screen = (360, 150, 840, 420)            # left, top, right, bottom of the monitor
    border = 28

    def pixel(x, y):
        left, top, right, bottom = screen
        in_frame = left <= x < right and top <= y < bottom and not (
            left + border <= x < right - border and top + border <= y < bottom - border)
        in_stand = (585 <= x < 615 and bottom <= y < 500) or (480 <= x < 720 and 500 <= y < 528)
        return white if in_frame or in_stand else blue

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def sitemap_xml(site_origin: str, base_url: str, pages) -> str:
    urls = "".join(f"  <url><loc>{site_origin}{base_url}{page}</loc></url>\n" for page in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def robots_txt(site_origin: str, base_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_origin}{base_url}sitemap.xml\n"


# 5. Write ------------------------------------------------------------------------------

def write_output(output: Output, out_dir: Path) -> None:
    """Write everything to a sibling temporary folder, then swap it into place."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        for path, data in sorted(output.files.items()):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        old = out_dir.with_name(f".{out_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def normalise_base_url(base_url: str) -> str:
    return "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"


DEFAULT_ORIGIN = "https://reunioninformatique.com"


def build(out_dir: Path, base_url: str = "/", rules_dir: Path = ROOT / "rules",
          site_origin: str = DEFAULT_ORIGIN) -> Output:
    base_url, site_origin = normalise_base_url(base_url), site_origin.rstrip("/")
    rules, raw = load_validated_rules(rules_dir)
    data = compute_page_data(rules, reference_year(rules))
    output = Output()
    assets = bundle_assets(output, raw, precompile_tour(rules, data))
    public_pages = render_pages(output, data, assets, base_url, site_origin)
    output.add(SERVICE_WORKER, service_worker_script(output, base_url, public_pages))
    output.add("_headers", headers_file(base_url, public_pages))
    output.add("sitemap.xml", sitemap_xml(site_origin, base_url, public_pages))
    output.add("robots.txt", robots_txt(site_origin, base_url))
    write_output(output, out_dir)
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Construit le site statique des tarifs.")
    parser.add_argument("--out", default="dist", help="dossier de sortie (dist/ par défaut)")
    parser.add_argument("--base-url", default="/", help="chemin d'hébergement, par ex. /tarifs/")
    parser.add_argument("--rules", default=str(ROOT / "rules"), help="dossier des règles YAML")
    parser.add_argument("--site-origin", default=DEFAULT_ORIGIN, help="origine publique, pour les URL canoniques")
    args = parser.parse_args(argv)
    try:
        output = build(Path(args.out), args.base_url, Path(args.rules), args.site_origin)
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
