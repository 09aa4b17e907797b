"""The part of the standard library that arrives after the first estimate (shipped as the
top-level module `later_stdlib` of the start-up standard library; see bytecode.py).

A phone pays for every byte before its first estimate, and start-up and pricing import
only about a third of the standard library. The rest is a second zip, which the worker
downloads when something needs it (the QR code) and hands over with `mount()`. Until
then, importing one of its modules still works: this finder fetches the zip synchronously
(a Web Worker may), so no import fails because of the split, it only waits.

The finder answers only for the modules the second zip holds (listed in later_stdlib.txt
beside this module), so `try: import _missing` stays as cheap as before.
"""

import sys
import zipimport

PATH = "/lib/python-later.zip"    # where the worker writes the second zip


class LaterStdlib:
    """A meta path finder for the modules of the second zip."""

    path = PATH

    def __init__(self, url: str, names):
        self.url = url
        self.names = frozenset(names)
        self.ready = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        if not self.ready:
            self._fetch_now()
        package, _, _ = fullname.rpartition(".")
        # A package split between the zips keeps its __path__ in the first one: look
        # for its submodules in the second zip's folder of that package ourselves.
        folder = f"{PATH}/{package.replace('.', '/')}/" if package else PATH
        return zipimport.zipimporter(folder).find_spec(fullname)

    def mount(self, data) -> None:
        """The worker downloaded the zip (a JavaScript Uint8Array), unless an import
        fetched it meanwhile (the worker asks `ready` first, to spare the download)."""
        if not self.ready:
            self._write(data.to_bytes())

    def _write(self, data: bytes) -> None:
        # A host's error page or a captive portal can answer 200: only a zip is kept.
        if not data.startswith(b"PK"):
            raise ImportError(f"{self.url}: not a zip archive")
        with open(PATH, "wb") as file:
            file.write(data)
        self.ready = True

    def _fetch_now(self) -> None:
        """The synchronous download; a failure is an ImportError, as callers of import
        expect (`try: import x` in the standard library, codec lookups)."""
        from js import XMLHttpRequest, Uint8Array

        try:
            request = XMLHttpRequest.new()
            request.open("GET", self.url, False)
            request.responseType = "arraybuffer"
            request.send(None)
        except Exception as error:     # a JavaScript NetworkError, offline for instance
            raise ImportError(f"{self.url}: {error}") from error
        if request.status != 200:
            raise ImportError(f"{self.url}: HTTP {request.status}")
        self._write(Uint8Array.new(request.response).to_bytes())


def install(url: str) -> LaterStdlib:
    """Put the finder on sys.meta_path before the path finder: the start-up zip keeps the
    folders of packages it does not hold (importlib/metadata/), which the path finder
    would take for namespace packages."""
    names = __loader__.get_data(__file__.rpartition("/")[0] + "/later_stdlib.txt").decode("ascii").split()
    finder = LaterStdlib(url, names)
    from importlib.machinery import PathFinder

    sys.meta_path.insert(sys.meta_path.index(PathFinder), finder)
    return finder
