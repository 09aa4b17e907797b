"""The validated rules as JSON that the browser loads as they are: the build validated them,
so the worker builds the same typed objects without checking them again at every load.

Dataclasses are written as {"$": "Band", ...fields}, Decimals as {"$decimal": "8.5"} (never a
float), dates as {"$date": "2027-01-01"}, mappings with {"$dict": [[key, value], ...]} (their
keys are numbers: levels, zones), tuples as lists.
"""

import json
from dataclasses import fields, is_dataclass, replace
from datetime import date
from decimal import Decimal

from . import catalogue as offer
from . import contract
from . import rules as typed

TYPES = {cls.__name__: cls for cls in (
    offer.Band, offer.BandLabels, offer.Terms, offer.Entry, offer.Catalogue,
    typed.HourlyRates, typed.Commune, typed.Window, typed.Schedule, typed.Company, typed.Attribute, typed.LevelText,
    typed.Texts, typed.Condition, typed.LevelAdvice, typed.Recommendation, typed.Rules,
    contract.ContractCondition, contract.Contract)}


def encode(value):
    if is_dataclass(value):
        return {"$": type(value).__name__, **{field.name: encode(getattr(value, field.name)) for field in fields(value)}}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {"$dict": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    return value


def decode(value):
    if isinstance(value, list):
        return tuple(decode(item) for item in value)
    if not isinstance(value, dict):
        return value
    if "$decimal" in value:
        return Decimal(value["$decimal"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$dict" in value:
        return {decode(key): decode(item) for key, item in value["$dict"]}
    return TYPES[value["$"]](**{name: decode(item) for name, item in value.items() if name != "$"})


def rules_for_browser(rules) -> str:
    """What the worker needs of the rules: all of them but the presets and the worked example,
    which only the build and `comparer` use."""
    return json.dumps(encode(replace(rules, presets=(), example=None)), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def rules_from_browser_json(text: str):
    return decode(json.loads(text))
