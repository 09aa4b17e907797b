"""site/static/ under content-hashed names. A module that imports a sibling
(`from "./planning.mjs"`) gets its import rewritten to the sibling's hashed name, so it is
added after it and its own hash follows the sibling's content."""

import re
from pathlib import Path

SIBLING_IMPORT = re.compile(r'from "\./([\w-]+\.mjs)"')


def add_static_files(output, folder: Path, skipped) -> dict:
    """File name -> its hashed path under assets/, for every file of `folder` but `skipped`."""
    paths = {}

    def add(path: Path, importers=()):
        if path.name in paths:
            return
        if path.name in importers:
            raise ValueError(f"site/static/{path.name}: modules import each other in a cycle")
        data = path.read_bytes()
        if path.suffix == ".mjs":
            source = data.decode("utf-8")
            for name in SIBLING_IMPORT.findall(source):
                add(folder / name, (*importers, path.name))
            source = SIBLING_IMPORT.sub(lambda match: f'from "./{Path(paths[match.group(1)]).name}"', source)
            data = source.encode("utf-8")
        paths[path.name] = output.add_hashed("assets", path.name, data)

    for path in sorted(folder.iterdir()):
        if path.name not in skipped:
            add(path)
    return paths
