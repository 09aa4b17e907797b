"""A cursor over raw rules data (from YAML or JSON) that knows its file and key path.

Every accessor either returns a checked value or raises RulesError naming file, path,
what was expected and what was found. The same code validates the YAML at build time
and the JSON copy in the browser.

Every key the validation asks for is recorded, so that `reject_unknown_keys` can then
refuse the keys nobody asked for: a misspelt key must not silently drop a rule.
"""

import string
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import Index, MisspeltKeyError, RulesError, UnknownKeyError

MISSING = "<absent>"


class Node:
    def __init__(self, file: str, value, path=(), asked=None):
        self.file = file
        self.value = value
        self.path = tuple(path)
        # id(mapping) -> (mapping, path, keys asked for); shared by every node of a file.
        self.asked = {} if asked is None else asked

    def _child(self, key, value) -> "Node":
        return Node(self.file, value, self.path + (key,), self.asked)

    def _record(self, mapping: dict, key) -> None:
        self.asked.setdefault(id(mapping), (mapping, self.path, set()))[2].add(key)

    def fail(self, expected: str, found=None, key=None):
        path = self.path if key is None else self.path + (key,)
        raise RulesError(self.file, path, expected, self.value if found is None else found)

    # Containers -------------------------------------------------------------------------

    def _mapping(self) -> dict:
        if not isinstance(self.value, dict):
            self.fail("une table de clés (clé: valeur)")
        return self.value

    def has(self, key) -> bool:
        return self._lookup(key) is not MISSING

    def _lookup(self, key):
        mapping = self._mapping()
        # JSON turns the integer keys of YAML (levels 1, 2, 3) into strings.
        found = key if key in mapping else str(key)
        self._record(mapping, found if found in mapping else key)
        return mapping.get(found, MISSING)

    def __getitem__(self, key) -> "Node":
        value = self._lookup(key)
        if value is MISSING:
            typo = self._typo_of(str(key))
            if typo is not None:
                raise MisspeltKeyError(self.file, self.path + (typo,), str(key))
            self.fail("une valeur", MISSING, key)
        return self._child(key, value)

    def _typo_of(self, key: str):
        """A key of this mapping that looks like a typo of the missing `key` (libele for
        libelle, pris for prix): close, and about as long, so that libelle_ligne is not one."""
        import difflib     # only on this error path: the browser never pays for the import

        others = {str(other): other for other in self.value if str(other) != key
                  and abs(len(str(other)) - len(key)) <= 2}
        close = difflib.get_close_matches(key, others, n=1, cutoff=0.6)
        return others[close[0]] if close else None

    def get(self, key, default=None):
        return self[key] if self.has(key) else default

    def items(self):
        """Every entry of a mapping whose keys are data (a preset's parameters): all asked for."""
        mapping = self._mapping()
        for key in mapping:
            self._record(mapping, key)
        return [(key, self._child(key, value)) for key, value in mapping.items()]

    def list(self, min_length=0) -> list:
        if not isinstance(self.value, list):
            self.fail("une liste")
        if len(self.value) < min_length:
            self.fail(f"une liste d'au moins {min_length} élément(s)", f"{len(self.value)} élément(s)")
        return [self._child(Index(i), item) for i, item in enumerate(self.value)]

    # Scalars ----------------------------------------------------------------------------

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("un texte non vide")
        return self.value

    def optional_text(self) -> str:
        """A fact the business may not have given yet: its text, or "" (never guessed)."""
        if self.value is None:
            return ""
        if not isinstance(self.value, str):
            self.fail('un texte, ou "" quand il n\'est pas connu')
        return self.value.strip()

    def texts(self) -> tuple:
        return tuple(item.text() for item in self.list())

    def template(self, *names) -> str:
        """A text the engine fills in with str.format: only these {placeholders} may appear,
        or the mistake would surface in a visitor's browser instead of the build."""
        text = self.text()
        allowed = ", ".join("{" + name + "}" for name in names) or "aucun {champ}"
        expected = f"un texte dont les {{champs}} sont parmi {allowed}"
        try:
            fields = [(field, spec, conversion) for _, field, spec, conversion in string.Formatter().parse(text)
                      if field is not None]
        except ValueError:
            self.fail(expected + " (une { ou une } seule le casse)")
        for field, spec, conversion in fields:
            if field not in names:
                self.fail(expected, "{" + field + "}")
            if spec or conversion:      # {n:s}, {n!z}: the engine formats plain values only
                self.fail(expected + ", sans format ni conversion",
                          "{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}")
        return text

    def date(self) -> date:
        """A calendar date, written 2027-01-01 (the loader keeps it as text)."""
        value, expected = self.value, "une date écrite AAAA-MM-JJ, par ex. 2027-01-01"
        if not (isinstance(value, str) and len(value) == 10):
            self.fail(expected)
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(expected)

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("true ou false")
        return self.value

    def decimal(self, expected="un nombre") -> Decimal:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(expected)
        try:
            # repr() of a float is the shortest text that reads back the same, i.e. what
            # the business typed (0.15), not the binary approximation.
            number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        except InvalidOperation:
            if isinstance(value, str) and value.strip().count(",") == 1 and value.strip().replace(",", "").isdigit():
                self.fail(f"{expected}, écrit avec un point : {value.strip().replace(',', '.')}")    # 52,50
            self.fail(expected)
        if not number.is_finite():
            self.fail(expected)
        return number

    def amount(self) -> Decimal:
        """A price: a finite number > 0 with at most two decimals."""
        expected = "un montant positif"
        number = self.decimal(expected)
        if number >= Decimal("1e9"):        # also keeps quantize within the decimal context
            self.fail(expected + " inférieur à 1 000 000 000")
        if number <= 0 or number != number.quantize(Decimal("0.01")):
            self.fail(expected)
        return number

    def ratio(self) -> Decimal:
        """A non-negative quantity per unit (hours per workstation, visits per device)."""
        number = self.decimal("un nombre >= 0")
        if number < 0:
            self.fail("un nombre >= 0")
        return number

    def integer(self, minimum=None, maximum=None) -> int:
        value = self.value
        bounds = f" de {minimum}" if minimum is not None else ""
        bounds += f" à {maximum}" if maximum is not None else ""
        expected = f"un nombre entier{bounds}"
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
                value = int(value)
            else:
                self.fail(expected)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.fail(expected)
        return value

    def choice(self, options) -> str:
        if self.value not in options:
            self.fail("l'une des valeurs " + ", ".join(map(str, options)))
        return self.value


def reject_unknown_keys(root: Node) -> None:
    """Raise UnknownKeyError for the first key, in file order, that validation never asked
    for, with the closest key it did ask for at the same place."""
    def walk(value, path):
        if isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (Index(index),))
        elif isinstance(value, dict) and id(value) in root.asked:
            asked = root.asked[id(value)][2]
            previous = None
            for key, item in value.items():
                if key not in asked:
                    raise UnknownKeyError(root.file, path + (key,), sorted(str(known) for known in asked),
                                          hint=_comma_hint(previous, value, key))
                walk(item, path + (key,))
                previous = key
    walk(root.value, root.path)


def _comma_hint(previous, mapping: dict, key) -> "str | None":
    """`{prix: 52,50}` reads as prix: 52 and a key 50 without value: a decimal comma."""
    number = mapping.get(previous) if previous is not None else None
    if (isinstance(key, int) and not isinstance(key, bool) and mapping[key] is None
            and isinstance(number, int) and not isinstance(number, bool)):
        return f"une virgule dans un nombre ? Écrivez « {previous}: {number}.{key} » (avec un point)."
    return None
