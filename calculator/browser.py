"""The engine's entry points for the Web Worker (Pyodide), declared once in ENTRY_POINTS:
the worker's dispatch, the build's precompile tour and the parity test's cases all come from
that table. Called from JavaScript with strings; answers JSON strings, so nothing but text
crosses the worker boundary."""

import json
from dataclasses import dataclass

from .estimate import estimate_query
from .report import estimate_view
from .reunion_holidays import HolidayTable
from .typed_json import rules_from_browser_json

_rules = None
_holidays = HolidayTable()


def load_rules(rules_json: str) -> None:
    """The rules as the build validated them (typed_json.py): nothing to check again here."""
    global _rules
    _rules = rules_from_browser_json(rules_json)


def load_holidays(table_json: str) -> None:
    """The public holidays of the years around the build (reunion_holidays.table_json)."""
    global _holidays
    _holidays = HolidayTable(table_json)


def _status_years(moment) -> list:
    """The years a support status looks at: today's, and the next for the next opening."""
    return [moment.year, moment.year + 1]


def needs_holidays_package(instant: str) -> bool:
    """Whether the status at `instant` needs the `holidays` package (a year beyond the
    table): the worker then downloads it first."""
    return not _holidays.covers(_status_years(_reunion_time(instant)[0]))


def estimate(query: str) -> str:
    """A query string -> the display model of /cal/, as JSON."""
    return json.dumps(estimate_view(estimate_query(_rules, query), _rules), ensure_ascii=False)


def charts(query: str) -> str:
    """The cost charts of /cal/ for a query (chart.py), as JSON: asked after the estimate,
    so that drawing never delays the figures."""
    from .chart import charts as draw

    return json.dumps(draw(_rules, estimate_query(_rules, query)), ensure_ascii=False)


_held_rules = {}          # version -> a proposal's own price list, read once


def held_prices(text: str):
    """tarifs/<version>.json (build.py): the rules of a published price list and the days it
    was the site's."""
    from datetime import date

    from .rule_versions import PublishedVersion
    from .typed_json import decode

    data = json.loads(text)
    until = data["jusqu_au"]
    return PublishedVersion(decode(data["regles"]), date.fromisoformat(data["depuis"]),
                            date.fromisoformat(until) if until else None)


def proposal(query: str, instant: str, version: str, site: str, held_rules: "str | None" = None,
             with_qr: bool = True) -> str:
    """A proposal's query -> its display model, as JSON, with the QR code of its address
    (drawn with the figures, so that a print asked as soon as they show carries it; without it,
    `qr` is "": a cold proposal address shows its figures first, without waiting for the
    QR code's 2 MB). `version` names the rules loaded (the page's price list); `held_rules` the
    proposal's own, when the page found them (tarifs/<version>.json); `site` is the site's
    address, for the QR code's link."""
    from .proposal import proposal_view, read_query

    held = None
    asked = read_query(query).version
    if held_rules and asked:
        held = _held_rules.get(asked) or _held_rules.setdefault(asked, held_prices(held_rules))
    view = proposal_view(query, _reunion_time(instant)[0].date(), (version, _rules), held)
    link = site + view["adresse"]
    return json.dumps({**view, "lien": link, "qr": qr_code(link) if with_qr else ""}, ensure_ascii=False)


def _reunion_time(instant: str):
    """An ISO instant from the page's clock, in Réunion time (no offset given: Réunion time)."""
    from datetime import datetime

    from .coverage import utc_offset

    tz = utc_offset(_rules.utc_offset)
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(tz), tz


def date_text(instant: str) -> str:
    """The day of an instant in La Réunion, as every page writes dates ("1er janvier 2027"):
    the printed estimate's date, without leaving date formats to the browser."""
    from .french import long_date

    return long_date(_reunion_time(instant)[0].date())


def coverage(instant: str, on_call: bool) -> str:
    """Support status of the three levels at an ISO instant, as JSON."""
    from .coverage import status
    from .report import coverage_view

    moment, tz = _reunion_time(instant)
    calendar = _holidays.holidays(_status_years(moment))
    views = [coverage_view(level, status(schedule, moment, on_call, calendar, tz))
             for level, schedule in sorted(_rules.schedules.items())]
    return json.dumps(views, ensure_ascii=False)


def import_module(name: str) -> None:
    """One module of those a later request imports (the build lists them): the worker calls
    it once per task, so that an estimate asked meanwhile waits for one module at most."""
    import importlib

    importlib.import_module(name)


# One fixed mask pattern: any of the eight makes a valid code that scanners read, and trying
# all eight for the best-balanced one was two thirds of the drawing (32 ms instead of 11 ms
# in Pyodide under Node.js), which an edit typed meanwhile had to wait for. Mask 4 is the
# one segno picks most often for the calculator's links.
QR_MASK = 4


def qr_code(text: str) -> str:
    """The QR code of a link, as an SVG data URI (segno: pure Python, no canvas needed)."""
    import segno

    return segno.make(text, error="m", mask=QR_MASK).svg_data_uri(scale=4, border=2, dark="#1a1a1a")


# The worker's requests ----------------------------------------------------------------------

@dataclass(frozen=True)
class EntryPoint:
    """One request the page may send the worker (`{type, payload}`)."""
    answer: object            # payload fields as keyword arguments -> a JSON text
    failure: str              # what the page says when it fails, in French
    needs: object = None      # payload -> the extras to download first (the build's wheels by need), or None
    imports_ahead: bool = False   # the build lists its imports, which the worker makes one per task first


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# A payload's other fields are ignored and `onCall` defaults to no, as a page would expect:
# JSON.stringify drops a field whose value is undefined.
ENTRY_POINTS = {
    "estimate": EntryPoint(lambda query="", **_: estimate(query), "Le calcul a échoué."),
    "charts": EntryPoint(lambda query="", **_: charts(query), "Le graphique n'a pas pu être dessiné."),
    "date": EntryPoint(lambda instant, **_: _json(date_text(instant)), "La date n'a pas pu être écrite."),
    "coverage": EntryPoint(lambda instant, onCall=False, **_: coverage(instant, bool(onCall)),
                           "L'état du support n'a pas pu être calculé.",
                           needs=lambda instant, **_: "jours_feries" if needs_holidays_package(instant) else None),
    "qr": EntryPoint(lambda text, **_: _json(qr_code(text)), "Le QR code n'a pas pu être dessiné.",
                     needs=lambda **_: "qr", imports_ahead=True),
    "proposal": EntryPoint(lambda query, instant, version, site, heldRules=None, qr=True, **_:
                           proposal(query, instant, version, site, heldRules, bool(qr)),
                           "La proposition n'a pas pu être établie.",
                           needs=lambda qr=True, **_: "qr" if qr else None, imports_ahead=True),
}


def call(name: str, payload_json: str) -> str:
    """The answer to one request of the worker, as a JSON text."""
    return ENTRY_POINTS[name].answer(**json.loads(payload_json))


def needs(name: str, payload_json: str) -> "str | None":
    """What a request needs downloaded first, if anything (the worker then fetches it)."""
    point = ENTRY_POINTS[name]
    return point.needs(**json.loads(payload_json)) if point.needs else None


def entry_points() -> str:
    """{name: {failure, imports_ahead}} for the worker and the precompile tour, as JSON."""
    return _json({name: {"failure": point.failure, "imports_ahead": point.imports_ahead}
                  for name, point in ENTRY_POINTS.items()})
