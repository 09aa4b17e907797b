"""Every answer the worker's entry points give for a batch of cases, as one JSON text.

Run by tests/test_parity.py in CPython and, through tests/pyodide_runner.mjs, in Pyodide:
the two texts must be identical. It calls only what the worker calls (calculator.browser).
cases: {"queries": [...], "instants": [[iso instant, on call], ...]}
"""

import json

from calculator import browser


def parity_report(cases_json: str) -> str:
    cases = json.loads(cases_json)
    return json.dumps({
        "estimations": [json.loads(browser.estimate(query)) for query in cases["queries"]],
        "couverture": [json.loads(browser.coverage(instant, on_call)) for instant, on_call in cases["instants"]],
        "dates": [browser.date_text(instant) for instant, _ in cases["instants"]],
        "graphiques": [json.loads(browser.charts(query)) for query in cases["queries"][:40]],
    }, ensure_ascii=False, sort_keys=True)
