"""The engine gives byte-identical answers in CPython and in Pyodide (Python 3.14, Node.js)."""

import json
import random
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from build_steps.browser_python import PYODIDE_NPM
from calculator import browser

from .checks import shipped_engine
from .parity_report import parity_report

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ["saint-denis", "saint-paul", "cilaos", "l-etang-sale", "trois-bassins", "Saint-Pierre", "paris"]
ODD_VALUES = ["", "abc", "NaN", "1e309", "-3", "7.5", "2,25", "0", "250", "%", "٣", "１２"]


def _value(entry, pick) -> str:
    """A value a form or a hand-edited link can carry for one catalogue entry: within its
    range, or a little beyond (the parser clamps it)."""
    if entry.kind == "bool":
        return pick.choice("01")
    if entry.kind == "commune":
        return pick.choice(COMMUNES)
    if entry.kind == "level":
        return pick.choice(["", *(str(level) for level in range(int(entry.minimum), int(entry.maximum) + 1))])
    if entry.kind == "decimal":
        return pick.choice(["", "0", "1.25", "3,5", "12.345", str(entry.maximum)])
    low, high = int(entry.minimum), int(entry.maximum)
    return str(pick.randint(low, high + max(1, (high - low) // 10)))


def generated_cases(catalogue, count=300, seed=974):
    """Payloads for every entry point of the worker (calculator/browser.py): queries a form
    or a hand-edited link can produce, from the catalogue's entries, instants around the
    support hours, links to draw as QR codes."""
    pick = random.Random(seed)
    queries = []
    for _ in range(count):
        params = {entry.name: _value(entry, pick) for entry in catalogue.entries}
        chosen = {key: value for key, value in params.items() if pick.random() < 0.6}
        if pick.random() < 0.2:
            chosen[pick.choice(list(params))] = pick.choice(ODD_VALUES)
        queries.append(urlencode(chosen))
    instants = []
    for _ in range(count):
        # The last two are beyond the holiday table the build writes: the `holidays` package.
        day = pick.choice(["2026-12-20", "2027-12-20", "2026-11-28", "2026-11-30", "2027-03-29", "2026-12-31",
                           "2051-12-20", "2052-05-08"])
        zone = pick.choice(["+04:00", "Z", "-05:00"])     # the page sends UTC ("Z"); any zone reads the same
        instants.append([f"{day}T{pick.randint(0, 23):02d}:{pick.choice([0, 29, 30, 59]):02d}{zone}", pick.random() < 0.5])
    return {"estimate": [{"query": query} for query in queries],
            "charts": [{"query": query} for query in queries[:40]],     # a drawing is slower: fewer
            "coverage": [{"instant": instant, "onCall": on_call} for instant, on_call in instants],
            "date": [{"instant": instant} for instant, _ in instants],
            "qr": [{"text": f"https://reunioninformatique.com/cal/?{query}"} for query in queries[:20]],
            # A proposal issued today, one with a date and a version (valid or expired), and odd ones.
            "proposal": [{"query": f"{query}&emise={pick.choice(['2026-12-02', '2026-01-15', '2026-02-30', 'x'])}"
                                   f"&tarifs={pick.choice(['0' * 12, 'abc', 'f' * 12])}" if pick.random() < 0.7 else query,
                          "instant": instant, "version": "0" * 12, "site": "https://reunioninformatique.com/",
                          "qr": pick.random() < 0.5}
                         for query, (instant, _) in zip(queries[:30], instants)]}


def test_the_parity_cases_and_the_build_tour_cover_every_entry_point(rules):
    """An entry point missing from the tour would ship as source; one missing here, untested."""
    import build

    assert set(generated_cases(rules.catalogue, count=3)) == set(browser.ENTRY_POINTS)
    tour = build.precompile_tour(rules, build.compute_page_data(rules, 2027))
    assert set(tour) == set(browser.ENTRY_POINTS) and all(tour.values())


@pytest.mark.pyodide
def test_cpython_and_pyodide_agree(tmp_path, built_site, rules):
    """The shipped bytecode (standard library, engine, wheels) answers as the CPython sources do."""
    assert_parity(tmp_path, built_site, rules)


def assert_parity(tmp_path, built_site, rules):
    """Every generated case gives the same JSON in Pyodide (the site's files) and CPython."""
    shipped = shipped_engine(built_site)
    rules_file, holidays_file = shipped["rules"], shipped["holidays"]
    rules_json = rules_file.read_text(encoding="utf-8")
    cases = json.dumps(generated_cases(rules.catalogue))
    (tmp_path / "cases.json").write_text(cases, encoding="utf-8")
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "pyodide_runner.mjs"), str(PYODIDE_NPM), shipped["env"], shipped["lib"],
         str(shipped["stdlib"]), str(shipped["stdlib_later"]), str(shipped["engine"]), str(rules_file),
         str(holidays_file), str(tmp_path / "cases.json"), *map(str, shipped["wheels"])],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]

    browser.load_rules(rules_json)
    browser.load_holidays(holidays_file.read_text(encoding="utf-8"))
    expected = parity_report(cases)
    assert result.stdout == expected
    report = json.loads(expected)
    assert len(report["estimate"]) == 300 and len(report["coverage"]) == 300
    assert any(item["avis"] for item in report["estimate"])                  # odd values were exercised
    assert any("Jour férié" in level["texte"] for item in report["coverage"] for level in item)
    assert all(uri.startswith("data:image/svg+xml") for uri in report["qr"])


def failed_stdlib_imports(*args) -> dict:
    result = subprocess.run(["node", str(ROOT / "tests" / "stdlib_probe.mjs"), str(PYODIDE_NPM), *args],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.pyodide
def test_shipped_standard_library_imports_what_stock_pyodide_imports(built_site):
    """Only the modules the build's tour imported arrive compiled; the others must still work
    in a visitor's browser (a rare path must not fail there and nowhere else)."""
    shipped = shipped_engine(built_site)
    stock = failed_stdlib_imports("{}")
    ours = failed_stdlib_imports(shipped["env"], str(shipped["stdlib"]), str(shipped["stdlib_later"]))
    assert ours["tried"] == stock["tried"] > 400
    assert {name: error for name, error in ours["failed"].items() if name not in stock["failed"]} == {}


def test_a_request_is_answered_without_the_fields_a_page_may_leave_out(rules):
    """JSON.stringify drops a field whose value is undefined: `onCall` then means no, and a
    field the engine does not know is ignored, as the worker's handlers always did."""
    from calculator.typed_json import rules_for_browser

    browser.load_rules(rules_for_browser(rules))
    both = [json.loads(browser.call("coverage", json.dumps(payload))) for payload in (
        {"instant": "2026-12-20T10:00:00+04:00"}, {"instant": "2026-12-20T10:00:00+04:00", "onCall": False, "x": 1})]
    assert both[0] == both[1] and both[0][1]["mode"] == "distanciel"
    assert json.loads(browser.call("estimate", "{}"))["requete"] == ""
