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


def test_workstation_bands_chain_from_the_first_workstation(live_rules):
    """Every workstation count from 1 up falls in exactly one band, so none is priced twice
    or not at all."""
    for level in live_rules.paid.values():
        expected_first = 1
        for band in level.bands:
            assert band.first == expected_first and (band.last is None or band.last >= band.first)
            expected_first = (band.last or 0) + 1
        assert level.bands[-1].last is None


def test_every_amount_is_positive_to_the_cent(live_rules):
    """A price list with a zero, a negative or a fraction of a cent cannot be invoiced."""
    amounts = [live_rules.level1.remote_hour, live_rules.level1.onsite_hour, *live_rules.travel.values()]
    for level in live_rules.paid.values():
        amounts += [level.site_fee, level.server, level.imaging, level.extra_licence, level.backup.block_price]
        amounts += [band.price for band in level.bands]
    assert all(amount > 0 and amount == amount.quantize(Decimal("0.01")) for amount in amounts)


def test_every_preset_reads_like_a_link_without_notice(live_rules):
    """A typical practice offered on /cal/ must open without a warning about its own values."""
    assert live_rules.presets
    for preset in live_rules.presets:
        inputs, notices = parse_query(preset.query, live_rules)
        assert notices == [], preset.slug
        assert live_rules.commune(inputs.commune) is not None


def test_every_commune_has_a_travel_fee(live_rules):
    assert {commune.zone for commune in live_rules.communes} <= set(live_rules.travel)


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
