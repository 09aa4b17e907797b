"""Links and estimates for sales, outside the browser: `python -m calculator lien` and
`python -m calculator lot FICHIER.csv`. Every value goes through the links' own parser, so
a link made here opens the same figures on /cal/, and a bad value gets the notice a visitor
would get, in its row, without stopping the batch."""

import csv
import io

from .estimate import estimate_query
from .money import plain_amount
from .urlquery import quote


def result_columns(rules) -> tuple:
    """The columns `lot` adds: each level's totals, the recommended level, notices, link."""
    return (*(f"niveau_{n}_{kind}" for n in rules.levels for kind in ("ht", "ttc")), "recommande", "avis", "lien")

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
    for number in rules.levels:
        level = estimate.levels[number]
        row[f"niveau_{number}_ht"] = plain_amount(level.total_ht)
        row[f"niveau_{number}_ttc"] = plain_amount(level.total_ttc)
    row.update(recommande=str(estimate.recommended), avis=" ".join(estimate.notices),
               lien=link(base, estimate.query))
    return row


def _delimiter(text: str) -> str:
    """The header's delimiter; everything else is read as Excel writes it (quotes doubled)."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def batch(text: str, rules, base: str) -> str:
    """CSV in (a header of URL parameters and any other columns, e.g. nom), CSV out: the
    other columns copied through, then each level's totals, the recommended level, the
    notices and the link. Written with the input's delimiter."""
    if not text.strip():
        raise BatchError("le fichier est vide : la première ligne doit nommer les colonnes "
                         f"({', '.join([e.name for e in rules.catalogue.entries if e.kind == 'int'][:2])}…).")
    delimiter = _delimiter(text)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [name.strip() for name in rows[0]]
    # « Postes » in a spreadsheet's header is the parameter postes.
    names = rules.catalogue.names()
    params = {index: name.casefold() for index, name in enumerate(header) if name.casefold() in names}
    copied = [index for index in range(len(header)) if index not in params]
    if not params:
        raise BatchError("aucune colonne ne porte le nom d'un paramètre des liens "
                         f"({', '.join(names)}).")
    columns = result_columns(rules)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*(header[index] for index in copied), *columns])
    for row in rows[1:]:
        cells = [cell.strip() for cell in row] + [""] * (len(header) - len(row))
        if not any(cells):
            continue        # a spreadsheet's empty line (";;;"), not a practice
        values = [(name, cells[index]) for index, name in params.items() if cells[index] != ""]
        result = estimate_row(rules, base, values)
        writer.writerow([*(cells[index] for index in copied), *(result[column] for column in columns)])
    return out.getvalue()
