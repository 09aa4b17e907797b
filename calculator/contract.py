"""rules/conditions.yaml, validated: how long a proposal holds its prices, the contract's
conditions as the business gives them, and the messaging number for asking for it.

A condition not given yet ("") is kept with an empty text: every page leaves it out, and
`missing_report` names it for the build's log and CI's summary. Nothing here guesses one.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .reader import Node

CONDITIONS = "rules/conditions.yaml"
VALIDITY_UNITS = ("mois", "jours")


@dataclass(frozen=True)
class ContractCondition:
    key: str
    heading: str              # the proposal's heading for it
    question: str             # how the questions on /prestations/ ask it
    text: str                 # the business's answer; "" while not given


@dataclass(frozen=True)
class Contract:
    validity: int             # how many `validity_unit`
    validity_unit: str        # "mois" or "jours"
    conditions: tuple         # of ContractCondition, in the pages' order
    whatsapp: str = ""        # digits of an international number, or "" (no messaging link)

    def given(self) -> tuple:
        """The conditions the business has answered: the only ones any page shows."""
        return tuple(condition for condition in self.conditions if condition.text)

    def validity_text(self) -> str:
        """« 3 mois », « 30 jours »: as a sentence of the pages says it."""
        unit = "jour" if self.validity_unit == "jours" and self.validity == 1 else self.validity_unit
        return f"{self.validity} {unit}"

    def valid_until(self, issued: date) -> date:
        """The last day a proposal issued on `issued` holds its prices. A month later is the
        same day of the month, or the month's last day when it has none (31 January + 1 month:
        28 or 29 February), as a civil-law term is counted."""
        if self.validity_unit == "jours":
            return issued + timedelta(days=self.validity)
        month = issued.month - 1 + self.validity
        year, month = issued.year + month // 12, month % 12 + 1
        for day in range(issued.day, 27, -1):
            try:
                return date(year, month, day)
            except ValueError:
                continue
        return date(year, month, issued.day)


def _validity(node: Node) -> tuple:
    units = [unit for unit in VALIDITY_UNITS if node.has(unit)]
    if len(units) != 1:
        node.fail("une durée, en « mois » ou en « jours » (l'un des deux), par ex. « mois: 3 »")
    return node[units[0]].integer(minimum=1, maximum=36 if units[0] == "mois" else 1000), units[0]


def _whatsapp(node: Node) -> str:
    number = node.optional_text() if not isinstance(node.value, int) else str(node.value)
    digits = "".join(number.split()).removeprefix("+")
    if digits and not (digits.isascii() and digits.isdigit() and 8 <= len(digits) <= 15):
        node.fail("un numéro au format international, chiffres seuls (« 262692000000 »), ou \"\"", number)
    return digits


def parse_contract(node: Node) -> Contract:
    validity, unit = _validity(node["validite"])
    conditions, seen = [], set()
    for item in node["conditions"].list():
        key = item["cle"].text()
        if key in seen:
            item["cle"].fail("une clé qui n'est écrite qu'une fois", key)
        seen.add(key)
        conditions.append(ContractCondition(key, item["intitule"].text(), item["question"].text(),
                                            item["texte"].optional_text()))
    return Contract(validity, unit, tuple(conditions), _whatsapp(node["demande"]["whatsapp"]))


def missing(contract: Contract) -> list:
    """« conditions.duree »…: the conditions not given yet, as the rules file names them."""
    return [f"conditions.{condition.key}" for condition in contract.conditions if not condition.text]


def missing_report(contract: Contract, markdown: bool = False) -> str:
    from .identity import facts_report      # here: identity reads the rules, which read this module

    return facts_report("Conditions du contrat incomplètes",
                        f"condition(s) de {CONDITIONS} non renseignée(s), absentes de la proposition et des questions "
                        "fréquentes", missing(contract), markdown)
