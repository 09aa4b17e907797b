"""Links are edited by hand and pasted everywhere: whatever they carry, the parser answers
with in-range inputs, and says in French what it changed."""

import re
from decimal import Decimal
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.query import FALSE_WORDS, PROPOSAL_PARAMS, TRUE_WORDS, parse_query, slugify

from .checks import assert_inputs_in_range
from .frozen import frozen_rules

CATALOGUE = frozen_rules().catalogue

HOSTILE_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["NaN", "-NaN", "sNaN", "Infinity", "-inf", "1e309", "1e-309", "9" * 60, "-0", "0x1A", "1_000",
                     "+7", " 7 ", "7,5", "7.50", "1e3", "٣", "１２", "\u00a012", "", "%", "%00", "\x00",
                     '"><img src=x onerror=alert(1)>', "<script>alert(1)</script>", "javascript:alert(1)"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
KEYS = st.one_of(st.sampled_from(CATALOGUE.names()), st.text(max_size=8))


@st.composite
def hostile_queries(draw):
    pairs = draw(st.lists(st.tuples(KEYS, HOSTILE_VALUES), max_size=12))
    encode = draw(st.booleans())
    text = "&".join(f"{quote(k) if encode else k}={quote(v) if encode else v}" for k, v in pairs)
    return text, pairs, encode


def _accepted_without_notice(param, raw: str, value, rules) -> bool:
    """What the parser may take silently: a value that reads exactly as given."""
    if param.kind == "bool":
        return raw.strip().lower() in TRUE_WORDS + FALSE_WORDS
    if param.kind == "commune":
        commune = rules.commune(slugify(raw[:100]))
        return commune is not None and commune.slug == value
    if raw.strip() == "" and param.default is None:
        return value is None
    # The spelling the contract accepts: ASCII digits, a sign, one dot or comma, spaces as
    # thousands separators.
    written = raw.strip().replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"[+-]?[0-9]+([.,][0-9]+)?", written):
        return False
    return Decimal(written.replace(",", ".")) == value


@given(hostile_queries())
@settings(max_examples=1500, deadline=None)
def test_hostile_query_strings(rules, case):
    """Never an exception; always in-range inputs; every silent value is one that reads as given."""
    query, pairs, encoded = case
    inputs, notices = parse_query(query, rules)
    assert_inputs_in_range(inputs, rules)
    if not encoded:
        return     # raw '&', '=' and '%' in a value change the pairs themselves
    # A proposal's own parameters (emise, tarifs) are the site's: an estimate reads them as no inputs.
    unknown = [key for key, _ in pairs if CATALOGUE.entry(key) is None and key not in PROPOSAL_PARAMS]
    assert len([n for n in notices if n.startswith("Paramètre ")]) == len(unknown)
    for key, raw in {key: value for key, value in pairs if CATALOGUE.entry(key)}.items():
        if not any(f"« {key} »" in notice for notice in notices):
            assert _accepted_without_notice(CATALOGUE.entry(key), raw, inputs[key], rules), (key, raw)
