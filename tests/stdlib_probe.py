"""Imports every module of the standard library zip, in Pyodide (see stdlib_probe.mjs), and
says which failed: a shipped standard library must not fail where the stock one works."""

import importlib
import json
import sys
import zipfile


def module_names(archive: str) -> list:
    names = set()
    for member in zipfile.ZipFile(archive).namelist():
        path, dot, ext = member.rpartition(".")
        if ext not in ("py", "pyc") or not path:
            continue
        parts = path.split("/")
        if parts[-1] == "__init__":
            parts.pop()
        if parts and all(part.isidentifier() for part in parts):
            names.add(".".join(parts))
    return sorted(names)


def failed_imports() -> str:
    """{"tried": how many modules, "failed": {module: error}} as JSON."""
    [stdlib] = [path for path in sys.path if path.endswith(".zip")]
    later = [finder.path for finder in sys.meta_path if type(finder).__name__ == "LaterStdlib"]
    # Modules with effects at import (a browser tab, the Zen of Python) are not probed, nor
    # the finder of the later zip (the worker imports it: later_stdlib.py).
    skipped = {"antigravity", "this", "__hello__", "__phello__", "later_stdlib"}
    names = [name for archive in [stdlib, *later] for name in module_names(archive)
             if name.split(".")[0] not in skipped and not name.endswith("__main__")]   # not programs
    failed = {}
    for name in names:
        try:
            importlib.import_module(name)
        except BaseException as error:      # noqa: BLE001 - SystemExit too: we only list
            failed[name] = f"{type(error).__name__}: {error}"
    return json.dumps({"tried": len(names), "failed": failed}, sort_keys=True)
