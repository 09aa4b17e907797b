"""What a practice chose that a level does not price: an option the level includes, or one it
does not offer. Priced, an option is a cost line; with neither a line nor a word, a visitor
would read the level's silence as « not needed ». Said on each level's card, in `devis`, in
`lot` and on the proposal."""

from .catalogue import STATUSES

# A catalogue status -> how the pages say it, for an option the practice chose.
OPTION_STATUS_TEXT = {"inclus": "inclus", "non_inclus": "non proposé à ce niveau"}
assert set(OPTION_STATUS_TEXT) < set(STATUSES)


def chosen(value) -> bool:
    """An option is chosen when it is ticked, or when it counts anything."""
    return value is True or (not isinstance(value, bool) and value is not None and value > 0)


def option_notes(rules, inputs, level: int) -> list:
    """[{libelle, statut, texte}] for each chosen option that `level` includes or does not offer,
    in the catalogue's order."""
    notes = []
    for entry in rules.catalogue.entries:
        terms = (entry.levels or {}).get(level)
        if terms is None or terms.status not in OPTION_STATUS_TEXT or not chosen(inputs[entry.name]):
            continue
        notes.append({"libelle": entry.label, "statut": terms.status,
                      "texte": f"{entry.label} : {OPTION_STATUS_TEXT[terms.status]}"})
    return notes
