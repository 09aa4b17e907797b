"""Build the static site: load rules -> compute with the engine -> render -> write.

    python build.py --out dist --base-url /

The output is written to a temporary folder next to --out and moved into place only
when every step succeeded, so a failed build leaves the previous site untouched.
"""

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from calculator.errors import RulesError
from calculator.estimate import estimate_query
from calculator.inputs import PARAMS
from calculator.load import load_rules
from calculator.offer import STATUS_TEXT, hours_summary, rate_card, schedule_lines
from calculator.report import estimate_view
from calculator.rules import LEVEL_NUMBERS, rules_to_jsonable

ROOT = Path(__file__).resolve().parent
SITE = ROOT / "site"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
WHEEL_CACHE = ROOT / "build-cache" / "wheels"
# Shipped to the browser, loaded after the first estimate (prices do not need them).
BROWSER_WHEELS = ("holidays==0.109", "python-dateutil==2.9.0.post0", "six==1.17.0")
# What the browser needs of the Pyodide npm package; the rest (console, typings, maps) is not shipped.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Engine modules the browser imports; the CLI and the YAML loader stay on the build side.
ENGINE_EXCLUDED = {"cli.py", "load.py", "__main__.py"}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # byte-identical archives from one build to the next


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

def compute_page_data(rules) -> dict:
    default = estimate_query(rules, "")
    levels = []
    for number in LEVEL_NUMBERS:
        text = rules.texts["niveaux"][str(number)]
        levels.append({
            "numero": number,
            "texte": text,
            "horaires": schedule_lines(rules.schedules[number]),
            "heures_semaine": hours_summary(rules, number),
            "tarifs": rate_card(rules, number),
            "priorite": rules.schedules[number].priority,
        })
    return {
        "textes": rules.texts,
        "niveaux": levels,
        "statuts": STATUS_TEXT,
        "estimation": estimate_view(default, rules),
        "params": PARAMS,
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
    """The wheels of `holidays` and its dependencies, fetched by pip once and cached."""
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    wanted = [spec.split("==") for spec in BROWSER_WHEELS]

    def cached():
        found = []
        for name, version in wanted:
            prefix = f"{name.replace('-', '_')}-{version}-"
            found += sorted(p for p in WHEEL_CACHE.glob("*.whl") if p.name.startswith(prefix))
        return found

    if len(cached()) < len(wanted):
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                   "--disable-pip-version-check", "-d", str(WHEEL_CACHE), *BROWSER_WHEELS]
        if subprocess.run(command).returncode != 0 or len(cached()) < len(wanted):
            raise BuildError(f"could not download the wheels {', '.join(BROWSER_WHEELS)} with pip")
    return cached()


def pyodide_version() -> str:
    package = PYODIDE_NPM / "package.json"
    if not package.exists():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` (make does it)")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def bundle_assets(output: Output, raw_rules) -> dict:
    """Copy Pyodide, the engine, the rules and the static files; return their URLs."""
    version = pyodide_version()
    for name in PYODIDE_FILES:
        output.add(f"pyodide/{version}/{name}", (PYODIDE_NPM / name).read_bytes())
    rules_json = json.dumps(rules_to_jsonable(raw_rules), ensure_ascii=False, sort_keys=True)
    assets = {
        "pyodide": f"pyodide/{version}/",
        "engine": output.add_hashed("assets", "engine.zip", engine_archive()),
        "rules": output.add_hashed("assets", "rules.json", rules_json),
        "wheels": [output.add_hashed("assets", wheel.name, wheel.read_bytes()) for wheel in browser_wheels()],
    }
    for path in sorted((SITE / "static").iterdir()):
        assets[path.name] = output.add_hashed("assets", path.name, path.read_bytes())
    return assets


# 4. Render -----------------------------------------------------------------------------

PAGES = {
    "index.html": "index.html",
    "prestations/index.html": "prestations.html",
    "cal/index.html": "cal.html",
    "404.html": "404.html",
}


def render_pages(output: Output, data: dict, assets: dict, base_url: str) -> None:
    env = Environment(loader=FileSystemLoader(SITE / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    context = {**data, "base": base_url, "assets": assets, "asset": lambda name: base_url + assets[name]}
    for path, template in PAGES.items():
        output.add(path, env.get_template(template).render(context, page=path))
    for level in data["niveaux"]:
        path = f"prestations/niveau-{level['numero']}/index.html"
        output.add(path, env.get_template("niveau.html").render(context, page=path, niveau=level))


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


def build(out_dir: Path, base_url: str = "/", rules_dir: Path = ROOT / "rules") -> Output:
    base_url = normalise_base_url(base_url)
    rules, raw = load_validated_rules(rules_dir)
    data = compute_page_data(rules)
    output = Output()
    assets = bundle_assets(output, raw)
    render_pages(output, data, assets, base_url)
    write_output(output, out_dir)
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Construit le site statique des tarifs.")
    parser.add_argument("--out", default="dist", help="dossier de sortie (dist/ par défaut)")
    parser.add_argument("--base-url", default="/", help="chemin d'hébergement, par ex. /tarifs/")
    parser.add_argument("--rules", default=str(ROOT / "rules"), help="dossier des règles YAML")
    args = parser.parse_args(argv)
    try:
        output = build(Path(args.out), args.base_url, Path(args.rules))
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
