"""Framed commitments: bounds of the end date, the monthly threshold, renew, leave, the race."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from communautes.models import Engagement, MotifFin, RoleEngagement, StatutCommunaute
from communautes.services import engagements as services
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import OrganisationFactory, PersonneFactory
from tilab.comptes.models import Expertise

pytestmark = pytest.mark.django_db


def rejoindre(communaute, personne, **options):
    valeurs = {
        "role": RoleEngagement.MEMBRE,
        "expertise": Expertise.AGENT_TERRAIN,
        "organisation": None,
        "heures_par_mois": 2,
        "fin": timezone.localdate() + timedelta(days=60),
    } | options
    return services.engagement_rejoindre(communaute=communaute, personne=personne, **valeurs)


def aujourd_hui():
    return timezone.localdate()


# --- Calendar months ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jour", "mois", "attendu"),
    [
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
    ],
)
def test_calendar_months_are_added_and_clamped_to_the_end_of_the_month(jour, mois, attendu):
    assert services.ajouter_mois(jour, mois) == attendu


def test_the_furthest_end_date_is_twelve_calendar_months_from_today():
    assert services.fin_maximale(date(2026, 5, 10)) == date(2027, 5, 10)


# --- Bounds of the end date ---------------------------------------------------------------


def test_an_end_date_exactly_twelve_months_ahead_is_accepted():
    communaute, personne = CommunauteFactory(), PersonneFactory()
    fin = services.ajouter_mois(aujourd_hui(), 12)
    engagement = rejoindre(communaute, personne, fin=fin)
    assert engagement.fin == fin
    assert engagement.debut == aujourd_hui()
    assert engagement.est_actif


def test_an_end_date_one_day_beyond_twelve_months_is_refused():
    communaute, personne = CommunauteFactory(), PersonneFactory()
    with pytest.raises(services.EngagementImpossible) as refus:
        rejoindre(communaute, personne, fin=services.ajouter_mois(aujourd_hui(), 12) + timedelta(1))
    assert "douze mois" in refus.value.message_dict["fin"][0]
    assert not Engagement.objects.exists()


def test_a_past_end_date_is_refused():
    with pytest.raises(services.EngagementImpossible) as refus:
        rejoindre(CommunauteFactory(), PersonneFactory(), fin=aujourd_hui() - timedelta(1))
    assert "déjà passée" in refus.value.message_dict["fin"][0]


def test_a_missing_end_date_is_refused():
    with pytest.raises(services.EngagementImpossible) as refus:
        rejoindre(CommunauteFactory(), PersonneFactory(), fin=None)
    assert "date de fin" in refus.value.message_dict["fin"][0]


def test_an_end_date_today_is_accepted():
    engagement = rejoindre(CommunauteFactory(), PersonneFactory(), fin=aujourd_hui())
    assert engagement.est_actif


def test_zero_hours_is_refused():
    with pytest.raises(services.EngagementImpossible):
        rejoindre(CommunauteFactory(), PersonneFactory(), heures_par_mois=0)


# --- The monthly threshold ----------------------------------------------------------------


def test_reaching_exactly_the_threshold_needs_no_confirmation(settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    personne = PersonneFactory()
    EngagementFactory(personne=personne, heures_par_mois=5)
    engagement = rejoindre(CommunauteFactory(), personne, heures_par_mois=3)
    assert services.heures_engagees(personne) == 8
    assert engagement.pk


def test_going_past_the_threshold_needs_a_confirmation(settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    personne = PersonneFactory()
    EngagementFactory(personne=personne, heures_par_mois=5)
    communaute = CommunauteFactory()
    assert services.depasserait_le_seuil(personne, 4)
    assert not services.depasserait_le_seuil(personne, 3)
    with pytest.raises(services.SeuilDepasse) as depassement:
        rejoindre(communaute, personne, heures_par_mois=4)
    assert (depassement.value.heures_actuelles, depassement.value.nouveau_total) == (5, 9)
    assert depassement.value.seuil == 8
    assert not Engagement.objects.filter(communaute=communaute).exists()

    rejoindre(communaute, personne, heures_par_mois=4, depassement_confirme=True)
    assert services.heures_engagees(personne) == 9


def test_a_single_engagement_over_the_threshold_needs_a_confirmation(settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    with pytest.raises(services.SeuilDepasse):
        rejoindre(CommunauteFactory(), PersonneFactory(), heures_par_mois=9)


def test_the_threshold_is_a_setting(settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 3
    personne = PersonneFactory()
    EngagementFactory(personne=personne, heures_par_mois=2)
    with pytest.raises(services.SeuilDepasse):
        rejoindre(CommunauteFactory(), personne, heures_par_mois=2)


def test_ended_and_expired_engagements_are_not_counted():
    personne = PersonneFactory()
    EngagementFactory(personne=personne, heures_par_mois=6)
    EngagementFactory(
        personne=personne,
        heures_par_mois=7,
        termine_le=aujourd_hui(),
        motif_fin=MotifFin.QUITTE,
    )
    # Past its end date, not yet closed by the daily upkeep: not running either.
    EngagementFactory(
        personne=personne,
        heures_par_mois=11,
        debut=aujourd_hui() - timedelta(60),
        fin=aujourd_hui() - timedelta(1),
    )
    EngagementFactory(heures_par_mois=20)  # someone else's
    assert services.heures_engagees(personne) == 6
    rejoindre(CommunauteFactory(), personne, heures_par_mois=2)


def test_heures_engagees_can_leave_one_engagement_out():
    personne = PersonneFactory()
    a = EngagementFactory(personne=personne, heures_par_mois=3)
    EngagementFactory(personne=personne, heures_par_mois=4)
    assert services.heures_engagees(personne) == 7
    assert services.heures_engagees(personne, sauf=a) == 4


# --- Who may join what --------------------------------------------------------------------


def test_joining_twice_the_same_community_is_refused():
    communaute, personne = CommunauteFactory(), PersonneFactory()
    rejoindre(communaute, personne)
    with pytest.raises(services.EngagementImpossible) as refus:
        rejoindre(communaute, personne)
    assert refus.value.code == "deja_engage"
    assert Engagement.objects.filter(communaute=communaute).count() == 1


def test_joining_again_after_leaving_starts_a_new_engagement():
    communaute, personne = CommunauteFactory(), PersonneFactory()
    premier = rejoindre(communaute, personne)
    services.engagement_quitter(engagement=premier, par=personne)
    second = rejoindre(communaute, personne, heures_par_mois=1)
    assert second.pk != premier.pk
    assert Engagement.objects.filter(communaute=communaute, personne=personne).count() == 2


def test_joining_again_after_an_expiry_the_daily_job_missed_closes_the_old_one():
    communaute, personne = CommunauteFactory(), PersonneFactory()
    ancien = EngagementFactory(
        communaute=communaute,
        personne=personne,
        debut=aujourd_hui() - timedelta(30),
        fin=aujourd_hui() - timedelta(2),
    )
    rejoindre(communaute, personne)
    ancien.refresh_from_db()
    assert ancien.termine_le == ancien.fin
    assert ancien.motif_fin == MotifFin.ECHU


@pytest.mark.parametrize("statut", [StatutCommunaute.EN_SOMMEIL, StatutCommunaute.CLOSE])
def test_a_community_asleep_or_closed_welcomes_nobody(statut):
    with pytest.raises(services.EngagementImpossible) as refus:
        rejoindre(CommunauteFactory(statut=statut), PersonneFactory())
    assert refus.value.code == "communaute_fermee"


def test_a_community_being_formed_welcomes_members():
    communaute = CommunauteFactory(statut=StatutCommunaute.EN_CONSTITUTION)
    assert rejoindre(communaute, PersonneFactory()).pk


def test_joining_records_role_expertise_organisation_and_hours():
    organisation = OrganisationFactory()
    engagement = rejoindre(
        CommunauteFactory(),
        PersonneFactory(),
        role=RoleEngagement.REFERENT,
        expertise=Expertise.DECIDEUR,
        organisation=organisation,
        heures_par_mois=4,
    )
    engagement.refresh_from_db()
    assert engagement.role == RoleEngagement.REFERENT
    assert engagement.expertise == Expertise.DECIDEUR
    assert engagement.organisation == organisation
    assert engagement.heures_par_mois == 4
    assert engagement.termine_le is None
    assert engagement.rappel_envoye_le is None


# --- Renew --------------------------------------------------------------------------------


def test_renewing_moves_the_end_and_forgets_the_reminder():
    personne = PersonneFactory()
    engagement = EngagementFactory(
        personne=personne,
        debut=aujourd_hui() - timedelta(300),
        fin=aujourd_hui() + timedelta(10),
        rappel_envoye_le=timezone.now(),
    )
    nouvelle_fin = services.ajouter_mois(aujourd_hui(), 12)
    services.engagement_prolonger(engagement=engagement, par=personne, fin=nouvelle_fin)
    engagement.refresh_from_db()
    assert engagement.fin == nouvelle_fin
    assert engagement.debut == aujourd_hui()
    assert engagement.rappel_envoye_le is None


def test_renewing_beyond_twelve_months_or_not_later_is_refused():
    personne = PersonneFactory()
    engagement = EngagementFactory(personne=personne, fin=aujourd_hui() + timedelta(30))
    with pytest.raises(services.EngagementImpossible):
        services.engagement_prolonger(
            engagement=engagement,
            par=personne,
            fin=services.ajouter_mois(aujourd_hui(), 12) + timedelta(1),
        )
    with pytest.raises(services.EngagementImpossible) as refus:
        services.engagement_prolonger(engagement=engagement, par=personne, fin=engagement.fin)
    assert "après la fin actuelle" in refus.value.message_dict["fin"][0]
    with pytest.raises(services.EngagementImpossible):
        services.engagement_prolonger(engagement=engagement, par=personne, fin=None)


@pytest.mark.parametrize("qui", ["autre", "coordination", "direction"])
def test_only_the_person_renews_their_engagement(qui, persona):
    engagement = EngagementFactory()
    par = PersonneFactory() if qui == "autre" else persona(qui)
    with pytest.raises(PermissionDenied):
        services.engagement_prolonger(
            engagement=engagement, par=par, fin=engagement.fin + timedelta(10)
        )


def test_an_ended_engagement_cannot_be_renewed():
    personne = PersonneFactory()
    engagement = EngagementFactory(
        personne=personne, termine_le=aujourd_hui(), motif_fin=MotifFin.QUITTE
    )
    with pytest.raises(services.EngagementImpossible):
        services.engagement_prolonger(
            engagement=engagement, par=personne, fin=engagement.fin + timedelta(1)
        )


def test_an_engagement_in_a_community_asleep_cannot_be_renewed():
    personne = PersonneFactory()
    engagement = EngagementFactory(
        personne=personne, communaute=CommunauteFactory(statut=StatutCommunaute.EN_SOMMEIL)
    )
    with pytest.raises(services.EngagementImpossible):
        services.engagement_prolonger(
            engagement=engagement, par=personne, fin=engagement.fin + timedelta(1)
        )


# --- Leave --------------------------------------------------------------------------------


def test_leaving_ends_the_engagement_today():
    personne = PersonneFactory()
    engagement = EngagementFactory(personne=personne, heures_par_mois=5)
    services.engagement_quitter(engagement=engagement, par=personne)
    engagement.refresh_from_db()
    assert engagement.termine_le == aujourd_hui()
    assert engagement.motif_fin == MotifFin.QUITTE
    assert not engagement.est_actif
    assert services.heures_engagees(personne) == 0


def test_leaving_twice_is_refused():
    personne = PersonneFactory()
    engagement = EngagementFactory(personne=personne)
    services.engagement_quitter(engagement=engagement, par=personne)
    with pytest.raises(services.EngagementImpossible):
        services.engagement_quitter(engagement=engagement, par=personne)


@pytest.mark.parametrize(
    "role", ["direction", "coordination", "animation", "documentation", "recherche"]
)
def test_the_ti_team_may_end_someone_s_engagement(role, persona):
    engagement = EngagementFactory()
    services.engagement_quitter(engagement=engagement, par=persona(role))
    engagement.refresh_from_db()
    assert engagement.motif_fin == MotifFin.QUITTE


@pytest.mark.parametrize("role", ["relais", "copil", "codir"])
def test_nobody_else_may_end_someone_s_engagement(role, persona):
    engagement = EngagementFactory()
    with pytest.raises(PermissionDenied):
        services.engagement_quitter(engagement=engagement, par=persona(role))
    engagement.refresh_from_db()
    assert engagement.termine_le is None


# --- Personal data export -----------------------------------------------------------------


def test_the_personal_data_export_lists_the_person_s_engagements_only():
    from tilab.comptes.services import donnees_personnelles_exporter

    personne = PersonneFactory()
    EngagementFactory(personne=personne, communaute=CommunauteFactory(nom="Mobilités"))
    EngagementFactory(communaute=CommunauteFactory(nom="Autre chose"))
    export = donnees_personnelles_exporter(personne=personne)
    assert [e["communaute"] for e in export["engagements"]] == ["Mobilités"]
    assert export["engagements"][0]["heures_par_mois"] == 2


# --- Two tabs at once ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_joins_at_once_cannot_both_slip_under_the_threshold(settings, monkeypatch):
    """Each join reads the person's hours then writes: without the lock on the person both
    would read 4 h and both pass. The sleep widens the window between reading and writing."""
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    personne = PersonneFactory()
    EngagementFactory(personne=personne, heures_par_mois=4)
    communautes = [CommunauteFactory(), CommunauteFactory()]
    lire = services.heures_engagees

    def lire_lentement(p, *, sauf=None):
        total = lire(p, sauf=sauf)
        time.sleep(0.5)
        return total

    monkeypatch.setattr(services, "heures_engagees", lire_lentement)
    barriere = threading.Barrier(2)
    resultats: list[str] = []

    def cliquer(communaute):
        try:
            barriere.wait()
            rejoindre(communaute, personne, heures_par_mois=4)
            resultats.append("engagé")
        except services.SeuilDepasse:
            resultats.append("à confirmer")
        finally:
            connection.close()

    fils = [threading.Thread(target=cliquer, args=(c,)) for c in communautes]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == ["engagé", "à confirmer"]
    assert lire(personne) == 8


# --- The community's journal keeps every step of a commitment -----------------------------


def test_joining_renewing_and_leaving_are_each_recorded_in_the_community_journal():
    from communautes.models import ActionCommunaute, TypeAction

    communaute = CommunauteFactory()
    personne = PersonneFactory()
    fin = aujourd_hui() + timedelta(days=30)
    engagement = rejoindre(communaute, personne, heures_par_mois=3, fin=fin)
    nouvelle_fin = aujourd_hui() + timedelta(days=200)
    services.engagement_prolonger(engagement=engagement, par=personne, fin=nouvelle_fin)
    equipe = PersonneFactory(roles=["Animation"])
    services.engagement_quitter(engagement=engagement, par=equipe)

    journal = list(ActionCommunaute.objects.filter(communaute=communaute).order_by("pk"))
    assert [(a.type, a.par) for a in journal] == [
        (TypeAction.REJOINDRE, personne),
        (TypeAction.PROLONGER, personne),
        (TypeAction.QUITTER, equipe),
    ]
    assert "3 h par mois" in journal[0].detail
    # The renewal overwrites the end date on the commitment: the journal keeps the old one.
    assert services._date(fin) in journal[1].detail
    assert services._date(nouvelle_fin) in journal[1].detail
    assert journal[2].detail.endswith("par l'équipe.")


def test_a_refused_join_records_nothing():
    from communautes.models import ActionCommunaute

    communaute = CommunauteFactory(statut=StatutCommunaute.CLOSE)
    with pytest.raises(services.EngagementImpossible):
        rejoindre(communaute, PersonneFactory())
    assert not ActionCommunaute.objects.filter(communaute=communaute).exists()
