"""How the tests and the benchmark start a headless Chromium on this project's machines:
Playwright's own build when it is installed, else Debian's (Playwright's browser download
is not reachable everywhere), kept off the network, which these machines do not have."""

from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SYSTEM_CHROMIUM = "/usr/bin/chromium"


def launch_options(playwright_executable: str) -> dict:
    """Playwright's launch options, given where Playwright's own Chromium would be."""
    options = {"args": FLAGS}
    if not Path(playwright_executable).exists():
        options["executable_path"] = SYSTEM_CHROMIUM
    return options
