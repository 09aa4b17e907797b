"""The wheels shipped to the browser, each downloaded by the worker only when a request
needs it (prices never do): segno for the QR code of the link, and the `holidays` package
for a support status beyond the years the build wrote down (build.HOLIDAY_TABLE_YEARS)."""

import hashlib
import subprocess
import sys
from pathlib import Path

from .output import BuildError

WHEEL_CACHE = Path(__file__).resolve().parent.parent / "build-cache" / "wheels"
# Their code runs in every visitor's browser, so each wheel is pinned to its sha256 (as on PyPI).
BROWSER_WHEELS = {
    "holidays==0.109": "7d39c910167116d41fa6aae18d5e72b4541700cdd37743d799c83db3419201b0",
    "python-dateutil==2.9.0.post0": "a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427",
    "six==1.17.0": "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274",
    "segno==1.6.6": "28c7d081ed0cf935e0411293a465efd4d500704072cdb039778a2ab8736190c7",
}
# Which worker request needs which wheels (worker/engine-worker.mjs names the same needs).
WHEEL_NEEDS = {
    "qr": ("segno==1.6.6",),
    "jours_feries": ("holidays==0.109", "python-dateutil==2.9.0.post0", "six==1.17.0"),
}


# Left out of the offline copy (sw.js): needed only for a year beyond the build's table, they
# would cost every phone that used the calculator 2.5 MB of .zip (no gzip) for nothing
# it can see. Offline in such a year, the pages keep their weekly support hours, without
# the live status.
NOT_COPIED_OFFLINE = ("jours_feries",)


def wheel_need(spec: str) -> str:
    [need] = [need for need, specs in WHEEL_NEEDS.items() if spec in specs]
    return need


def browser_wheels() -> list:
    """The wheels shipped to the browser, as [(need, path)]: fetched by pip once, cached,
    checked by sha256."""
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
            raise BuildError(f"téléchargement par pip impossible pour les wheels {', '.join(missing)}")
    wheels = []
    for spec, expected in BROWSER_WHEELS.items():
        [wheel] = cached(spec)
        found = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if found != expected:
            raise BuildError(f"{wheel} : sha256 attendu {expected}, trouvé {found}")
        wheels.append((wheel_need(spec), wheel))
    return wheels
