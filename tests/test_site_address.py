"""The site's address as GitHub Pages gives it to the workflow (actions/configure-pages:
origin and base_path): a project site under /<repository>/, or a custom domain at its root.
Every link handed to a prospect carries it."""

import json
import re
from urllib.parse import unquote

import pytest
import segno

import build
from calculator.browser import QR_MASK

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT

# (base_path as configure-pages outputs it, origin): the workflow passes "$base_path/".
ADDRESSES = [("/tarifs-prisme", "https://prisme-ri.github.io"), ("", "https://reunioninformatique.com")]


@pytest.fixture(scope="module", params=ADDRESSES, ids=["sous-chemin", "domaine"])
def addressed_site(request, tmp_path_factory):
    base_path, origin = request.param
    out = tmp_path_factory.mktemp("adresse") / "dist"
    build.build(out, f"{base_path}/", rules_dir=FROZEN_RULES, site_origin=origin)
    return out, f"{origin}{base_path}/", f"{base_path}/"


def test_every_published_link_carries_the_sites_address(addressed_site):
    out, site, _ = addressed_site
    cal = (out / "cal" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{site}cal/">' in cal
    assert f'<span id="impression-lien">{site}cal/</span>' in cal                   # the printed estimate
    mail = re.search(r'id="courriel" class="bouton" href="mailto:\?([^"]+)"', cal).group(1)
    assert unquote(mail).endswith(f"Lien de l'estimation : {site}cal/")            # the e-mail text
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", sitemap)[:2] == [site, f"{site}prestations/"]
    assert all(loc.startswith(site) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert f"Sitemap: {site}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")


def test_the_installed_app_stays_within_the_sites_path(addressed_site):
    out, _, base = addressed_site
    manifest = json.loads((out / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["start_url"], manifest["scope"], manifest["id"]) == (f"{base}cal/", base, f"{base}cal/")
    for icon in manifest["icons"]:
        assert icon["src"].startswith(f"{base}assets/") and (out / icon["src"][len(base):]).is_file()
    assert f'<link rel="manifest" href="{base}manifest.webmanifest">' in (out / "index.html").read_text(encoding="utf-8")


def test_the_qr_code_encodes_the_link_under_the_sites_path(page, addressed_site):
    out, _, base = addressed_site
    server = serve_in_thread(out, prefix=base)
    try:
        served = f"http://127.0.0.1:{server.server_address[1]}{base}"
        page.goto(f"{served}cal/?postes=3")
        page.wait_for_selector("#qr-figure:not([hidden])", timeout=BOOT_TIMEOUT)
        assert page.url == f"{served}cal/?postes=3"
        expected = segno.make(page.url, error="m", mask=QR_MASK).svg_data_uri(scale=4, border=2, dark="#1a1a1a")
        assert page.locator("#qr").get_attribute("src") == expected
    finally:
        server.shutdown()
