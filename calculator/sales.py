"""Links and estimates for sales, outside the browser: `python -m calculator lien` and
`python -m calculator lot FICHIER.csv`. Every value goes through the links' own parser, so
a link made here opens the same figures on /cal/, and a bad value gets the notice a visitor
would get, in its row, without stopping the batch."""

import csv
import io

from .estimate import estimate_query
from .inputs import PARAMS_BY_NAME
from .money import plain_amount
from .urlquery import quote

LEVELS = (1, 2, 3)
RESULT_COLUMNS = (*(f"niveau_{n}_{kind}" for n in LEVELS for kind in ("ht", "ttc")), "recommande", "avis", "lien")
DELIMITERS = ",;\t"     # French spreadsheets write CSV with semicolons


class BatchError(Exception):
    """A file that cannot be read as CSV with a header; the message is French."""


def link(base: str, query: str) -> str:
    """The calculator's address for a canonical query: base + "cal/?" + query."""
    base = base if base.endswith("/") else base + "/"
    return f"{base}cal/?{query}" if query else f"{base}cal/"


def query_of(values) -> str:
    """(name, raw value) pairs -> a query string, values as given (the parser reads them)."""
    return "&".join(f"{name}={quote(value)}" for name, value in values)


def estimate_row(rules, base: str, values) -> dict:
    """One practice's result columns, from its (parameter, raw value) pairs."""
    estimate = estimate_query(rules, query_of(values))
    row = {}
    for number in LEVELS:
        level = estimate.levels[number]
        row[f"niveau_{number}_ht"] = plain_amount(level.total_ht)
        row[f"niveau_{number}_ttc"] = plain_amount(level.total_ttc)
    row.update(recommande=str(estimate.recommended), avis=" ".join(estimate.notices),
               lien=link(base, estimate.query))
    return row


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def batch(text: str, rules, base: str) -> str:
    """CSV in (a header of URL parameters and any other columns, e.g. nom), CSV out: the
    other columns copied through, then each level's totals, the recommended level, the
    notices and the link. Written with the input's delimiter."""
    if not text.strip():
        raise BatchError("le fichier est vide : la première ligne doit nommer les colonnes (postes, serveurs…).")
    dialect = _dialect(text)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip() for name in reader.fieldnames or []]
    copied = [name for name in header if name not in PARAMS_BY_NAME]
    if len(copied) == len(header):
        raise BatchError("aucune colonne ne porte le nom d'un paramètre des liens "
                         f"({', '.join(PARAMS_BY_NAME)}).")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\n")
    writer.writerow([*copied, *RESULT_COLUMNS])
    for raw in reader:
        cells = {name.strip(): (value or "").strip() for name, value in raw.items() if name is not None}
        values = [(name, cells[name]) for name in header if name in PARAMS_BY_NAME and cells.get(name, "") != ""]
        result = estimate_row(rules, base, values)
        writer.writerow([*(cells.get(name, "") for name in copied), *(result[column] for column in RESULT_COLUMNS)])
    return out.getvalue()
