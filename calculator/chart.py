"""The cost charts of /cal/, drawn by the engine as SVG so that the prerendered page and the
browser show the same picture:

- what each level would cost per month as the practice grows (1 to about twice its
  workstations), the visitor's practice marked; level 1 is its expected spend;
- from how many remote hours a month level 2 costs less than level 1 billed by the hour
  (the threshold the page states in words).

Each chart comes with its plotted numbers as rows, for the table beside it. Amounts are
the engine's (Decimal); only drawing positions are rounded, to a tenth of a pixel.
"""

from decimal import ROUND_CEILING, Decimal

from .french import format_eur, format_hours, format_number
from .money import to_cents
from .pricing import estimate_levels, level1_hours
from .recommend import first_flat_level

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 72, 92, 14, 44     # room for the axes' labels and the lines' names
MOST_POINTS = 15      # the chart follows every change: few points keep it within a keystroke
PIXEL = Decimal("0.1")
STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def escape(text: str) -> str:
    """Text inside the SVG (names, French amounts); attributes hold only numbers and our names."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def workstation_counts(current: int, largest: int, smallest: int = 1) -> list:
    """1 (or the range's start, if below) to about twice the visitor's count (within the
    form's range), theirs included."""
    first = min(1, smallest)
    top = min(largest, max(2 * current, current + 4))
    if top - first + 1 <= MOST_POINTS:
        return list(range(first, top + 1))
    step = Decimal(top - first) / (MOST_POINTS - 1)
    counts = {first + int((step * index).to_integral_value()) for index in range(MOST_POINTS)}
    return sorted(counts | {current, top})


def nice_top(value: Decimal, whole: bool = False) -> tuple:
    """(axis top, tick step): a round step giving at most 5 ticks above `value`; steps are
    whole numbers (euros, hours), and with `whole` never 2.5 either (workstations)."""
    value = max(value, Decimal(1))
    magnitude = max(Decimal(1), Decimal(10) ** (value.adjusted() - 1))
    steps = (s * magnitude * factor for factor in (1, 10, 100) for s in STEPS)
    for step in (step for step in steps if not whole or step == step.to_integral_value()):
        ticks = (value / step).to_integral_value(rounding=ROUND_CEILING)
        if ticks <= 5:
            return step * ticks, step
    raise AssertionError(value)    # unreachable: the last step is 500 x the magnitude


class Plot:
    """Positions on the drawing for values on the axes."""

    def __init__(self, x_top: Decimal, y_top: Decimal):
        self.x_top, self.y_top = x_top, y_top

    def x(self, value) -> Decimal:
        return (LEFT + (WIDTH - LEFT - RIGHT) * Decimal(value) / self.x_top).quantize(PIXEL)

    def y(self, value) -> Decimal:
        return (HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * Decimal(value) / self.y_top).quantize(PIXEL)


def _ticks(top: Decimal, step: Decimal):
    """0, step, 2 x step, ... up to top."""
    count = int(top / step)
    return [step * index for index in range(count + 1)]


def _axes(plot: Plot, x_step: Decimal, y_step: Decimal, x_text, y_text, x_title: str) -> list:
    parts = []
    for value in _ticks(plot.y_top, y_step):
        y = plot.y(value)
        parts.append(f'<line class="grille" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>'
                     f'<text class="axe" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{escape(y_text(value))}</text>')
    for value in _ticks(plot.x_top, x_step):
        parts.append(f'<text class="axe" x="{plot.x(value)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                     f'{escape(x_text(value))}</text>')
    parts.append(f'<text class="axe titre-axe" x="{(LEFT + WIDTH - RIGHT) // 2}" y="{HEIGHT - 6}" '
                 f'text-anchor="middle">{escape(x_title)}</text>')
    return parts


def _series(plot: Plot, points, name: str, css: str, name_y: int) -> list:
    """A line, and its name at its end (at `name_y`, see _spread)."""
    path = " ".join(f"{plot.x(x)},{plot.y(y)}" for x, y in points)
    return [f'<polyline class="serie {css}" fill="none" points="{path}"/>',
            f'<text class="nom-serie {css}" x="{plot.x(points[-1][0]) + 6}" y="{name_y + 4}">{escape(name)}</text>']


def _svg(key: str, title: str, description: str, parts: list) -> str:
    return (f'<svg class="graphique" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="graphique-{key}-titre" aria-describedby="graphique-{key}-description" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="graphique-{key}-titre">{escape(title)}</title>'
            f'<desc id="graphique-{key}-description">{escape(description)}</desc>{"".join(parts)}</svg>')


def counted(entry, count: int) -> str:
    """"1 poste", "7 postes": the catalogue's unit, singular below two (French: « 0 poste »)."""
    return f"{format_number(count)} {entry.singular if count < 2 and entry.singular else entry.unit}"


def _spread(labels: list, gap: int = 14) -> list:
    """Names at the lines' ends, moved apart when lines end close together."""
    order = sorted(range(len(labels)), key=lambda index: labels[index])
    placed = list(labels)
    for before, after in zip(order, order[1:]):
        placed[after] = max(placed[after], placed[before] + gap)
    return placed


def growth_chart(rules, inputs) -> dict:
    """Monthly HT of every level against the count the catalogue names (the workstations)."""
    entry = rules.catalogue.entry(rules.catalogue.chart_entry)
    current = inputs[entry.name]
    counts = workstation_counts(current, int(entry.maximum), int(entry.minimum))
    totals = {count: estimate_levels(rules, inputs.replace(**{entry.name: count})) for count in counts}
    levels = sorted(totals[counts[0]])
    y_top, y_step = nice_top(max(level.total_ht for row in totals.values() for level in row.values()))
    x_top, x_step = nice_top(Decimal(counts[-1]), whole=True)
    plot = Plot(x_top, y_top)
    parts = _axes(plot, x_step, y_step, format_number, lambda v: f"{format_number(v)}\u00a0€", entry.label)
    here = plot.x(current)
    parts.append(f'<line class="repere" x1="{here}" x2="{here}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>')
    ends = _spread([int(plot.y(totals[counts[-1]][n].total_ht)) for n in levels])
    for number, end in zip(levels, ends):
        points = [(count, totals[count][number].total_ht) for count in counts]
        parts += _series(plot, points, f"Niveau {number}", f"niveau-{number}", end)
        parts.append(f'<circle class="point niveau-{number}" r="4" cx="{here}" '
                     f'cy="{plot.y(totals[current][number].total_ht)}"/>')
    mine = totals[current]
    description = (f"Pour {counted(entry, current)} : " + ", ".join(
        f"niveau {n} {format_eur(mine[n].total_ht)} HT" for n in levels)
        + f". Le graphique va de {counted(entry, counts[0])} à {counted(entry, counts[-1])}, "
          "les autres entrées restant les vôtres.")
    rows = [[format_number(count), *(format_eur(totals[count][n].total_ht) for n in levels)] for count in counts]
    title = f"Coût mensuel HT des trois niveaux selon le nombre de {entry.unit}"
    return {"titre": title, "svg": _svg(entry.name, title, description, parts),
            "colonnes": [entry.unit.capitalize(), *(f"Niveau {n} (HT / mois)" for n in levels)], "lignes": rows}


def break_even_chart(rules, estimate) -> dict:
    """Level 1's remote hours billed by the hour against level 2's monthly HT. The point
    marks the threshold the page states: the crossing, rounded up to the quarter hour."""
    hourly, flat = rules.hourly.level, first_flat_level(rules)
    rate, level2 = rules.hourly.remote_hour, estimate.levels[flat].total_ht
    threshold = estimate.break_even_hours
    hours = level1_hours(rules, estimate.inputs)
    x_top, x_step = nice_top(max(2 * threshold, hours * Decimal("1.2"), Decimal(4)))
    y_top, y_step = nice_top(max(x_top * rate, level2))
    plot = Plot(x_top, y_top)
    parts = _axes(plot, x_step, y_step, format_number, lambda v: f"{format_number(v)}\u00a0€",
                  "Heures d'assistance à distance par mois")
    def remote(hours_count):      # level 1's remote support, billed by the hour
        return to_cents(hours_count * rate)

    level1_points = [(Decimal(0), Decimal(0)), (x_top, remote(x_top))]
    level2_points = [(Decimal(0), level2), (x_top, level2)]
    ends = _spread([int(plot.y(remote(x_top))), int(plot.y(level2))])
    for (points, name, css), end in zip(((level1_points, f"Niveau {hourly}", f"niveau-{hourly}"),
                                         (level2_points, f"Niveau {flat}", f"niveau-{flat}")), ends):
        parts += _series(plot, points, name, css, end)
    cross_x, cross_y = plot.x(threshold), plot.y(level2)
    parts.append(f'<line class="repere" x1="{cross_x}" x2="{cross_x}" y1="{cross_y}" y2="{HEIGHT - BOTTOM}"/>'
                 f'<circle class="point seuil" r="5" cx="{cross_x}" cy="{cross_y}"/>'
                 f'<text class="etiquette" x="{cross_x + 6}" y="{cross_y - 8}">{escape(format_hours(threshold))}</text>')
    parts.append(f'<circle class="point niveau-{hourly}" r="4" cx="{plot.x(hours)}" cy="{plot.y(remote(hours))}"/>')
    description = (f"Le niveau {hourly} facture {format_eur(rate)} HT l'heure d'assistance à distance ; le niveau "
                   f"{flat} coûte {format_eur(level2)} HT par mois pour votre cabinet. Au-delà de "
                   f"{format_hours(threshold)} par mois, le niveau {flat} revient moins cher. "
                   f"Votre estimation : {format_hours(hours)}.")
    marks = sorted({Decimal(0), hours, threshold, x_top})
    rows = [[format_hours(mark), format_eur(remote(mark)), format_eur(level2)] for mark in marks]
    title = f"Assistance à distance : niveau {hourly} à l'heure ou niveau {flat} au forfait"
    return {"titre": title, "svg": _svg("seuil", title, description, parts),
            "colonnes": ["Heures à distance par mois", f"Niveau {hourly}, assistance à distance (HT)",
                         f"Niveau {flat} (HT / mois)"],
            "lignes": rows}


def charts(rules, estimate) -> dict:
    """Both charts of an estimate, as /cal/ shows them (build.py and the worker)."""
    return {rules.catalogue.chart_entry: growth_chart(rules, estimate.inputs), "seuil": break_even_chart(rules, estimate)}
