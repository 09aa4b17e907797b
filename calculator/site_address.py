"""The site's public address when nothing else says it: what `build.py` builds for by default
(its --site-origin and --base-url) and the base `lien` and `lot` put in front of their links.
CI builds for the address GitHub Pages gives it (.github/workflows/pages.yml) instead."""

PUBLIC_ORIGIN = "https://reunioninformatique.com"
BASE_PATH = "/"


def public_address() -> str:
    """The default site address links start with: "https://reunioninformatique.com/"."""
    return PUBLIC_ORIGIN + BASE_PATH
