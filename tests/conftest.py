import os
import threading
from pathlib import Path

import pytest

import build
from chromium import launch_options
from calculator.load import load_rules
from serve import SiteHandler, make_server

from .frozen import FROZEN_RULES

# Every test runs in one lane (make test-rapide runs the first two): the engine alone, the
# build (a site written, or the engine in Pyodide under Node.js), or a real browser.
LANES = ("engine", "build", "browser")
BROWSER_FIXTURES = frozenset({"page", "browser", "context"})
BUILD_FIXTURES = frozenset({"built_site", "site_url", "baseline_site", "edited_site"})
BUILD_MODULES = frozenset({"test_build", "test_parity", "test_publishing", "test_deploy", "test_offline"})


def lane(item) -> str:
    """A lane marked by hand, else the one the test's fixtures and module say."""
    marked = [name for name in LANES if item.get_closest_marker(name)]
    if marked:
        return marked[0]
    fixtures = set(item.fixturenames)
    if fixtures & BROWSER_FIXTURES or item.get_closest_marker("navigateurs"):
        return "browser"
    if fixtures & BUILD_FIXTURES or item.module.__name__.rsplit(".", 1)[-1] in BUILD_MODULES:
        return "build"
    return "engine"


@pytest.hookimpl(tryfirst=True)      # before `-m` selects on them
def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(lane(item))


@pytest.fixture(scope="session")
def rules():
    return load_rules(FROZEN_RULES)[0]


@pytest.fixture(scope="session")
def raw_rules():
    return load_rules(FROZEN_RULES)[1]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """Playwright's own Chromium when it is installed, else the system one."""
    return {**browser_type_launch_args, **launch_options(playwright.chromium.executable_path)}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "dist"
    build.build(out, rules_dir=FROZEN_RULES, test_hooks=True)
    return out


def serve_in_thread(directory: Path, prefix: str = "/", handler=SiteHandler):
    server = make_server(directory, 0, prefix, handler=handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(built_site):
    server = serve_in_thread(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
