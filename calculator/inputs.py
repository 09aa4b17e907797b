"""What a visitor asks for. The parameter names and ranges are the public URL contract of
shared links: never rename a parameter or narrow a range."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Inputs:
    """One estimate's inputs. Each default here is the value a link gets for a parameter it
    leaves out: the one place it is written (a Param reads it from here)."""
    niveau: "int | None" = None       # None: the recommended level is shown
    postes: int = 1
    serveurs: int = 0
    imagerie: int = 0
    licences: int = 0
    sauvegarde: int = 0
    sites: int = 1
    commune: str = "saint-denis"      # must stay in rules/communes.yaml (checked there)
    heures: "Decimal | None" = None   # None: level 1's hours are estimated
    visites: "Decimal | None" = None
    tpe: bool = False
    standard: bool = False
    astreinte: bool = False


DEFAULT_INPUTS = Inputs()


@dataclass(frozen=True)
class Param:
    name: str
    label: str            # French, as on the form
    kind: str             # "int", "decimal", "bool", "commune", "level"
    minimum: "Decimal | None" = None
    maximum: "Decimal | None" = None
    unit: str = ""

    @property
    def default(self):
        return getattr(DEFAULT_INPUTS, self.name)


# Order matters: it is the order of the canonical query string and of the form.
PARAMS = (
    Param("niveau", "Niveau consulté", "level", Decimal(1), Decimal(3)),
    Param("postes", "Postes de travail", "int", Decimal(1), Decimal(250), "postes"),
    Param("serveurs", "Serveurs / NAS", "int", Decimal(0), Decimal(20), "serveurs"),
    Param("imagerie", "Appareils d'imagerie médicale", "int", Decimal(0), Decimal(50), "appareils"),
    Param("licences", "Licences Microsoft 365 Apps supplémentaires", "int", Decimal(0), Decimal(250), "licences"),
    Param("sauvegarde", "Données à sauvegarder en ligne", "int", Decimal(0), Decimal(100000), "Go"),
    Param("sites", "Sites (cabinets)", "int", Decimal(1), Decimal(10), "sites"),
    Param("commune", "Commune", "commune"),
    Param("heures", "Niveau 1 : heures à distance par mois", "decimal", Decimal(0), Decimal(1000), "h / mois"),
    Param("visites", "Niveau 1 : interventions sur site par mois", "decimal", Decimal(0), Decimal(100), "visites / mois"),
    Param("tpe", "Terminaux de paiement (TPE) à couvrir", "bool"),
    Param("standard", "Standard téléphonique à couvrir", "bool"),
    Param("astreinte", "Cabinet d'astreinte", "bool"),
)
PARAMS_BY_NAME = {param.name: param for param in PARAMS}
DEFAULT_COMMUNE = DEFAULT_INPUTS.commune
