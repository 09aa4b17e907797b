"""Properties that must hold for every input a link or a form can carry."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.estimate import estimate
from calculator.load import DEFAULT_DIR, load_rules
from calculator.query import parse_query, to_query

from .checks import assert_inputs_in_range
from .frozen import FROZEN_RULES


@pytest.fixture(scope="module", params=[FROZEN_RULES, DEFAULT_DIR], ids=["regles-figees", "regles-en-vigueur"])
def rules(request):
    """Both the tests' frozen copy and the live price list the business edits: whatever
    the prices, these properties must hold before CI publishes them."""
    return load_rules(request.param)[0]

def value_of(entry, rules):
    """Any value a form or a link can carry for one catalogue entry, from its declared range."""
    if entry.kind == "bool":
        return st.booleans()
    if entry.kind == "commune":
        return st.sampled_from([commune.slug for commune in rules.communes])
    if entry.kind == "decimal":
        values = st.decimals(min_value=entry.minimum, max_value=entry.maximum, places=2)
    else:
        values = st.integers(int(entry.minimum), int(entry.maximum))
    return st.one_of(st.none(), values) if entry.default is None else values


@st.composite
def inputs(draw, rules):
    """Any inputs a form or a link can carry, in a commune of these rules."""
    catalogue = rules.catalogue
    return catalogue.inputs(**{entry.name: draw(value_of(entry, rules)) for entry in catalogue.entries})


@given(st.data())
def test_more_of_any_count_never_costs_less(rules, data):
    """A prospect adding a workstation, a server, a site or any other counted item must never
    see any level get cheaper."""
    base = data.draw(inputs(rules))
    counts = [entry for entry in rules.catalogue.entries if entry.kind == "int"]
    entry = data.draw(st.sampled_from(counts))
    more = base.replace(**{entry.name: data.draw(st.integers(base[entry.name], int(entry.maximum)))})
    before, after = estimate(rules, base).levels, estimate(rules, more).levels
    assert all(after[n].total_ht >= before[n].total_ht for n in rules.levels)


@given(st.data())
def test_totals_add_up_exactly(rules, data):
    """The figures on an estimate must add up to the cent, as on the invoice that follows."""
    value = data.draw(inputs(rules))
    for level in estimate(rules, value).levels.values():
        assert level.total_ht == sum(line.amount for line in level.lines)
        assert level.total_ttc == level.total_ht + level.vat
        assert level.annual_ttc == 12 * level.total_ttc
        assert level.total_ht >= 0 and level.vat >= 0
        assert level.total_ttc.as_tuple().exponent == -2


@given(st.text(max_size=200))
@settings(max_examples=300)
def test_any_query_string_parses_to_valid_inputs(rules, query):
    """Links are edited by hand: whatever arrives, the parser answers with usable inputs."""
    result, notices = parse_query(query, rules)
    assert_inputs_in_range(result, rules)
    assert all(isinstance(notice, str) and notice for notice in notices)


@given(st.data())
def test_canonical_link_reproduces_the_estimate(rules, data):
    """A link copied from the calculator opens the same estimate, with no notice."""
    value = data.draw(inputs(rules))
    parsed, notices = parse_query(to_query(value, rules), rules)
    assert notices == [] and parsed == value
