"""site/static/ under content-hashed names, flat in assets/. A module that imports another
(`from "./store.mjs"`, `from "../worker/engine-client.mjs"`) gets its import rewritten to
that module's hashed name, so it is added after it and its own hash follows its content."""

import re
from pathlib import Path, PurePosixPath

MODULE_IMPORT = re.compile(r'from "(\.{1,2}/[\w./-]+\.mjs)"')


def add_static_files(output, folder: Path, skipped) -> dict:
    """Path under `folder` ("page/calculator.mjs") -> its hashed path under assets/, for every
    file of `folder` but `skipped` (paths under `folder`)."""
    paths = {}
    names = {}

    def add(path: str, importers=()):
        if path in paths:
            return
        if path in importers:
            raise ValueError(f"site/static/{path}: modules import each other in a cycle")
        data = (folder / path).read_bytes()
        if path.endswith(".mjs"):
            source = data.decode("utf-8")
            here = PurePosixPath(path).parent

            targets = {specifier: _normalise(here / specifier) for specifier in MODULE_IMPORT.findall(source)}
            for target in targets.values():
                if not (folder / target).is_file():
                    raise ValueError(f"site/static/{path}: imports {target}, which does not exist")
                add(target, (*importers, path))
            source = MODULE_IMPORT.sub(lambda match: f'from "./{PurePosixPath(paths[targets[match.group(1)]]).name}"', source)
            data = source.encode("utf-8")
        name = PurePosixPath(path).name
        if names.setdefault(name, path) != path:
            raise ValueError(f"site/static/{path}: same file name as {names[name]}, and assets/ is flat")
        paths[path] = output.add_hashed("assets", name, data)

    for file in sorted(folder.rglob("*")):
        relative = file.relative_to(folder).as_posix()
        if file.is_file() and relative not in skipped:
            add(relative)
    return paths


def _normalise(path: PurePosixPath) -> str:
    """"page/../worker/x.mjs" -> "worker/x.mjs"."""
    parts = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
