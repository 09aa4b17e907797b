"""Runs inside Pyodide during the tour (see run.mjs): which modules did it import from source,
and in which order?

It imports nothing but `sys`, so that asking does not change the answer."""

import sys


def imported_modules() -> list:
    """The files of every module this interpreter has imported from source so far."""
    origins = (getattr(getattr(module, "__spec__", None), "origin", None) for module in list(sys.modules.values()))
    return sorted({origin for origin in origins if isinstance(origin, str) and origin.endswith(".py")})


def module_names() -> list:
    """Every module's name, in the order their imports completed: importlib moves a module
    to the end of sys.modules once it has run, so a module comes after its own imports."""
    return list(sys.modules)
