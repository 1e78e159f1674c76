"""manage.py bench_generer's data: every app's bench module, at a tiny scale, makes rows that
hold together the way the services would have made them."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Count, F, Q

from communautes.models import (
    ActionCommunaute,
    Communaute,
    Engagement,
    Evenement,
    Inscription,
    StatutInscription,
    TypeAction,
)
from experimentations.models import (
    BudgetAnnuel,
    Capacite,
    EngagementPacte,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    PhaseExperimentation,
    Prestataire,
    QualiteSignataire,
    Signataire,
    StatutExperimentation,
    StatutPacte,
    TypeActionExperimentation,
)
from problematiques.models import Problematique, Soutien, Statut, Suivi, TypeTransition
from tilab import banc
from tilab.banc.generation import alea
from tilab.comptes import rules
from tilab.comptes.models import Organisation, Personne, Territoire

pytestmark = pytest.mark.django_db


def test_every_app_with_a_bench_module_adds_rows(donnees_du_banc):
    noms = [m.__name__ for m in banc.modules_bench()]
    assert noms[:4] == ["tilab.bench", "tilab.comptes.bench", "problematiques.bench",
                        "communautes.bench"]  # fmt: skip
    for compter in banc.fonctions("compter"):
        vides = [quoi for quoi, n in compter().items() if n == 0]
        assert vides == [], compter.__module__


def test_generated_rows_pass_their_models_validation(donnees_du_banc):
    modeles = [Territoire, Organisation, Personne, Problematique, Soutien, Communaute,
               Engagement, Evenement, Experimentation, PhaseExperimentation, Participant,
               Prestataire, LigneBudget, BudgetAnnuel, Pacte, EngagementPacte, Signataire,
               Capacite]  # fmt: skip
    # Choices, lengths, slugs, the models' clean(): on a sample of each, the database having
    # already checked its constraints on every row.
    for modele in modeles:
        for objet in modele._default_manager.order_by("?")[:12]:
            objet.full_clean()


def test_the_personas_can_do_what_their_pages_need(donnees_du_banc):
    relais, equipe = donnees_du_banc.personas["relais"], donnees_du_banc.personas["equipe"]
    assert rules.roles(relais) == {rules.RELAIS}
    assert rules.roles(equipe) == {rules.COORDINATION, rules.ANIMATION}
    assert equipe.is_staff and not relais.is_staff
    assert not relais.has_usable_password()
    assert Problematique.objects.filter(auteur=relais, statut=Statut.SOUMISE).exists()
    assert Engagement.objects.actifs().filter(personne=relais).exists()


def test_every_account_has_its_verified_address(donnees_du_banc):
    assert not Personne.objects.exclude(
        pk__in=EmailAddress.objects.filter(verified=True, primary=True).values("user")
    ).exists()


def test_problems_are_in_every_state_with_their_history(donnees_du_banc):
    assert set(Problematique.objects.values_list("statut", flat=True)) == set(Statut)
    assert not Problematique.objects.filter(Q(territoires=None) | Q(themes=None)).exists()
    assert not Problematique.objects.filter(vecteur_recherche=None).exists()
    for p in Problematique.objects.prefetch_related("transitions"):
        etapes = list(p.transitions.all())
        assert etapes[0].type == TypeTransition.SOUMETTRE and etapes[0].cree_le == p.cree_le
        assert all(e.cree_le >= p.cree_le for e in etapes)
        ouverture = [e for e in etapes if e.type == TypeTransition.OUVRIR]
        assert (p.publiee_le is not None) == bool(ouverture)
        # Published steps are public from publication on, never before; the referent's step
        # is internal.
        for e in etapes:
            attendu = p.publiee_le is not None and e.cree_le >= p.publiee_le
            assert e.publique == (attendu and e.type != TypeTransition.ASSIGNER_REFERENT)
    # A merged duplicate points to a problem kept open.
    for p in Problematique.objects.exclude(fusionnee_dans=None):
        assert p.statut == Statut.CLOTUREE and p.fusionnee_dans.publiee_le is not None


def test_supports_go_to_published_problems_and_everyone_involved_follows(donnees_du_banc):
    assert Soutien.objects.exists()
    assert not Soutien.objects.filter(problematique__publiee_le=None).exists()
    assert not Soutien.objects.filter(personne=F("problematique__auteur")).exists()
    assert not Soutien.objects.filter(cree_le__lt=F("problematique__publiee_le")).exists()
    suivis = set(Suivi.objects.values_list("problematique", "personne"))
    assert set(Problematique.objects.values_list("pk", "auteur")) <= suivis
    assert set(Soutien.objects.values_list("problematique", "personne")) <= suivis


def test_each_problem_past_its_community_step_has_its_community(donnees_du_banc):
    etats = [Statut.COMMUNAUTE_CONSTITUEE, Statut.CANDIDATE, Statut.RETENUE, Statut.AJOURNEE,
             Statut.NON_RETENUE]  # fmt: skip
    for p in Problematique.objects.filter(statut__in=etats):
        assert p.communaute.type == "interet"
        assert p.transitions.filter(type=TypeTransition.CONSTITUER_COMMUNAUTE).count() == 1
    assert not Communaute.objects.filter(problematique__statut__in=[Statut.OUVERTE]).exists()


def test_commitments_and_events_keep_their_rules(donnees_du_banc):
    # Each commitment left its journal entry (a contractual one, its pact's), each community
    # its formation.
    assert ActionCommunaute.objects.filter(type=TypeAction.REJOINDRE).count() == (
        Engagement.objects.personnels().count()
    )
    assert ActionCommunaute.objects.filter(type=TypeAction.CONTRACTUEL).count() == (
        Engagement.objects.filter(contractuel=True).count()
    )
    assert ActionCommunaute.objects.filter(type=TypeAction.CONSTITUER).count() == (
        Communaute.objects.count()
    )
    pleins = Evenement.objects.annotate(
        n=Count("inscriptions", filter=Q(inscriptions__statut=StatutInscription.INSCRITE))
    ).filter(n__gt=F("capacite"))
    assert not pleins.exists()
    assert not Inscription.objects.filter(evenement__publie=False).exists()


def test_as_many_communes_as_brittany_get_names_of_their_own(db):
    # The made-up names run out before 1,200: the generator must still end, with unique slugs.
    from tilab.comptes import bench as bench_comptes

    bench_comptes._territoires(alea("comptes"), 1.0)
    assert Territoire.objects.filter(type="commune").count() == bench_comptes.COMMUNES
    assert Territoire.objects.filter(type="epci").count() == bench_comptes.EPCI


def test_experiments_come_from_retained_problems_and_keep_their_rules(donnees_du_banc):
    assert Experimentation.objects.exists()
    assert not Experimentation.objects.exclude(problematique__statut=Statut.RETENUE).exists()
    # A COPIL session retained some candidates and adjourned ones: each state still exists.
    assert set(Problematique.objects.values_list("statut", flat=True)) == set(Statut)
    for e in Experimentation.objects.prefetch_related("phases", "actions"):
        assert e.territoires.exists()
        assert e.actions.all()[0].type == TypeActionExperimentation.CREER
        assert all(a.le >= e.cree_le for a in e.actions.all())
        commencees = [p for p in e.phases.all() if p.debut_reel is not None]
        assert bool(commencees) is (e.statut != StatutExperimentation.EN_PREPARATION)
    # Every commitment of a pact in force is confirmed by all its signatories; an amended
    # pact is replaced by its new version; numbers follow the order of drafting.
    for pacte in Pacte.objects.prefetch_related("signataires"):
        signe = pacte.statut not in (StatutPacte.BROUILLON, StatutPacte.PROPOSE)
        assert signe is (pacte.signe_le is not None)
        if signe:
            assert all(s.signe_le is not None for s in pacte.signataires.all())
        assert {s.qualite for s in pacte.signataires.all()} == set(QualiteSignataire.values)
    for pacte in Pacte.objects.filter(statut=StatutPacte.REMPLACE):
        assert pacte.avenant.version == pacte.version + 1
    numeros = list(Pacte.objects.order_by("cree_le", "version").values_list("numero", flat=True))
    assert numeros == sorted(numeros)
    # The FTE of a pact in force is a contractual commitment in the experiment's community.
    for e in EngagementPacte.objects.exclude(engagement_communaute=None).select_related(
        "pacte__experimentation", "engagement_communaute"
    ):
        engagement = e.engagement_communaute
        assert engagement.contractuel and engagement.personne_id == e.personne_id
        assert engagement.communaute_id == e.pacte.experimentation.communaute_id
        assert e.pacte.statut in (StatutPacte.SIGNE, StatutPacte.EN_COURS)
    assert Capacite.objects.exists() and BudgetAnnuel.objects.exists()
