"""The engine's entry points for the Web Worker (Pyodide). Called from JavaScript with
strings; answers JSON strings, so nothing but text crosses the worker boundary."""

import json

from .estimate import estimate_query
from .report import estimate_view
from .typed_json import rules_from_browser_json

_rules = None


def load_rules(rules_json: str) -> None:
    """The rules as the build validated them (typed_json.py): nothing to check again here."""
    global _rules
    _rules = rules_from_browser_json(rules_json)


def estimate(query: str) -> str:
    """A query string -> the display model of /cal/, as JSON."""
    return json.dumps(estimate_view(estimate_query(_rules, query), _rules), ensure_ascii=False)


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
    """Support status of the three levels at an ISO instant, as JSON (needs `holidays`)."""
    from .coverage import status
    from .report import coverage_view
    from .reunion_holidays import reunion_holidays

    moment, tz = _reunion_time(instant)
    calendar = reunion_holidays([moment.year, moment.year + 1])
    views = [coverage_view(level, status(schedule, moment, on_call, calendar, tz))
             for level, schedule in sorted(_rules.schedules.items())]
    return json.dumps(views, ensure_ascii=False)


def qr_code(text: str) -> str:
    """The QR code of a link, as an SVG data URI (segno: pure Python, no canvas needed)."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=4, border=2, dark="#1a1a1a")
