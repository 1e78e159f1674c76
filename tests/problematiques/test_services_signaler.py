"""Reporting a problem: a unique slug, a first step, the author follows, two e-mails."""

import pytest
from django.core import mail

from problematiques.models import Statut, Suivi, TypeTransition
from problematiques.services import problematique_signaler
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory, ThemeFactory


def signaler(auteur, titre="L'école de Plouër ferme le mercredi"):
    return problematique_signaler(
        auteur=auteur,
        titre=titre,
        constat="Les familles n'ont plus de solution de garde.",
        publics_concernes="Une quarantaine de familles.",
        deja_tente="Un centre de loisirs intercommunal, trop loin.",
        territoires=[TerritoireFactory()],
        themes=[ThemeFactory()],
        organisation=OrganisationFactory(),
    )


@pytest.mark.django_db
def test_a_report_starts_submitted_with_a_private_first_step(relais):
    p = signaler(relais)
    assert p.statut == Statut.SOUMISE
    assert p.slug == "lecole-de-plouer-ferme-le-mercredi"
    assert p.publiee_le is None
    (etape,) = p.transitions.all()
    assert etape.type == TypeTransition.SOUMETTRE
    assert etape.auteur == relais
    assert not etape.publique
    assert Suivi.objects.filter(problematique=p, personne=relais).exists()
    assert p.territoires.count() == 1 and p.themes.count() == 1


@pytest.mark.django_db
def test_two_reports_with_the_same_title_get_distinct_slugs(relais):
    slugs = {signaler(relais, titre="Même titre").slug for _ in range(3)}
    assert slugs == {"meme-titre", "meme-titre-2", "meme-titre-3"}


@pytest.mark.django_db
def test_a_report_s_slug_never_shadows_a_fixed_path(relais):
    assert signaler(relais, titre="Signaler").slug == "signaler-2"
    assert signaler(relais, titre="Mes remontées").slug == "mes-remontees-2"
    assert signaler(relais, titre="!!!").slug == "problematique"


@pytest.mark.django_db
def test_author_and_active_coordination_are_emailed_after_commit(
    relais, persona, django_capture_on_commit_callbacks
):
    coordination = persona("coordination")
    PersonneFactory(email="partie@tilab.test", roles=["Coordination"], is_active=False)
    persona("animation")
    with django_capture_on_commit_callbacks(execute=False) as rappels:
        p = signaler(relais)
    assert mail.outbox == []  # nothing leaves before the commit
    for rappel in rappels:
        rappel()
    destinataires = sorted(m.to[0] for m in mail.outbox)
    assert destinataires == sorted([relais.email, coordination.email])
    accuse = next(m for m in mail.outbox if m.to == [relais.email])
    assert "15\u00a0jours ouvrés" in accuse.body
    assert "L'école de Plouër" in accuse.subject  # no HTML escaping in plain text
    equipe = next(m for m in mail.outbox if m.to == [coordination.email])
    assert f"/admin/problematiques/problematique/{p.pk}/change/" in equipe.body


@pytest.mark.django_db
@pytest.mark.parametrize("titre", ["Signaler", "Mes remontées"])
def test_a_slug_never_shadows_a_fixed_page(relais, titre):
    p = signaler(relais, titre=titre)
    assert p.slug.endswith("-2")
