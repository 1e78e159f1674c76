"""Who is e-mailed at each step, after the commit, and what the messages never say."""

import email
import email.policy

import pytest
from django.core import mail
from django.utils import timezone

from problematiques.models import Statut, TypeTransition
from problematiques.services import (
    SOURCES_LEGALES,
    problematique_assigner_referent,
    problematique_cloturer,
    problematique_ouvrir,
    problematique_qualifier,
    problematique_signaler,
)
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory
from tests.problematiques.test_services_transitions import appliquer
from tilab.comptes.models import Territoire


@pytest.mark.django_db
def test_a_public_step_emails_the_author_and_supporters_after_commit(
    coordination, django_capture_on_commit_callbacks
):
    p = ProblematiqueFactory(publiee=True)
    soutiens = [SoutienFactory(problematique=p) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=False) as rappels:
        problematique_cloturer(
            problematique=p, par=coordination, commentaire_public="Hors du champ du Ti Lab."
        )
    assert mail.outbox == []
    for rappel in rappels:
        rappel()
    attendus = {p.auteur.email, *(s.personne.email for s in soutiens)}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(attendus)
    message = mail.outbox[0]
    assert "Hors du champ du Ti Lab." in message.body
    assert f"/problematiques/{p.slug}/" in message.body
    assert len(message.to) == 1  # nobody sees the other recipients


def _message_de_tri(auteur, titre, rappels):
    """The message to the Coordination when ``auteur`` reports ``titre``."""
    PersonneFactory(roles=["Coordination"])
    with rappels(execute=True):
        problematique_signaler(
            auteur=auteur,
            titre=titre,
            constat="Depuis la fermeture de la ligne de car, plus rien.",
            publics_concernes="Les hameaux.",
            deja_tente="",
            territoires=[Territoire.objects.get(slug="finistere")],
            themes=[],
            organisation=None,
        )
    (tri,) = [m for m in mail.outbox if m.to != [auteur.email]]
    return tri


@pytest.mark.django_db
def test_the_triage_subject_ends_with_the_title_and_its_guillemet(
    relais, django_capture_on_commit_callbacks
):
    titre = "Les habitants sans voiture ne peuvent pas se rendre aux consultations"

    tri = _message_de_tri(relais, titre, django_capture_on_commit_callbacks)

    brut = tri.message(policy=email.policy.SMTP).as_bytes()
    recu = email.message_from_bytes(brut, policy=email.policy.default)["Subject"]
    assert recu == f"Nouvelle problématique à trier : « {titre} »"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prenom", "nom", "attendu"),
    [
        ("", "", "Remontée par\u00a0: sans-nom@exemple.fr\n"),
        ("Gwenola", "Le Goff", "Remontée par\u00a0: Gwenola Le Goff <sans-nom@exemple.fr>\n"),
    ],
)
def test_the_triage_e_mail_names_the_author_once(
    django_capture_on_commit_callbacks, prenom, nom, attendu
):
    auteur = PersonneFactory(email="sans-nom@exemple.fr", first_name=prenom, last_name=nom)

    tri = _message_de_tri(
        auteur, "Pas de car pour la maison de santé", django_capture_on_commit_callbacks
    )

    assert attendu in tri.body


@pytest.mark.django_db
def test_qualifying_emails_the_author_only(coordination, django_capture_on_commit_callbacks):
    p = ProblematiqueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        problematique_qualifier(problematique=p, par=coordination, commentaire_public="Parlons-en.")
    assert [m.to for m in mail.outbox] == [[p.auteur.email]]
    assert "/problematiques/mes-remontees/" in mail.outbox[0].body


@pytest.mark.django_db
def test_publishing_tells_the_author(coordination, django_capture_on_commit_callbacks):
    p = ProblematiqueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        problematique_ouvrir(problematique=p, par=coordination)
    assert [m.to for m in mail.outbox] == [[p.auteur.email]]
    assert "Ouverte" in mail.outbox[0].body


@pytest.mark.django_db
def test_assigning_a_referent_emails_nobody(coordination, django_capture_on_commit_callbacks):
    p = ProblematiqueFactory(publiee=True)
    SoutienFactory(problematique=p)
    with django_capture_on_commit_callbacks(execute=True):
        problematique_assigner_referent(problematique=p, par=coordination, referent=coordination)
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("type_", list(SOURCES_LEGALES))
def test_internal_notes_never_appear_in_an_email(
    coordination, type_, django_capture_on_commit_callbacks
):
    p = ProblematiqueFactory(statut=Statut.OUVERTE, publiee_le=timezone.now())
    SoutienFactory(problematique=p, personne=PersonneFactory())
    source = (
        ProblematiqueFactory() if type_ in {TypeTransition.QUALIFIER, TypeTransition.OUVRIR} else p
    )
    if Statut.CANDIDATE in SOURCES_LEGALES[type_]:
        source.statut = Statut.CANDIDATE
        source.save(update_fields=["statut"])
    with django_capture_on_commit_callbacks(execute=True):
        appliquer(type_, source, coordination)
    assert bool(mail.outbox) is (type_ is not TypeTransition.ASSIGNER_REFERENT)
    for message in mail.outbox:
        contenu = message.subject + message.body + "".join(str(a[0]) for a in message.alternatives)
        assert "NOTE-SECRETE" not in contenu


@pytest.mark.django_db
def test_the_html_version_escapes_what_people_typed(
    coordination, django_capture_on_commit_callbacks
):
    p = ProblematiqueFactory(publiee=True, titre="<script>alert(1)</script> Bus")
    with django_capture_on_commit_callbacks(execute=True):
        problematique_cloturer(
            problematique=p,
            par=coordination,
            commentaire_public="**Hors champ** <img src=x onerror=alert(2)>",
        )
    (message,) = mail.outbox
    html, type_mime = message.alternatives[0]
    assert type_mime == "text/html"
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>Hors champ</strong>" in html
    assert "<script>alert(1)</script> Bus" in message.subject  # plain text is not escaped
