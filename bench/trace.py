"""Where the time of the slow edits goes: a Chromium trace of a prefilled link's first edits.

Opens the bench's link cold (on localhost, or `--reseau 1.6,150` over the bench's phone
link), makes the bench's edits (three right after the first estimate, then one every
0.45 s while the rest loads) under a CDP trace of every thread of every process, and
prints, for each edit, its time and the CPU each thread spent during it. An edit whose
threads' CPU adds up to twice its time had both of this machine's cores full: what else
ran then is what to cut. `--garder FILE` keeps the trace, for chrome://tracing or Perfetto.
Not a benchmark: tracing costs time itself; the targets are measured by run.py.
"""

import argparse
import base64
import collections
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.network import SharedLink, throttled_handler  # noqa: E402
from bench.run import (LINK, PROBE, ByteLog, counting_handler, edits_after_first_estimate,  # noqa: E402
                       serve_site, wait_pret)
from chromium import launch_options  # noqa: E402

CATEGORIES = ["toplevel", "blink.user_timing", "devtools.timeline", "disabled-by-default-devtools.timeline",
              "v8", "v8.wasm", "disabled-by-default-v8.gc", "blink", "navigation", "__metadata"]
TASKS = {"ThreadControllerImpl::RunTask", "ThreadPool_RunTask", "TaskGraphRunner::RunTask"}


def record(url: str) -> tuple:
    """(the trace's events, from the page's opening to its last edit, how many edits were made)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(playwright.chromium.executable_path))
        context = browser.new_context()
        context.add_init_script(PROBE)
        page = context.new_page()
        tracing = browser.new_browser_cdp_session()
        # Started before the page (starting it later holds the first edits back), in a ring
        # buffer: on a slow link the start-up's events give way to the edits'.
        tracing.send("Tracing.start", {"transferMode": "ReturnAsStream", "traceConfig": {
            "includedCategories": CATEGORIES, "recordMode": "recordContinuously"}})
        page.goto(url, timeout=300_000)
        wait_pret(page, timeout_s=600)
        timed = edits_after_first_estimate(page)
        made = len(timed["premieres_modifications_ms"]) + len(timed["modifications_pendant_chargements_ms"])
        ended = {}
        tracing.on("Tracing.tracingComplete", lambda event: ended.update(event))
        tracing.send("Tracing.end")
        while not ended:
            page.wait_for_timeout(100)
        chunks = []
        while True:
            part = tracing.send("IO.read", {"handle": ended["stream"], "size": 1 << 20})
            chunks.append(base64.b64decode(part["data"]) if part.get("base64Encoded") else part["data"].encode())
            if part.get("eof"):
                break
        tracing.send("IO.close", {"handle": ended["stream"]})
        browser.close()
    trace = json.loads(b"".join(chunks))
    return (trace["traceEvents"] if isinstance(trace, dict) else trace), made


def thread_names(events: list) -> dict:
    """(pid, tid) -> "process/thread", thread pools merged into one name."""
    processes = {e["pid"]: e["args"]["name"] for e in events if e.get("ph") == "M" and e["name"] == "process_name"}
    names = {}
    for e in events:
        if e.get("ph") == "M" and e["name"] == "thread_name":
            thread = e["args"]["name"]
            thread = "pool" if "ThreadPool" in thread or "TileWorker" in thread else thread
            names[(e["pid"], e["tid"])] = f"{processes.get(e['pid'], '?')}/{thread}"
    return names


def edits(events: list) -> list:
    """(name, start µs, end µs) of each edit, from the marks RECOMPUTE leaves."""
    marks = {e["name"]: e["ts"] for e in events
             if e.get("cat", "").startswith("blink.user_timing") and e["name"].startswith("modification")}
    return sorted(((name[:-6], start, marks[name[:-6] + "-fin"]) for name, start in marks.items()
                   if name.endswith("-debut") and name[:-6] + "-fin" in marks), key=lambda edit: edit[1])


def cpu_during(tasks: list, names: dict, start: float, end: float) -> collections.Counter:
    """Thread name -> CPU ms of its tasks within [start, end] (a task's share by its overlap)."""
    cpu = collections.Counter()
    for task in tasks:
        overlap = min(end, task["ts"] + task["dur"]) - max(start, task["ts"])
        if overlap > 0 and task["dur"]:
            cpu[names.get((task["pid"], task["tid"]), "?")] += task["tdur"] * overlap / task["dur"] / 1000
    return cpu


def report(events: list, shown: int = 5) -> str:
    names = thread_names(events)
    tasks = [e for e in events if e.get("ph") == "X" and e["name"] in TASKS and "tdur" in e and "dur" in e]
    lines = ["| modification | durée | CPU, tous fils | fils les plus occupés (ms de CPU) |", "|---|---|---|---|"]
    for name, start, end in edits(events):
        cpu = cpu_during(tasks, names, start, end)
        busiest = ", ".join(f"{thread} {ms:.1f}" for thread, ms in cpu.most_common(shown))
        lines.append(f"| {name} | {(end - start) / 1000:.1f} ms | {sum(cpu.values()):.1f} ms | {busiest} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reseau", metavar="MBIT_S,ALLER_RETOUR_MS", help="par ex. 1.6,150 (sinon localhost)")
    parser.add_argument("--garder", metavar="FICHIER", help="écrire la trace (JSON) dans ce fichier")
    args = parser.parse_args(argv)
    log = ByteLog()
    handler = throttled_handler(SharedLink(*map(float, args.reseau.split(","))), log) if args.reseau \
        else counting_handler(log)
    with tempfile.TemporaryDirectory() as folder:
        server, base = serve_site(Path(folder), handler)
        events, made = record(base + LINK)
        server.shutdown()
    found = len(edits(events))
    if found != made:
        print(f"{made} modifications faites, {found} dans la trace (tampon plein ?)", file=sys.stderr)
    if args.garder:
        Path(args.garder).write_text(json.dumps(events), encoding="utf-8")
    print(report(events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
