"""The engine gives byte-identical answers in CPython and in Pyodide (Python 3.14, Node.js)."""

import json
import random
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from build_steps.browser_python import PYODIDE_NPM
from calculator import browser

from .checks import shipped_engine
from .parity_report import parity_report

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ["saint-denis", "saint-paul", "cilaos", "l-etang-sale", "trois-bassins", "Saint-Pierre", "paris"]
ODD_VALUES = ["", "abc", "NaN", "1e309", "-3", "7.5", "2,25", "0", "250", "%", "٣", "１２"]


def generated_cases(count=300, seed=974):
    """Queries a form or a hand-edited link can produce, and instants around the support hours."""
    pick = random.Random(seed)
    queries = []
    for _ in range(count):
        params = {
            "postes": pick.randint(1, 260), "serveurs": pick.randint(0, 22), "imagerie": pick.randint(0, 5),
            "licences": pick.randint(0, 12), "sauvegarde": pick.choice([0, 250, 999, 4321, 120000]),
            "sites": pick.randint(1, 11), "commune": pick.choice(COMMUNES),
            "heures": pick.choice(["", "0", "1.25", "3,5", "12.345"]), "visites": pick.choice(["", "0.5", "2"]),
            "tpe": pick.choice("01"), "standard": pick.choice("01"), "astreinte": pick.choice("01"),
            "niveau": pick.choice(["", "1", "2", "3"]),
        }
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
    return {"queries": queries, "instants": instants}


def test_cpython_and_pyodide_agree(tmp_path, built_site):
    """The shipped bytecode (standard library, engine, wheels) answers as the CPython sources do."""
    shipped = shipped_engine(built_site)
    rules_file, holidays_file = shipped["rules"], shipped["holidays"]
    rules_json = rules_file.read_text(encoding="utf-8")
    cases = json.dumps(generated_cases())
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
    assert len(report["estimations"]) == 300 and len(report["couverture"]) == 300
    assert any(item["avis"] for item in report["estimations"])                  # odd values were exercised
    assert any("Jour férié" in level["texte"] for item in report["couverture"] for level in item)


def failed_stdlib_imports(*args) -> dict:
    result = subprocess.run(["node", str(ROOT / "tests" / "stdlib_probe.mjs"), str(PYODIDE_NPM), *args],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_shipped_standard_library_imports_what_stock_pyodide_imports(built_site):
    """Only the modules the build's tour imported arrive compiled; the others must still work
    in a visitor's browser (a rare path must not fail there and nowhere else)."""
    shipped = shipped_engine(built_site)
    stock = failed_stdlib_imports("{}")
    ours = failed_stdlib_imports(shipped["env"], str(shipped["stdlib"]), str(shipped["stdlib_later"]))
    assert ours["tried"] == stock["tried"] > 400
    assert {name: error for name, error in ours["failed"].items() if name not in stock["failed"]} == {}
