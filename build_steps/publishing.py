"""What static hosts and browsers read besides the pages: the security and cache headers
(_headers), the Content-Security-Policy with the inline scripts' hashes, the lists of files
the service worker keeps (precache.json), the embed snippet's list of link parameters
(integrer.json), the sitemap and robots.txt."""

import base64
import hashlib
import json
from pathlib import Path

from .output import Output

# Everything comes from our own origin; Pyodide needs only 'wasm-unsafe-eval' to compile, and
# the inline scripts (INLINE_SCRIPTS) are allowed by their hashes, and no other.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {inline}; worker-src 'self'; "
                           "connect-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")
# Inlined in the pages, because they must run before the first paint, and even when the
# page's hashed scripts are gone after a deploy: the bootstrap at the top of every <head>,
# and on /cal/ its call right after the form (a link's values in the fields from the first
# paint). Name -> the script, or the file of site/static/ that holds it.
BOOTSTRAP = "page/bootstrap.js"
INLINE_SCRIPTS = {"bootstrap": BOOTSTRAP, "echo_link": "prismeBootstrap.echoLink();"}
SECURITY_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}
# Content-hashed files never change; pages and the service worker are revalidated every time.
NOT_FRAMED = "'none'"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def inline_scripts(static: Path) -> tuple:
    """({name: script text}, the Content-Security-Policy that allows them inline and nothing
    else inline)."""
    texts = {name: (static / source).read_text(encoding="utf-8") if source.endswith(".js") else source
             for name, source in INLINE_SCRIPTS.items()}
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
                      + "'" for text in texts.values())
    return texts, CONTENT_SECURITY_POLICY.format(inline=hashes)


# At the site's root under stable names: the service worker is registered by URL, other
# sites link the embed snippet; both read their lists from a JSON file beside them.
SERVICE_WORKER = ("offline/service-worker.js", "sw.js")
PRECACHE = "precache.json"
EMBED_SCRIPT = ("embed/host-snippet.js", "integrer.js")
EMBED_PARAMETERS = "integrer.json"


def offline_files(output: Output, not_copied=()) -> tuple:
    """(small assets, engine files): what the offline copy holds beside the pages, the first
    copied at the worker's install, the engine once a page has used it. `not_copied`: engine
    files left to the network (wheels.NOT_COPIED_OFFLINE)."""
    def is_engine(path):
        return path.startswith("pyodide/") or path.endswith(".zip")
    files = sorted(path for path in output.files
                   if path.startswith(("assets/", "pyodide/")) and path not in not_copied)
    return [path for path in files if not is_engine(path)], [path for path in files if is_engine(path)]


def offline_copy_sizes(output: Output, not_copied=()) -> dict:
    """Bytes of the offline copy, for the privacy page: the pages with their small files, and
    the engine's files (also the start-up part a comparison page prefetches)."""
    small, engine = offline_files(output, not_copied)
    pages = [path for path in output.files if path.endswith(".html")]
    size = lambda paths: sum(len(output.files[path]) for path in paths)
    return {"pages": size(pages) + size(small), "moteur": size(engine)}


def precache_json(output: Output, base_url: str, public_pages, build: str, not_copied=(), startup=()) -> str:
    """The service worker's lists for this build (`build`: the pages' data-construction, under
    which they register the worker): the pages and small assets it copies at install, the
    engine's files it copies once a page has used the engine, and `startup`, the engine files
    a first estimate needs, which a comparison page prefetches."""
    small, engine_files = offline_files(output, not_copied)
    return json.dumps({"version": build,
                       "pages": [base_url + page for page in public_pages] + [base_url + "404.html"],
                       "assets": [base_url + path for path in small],
                       "engine": [base_url + path for path in engine_files],
                       "startup": [base_url + path for path in startup if path in engine_files]},
                      sort_keys=True, indent=1) + "\n"


def embed_parameters_json(parameters) -> str:
    """The link parameters' names (rules/offre.yaml), the only data-* values the embed snippet
    passes on to its frame."""
    return json.dumps({"parametres": list(parameters)}, indent=1) + "\n"


# style.css's --accent and --fond: the installed app's title bar and splash screen.
THEME_COLOUR, BACKGROUND_COLOUR = "#0b4f8a", "#ffffff"
WEB_MANIFEST = "manifest.webmanifest"     # at the site's root, under a stable name: every page links it


def web_manifest(base_url: str, company, icons: dict) -> str:
    """The web app manifest: the calculator installed on a phone's home screen opens /cal/,
    standalone, within the site's base path (a sub-path or a domain's root alike).
    `icons`: (size, purpose) -> path under base_url."""
    return json.dumps({
        "id": f"{base_url}cal/",
        "name": company.name,
        "short_name": company.short_name,
        "description": "Estimation mensuelle des trois niveaux de maintenance informatique pour votre cabinet.",
        "lang": "fr", "dir": "ltr",
        "start_url": f"{base_url}cal/", "scope": base_url,
        "display": "standalone",
        "theme_color": THEME_COLOUR, "background_color": BACKGROUND_COLOUR,
        "icons": [{"src": base_url + path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for (size, purpose), path in icons.items()],
    }, ensure_ascii=False, indent=1) + "\n"


def headers_file(base_url: str, pages, csp: str, embedded=(), stable=(), shared=()) -> str:
    """`_headers` (Netlify / Cloudflare Pages syntax): security headers and cache policy.

    Hosts add up the values of every rule that matches a path, so each path gets its
    Cache-Control from exactly one rule: pages and sw.js are revalidated, hashed assets kept;
    and its Content-Security-Policy from one rule too: `embedded` pages (the calculator for
    other sites' frames) may be framed by any site, every other page and file by none. Every
    path also gets the policy without frame-ancestors (an unknown path's 404 too): a second
    matching policy applies as well, it never lifts the first. `stable`: other files under a
    stable name (revalidated); `shared`: files other sites' pages read (any origin may)."""
    revalidated = [base_url + page for page in pages]
    revalidated += [base_url + name for name in ("404.html", WEB_MANIFEST, *stable)]
    aliases = [base_url + page + "index.html" for page in pages if page.endswith("/") or not page]
    # frame-ancestors is only honoured in a header, not in the pages' <meta>.
    framed_by = {base_url + page: "*" for page in embedded}
    guarded = [*revalidated, *aliases, *(f"{base_url}{folder}/*" for folder in ("assets", "pyodide"))]
    framed_by.update({base_url + page + "index.html": "*" for page in embedded})
    rules = [(f"{base_url}*", {"Content-Security-Policy": csp, **SECURITY_HEADERS})]
    rules += [(path, {"Content-Security-Policy": f"{csp}; frame-ancestors {framed_by.get(path, NOT_FRAMED)}"})
              for path in guarded]
    rules += [(path, {"Cache-Control": REVALIDATE}) for path in revalidated]
    rules += [(f"{base_url}{folder}/*", {"Cache-Control": IMMUTABLE}) for folder in ("assets", "pyodide")]
    rules += [(base_url + path, {"Access-Control-Allow-Origin": "*"}) for path in shared]
    lines = []
    for path, headers in rules:
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def sitemap_xml(site_origin: str, base_url: str, pages) -> str:
    urls = "".join(f"  <url><loc>{site_origin}{base_url}{page}</loc></url>\n" for page in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def robots_txt(site_origin: str, base_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_origin}{base_url}sitemap.xml\n"
