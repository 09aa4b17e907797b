import os
import threading
from pathlib import Path

import pytest

import build
from chromium import launch_options
from calculator.load import load_rules
from serve import SiteHandler, make_server

from .frozen import FROZEN_RULES



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
    build.build(out, rules_dir=FROZEN_RULES)
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
