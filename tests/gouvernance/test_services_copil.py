"""Every step of a COPIL session, for every persona: preparing, the agenda, opening, voting,
closing, deciding, publishing, rectifying; and what the database itself refuses."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import InternalError, ProgrammingError, connection, transaction

from experimentations.models import Capacite, Experimentation
from gouvernance.models import (
    ActionSession,
    Avis,
    Decision,
    Membre,
    Rectification,
    StatutSession,
    TypeActionSession,
    TypeDecision,
    Vote,
)
from gouvernance.services import copil
from gouvernance.services.copil import SessionImpossible
from gouvernance.services.grille import CritereSaisi
from problematiques.models import Statut, TypeTransition
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory
from tests.gouvernance import factories
from tests.problematiques.factories import SoutienFactory
from tilab.comptes.services import donnees_personnelles_exporter

pytestmark = pytest.mark.django_db

QUI = [*ALL_PERSONAS, "membre"]
EQUIPE = {"direction", "coordination"}


@pytest.fixture
def qui(persona, membres_copil):
    """``qui("membre")`` is a member sitting without chairing; the rest are the personas."""

    def get(nom):
        return membres_copil[1] if nom == "membre" else persona(nom)

    return get


def refuse(fonction, code=None, **kwargs):
    with pytest.raises(SessionImpossible) as exc:
        fonction(**kwargs)
    if code:
        assert exc.value.code == code
    return exc.value


def notes_max(session):
    return {
        c.pk: max(n.valeur for n in c.niveaux.all())
        for c in session.grille.criteres.prefetch_related("niveaux")
    }


# --- Preparing and the agenda --------------------------------------------------------------


@pytest.mark.parametrize("nom", QUI)
def test_only_the_team_prepares_a_session(qui, nom, grille_copil):
    kwargs = {"par": qui(nom), "titre": "Session d'automne", "le": date(2027, 10, 5)}
    if nom in EQUIPE:
        session = copil.session_preparer(**kwargs)
        assert session.statut == StatutSession.EN_PREPARATION
        assert session.grille == grille_copil
        assert session.actions.get().type == TypeActionSession.PREPARER
    else:
        refuse(copil.session_preparer, "role", **kwargs)


def test_a_session_needs_a_published_grid_and_a_title(coordination):
    refuse(copil.session_preparer, "grille", par=coordination, titre="S", le=date(2027, 1, 1))
    factories.grille_publiee()
    exc = refuse(copil.session_preparer, "titre", par=coordination, titre=" ", le=date(2027, 1, 1))
    assert "titre" in exc.message_dict


def test_two_sessions_of_the_same_title_get_their_own_address(coordination, grille_copil):
    a = copil.session_preparer(par=coordination, titre="COPIL", le=date(2027, 1, 1))
    b = copil.session_preparer(par=coordination, titre="COPIL", le=date(2027, 1, 1))
    assert a.slug != b.slug


def test_the_session_keeps_its_grid_when_a_newer_one_is_published(session_en_preparation):
    nouvelle = factories.grille_publiee(
        criteres=[CritereSaisi("Un seul critère", 1, ((0, "Non"), (1, "Oui")))]
    )
    session_en_preparation.refresh_from_db()
    assert session_en_preparation.grille != nouvelle
    assert [c.libelle for c in session_en_preparation.grille.criteres.all()] == [
        "Portée par le terrain",
        "Territoire prêt",
    ]


def test_possible_candidates_are_ready_and_not_on_an_agenda(coordination, grille_copil):
    pret, derogee = factories.probleme_pret(), factories.probleme_pret(derogee=True)
    pas_mur = factories.CommunauteFactory(interet=True).problematique
    assert set(copil.candidats_possibles()) == {pret, derogee}
    factories.session_preparee(par=coordination, candidats=[pret])
    assert list(copil.candidats_possibles()) == [derogee]
    assert pas_mur not in copil.candidats_possibles()


@pytest.mark.parametrize("nom", QUI)
def test_only_the_team_puts_a_problem_on_the_agenda(qui, nom, session_en_preparation):
    p = factories.probleme_pret()
    kwargs = {
        "par": qui(nom),
        "session": session_en_preparation,
        "problematique": p,
        "presentation": "Une **présentation**.",
    }
    if nom in EQUIPE:
        candidature = copil.candidature_ajouter(**kwargs)
        assert candidature.ordre == 3
        p.refresh_from_db()
        assert p.statut == Statut.CANDIDATE
        etape = p.transitions.get(type=TypeTransition.PRESENTER_AU_COPIL)
        assert etape.publique and etape.statut_avant == Statut.COMMUNAUTE_CONSTITUEE
    else:
        refuse(copil.candidature_ajouter, "role", **kwargs)
        p.refresh_from_db()
        assert p.statut == Statut.COMMUNAUTE_CONSTITUEE


def test_a_candidate_needs_a_presentation_and_maturity(coordination, session_en_preparation):
    kwargs = {"par": coordination, "session": session_en_preparation}
    exc = refuse(
        copil.candidature_ajouter,
        "presentation",
        problematique=factories.probleme_pret(),
        presentation=" ",
        **kwargs,
    )
    assert "presentation" in exc.message_dict
    pas_mur = factories.CommunauteFactory(interet=True).problematique
    exc = refuse(
        copil.candidature_ajouter, "candidate", problematique=pas_mur, presentation="P", **kwargs
    )
    assert "problematique" in exc.message_dict
    # Already a candidate on this session.
    deja = session_en_preparation.candidatures.first().problematique
    refuse(copil.candidature_ajouter, "candidate", problematique=deja, presentation="P", **kwargs)


def test_the_agenda_is_fixed_once_the_session_is_open(coordination, session_ouverte):
    refuse(
        copil.candidature_ajouter,
        "etat",
        par=coordination,
        session=session_ouverte,
        problematique=factories.probleme_pret(),
        presentation="P",
    )
    refuse(
        copil.candidature_retirer,
        "etat",
        par=coordination,
        candidature=session_ouverte.candidatures.first(),
    )


@pytest.mark.parametrize("nom", QUI)
def test_only_the_team_takes_a_candidate_back_to_its_former_state(
    qui, nom, coordination, session_en_preparation
):
    p = factories.probleme_pret(statut=Statut.OUVERTE)
    candidature = copil.candidature_ajouter(
        par=coordination, session=session_en_preparation, problematique=p, presentation="P"
    )
    if nom in EQUIPE:
        copil.candidature_retirer(par=qui(nom), candidature=candidature)
        p.refresh_from_db()
        assert p.statut == Statut.OUVERTE
        assert p.transitions.filter(type=TypeTransition.RETIRER_DU_COPIL).exists()
        assert not session_en_preparation.candidatures.filter(problematique=p).exists()
        assert p in copil.candidats_possibles()
    else:
        refuse(copil.candidature_retirer, "role", par=qui(nom), candidature=candidature)


# --- Opening -------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", QUI)
def test_only_the_team_opens_a_session(qui, nom, session_en_preparation, president, settings):
    settings.GOUVERNANCE_QUORUM_COPIL = 2
    kwargs = {"par": qui(nom), "session": session_en_preparation, "president": president}
    if nom in EQUIPE:
        s = copil.session_ouvrir(**kwargs)
        assert s.statut == StatutSession.OUVERTE and s.quorum == 2
        assert s.ouverte_le is not None and "lignes" in s.charge
        assert Membre.objects.filter(session=s).count() == 3
        assert Membre.objects.get(session=s, preside=True).personne == president
        maturite = s.candidatures.first().maturite
        assert maturite["complete"] and len(maturite["criteres"]) == 5
        assert set(maturite) == {"criteres", "complete", "derogee", "derogation_motif", "resume"}
    else:
        refuse(copil.session_ouvrir, "role", **kwargs)


def test_opening_checks_the_members_and_the_chair(
    coordination, session_en_preparation, president, membres_copil
):
    kwargs = {"par": coordination, "session": session_en_preparation}
    exc = refuse(copil.session_ouvrir, "president", president=coordination, membres=None, **kwargs)
    assert "president" in exc.message_dict
    refuse(
        copil.session_ouvrir,
        "president",
        president=president,
        membres=membres_copil[1:],
        **kwargs,
    )
    refuse(
        copil.session_ouvrir,
        "membres",
        president=president,
        membres=[president, coordination],
        **kwargs,
    )
    s = copil.session_ouvrir(president=president, membres=membres_copil[:2], **kwargs)
    assert s.membres.count() == 2


def test_an_empty_session_does_not_open(coordination, grille_copil, president):
    s = factories.session_preparee(par=coordination, candidats=0)
    refuse(copil.session_ouvrir, "vide", par=coordination, session=s, president=president)


# --- Voting --------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", QUI)
def test_only_a_seated_member_votes(qui, nom, session_ouverte):
    candidature = session_ouverte.candidatures.first()
    kwargs = {
        "par": qui(nom),
        "candidature": candidature,
        "avis": Avis.RETENIR,
        "notes": notes_max(session_ouverte),
    }
    if nom in {"copil", "membre"}:
        vote = copil.vote_enregistrer(**kwargs)
        assert vote.notes.count() == 2 and vote.avis == Avis.RETENIR
        entree = session_ouverte.actions.filter(type=TypeActionSession.VOTER).get()
        assert "retenir" not in entree.detail.lower()
    else:
        refuse(copil.vote_enregistrer, "role", **kwargs)
        assert not Vote.objects.exists()


def test_a_vote_is_replaced_not_added(president, session_ouverte):
    candidature = session_ouverte.candidatures.first()
    copil.vote_enregistrer(
        par=president, candidature=candidature, avis=Avis.RETENIR, notes=notes_max(session_ouverte)
    )
    critere = session_ouverte.grille.criteres.first()
    vote = copil.vote_enregistrer(
        par=president, candidature=candidature, avis=Avis.AJOURNER, notes={critere.pk: 1}
    )
    assert Vote.objects.count() == 1
    assert vote.avis == Avis.AJOURNER and [n.valeur for n in vote.notes.all()] == [1]
    assert copil.votes_manquants(session=session_ouverte, personne=president) == [
        session_ouverte.candidatures.last()
    ]


@pytest.mark.parametrize(
    ("notes", "avis"),
    [({"grille": 1}, Avis.RETENIR), ({"premier": 9}, Avis.RETENIR), ({}, ""), ({}, "peut-etre")],
)
def test_bad_votes_are_refused_with_the_field_at_fault(president, session_ouverte, notes, avis):
    premier = session_ouverte.grille.criteres.first()
    autre = factories.grille_publiee().criteres.first()
    cles = {"grille": autre.pk, "premier": premier.pk}
    exc = refuse(
        copil.vote_enregistrer,
        par=president,
        candidature=session_ouverte.candidatures.first(),
        avis=avis,
        notes={cles[k]: v for k, v in notes.items()},
    )
    assert set(exc.message_dict) == ({"avis"} if not notes else {"notes"})
    assert not Vote.objects.exists()


def test_an_abstention_needs_a_declaration_and_keeps_no_score(president, session_ouverte):
    candidature = session_ouverte.candidatures.first()
    exc = refuse(
        copil.vote_enregistrer, "declaration", par=president, candidature=candidature,
        abstention=True,
    )  # fmt: skip
    assert "declaration" in exc.message_dict
    vote = copil.vote_enregistrer(
        par=president,
        candidature=candidature,
        abstention=True,
        declaration="Mon association porte ce projet.",
        avis=Avis.RETENIR,
        notes=notes_max(session_ouverte),
    )
    assert vote.abstention and vote.avis == "" and not vote.notes.exists()


def test_nobody_votes_once_the_session_is_closed(president, session_close):
    refuse(
        copil.vote_enregistrer,
        "etat",
        par=president,
        candidature=session_close.candidatures.first(),
        avis=Avis.RETENIR,
    )


# --- Closing -------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", QUI)
def test_the_chair_and_the_team_close_the_vote(qui, nom, session_ouverte, membres_copil):
    factories.voter_tous(session_ouverte, membres_copil)
    if nom in {"copil", "direction", "coordination"}:
        s = copil.session_clore(par=qui(nom), session=session_ouverte)
        assert s.statut == StatutSession.CLOSE and s.nb_votants == 3 and s.close_le
    else:
        refuse(copil.session_clore, "role", par=qui(nom), session=session_ouverte)


def test_closing_without_the_quorum_is_refused_with_its_message(
    coordination, session_ouverte, membres_copil
):
    factories.voter_tous(session_ouverte, membres_copil[:2])
    exc = refuse(copil.session_clore, "quorum", par=coordination, session=session_ouverte)
    assert "Le quorum n'est pas atteint : 2 membre(s) sur 3 requis" in exc.messages[0]
    session_ouverte.refresh_from_db()
    assert session_ouverte.statut == StatutSession.OUVERTE


def test_an_abstention_counts_towards_the_quorum(coordination, session_ouverte, membres_copil):
    factories.voter_tous(session_ouverte, membres_copil[:2])
    copil.vote_enregistrer(
        par=membres_copil[2],
        candidature=session_ouverte.candidatures.first(),
        abstention=True,
        declaration="Je travaille pour la commune.",
    )
    assert copil.session_clore(par=coordination, session=session_ouverte).nb_votants == 3


def test_closing_fills_the_results(coordination, session_ouverte, membres_copil):
    premier, second = session_ouverte.candidatures.all()
    terrain, territoire = session_ouverte.grille.criteres.all()
    copil.vote_enregistrer(
        par=membres_copil[0], candidature=premier, avis=Avis.RETENIR,
        notes={terrain.pk: 2, territoire.pk: 5},
    )  # fmt: skip
    copil.vote_enregistrer(
        par=membres_copil[1], candidature=premier, avis=Avis.AJOURNER, notes={terrain.pk: 1}
    )
    copil.vote_enregistrer(
        par=membres_copil[2], candidature=premier, abstention=True, declaration="Concerné."
    )
    copil.vote_enregistrer(par=membres_copil[2], candidature=second, avis=Avis.NE_PAS_RETENIR)
    copil.session_clore(par=coordination, session=session_ouverte)
    premier.refresh_from_db()
    second.refresh_from_db()
    # Terrain: mean 1.5 of 0–2 → 0.75 × 3/4 × 100 = 56.25; territoire: 5 of 1–5 → 25.
    assert str(premier.score) == "81.25"
    assert (premier.nb_retenir, premier.nb_ajourner, premier.nb_abstentions) == (1, 1, 1)
    assert premier.resultats["criteres"][0] == {
        "critere_id": terrain.pk,
        "libelle": "Portée par le terrain",
        "poids": 3,
        "moyenne": 1.5,
        "nb_notes": 2,
        "points": 56.25,
    }
    assert premier.resultats["nb_votes"] == 2 and premier.resultats["nb_abstentions"] == 1
    assert str(second.score) == "0.00" and second.nb_ne_pas_retenir == 1


# --- Deciding and publishing ---------------------------------------------------------------


@pytest.mark.parametrize("nom", QUI)
def test_only_the_chair_decides(qui, nom, session_close):
    kwargs = {
        "par": qui(nom),
        "candidature": session_close.candidatures.first(),
        "decision": TypeDecision.RETENUE,
        "motifs": "Mûre et portée.",
    }
    if nom == "copil":
        d = copil.decision_enregistrer(**kwargs)
        d2 = copil.decision_enregistrer(**kwargs | {"decision": TypeDecision.AJOURNEE})
        assert d.pk == d2.pk and d2.decision == TypeDecision.AJOURNEE and d2.publiee_le is None
    else:
        refuse(copil.decision_enregistrer, "role", **kwargs)


def test_a_decision_needs_its_motives_and_a_closed_session(president, session_close):
    candidature = session_close.candidatures.first()
    exc = refuse(
        copil.decision_enregistrer, "motifs", par=president, candidature=candidature,
        decision=TypeDecision.RETENUE, motifs=" ",
    )  # fmt: skip
    assert "motifs" in exc.message_dict
    exc = refuse(
        copil.decision_enregistrer, "decision", par=president, candidature=candidature,
        decision="peut-etre", motifs="M",
    )  # fmt: skip
    assert "decision" in exc.message_dict


def test_no_decision_while_the_vote_is_open(president, session_ouverte):
    refuse(
        copil.decision_enregistrer, "etat", par=president,
        candidature=session_ouverte.candidatures.first(), decision="retenue", motifs="M",
    )  # fmt: skip


def test_publishing_needs_every_decision(president, session_close):
    premier = session_close.candidatures.first()
    copil.decision_enregistrer(par=president, candidature=premier, decision="retenue", motifs="M")
    exc = refuse(copil.decisions_publier, "decisions", par=president, session=session_close)
    assert session_close.candidatures.last().problematique.titre in exc.messages[0]


@pytest.mark.parametrize("nom", QUI)
def test_only_the_chair_publishes(qui, nom, session_decidee):
    if nom == "copil":
        s = copil.decisions_publier(par=qui(nom), session=session_decidee)
        assert s.statut == StatutSession.PUBLIEE and s.publiee_le
    else:
        refuse(copil.decisions_publier, "role", par=qui(nom), session=session_decidee)
        assert not Decision.objects.publiees().exists()


def test_publishing_moves_each_problem_and_tells_everyone_once(
    coordination, president, membres_copil, grille_copil, django_capture_on_commit_callbacks
):
    retenue, ajournee, rejetee = (factories.probleme_pret() for _ in range(3))
    # A supporter who is also in the community, and the referent is of the Coordination.
    engage = retenue.communaute.engagements.first().personne
    SoutienFactory(problematique=retenue, personne=engage)
    retenue.referent = coordination
    retenue.save(update_fields=["referent"])
    session = factories.session_preparee(par=coordination, candidats=[retenue, ajournee, rejetee])
    factories.session_ouverte(par=coordination, president=president, session=session)
    factories.voter_tous(session, membres_copil)
    copil.session_clore(par=coordination, session=session)
    factories.decider_tout(session, president)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        copil.decisions_publier(par=president, session=session)

    for p in (retenue, ajournee, rejetee):
        p.refresh_from_db()
    assert (retenue.statut, ajournee.statut, rejetee.statut) == (
        Statut.RETENUE,
        Statut.OUVERTE,
        Statut.NON_RETENUE,
    )
    etape = ajournee.transitions.get(type=TypeTransition.DECISION_COPIL)
    assert etape.publique and etape.commentaire_public == "Motifs publics n° 2."
    experimentation = Experimentation.objects.get(problematique=retenue)
    assert experimentation.coordinateur == coordination
    assert not Experimentation.objects.filter(problematique__in=[ajournee, rejetee]).exists()

    messages = [m for m in mail.outbox if retenue.titre in m.subject]
    destinataires = [a for m in messages for a in m.to]
    membres = {e.personne.email for e in retenue.communaute.engagements.all()}
    assert sorted(destinataires) == sorted(membres | {retenue.auteur.email})
    assert "Décision du COPIL\u00a0: Retenue" in messages[0].body
    assert "Motifs publics n° 1." in messages[0].body
    assert f"/gouvernance/copil/{session.slug}/" in messages[0].body
    assert session.actions.filter(type=TypeActionSession.PUBLIER).exists()


def test_the_experiment_goes_to_the_least_loaded_coordination(
    coordination, president, session_decidee
):
    libre = PersonneFactory(roles=["Coordination"], is_staff=True)
    Capacite.objects.create(coordinateur=libre, nombre=3)
    copil.decisions_publier(par=president, session=session_decidee)
    assert Experimentation.objects.get().coordinateur == libre


# --- Rectifying, and what the database refuses ---------------------------------------------


@pytest.mark.parametrize("nom", QUI)
def test_the_chair_and_the_direction_rectify(qui, nom, session_publiee):
    decision = session_publiee.candidatures.first().decision
    kwargs = {"par": qui(nom), "decision": decision, "texte": "Lire « 2027 » et non « 2026 »."}
    if nom in {"copil", "direction"}:
        r = copil.rectification_ajouter(**kwargs)
        assert r.le and r.par == qui(nom)
        assert session_publiee.actions.filter(type=TypeActionSession.RECTIFIER).exists()
    else:
        refuse(copil.rectification_ajouter, "role", **kwargs)


def test_a_rectification_needs_a_text_and_a_published_decision(president, session_decidee):
    decision = session_decidee.candidatures.first().decision
    refuse(copil.rectification_ajouter, "etat", par=president, decision=decision, texte="T")
    copil.decisions_publier(par=president, session=session_decidee)
    decision.refresh_from_db()
    exc = refuse(copil.rectification_ajouter, "texte", par=president, decision=decision, texte="")
    assert "texte" in exc.message_dict


@pytest.mark.parametrize("ecriture", ["update", "delete", "sql"])
def test_the_database_refuses_to_change_a_published_decision(president, session_publiee, ecriture):
    premiere, seconde = (c.decision for c in session_publiee.candidatures.all())
    rectification = copil.rectification_ajouter(par=president, decision=premiere, texte="R")
    # The second decision has no rectification: its deletion reaches the database's trigger.
    for modele, pk, champ in (
        (Decision, seconde.pk, "motifs"),
        (Rectification, rectification.pk, "texte"),
    ):
        with pytest.raises((ProgrammingError, InternalError)), transaction.atomic():
            lignes = modele.objects.filter(pk=pk)
            if ecriture == "update":
                lignes.update(**{champ: "Réécrit"})
            elif ecriture == "delete":
                lignes.delete()
            else:
                with connection.cursor() as curseur:
                    curseur.execute(
                        f"UPDATE {modele._meta.db_table} SET {champ} = 'X' WHERE id = %s", [pk]
                    )


def test_a_decision_is_changed_freely_before_publication(session_decidee):
    decision = Decision.objects.first()
    Decision.objects.filter(pk=decision.pk).update(motifs="Changés avant publication.")


def test_every_step_is_in_the_journal(session_publiee):
    types = set(
        ActionSession.objects.filter(session=session_publiee).values_list("type", flat=True)
    )
    assert types == set(TypeActionSession.values) - {TypeActionSession.RECTIFIER}


def test_an_anonymous_visitor_is_refused_everywhere(session_ouverte):
    refuse(
        copil.vote_enregistrer, "role", par=AnonymousUser(),
        candidature=session_ouverte.candidatures.first(), avis=Avis.RETENIR,
    )  # fmt: skip


def test_a_member_who_deletes_their_account_leaves_an_anonymous_seat_and_vote(
    session_publiee, membres_copil
):
    membre = membres_copil[1]
    nb_votes = Vote.objects.count()
    membre.delete()
    assert Vote.objects.count() == nb_votes
    assert Membre.objects.filter(session=session_publiee, personne__isnull=True).count() == 1


def test_a_members_seats_and_votes_are_in_their_personal_data_export(
    president, session_close, django_assert_num_queries
):
    export = donnees_personnelles_exporter(personne=president)["copil"]
    assert [s["preside"] for s in export["sieges"]] == [True]
    assert len(export["votes"]) == 2
    assert export["votes"][0]["avis"] == "Retenir"
    assert export["votes"][0]["notes"] == {"Portée par le terrain": 2, "Territoire prêt": 5}
    with django_assert_num_queries(4):
        copil.section_export(president)
