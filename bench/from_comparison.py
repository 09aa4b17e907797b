"""The calculator reached from the comparison: is it warm?

A prospect reads /prestations/ and then clicks « Calculer ma maintenance ». This opens /cal/
in a brand-new profile two ways, interleaved pass by pass: cold (straight to /cal/), and after
5 s on /prestations/ (which prefetches the calculator's start-up files when idle), by
clicking the header's link. It reports the time to the engine's first estimate on /cal/ (from
the navigation's start) and the ratio of the two, and writes bench/latest-depuis-comparaison[-reseau-M-R].json.

    .venv/bin/python bench/from_comparison.py [--runs 5] [--reseau 10,40]
"""

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.network import SharedLink, throttled_handler  # noqa: E402
from bench.run import ByteLog, counting_handler, median, serve_site, wait_value  # noqa: E402
from chromium import launch_options  # noqa: E402

READING_S = 5          # the protocol: the time a prospect spends on the comparison first
TARGET_RATIO = 0.4     # localhost: at most this share of the cold time
WAYS = ("froid", "depuis_prestations")
# /cal/ without a link shows its prerendered figures at once: what the prospect waits for is
# the engine's answer to the page's first question (page/boot.mjs asks it from <head>), which
# the first edit needs: the page's store says when it is painted (html[data-phase] "ready").
# Recorded when it arrives, on the page's clock.
ENGINE_PROBE = """
window.__moteur = null;
window.__prerendu = document.prerendering === true;
addEventListener("DOMContentLoaded", () => {
  const root = document.documentElement;
  const answered = new Promise((resolve) => {
    const seen = () => root.dataset.phase === "ready" && (resolve(performance.now()), true);
    if (!seen()) new MutationObserver((_, observer) => seen() && observer.disconnect())
      .observe(root, { attributes: true, attributeFilter: ["data-phase"] });
  });
  // A prerendered page's clock starts with the prerender: its time counts from its activation.
  const shown = document.prerendering
    ? new Promise((resolve) => document.addEventListener("prerenderingchange", resolve, { once: true }))
    : Promise.resolve();
  Promise.all([answered, shown]).then(([at]) => {
    const activation = (performance.getEntriesByType("navigation")[0] || {}).activationStart || 0;
    window.__moteur = Math.max(0, at - activation);
  });
});
"""


def visit(playwright, launch, base, way) -> dict:
    profile = tempfile.mkdtemp(prefix="bench-profil-")
    context = playwright.chromium.launch_persistent_context(profile, **launch)
    context.add_init_script(ENGINE_PROBE)
    page = context.pages[0] if context.pages else context.new_page()
    warmed = None
    if way == "froid":
        page.goto(base + "/cal/", timeout=300_000)
    else:
        page.goto(base + "/prestations/", timeout=300_000)
        time.sleep(READING_S)
        warmed = page.evaluate("document.documentElement.dataset.prechauffage || null")
        page.click("header a[href$='/cal/']")
        page.wait_for_url("**/cal/")
    result = {"pret_ms": wait_value(page, "window.__moteur", timeout_s=600), "prechauffage_apres_5_s": warmed,
              "prerendu": page.evaluate("window.__prerendu")}
    context.close()
    shutil.rmtree(profile, ignore_errors=True)
    return result


def summarise(runs: dict, network) -> dict:
    cold = median([run["pret_ms"] for run in runs["froid"]])
    warm = median([run["pret_ms"] for run in runs["depuis_prestations"]])
    ratio = warm / cold
    summary = {"froid_ms": cold, "depuis_prestations_ms": warm, "ratio": ratio,
               "ratio_apparie": median([w["pret_ms"] / c["pret_ms"] for c, w in zip(runs["froid"], runs["depuis_prestations"])]),
               "prechauffage_fini_en_5_s": sum(run["prechauffage_apres_5_s"] == "copie" for run in runs["depuis_prestations"])}
    if network is None:
        summary.update({"cible": f"<= {TARGET_RATIO} x froid", "tenue": ratio <= TARGET_RATIO})
    else:
        summary["reseau"] = {"mbit_s": network[0], "aller_retour_ms": network[1]}
    return summary


def table(summary: dict) -> str:
    network = summary.get("reseau")
    where = f"Réseau : {network['mbit_s']:g} Mbit/s, aller-retour {network['aller_retour_ms']:g} ms" if network else "Localhost"
    held = "oui" if summary.get("tenue") else ("NON" if "tenue" in summary else "")
    return "\n".join([
        f"{where} : première estimation sur /cal/",
        "| mesure | à froid | depuis /prestations/ (5 s) | ratio | cible | tenue |", "|---|---|---|---|---|---|",
        f"| Première estimation | {summary['froid_ms'] / 1000:.2f} s | {summary['depuis_prestations_ms'] / 1000:.2f} s | "
        f"{summary['ratio']:.2f} | {summary.get('cible', 'mesurée')} | {held} |",
        f"| Ratio passe par passe (médiane) | | | {summary['ratio_apparie']:.2f} | | |",
        f"| Passes où la copie de démarrage était finie après 5 s | | {summary['prechauffage_fini_en_5_s']} | | | |"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reseau", metavar="MBIT_S,ALLER_RETOUR_MS", help="par ex. 10,40")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    network = tuple(float(part) for part in args.reseau.split(",")) if args.reseau else None
    with tempfile.TemporaryDirectory() as folder:
        log = ByteLog()
        handler = throttled_handler(SharedLink(*network), log) if network else counting_handler(log)
        server, base = serve_site(Path(folder), handler)
        with sync_playwright() as playwright:
            launch = launch_options(playwright.chromium.executable_path)
            runs = {way: [] for way in WAYS}
            for number in range(args.runs):
                for way in WAYS:
                    runs[way].append(visit(playwright, launch, base, way))
                print(f"passe {number + 1}/{args.runs} terminée", file=sys.stderr)
            browser = playwright.chromium.launch(**launch)
            version = browser.version
            browser.close()
        server.shutdown()
    summary = summarise(runs, network)
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": {"systeme": platform.platform(), "processeurs": os.cpu_count(), "chromium": version,
                          "passes": args.runs},
              "resume": summary, "passes": runs}
    suffix = f"-reseau-{network[0]:g}-{network[1]:g}" if network else ""
    (ROOT / "bench" / f"latest-depuis-comparaison{suffix}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
