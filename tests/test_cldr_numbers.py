"""Numbers as browsers write them: CLDR's French format (Intl.NumberFormat('fr-FR')) groups
thousands with U+202F, a narrow no-break space. A link or a `lot` cell copied from a page or
a script that formats with it must read as the number shown, not fall back to the default.
The cases are Node's own output, made at test time, so that they follow ICU's data rather
than what someone believes it writes."""

import json
import subprocess
from decimal import Decimal

import pytest

from calculator.query import parse_query
from calculator.urlquery import quote

from .frozen import frozen_rules

# Whole gigabytes for sauvegarde (0 to 100 000), hours to the cent for heures (0 to 1 000).
VALUES = {"sauvegarde": ["0", "7", "1500", "12345", "100000"], "heures": ["0.25", "2.5", "999.75", "1000"]}
FORMAT = ("const f = new Intl.NumberFormat('fr-FR', {maximumFractionDigits: 2});"
          "console.log(JSON.stringify(JSON.parse(process.argv[1]).map(v => [v, f.format(Number(v))])));")


def node_cases() -> list:
    """(parameter, value, as Intl writes it) for every value."""
    values = [value for given in VALUES.values() for value in given]
    result = subprocess.run(["node", "-e", FORMAT, json.dumps(values)], capture_output=True, text=True, check=True)
    written = dict(json.loads(result.stdout))
    return [(name, value, written[value]) for name, given in VALUES.items() for value in given]


CASES = node_cases()


def test_node_writes_the_french_format():
    """Without full ICU Node would write 1,500: then the cases below would test nothing."""
    written = {value: text for _, value, text in CASES}
    assert (written["1500"], written["2.5"]) == ("1\u202f500", "2,5")


@pytest.mark.parametrize("name, value, written", CASES)
@pytest.mark.parametrize("space", ["\u202f", "\u00a0", " "])
def test_a_number_written_by_intl_reads_as_that_number(name, value, written, space):
    """The same figure with each space people put between thousands, and no notice."""
    inputs, notices = parse_query(f"{name}={quote(written.replace(chr(0x202f), space))}", frozen_rules())
    assert (inputs[name], notices) == (Decimal(value), [])
