"""PRISME maintenance pricing, support-hours coverage, recommendation and link parsing.

Pure Python (standard library; `holidays` only for public holidays), the same code in
CPython at build time and in the visitor's browser through Pyodide.
"""
