"""The two drawings of the experiments' pages, as accessible SVG like ``tilab.graphiques``:
the phases of an experiment on a time line (planned against actual), and the team's load
against each coordinator's capacity.

No inline style (the CSP forbids them): colours and strokes come from CSS classes in
``static/css/tilab.css`` (section « Expérimentations »). Coordinates are written as SVG numbers
here, so that templates do not localise them. Each drawing is one image with a title and a
description; its template always puts the same figures in a table beside it, and says in words
what the drawing shows by shape (a planned phase is outlined, an actual one filled; a load
beyond capacity is written « au-delà de la capacité »).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from experimentations.charge import ChargeCoordination
from experimentations.models import PhaseExperimentation
from tilab.dates import date_francaise


def nombre_svg(valeur: float) -> str:
    """A number as SVG reads it: a dot for decimals, no grouping, whatever the locale."""
    return f"{round(valeur, 1):g}"


# --- The phases on a time line ---------------------------------------------------------------

LARGEUR = 640
MARGE_LIBELLES = 200
MARGE_DROITE = 16
HAUT_AXE = 28
HAUTEUR_BARRE = 11
ECART_BARRES = 3
ESPACE_PHASES = 16


@dataclass(frozen=True)
class Segment:
    x: str
    largeur: str
    y: str
    # A phase started and not ended yet: the bar stops at today, open.
    ouvert: bool = False


@dataclass(frozen=True)
class LignePhase:
    libelle: str
    y_texte: str
    prevu: Segment
    reel: Segment | None


@dataclass(frozen=True)
class Graduation:
    x: str
    libelle: str


@dataclass(frozen=True)
class FrisePhases:
    identifiant: str
    titre: str
    description: str
    lignes: tuple[LignePhase, ...]
    graduations: tuple[Graduation, ...]
    largeur: str
    hauteur: str
    x_libelles: str
    x_debut: str
    x_fin: str
    y_axe: str
    hauteur_barre: str
    x_aujourd_hui: str | None


def _periode(debut: date | None, fin: date | None, *, en_cours: bool = False) -> str:
    if debut is None:
        return "pas commencée"
    if fin is None:
        return f"commencée le {date_francaise(debut, 'j F Y')}" + (", en cours" if en_cours else "")
    return f"du {date_francaise(debut, 'j F Y')} au {date_francaise(fin, 'j F Y')}"


def description_phase(phase: PhaseExperimentation) -> str:
    """A phase in words: planned, then actual."""
    return (
        f"{phase.get_type_display()} : prévue {_periode(phase.debut_prevu, phase.fin_prevue)}, "
        f"réelle {_periode(phase.debut_reel, phase.fin_reelle, en_cours=True)}"
    )


def frise_phases(
    phases: Sequence[PhaseExperimentation], *, aujourd_hui: date, identifiant: str = "frise-phases"
) -> FrisePhases | None:
    """The phases, in the order given, each as two bars on one time line: the planned dates
    (outlined) above the actual ones (filled; open up to today while the phase runs). None
    without a phase."""
    if not phases:
        return None
    dates: list[date] = []
    for phase in phases:
        dates += [phase.debut_prevu, phase.fin_prevue]
        if phase.debut_reel:
            dates.append(phase.debut_reel)
            dates.append(phase.fin_reelle or max(aujourd_hui, phase.debut_reel))
    debut, fin = min(dates), max(dates)
    if (fin - debut).days < 30:
        fin = debut + timedelta(days=30)
    place = LARGEUR - MARGE_LIBELLES - MARGE_DROITE
    jours = (fin - debut).days

    def x(jour: date) -> float:
        return MARGE_LIBELLES + place * (jour - debut).days / jours

    def segment(de: date, a: date, y: float, *, ouvert: bool = False) -> Segment:
        # A phase of one day is still seen: at least 3 units wide.
        return Segment(
            x=nombre_svg(x(de)),
            largeur=nombre_svg(max(x(a) - x(de), 3)),
            y=nombre_svg(y),
            ouvert=ouvert,
        )

    lignes = []
    for rang, phase in enumerate(phases):
        y = HAUT_AXE + rang * (2 * HAUTEUR_BARRE + ECART_BARRES + ESPACE_PHASES)
        reel = None
        if phase.debut_reel:
            ouvert = phase.fin_reelle is None
            reel = segment(
                phase.debut_reel,
                phase.fin_reelle or max(aujourd_hui, phase.debut_reel),
                y + HAUTEUR_BARRE + ECART_BARRES,
                ouvert=ouvert,
            )
        lignes.append(
            LignePhase(
                libelle=str(phase.get_type_display()),
                y_texte=nombre_svg(y + HAUTEUR_BARRE + ECART_BARRES / 2 + 4),
                prevu=segment(phase.debut_prevu, phase.fin_prevue, y),
                reel=reel,
            )
        )
    hauteur = HAUT_AXE + len(phases) * (2 * HAUTEUR_BARRE + ECART_BARRES + ESPACE_PHASES)
    description = (
        "Pour chaque phase, la barre du haut, vide, montre les dates prévues ; celle du bas, "
        "pleine, les dates réelles. "
        + " ; ".join(description_phase(phase) for phase in phases)
        + "."
    )
    return FrisePhases(
        identifiant=identifiant,
        titre="Les phases de l'expérimentation : prévu et réel",
        description=description,
        lignes=tuple(lignes),
        graduations=tuple(
            Graduation(x=nombre_svg(x(jour)), libelle=libelle)
            for jour, libelle in _graduations(debut, fin)
        ),
        largeur=nombre_svg(LARGEUR),
        hauteur=nombre_svg(hauteur),
        x_libelles=nombre_svg(MARGE_LIBELLES - 8),
        x_debut=nombre_svg(MARGE_LIBELLES),
        x_fin=nombre_svg(LARGEUR - MARGE_DROITE),
        y_axe=nombre_svg(HAUT_AXE - 6),
        hauteur_barre=nombre_svg(HAUTEUR_BARRE),
        x_aujourd_hui=nombre_svg(x(aujourd_hui)) if debut <= aujourd_hui <= fin else None,
    )


# The usual French abbreviations (Django's "M" writes « Avr », « Jui »…).
MOIS_ABREGES = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
]  # fmt: skip


def _graduations(debut: date, fin: date) -> Iterable[tuple[date, str]]:
    """Ticks that do not crowd the axis: each month on a short span, each quarter on a
    middle one, each year on a long one."""
    jours = (fin - debut).days
    if jours > 540:
        for annee in range(debut.year + 1, fin.year + 1):
            yield date(annee, 1, 1), str(annee)
        return
    pas = 1 if jours <= 200 else 3
    mois = date(debut.year, debut.month, 1)
    while mois <= fin:
        if mois >= debut and (mois.month - 1) % pas == 0:
            libelle = MOIS_ABREGES[mois.month - 1]
            yield mois, f"{libelle} {mois.year}" if mois.month == 1 or pas > 1 else libelle
        mois = date(mois.year + mois.month // 12, mois.month % 12 + 1, 1)


# --- The team's load against capacity -------------------------------------------------------

LARGEUR_CHARGE = 640
MARGE_NOMS = 190
MARGE_VALEURS = 170
HAUTEUR_CHARGE = 24
ESPACE_CHARGE = 14


@dataclass(frozen=True)
class BarreCharge:
    libelle: str
    valeur_affichee: str
    depasse: bool
    y: str
    largeur: str
    y_texte: str
    x_valeur: str
    # The capacity's mark across the bar (None when no capacity is set).
    x_capacite: str | None
    y1_capacite: str
    y2_capacite: str


@dataclass(frozen=True)
class GraphiqueCharge:
    identifiant: str
    titre: str
    description: str
    barres: tuple[BarreCharge, ...]
    largeur: str
    hauteur: str
    x_barres: str
    x_libelles: str
    hauteur_barre: str


def situation(ligne: ChargeCoordination) -> str:
    """The load against the capacity, in words (the chart's text and the table's column)."""
    if ligne.capacite is None:
        return "capacité non fixée"
    if ligne.depasse:
        return "au-delà de sa capacité"
    if ligne.en_charge == ligne.capacite:
        return "à sa capacité"
    return "en dessous de sa capacité"


def valeur_charge(ligne: ChargeCoordination) -> str:
    if ligne.capacite is None:
        return f"{ligne.en_charge} (capacité non fixée)"
    texte = f"{ligne.en_charge} sur {ligne.capacite}"
    return f"{texte}, au-delà" if ligne.depasse else texte


def graphique_charge(
    lignes: Sequence[ChargeCoordination], *, identifiant: str = "graphique-charge"
) -> GraphiqueCharge:
    """Per coordinator, a bar of the experiments they carry and a mark at their capacity."""
    maximum = max([1] + [max(ligne.en_charge, ligne.capacite or 0) for ligne in lignes])
    place = LARGEUR_CHARGE - MARGE_NOMS - MARGE_VALEURS
    barres = []
    for rang, ligne in enumerate(lignes):
        y = 8 + rang * (HAUTEUR_CHARGE + ESPACE_CHARGE)
        largeur = place * ligne.en_charge / maximum
        x_capacite_brut = place * (ligne.capacite or 0) / maximum
        x_capacite = (
            nombre_svg(MARGE_NOMS + place * ligne.capacite / maximum)
            if ligne.capacite is not None
            else None
        )
        barres.append(
            BarreCharge(
                libelle=ligne.nom,
                valeur_affichee=valeur_charge(ligne),
                depasse=ligne.depasse,
                y=nombre_svg(y),
                largeur=nombre_svg(largeur),
                y_texte=nombre_svg(y + HAUTEUR_CHARGE * 0.7),
                x_valeur=nombre_svg(MARGE_NOMS + max(largeur, x_capacite_brut) + 8),
                x_capacite=x_capacite,
                y1_capacite=nombre_svg(y - 4),
                y2_capacite=nombre_svg(y + HAUTEUR_CHARGE + 4),
            )
        )
    description = (
        "Pour chaque personne de la coordination, la barre montre les expérimentations en "
        "préparation ou en cours qu'elle mène, le trait vertical sa capacité. "
        + " ; ".join(f"{ligne.nom} : {valeur_charge(ligne)}" for ligne in lignes)
        + "."
    )
    hauteur = 16 + max(len(lignes), 1) * (HAUTEUR_CHARGE + ESPACE_CHARGE)
    return GraphiqueCharge(
        identifiant=identifiant,
        titre="Expérimentations menées par chaque personne de la coordination, face à sa capacité",
        description=description,
        barres=tuple(barres),
        largeur=nombre_svg(LARGEUR_CHARGE),
        hauteur=nombre_svg(hauteur),
        x_barres=nombre_svg(MARGE_NOMS),
        x_libelles=nombre_svg(MARGE_NOMS - 8),
        hauteur_barre=nombre_svg(HAUTEUR_CHARGE),
    )


# --- The phases as a table --------------------------------------------------------------------


@dataclass(frozen=True)
class LigneTableauPhase:
    phase: PhaseExperimentation
    prevue: str
    reelle: str
    ecart: str


def _jours(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


def ecart_phase(phase: PhaseExperimentation, aujourd_hui: date) -> str:
    """The actual dates against the planned ones, in words."""
    if phase.fin_reelle:
        retard = (phase.fin_reelle - phase.fin_prevue).days
        if retard == 0:
            return "terminée à la date prévue"
        sens = "après" if retard > 0 else "avant"
        return f"terminée {_jours(abs(retard))} {sens} la date prévue"
    if phase.debut_reel:
        decalage = (phase.debut_reel - phase.debut_prevu).days
        if decalage == 0:
            texte = "commencée à la date prévue"
        else:
            sens = "après" if decalage > 0 else "avant"
            texte = f"commencée {_jours(abs(decalage))} {sens} la date prévue"
        if aujourd_hui > phase.fin_prevue:
            texte += f" ; fin prévue dépassée de {_jours((aujourd_hui - phase.fin_prevue).days)}"
        return texte
    if aujourd_hui > phase.debut_prevu:
        return "pas encore commencée, début prévu dépassé"
    return "à venir"


def tableau_phases(
    phases: Sequence[PhaseExperimentation], aujourd_hui: date
) -> list[LigneTableauPhase]:
    return [
        LigneTableauPhase(
            phase=phase,
            prevue=_periode(phase.debut_prevu, phase.fin_prevue),
            reelle=_periode(phase.debut_reel, phase.fin_reelle, en_cours=True),
            ecart=ecart_phase(phase, aujourd_hui),
        )
        for phase in phases
    ]
