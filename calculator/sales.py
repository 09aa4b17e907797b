"""Links and estimates for sales, outside the browser: `python -m calculator lien` and
`python -m calculator lot FICHIER.csv`. Every value goes through the links' own parser, so
a link made here opens the same figures on /cal/, and a bad value gets the notice a visitor
would get, in its row, without stopping the batch."""

import csv
import functools
import itertools

from .batch_csv import Lines, delimiter_of, records, safe_cell
from .client import fragment_of
from .estimate import estimate_query
from .money import plain_amount
from .options import option_notes
from .proposal import practice_with_level, proposal_address
from .urlquery import quote

# The copied column whose cell is the client's name in each row's proposal address (#nom=…).
NAME_COLUMN = "nom"


def result_columns(rules) -> tuple:
    """The columns `lot` adds: each level's totals, the recommended level, notices, link; then,
    after them so that a script reading the earlier ones by position still reads them, each
    level's chosen options it includes or does not offer, and the proposal's address."""
    return (*(f"niveau_{n}_{kind}" for n in rules.levels for kind in ("ht", "ttc")), "recommande", "avis", "lien",
            *(f"niveau_{n}_options" for n in rules.levels), "proposition")

# Rows of a file often repeat a practice's figures: the last estimates are kept, a bounded number.
ESTIMATES_KEPT = 4096


class BatchError(Exception):
    """A file that cannot be read as CSV with a header; the message is French."""


def link(base: str, query: str) -> str:
    """The calculator's address for a canonical query: base + "cal/?" + query."""
    return f"{site_base(base)}cal/?{query}" if query else f"{site_base(base)}cal/"


def query_of(values) -> str:
    """(name, raw value) pairs -> a query string, values as given (the parser reads them)."""
    return "&".join(f"{name}={quote(value)}" for name, value in values)


def estimate_row(rules, base: str, values, proposal: tuple) -> dict:
    """One practice's result columns, from its (parameter, raw value) pairs; `proposal` is
    (issue date, price list version) of its proposal (its address without the client block)."""
    estimate = estimate_query(rules, query_of(values))
    row = {}
    for number in rules.levels:
        level = estimate.levels[number]
        row[f"niveau_{number}_ht"] = plain_amount(level.total_ht)
        row[f"niveau_{number}_ttc"] = plain_amount(level.total_ttc)
        row[f"niveau_{number}_options"] = " ; ".join(note["texte"] for note in option_notes(rules, estimate.inputs, number))
    row.update(recommande=str(estimate.recommended), avis=" ".join(estimate.notices),
               lien=link(base, estimate.query),
               proposition=site_base(base) + proposal_address(practice_with_level(rules, estimate), *proposal))
    return row


def site_base(base: str) -> str:
    """The site's address, ending with "/", as addresses from its root are appended to it."""
    return base if base.endswith("/") else base + "/"


def batch(binary, rules, base: str, out, warn, proposal: tuple) -> None:
    """CSV in (a header of URL parameters and any other columns, e.g. nom), CSV out on `out`:
    the other columns copied as read, then each level's totals, the recommended level, the
    notices, the link, each level's options and the proposal's address (issued and priced as
    `proposal` says: (date, version); its client name from the `nom` column when there is one),
    with the input's delimiter; `warn` gets the file's own notices.
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
    name_column = next((index for index in copied if header[index].strip().casefold() == NAME_COLUMN), None)
    if not params:
        raise BatchError("aucune colonne ne porte le nom d'un paramètre des liens "
                         f"({', '.join(names)}).")
    columns = result_columns(rules)
    amounts = {column for column in columns if column.startswith("niveau_") and column.endswith(("_ht", "_ttc"))}
    # With ';' a French spreadsheet reads 945,00 as a number and 945.00 as text.
    decimal_comma = delimiter == ";"
    estimate = functools.lru_cache(maxsize=ESTIMATES_KEPT)(lambda values: estimate_row(rules, base, values, proposal))
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
        # The name is the row's own: added after the cache, which rows of other practices share.
        fragment = fragment_of({NAME_COLUMN: cells[name_column]}) if name_column is not None else ""
        result = {**result, "proposition": result["proposition"] + (f"#{fragment}" if fragment else "")}
        figures = [result[column].replace(".", ",") if decimal_comma and column in amounts else result[column]
                   for column in columns]
        writer.writerow([safe_cell(cells[index]) for index in copied] + [safe_cell(cell) for cell in figures])
    if lines.windows_1252:
        warn("Fichier lu en Windows-1252 (il n'est pas en UTF-8).")
