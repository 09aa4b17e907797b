"""Runs inside Pyodide (its Python 3.14, under Node.js at build time; see run.mjs).

Pyodide ships the standard library as source, so every visitor's browser compiles the
~150 modules that start-up imports, and that is most of the start-up time. Bytecode made
by the very interpreter the browser runs lets it skip that. Files are written as
unchecked hash-based .pyc (PEP 552): no timestamp inside, no source needed beside them.
"""

import importlib.util
import marshal
import sys
import zipfile

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # the archive depends on its contents only
UNCHECKED_HASH_PYC = (0b01).to_bytes(4, "little")   # PEP 552 flags: hash-based, not checked


def imported_modules() -> list:
    """The files of every module this interpreter has imported from source so far."""
    origins = (getattr(getattr(module, "__spec__", None), "origin", None) for module in list(sys.modules.values()))
    return sorted({origin for origin in origins if isinstance(origin, str) and origin.endswith(".py")})


def pyc_bytes(source: bytes, filename: str, optimize: int) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_PYC + importlib.util.source_hash(source) + marshal.dumps(code)


def compile_archive(source: str, target: str, members, optimize: int, location: str) -> None:
    """Copy the zip `source` to `target`, each of `members` (.py) replaced by its .pyc.

    `location` is where the browser will find these files (e.g. /lib/python314.zip), so
    that tracebacks name the same paths as before. optimize=2 drops docstrings and
    asserts, as `python -OO` does: the standard library is tested that way upstream."""
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


def precompile(stdlib_out: str, archives, unpacked_at: str) -> dict:
    """After the tour: each module it imported, as bytecode. In the standard library
    (a zip on sys.path) docstrings are dropped, to keep the download within the floor's;
    our engine and the wheels (unpacked at `unpacked_at`) are compiled as they are.

    archives: [(source zip, target zip)]. Modules the tour did not import stay as source:
    they still work, only slower to import."""
    [stdlib] = [path for path in sys.path if path.endswith(".zip")]   # e.g. /lib/python314.zip
    imported = imported_modules()

    def members_under(folder):
        prefix = folder.rstrip("/") + "/"
        return {origin[len(prefix):] for origin in imported if origin.startswith(prefix)}

    used = members_under(stdlib)
    compile_archive(stdlib, stdlib_out, used, 2, stdlib)
    ours = members_under(unpacked_at)
    for source, target in archives:
        compile_archive(source, target, ours, 0, unpacked_at)
    return {"stdlib": len(used), "unpacked": len(ours)}
