"""Serve the built site on localhost as a static host would (`make serve`, tests, bench).

MIME types Pyodide needs (`.wasm` as application/wasm, `.mjs` as JavaScript), the headers
of the site's `_headers` file, the site's 404 page, and an optional sub-path prefix.

`--comme-github-pages` serves it as GitHub Pages, the deploy target, does instead: every
file `Cache-Control: max-age=600`, `_headers` ignored, text and WebAssembly gzipped, ETags.
"""

import argparse
import email.utils
import fnmatch
import functools
import gzip
import hashlib
import http.server
import os
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
}


def read_headers_file(path: Path) -> list:
    """`_headers` -> [(path pattern, [(name, value)])], in file order."""
    rules = []
    if not path.exists():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            rules.append((line.strip(), []))
        elif line.strip() and rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    prefix = "/"
    header_rules = ()

    def translate_path(self, path):
        # The site may be built for a sub-path (/tarifs/): serve it there and nowhere else.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        merged = {}
        for pattern, headers in self.header_rules:
            if fnmatch.fnmatchcase(path, pattern):
                # Like Netlify and Cloudflare Pages: values of a header matched twice add up.
                for name, value in headers:
                    merged[name] = f"{merged[name]}, {value}" if name in merged else value
        for name, value in merged.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """Answer unknown paths with the site's own 404 page, as static hosts do."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class PagesLikeHandler(SiteHandler):
    """GitHub Pages as seen from a browser: one cache lifetime for every file, whatever the
    site asks for, gzip for what compresses, revalidation by ETag, and any origin may read."""
    MAX_AGE = "max-age=600"
    GZIPPED = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".xml", ".txt")
    _gzipped = {}     # ETag -> compressed body: the 8 MB of WebAssembly are compressed once

    def gzip_body(self, body: bytes, etag: str) -> bytes:
        if etag not in self._gzipped:
            self._gzipped[etag] = gzip.compress(body, compresslevel=6, mtime=0)
        return self._gzipped[etag]

    def send_body(self, body: bytes) -> None:
        """Where the response body goes out (bench/ paces it through a slow link)."""
        self.wfile.write(body)

    def do_GET(self):
        self._answer(with_body=True)

    def do_HEAD(self):
        self._answer(with_body=False)

    def _answer(self, with_body: bool):
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)      # as Pages does: /cal -> /cal/
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status, file = (200, path) if path.is_file() else (404, Path(self.directory) / "404.html")
        body = file.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if status == 200 and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", self.MAX_AGE)
            self.end_headers()
            return
        compress = file.suffix in self.GZIPPED and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = self.gzip_body(body, etag)
        self.send_response(status)
        self.send_header("Content-Type", self.extensions_map.get(file.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", self.MAX_AGE)
        self.send_header("Last-Modified", email.utils.formatdate(os.stat(file).st_mtime, usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Access-Control-Allow-Origin", "*")      # as Pages does, for every file
        if status == 200:
            self.send_header("ETag", etag)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if with_body:
            self.send_body(body)

    def end_headers(self):
        http.server.BaseHTTPRequestHandler.end_headers(self)     # no _headers: Pages ignores it


def make_server(directory: Path, port: int, prefix: str = "/", host: str = "127.0.0.1", handler=SiteHandler):
    directory = Path(directory)
    handler_class = type("ConfiguredSiteHandler", (handler,), {
        "prefix": prefix, "header_rules": tuple(read_headers_file(directory / "_headers"))})
    handler = functools.partial(handler_class, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main() -> None:
    parser = argparse.ArgumentParser(description="Sert le site construit sur http://localhost:8000")
    parser.add_argument("--dir", default="dist")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/", help="chemin d'hébergement, comme --base-url du build")
    parser.add_argument("--comme-github-pages", action="store_true",
                        help="servir comme GitHub Pages : max-age=600 partout, _headers ignoré, gzip")
    args = parser.parse_args()
    handler = PagesLikeHandler if args.comme_github_pages else SiteHandler
    server = make_server(Path(args.dir), args.port, args.prefix, handler=handler)
    print(f"Site servi sur http://localhost:{args.port}{args.prefix} (dossier {args.dir}/). Ctrl+C pour arrêter.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
