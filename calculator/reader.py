"""A cursor over raw rules data (from YAML or JSON) that knows its file and key path.

Every accessor either returns a checked value or raises RulesError naming file, path,
what was expected and what was found. The same code validates the YAML at build time
and the JSON copy in the browser.
"""

from decimal import Decimal, InvalidOperation

from .errors import Index, RulesError

MISSING = "<missing>"


class Node:
    def __init__(self, file: str, value, path=()):
        self.file = file
        self.value = value
        self.path = tuple(path)

    def fail(self, expected: str, found=None, key=None):
        path = self.path if key is None else self.path + (key,)
        raise RulesError(self.file, path, expected, self.value if found is None else found)

    # Containers -------------------------------------------------------------------------

    def _mapping(self) -> dict:
        if not isinstance(self.value, dict):
            self.fail("a mapping")
        return self.value

    def has(self, key) -> bool:
        return self._lookup(key) is not MISSING

    def _lookup(self, key):
        mapping = self._mapping()
        if key in mapping:
            return mapping[key]
        # JSON turns the integer keys of YAML (levels 1, 2, 3) into strings.
        return mapping.get(str(key), MISSING)

    def __getitem__(self, key) -> "Node":
        value = self._lookup(key)
        if value is MISSING:
            self.fail("a value", MISSING, key)
        return Node(self.file, value, self.path + (key,))

    def get(self, key, default=None):
        return self[key] if self.has(key) else default

    def items(self):
        return [(key, Node(self.file, value, self.path + (key,))) for key, value in self._mapping().items()]

    def list(self, min_length=0) -> list:
        if not isinstance(self.value, list):
            self.fail("a list")
        if len(self.value) < min_length:
            self.fail(f"a list of at least {min_length} item(s)", f"{len(self.value)} item(s)")
        return [Node(self.file, item, self.path + (Index(i),)) for i, item in enumerate(self.value)]

    # Scalars ----------------------------------------------------------------------------

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("a non-empty text")
        return self.value

    def texts(self) -> tuple:
        return tuple(item.text() for item in self.list())

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("true or false")
        return self.value

    def decimal(self, expected="a number") -> Decimal:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(expected)
        try:
            # repr() of a float is the shortest text that reads back the same, i.e. what
            # the business typed (0.15), not the binary approximation.
            number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        except InvalidOperation:
            self.fail(expected)
        if not number.is_finite():
            self.fail(expected)
        return number

    def amount(self) -> Decimal:
        """A price: a finite number > 0 with at most two decimals."""
        expected = "a positive amount"
        number = self.decimal(expected)
        if number <= 0 or number != number.quantize(Decimal("0.01")):
            self.fail(expected)
        return number

    def ratio(self) -> Decimal:
        """A non-negative quantity per unit (hours per workstation, visits per device)."""
        number = self.decimal("a number >= 0")
        if number < 0:
            self.fail("a number >= 0")
        return number

    def integer(self, minimum=None, maximum=None) -> int:
        value = self.value
        bounds = f" from {minimum}" if minimum is not None else ""
        bounds += f" to {maximum}" if maximum is not None else ""
        expected = f"a whole number{bounds}"
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            else:
                self.fail(expected)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.fail(expected)
        return value

    def choice(self, options) -> str:
        if self.value not in options:
            self.fail("one of " + ", ".join(options))
        return self.value
