"""The CSV of `lot`, read and written safely: a file from anyone's spreadsheet, of any size.

Reading streams physical lines, so memory stays flat whatever the file's size, and parses
one record at a time with the csv module in strict mode. A record it cannot parse cleanly
(an unbalanced quote, an oversized cell, a line of megabytes) is reported with
its line number and skipped; the records after it are read as usual. Without that bound an
unbalanced quote would swallow every following row into one cell.

Writing follows OWASP's CSV-injection rule: a cell that starts with = + - @, a tab or a
carriage return gets a leading apostrophe, so that a spreadsheet shows it as text instead
of running it as a formula.
"""

import csv

DELIMITERS = ",;\t"         # French spreadsheets write CSV with semicolons
MAX_LINE_BYTES = 1 << 20    # one physical line; a longer one is no practice's row
# A quoted cell may hold line breaks (Excel writes a multi-line address so), but a record
# running over this many lines is an unbalanced quote, not a cell.
MAX_LINES_PER_RECORD = 20
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = b"\xef\xbb\xbf"


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: "=1+1" -> "'=1+1" (OWASP, CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Lines:
    """The physical lines of a binary file, decoded: UTF-8, else Windows-1252 (Excel's own
    export on Windows), line by line so that nothing needs the whole file."""

    def __init__(self, binary):
        self.binary = binary
        self.number = 0
        self.windows_1252 = False       # set once a line needed it, for one notice

    def __iter__(self):
        """(line number, text), or (line number, None) for a line over MAX_LINE_BYTES."""
        while True:
            chunk = self.binary.readline(MAX_LINE_BYTES)
            if not chunk:
                return
            self.number += 1
            if self.number == 1 and chunk.startswith(BOM):
                chunk = chunk[len(BOM):]
            if len(chunk) == MAX_LINE_BYTES and not chunk.endswith(b"\n"):
                while (rest := self.binary.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                    pass        # dropped: what is left of the overlong line
                yield self.number, None
                continue
            yield self.number, self._decode(chunk)

    def _decode(self, chunk: bytes) -> str:
        try:
            return chunk.decode("utf-8")
        except UnicodeDecodeError:
            self.windows_1252 = True
            # Five bytes have no Windows-1252 character: shown as U+FFFD rather than refused.
            return chunk.decode("cp1252", errors="replace")


def delimiter_of(header: str) -> str:
    """The header's most frequent delimiter; everything else is read as Excel writes it."""
    return max(DELIMITERS, key=header.count)


def _problem(error: csv.Error) -> str:
    """csv's English message, as a French reason."""
    text = str(error)
    if "field larger than field limit" in text:
        return f"une cellule dépasse {csv.field_size_limit():,} caractères".replace(",", "\u00a0")
    return "guillemet non fermé ou mal placé"


def records(lines, delimiter: str):
    """(line number, cells, problem) per record: cells is None when the record could not be
    parsed cleanly, and problem then says why, in French. Empty lines are left out."""
    source, pending = iter(lines), []

    def feed(used):
        """The pending lines from the record's first one, pulling more as csv asks for them."""
        while used[0] < MAX_LINES_PER_RECORD:
            if used[0] == len(pending):
                line = next(source, None)
                if line is None:
                    return
                pending.append(line)
            text = pending[used[0]][1]
            if text is None:
                return          # an overlong line ends the record: it is reported on its own
            used[0] += 1
            yield text

    while pending or (pending := [line for line in [next(source, None)] if line is not None]):
        number, text = pending[0]
        if text is None:
            pending.pop(0)
            yield number, None, f"elle dépasse {MAX_LINE_BYTES // (1 << 20)} Mo"
            continue
        used = [0]
        try:
            cells = next(csv.reader(feed(used), delimiter=delimiter, strict=True), [])
        except csv.Error as error:
            pending.pop(0)      # only its first line: the next lines are read again as records
            yield number, None, _problem(error)
            continue
        del pending[:used[0]]
        if cells:
            yield number, cells, None
