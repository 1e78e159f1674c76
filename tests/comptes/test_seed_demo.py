"""manage.py seed_demo: idempotent demo data whose accounts log in."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from communautes.models import (
    ActionCommunaute,
    Communaute,
    Engagement,
    Evenement,
    RoleEngagement,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
)
from problematiques.models import Soutien, Statut, Transition, TypeTransition
from tilab.comptes import demo
from tilab.comptes.models import (
    Expertise,
    Organisation,
    Personne,
    Territoire,
    Theme,
    TypeOrganisation,
    TypeTerritoire,
)

# The demo is loaded once for the module (tests/conftest.py); a test that calls seed() again
# checks that loading it twice changes nothing.
pytestmark = pytest.mark.usefixtures("demo_du_module")

COMPTES = {
    "relais@demo.tilab.bzh": ["Relais"],
    "direction@demo.tilab.bzh": ["Direction"],
    "coordination@demo.tilab.bzh": ["Coordination"],
    "animation@demo.tilab.bzh": ["Animation"],
    "documentation@demo.tilab.bzh": ["Documentation"],
    "recherche@demo.tilab.bzh": ["Recherche"],
    "copil@demo.tilab.bzh": ["COPIL"],
    "codir@demo.tilab.bzh": ["CODIR"],
    "admin@demo.tilab.bzh": [],
}
MOT_DE_PASSE = "Demo-TiLab-2026"


def seed(*args: str) -> str:
    sortie = StringIO()
    call_command("seed_demo", *args, stdout=sortie)
    return sortie.getvalue()


def etat() -> dict[str, object]:
    return {
        "personnes": sorted(
            Personne.objects.values_list(
                "email",
                "first_name",
                "last_name",
                "organisation__slug",
                "fonction",
                "is_staff",
                "is_superuser",
                "password",
            )
        ),
        "organisations": sorted(
            Organisation.objects.values_list("slug", "nom", "type", "territoire__slug")
        ),
        "territoires": sorted(
            Territoire.objects.values_list("slug", "nom", "type", "code", "parent__slug")
        ),
        "themes": sorted(Theme.objects.values_list("slug", "nom", "description")),
        "adresses": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
        "roles": sorted(
            Personne.groups.through.objects.values_list("personne__email", "group__name")
        ),
        "groupes": Group.objects.count(),
        "communautes": sorted(
            Communaute.objects.values_list(
                "slug",
                "nom",
                "type",
                "statut",
                "animateur__email",
                "problematique__slug",
                "cree_le",
            )
        ),
        "engagements": sorted(
            Engagement.objects.values_list(
                "communaute__slug",
                "personne__email",
                "role",
                "expertise",
                "organisation__slug",
                "heures_par_mois",
                "debut",
                "fin",
                "termine_le",
                "motif_fin",
            )
        ),
        "actions": sorted(
            ActionCommunaute.objects.values_list("communaute__slug", "type", "par__email", "le")
        ),
        "transitions": Transition.objects.count(),
        "evenements": sorted(Evenement.objects.values_list("slug", "communaute__slug")),
    }


@pytest.mark.django_db
def test_running_it_twice_changes_nothing():
    premier = etat()
    seed()
    assert etat() == premier


@pytest.mark.django_db
def test_it_loads_every_kind_of_reference_data():
    assert Theme.objects.count() >= 8
    assert {o.type for o in Organisation.objects.all()} == set(TypeOrganisation.values)
    for code in ("22", "29", "35", "56"):
        departement = Territoire.objects.get(type=TypeTerritoire.DEPARTEMENT, code=code)
        epcis = departement.enfants.all()
        assert epcis.count() >= 3
        assert all(epci.enfants.exists() for epci in epcis)
    assert Territoire.objects.get(slug="rennes-metropole").code == "243500139"
    assert Territoire.objects.get(slug="rennes").code == "35238"


@pytest.mark.django_db
def test_every_demo_territory_respects_the_hierarchy():
    for territoire in Territoire.objects.select_related("parent"):
        territoire.full_clean()


@pytest.mark.django_db
def test_demo_accounts_have_their_roles_and_a_verified_address():
    for email, roles in COMPTES.items():
        personne = Personne.objects.get(email=email)
        assert sorted(personne.groups.values_list("name", flat=True)) == roles
        assert EmailAddress.objects.filter(
            user=personne, email=email, verified=True, primary=True
        ).exists()
        assert personne.first_name and personne.last_name and personne.organisation
    staff = set(Personne.objects.filter(is_staff=True).values_list("email", flat=True))
    assert staff == {
        "direction@demo.tilab.bzh",
        "coordination@demo.tilab.bzh",
        "animation@demo.tilab.bzh",
        "documentation@demo.tilab.bzh",
        "recherche@demo.tilab.bzh",
        "admin@demo.tilab.bzh",
    }
    assert list(Personne.objects.filter(is_superuser=True).values_list("email", flat=True)) == [
        "admin@demo.tilab.bzh"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("email", list(COMPTES))
def test_demo_accounts_log_in_with_the_demo_password(client, email):
    reponse = client.post(reverse("account_login"), {"login": email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 302
    assert client.session["_auth_user_id"] == str(Personne.objects.get(email=email).pk)


@pytest.mark.django_db
def test_a_changed_demo_password_is_put_back():
    personne = Personne.objects.get(email="relais@demo.tilab.bzh")
    personne.set_password("autre-chose-2026")
    personne.save()
    seed()
    personne.refresh_from_db()
    assert personne.check_password(MOT_DE_PASSE)


@pytest.mark.django_db
def test_without_once_it_puts_back_what_was_removed():
    Theme.objects.filter(slug="habitat").delete()
    seed()
    assert Theme.objects.filter(slug="habitat").exists()


@pytest.mark.django_db  # with the others: the demo is loaded once for the module
def test_the_readme_table_and_the_module_agree():
    assert [c.email for c in demo.COMPTES_DEMO] == list(COMPTES)


# --- Communities, commitments and their events (second phase of seed_demo) ----------------


@pytest.mark.django_db
def test_the_demo_has_every_kind_of_community_with_running_commitments():
    par_type = {t: Communaute.objects.filter(type=t).count() for t in TypeCommunaute.values}
    assert par_type == {"interet": 2, "thematique": 2, "archipel": 2}
    assert {c.statut for c in Communaute.objects.all()} >= {
        StatutCommunaute.ACTIVE,
        StatutCommunaute.EN_CONSTITUTION,
        StatutCommunaute.EN_SOMMEIL,
    }
    actifs = Engagement.objects.actifs()
    assert 35 <= actifs.count() <= 45
    assert Engagement.objects.filter(termine_le__isnull=False).count() >= 2
    assert {e.expertise for e in actifs} >= {
        Expertise.AGENT_TERRAIN,
        Expertise.DECIDEUR,
        Expertise.EXPERT_METIER,
        Expertise.CHERCHEUR,
        Expertise.USAGER,
    }
    assert actifs.filter(role=RoleEngagement.REFERENT).exists()
    # Every community has its journal entry, and the events that belong to one are linked.
    for communaute in Communaute.objects.all():
        assert communaute.actions.filter(type=TypeAction.CONSTITUER).count() == 1
    assert Evenement.objects.filter(communaute__isnull=False).count() == 3


@pytest.mark.django_db
def test_every_demo_community_and_commitment_passes_its_checks():
    for communaute in Communaute.objects.all():
        communaute.full_clean()
    for engagement in Engagement.objects.all():
        engagement.full_clean()
        assert engagement.fin <= engagement.debut.replace(year=engagement.debut.year + 1)
        assert engagement.personne.email.endswith("@demo.tilab.bzh")


@pytest.mark.django_db
def test_the_demo_accounts_of_the_readme_have_something_to_show():
    from django.conf import settings
    from django.db.models import Sum
    from django.utils import timezone

    relais = Personne.objects.get(email="relais@demo.tilab.bzh")
    assert Engagement.objects.actifs().de(relais).count() == 1
    assert Communaute.objects.filter(animateur__email="animation@demo.tilab.bzh").exists()

    # One person is over the monthly threshold, and only one (a commitment guaranteed by a
    # pact does not count towards it: the experiments' demo has one).
    seuil = settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS
    heures = (
        Engagement.objects.actifs()
        .personnels()
        .values("personne__email")
        .annotate(total=Sum("heures_par_mois"))
    )
    assert [h["personne__email"] for h in heures if h["total"] > seuil] == [
        "katell.prigent@demo.tilab.bzh"
    ]
    # One commitment ends in ten days: the reminder is due.
    dans_dix_jours = timezone.localdate() + timezone.timedelta(days=10)
    assert Engagement.objects.actifs().filter(fin=dans_dix_jours).count() == 1


@pytest.mark.django_db
def test_communities_of_interest_are_formed_around_supported_problems():
    for communaute in Communaute.objects.filter(type=TypeCommunaute.INTERET):
        p = communaute.problematique
        assert p is not None and p.est_publique
        # The governance demo puts one of them on the open COPIL session's agenda.
        assert p.statut in {Statut.COMMUNAUTE_CONSTITUEE, Statut.CANDIDATE}
        assert Soutien.objects.filter(problematique=p, rejoindrait_communaute=True).exists()
        etape = Transition.objects.get(problematique=p, type=TypeTransition.CONSTITUER_COMMUNAUTE)
        assert etape.publique and etape.statut_avant == Statut.OUVERTE
        assert communaute.nom in etape.commentaire_public
        # Formed after the problem was published.
        assert p.publiee_le is not None and etape.cree_le > p.publiee_le


@pytest.mark.django_db
def test_one_community_of_interest_is_mature_but_for_the_territory():
    communaute = Communaute.objects.get(slug="logement-des-saisonniers")
    actifs = Engagement.objects.actifs().filter(communaute=communaute)
    from django.conf import settings

    assert actifs.count() >= settings.COMMUNAUTES_MATURITE_MEMBRES_MINIMUM
    expertises = set(actifs.values_list("expertise", flat=True))
    assert {Expertise.AGENT_TERRAIN, Expertise.DECIDEUR} <= expertises
    assert actifs.filter(role=RoleEngagement.REFERENT).exists()
    assert communaute.territoire_volontaire is None
    assert communaute.derogation_le is None
    # And the checklist of the problem's page agrees.
    from communautes.services.maturite import maturite_de_communaute

    maturite = maturite_de_communaute(communaute)
    assert [critere.code for critere in maturite.manquants] == ["territoire"]


@pytest.mark.django_db
def test_a_demo_commitment_someone_ended_is_put_back_and_history_kept():
    relais = Personne.objects.get(email="relais@demo.tilab.bzh")
    engagement = Engagement.objects.actifs().de(relais).get()
    from django.utils import timezone

    Engagement.objects.filter(pk=engagement.pk).update(
        termine_le=timezone.localdate(), motif_fin="quitte"
    )
    seed()
    assert Engagement.objects.actifs().de(relais).count() == 1
    assert Engagement.objects.de(relais).count() == 2
