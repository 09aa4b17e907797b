"""The cost charts of /cal/ (calculator/chart.py): what they plot is what the cards say."""

import re
from decimal import Decimal

import pytest

from calculator.chart import charts, nice_top, workstation_counts
from calculator.estimate import estimate_query
from calculator.french import format_eur, format_hours


@pytest.mark.parametrize("current, largest, top, every_one", [
    (1, 250, 5, True),        # a few workstations to compare, even for one
    (7, 250, 14, True),       # 1 to twice the count, every one
    (120, 250, 240, False),   # sampled
    (200, 250, 250, False),   # capped at the form's maximum
])
def test_workstation_counts_span_one_to_twice_the_practice(current, largest, top, every_one):
    counts = workstation_counts(current, largest)
    assert counts[0] == 1 and counts[-1] == top and current in counts
    assert counts == sorted(set(counts)) and len(counts) <= 17
    assert (counts == list(range(1, top + 1))) == every_one


@pytest.mark.parametrize("value, whole, top, step", [
    (Decimal("469"), False, Decimal("500"), Decimal("100")),
    (Decimal("1234.5"), False, Decimal("1250"), Decimal("250")),
    (Decimal("14"), False, Decimal("15"), Decimal("5")),
    (Decimal("12"), False, Decimal("12.5"), Decimal("2.5")),     # hours: 2,5 h ticks read well
    (Decimal("12"), True, Decimal("15"), Decimal("5")),          # workstations: never 2,5 postes
    (Decimal("0"), False, Decimal("1"), Decimal("1")),
    (Decimal("99999"), False, Decimal("100000"), Decimal("20000")),
])
def test_axes_end_on_a_round_value(value, whole, top, step):
    assert nice_top(value, whole) == (top, step)


@pytest.mark.parametrize("query", ["", "postes=7&serveurs=1&imagerie=2&commune=saint-paul", "postes=120&heures=3"])
def test_growth_chart_plots_the_cards_totals_at_the_practice(rules, query):
    """The visitor's own row of the chart's table shows the three totals of the cards."""
    estimate = estimate_query(rules, query)
    chart = charts(rules, estimate)["postes"]
    [row] = [row for row in chart["lignes"] if row[0] == str(estimate.inputs["postes"])]
    assert row[1:] == [format_eur(level.total_ht) for level in estimate.levels.values()]
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="graphique-postes-titre"', chart["svg"])
    assert f"Pour {estimate.inputs['postes']} poste" in chart["svg"]
    assert chart["svg"].count("<polyline") == 3


def euros(text: str) -> Decimal:
    """"1\u202f234,50\u00a0€" as the page writes it -> Decimal("1234.50")."""
    return Decimal(re.sub(r"[^\d,]", "", text).replace(",", "."))


@pytest.mark.parametrize("query", ["postes=6", "postes=7&serveurs=1&imagerie=2", "postes=40&imagerie=9"])
def test_break_even_chart_marks_the_stated_threshold(rules, query):
    """The marked point is the threshold the page states in words: from there level 1's
    remote hours cost at least level 2's fee, a quarter hour before they cost less."""
    estimate = estimate_query(rules, query)
    chart = charts(rules, estimate)["seuil"]
    threshold = estimate.break_even_hours
    assert f">{format_hours(threshold)}</text>" in chart["svg"]
    rows = {row[0]: [euros(cell) for cell in row[1:]] for row in chart["lignes"]}
    level1_at_threshold, level2 = rows[format_hours(threshold)]
    assert level2 == estimate.levels[2].total_ht
    assert level1_at_threshold >= level2 > level1_at_threshold - Decimal("0.25") * rules.hourly.remote_hour
    assert rows["0\u00a0h"] == [Decimal("0.00"), level2]


def test_one_workstation_is_singular(rules):
    assert "Pour 1 poste :" in charts(rules, estimate_query(rules, ""))["postes"]["svg"]
