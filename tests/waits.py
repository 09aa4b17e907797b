"""How the browser tests wait: for the page's own hooks, never for a fixed time."""

READY = 'html[data-calcul="pret"]'
BOOT_TIMEOUT = 90_000    # ms: Pyodide's first start on a slow, shared CI machine
POLL_MS = 50


def open_calculator(page, site_url, query=""):
    """/cal/ (with a link's query), once its figures are ready: the engine's for a link,
    the prerendered ones at once without."""
    page.goto(f"{site_url}/cal/{'?' + query if query else ''}")
    page.wait_for_selector(READY, timeout=BOOT_TIMEOUT)


def wait_for_service_worker(page):
    """The worker controls the page once it has copied the pages and small assets."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)


def wait_until(page, condition, timeout_ms=BOOT_TIMEOUT, what="the condition"):
    """Poll a Python condition (a route held, the Cache API's answer) while Playwright keeps
    serving the page's events; wait_for_function cannot wait on those."""
    for _ in range(timeout_ms // POLL_MS):
        if condition():
            return
        page.wait_for_timeout(POLL_MS)
    raise AssertionError(f"{what} never happened within {timeout_ms} ms")
