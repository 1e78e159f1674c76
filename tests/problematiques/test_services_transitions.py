"""Every step of the triage, for every role and from every state."""

import pytest
from django.core import mail
from django.utils import timezone

from problematiques.models import Problematique, Statut, Transition, TypeTransition
from problematiques.services import (
    SOURCES_LEGALES,
    TransitionInterdite,
    problematique_assigner_referent,
    problematique_cloturer,
    problematique_constituer_communaute,
    problematique_fusionner,
    problematique_orienter,
    problematique_ouvrir,
    problematique_presenter_au_copil,
    problematique_qualifier,
    problematique_recevoir_decision,
    problematique_retirer_du_copil,
    transitions_possibles,
)
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory

TRIEURS = {"direction", "coordination"}


def appliquer(type_, p, par, **extra):
    """Call the service of ``type_`` with valid arguments."""
    commun = {"problematique": p, "par": par, "note_interne": "NOTE-SECRETE"}
    if type_ is TypeTransition.QUALIFIER:
        return problematique_qualifier(**commun, commentaire_public="On en parle ensemble.")
    if type_ is TypeTransition.OUVRIR:
        return problematique_ouvrir(**commun, commentaire_public="Publiée.")
    if type_ is TypeTransition.ORIENTER:
        return problematique_orienter(
            **commun, vers="Conseil départemental", commentaire_public="C'est sa compétence."
        )
    if type_ is TypeTransition.CLOTURER:
        return problematique_cloturer(**commun, commentaire_public="Hors du champ du Ti Lab.")
    if type_ is TypeTransition.FUSIONNER:
        cible = extra.get("cible") or ProblematiqueFactory(publiee=True)
        return problematique_fusionner(**commun, cible=cible, commentaire_public="Doublon.")
    if type_ is TypeTransition.ASSIGNER_REFERENT:
        referent = PersonneFactory(roles=["Animation"], is_staff=True)
        return problematique_assigner_referent(**commun, referent=referent)
    if type_ is TypeTransition.CONSTITUER_COMMUNAUTE:
        # The step alone; forming the community itself: tests/communautes/test_constitution.py.
        return problematique_constituer_communaute(**commun, commentaire_public="Constituée.")
    # The COPIL's steps: who acts and the session are checked by gouvernance.services.copil
    # (tests/gouvernance/test_services_copil.py).
    copil = {"problematique": p, "par": par}
    if type_ is TypeTransition.PRESENTER_AU_COPIL:
        return problematique_presenter_au_copil(**copil, commentaire_public="À l'ordre du jour.")
    if type_ is TypeTransition.RETIRER_DU_COPIL:
        return problematique_retirer_du_copil(**copil, statut_apres=Statut.OUVERTE)
    if type_ is TypeTransition.DECISION_COPIL:
        return problematique_recevoir_decision(
            **copil, statut_apres=Statut.RETENUE, commentaire_public="Retenue : elle est mûre."
        )
    raise AssertionError(type_)


# Steps another app makes in its own transaction, after checking who acts.
ETAPES_D_AUTRES_APPS = {
    TypeTransition.CONSTITUER_COMMUNAUTE,
    TypeTransition.PRESENTER_AU_COPIL,
    TypeTransition.RETIRER_DU_COPIL,
    TypeTransition.DECISION_COPIL,
}


def creer(statut):
    publiee_le = None if statut in {Statut.SOUMISE, Statut.EN_QUALIFICATION} else timezone.now()
    return ProblematiqueFactory(statut=statut, publiee_le=publiee_le)


STATUT_APRES = {
    TypeTransition.QUALIFIER: Statut.EN_QUALIFICATION,
    TypeTransition.OUVRIR: Statut.OUVERTE,
    TypeTransition.ORIENTER: Statut.ORIENTEE,
    TypeTransition.CLOTURER: Statut.CLOTUREE,
    TypeTransition.FUSIONNER: Statut.CLOTUREE,
}


@pytest.mark.django_db
# Forming a community starts from a published problem and the Animation may do it too: its
# roles are tested in tests/communautes/test_constitution.py.
@pytest.mark.parametrize("type_", [t for t in SOURCES_LEGALES if t not in ETAPES_D_AUTRES_APPS])
@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_only_direction_and_coordination_move_a_problem(persona, nom, type_):
    p = creer(Statut.SOUMISE)
    par = persona(nom)
    if nom in TRIEURS:
        appliquer(type_, p, par)
        p.refresh_from_db()
        etape = p.transitions.get(type=type_)
        assert etape.auteur == par
        assert etape.note_interne == "NOTE-SECRETE"
        assert p.statut == STATUT_APRES.get(type_, Statut.SOUMISE)
    else:
        with pytest.raises(TransitionInterdite):
            appliquer(type_, p, par)
        p.refresh_from_db()
        assert p.statut == Statut.SOUMISE
        assert not p.transitions.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("type_", "statut"),
    [(t, s) for t, sources in SOURCES_LEGALES.items() for s in Statut],
)
def test_steps_run_only_from_their_legal_states(coordination, type_, statut):
    p = creer(statut)
    if statut in SOURCES_LEGALES[type_]:
        appliquer(type_, p, coordination)
        etape = p.transitions.get(type=type_)
        assert etape.statut_avant == statut
        assert type_ in transitions_possibles(Problematique(statut=statut))
    else:
        with pytest.raises(TransitionInterdite, match="impossible depuis"):
            appliquer(type_, p, coordination)
        assert not p.transitions.exists()
        assert type_ not in transitions_possibles(Problematique(statut=statut))


@pytest.mark.django_db
def test_publishing_sets_the_dates_and_is_public(coordination):
    p = creer(Statut.SOUMISE)
    problematique_qualifier(problematique=p, par=coordination)
    p.refresh_from_db()
    repondue = p.repondue_le
    assert repondue is not None and p.publiee_le is None
    assert not p.transitions.get(type=TypeTransition.QUALIFIER).publique
    problematique_ouvrir(problematique=p, par=coordination)
    p.refresh_from_db()
    assert p.publiee_le is not None
    assert p.repondue_le == repondue  # the first answer only
    assert p.transitions.get(type=TypeTransition.OUVRIR).publique


@pytest.mark.django_db
def test_steps_after_publication_are_public_but_the_referent_stays_internal(coordination):
    p = creer(Statut.OUVERTE)
    problematique_assigner_referent(problematique=p, par=coordination, referent=coordination)
    problematique_cloturer(problematique=p, par=coordination, commentaire_public="Hors champ.")
    p.refresh_from_db()
    assert p.referent == coordination
    assert not p.transitions.get(type=TypeTransition.ASSIGNER_REFERENT).publique
    assert p.transitions.get(type=TypeTransition.CLOTURER).publique


@pytest.mark.django_db
def test_assigning_a_referent_is_not_an_answer(coordination):
    p = creer(Statut.SOUMISE)
    problematique_assigner_referent(problematique=p, par=coordination, referent=coordination)
    p.refresh_from_db()
    assert p.repondue_le is None


@pytest.mark.django_db
def test_the_referent_must_belong_to_the_ti_team(coordination, relais):
    p = creer(Statut.SOUMISE)
    with pytest.raises(TransitionInterdite, match="Ti Team"):
        problematique_assigner_referent(problematique=p, par=coordination, referent=relais)


@pytest.mark.django_db
@pytest.mark.parametrize(("vers", "commentaire"), [("", "Pourquoi"), ("Le Département", " ")])
def test_orienting_needs_where_and_why(coordination, vers, commentaire):
    p = creer(Statut.OUVERTE)
    with pytest.raises(TransitionInterdite):
        problematique_orienter(
            problematique=p, par=coordination, vers=vers, commentaire_public=commentaire
        )
    p.refresh_from_db()
    assert p.statut == Statut.OUVERTE


@pytest.mark.django_db
def test_orienting_records_where(coordination):
    p = creer(Statut.OUVERTE)
    problematique_orienter(
        problematique=p, par=coordination, vers="La CAF", commentaire_public="Sa compétence."
    )
    p.refresh_from_db()
    assert p.orientee_vers == "La CAF" and p.statut == Statut.ORIENTEE


@pytest.mark.django_db
def test_closing_needs_a_reason(coordination):
    with pytest.raises(TransitionInterdite, match="raison"):
        problematique_cloturer(
            problematique=creer(Statut.OUVERTE), par=coordination, commentaire_public=""
        )


@pytest.mark.django_db
def test_a_refused_step_changes_nothing_and_sends_nothing(
    persona, django_capture_on_commit_callbacks
):
    p = creer(Statut.CLOTUREE)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionInterdite):
        problematique_ouvrir(problematique=p, par=persona("coordination"))
    assert mail.outbox == []
    assert not Transition.objects.exists()


@pytest.mark.django_db
def test_a_merge_target_must_be_another_live_problem(coordination):
    p = creer(Statut.OUVERTE)
    with pytest.raises(TransitionInterdite, match="elle-même"):
        problematique_fusionner(problematique=p, cible=p, par=coordination)
    close = creer(Statut.CLOTUREE)
    with pytest.raises(TransitionInterdite, match="cible"):
        problematique_fusionner(problematique=p, cible=close, par=coordination)
    fusionnee = creer(Statut.OUVERTE)
    problematique_fusionner(problematique=fusionnee, cible=creer(Statut.OUVERTE), par=coordination)
    with pytest.raises(TransitionInterdite):
        problematique_fusionner(problematique=p, cible=fusionnee, par=coordination)


# Real commits, so each thread sees the other's lock (the migrated state comes back after
# it: tests/conftest.py).
@pytest.mark.django_db(transaction=True)
def test_two_people_publishing_at_once_record_one_step(persona):
    import threading

    from django.db import connection

    p = creer(Statut.SOUMISE)
    equipe = [persona("coordination"), persona("direction")]
    barriere = threading.Barrier(2)
    resultats: list[str] = []

    def publier(par):
        try:
            barriere.wait()
            problematique_ouvrir(problematique=p, par=par)
            resultats.append("ok")
        except TransitionInterdite:
            resultats.append("refus")
        finally:
            connection.close()

    fils = [threading.Thread(target=publier, args=(par,)) for par in equipe]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == ["ok", "refus"]
    assert p.transitions.filter(type=TypeTransition.OUVRIR).count() == 1


@pytest.mark.django_db
def test_a_copil_decision_emails_its_rationale_and_session_once_per_person(
    coordination, django_capture_on_commit_callbacks
):
    p = creer(Statut.CANDIDATE)
    soutien = PersonneFactory()
    p.suivis.create(personne=soutien)
    membre = PersonneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        problematique_recevoir_decision(
            problematique=p,
            par=coordination,
            statut_apres=Statut.OUVERTE,
            commentaire_public="Revenez avec un territoire **prêt**.",
            destinataires_en_plus=[membre.pk, soutien.pk, p.auteur_id],
            decision="Ajournée",
            lien_decision="https://tilab.test/gouvernance/copil/session-1/",
        )
    p.refresh_from_db()
    assert p.statut == Statut.OUVERTE
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(
        [p.auteur.email, soutien.email, membre.email]
    )
    message = mail.outbox[0]
    assert "Décision du COPIL\u00a0: Ajournée" in message.body
    assert "Revenez avec un territoire **prêt**." in message.body
    assert "https://tilab.test/gouvernance/copil/session-1/" in message.body
    assert "<strong>prêt</strong>" in message.alternatives[0][0]


@pytest.mark.django_db
@pytest.mark.parametrize("statut", [Statut.CANDIDATE, Statut.AJOURNEE, Statut.CLOTUREE])
def test_a_copil_step_refuses_a_state_it_cannot_lead_to(coordination, statut):
    p = creer(Statut.CANDIDATE)
    with pytest.raises(TransitionInterdite, match="ne passe pas|ne mène pas"):
        if statut is Statut.CLOTUREE:
            problematique_retirer_du_copil(problematique=p, par=coordination, statut_apres=statut)
        else:
            problematique_recevoir_decision(
                problematique=p, par=coordination, statut_apres=statut, commentaire_public="M."
            )


@pytest.mark.django_db
def test_a_copil_decision_needs_its_rationale(coordination):
    p = creer(Statut.CANDIDATE)
    with pytest.raises(TransitionInterdite, match="motifs"):
        problematique_recevoir_decision(
            problematique=p, par=coordination, statut_apres=Statut.RETENUE, commentaire_public=" "
        )
