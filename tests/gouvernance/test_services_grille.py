"""The selection grid's versions: criteria and scales written on a draft, copied into the next
version, frozen once published (by the services and by the database)."""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, transaction

from gouvernance.models import Critere, NiveauEchelle, StatutVersion, VersionGrille
from gouvernance.services import grille as services
from gouvernance.services import textes as services_textes
from gouvernance.services.grille import CritereSaisi

pytestmark = pytest.mark.django_db

ECHELLE = [(0, "Absent"), (1, "Partiel"), (2, "Établi")]
CRITERES = [
    CritereSaisi("Portée par le terrain", 3, ECHELLE, "Des agents la portent."),
    CritereSaisi("Territoire prêt", 2, ECHELLE),
]


@pytest.fixture
def theorie(coordination):
    v = services_textes.theorie_rediger(par=coordination, texte="Transformer avec le terrain.")
    return services_textes.theorie_publier(par=coordination, version=v)


def test_a_grid_follows_a_published_theory(coordination):
    with pytest.raises(services_textes.TexteImpossible) as exc:
        services.grille_rediger(par=coordination)
    assert "theorie" in exc.value.message_dict


def test_criteria_and_scales_are_written_on_a_draft_then_published(coordination, theorie):
    v = services.grille_rediger(par=coordination)
    services.grille_ecrire(par=coordination, version=v, criteres=CRITERES)
    assert [(c.ordre, c.libelle, c.poids) for c in v.criteres.all()] == [
        (1, "Portée par le terrain", 3),
        (2, "Territoire prêt", 2),
    ]
    assert NiveauEchelle.objects.filter(critere__grille=v).count() == 6
    v = services.grille_publier(par=coordination, version=v)
    assert VersionGrille.objects.en_vigueur() == v


@pytest.mark.parametrize(
    ("criteres", "message"),
    [
        ([], "au moins un critère"),
        ([CritereSaisi("Seul", 0, ECHELLE)], "un poids entre 1 et 100"),
        ([CritereSaisi("Court", 1, [(0, "Non")])], "au moins deux niveaux"),
        ([CritereSaisi("Double", 1, [(0, "Non"), (0, "Oui")])], "sa propre valeur"),
        ([CritereSaisi("A", 1, ECHELLE), CritereSaisi("A", 2, ECHELLE)], "même libellé"),
    ],
)
def test_bad_criteria_are_refused_with_a_message(coordination, theorie, criteres, message):
    v = services.grille_rediger(par=coordination)
    with pytest.raises(services_textes.TexteImpossible) as exc:
        services.grille_ecrire(par=coordination, version=v, criteres=criteres)
    assert message in " ".join(exc.value.message_dict["criteres"])


def test_the_next_version_starts_from_the_grid_in_force(coordination, theorie):
    v1 = services.grille_rediger(par=coordination)
    services.grille_ecrire(par=coordination, version=v1, criteres=CRITERES)
    services.grille_publier(par=coordination, version=v1)
    v2 = services.grille_rediger(par=coordination)
    assert v2.numero == 2 and v2.statut == StatutVersion.BROUILLON
    assert [c.libelle for c in v2.criteres.all()] == ["Portée par le terrain", "Territoire prêt"]
    assert NiveauEchelle.objects.filter(critere__grille=v2).count() == 6
    # The draft changes; the published one does not.
    services.grille_ecrire(par=coordination, version=v2, criteres=CRITERES[:1])
    assert v1.criteres.count() == 2


def test_a_published_grid_its_criteria_and_levels_refuse_any_change_in_the_database(
    coordination, theorie
):
    v = services.grille_rediger(par=coordination)
    services.grille_ecrire(par=coordination, version=v, criteres=CRITERES)
    services.grille_publier(par=coordination, version=v)
    critere = v.criteres.first()
    niveau = NiveauEchelle.objects.filter(critere=critere).first()
    tentatives = [
        lambda: Critere.objects.filter(pk=critere.pk).update(poids=10),
        lambda: Critere.objects.filter(pk=critere.pk).delete(),
        lambda: Critere.objects.create(grille=v, ordre=9, libelle="Ajouté", poids=1),
        lambda: NiveauEchelle.objects.filter(pk=niveau.pk).update(libelle="Autre"),
        lambda: NiveauEchelle.objects.create(critere=critere, valeur=7, libelle="Ajouté"),
        lambda: VersionGrille.objects.filter(pk=v.pk).update(note_de_version="Réécrit"),
    ]
    for tentative in tentatives:
        with pytest.raises(ProgrammingError, match="Cannot"), transaction.atomic():
            tentative()
    with pytest.raises(services_textes.TexteImpossible):
        services.grille_ecrire(par=coordination, version=v, criteres=CRITERES)
    critere.refresh_from_db()
    assert critere.poids == 3


@pytest.mark.parametrize(
    "nom", ["relais", "animation", "documentation", "recherche", "copil", "codir"]
)
def test_only_the_direction_and_the_coordination_write_the_grid(nom, persona, theorie):
    with pytest.raises(services_textes.TexteImpossible):
        services.grille_rediger(par=persona(nom))


@pytest.mark.parametrize("modele", ["theorie", "grille"])
def test_a_consultation_ending_before_it_starts_is_refused_by_the_database(
    modele, coordination, theorie
):
    from datetime import date

    from django.db import IntegrityError

    from gouvernance.models import VersionTheorie

    version = (
        services.grille_rediger(par=coordination)
        if modele == "grille"
        else services_textes.theorie_rediger(par=coordination, texte="Une suite.")
    )
    classe = VersionGrille if modele == "grille" else VersionTheorie
    with pytest.raises(IntegrityError, match="consultation_dans_l_ordre"), transaction.atomic():
        classe.objects.filter(pk=version.pk).update(
            consultation_debut=date(2026, 5, 2), consultation_fin=date(2026, 5, 1)
        )


def test_a_draft_grid_is_read_afresh_and_a_published_one_once(
    coordination, theorie, django_assert_num_queries
):
    v = services.grille_rediger(par=coordination)
    services.grille_ecrire(par=coordination, version=v, criteres=CRITERES[:1])
    assert [c.libelle for c in v.criteres_avec_niveaux()] == ["Portée par le terrain"]
    services.grille_ecrire(par=coordination, version=v, criteres=CRITERES)
    assert len(v.criteres_avec_niveaux()) == 2  # a draft changes: never kept
    v = services.grille_publier(par=coordination, version=v)
    premiers = v.criteres_avec_niveaux()
    with django_assert_num_queries(0):
        criteres = v.criteres_avec_niveaux()
    assert criteres is premiers
    assert [[n.valeur for n in c.niveaux.all()] for c in criteres] == [[0, 1, 2], [0, 1, 2]]
