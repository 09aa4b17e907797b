import os
import threading
from contextlib import contextmanager
from pathlib import Path

import playwright.async_api
import playwright.sync_api
import pytest

import build
from chromium import launch_options
from calculator.load import load_rules
from serve import SiteHandler, make_server

from .frozen import FROZEN_RULES

# Every test runs in one lane; make test-rapide runs the first two, make test all four:
# - engine: the engine alone, in CPython;
# - build: writes a site (from a warm bytecode cache: no Pyodide run), reads it, checks it;
# - pyodide: runs the engine in Pyodide under Node.js (parity, the standard library probe, a
#   build from an empty bytecode cache), 4 to 15 s each on a quiet machine: marked by hand;
# - browser: launches a browser. Any test that reaches Playwright's `playwright` fixture
#   (page, context, browser, browser_type... all depend on it) is here, and one that
#   launches a browser from another lane fails (`browsers_refused`).
LANES = ("engine", "build", "pyodide", "browser")
BUILD_FIXTURES = frozenset({"built_site", "site_url", "baseline_site", "edited_site"})
BUILD_MODULES = frozenset({"test_build", "test_parity", "test_publishing", "test_deploy", "test_offline", "test_faq"})
# Every way Playwright starts or reaches a browser, in its sync and async APIs.
LAUNCHES = ("launch", "launch_persistent_context", "connect", "connect_over_cdp")


def lane(item) -> str:
    """A lane marked by hand, else the one the test's fixtures (with those they depend on)
    and module say."""
    marked = [name for name in LANES if item.get_closest_marker(name)]
    if marked:
        return marked[0]
    fixtures = set(item.fixturenames)
    if "playwright" in fixtures or item.get_closest_marker("navigateurs"):
        return "browser"
    if fixtures & BUILD_FIXTURES or item.module.__name__.rsplit(".", 1)[-1] in BUILD_MODULES:
        return "build"
    return "engine"


@pytest.hookimpl(tryfirst=True)      # before `-m` selects on them
def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(lane(item))


@contextmanager
def browsers_refused(nodeid: str):
    """While it lasts, starting a browser through Playwright fails, naming the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"{nodeid} launches a browser outside the browser lane: "
                             "see LANES in tests/conftest.py")

    with pytest.MonkeyPatch.context() as patch:
        for api in (playwright.sync_api, playwright.async_api):
            for name in LAUNCHES:
                patch.setattr(api.BrowserType, name, refuse)
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Set-up, call and teardown of a test outside the browser lane start no browser."""
    if item.get_closest_marker("browser"):
        return (yield)
    with browsers_refused(item.nodeid):
        return (yield)


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
