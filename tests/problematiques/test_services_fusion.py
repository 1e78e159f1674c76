"""Merging a duplicate: supports and followers move to the target, both authors are told."""

import pytest
from django.core import mail

from problematiques.models import Soutien, Statut, Suivi, TypeTransition
from problematiques.services import problematique_fusionner
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory


@pytest.mark.django_db
def test_merging_moves_supports_and_followers_and_tells_both_authors(
    coordination, django_capture_on_commit_callbacks
):
    source = ProblematiqueFactory(publiee=True)
    cible = ProblematiqueFactory(publiee=True)
    nouveau = PersonneFactory()
    deja = PersonneFactory()
    SoutienFactory(problematique=source, personne=nouveau)
    SoutienFactory(problematique=source, personne=deja)
    SoutienFactory(problematique=cible, personne=deja)
    # The target's author supported the duplicate: they cannot support their own problem.
    SoutienFactory(problematique=source, personne=cible.auteur)

    with django_capture_on_commit_callbacks(execute=True):
        problematique_fusionner(
            problematique=source,
            cible=cible,
            par=coordination,
            commentaire_public="Même problème.",
            note_interne="NOTE-SECRETE",
        )

    source.refresh_from_db()
    assert source.statut == Statut.CLOTUREE and source.fusionnee_dans == cible
    assert not source.soutiens.exists() and not source.suivis.exists()
    assert set(Soutien.objects.filter(problematique=cible).values_list("personne", flat=True)) == {
        nouveau.pk,
        deja.pk,
    }
    suiveurs = set(Suivi.objects.filter(problematique=cible).values_list("personne", flat=True))
    assert {source.auteur_id, cible.auteur_id, nouveau.pk, deja.pk} <= suiveurs
    assert source.transitions.get().type == TypeTransition.FUSIONNER
    assert cible.transitions.get().type == TypeTransition.FUSIONNER
    cible.refresh_from_db()
    assert cible.statut == Statut.OUVERTE
    # The counters follow the supports that moved and those that were dropped.
    assert (source.nb_soutiens, cible.nb_soutiens) == (0, 2)

    destinataires = {m.to[0] for m in mail.outbox}
    assert {source.auteur.email, cible.auteur.email, nouveau.email} <= destinataires
    for message in mail.outbox:
        assert "NOTE-SECRETE" not in message.subject + message.body
    message_source = next(m for m in mail.outbox if m.to == [source.auteur.email])
    assert cible.titre in message_source.body
    assert "Même problème." in message_source.body


@pytest.mark.django_db
def test_a_target_waiting_for_an_answer_still_waits_after_a_merge(coordination):
    source = ProblematiqueFactory()
    cible = ProblematiqueFactory()
    problematique_fusionner(problematique=source, cible=cible, par=coordination)
    source.refresh_from_db()
    cible.refresh_from_db()
    assert source.repondue_le is not None
    assert cible.repondue_le is None
    assert cible.statut == Statut.SOUMISE
