"""One French format per kind of value, wherever it is shown: tables of (value, text)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from calculator import french

NB = "\u00a0"


@pytest.mark.parametrize("value, text", [
    ("1234.5", f"1{NB}234,50{NB}€"), ("0", f"0,00{NB}€"), ("-2.5", f"-2,50{NB}€"),
    ("1000000", f"1{NB}000{NB}000,00{NB}€"), ("0.005", f"0,01{NB}€"),      # to the cent, half-up
])
def test_euros(value, text):
    assert french.format_eur(Decimal(value)) == text


@pytest.mark.parametrize("value, text", [
    ("5.5", "5,5"), ("1500", f"1{NB}500"), ("0.15", "0,15"), ("7", "7"), ("100000", f"100{NB}000"), ("-0", "0"),
])
def test_numbers(value, text):
    assert french.format_number(Decimal(value)) == text


@pytest.mark.parametrize("value, text", [
    # One hours format for the break-even threshold, weekly and yearly hours, on-site visits.
    ("6.50", f"6,5{NB}h"), ("35.5", f"35,5{NB}h"), ("77", f"77{NB}h"), ("1771", f"1{NB}771{NB}h"),
    (str(Decimal(230) / 60), f"3,83{NB}h"), ("1", f"1{NB}h"),
])
def test_hours(value, text):
    assert french.format_hours(Decimal(value)) == text


@pytest.mark.parametrize("minutes, text", [(480, f"8{NB}h"), (510, f"8{NB}h{NB}30"), (1440, "minuit"), (0, f"0{NB}h")])
def test_times_of_day(minutes, text):
    assert french.clock(minutes) == text


def test_a_support_window_and_a_moment_use_the_same_time_format():
    """The same page said "8 h – 12 h" and "jusqu'à 12 h 00": one way now."""
    assert french.time_of(datetime(2026, 12, 21, 12, 0)) == french.clock(720) == f"12{NB}h"
    assert french.time_of(datetime(2026, 12, 22, 0, 0)) == "minuit"
    assert french.moment(datetime(2026, 12, 21, 7, 30)) == f"lundi 21 décembre à 7{NB}h{NB}30"
    assert french.moment(datetime(2026, 12, 21, 0, 0)) == f"lundi 21 décembre à 0{NB}h"    # an opening, not "minuit"


@pytest.mark.parametrize("low, high, text", [(0, 100000, f"0 à 100{NB}000"), (1, 250, "1 à 250"),
                                             (Decimal(0), Decimal(1000), f"0 à 1{NB}000")])
def test_ranges(low, high, text):
    """The form and the notices write a parameter's bounds the same way."""
    assert french.format_range(low, high) == text


@pytest.mark.parametrize("day, text", [(date(2027, 1, 1), "1er janvier 2027"), (date(2026, 12, 20), "20 décembre 2026")])
def test_long_dates(day, text):
    assert french.long_date(day) == text
