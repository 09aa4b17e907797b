"""The live rules (rules/), whatever prices they hold today: they validate, they make sense
as a price list, and the site builds on them. No expected figure here: the figures of the
tests come from the frozen copy (tests/data/rules/), so a price edit never breaks CI."""

from decimal import Decimal

import pytest

import build
from calculator.estimate import estimate_query
from calculator.load import DEFAULT_DIR, load_rules
from calculator.query import parse_query
from calculator.report import estimate_view

from .checks import engine_config


@pytest.fixture(scope="module")
def live_rules():
    return load_rules(DEFAULT_DIR)[0]


def _terms(live_rules):
    return [terms for entry in live_rules.catalogue.entries for terms in entry.levels.values()]


def test_bands_chain_from_the_first_unit(live_rules):
    """Every count from 1 up falls in exactly one band, so no unit is priced twice or not at all."""
    for terms in _terms(live_rules):
        if terms.bands:
            expected_first = 1
            for band in terms.bands:
                assert band.first == expected_first and (band.last is None or band.last >= band.first)
                expected_first = (band.last or 0) + 1
            assert terms.bands[-1].last is None


def test_every_amount_is_positive_to_the_cent(live_rules):
    """A price list with a zero, a negative or a fraction of a cent cannot be invoiced."""
    amounts = [live_rules.hourly.remote_hour, live_rules.hourly.onsite_hour, *live_rules.travel.values()]
    for terms in _terms(live_rules):
        amounts += [terms.price] if terms.price is not None else []
        amounts += [band.price for band in terms.bands]
    assert len(amounts) > 10
    assert all(amount > 0 and amount == amount.quantize(Decimal("0.01")) for amount in amounts)


def test_every_preset_reads_like_a_link_without_notice(live_rules):
    """A typical practice offered on /cal/ must open without a warning about its own values."""
    assert live_rules.presets
    for preset in live_rules.presets:
        inputs, notices = parse_query(preset.query, live_rules)
        assert notices == [], preset.slug
        assert live_rules.commune(inputs[live_rules.catalogue.commune_entry().name]) is not None


def test_every_commune_has_a_travel_fee(live_rules):
    assert {commune.zone for commune in live_rules.communes} <= set(live_rules.travel)


@pytest.mark.build
def test_the_site_builds_on_the_live_rules(tmp_path, live_rules):
    """What CI publishes: the build succeeds, and /cal/ opens on the live figures."""
    out = tmp_path / "dist"
    build.build(out)
    html = (out / "cal" / "index.html").read_text(encoding="utf-8")
    view = estimate_view(estimate_query(live_rules, ""), live_rules)
    for level in view["niveaux"]:
        assert f'id="total-ht-{level["niveau"]}" aria-live="off" data-value="{level["total_ht_valeur"]}"' in html
    rules_url = engine_config(out / "cal" / "index.html")["rules"]
    assert (out / rules_url.lstrip("/")).is_file()


def test_every_level_says_who_it_suits(live_rules):
    """Older rules may leave `pour_qui` out (comparer reads them); the published ones never do."""
    assert all(level.suits for level in live_rules.texts.levels.values())
