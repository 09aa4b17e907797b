"""What a visitor asks for: one value per entry of the offer's catalogue (rules/offre.yaml).

The parameter names and ranges are the public URL contract of shared links; they are data
(the catalogue), and tests/data/contrat_liens.json holds the published ones."""


class Inputs:
    """One estimate's inputs: every parameter of the catalogue with its value, read as
    `inputs["postes"]`. Made by `Catalogue.inputs`, which fills in the defaults."""

    __slots__ = ("_values",)

    def __init__(self, values: dict):
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, name: str):
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def items(self):
        return self._values.items()

    def replace(self, **changes) -> "Inputs":
        unknown = set(changes) - set(self._values)
        if unknown:
            raise KeyError(f"no such parameter: {', '.join(sorted(unknown))}")
        return Inputs({**self._values, **changes})

    def __setattr__(self, name, value):
        raise AttributeError("Inputs are immutable: use replace()")

    def __eq__(self, other) -> bool:
        return isinstance(other, Inputs) and self._values == other._values

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __repr__(self) -> str:
        return "Inputs(" + ", ".join(f"{name}={value!r}" for name, value in self._values.items()) + ")"
