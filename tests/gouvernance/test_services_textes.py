"""The theory of transformation's versions: drafting, consultation, publication, CODIR's
opinion, and a published version that neither the code nor the database lets change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, ProgrammingError, transaction
from django.utils import timezone

from gouvernance.models import AvisCodir, StatutVersion, VersionTheorie
from gouvernance.services import textes as services

pytestmark = pytest.mark.django_db


def aujourd_hui():
    return timezone.localdate()


def publiee(par, texte="Le laboratoire transforme **avec** les agents."):
    version = services.theorie_rediger(par=par, texte=texte)
    return services.theorie_publier(par=par, version=version)


def test_a_version_goes_from_draft_to_consultation_to_published(coordination):
    v = services.theorie_rediger(par=coordination, texte="Première version\x1b.")
    assert (v.numero, v.statut, v.texte) == (1, StatutVersion.BROUILLON, "Première version.")
    v = services.theorie_modifier(par=coordination, version=v, texte="Première version, revue.")
    v = services.theorie_ouvrir_consultation(
        par=coordination, version=v, debut=aujourd_hui(), fin=aujourd_hui() + timedelta(days=30)
    )
    assert v.statut == StatutVersion.EN_CONSULTATION
    v = services.theorie_publier(par=coordination, version=v)
    assert v.statut == StatutVersion.PUBLIEE and v.publiee_le is not None
    assert VersionTheorie.objects.en_vigueur() == v


def test_a_new_draft_starts_from_the_version_in_force_and_takes_the_next_number(coordination):
    v1 = publiee(coordination)
    v2 = services.theorie_rediger(par=coordination)
    assert (v2.numero, v2.texte) == (2, v1.texte)
    assert VersionTheorie.objects.en_vigueur() == v1  # a draft is not in force


def test_a_consultation_ends_after_it_starts(coordination):
    v = services.theorie_rediger(par=coordination, texte="Texte")
    with pytest.raises(services.TexteImpossible) as exc:
        services.theorie_ouvrir_consultation(
            par=coordination, version=v, debut=aujourd_hui(), fin=aujourd_hui() - timedelta(1)
        )
    assert "consultation_fin" in exc.value.message_dict


def test_a_published_version_is_not_rewritten_by_the_services(coordination):
    v = publiee(coordination)
    with pytest.raises(services.TexteImpossible):
        services.theorie_modifier(par=coordination, version=v, texte="Autre chose")
    with pytest.raises(services.TexteImpossible):
        services.theorie_publier(par=coordination, version=v)


def test_the_database_refuses_to_change_or_delete_a_published_version(coordination):
    v = publiee(coordination)
    with pytest.raises(ProgrammingError, match="gouvernance_versiontheorie"), transaction.atomic():
        VersionTheorie.objects.filter(pk=v.pk).update(texte="Réécrit en douce")
    with pytest.raises(ProgrammingError, match="gouvernance_versiontheorie"), transaction.atomic():
        VersionTheorie.objects.filter(pk=v.pk).delete()
    v.refresh_from_db()
    assert v.texte.startswith("Le laboratoire")
    # A draft still changes freely.
    brouillon = services.theorie_rediger(par=coordination, texte="Brouillon")
    VersionTheorie.objects.filter(pk=brouillon.pk).update(texte="Brouillon revu")


def test_codir_records_its_opinion_once_with_its_reasons(coordination, persona):
    v = publiee(coordination)
    codir = persona("codir")
    with pytest.raises(services.TexteImpossible) as exc:
        services.avis_codir_enregistrer(
            par=codir, version=v, valide=True, le=aujourd_hui(), motifs=""
        )
    assert "motifs" in exc.value.message_dict
    avis = services.avis_codir_enregistrer(
        par=codir, version=v, valide=True, le=aujourd_hui(), motifs="Conforme au cadre."
    )
    assert avis.valide and avis.enregistre_par == codir
    with pytest.raises(ProgrammingError, match="gouvernance_aviscodir"), transaction.atomic():
        AvisCodir.objects.filter(pk=avis.pk).update(valide=False)


def test_codir_speaks_only_on_a_published_version(coordination, persona):
    v = services.theorie_rediger(par=coordination, texte="Texte")
    with pytest.raises(services.TexteImpossible):
        services.avis_codir_enregistrer(
            par=persona("codir"), version=v, valide=False, le=aujourd_hui(), motifs="Trop tôt."
        )


@pytest.mark.parametrize(
    ("nom", "redige", "avise"),
    [
        ("relais", False, False),
        ("direction", True, False),
        ("coordination", True, False),
        ("animation", False, False),
        ("documentation", False, False),
        ("recherche", False, False),
        ("copil", False, False),
        ("codir", False, True),
    ],
)
def test_who_drafts_and_who_records_codir_s_opinion(nom, redige, avise, persona, coordination):
    par = persona(nom)
    if redige:
        services.theorie_rediger(par=par, texte="Texte")
    else:
        with pytest.raises(services.TexteImpossible):
            services.theorie_rediger(par=par, texte="Texte")
    v = publiee(coordination)
    if avise:
        services.avis_codir_enregistrer(
            par=par, version=v, valide=True, le=aujourd_hui(), motifs="Oui."
        )
    else:
        with pytest.raises(services.TexteImpossible):
            services.avis_codir_enregistrer(
                par=par, version=v, valide=True, le=aujourd_hui(), motifs="Oui."
            )


def test_the_numbers_are_unique_in_the_database(coordination):
    publiee(coordination)
    with pytest.raises(IntegrityError), transaction.atomic():
        VersionTheorie.objects.create(numero=1, texte="Doublon")


def test_an_author_may_delete_their_account_and_the_published_text_stays(coordination, persona):
    redactrice = persona("direction")
    v = publiee(redactrice)
    avis = services.avis_codir_enregistrer(
        par=persona("codir"), version=v, valide=True, le=aujourd_hui(), motifs="Oui."
    )
    redactrice.delete()
    persona("codir").delete()
    v.refresh_from_db()
    avis.refresh_from_db()
    assert v.redigee_par is None and v.statut == StatutVersion.PUBLIEE
    assert avis.enregistre_par is None and avis.valide
