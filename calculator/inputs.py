"""What a visitor asks for. The parameter names and ranges are the public URL contract of
shared links: never rename a parameter or narrow a range."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Param:
    name: str
    label: str            # French, as on the form
    kind: str             # "int", "decimal", "bool", "commune", "level"
    minimum: "Decimal | None" = None
    maximum: "Decimal | None" = None
    default: object = None
    unit: str = ""


# Order matters: it is the order of the canonical query string and of the form.
PARAMS = (
    Param("niveau", "Niveau consulté", "level", Decimal(1), Decimal(3), None),
    Param("postes", "Postes de travail", "int", Decimal(1), Decimal(250), 1, "postes"),
    Param("serveurs", "Serveurs / NAS", "int", Decimal(0), Decimal(20), 0, "serveurs"),
    Param("imagerie", "Appareils d'imagerie médicale", "int", Decimal(0), Decimal(50), 0, "appareils"),
    Param("licences", "Licences Microsoft 365 Apps supplémentaires", "int", Decimal(0), Decimal(250), 0, "licences"),
    Param("sauvegarde", "Données à sauvegarder en ligne", "int", Decimal(0), Decimal(100000), 0, "Go"),
    Param("sites", "Sites (cabinets)", "int", Decimal(1), Decimal(10), 1, "sites"),
    Param("commune", "Commune", "commune", default="saint-denis"),
    Param("heures", "Niveau 1 : heures à distance par mois", "decimal", Decimal(0), Decimal(1000), None, "h / mois"),
    Param("visites", "Niveau 1 : interventions sur site par mois", "decimal", Decimal(0), Decimal(100), None, "visites / mois"),
    Param("tpe", "Terminaux de paiement (TPE) à couvrir", "bool", default=False),
    Param("standard", "Standard téléphonique à couvrir", "bool", default=False),
    Param("astreinte", "Cabinet d'astreinte", "bool", default=False),
)
PARAMS_BY_NAME = {param.name: param for param in PARAMS}
DEFAULT_COMMUNE = PARAMS_BY_NAME["commune"].default


@dataclass(frozen=True)
class Inputs:
    niveau: "int | None" = None
    postes: int = 1
    serveurs: int = 0
    imagerie: int = 0
    licences: int = 0
    sauvegarde: int = 0
    sites: int = 1
    commune: str = DEFAULT_COMMUNE
    heures: "Decimal | None" = None
    visites: "Decimal | None" = None
    tpe: bool = False
    standard: bool = False
    astreinte: bool = False
