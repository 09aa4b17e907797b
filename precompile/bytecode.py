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
from pathlib import Path

from later_stdlib import PATH as LATER_PATH

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # the archive depends on its contents only
UNCHECKED_HASH_PYC = (0b01).to_bytes(4, "little")   # PEP 552 flags: hash-based, not checked


def pyc_bytes(source: bytes, filename: str, optimize: int) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_PYC + importlib.util.source_hash(source) + marshal.dumps(code)


def compile_archive(source: str, target: str, members, optimize: int, location: str) -> None:
    """Copy the zip `source` to `target`, each of `members` (.py) replaced by its .pyc.

    `location` is where the browser will find these files (e.g. /lib/python314.zip), so
    that tracebacks name the same paths as before."""
    with zipfile.ZipFile(source) as original:
        entries = [(info, original.read(info)) for info in original.infolist()]
    write_archive(target, entries, set(members), optimize, location)


def write_archive(target: str, entries, members, optimize: int, location: str) -> None:
    """entries: [(ZipInfo, bytes)]; the `members` among them are written as bytecode."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as compiled:
        for info, data in entries:
            name = info.filename
            if name in members:
                data = pyc_bytes(data, f"{location.rstrip('/')}/{name}", optimize)
                name += "c"
            entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            entry.external_attr = info.external_attr
            entry.compress_type = zipfile.ZIP_DEFLATED
            compiled.writestr(entry, data)


def module_name(member: str) -> "str | None":
    """"email/__init__.py" -> "email", "email/policy.py" -> "email.policy"."""
    if not member.endswith(".py"):
        return None
    parts = member[:-3].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) if parts and all(part.isidentifier() for part in parts) else None


def split_stdlib(stdlib: str, startup_out: str, later_out: str, startup, compiled) -> dict:
    """The standard library as two zips: what start-up and pricing import (`startup`), as
    bytecode, with the finder of the rest (later_stdlib.py); and the rest, where the
    modules the tour imported later (`compiled`) are bytecode and the others source."""
    with zipfile.ZipFile(stdlib) as original:
        entries = [(info, original.read(info)) for info in original.infolist()]
    first = [(info, data) for info, data in entries
             if info.filename in startup or module_name(info.filename) is None]
    second = [(info, data) for info, data in entries if module_name(info.filename) and info.filename not in startup]
    names = sorted(module_name(info.filename) for info, _ in second)
    finder = Path(__file__).with_name("later_stdlib.py").read_bytes()
    first += [(zipfile.ZipInfo("later_stdlib.py"), finder),
              (zipfile.ZipInfo("later_stdlib.txt"), "\n".join(names).encode("ascii") + b"\n")]
    write_archive(startup_out, first, set(startup) | {"later_stdlib.py"}, 2, stdlib)
    write_archive(later_out, second, set(compiled), 2, LATER_PATH)
    return {"stdlib_demarrage": len(first), "stdlib_plus_tard": len(second)}


def precompile(stdlib_out: str, later_out: str, archives, unpacked_at: str, startup, imported) -> dict:
    """Each module of `imported` (the files the tour imported, see imported.py) as bytecode,
    the standard library split in two: what `startup` imported arrives first.
    In the standard library (the zip on sys.path) docstrings and asserts are dropped, as
    `python -OO` does, to keep the download within the floor's; the browser's Python runs
    with PYTHONOPTIMIZE=2 so that what it compiles itself matches. Our engine and the
    wheels (unpacked at `unpacked_at` in the browser) are compiled as they are.

    archives: [(source zip, target zip)]. Modules the tour did not import stay as source:
    they still work, only slower to import."""
    [stdlib] = [path for path in sys.path if path.endswith(".zip")]   # e.g. /lib/python314.zip

    def members_under(folder, origins):
        prefix = folder.rstrip("/") + "/"
        return {origin[len(prefix):] for origin in origins if origin.startswith(prefix)}

    counts = split_stdlib(stdlib, stdlib_out, later_out, members_under(stdlib, startup), members_under(stdlib, imported))
    ours = members_under(unpacked_at, imported)
    for source, target in archives:
        compile_archive(source, target, ours, 0, unpacked_at)
    return {**counts, "unpacked": len(ours)}
