"""When support is reachable: open now or not, in which mode, until when, next opening.

Pure functions of (Schedule, instant, on-call flag, public holidays). Public holidays are
passed in as a mapping date -> French name (see `reunion_holidays.py`), so this module
needs neither `holidays` nor the clock.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

SEARCH_DAYS = 400     # enough to find the next opening across any run of closed days


def utc_offset(text: str) -> timezone:
    """'+04:00' -> timezone(timedelta(hours=4)). Réunion has no daylight saving."""
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6])))


@dataclass(frozen=True)
class Status:
    open: bool
    mode: "str | None"
    closes: "datetime | None"
    next_opening: "datetime | None"
    holiday: "str | None"


def windows_on(schedule, day: date, holidays) -> tuple:
    """The support windows of a calendar day: its weekday's, or the public-holiday ones."""
    if day in holidays:
        return schedule.public_holiday
    return schedule.days[day.weekday()]


def _at(day: date, minutes: int, tz) -> datetime:
    return datetime.combine(day, time(0), tz) + timedelta(minutes=minutes)


def _mode(window, on_call: bool) -> str:
    return window.on_call_mode if on_call and window.on_call_mode else window.mode


def status(schedule, instant: datetime, on_call: bool, holidays, tz) -> Status:
    """Support status at `instant` (any time zone; read in Réunion time)."""
    local = instant.astimezone(tz)
    today, minute = local.date(), local.hour * 60 + local.minute
    holiday = holidays.get(today)
    for window in windows_on(schedule, today, holidays):
        if window.start <= minute < window.end:
            mode = _mode(window, on_call)
            return Status(True, mode, closing_time(schedule, today, window, mode, on_call, holidays, tz),
                          None, holiday)
    return Status(False, None, None, next_opening(schedule, local, holidays, tz), holiday)


def closing_time(schedule, day: date, window, mode: str, on_call: bool, holidays, tz) -> datetime:
    """When support in this mode stops: the end of the window, or later when the next window
    (that day, or from midnight the next day) follows on in the same mode."""
    for _ in range(SEARCH_DAYS):
        following = [w for w in windows_on(schedule, day, holidays) if w.start == window.end % 1440
                     and _mode(w, on_call) == mode] if window.end < 1440 else []
        if window.end == 1440:
            day += timedelta(days=1)
            following = [w for w in windows_on(schedule, day, holidays) if w.start == 0 and _mode(w, on_call) == mode]
            if not following:
                return _at(day, 0, tz)
        elif not following:
            return _at(day, window.end, tz)
        window = following[0]
    return _at(day, window.end, tz)


def next_opening(schedule, local: datetime, holidays, tz) -> "datetime | None":
    minute = local.hour * 60 + local.minute
    for offset in range(SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        for window in windows_on(schedule, day, holidays):
            if offset > 0 or window.start > minute:
                return _at(day, window.start, tz)
    return None


def _hours(windows) -> Decimal:
    return Decimal(sum(window.end - window.start for window in windows)) / 60


def weekly_hours(schedule) -> Decimal:
    """Hours covered in an ordinary week, without public holidays."""
    return sum((_hours(day) for day in schedule.days), Decimal(0))


def yearly_hours(schedule, year: int, holidays) -> Decimal:
    """Hours covered in a calendar year, public holidays following their own schedule."""
    day, total = date(year, 1, 1), Decimal(0)
    while day.year == year:
        total += _hours(windows_on(schedule, day, holidays))
        day += timedelta(days=1)
    return total
