"""Runs inside a fresh Pyodide (its Python 3.14, under Node.js at build time; see run.mjs).

Pyodide ships the standard library as source, so every visitor's browser compiles the
~150 modules that start-up imports, and that is most of the start-up time. Bytecode made
by the very interpreter the browser runs lets it skip that. Files are written as
unchecked hash-based .pyc (PEP 552): no timestamp inside, no source needed beside them.

marshal marks the objects it meets more than once as shared, and whether a string is
shared can depend on what the interpreter did before: compiling in a fresh interpreter,
not in the one that ran the tour, keeps the bytes a function of the sources alone.
"""

import importlib.util
import marshal
import sys
import zipfile

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # the archive depends on its contents only
UNCHECKED_HASH_PYC = (0b01).to_bytes(4, "little")   # PEP 552 flags: hash-based, not checked


def pyc_bytes(source: bytes, filename: str, optimize: int) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_PYC + importlib.util.source_hash(source) + marshal.dumps(code)


def compile_archive(source: str, target: str, members, optimize: int, location: str) -> None:
    """Copy the zip `source` to `target`, each of `members` (.py) replaced by its .pyc.

    `location` is where the browser will find these files (e.g. /lib/python314.zip), so
    that tracebacks name the same paths as before."""
    members = set(members)
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as compiled:
        for info in original.infolist():
            data = original.read(info)
            name = info.filename
            if name in members:
                data = pyc_bytes(data, f"{location.rstrip('/')}/{name}", optimize)
                name += "c"
            entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            entry.external_attr = info.external_attr
            entry.compress_type = zipfile.ZIP_DEFLATED
            compiled.writestr(entry, data)


def precompile(stdlib_out: str, archives, unpacked_at: str, imported) -> dict:
    """Each module of `imported` (the files the tour imported, see imported.py) as bytecode.
    In the standard library (the zip on sys.path) docstrings and asserts are dropped, as
    `python -OO` does, to keep the download within the floor's; the browser's Python runs
    with PYTHONOPTIMIZE=2 so that what it compiles itself matches. Our engine and the
    wheels (unpacked at `unpacked_at` in the browser) are compiled as they are.

    archives: [(source zip, target zip)]. Modules the tour did not import stay as source:
    they still work, only slower to import."""
    [stdlib] = [path for path in sys.path if path.endswith(".zip")]   # e.g. /lib/python314.zip

    def members_under(folder):
        prefix = folder.rstrip("/") + "/"
        return {origin[len(prefix):] for origin in imported if origin.startswith(prefix)}

    used = members_under(stdlib)
    compile_archive(stdlib, stdlib_out, used, 2, stdlib)
    ours = members_under(unpacked_at)
    for source, target in archives:
        compile_archive(source, target, ours, 0, unpacked_at)
    return {"stdlib": len(used), "unpacked": len(ours)}
