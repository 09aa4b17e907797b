"""Every answer the worker's entry points give for a batch of cases, as one JSON text.

Run by tests/test_parity.py in CPython and, through tests/pyodide_runner.mjs, in Pyodide:
the two texts must be identical. It calls only what the worker calls (calculator.browser).
cases: {entry point name: [payload, ...]}, as the page sends them.
"""

import json

from calculator import browser


def parity_report(cases_json: str) -> str:
    cases = json.loads(cases_json)
    return json.dumps({name: [json.loads(browser.call(name, json.dumps(payload))) for payload in payloads]
                       for name, payloads in cases.items()}, ensure_ascii=False, sort_keys=True)
