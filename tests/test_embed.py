"""The calculator inside another website (integrer.js), in Chromium: the embedding page is
served from another origin (a second loopback port), as the company's own site would be."""

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
import segno
from playwright.sync_api import expect

import build
from calculator.browser import QR_MASK

from .conftest import serve_in_thread
from .frozen import FROZEN_RULES
from .waits import BOOT_TIMEOUT, wait_until

ROOT_EXAMPLE = "site/exemple-integration.html"
LINK = "postes=7&serveurs=1&imagerie=2&commune=saint-paul"


@pytest.fixture
def embedding_page_for(tmp_path_factory):
    """calculator URL -> the URL of docs/embed.md's example page, served from another origin,
    its script pointed at that calculator."""
    servers = []

    def serve(calculator: str) -> str:
        folder = tmp_path_factory.mktemp("site-de-l-entreprise")
        example = (Path(__file__).resolve().parents[1] / ROOT_EXAMPLE).read_text(encoding="utf-8")
        (folder / "index.html").write_text(example.replace("https://reunioninformatique.com/", f"{calculator}/"),
                                           encoding="utf-8")
        servers.append(serve_in_thread(folder))
        return f"http://127.0.0.1:{servers[-1].server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()


@pytest.fixture
def embedding_page(embedding_page_for, site_url):
    return embedding_page_for(site_url)


def open_embedded(page, embedding_page):
    page.goto(embedding_page)
    frame = page.frame_locator("iframe")
    frame.locator('html[data-calcul="pret"]:not(.attente)').wait_for(state="attached", timeout=BOOT_TIMEOUT)
    return frame


def frame_height(page):
    return page.locator("iframe").first.evaluate("frame => frame.getBoundingClientRect().height")


def test_the_calculator_shows_its_figures_in_another_sites_page(page, embedding_page, site_url):
    frame = open_embedded(page, embedding_page)
    expect(frame.locator("#total-ht-2")).to_have_attribute("data-value", "409.00")     # the snippet's practice
    assert frame.locator("header.entete").count() == 0 and frame.locator("footer.pied").count() == 0
    assert page.locator("iframe").get_attribute("src") == f"{site_url}/cal/integre/?postes=7&serveurs=1&imagerie=2&commune=saint-paul"


def test_the_frame_grows_with_the_cards_and_never_scrolls_inside(page, embedding_page):
    frame = open_embedded(page, embedding_page)
    content = "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"
    wait_until(page, lambda: abs(frame_height(page) - frame.locator("html").evaluate(content)) <= 1,
               what="the frame sized to its content")
    before = frame_height(page)
    # A larger practice: more cost lines in every card.
    frame.locator("#champ-postes").fill("250")
    frame.locator("#affiner summary").click()          # the backup volume is folded
    frame.locator("#champ-sauvegarde").fill("90000")
    frame.locator("#champ-tpe").check()
    frame.locator('html[data-calcul="pret"]').wait_for(state="attached")
    wait_until(page, lambda: frame_height(page) > before, what="the frame growing")
    wait_until(page, lambda: abs(frame_height(page) - frame.locator("html").evaluate(content)) <= 1,
               what="the frame sized to its grown content")
    inner = frame.locator("html").evaluate("root => [root.scrollHeight, window.innerHeight]")
    assert inner[0] <= inner[1] + 1            # nothing to scroll inside the frame


def post_from(window_frame, page, message):
    """`message` posted to the embedding page from `window_frame`, then a marker after it:
    once the marker has arrived, the message has been handled (messages keep their order)."""
    page.evaluate("""() => { window.__repere = new Promise((resolve) => {
      addEventListener("message", (event) => { if (event.data === "repere") resolve(); }); }); }""")
    window_frame.evaluate("(message) => { parent.postMessage(message, '*'); parent.postMessage('repere', '*'); }", message)
    page.evaluate("() => window.__repere")


def test_a_height_from_anyone_but_the_calculators_frame_is_ignored(page, embedding_page, embedding_page_for, site_url):
    frame = open_embedded(page, embedding_page)
    # Once what grows the frame has come (the QR code, the offline copy's notice), its height
    # moves only for the messages below.
    frame.locator("#qr").wait_for(timeout=BOOT_TIMEOUT)
    frame.locator('html[data-hors-ligne="pret"]').wait_for(state="attached", timeout=BOOT_TIMEOUT)
    content = "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"
    wait_until(page, lambda: abs(frame_height(page) - frame.locator("html").evaluate(content)) <= 1,
               what="the frame's height after its last growth")
    before = frame_height(page)
    fake = {"type": "prisme-height", "height": 123}
    # From a page of another origin, framed in the same embedding page.
    other = embedding_page_for("http://127.0.0.1:9")        # any page of a third origin will do
    page.evaluate("(src) => new Promise((resolve) => { const f = document.createElement('iframe');"
                  " f.src = src; f.onload = resolve; document.body.append(f); })", other)
    post_from(page.frames[-1], page, fake)
    assert frame_height(page) == before
    # From the calculator's own origin, but a window that is not one of the calculator's frames.
    page.evaluate("(src) => new Promise((resolve) => { const f = document.createElement('iframe');"
                  " f.src = src; f.onload = resolve; document.body.append(f); })", f"{site_url}/page-inconnue")
    post_from(page.frames[-1], page, fake)
    assert frame_height(page) == before
    # The calculator's frame itself is heard (the same message, from it, would be taken).
    post_from(page.frames[1], page, {"type": "prisme-height", "height": 777})
    assert frame_height(page) == 777


def test_an_iframe_loaded_before_the_script_is_sized_too(page, tmp_path, site_url):
    """The other form of the snippet: the site's own <iframe>, already loaded when the script
    comes (a slow page, a script added by a page builder afterwards)."""
    (tmp_path / "index.html").write_text(f"""<!doctype html><title>Maintenance</title>
<iframe data-prisme-calculateur src="{site_url}/cal/integre/?postes=3"></iframe>
<script>document.querySelector("iframe").addEventListener("load", () => {{
  const script = document.createElement("script"); script.src = "{site_url}/integrer.js"; document.body.append(script);
}});</script>""", encoding="utf-8")
    server = serve_in_thread(tmp_path)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        frame = page.frame_locator("iframe")
        frame.locator('html[data-calcul="pret"]').wait_for(state="attached", timeout=BOOT_TIMEOUT)
        content = "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"
        wait_until(page, lambda: abs(frame_height(page) - frame.locator("html").evaluate(content)) <= 1 and
                   frame_height(page) > 300, what="the frame sized to its content")
    finally:
        server.shutdown()


def test_a_typical_practice_opens_inside_the_frame(page, embedding_page, site_url):
    frame = open_embedded(page, embedding_page)
    frame.get_by_role("link", name="Médecin généraliste").click()
    frame.locator('html[data-calcul="pret"]:not(.attente)').wait_for(state="attached", timeout=BOOT_TIMEOUT)
    assert page.frames[1].url.startswith(f"{site_url}/cal/integre/?")
    expect(frame.locator("html")).to_have_attribute("data-integre", "")
    expect(frame.get_by_role("link", name="Ce que comprend le niveau 2")).to_have_attribute("target", "_blank")


def test_another_page_of_the_site_refuses_to_be_framed_where_headers_are_ignored(page, tmp_path, built_site):
    """GitHub Pages sends no frame-ancestors: a page other than /cal/integre/ hides itself in
    another site's frame (etat.js), so that nothing on it can be clicked unseen."""
    from serve import PagesLikeHandler

    server = serve_in_thread(built_site, handler=PagesLikeHandler)
    framing = (tmp_path / "index.html")
    framing.write_text(f'<!doctype html><title>x</title><iframe src="http://127.0.0.1:{server.server_address[1]}/cal/"></iframe>',
                       encoding="utf-8")
    other = serve_in_thread(tmp_path)
    try:
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        frame = page.frame_locator("iframe")
        expect(frame.locator("html")).to_have_class(re.compile(r"\bencadree\b"))
        expect(frame.locator("body")).to_be_hidden()
    finally:
        server.shutdown()
        other.shutdown()


def test_inside_a_frame_the_links_handed_over_are_the_calculators(page, embedding_page, site_url):
    frame = open_embedded(page, embedding_page)
    calculator_link = f"{site_url}/cal/?{LINK}"
    expect(frame.locator("#impression-lien")).to_have_text(calculator_link)
    frame.locator("#qr-figure:not([hidden])").wait_for(timeout=BOOT_TIMEOUT)
    expected = segno.make(calculator_link, error="m", mask=QR_MASK).svg_data_uri(scale=4, border=2, dark="#1a1a1a")
    assert frame.locator("#qr").get_attribute("src") == expected
    frame.locator("#courriel").hover()
    assert unquote(frame.locator("#courriel").get_attribute("href")).endswith(f"Lien de l'estimation : {calculator_link}")
    # The frame's own address keeps its path: a reload stays the embedded calculator.
    frame.locator("#champ-postes").fill("8")
    frame.locator('html[data-calcul="pret"]').wait_for(state="attached")
    wait_until(page, lambda: "postes=8" in page.frames[1].url, what="the frame's address following")
    assert page.frames[1].url.startswith(f"{site_url}/cal/integre/?")
    expect(frame.locator("#impression-lien")).to_have_text(f"{site_url}/cal/?postes=8&serveurs=1&imagerie=2&commune=saint-paul")


def test_an_embedded_calculator_works_offline_once_used_and_follows_a_deploy(browser, tmp_path, embedding_page_for):
    """In another site's frame the calculator keeps its own offline copy (in that site's
    partition of the browser's storage) and, like the rest, shows a deploy's prices at the
    next load."""
    site, rules = tmp_path / "site", tmp_path / "rules"
    shutil.copytree(FROZEN_RULES, rules)
    build.build(site, rules_dir=rules)
    server = serve_in_thread(site)
    calculator = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    try:
        page = context.new_page()
        frame = open_embedded(page, embedding_page_for(calculator))
        frame.locator('html[data-hors-ligne="pret"]').wait_for(state="attached", timeout=120_000)
        expect(frame.locator("#total-ht-2")).to_have_attribute("data-value", "409.00")
        # Offline: the frame reloads from its copy and still computes.
        context.set_offline(True)
        page.frames[1].evaluate("location.reload()")
        frame.locator('html[data-calcul="pret"]:not(.attente)').wait_for(state="attached", timeout=BOOT_TIMEOUT)
        frame.locator("#champ-postes").fill("8")
        expect(frame.locator("#total-ht-2")).to_have_attribute("data-value", "443.00")     # + 1 × 34
        context.set_offline(False)
        # A deploy: the level 2 site fee 49 -> 51.
        offer = rules / "offre.yaml"
        offer.write_text(offer.read_text(encoding="utf-8").replace("2: {prix: 49}", "2: {prix: 51}"), encoding="utf-8")
        build.build(site, rules_dir=rules)
        page.reload()
        frame = open_embedded(page, page.url)
        expect(frame.locator("#total-ht-2")).to_have_attribute("data-value", "411.00")
    finally:
        context.close()
        server.shutdown()
