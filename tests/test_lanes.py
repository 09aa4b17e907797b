"""make test-rapide stays without a browser: a test that starts one outside the browser lane
fails at once, naming itself, instead of slowing the fast lane down unseen."""

import playwright.sync_api
import pytest

from .conftest import LAUNCHES, browsers_refused


@pytest.mark.parametrize("launch", LAUNCHES)
def test_this_engine_test_cannot_start_a_browser(launch):
    with pytest.raises(AssertionError, match="test_lanes.py::test_this_engine_test_cannot_start_a_browser.* "
                                             "launches a browser outside the browser lane"):
        getattr(playwright.sync_api.BrowserType, launch)(None, "chromium")


def test_the_refusal_is_undone_after_each_test():
    """A browser test that runs next in the same worker gets Playwright's own methods back."""
    before = {name: getattr(playwright.sync_api.BrowserType, name) for name in LAUNCHES}
    with browsers_refused("un test"):
        with pytest.raises(AssertionError, match="un test launches a browser"):
            playwright.sync_api.BrowserType.launch_persistent_context(None, "profil")
    assert {name: getattr(playwright.sync_api.BrowserType, name) for name in LAUNCHES} == before
