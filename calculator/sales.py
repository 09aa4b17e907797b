"""Links and estimates for sales, outside the browser: `python -m calculator lien` and
`python -m calculator lot FICHIER.csv`. Every value goes through the links' own parser, so
a link made here opens the same figures on /cal/, and a bad value gets the notice a visitor
would get, in its row, without stopping the batch."""

import csv
import functools
import itertools

from .batch_csv import Lines, delimiter_of, records, safe_cell
from .estimate import estimate_query
from .money import plain_amount
from .urlquery import quote


def result_columns(rules) -> tuple:
    """The columns `lot` adds: each level's totals, the recommended level, notices, link."""
    return (*(f"niveau_{n}_{kind}" for n in rules.levels for kind in ("ht", "ttc")), "recommande", "avis", "lien")

# Rows of a file often repeat a practice's figures: the last estimates are kept, a bounded number.
ESTIMATES_KEPT = 4096


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


def batch(binary, rules, base: str, out, warn) -> None:
    """CSV in (a header of URL parameters and any other columns, e.g. nom), CSV out on `out`:
    the other columns copied as read, then each level's totals, the recommended level, the
    notices and the link, with the input's delimiter; `warn` gets the file's own notices.
    One record at a time, so that memory stays flat whatever the file's size."""
    lines = Lines(binary)
    source = iter(lines)
    first = next(source, None)
    while first is not None and first[1] is not None and not first[1].strip():
        first = next(source, None)      # blank lines before the header
    if first is None:
        raise BatchError("le fichier est vide : la première ligne doit nommer les colonnes "
                         f"({', '.join([e.name for e in rules.catalogue.entries if e.kind == 'int'][:2])}…).")
    delimiter = delimiter_of(first[1] or "")
    rows = records(itertools.chain([first], source), delimiter)
    number, header, problem = next(rows)
    if header is None:
        raise BatchError(f"l'en-tête (ligne {number}) est illisible : {problem}.")
    # « Postes » in a spreadsheet's header is the parameter postes.
    names = rules.catalogue.names()
    params = {index: name.strip().casefold() for index, name in enumerate(header)
              if name.strip().casefold() in names}
    copied = [index for index in range(len(header)) if index not in params]
    if not params:
        raise BatchError("aucune colonne ne porte le nom d'un paramètre des liens "
                         f"({', '.join(names)}).")
    columns = result_columns(rules)
    amounts = {column for column in columns if column.startswith("niveau_")}
    # With ';' a French spreadsheet reads 945,00 as a number and 945.00 as text.
    decimal_comma = delimiter == ";"
    estimate = functools.lru_cache(maxsize=ESTIMATES_KEPT)(lambda values: estimate_row(rules, base, values))
    out.write("\ufeff")            # so that Excel reads the accents of the result right
    # CRLF, as Excel writes it: the writer then quotes any cell holding a lone \r too.
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(header[index]) for index in copied] + list(columns))
    for number, cells, problem in rows:
        if cells is None:
            notice = f"Ligne {number} illisible ({problem}) ; ligne ignorée."
            warn(notice)
            writer.writerow([""] * len(copied) + ["" if column != "avis" else notice for column in columns])
            continue
        cells += [""] * (len(header) - len(cells))
        if not any(cell.strip() for cell in cells):
            continue        # a spreadsheet's empty line (";;;"), not a practice
        values = tuple((name, cells[index].strip()) for index, name in params.items() if cells[index].strip())
        result = estimate(values)
        figures = [result[column].replace(".", ",") if decimal_comma and column in amounts else result[column]
                   for column in columns]
        writer.writerow([safe_cell(cells[index]) for index in copied] + [safe_cell(cell) for cell in figures])
    if lines.windows_1252:
        warn("Fichier lu en Windows-1252 (il n'est pas en UTF-8).")
