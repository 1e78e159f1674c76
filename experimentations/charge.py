"""The team's workload: per coordinator, the experiments en préparation or en cours against
the capacity the Direction set. Public (the COPIL's care for the team is a public criterion):
a coordinator is named only if they chose to appear by name on their profile, otherwise
« Coordination 1 », « Coordination 2 »…

:func:`charge_de_l_equipe` is what ``/experimentations/`` shows, what ``gouvernance`` will show
on ``/gouvernance/`` and freeze, with :meth:`ChargeEquipe.instantane`, in each COPIL session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from experimentations.models import STATUTS_EN_CHARGE, Capacite, Experimentation
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne
from tilab.requetes import compte_correle


@dataclass(frozen=True)
class ChargeCoordination:
    nom: str
    en_charge: int
    capacite: int | None
    personne_id: int | None = None

    @property
    def depasse(self) -> bool:
        return self.capacite is not None and self.en_charge > self.capacite

    @property
    def taux(self) -> int | None:
        """The load as a percentage of the capacity (None without a capacity)."""
        if not self.capacite:
            return None
        return round(100 * self.en_charge / self.capacite)


@dataclass(frozen=True)
class ChargeEquipe:
    lignes: tuple[ChargeCoordination, ...]

    @property
    def total_en_charge(self) -> int:
        return sum(ligne.en_charge for ligne in self.lignes)

    @property
    def total_capacite(self) -> int:
        return sum(ligne.capacite or 0 for ligne in self.lignes)

    @property
    def nb_en_depassement(self) -> int:
        return sum(1 for ligne in self.lignes if ligne.depasse)

    def instantane(self) -> dict[str, Any]:
        """The load as plain data (for a COPIL session to keep as it was that day); no
        personal id leaves, only the names the people chose to show."""
        return {
            "lignes": [
                {k: v for k, v in asdict(ligne).items() if k != "personne_id"}
                for ligne in self.lignes
            ],
            "total_en_charge": self.total_en_charge,
            "total_capacite": self.total_capacite,
        }


def charge_de_l_equipe() -> ChargeEquipe:
    """One query: the people holding the Coordination role or coordinating an experiment that
    weighs on the load, each with their count and their latest capacity."""
    capacite = Capacite.objects.filter(coordinateur=OuterRef("pk")).order_by("-depuis", "-pk")
    coordination = Personne.objects.ayant_un_role(regles_comptes.COORDINATION).values("pk")
    personnes = (
        # One IN over the union of both lists of people, read through the primary key: an OR
        # of two INs made PostgreSQL test every account.
        Personne.objects.filter(
            pk__in=coordination.union(Experimentation.objects.en_charge().values("coordinateur_id"))
        )
        .annotate(
            nb_en_charge=compte_correle(
                Experimentation, "coordinateur", filtre=Q(statut__in=STATUTS_EN_CHARGE)
            ),
            capacite_nombre=Subquery(capacite.values("nombre")[:1]),
        )
        .only("pk", "first_name", "last_name", "email", "profil_public")
        .order_by("pk")
    )
    lignes = []
    anonymes = 0
    for personne in personnes:
        if personne.profil_public and personne.get_full_name().strip():
            nom = personne.get_full_name()
        else:
            anonymes += 1
            nom = f"Coordination {anonymes}"
        lignes.append(
            ChargeCoordination(
                nom=nom,
                en_charge=int(personne.nb_en_charge),  # type: ignore[attr-defined]
                capacite=personne.capacite_nombre,  # type: ignore[attr-defined]
                personne_id=personne.pk,
            )
        )
    return ChargeEquipe(lignes=tuple(lignes))
