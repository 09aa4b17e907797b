"""The browser's Python: Pyodide's files, the engine archive, and every module the browser
imports compiled to bytecode by Pyodide itself under Node.js (precompile/), kept in
build-cache/ under the hash of everything the bytecode depends on."""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .output import BuildError, deterministic_zip

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
# What the browser needs of the Pyodide npm package; the rest (console, typings, maps) is not shipped.
# The standard library and the lock file are shipped as our own assets (see build.bundle_assets).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
PRECOMPILE = ROOT / "precompile"
RUNTIME = ROOT / "site" / "static" / "worker" / "runtime.mjs"     # the boot sequence the worker and run.mjs share
# The browser's Python runs as `python -OO` would: the standard library arrives compiled
# without docstrings (to keep its download within the floor's), so what is compiled in the
# browser must drop them too: some modules read the docstrings of others (email.policy).
BROWSER_PYTHON_ENV = {"PYTHONOPTIMIZE": "2"}
# Where the worker unpacks the engine and the wheels in Pyodide's file system; the bytecode
# names it in its file names, so the precompile step unpacks there too.
BROWSER_LIB = "/lib/prisme"
BYTECODE_CACHE = ROOT / "build-cache" / "bytecode"
BYTECODE_CACHE_ENTRIES = 6
PRECOMPILE_TIMEOUT_S = 600
# Engine modules the browser imports; the CLI and the YAML loader stay on the build side.
ENGINE_EXCLUDED = {"cli.py", "load.py", "compare.py", "sales.py", "__main__.py", "argparse_fr.py", "typed_values.py",
                   "site_address.py", "batch_csv.py"}


def engine_archive() -> bytes:
    package = ROOT / "calculator"
    return deterministic_zip(
        (f"calculator/{path.name}", path.read_bytes())
        for path in package.glob("*.py") if path.name not in ENGINE_EXCLUDED
    )


def pyodide_version() -> str:
    package = PYODIDE_NPM / "package.json"
    if not package.exists():
        raise BuildError("node_modules/pyodide manque : lancez `npm ci` (make le fait)")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def precompiled(engine: bytes, rules_json: str, holidays_json: str, wheels, tour: dict) -> tuple:
    """(start-up standard library, later standard library, engine, [(name, wheel)]) as zips
    where every module the browser imports is bytecode for its Python, and the modules each
    later request imports, in order ({need: [name]}): see precompile/.
    Made by Pyodide itself under Node.js, kept in build-cache/ under the hash of everything
    that goes in."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("Node.js est nécessaire pour précompiler le Python du navigateur (installez nodejs)")
    names = ["engine.zip", *(f"{path.stem}.zip" for path in wheels)]
    cached = BYTECODE_CACHE / bytecode_key(node, engine, wheels, tour)
    if cached.is_dir():
        os.utime(cached)     # recently used: spared by the pruning below
    else:
        run_precompile(node, cached, engine, rules_json, holidays_json, wheels, tour, names)
        prune_bytecode_cache(keep=BYTECODE_CACHE_ENTRIES)
    return ((cached / "python_stdlib.zip").read_bytes(), (cached / "python_stdlib_later.zip").read_bytes(),
            (cached / "engine.zip").read_bytes(),
            [(name, (cached / name).read_bytes()) for name in names[1:]],
            json.loads((cached / "imports.json").read_text(encoding="utf-8")))


def bytecode_key(node: str, engine: bytes, wheels, tour: dict) -> str:
    """Everything the bytecode depends on: the runtime (Pyodide's files, Node's version),
    the code and the tour it runs, and the precompile step itself. Not the rules: the
    tour imports the same modules whatever the prices say, so a price edit reuses the
    entry instead of costing every build a Pyodide run."""
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    tools = sorted(path for path in PRECOMPILE.iterdir() if path.is_file() and path.suffix in (".py", ".mjs"))
    tools.append(RUNTIME)
    parts = [node_version.encode(), json.dumps(BROWSER_PYTHON_ENV, sort_keys=True).encode(), BROWSER_LIB.encode(),
             *((PYODIDE_NPM / name).read_bytes() for name in (*PYODIDE_FILES, "python_stdlib.zip", "package.json")),
             engine, json.dumps(tour, sort_keys=True).encode("utf-8"),
             *(path.read_bytes() for path in wheels), *(path.name.encode() + path.read_bytes() for path in tools)]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:20]


def run_precompile(node: str, cached: Path, engine: bytes, rules_json: str, holidays_json: str, wheels, tour: dict,
                   names) -> None:
    BYTECODE_CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=BYTECODE_CACHE, prefix="en-cours-"))
    inputs = work / "in"
    inputs.mkdir()
    (inputs / "engine.zip").write_bytes(engine)
    (inputs / "rules.json").write_text(rules_json, encoding="utf-8")
    (inputs / "holidays.json").write_text(holidays_json, encoding="utf-8")
    sources = [inputs / "engine.zip", *wheels]
    job = {"pyodide": str(PYODIDE_NPM), "runtime": str(RUNTIME), "rules": str(inputs / "rules.json"), "holidays": str(inputs / "holidays.json"),
           "tour": tour, "env": BROWSER_PYTHON_ENV,
           "lib": BROWSER_LIB,
           "stdlib_target": str(work / "python_stdlib.zip"),
           "later_stdlib_target": str(work / "python_stdlib_later.zip"),
           "imports_target": str(work / "imports.json"),
           "archives": [{"source": str(source), "target": str(work / name)} for source, name in zip(sources, names)]}
    (inputs / "job.json").write_text(json.dumps(job), encoding="utf-8")
    try:
        done = subprocess.run([node, str(PRECOMPILE / "run.mjs"), str(inputs / "job.json")],
                              capture_output=True, text=True, timeout=PRECOMPILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        shutil.rmtree(work)
        raise BuildError(f"precompile/run.mjs n'a pas fini en {PRECOMPILE_TIMEOUT_S} s") from None
    shutil.rmtree(inputs)
    if done.returncode != 0:
        shutil.rmtree(work)
        raise BuildError(f"échec de precompile/run.mjs (code {done.returncode}) : {done.stderr.strip()[-3000:]}")
    try:
        work.rename(cached)    # in place only when complete: an interrupted build leaves no half entry
    except OSError:
        shutil.rmtree(work)
        if not cached.is_dir():
            raise
        # else another build made the same entry meanwhile: same inputs, same bytes.


def prune_bytecode_cache(keep: int) -> None:
    """Each engine or precompile edit makes a 6 MB entry: keep the most recently used ones."""
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
