"""The browser's Python machinery, tested in CPython in milliseconds: the finder of the
later standard library (with a fake synchronous fetch), the bytecode cache's key and its
pruning. The end-to-end runs in Pyodide (test_parity, test_build) take seconds each."""

import importlib
import io
import os
import sys
import time
import types
import zipfile
from pathlib import Path

import pytest

from build_steps import browser_python

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.build


def zip_of(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


class FakeBrowser:
    """The `js` module a Web Worker gives Pyodide: a synchronous XMLHttpRequest that answers
    `status` and `body` for every URL, and counts the requests."""

    def __init__(self, status=200, body=b""):
        self.status, self.body, self.requests = status, body, []
        browser = self

        class Request:
            def open(self, method, url, asynchronous):
                browser.requests.append((method, url, asynchronous))

            def send(self, _):
                self.status, self.response = browser.status, browser.body

        class Bytes:
            def __init__(self, data):
                self.data = data

            def to_bytes(self):
                return bytes(self.data)

        self.module = types.SimpleNamespace(XMLHttpRequest=types.SimpleNamespace(new=Request),
                                            Uint8Array=types.SimpleNamespace(new=Bytes))


@pytest.fixture
def later(tmp_path, monkeypatch):
    """precompile/later_stdlib.py with its zip written under tmp_path, not /lib."""
    monkeypatch.syspath_prepend(str(ROOT / "precompile"))
    module = importlib.import_module("later_stdlib")
    monkeypatch.setattr(module, "PATH", str(tmp_path / "python-later.zip"))
    yield module
    for name in [name for name in sys.modules if name.startswith("plus_tard")]:
        del sys.modules[name]


def finder_with(later, monkeypatch, browser, names):
    monkeypatch.setitem(sys.modules, "js", browser.module)
    finder = later.LaterStdlib("https://exemple.re/assets/python_stdlib_later.zip", names)
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    return finder


def test_a_module_of_the_later_zip_imports_after_one_synchronous_fetch(later, monkeypatch):
    browser = FakeBrowser(body=zip_of({"plus_tard.py": "VALEUR = 42\n"}))
    finder = finder_with(later, monkeypatch, browser, ["plus_tard"])
    assert importlib.import_module("plus_tard").VALEUR == 42
    assert browser.requests == [("GET", finder.url, False)] and finder.ready
    del sys.modules["plus_tard"]
    importlib.import_module("plus_tard")
    assert len(browser.requests) == 1        # fetched once, then read from the zip


def test_a_module_it_does_not_hold_costs_no_fetch(later, monkeypatch):
    browser = FakeBrowser()
    finder = finder_with(later, monkeypatch, browser, ["plus_tard"])
    assert finder.find_spec("_module_absent") is None
    with pytest.raises(ImportError):
        importlib.import_module("_module_absent")
    assert browser.requests == []


@pytest.mark.parametrize("status, body, message", [
    (404, b"", "HTTP 404"),
    (200, b"<html>portail captif</html>", "not a zip archive"),
])
def test_a_failed_fetch_is_an_import_error_and_is_tried_again(later, monkeypatch, status, body, message):
    browser = FakeBrowser(status=status, body=body)
    finder = finder_with(later, monkeypatch, browser, ["plus_tard"])
    with pytest.raises(ImportError, match=message):
        importlib.import_module("plus_tard")
    assert not finder.ready
    browser.status, browser.body = 200, zip_of({"plus_tard.py": "VALEUR = 1\n"})
    assert importlib.import_module("plus_tard").VALEUR == 1
    assert len(browser.requests) == 2


def test_a_package_split_between_the_zips_finds_its_submodule_in_the_second(later, monkeypatch, tmp_path):
    first = tmp_path / "premier"
    (first / "plus_tard_paquet").mkdir(parents=True)
    (first / "plus_tard_paquet" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(first))
    browser = FakeBrowser(body=zip_of({"plus_tard_paquet/suite.py": "NOM = 'suite'\n"}))
    finder_with(later, monkeypatch, browser, ["plus_tard_paquet.suite"])
    assert importlib.import_module("plus_tard_paquet.suite").NOM == "suite"


def test_mount_keeps_what_an_import_fetched_first(later, monkeypatch):
    class Download:
        def __init__(self, data):
            self.data = data

        def to_bytes(self):
            return self.data

    browser = FakeBrowser(body=zip_of({"plus_tard.py": "VALEUR = 'importé'\n"}))
    finder = finder_with(later, monkeypatch, browser, ["plus_tard"])
    importlib.import_module("plus_tard")
    finder.mount(Download(zip_of({"plus_tard.py": "VALEUR = 'monté'\n"})))
    del sys.modules["plus_tard"]
    assert importlib.import_module("plus_tard").VALEUR == "importé"


# The bytecode cache -----------------------------------------------------------------------

@pytest.fixture
def key_inputs(tmp_path, monkeypatch):
    tools = tmp_path / "precompile"
    tools.mkdir()
    (tools / "run.mjs").write_text("// tour\n", encoding="utf-8")
    monkeypatch.setattr(browser_python, "PRECOMPILE", tools)
    wheel = tmp_path / "segno.whl"
    wheel.write_bytes(b"wheel")
    node = os.environ.get("NODE", "node")
    return {"node": node, "engine": b"engine", "wheels": [wheel], "tour": {"queries": [""]}, "tools": tools}


def key(inputs):
    return browser_python.bytecode_key(inputs["node"], inputs["engine"], inputs["wheels"], inputs["tour"])


@pytest.mark.parametrize("change", ["engine", "tour", "wheel", "tool"])
def test_the_cache_key_follows_everything_the_bytecode_depends_on(key_inputs, change):
    before = key(key_inputs)
    assert key(key_inputs) == before           # same inputs, same entry
    if change == "engine":
        key_inputs["engine"] = b"engine edited"
    elif change == "tour":
        key_inputs["tour"] = {"queries": ["", "postes=2"]}
    elif change == "wheel":
        key_inputs["wheels"][0].write_bytes(b"another wheel")
    else:
        (key_inputs["tools"] / "bytecode.py").write_text("# new step\n", encoding="utf-8")
    assert key(key_inputs) != before


def test_pruning_keeps_the_most_recent_entries_and_a_build_running_now(tmp_path, monkeypatch):
    monkeypatch.setattr(browser_python, "BYTECODE_CACHE", tmp_path)
    now = time.time()
    ages = {"a": 10, "b": 20, "c": 30, "d": 40, "en-cours-jeune": 60, "en-cours-vieux": 7200}
    for name, age in ages.items():
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (now - age, now - age))
    browser_python.prune_bytecode_cache(keep=2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "b", "en-cours-jeune"]
