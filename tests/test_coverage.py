"""Support hours: (level, Réunion time, on call) -> open?, mode, closing or next opening."""

from datetime import date, datetime

import pytest

from calculator.coverage import status, utc_offset, weekly_hours, yearly_hours
from calculator.report import coverage_json
from calculator.reunion_holidays import HolidayTable, reunion_holidays, table_json

SITE_AND_REMOTE, REMOTE = "sur_site_et_distanciel", "distanciel"


def check(rules, level, when, on_call=False):
    tz = utc_offset(rules.utc_offset)
    moment = datetime.fromisoformat(when)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    calendar = reunion_holidays([2026, 2027, 2028])
    return coverage_json(status(rules.schedules[level], moment, on_call, calendar, tz))


@pytest.mark.parametrize("level, when, on_call, is_open, mode, closes, next_opening", [
    # Level 1: Mon-Fri 08:00-12:00 and 13:30-16:30. 2026-11-30 is a Monday.
    (1, "2026-11-30T07:59", False, False, None, None, "2026-11-30T08:00:00+04:00"),
    (1, "2026-11-30T08:00", False, True, SITE_AND_REMOTE, "2026-11-30T12:00:00+04:00", None),
    (1, "2026-11-30T11:59", False, True, SITE_AND_REMOTE, "2026-11-30T12:00:00+04:00", None),
    (1, "2026-11-30T12:00", False, False, None, None, "2026-11-30T13:30:00+04:00"),   # lunch break
    (1, "2026-11-30T13:30", False, True, SITE_AND_REMOTE, "2026-11-30T16:30:00+04:00", None),
    (1, "2026-11-30T16:30", False, False, None, None, "2026-12-01T08:00:00+04:00"),
    (1, "2026-11-27T17:00", False, False, None, None, "2026-11-30T08:00:00+04:00"),   # Friday -> Monday
    (1, "2026-11-28T10:00", True, False, None, None, "2026-11-30T08:00:00+04:00"),    # Saturday closed
    # Levels 2 and 3: Mon-Fri 07:00-20:00, Sat 07:00-16:00, Sun 09:00-12:00 remote only.
    (2, "2026-11-27T19:59", False, True, SITE_AND_REMOTE, "2026-11-27T20:00:00+04:00", None),
    (2, "2026-11-27T20:00", False, False, None, None, "2026-11-28T07:00:00+04:00"),   # Friday 20:00
    (2, "2026-11-28T15:59", False, True, SITE_AND_REMOTE, "2026-11-28T16:00:00+04:00", None),
    (2, "2026-11-28T16:00", False, False, None, None, "2026-11-29T09:00:00+04:00"),   # Saturday 16:00
    (3, "2026-11-29T09:00", False, True, REMOTE, "2026-11-29T12:00:00+04:00", None),
    (3, "2026-11-29T09:00", True, True, SITE_AND_REMOTE, "2026-11-29T12:00:00+04:00", None),  # on call
    (2, "2026-11-29T12:00", True, False, None, None, "2026-11-30T07:00:00+04:00"),
    # 20 December: a Sunday in 2026, a Monday in 2027 (holiday schedule instead of 07:00-20:00).
    (2, "2026-12-20T10:00", False, True, REMOTE, "2026-12-20T12:00:00+04:00", None),
    (2, "2027-12-20T08:00", False, False, None, None, "2027-12-20T09:00:00+04:00"),
    (2, "2027-12-20T10:00", False, True, REMOTE, "2027-12-20T12:00:00+04:00", None),
    (2, "2027-12-20T10:00", True, True, SITE_AND_REMOTE, "2027-12-20T12:00:00+04:00", None),
    (1, "2027-12-20T10:00", False, False, None, None, "2027-12-21T08:00:00+04:00"),
    # Easter Monday 2027 and Ascension 2026 (a Thursday).
    (1, "2027-03-29T10:00", False, False, None, None, "2027-03-30T08:00:00+04:00"),
    (2, "2027-03-29T10:00", False, True, REMOTE, "2027-03-29T12:00:00+04:00", None),
    (2, "2026-05-14T15:00", False, False, None, None, "2026-05-15T07:00:00+04:00"),
    # Year end: 1 January 2027 is a Friday and a public holiday.
    (1, "2026-12-31T17:00", False, False, None, None, "2027-01-04T08:00:00+04:00"),
    (2, "2026-12-31T20:00", False, False, None, None, "2027-01-01T09:00:00+04:00"),
    # Any time zone is read in Réunion time: 04:00 UTC is 08:00 in Saint-Denis.
    (1, "2026-11-30T04:00+00:00", False, True, SITE_AND_REMOTE, "2026-11-30T12:00:00+04:00", None),
    (1, "2026-11-30T03:59+00:00", False, False, None, None, "2026-11-30T08:00:00+04:00"),
])
def test_status(rules, level, when, on_call, is_open, mode, closes, next_opening):
    result = check(rules, level, when, on_call)
    assert (result["ouvert"], result["mode"], result["fermeture"], result["prochaine_ouverture"]) == (
        is_open, mode, closes, next_opening)


@pytest.mark.parametrize("when, holiday", [
    ("2026-12-20T10:00", "Abolition de l'esclavage"),
    ("2027-03-29T10:00", "Lundi de Pâques"),
    ("2026-05-14T10:00", "Ascension"),
    ("2026-11-30T10:00", None),
])
def test_public_holiday_is_named_in_french(rules, when, holiday):
    assert check(rules, 2, when)["jour_ferie"] == holiday


@pytest.mark.parametrize("level, hours", [(1, 35), (2, 77), (3, 77)])
def test_weekly_hours(rules, level, hours):
    assert weekly_hours(rules.schedules[level]) == hours


@pytest.mark.parametrize("level, year, hours", [
    # 2027: 261 weekdays, 8 of them public holidays; 52 Saturdays, 3 of them holidays; 52 Sundays.
    (1, 2027, 253 * 7),
    (2, 2027, 253 * 13 + 49 * 9 + 52 * 3 + 8 * 3 + 3 * 3),
])
def test_yearly_hours(rules, level, year, hours):
    assert yearly_hours(rules.schedules[level], year, reunion_holidays([year])) == hours


def _window(start, end, mode=SITE_AND_REMOTE):
    from calculator.rules import Window
    return Window(start * 60, end * 60, mode, None)


@pytest.mark.parametrize("days, when, closes", [
    # Back-to-back windows in the same mode: support stays open across the seam.
    ({0: (_window(8, 12), _window(12, 14))}, "2026-11-30T09:00", "2026-11-30T14:00:00+04:00"),
    # A mode change at the seam closes the first mode there.
    ({0: (_window(8, 12), _window(12, 14, REMOTE))}, "2026-11-30T09:00", "2026-11-30T12:00:00+04:00"),
    # Open until midnight, then on from midnight the next day.
    ({0: (_window(20, 24),), 1: (_window(0, 2),)}, "2026-11-30T21:00", "2026-12-01T02:00:00+04:00"),
    ({0: (_window(20, 24),)}, "2026-11-30T21:00", "2026-12-01T00:00:00+04:00"),
])
def test_closing_time_follows_back_to_back_windows(rules, days, when, closes):
    from calculator.rules import Schedule
    schedule = Schedule(False, tuple(days.get(day, ()) for day in range(7)), ())
    tz = utc_offset(rules.utc_offset)
    result = status(schedule, datetime.fromisoformat(when).replace(tzinfo=tz), False, {}, tz)
    assert result.open and result.closes.isoformat() == closes


def test_closing_at_midnight_reads_minuit(rules):
    from calculator.report import coverage_view
    from calculator.rules import Schedule
    schedule = Schedule(False, ((_window(20, 24),),) + ((),) * 6, ())
    tz = utc_offset(rules.utc_offset)
    view = coverage_view(1, status(schedule, datetime(2026, 11, 30, 21, tzinfo=tz), False, {}, tz))
    assert view["texte"] == "Support joignable maintenant, sur site et à distance, jusqu'à minuit."


@pytest.mark.parametrize("minutes, shown", [(230, "3,83\u00a0h"), (4620, "77\u00a0h"), (2130, "35,5\u00a0h")])
def test_hours_are_shown_rounded(minutes, shown):
    from decimal import Decimal

    from calculator.french import format_hours
    assert format_hours(Decimal(minutes) / 60) == shown


def test_holiday_table_of_the_build_is_the_holidays_package():
    """The browser reads public holidays from the table the build wrote (no 2 MB package
    on a phone, no import in front of an edit): it must say what the package says, and
    hand over to the package for years beyond it."""
    table = HolidayTable(table_json([2026, 2027, 2028]))
    assert table.covers([2027, 2028]) and not table.covers([2028, 2029])
    assert table.holidays([2027, 2028]) == reunion_holidays([2027, 2028])
    assert table.holidays([2040, 2041]) == reunion_holidays([2040, 2041])
    assert table.holidays([2026])[date(2026, 12, 20)] == "Abolition de l'esclavage"
