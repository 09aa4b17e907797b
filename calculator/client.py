"""The client block of a proposal: typed on the page, carried only by the address's fragment
(`#nom=…&adresse=…`), so it is never sent to a server; never stored. Always shown as text,
trimmed to a length a practice's details never exceed."""

import unicodedata
from dataclasses import dataclass

from .urlquery import quote, split_query


@dataclass(frozen=True)
class ClientField:
    key: str                  # its name in the fragment
    label: str
    length: int               # at most this many characters are kept
    autocomplete: str         # what a browser may offer to fill it with


CLIENT_FIELDS = (
    ClientField("nom", "Cabinet", 120, "organization"),
    ClientField("adresse", "Adresse", 200, "address-line1"),
    ClientField("contact", "Personne à contacter", 120, "name"),
    ClientField("joindre", "E-mail ou téléphone", 120, "email"),
)


def clean(text: str, length: int) -> str:
    """One line of plain text: control characters dropped, spaces collapsed, trimmed."""
    kept = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    return " ".join(kept.split())[:length].strip()


def read_fragment(fragment: str) -> dict:
    """« #nom=Cabinet%20X&adresse=… » -> {key: text} for every field (empty when not given)."""
    values = {field.key: "" for field in CLIENT_FIELDS}
    lengths = {field.key: field.length for field in CLIENT_FIELDS}
    for key, raw in split_query(fragment.lstrip("#")):
        if key in lengths:
            values[key] = clean(raw, lengths[key])
    return values


def fragment_of(values: dict) -> str:
    """{key: text} -> « nom=…&adresse=… » (without the #): the given fields, in order."""
    return "&".join(f"{field.key}={quote(clean(values.get(field.key, ''), field.length))}"
                    for field in CLIENT_FIELDS if clean(values.get(field.key, ""), field.length))


def client_lines(values: dict) -> list:
    """« Cabinet : … » lines of the given fields: the e-mail's and the text output's block."""
    return [f"{field.label} : {values[field.key]}" for field in CLIENT_FIELDS if values.get(field.key)]
