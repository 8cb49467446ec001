"""The data contract: what each file of ``data/`` holds (pydantic models).

Keys are French because the communication team writes them. Descriptions are
French too: they end up in the JSON Schema that editors see in VS Code.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from macros.data.fields import (
    AdresseWeb,
    CheminImage,
    Date,
    Email,
    Heure,
    Identifiant,
    Lien,
    Montant,
    Oui,
    Reference,
    Telephone,
    Texte,
    TexteLong,
    fold,
    folded_choice,
)

AGE_MAX = 25

Temps = Annotated[
    Literal["scolaire", "periscolaire", "mercredi", "vacances", "week-end"],
    BeforeValidator(folded_choice),
]
Jour = Annotated[
    Literal["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    BeforeValidator(folded_choice),
]
TypeRessource = Annotated[
    Literal["guide", "site", "numero-utile", "atelier", "permanence"],
    BeforeValidator(folded_choice),
]
TypeTarif = Annotated[
    Literal["gratuit", "quotient-familial", "payant"], BeforeValidator(folded_choice)
]
TypeBrochure = Literal["guide-activites", "plaquette-inclusion", "pedt-en-bref"]
Acces = Annotated[
    Literal["libre", "inscription", "sur-orientation", "scolaire"], BeforeValidator(folded_choice)
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _invalid(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


# --- commune.yml -----------------------------------------------------------------


class Entree(Model):
    """An id and its label (quartier, service, category, theme)."""

    id: Identifiant = Field(
        description="Identifiant court, sans accent ni espace.", examples=["centre-ville"]
    )
    nom: Texte = Field(description="Libellé affiché.", examples=["Centre-ville"])
    description: Texte | None = Field(
        None,
        description="Une phrase qui précise le libellé (affichée et trouvée par la recherche).",
    )


class Mairie(Model):
    nom: Texte = Field(description="Nom de l'accueil.", examples=["Hôtel de ville"])
    adresse: Texte
    telephone: Telephone
    email: Email
    horaires: Texte


class Commune(Model):
    """``data/commune.yml``: the commune and its reference lists."""

    nom: Texte = Field(
        description="Nom de la commune, tel qu'il s'affiche.", examples=["Ville d'Exemple"]
    )
    annee_scolaire: Annotated[str, Field(pattern=r"^\d{4}-\d{4}$")] = Field(
        description="Année scolaire en cours.", examples=["2025-2026"]
    )
    url: AdresseWeb = Field(
        description="Adresse publique du site, complète : https://…",
        examples=["https://parcours.example.org/"],
    )
    mairie: Mairie
    quartiers: list[Entree] = Field(min_length=1)
    services: list[Entree] = Field(min_length=1)
    categories: list[Entree] = Field(min_length=1, description="Catégories d'activités.")
    themes: list[Entree] = Field(min_length=1, description="Thèmes des ressources parentalité.")
    exemple: Oui = Field(False, description="oui si les données sont fictives (données d'exemple).")


# --- pedt.yml -------------------------------------------------------------------


class Volet(Model):
    """One row of the PEDT table: operational objectives and their expected effects."""

    operationnels: list[Texte] = Field(min_length=1, description="Objectifs opérationnels.")
    effets: list[Texte] = Field(min_length=1, description="Effets attendus.")


class Objectif(Model):
    id: Identifiant = Field(description="Identifiant cité par les activités (champ objectifs).")
    titre: Texte = Field(description="Objectif général, tel qu'écrit dans le PEDT.")
    volets: list[Volet] = Field(min_length=1)


class Axe(Model):
    id: Identifiant
    titre: Texte
    en_bref: TexteLong | None = Field(
        None,
        title="En bref",
        description="Ce que l'axe change pour un enfant, en quelques phrases simples "
        "(pour « Le PEDT en bref ») ; ce texte n'est pas celui du PEDT.",
    )
    objectifs: list[Objectif] = Field(min_length=1)


class Pedt(Model):
    """``data/pedt.yml``: the four axes of the Projet Éducatif Territorial."""

    titre: Texte = "Projet Éducatif Territorial"
    introduction: TexteLong | None = None
    axes: list[Axe] = Field(min_length=1)


# --- activites/<slug>.yml ---------------------------------------------------------


class Public(Model):
    age_min: Annotated[int, Field(ge=0, le=AGE_MAX)] | None = Field(
        None, title="Âge minimum", description="Âge minimum, en années.", examples=[6]
    )
    age_max: Annotated[int, Field(ge=0, le=AGE_MAX)] | None = Field(
        None, title="Âge maximum", description="Âge maximum, en années (inclus).", examples=[11]
    )
    parents: Oui = Field(False, title="Parents", description="oui si les parents sont concernés.")

    @model_validator(mode="after")
    def _ages(self) -> Public:
        if (self.age_min is None) != (self.age_max is None):
            raise _invalid("public", "indiquez à la fois age_min et age_max")
        if self.age_min is None and not self.parents:
            raise _invalid("public", "indiquez age_min et age_max, ou parents: oui")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise _invalid(
                "public",
                f"age_min ({self.age_min}) est plus grand que age_max ({self.age_max})",
            )
        return self


class Lieu(Model):
    nom: Texte = Field(
        title="Nom du lieu",
        description="Nom du lieu, tel que les familles le connaissent.",
        examples=["Gymnase Jean-Moulin"],
    )
    adresse: Texte = Field(
        title="Adresse du lieu",
        description="Adresse postale : numéro, rue, code postal et ville.",
        examples=["12 rue de la République"],
    )
    quartier: Annotated[
        Identifiant, Reference("quartiers", "commune.yml", autres=("toute-la-ville",))
    ] = Field(
        title="Quartier",
        description="Un identifiant de quartier de commune.yml, ou toute-la-ville pour un "
        "service présent dans tous les quartiers (cantine, crèches).",
    )


def _in_order(debut: str, fin: str) -> None:
    """A session ends after it starts (a weekly one, or a dated one)."""
    if fin <= debut:
        raise _invalid("horaire", f"la fin ({fin}) doit venir après le début ({debut})")


class Horaire(Model):
    jour: Jour = Field(
        title="Jour de la séance",
        description="Jour de la semaine : lundi, mardi, mercredi, jeudi, vendredi, samedi "
        "ou dimanche.",
    )
    debut: Heure = Field(
        title="Heure de début",
        description='Heure de début, entre guillemets : "14:00".',
        examples=["14:00"],
    )
    fin: Heure = Field(
        title="Heure de fin",
        description='Heure de fin, entre guillemets : "15:30".',
        examples=["15:30"],
    )

    @model_validator(mode="after")
    def _order(self) -> Horaire:
        _in_order(self.debut, self.fin)
        return self


class Periode(Model):
    debut: Date = Field(
        title="Premier jour", description="Premier jour, AAAA-MM-JJ.", examples=["2025-09-10"]
    )
    fin: Date = Field(
        title="Dernier jour", description="Dernier jour, AAAA-MM-JJ.", examples=["2026-06-24"]
    )

    @model_validator(mode="after")
    def _order(self) -> Periode:
        if self.fin < self.debut:
            raise _invalid(
                "periode", f"la fin ({self.fin:%d/%m/%Y}) précède le début ({self.debut:%d/%m/%Y})"
            )
        return self


class Tarif(Model):
    type: TypeTarif = Field(
        title="Type de tarif",
        description="gratuit, quotient-familial (selon les revenus) ou payant.",
    )
    montant: Montant | None = Field(
        None,
        title="Montant en euros",
        description="En euros ; le minimum pour le quotient familial.",
    )
    montant_max: Montant | None = Field(
        None,
        title="Montant maximum en euros",
        description="Au quotient familial : le tarif le plus haut.",
    )
    precisions: Texte | None = Field(
        None,
        title="Précisions sur le tarif",
        description="Ce que couvre le prix, ou ce qu'il faut savoir en plus.",
        examples=["par trimestre"],
    )

    @model_validator(mode="after")
    def _amount(self) -> Tarif:
        if self.type == "payant" and self.montant is None:
            raise _invalid("tarif", "indiquez le montant d'une activité payante")
        if self.type == "gratuit" and (self.montant or self.montant_max):
            raise _invalid("tarif", "une activité gratuite n'a pas de montant")
        if (
            self.montant is not None
            and self.montant_max is not None
            and self.montant_max < self.montant
        ):
            raise _invalid("tarif", "montant_max est plus petit que montant")
        return self


class Seance(Model):
    date: Date = Field(
        title="Date d'une séance datée", description="AAAA-MM-JJ.", examples=["2027-01-30"]
    )
    debut: Heure = Field(
        title="Début de la séance datée",
        description='Entre guillemets : "09:30".',
        examples=["09:30"],
    )
    fin: Heure = Field(
        title="Fin de la séance datée",
        description='Entre guillemets : "17:00".',
        examples=["17:00"],
    )

    @model_validator(mode="after")
    def _order(self) -> Seance:
        _in_order(self.debut, self.fin)
        return self


class Inscription(Model):
    modalites: Texte = Field(
        title="Comment s'inscrire",
        description="Comment s'inscrire.",
        examples=["Sur le portail Famille"],
    )
    url: Lien | None = Field(
        None,
        title="Lien d'inscription",
        description="Adresse de l'inscription en ligne (https://…) ou page du site (/contacts/).",
    )
    ouverture: Date | None = Field(
        None,
        title="Ouverture des inscriptions",
        description="Premier jour pour s'inscrire, AAAA-MM-JJ (vide : déjà ouvertes).",
    )
    date_limite: Date | None = Field(
        None,
        title="Date limite d'inscription",
        description="Dernier jour pour s'inscrire, AAAA-MM-JJ.",
    )
    complet: Oui = Field(
        False,
        title="Complet",
        description="oui quand il n'y a plus de place (à retirer si des places se libèrent).",
    )

    @model_validator(mode="after")
    def _window(self) -> Inscription:
        if self.ouverture and self.date_limite and self.date_limite < self.ouverture:
            raise _invalid(
                "inscription",
                f"la date limite ({self.date_limite:%d/%m/%Y}) précède l'ouverture "
                f"({self.ouverture:%d/%m/%Y})",
            )
        return self


class Accessibilite(Model):
    accueil_handicap: Oui = Field(
        title="Accueil des enfants en situation de handicap",
        description="oui si les enfants en situation de handicap sont accueillis.",
    )
    activite_adaptee: Oui = Field(
        False,
        title="Activité adaptée",
        description="oui si l'activité est adaptée (handisport, etc.).",
    )
    acces_pmr: Oui = Field(
        False,
        title="Accès en fauteuil roulant",
        description="oui si le lieu est accessible en fauteuil.",
    )
    precisions: Texte | None = Field(
        None,
        title="Précisions sur l'accessibilité",
        description="Ce que les familles doivent savoir : accompagnement, matériel, contact.",
    )


class Image(Model):
    src: CheminImage = Field(
        title="Image",
        description="Image de docs/, par exemple /images/judo.jpg (jamais un autre site).",
    )
    alt: Texte = Field(
        title="Texte de remplacement de l'image",
        description="Texte de remplacement : ce que montre l'image.",
    )


class Activite(Model):
    """``data/activites/<slug>.yml``: one activity; the file name is its address."""

    titre: Annotated[Texte, Field(max_length=90)] = Field(
        title="Titre de l'activité",
        description="Titre de l'activité, 90 caractères au plus.",
        examples=["Judo : éveil et initiation"],
    )
    resume: Annotated[Texte, Field(max_length=240)] = Field(
        title="Résumé en une phrase",
        description="Une phrase pour les cartes et la recherche, 240 caractères au plus.",
    )
    description: TexteLong = Field(
        title="Description",
        description="Texte complet, en Markdown : paragraphes, listes (« - »), **gras**.",
    )
    categorie: Annotated[Identifiant, Reference("categories", "commune.yml")] = Field(
        title="Catégorie", description="Une catégorie de commune.yml.", examples=["sport"]
    )
    public: Public = Field(title="Public", description="Âges (age_min, age_max) ou parents: oui.")
    temps: list[Temps] = Field(
        min_length=1,
        title="Moments",
        description="Moments : scolaire, periscolaire, mercredi, vacances, week-end.",
        examples=[["mercredi", "vacances"]],
    )
    lieu: Lieu = Field(title="Lieu", description="Nom, adresse et quartier du lieu.")
    horaires: list[Horaire] = Field(
        default_factory=list,
        title="Horaires",
        description="Séances de la semaine : jour, début et fin. "
        'Les heures toujours entre guillemets : "14:00".',
    )
    periode: Periode = Field(title="Période", description="Premier et dernier jour de l'activité.")
    tarif: Tarif = Field(
        title="Tarif", description="gratuit, quotient-familial ou payant, avec le montant."
    )
    acces: Acces = Field(
        "inscription",
        title="Comment y accéder",
        description="libre (sans inscription), inscription, sur-orientation (un professionnel "
        "propose l'activité à la famille : PRE, CLAS…) ou scolaire (avec la classe).",
    )
    seances: list[Seance] = Field(
        default_factory=list,
        title="Séances datées",
        description="Pour un événement ou un stage : chaque jour, avec ses heures.",
    )
    inscription: Inscription = Field(
        title="Inscription",
        description="Comment s'inscrire (ou venir, pour un accès libre), lien, ouverture, "
        "date limite, complet.",
    )
    accessibilite: Accessibilite = Field(
        title="Accessibilité",
        description="Accueil des enfants en situation de handicap, activité adaptée, accès PMR.",
    )
    service: Annotated[Identifiant, Reference("services", "commune.yml")] = Field(
        title="Service", description="Un service de commune.yml.", examples=["sports"]
    )
    contact: Annotated[Identifiant, Reference("referents", "referents.yml")] = Field(
        title="Contact",
        description="Qui répond aux questions des familles sur l'activité : un identifiant de "
        "referents.yml (l'accueil du service, l'équipe de l'activité).",
        examples=["accueil-sports"],
    )
    referent_handicap: Annotated[Identifiant, Reference("referents", "referents.yml")] | None = (
        Field(
            None,
            title="Référent handicap",
            description="Qui prépare l'accueil d'un enfant en situation de handicap (vide : le "
            "référent handicap du service, s'il y en a un).",
        )
    )
    objectifs: list[Annotated[Identifiant, Reference("objectifs", "pedt.yml")]] = Field(
        default_factory=list,
        title="Objectifs du PEDT",
        description="Identifiants d'objectifs de pedt.yml.",
    )
    labels: list[Texte] = Field(
        default_factory=list, title="Labels", description="Labels obtenus, en texte."
    )
    image: Image | None = Field(
        None, title="Image", description="Image facultative ; son texte alt est obligatoire."
    )
    mis_a_jour: Date | None = Field(
        None, title="Mise à jour", description="Date de dernière mise à jour, AAAA-MM-JJ."
    )
    exemple: Oui = Field(
        False,
        title="Fiche d'exemple",
        description="oui pour une fiche fictive (données d'exemple).",
    )

    @model_validator(mode="after")
    def _how_to_join(self) -> Activite:
        fin = self.periode.fin
        for name in ("ouverture", "date_limite"):
            day = getattr(self.inscription, name)
            if day is not None and day > fin:
                raise _invalid(
                    "inscription",
                    f"inscription.{name} ({day:%d/%m/%Y}) vient après la fin de "
                    f"l'activité ({fin:%d/%m/%Y})",
                )
        for seance in self.seances:
            if not self.periode.debut <= seance.date <= fin:
                raise _invalid(
                    "seance",
                    f"la séance du {seance.date:%d/%m/%Y} est hors de la période "
                    f"({self.periode.debut:%d/%m/%Y} – {fin:%d/%m/%Y})",
                )
        return self


# --- ressources/<slug>.yml -----------------------------------------------------------


class Ressource(Model):
    """``data/ressources/<slug>.yml``: a parenting resource."""

    titre: Annotated[Texte, Field(max_length=90)] = Field(
        title="Titre de la ressource", description="Titre de la ressource, 90 caractères au plus."
    )
    resume: Annotated[Texte, Field(max_length=240)] = Field(
        title="Résumé en une phrase",
        description="Une phrase de présentation, 240 caractères au plus.",
    )
    description: TexteLong = Field(title="Description", description="Texte complet, en Markdown.")
    theme: Annotated[Identifiant, Reference("themes", "commune.yml")] = Field(
        title="Thème", description="Un thème de commune.yml.", examples=["ecrans"]
    )
    public: Public = Field(
        title="Public", description="Âges des enfants concernés, ou parents: oui."
    )
    type: TypeRessource = Field(
        title="Type de ressource",
        description="guide, site, numero-utile, atelier ou permanence.",
    )
    organisme: Texte = Field(
        title="Organisme", description="Qui la propose.", examples=["Éducation nationale"]
    )
    lien: Lien | None = Field(
        None, title="Lien", description="Adresse https://… ou page du site (/inclusion/)."
    )
    telephone: Telephone | None = Field(
        None,
        title="Téléphone",
        description="Numéro entre guillemets, ou numéro court (3018).",
    )
    urgence: Oui = Field(
        False,
        title="Numéro d'urgence",
        description="oui pour un numéro à appeler en cas d'urgence (119, 3018) : il est "
        "affiché, à toucher pour appeler, dans l'encadré « En cas d'urgence » des pages "
        "Contacts et Être parent. Demande un téléphone.",
    )
    mis_a_jour: Date | None = Field(
        None, title="Mise à jour", description="Date de dernière mise à jour, AAAA-MM-JJ."
    )
    exemple: Oui = Field(
        False,
        title="Fiche d'exemple",
        description="oui pour une fiche fictive (données d'exemple).",
    )

    @model_validator(mode="after")
    def _urgence_a_un_numero(self) -> Ressource:
        if self.urgence and not self.telephone:
            raise _invalid("urgence", "un numéro d'urgence (urgence: oui) demande un téléphone")
        return self


# --- referents.yml ---------------------------------------------------------------


class Referent(Model):
    id: Identifiant = Field(
        title="Identifiant", description="Identifiant cité par les activités (champ referent)."
    )
    role: Texte = Field(
        title="Rôle",
        description="Le rôle, pas le nom d'une personne.",
        examples=["Référent inclusion"],
    )
    service: Annotated[Identifiant, Reference("services", "commune.yml")] = Field(
        title="Service", description="Un service de commune.yml."
    )
    structure: Texte = Field(
        title="Structure",
        description="La structure qui l'emploie.",
        examples=["Caisse des écoles"],
    )
    email: Email = Field(
        title="Courriel",
        description="Adresse professionnelle.",
        examples=["inclusion@example.org"],
    )
    telephone: Telephone = Field(
        title="Téléphone", description="Numéro professionnel, entre guillemets."
    )
    adresse: Texte = Field(title="Adresse", description="Où le rencontrer.")
    horaires: Texte = Field(
        title="Horaires d'accueil",
        description="Quand le joindre.",
        examples=["Lundi et jeudi, 9 h – 12 h"],
    )
    missions: list[Texte] = Field(
        default_factory=list, title="Missions", description="Ses missions, une par ligne."
    )
    exemple: Oui = Field(
        False,
        title="Contact d'exemple",
        description="oui pour un contact fictif (données d'exemple).",
    )


class Besoin(Model):
    """One line of « Qui contacter pour… » (page Contacts): a family's need and whom to call."""

    id: Identifiant = Field(
        description="Identifiant court : l'ancre de la page Contacts (/contacts/#un-handicap).",
        examples=["un-handicap"],
    )
    titre: Texte = Field(
        description="Le besoin, dit comme une famille le dirait, après « Qui contacter pour… ».",
        examples=["Un handicap, une maladie, une allergie"],
    )
    texte: Texte | None = Field(
        None, description="Une phrase qui précise (facultatif).", examples=["Dès 2 ans."]
    )
    contacts: list[Annotated[Identifiant, Reference("referents", "referents.yml")]] = Field(
        min_length=1, description="Les contacts à appeler, le premier d'abord (leurs id)."
    )


class Referents(Model):
    """``data/referents.yml``: the contacts, by role, and whom to call for what."""

    besoins: list[Besoin] = Field(
        default_factory=list,
        title="Qui contacter pour…",
        description="Les besoins des familles et les contacts à appeler : le début de la "
        "page Contacts.",
    )
    referents: list[Referent] = Field(min_length=1)


# --- redirections.yml --------------------------------------------------------------


def _site_path(value: str) -> str:
    if not re.fullmatch(r"/(?:[a-z0-9-]+/)+", value):
        raise _invalid(
            "chemin",
            f"adresse invalide « {value} » : une adresse du site, de la forme /activites/judo/",
        )
    return value


Chemin = Annotated[str, AfterValidator(_site_path)]


class Redirection(Model):
    de: Chemin = Field(description="Ancienne adresse, par exemple /activites/judo/.")
    vers: Chemin = Field(description="Nouvelle adresse, par exemple /activites/judo-4-11-ans/.")


class Redirections(Model):
    """``data/redirections.yml``: old addresses that must keep working."""

    redirections: list[Redirection] = Field(default_factory=list)


# --- lexique.yml ------------------------------------------------------------------


class Terme(Model):
    """One word of the glossary: an acronym or a word of the administration, in plain French."""

    terme: Texte = Field(
        description="Le mot ou le sigle tel qu'il s'écrit dans les pages.", examples=["MDPH"]
    )
    developpe: Texte | None = Field(
        None,
        title="Développé",
        description="Pour un sigle, ce qu'il veut dire, en minuscules : une page l'écrit "
        "à côté du sigle la première fois qu'elle l'emploie.",
        examples=["maison départementale des personnes handicapées"],
    )
    definition: Texte = Field(
        title="Définition",
        description="Une ou deux phrases courtes, en mots de tous les jours.",
        examples=["Elle reconnaît le handicap d'un enfant et décide des aides."],
    )
    synonymes: list[Texte] = Field(
        default_factory=list,
        description="Les mots qu'un parent tape dans la recherche pour ce terme.",
        examples=[["cantine"]],
    )

    @property
    def ancre(self) -> str:
        """The term's anchor on /lexique/ (``#mdph``, ``#quotient-familial``)."""
        return re.sub(r"[^a-z0-9]+", "-", fold(self.terme)).strip("-") or "terme"


class Lexique(Model):
    """``data/lexique.yml``: the glossary of the page /lexique/."""

    termes: list[Terme] = Field(min_length=1)


# --- brochures.yml ---------------------------------------------------------------


class Selection(Model):
    categories: list[Annotated[Identifiant, Reference("categories", "commune.yml")]] = Field(
        default_factory=list
    )
    quartiers: list[Annotated[Identifiant, Reference("quartiers", "commune.yml")]] = Field(
        default_factory=list
    )
    temps: list[Temps] = Field(default_factory=list)
    age: Annotated[int, Field(ge=0, le=AGE_MAX)] | None = None
    accueil_handicap: Oui | None = None


class Brochure(Model):
    id: Identifiant = Field(
        description="Nom du fichier PDF produit ; avec pour_chaque, le début du nom "
        "(quartier → quartier-les-coteaux.pdf, quartier-le-port.pdf…)."
    )
    titre: Texte = Field(
        description="Titre de la brochure ; avec pour_chaque, suivi du nom du quartier."
    )
    type: TypeBrochure
    format: Literal["A4", "A5"] = Field(
        "A4", description="A4 (guide à agrafer) ou A5 (dépliant, A4 plié en deux)."
    )
    selection: Selection = Field(default_factory=Selection)
    pour_chaque: Literal["quartier"] | None = Field(
        None,
        title="Une brochure par…",
        description="quartier : une brochure pour chaque quartier de commune.yml qui a des "
        "activités (la sélection s'applique en plus). Réservé aux guides des activités.",
    )


class Brochures(Model):
    """``data/brochures.yml``: the PDF brochures to build."""

    brochures: list[Brochure] = Field(default_factory=list)
