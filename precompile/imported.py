"""Runs inside Pyodide after the tour (see run.mjs): which modules did it import from source?

It imports nothing but `sys`, so that asking does not change the answer."""

import sys


def imported_modules() -> list:
    """The files of every module this interpreter has imported from source so far."""
    origins = (getattr(getattr(module, "__spec__", None), "origin", None) for module in list(sys.modules.values()))
    return sorted({origin for origin in origins if isinstance(origin, str) and origin.endswith(".py")})
