"""The command line's check of what a person typed: an unknown commune, level or yes/no word
is a typo to fix, not a value to replace. `devis --commune st-paul` must not price
Saint-Denis with a notice on its last line; it stops, names the flag and suggests the
closest valid values.

Links opened in a browser and `lot` rows stay lenient (query.py: notice and default): a
visitor or a spreadsheet cannot be asked again, the person at the terminal can.
"""

import difflib

from .query import FALSE_WORDS, TRUE_WORDS, _number, _shown, slugify

SUGGESTIONS = 3


class RefusedValue(ValueError):
    """A value the command line refuses; the message is French and names the flag."""


def _commune(rules, raw: str) -> "str | None":
    if rules.commune(slugify(raw[:100])) is not None:
        return None
    names = {alias: commune.slug for commune in rules.communes for alias in (commune.slug, *commune.aliases)}
    close = difflib.get_close_matches(slugify(raw[:100]), names, n=SUGGESTIONS, cutoff=0.6)
    slugs = list(dict.fromkeys(names[name] for name in close))
    hint = ("vouliez-vous dire " + " ou ".join(slugs) + " ?" if slugs
            else "communes possibles : " + ", ".join(commune.slug for commune in rules.communes) + ".")
    return f"« {_shown(raw)} » n'est pas une commune de La Réunion ; {hint}"


def _flag(raw: str) -> "str | None":
    word = raw.strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return None
    close = difflib.get_close_matches(word, [w for w in TRUE_WORDS + FALSE_WORDS if w], n=SUGGESTIONS, cutoff=0.6)
    hint = ("vouliez-vous dire " + " ou ".join(close) + " ?" if close
            else "valeurs possibles : " + ", ".join(f"{yes}/{no}" for yes, no in zip(TRUE_WORDS, FALSE_WORDS)) + ".")
    return f"« {_shown(raw)} » n'est ni oui ni non ; {hint}"


def _level(rules, raw: str) -> "str | None":
    if raw.strip() == "":
        return None         # no level asked for: the recommended one, as in a link
    number = _number(raw)
    if number is not None and number == number.to_integral_value() and int(number) in rules.levels:
        return None
    levels = ", ".join(map(str, rules.levels))
    return f"« {_shown(raw)} » n'est pas un niveau ; niveaux possibles : {levels}."


def check_typed(rules, given) -> None:
    """Raise RefusedValue for the first (parameter, raw value) pair that names nothing: an
    unknown commune, level or yes/no word. Numbers keep the links' rule (clamped, noticed)."""
    for name, raw in given:
        entry = rules.catalogue.entry(name)
        if entry.kind == "commune":
            problem = _commune(rules, raw)
        elif entry.kind == "bool":
            problem = _flag(raw)
        elif entry.kind == "level":
            problem = _level(rules, raw)
        else:
            problem = None
        if problem:
            raise RefusedValue(f"--{name} : {problem}")
