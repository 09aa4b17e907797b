"""The cost charts of /cal/ (calculator/chart.py): what they plot is what the cards say."""

import re
from decimal import Decimal

import pytest

from calculator.chart import charts, nice_top, workstation_counts
from calculator.estimate import estimate_query
from calculator.french import format_eur, format_hours


@pytest.mark.parametrize("current, largest, expected", [
    (1, 250, [1, 2, 3, 4, 5]),                       # at least a few workstations to compare
    (7, 250, list(range(1, 15))),                    # 1 to twice the count, every one
    (120, 250, None),                                # sampled: checked below
    (200, 250, None),                                # capped at the form's maximum
])
def test_workstation_counts_span_one_to_twice_the_practice(current, largest, expected):
    counts = workstation_counts(current, largest)
    if expected:
        assert counts == sorted(set(expected))
    assert counts[0] == 1 and current in counts and counts[-1] == min(largest, max(2 * current, current + 4))
    assert len(counts) <= 17 and counts == sorted(set(counts))


@pytest.mark.parametrize("value, top, step", [
    (Decimal("469"), Decimal("500"), Decimal("100")),
    (Decimal("1234.5"), Decimal("1250"), Decimal("250")),
    (Decimal("14"), Decimal("15"), Decimal("5")),
    (Decimal("0"), Decimal("1"), Decimal("1")),
    (Decimal("99999"), Decimal("100000"), Decimal("20000")),
])
def test_axes_end_on_a_round_value(value, top, step):
    assert nice_top(value) == (top, step)


@pytest.mark.parametrize("query", ["", "postes=7&serveurs=1&imagerie=2&commune=saint-paul", "postes=120&heures=3"])
def test_growth_chart_plots_the_cards_totals_at_the_practice(rules, query):
    """The visitor's own row of the chart's table shows the three totals of the cards."""
    estimate = estimate_query(rules, query)
    chart = charts(rules, estimate)["postes"]
    [row] = [row for row in chart["lignes"] if row[0] == str(estimate.inputs.postes)]
    assert row[1:] == [format_eur(level.total_ht) for level in estimate.levels.values()]
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="graphique-postes-titre"', chart["svg"])
    assert f"Pour {estimate.inputs.postes} postes" in chart["svg"]
    assert chart["svg"].count("<polyline") == 3


def test_break_even_chart_crosses_at_the_stated_threshold(rules):
    """The crossing is the threshold the page states in words; below it level 1 costs less."""
    estimate = estimate_query(rules, "postes=7&serveurs=1&imagerie=2")
    chart = charts(rules, estimate)["seuil"]
    threshold = format_hours(estimate.break_even_hours)
    assert f">{threshold}</text>" in chart["svg"]
    rows = {row[0]: row[1:] for row in chart["lignes"]}
    level2 = format_eur(estimate.levels[2].total_ht)
    assert rows["0\u00a0h"] == [format_eur(Decimal("0")), level2]
    assert rows[threshold][1] == level2
    assert all(row[1] == level2 for row in rows.values())


def test_chart_text_cannot_inject_markup(rules):
    """Names come from the rules (a commune, a level title): they are escaped in the SVG."""
    estimate = estimate_query(rules, "postes=3")
    svg = charts(rules, estimate)["postes"]["svg"]
    assert "<script" not in svg and svg.count("<svg") == 1
