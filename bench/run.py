"""Benchmark: /cal/ against bare Pyodide (the floor), in headless Chromium. `make bench`.

Builds the site, adds the floor pages, serves both on localhost with a server that counts
the bytes it sends, then measures, interleaved and with a fresh browser context per cold
run: time to the first estimate (cold and warm), recompute latency, main-thread blocking,
bytes before the first estimate and in total. Prints one table and writes bench/latest.json.
Ratios come from the same run: the machine is noisy, absolute times are not comparable.

`--reseau 10,40` (Mbit/s, round-trip ms) measures instead a prefilled link opened cold over
one shared link of that speed, from a server that gzips as GitHub Pages does (network.py):
time to the first estimate and wire bytes before it, against the floor over the same link.
It writes bench/latest-reseau-<Mbit/s>-<ms>.json.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from build_steps.browser_python import PYODIDE_NPM, pyodide_version  # noqa: E402
from serve import SiteHandler, make_server  # noqa: E402
from chromium import launch_options  # noqa: E402
from bench.network import SharedLink, throttled_handler  # noqa: E402

LINK = "/cal/?postes=7&serveurs=1&imagerie=2&commune=saint-paul"
# A proposal's address opened cold: its figures (and QR code) against the same floor (issue 27).
PROPOSAL_LINK = "/cal/proposition/?niveau=2&postes=7&serveurs=1&imagerie=2&commune=saint-paul"
TARGETS = {"plancher_worker": "/bench-floor/worker.html", "plancher_principal": "/bench-floor/main.html", "site": LINK,
           "proposition": PROPOSAL_LINK}
RECOMPUTES = 40            # changes of `postes`, 100 ms apart
FIRST_EDITS = 3            # made as soon as the first estimate is there
# Then one edit every 0.45 s while the page loads what prices do not need (status, charts,
# the QR code with the rest of the standard library and segno, the offline copy), until
# the QR code is shown and the offline copy done (at least 13 edits, at most 80): the pace
# lets the QR code's 0.4 s delay run out between two edits.
LOADING_EDITS = {"count": 13, "pause": 450, "untilLoaded": True, "most": 80}
# The page has loaded what prices do not need: the QR code is shown and the offline copy done.
LOADED_TEST = """!document.getElementById("qr-figure").hidden && document.documentElement.dataset.horsLigne === 'pret'"""
LOADED = f"() => {LOADED_TEST}"
TARGETS_DEFINITION = {   # name -> (limit, how it is compared)
    "premiere_estimation_froid": (1.10, "ratio"),
    "premiere_estimation_chaud": (1.10, "ratio"),
    "recalcul_p95_ms": (16, "absolute"),
    "premieres_modifications_max_ms": (50, "absolute"),
    "modifications_pendant_chargements_max_ms": (50, "absolute"),
    "blocage_fil_principal_ms": (50, "absolute"),
    "octets_avant_estimation": (1.05, "ratio"),
    "proposition_max_ms": (300, "absolute"),
    "proposition_froid": (1.10, "ratio"),
}
# « Établir la proposition » on each level's card, once the page has settled: from the click to
# the frame that shows the proposal's figures (issue 27), then back to the estimate.
PROPOSAL_OPEN = """async (level) => {
  const root = document.documentElement;
  const start = performance.now();
  document.querySelector(`#niveau-${level} [data-proposition-niveau]:not([data-demander])`).click();
  await new Promise((resolve) => { const check = () => (root.dataset.proposition === "prete" ? resolve() : setTimeout(check, 1)); check(); });
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const elapsed = performance.now() - start;
  history.back();
  await new Promise((resolve) => { const check = () => (root.dataset.proposition === "fermee" ? resolve() : setTimeout(check, 5)); check(); });
  return elapsed;
}"""

# Injected before any page script: records when <html data-calcul> turns "pret", the first
# contentful paint, and long tasks.
PROBE = """
window.__bench = { pret: null, proposition: null, propositionQr: null, fcp: null, longtasks: [], prerendu: null };
new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longtasks.push([e.startTime, e.duration]); })
  .observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name === "first-contentful-paint" && __bench.fcp === null) {
    __bench.fcp = e.startTime;
    const out = document.getElementById("total-ht-2");
    __bench.prerendu = Boolean(out && out.dataset.value && out.textContent.trim());
  }
}).observe({ type: "paint", buffered: true });
new MutationObserver(() => {
  if (__bench.pret === null && document.documentElement.dataset.calcul === "pret") __bench.pret = performance.now();
  // A proposal's figures: its QR code may follow (a cold address shows the figures first).
  if (__bench.proposition === null && ["chiffres", "prete"].includes(document.documentElement.dataset.proposition)) __bench.proposition = performance.now();
  if (__bench.propositionQr === null && document.documentElement.dataset.proposition === "prete") __bench.propositionQr = performance.now();
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-calcul", "data-proposition"] });
"""

# Each edit is also marked (performance.mark) for bench/trace.py, as `modification<tag>-<i>`.
RECOMPUTE = """async ({ count, pause, untilLoaded = false, most = count, tag = "" }) => {
  const field = document.getElementById("champ-postes");
  const output = document.getElementById("total-ht-2");
  const loaded = () => LOADED_TEST;
  const times = [];
  for (let i = 0; i < most && (i < count || (untilLoaded && !loaded())); i++) {
    const before = output.dataset.value;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (output.dataset.value !== before) { observer.disconnect(); resolve(); }
      });
      observer.observe(output, { attributes: true });
    });
    const start = performance.now();
    performance.mark(`modification${tag}-${i}-debut`);
    field.value = String(8 + i);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    await changed;
    times.push(performance.now() - start);
    performance.mark(`modification${tag}-${i}-fin`);
    // A fast typist's pace (100 ms): the page renders between two keystrokes, as it would for a visitor.
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return times;
}""".replace("LOADED_TEST", LOADED_TEST)


class ByteLog:
    """What the server sent: (epoch ms at the start of the request, bytes, path)."""

    def __init__(self):
        self.entries, self.lock, self.last_activity_ms = [], threading.Lock(), 0.0

    def add(self, started_ms, size, path):
        with self.lock:
            self.entries.append((started_ms, size, path))
            self.last_activity_ms = time.time() * 1000

    def clear(self):
        with self.lock:
            self.entries = []

    def bytes_until(self, epoch_ms=None):
        with self.lock:
            return sum(size for start, size, _ in self.entries if epoch_ms is None or start <= epoch_ms)

    def paths_until(self, epoch_ms):
        with self.lock:
            return sorted({path for start, _, path in self.entries if start <= epoch_ms})

    def wait_quiet(self, quiet_s=2.0, limit_s=30.0):
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            with self.lock:
                last = self.last_activity_ms
            if time.time() * 1000 - last > quiet_s * 1000:
                return
            time.sleep(0.2)


def counting_handler(log: ByteLog):
    class CountingHandler(SiteHandler):
        def parse_request(self):
            self.started_ms = time.time() * 1000
            return super().parse_request()

        def copyfile(self, source, outputfile):
            data = source.read()
            outputfile.write(data)
            log.add(self.started_ms, len(data), self.path)
    return CountingHandler


def prepare_site(folder: Path) -> Path:
    out = folder / "site"
    build.build(out, test_hooks=True)     # the worker's start-up timings, read below
    floor = out / "bench-floor"
    shutil.copytree(ROOT / "bench" / "floor", floor)
    version = pyodide_version()
    # The floor is stock Pyodide: its own standard library (source) and full lock file,
    # which the site does not ship (it has its own precompiled copy and a trimmed lock).
    for name in ("python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy(PYODIDE_NPM / name, out / "pyodide" / version / name)
    for page in floor.glob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace("VERSION", version), encoding="utf-8")
    return out


def wait_value(page, expression: str, timeout_s=120):
    """The page's value of `expression` once it is set (polled: the page's own clock says when)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value is not None:
            return value
        time.sleep(0.02)
    raise RuntimeError(f"{page.url}: no {expression} within {timeout_s} s")


def wait_pret(page, timeout_s=120, hook="pret"):
    return wait_value(page, f"window.__bench && window.__bench.{hook}", timeout_s)


def blocking_ms(probe) -> float:
    start, end = probe["fcp"] or 0, probe["pret"]
    return sum(max(0.0, duration - 50) for begin, duration in probe["longtasks"] if start <= begin <= end)


def browser_clock_offset_ms(page) -> float:
    """Browser epoch minus Python epoch, to place the first estimate on the server's clock."""
    before = time.time() * 1000
    browser_now = page.evaluate("performance.timeOrigin + performance.now()")
    after = time.time() * 1000
    return browser_now - (before + after) / 2


EDIT_KEYS = ("premieres_modifications_ms", "modifications_pendant_chargements_ms",
             "chargements_finis_pendant_les_modifications")


def edits_after_first_estimate(page) -> dict:
    """A link's edits, timed: FIRST_EDITS right after its first estimate, then LOADING_EDITS
    while the rest loads; and whether the rest was loaded within them."""
    first = page.evaluate(RECOMPUTE, {"count": FIRST_EDITS, "pause": 100, "tag": "-premiere"})
    loading = page.evaluate(RECOMPUTE, dict(LOADING_EDITS, tag="-pendant-chargements"))
    return dict(zip(EDIT_KEYS, (first, loading, page.evaluate(LOADED))))


def measure_load(page, url, log: ByteLog, first_edits: bool = False, hook: str = "pret") -> dict:
    log.clear()
    page.goto(url)
    pret = wait_pret(page, hook=hook)
    edits = edits_after_first_estimate(page) if first_edits else dict.fromkeys(EDIT_KEYS)
    probe = page.evaluate("window.__bench")
    pret_epoch = page.evaluate("performance.timeOrigin") + pret - browser_clock_offset_ms(page)
    before = log.bytes_until(pret_epoch)
    paths_before = log.paths_until(pret_epoch)
    log.wait_quiet()
    return {"pret_ms": pret, "fcp_ms": probe["fcp"], "blocage_ms": blocking_ms(probe),
            "octets_avant": before, "octets_total": log.bytes_until(), "fichiers_avant": paths_before, **edits,
            "trace_worker": page.evaluate("JSON.parse(document.documentElement.dataset.engineTimings || 'null')")}


def run_once(playwright, launch, base, name, path, log) -> dict:
    """One cold visit in a brand-new profile (with a real disk cache, as a visitor's browser
    has), then one warm visit in the same profile."""
    profile = tempfile.mkdtemp(prefix="bench-profil-")
    context = playwright.chromium.launch_persistent_context(profile, **launch)
    context.add_init_script(PROBE)
    page = context.pages[0] if context.pages else context.new_page()
    hook = "proposition" if name == "proposition" else "pret"
    cold = measure_load(page, base + path, log, first_edits=name == "site", hook=hook)
    result = {"froid": cold}
    if name == "site":
        # Steady state: the offline copy, the holidays data and the QR code are in place.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        page.wait_for_selector("#qr-figure:not([hidden])", timeout=60_000)
        page.wait_for_selector("#support-status-3[data-ouvert]", timeout=60_000)
        page.wait_for_selector('html[data-hors-ligne="pret"]', timeout=120_000)
        result["recalcul_ms"] = page.evaluate(RECOMPUTE, {"count": RECOMPUTES, "pause": 100})
        result["proposition_ms"] = [page.evaluate(PROPOSAL_OPEN, level) for level in (1, 2, 3, 2)]
    log.wait_quiet()
    result["chaud"] = measure_load(page, base + path, log, hook=hook)
    context.close()
    shutil.rmtree(profile, ignore_errors=True)
    return result


def prerender_check(browser, base) -> dict:
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(base + "/cal/")
    page.wait_for_load_state("load")
    time.sleep(0.5)
    probe = page.evaluate("window.__bench")
    context.close()
    return {"fcp_ms": probe["fcp"], "estimation_au_premier_affichage": bool(probe["prerendu"])}


def median(values):
    return statistics.median(values) if values else None


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(runs: dict, prerender: dict) -> dict:
    def med(name, phase, key):
        return median([run[phase][key] for run in runs[name]])

    floor = {phase: min(("plancher_worker", "plancher_principal"), key=lambda n: med(n, phase, "pret_ms"))
             for phase in ("froid", "chaud")}
    recompute = [t for run in runs["site"] for t in run["recalcul_ms"]]
    summary = {
        "premiere_estimation_froid": {"site": med("site", "froid", "pret_ms"),
                                      "plancher": med(floor["froid"], "froid", "pret_ms"), "plancher_choisi": floor["froid"]},
        "premiere_estimation_chaud": {"site": med("site", "chaud", "pret_ms"),
                                      "plancher": med(floor["chaud"], "chaud", "pret_ms"), "plancher_choisi": floor["chaud"]},
        "recalcul_p50_ms": {"site": percentile(recompute, 0.5)},
        "recalcul_p95_ms": {"site": percentile(recompute, 0.95)},
        "premieres_modifications_max_ms": {"site": max(t for run in runs["site"]
                                                       for t in run["froid"]["premieres_modifications_ms"])},
        "modifications_pendant_chargements_max_ms": {"site": max(
            t for run in runs["site"] for t in run["froid"]["modifications_pendant_chargements_ms"]),
            "passes_chargements_finis": sum(bool(run["froid"]["chargements_finis_pendant_les_modifications"])
                                            for run in runs["site"])},
        "blocage_fil_principal_ms": {"site": med("site", "froid", "blocage_ms")},
        "octets_avant_estimation": {"site": med("site", "froid", "octets_avant"),
                                    "plancher": med(floor["froid"], "froid", "octets_avant")},
        "octets_total": {"site": med("site", "froid", "octets_total"),
                         "plancher": med(floor["froid"], "froid", "octets_total")},
        "prerendu_sans_parametre": prerender,
        "proposition_max_ms": {"site": max(t for run in runs["site"] for t in run["proposition_ms"])},
        "proposition_froid": {"site": med("proposition", "froid", "pret_ms"),
                              "plancher": med(floor["froid"], "froid", "pret_ms"), "plancher_choisi": floor["froid"]},
    }
    for name, (limit, kind) in TARGETS_DEFINITION.items():
        row = summary[name]
        if kind == "ratio":
            row["ratio"] = row["site"] / row["plancher"] if row["plancher"] else None
            row["tenue"] = row["ratio"] is not None and row["ratio"] <= limit
        else:
            row["tenue"] = row["site"] <= limit
        row["cible"] = f"<= {limit}{' x plancher' if kind == 'ratio' else ' ms'}"
    for phase in ("froid", "chaud"):
        # The same ratio pass by pass (site and floor measured minutes apart), then its median.
        paired = [site[phase]["pret_ms"] / min(worker[phase]["pret_ms"], main[phase]["pret_ms"])
                  for site, worker, main in zip(runs["site"], runs["plancher_worker"], runs["plancher_principal"])]
        summary[f"premiere_estimation_{phase}"]["ratio_apparie"] = median(paired)
    if summary["octets_total"]["plancher"]:
        summary["octets_total"]["ratio"] = summary["octets_total"]["site"] / summary["octets_total"]["plancher"]
    traces = [run["froid"]["trace_worker"] for run in runs["site"] if run["froid"]["trace_worker"]]
    summary["trace_worker_mediane_ms"] = {key: median([t[key] for t in traces if key in t]) for key in (traces[0] if traces else {})}
    return summary


def table(summary: dict) -> str:
    def fmt(value, unit):
        if value is None:
            return "–"
        if unit == "o":
            return f"{value / 1e6:.2f} Mo"
        if unit == "ms":   # short times to a tenth, so that a figure next to its target reads true
            return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
        return f"{value:.2f}"

    rows = [("Première estimation, à froid", "premiere_estimation_froid", "ms"),
            ("Première estimation, à chaud", "premiere_estimation_chaud", "ms"),
            ("Recalcul p50", "recalcul_p50_ms", "ms"), ("Recalcul p95", "recalcul_p95_ms", "ms"),
            (f"{FIRST_EDITS} premières modifications, la plus lente", "premieres_modifications_max_ms", "ms"),
            ("Modifications pendant les chargements suivants, la plus lente",
             "modifications_pendant_chargements_max_ms", "ms"),
            ("Blocage du fil principal (FCP → estimation)", "blocage_fil_principal_ms", "ms"),
            ("Octets avant la première estimation", "octets_avant_estimation", "o"),
            ("Octets au total", "octets_total", "o"),
            ("« Établir la proposition » → ses chiffres, le plus lent", "proposition_max_ms", "ms"),
            ("Adresse d'une proposition, à froid → ses chiffres", "proposition_froid", "ms")]
    lines = ["| mesure | site | plancher | ratio | cible | tenue |", "|---|---|---|---|---|---|"]
    for label, key, unit in rows:
        row = summary[key]
        held = "" if "tenue" not in row else ("oui" if row["tenue"] else "NON")
        lines.append(f"| {label} | {fmt(row.get('site'), unit)} | {fmt(row.get('plancher'), unit)} | "
                     f"{fmt(row.get('ratio'), '')} | {row.get('cible', '')} | {held} |")
    for phase, label in (("froid", "à froid"), ("chaud", "à chaud")):
        lines.append(f"| Première estimation {label}, ratio passe par passe (médiane) | | | "
                     f"{fmt(summary[f'premiere_estimation_{phase}']['ratio_apparie'], '')} | | |")
    pre = summary["prerendu_sans_parametre"]
    lines.append(f"| /cal/ sans paramètre : estimation au premier affichage | "
                 f"{'oui' if pre['estimation_au_premier_affichage'] else 'NON'} ({fmt(pre['fcp_ms'], 'ms')}) | | | oui | "
                 f"{'oui' if pre['estimation_au_premier_affichage'] else 'NON'} |")
    return "\n".join(lines)


def serve_site(folder: Path, handler) -> tuple:
    """(server, base URL): the site and the floor pages, served in a thread by `handler`."""
    server = make_server(prepare_site(folder), 0, handler=handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def interleaved_passes(count: int, measure) -> dict:
    """Target name -> results of `measure(name, path)`, the targets taking turns in each
    pass, so that the machine's drift weighs on all of them alike."""
    runs = {name: [] for name in TARGETS}
    for number in range(count):
        for name, path in TARGETS.items():
            runs[name].append(measure(name, path))
        print(f"passe {number + 1}/{count} terminée", file=sys.stderr)
    return runs


# Over a phone's network: (Mbit/s, round-trip ms) -> targets, as ratios to the floor.
# (profile, the browser's cores: "" for all) -> targets. Issue 26: a boot at the network's
# pace, 0.65 of the floor at 10 Mbit/s, 0.60 on one core (a low-end phone).
NETWORK_TARGETS = {((10.0, 40.0), ""): {"premiere_estimation": 0.65, "octets_avant_estimation": 0.85},
                   ((10.0, 40.0), "0"): {"premiere_estimation": 0.60, "octets_avant_estimation": 0.85}}


def network_run(playwright, launch, base, path, log) -> dict:
    """One cold visit in a brand-new profile, over the throttled link."""
    profile = tempfile.mkdtemp(prefix="bench-profil-")
    context = playwright.chromium.launch_persistent_context(profile, **launch)
    context.add_init_script(PROBE)
    page = context.pages[0] if context.pages else context.new_page()
    log.clear()
    page.goto(base + path, timeout=300_000)
    pret = wait_pret(page, timeout_s=600, hook="proposition" if path == PROPOSAL_LINK else "pret")
    edits = edits_after_first_estimate(page) if path == LINK else dict.fromkeys(EDIT_KEYS)
    pret_epoch = page.evaluate("performance.timeOrigin") + pret - browser_clock_offset_ms(page)
    result = {"pret_ms": pret, "octets_fil_avant": log.bytes_until(pret_epoch),
              "fichiers_avant": log.paths_until(pret_epoch), **edits}
    if path == PROPOSAL_LINK:          # then its QR code (the rest of the standard library and segno)
        result["qr_ms"] = wait_pret(page, timeout_s=600, hook="propositionQr")
    context.close()
    shutil.rmtree(profile, ignore_errors=True)
    return result


def network_summary(runs: dict, profile: tuple, cores: str = "") -> dict:
    def med(name, key):
        return median([run[key] for run in runs[name]])

    floor = min(("plancher_worker", "plancher_principal"), key=lambda name: med(name, "pret_ms"))
    targets = NETWORK_TARGETS.get((profile, cores), {})
    summary = {"reseau": {"mbit_s": profile[0], "aller_retour_ms": profile[1]}, "plancher_choisi": floor}
    # A proposal's address, cold: its figures against the same floor and the same target.
    for key, field, name in (("premiere_estimation", "pret_ms", "site"), ("octets_avant_estimation", "octets_fil_avant", "site"),
                             ("proposition_froid", "pret_ms", "proposition")):
        if name not in runs:
            continue
        row = {"site": med(name, field), "plancher": med(floor, field)}
        row["ratio"] = row["site"] / row["plancher"]
        target = targets.get("premiere_estimation" if key == "proposition_froid" else key)
        if target:
            row["cible"] = f"<= {target} x plancher"
            row["tenue"] = row["ratio"] <= target
        summary[key] = row
    if "proposition" in runs:
        summary["proposition_qr_ms"] = {"site": med("proposition", "qr_ms")}
    for key in ("premieres_modifications", "modifications_pendant_chargements"):
        slowest = max(time for run in runs["site"] for time in run[f"{key}_ms"])
        limit = TARGETS_DEFINITION[f"{key}_max_ms"][0]
        summary[f"{key}_max_ms"] = {"site": slowest, "cible": f"<= {limit} ms", "tenue": slowest <= limit}
    summary["modifications_pendant_chargements_max_ms"]["passes_chargements_finis"] = sum(
        bool(run["chargements_finis_pendant_les_modifications"]) for run in runs["site"])
    return summary


def network_table(summary: dict) -> str:
    lines = [f"Réseau : {summary['reseau']['mbit_s']:g} Mbit/s, aller-retour {summary['reseau']['aller_retour_ms']:g} ms",
             "| mesure | site | plancher | ratio | cible | tenue |", "|---|---|---|---|---|---|"]
    for label, key, shown in (("Première estimation, à froid", "premiere_estimation", lambda v: f"{v / 1000:.1f} s"),
                              ("Octets sur le fil avant la première estimation", "octets_avant_estimation",
                               lambda v: f"{v / 1e6:.2f} Mo"),
                              ("Adresse d'une proposition, à froid → ses chiffres", "proposition_froid",
                               lambda v: f"{v / 1000:.1f} s")):
        if key not in summary:
            continue
        row = summary[key]
        held = "oui" if row.get("tenue") else ("NON" if "tenue" in row else "")
        lines.append(f"| {label} | {shown(row['site'])} | {shown(row['plancher'])} | {row['ratio']:.2f} | "
                     f"{row.get('cible', 'mesurée')} | {held} |")
    if "proposition_qr_ms" in summary:
        lines.append(f"| … puis son QR code | {summary['proposition_qr_ms']['site'] / 1000:.1f} s | | | mesurée | |")
    for label, key in ((f"{FIRST_EDITS} premières modifications, la plus lente", "premieres_modifications_max_ms"),
                       ("Modifications pendant les chargements suivants, la plus lente",
                        "modifications_pendant_chargements_max_ms")):
        edits = summary[key]
        lines.append(f"| {label} | {edits['site']:.0f} ms | | | {edits['cible']} | {'oui' if edits['tenue'] else 'NON'} |")
    return "\n".join(lines)


def confined(launch: dict, cores: str, folder: Path, playwright_executable: str) -> dict:
    """The launch options of a browser confined to `cores` (taskset), as a phone's few slow
    cores would have it; the server and this script keep the others. CDP's CPU throttling
    would slow the page's main thread and not its workers, where Python runs."""
    if not cores:
        return launch
    executable = launch.get("executable_path") or playwright_executable
    wrapper = folder / "chromium-confine"
    wrapper.write_text(f'#!/bin/sh\nexec taskset -c {cores} "{executable}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return {**launch, "executable_path": str(wrapper)}


def main_network(args) -> int:
    from playwright.sync_api import sync_playwright

    profile = tuple(float(part) for part in args.reseau.split(","))
    with tempfile.TemporaryDirectory() as folder:
        log = ByteLog()
        server, base = serve_site(Path(folder), throttled_handler(SharedLink(*profile), log))
        with sync_playwright() as playwright:
            own = playwright.chromium.executable_path
            launch = confined(launch_options(own), args.coeurs, Path(folder), own)
            runs = interleaved_passes(args.runs, lambda name, path: network_run(playwright, launch, base, path, log))
            chromium = playwright.chromium.launch(**launch)
            version = chromium.version
            chromium.close()
        server.shutdown()
    summary = network_summary(runs, profile, args.coeurs)
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": {"systeme": platform.platform(), "processeurs": os.cpu_count(),
                          "chromium": version, "passes": args.runs, "coeurs_du_navigateur": args.coeurs or "tous"},
              "resume": summary, "passes": runs}
    suffix = f"-coeurs-{args.coeurs.replace(',', '-')}" if args.coeurs else ""
    target = ROOT / "bench" / f"latest-reseau-{profile[0]:g}-{profile[1]:g}{suffix}.json"
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(network_table(summary))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default=str(ROOT / "bench" / "latest.json"))
    parser.add_argument("--reseau", metavar="MBIT_S,ALLER_RETOUR_MS",
                        help="mesurer un lien prérempli sur un réseau lent, par ex. 10,40 ou 1.6,150")
    parser.add_argument("--coeurs", metavar="LISTE", default="",
                        help="avec --reseau : le navigateur confiné à ces cœurs (taskset), par ex. 0 "
                             "pour un téléphone d'entrée de gamme")
    args = parser.parse_args(argv)
    if args.reseau:
        return main_network(args)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        log = ByteLog()
        server, base = serve_site(Path(folder), counting_handler(log))
        with sync_playwright() as playwright:
            launch = launch_options(playwright.chromium.executable_path)
            runs = interleaved_passes(args.runs, lambda name, path: run_once(playwright, launch, base, name, path, log))
            browser = playwright.chromium.launch(**launch)
            prerender = prerender_check(browser, base)
            chromium = browser.version
            browser.close()
        server.shutdown()

    summary = summarise(runs, prerender)
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"systeme": platform.platform(), "processeurs": os.cpu_count(),
                    "python": platform.python_version(), "chromium": chromium, "passes": args.runs},
        "resume": summary, "passes": runs,
    }
    Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(summary))
    print(f"\nTrace du worker (médiane, ms depuis son démarrage) : {summary['trace_worker_mediane_ms']}")
    print(f"Machine : {report['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
