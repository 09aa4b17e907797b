"""Assertions shared by several test files."""

import html
import json
import re
from pathlib import Path


def assert_inputs_in_range(inputs, rules):
    """Every number within its contract range, and a commune the rules know."""
    for param in rules.catalogue.entries:
        value = inputs[param.name]
        if param.kind in ("int", "decimal", "level") and value is not None:
            assert param.minimum <= value <= param.maximum, (param.name, value)
    assert rules.commune(inputs[rules.catalogue.commune_entry().name]) is not None


def engine_config(page: Path) -> dict:
    """What a page hands to its Python worker: its engine configuration (<script id="moteur">)."""
    text = page.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="moteur">(.*?)</script>', text).group(1))


def shipped_engine(site: Path) -> dict:
    """The files /cal/ hands to its Python worker, as paths in the built site, and the
    worker's environment: what visitors run."""
    config = engine_config(site / "cal" / "index.html")

    def local(url):
        return site / url.lstrip("/")

    return {"stdlib": local(config["stdlib"]), "stdlib_later": local(config["stdlib_later"]),
            "engine": local(config["engine"]), "rules": local(config["rules"]), "holidays": local(config["holidays"]),
            "wheels": [local(url) for urls in config["wheels"].values() for url in urls], "env": json.dumps(config["env"]),
            "lib": config["lib"]}


def with_engine_delays(page, **delays_ms):
    """Shorter engine delays (worker/engine-client.mjs) for one test, through the page's own
    configuration: the delais_ms of its engine configuration, as build.py writes them."""
    def rewrite(route):
        response = route.fetch()
        html = response.text()
        for name, value in delays_ms.items():
            html, count = re.subn(f'"{name}": [0-9]+', f'"{name}": {value}', html)
            assert count == 1, name
        route.fulfill(response=response, body=html)

    page.route(lambda url: "/assets/" not in url and "/pyodide/" not in url, rewrite)
