"""Models and querysets of problems: search ignores accents, territories include descendants."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from problematiques.models import Problematique, Soutien
from tests.factories import PersonneFactory, TerritoireFactory
from tilab.comptes.models import Territoire


def creer(**champs):
    valeurs = {
        "titre": "Un problème",
        "constat": "Un constat",
        "publics_concernes": "Des habitants",
    } | champs
    valeurs.setdefault("slug", f"p-{Problematique.objects.count()}")
    return Problematique.objects.create(**valeurs)


@pytest.mark.django_db
def test_french_search_ignores_accents_and_case():
    ecole = creer(titre="Fermeture de l'École de Plouër", publiee_le=timezone.now())
    creer(titre="Transport à la demande", publiee_le=timezone.now())
    assert list(Problematique.objects.recherche("ecole")) == [ecole]
    assert list(Problematique.objects.recherche("PLOUER")) == [ecole]


@pytest.mark.django_db
def test_search_uses_the_gin_index_column():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'problematique_recherche_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower()
    assert "vecteur_recherche" in definition


@pytest.mark.django_db
def test_a_departement_includes_its_epci_and_communes():
    ille = Territoire.objects.get(type="departement", code="35")
    morbihan = Territoire.objects.get(type="departement", code="56")
    epci = TerritoireFactory(type="epci", parent=ille, code="")
    commune = TerritoireFactory(type="commune", parent=epci)
    ailleurs = TerritoireFactory(
        type="commune", parent=TerritoireFactory(type="epci", parent=morbihan, code="")
    )
    dans_commune = creer()
    dans_commune.territoires.add(commune)
    dans_ille = creer()
    dans_ille.territoires.add(ille)
    hors = creer()
    hors.territoires.add(ailleurs)
    trouves = set(Problematique.objects.sur_territoire(ille))
    assert trouves == {dans_commune, dans_ille}
    assert set(Problematique.objects.sur_territoire(epci)) == {dans_commune}


@pytest.mark.django_db
def test_drafts_are_not_public():
    brouillon = creer()
    publiee = creer(publiee_le=timezone.now())
    assert list(Problematique.objects.publiques()) == [publiee]
    assert brouillon not in Problematique.objects.visibles_par(PersonneFactory())


@pytest.mark.django_db
def test_one_support_per_person_is_a_database_constraint():
    probleme = creer(publiee_le=timezone.now())
    personne = PersonneFactory()
    Soutien.objects.create(problematique=probleme, personne=personne)
    with pytest.raises(IntegrityError):
        Soutien.objects.create(problematique=probleme, personne=personne)
