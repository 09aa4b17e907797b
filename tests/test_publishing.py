"""What static hosting needs: a valid workflow, security headers, sub-path hosting, previews."""

import base64
import hashlib
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import build
from build_steps import publishing

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["", "prestations/", "prestations/niveau-1/", "prestations/niveau-2/", "prestations/niveau-3/", "cal/",
         "mentions-legales/", "confidentialite/"]


def html_pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_workflow_matches_the_github_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(ROOT / ".github" / "workflows" / "pages.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_builds_and_deploys_to_pages():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    for step in ("run: make test", "actions/upload-pages-artifact", "actions/deploy-pages", "pages: write",
                 "id-token: write", "concurrency:", "pull_request:"):
        assert step in workflow, step


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_has_a_strict_content_security_policy(built_site):
    scripts, _ = publishing.inline_scripts(ROOT / "site" / "static")
    inline = list(scripts.values())
    recovery, link_echo = scripts["bootstrap"], scripts["echo_link"]
    allowed = " ".join(sha256_source(text) for text in inline)
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, page
        text = policy.group(1).replace("&#39;", "'")
        assert f"script-src 'self' 'wasm-unsafe-eval' {allowed};" in text and f"{text}; frame-ancestors" in headers
        assert "unsafe-inline" not in text and "'unsafe-eval'" not in text
        # The inline scripts are the bootstrap (with the deploy recovery), and on /cal/ the
        # link's echo in the form, exactly as hashed in the policy (a JSON data block runs nothing).
        expected = [recovery, link_echo] if 'id="formulaire"' in html else [recovery]
        executable = r'<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>(.*?)</script>'
        assert re.findall(executable, html, re.S) == expected, page
        assert not re.search(r"\son[a-z]+=", html), f"event-handler attribute in {page}"
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html.split("</head>")[1]), f"other origin in {page}"


def test_headers_file_carries_security_and_cache_policy(built_site):
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    for header in ("Content-Security-Policy: default-src 'self'", "frame-ancestors 'none'",
                   "Referrer-Policy: strict-origin-when-cross-origin", "X-Content-Type-Options: nosniff",
                   "Permissions-Policy: camera=()"):
        assert header in headers, header


@pytest.mark.parametrize("path, cache_control", [
    ("/cal/", "no-cache"), ("/prestations/niveau-2/", "no-cache"), ("/sw.js", "no-cache"),
    ("/assets/style.css", "public, max-age=31536000, immutable"),
    ("/pyodide/314.0.7/pyodide.asm.wasm", "public, max-age=31536000, immutable"),
])
def test_each_path_gets_one_cache_policy(built_site, path, cache_control):
    """Hosts join the values of all matching rules: a page must not also be 'immutable',
    and a Pyodide file must not also be 'no-cache'."""
    from serve import read_headers_file
    import fnmatch
    values = [value for pattern, headers in read_headers_file(built_site / "_headers")
              if fnmatch.fnmatchcase(path, pattern) for name, value in headers if name == "Cache-Control"]
    assert values == [cache_control]


@pytest.mark.parametrize("path, framed_by", [
    ("/cal/", ["'none'"]), ("/cal/index.html", ["'none'"]), ("/confidentialite/", ["'none'"]),
    ("/assets/style.css", ["'none'"]), ("/cal/integre/", ["*"]), ("/cal/integre/index.html", ["*"]),
    ("/page-inconnue", []),
])
def test_only_the_embedded_calculator_may_be_framed(built_site, path, framed_by):
    """Every path has the Content-Security-Policy; frame-ancestors lets other sites frame the
    embedded calculator alone."""
    from serve import read_headers_file
    import fnmatch
    policies = [value for pattern, headers in read_headers_file(built_site / "_headers")
                if fnmatch.fnmatchcase(path, pattern) for name, value in headers if name == "Content-Security-Policy"]
    assert policies and all("default-src 'self'" in policy for policy in policies)
    assert [policy.split("frame-ancestors ")[1] for policy in policies if "frame-ancestors" in policy] == framed_by


def test_previews_and_search(built_site):
    for path in PAGES:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in html
        assert f'<link rel="canonical" href="https://reunioninformatique.com/{path}">' in html
        for tag in ('property="og:title"', 'property="og:description"', 'property="og:image"',
                    'name="twitter:card" content="summary_large_image"', 'rel="icon"', "<title>", 'name="description"'):
            assert tag in html, (path, tag)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    # The calculator for other sites' frames (cal/integre/) is not a page of its own for search engines.
    presets = [f"cal/{page.parent.name}/" for page in built_site.glob("cal/*/index.html") if page.parent.name not in ("integre", "proposition")]
    assert 'name="robots" content="noindex"' in (built_site / "cal" / "integre" / "index.html").read_text(encoding="utf-8")
    assert len(presets) == 5
    assert sorted(f"https://reunioninformatique.com/{path}" for path in PAGES + presets) == sorted(
        re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert "Sitemap: https://reunioninformatique.com/sitemap.xml" in (built_site / "robots.txt").read_text()


def test_share_image_is_a_1200_by_630_png(built_site):
    [image] = (built_site / "assets").glob("partage-*.png")
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def test_site_origin_is_configurable(tmp_path):
    build.build(tmp_path / "out", "/tarifs/", site_origin="https://exemple.re/", rules_dir=FROZEN_RULES)
    html = (tmp_path / "out" / "cal" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://exemple.re/tarifs/cal/">' in html


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sub") / "site"
    build.build(out, "/sous-dossier/", rules_dir=FROZEN_RULES)
    server = serve_in_thread(out, prefix="/sous-dossier/")
    yield f"http://127.0.0.1:{server.server_address[1]}/sous-dossier/"
    server.shutdown()


def test_sub_path_hosting_has_no_broken_request(page, sub_path_site):
    failures = []
    page.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
    # Leaving a page aborts its worker's downloads (net::ERR_ABORTED): that is not a broken link.
    page.on("requestfailed", lambda request: failures.append(request.url)
            if "ERR_ABORTED" not in (request.failure or "") else None)
    for path in PAGES:
        page.goto(sub_path_site + path)
        for link in page.locator("a[href^='/']").evaluate_all("links => links.map(link => link.href)"):
            assert link.startswith(sub_path_site), (path, link)
    page.goto(sub_path_site + "cal/?postes=6")
    page.wait_for_selector('html[data-calcul="pret"]', timeout=90_000)
    page.wait_for_selector("#support-status-3[data-ouvert]", timeout=90_000)
    assert page.locator("#total-ht-2").get_attribute("data-value") == "278.00"     # 49 + 5 x 39 + 34
    assert failures == []
