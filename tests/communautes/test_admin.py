"""Communities and commitments in the back office: who gets in, state changes through the
service (recorded, closing ends the commitments), creation through the service, and the
problem's page in the desk offering to form its community only when it is legal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from communautes.models import (
    ActionCommunaute,
    Communaute,
    Engagement,
    MotifFin,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
)
from communautes.services.communautes import (
    ActionCommunauteImpossible,
    communaute_changer_statut,
    communaute_creer,
)
from problematiques.admin import ETAPES
from problematiques.models import Statut, TypeTransition
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory

pytestmark = pytest.mark.django_db

EQUIPE = ["direction", "coordination", "animation", "documentation", "recherche"]
GESTION = {"direction", "coordination", "animation"}
LISTE = "admin:communautes_communaute_changelist"
AJOUT = "admin:communautes_communaute_add"


def page(communaute):
    return reverse("admin:communautes_communaute_change", args=[communaute.pk])


def url_statut(communaute):
    return reverse("admin:communautes_communaute_statut", args=[communaute.pk])


def page_problematique(p):
    return reverse("admin:problematiques_problematique_change", args=[p.pk])


def url_constituer(p):
    return reverse("communautes:constituer_communaute", kwargs={"slug": p.slug})


# --- Who gets in ---------------------------------------------------------------------------


@pytest.mark.parametrize("nom", EQUIPE)
def test_the_whole_team_reads_communities_and_commitments(client_de, nom):
    communaute = CommunauteFactory(nom="Mobilités rurales")
    engagement = EngagementFactory(communaute=communaute)
    client = client_de(nom)
    reponse = client.get(reverse(LISTE))
    assert reponse.status_code == 200
    assert "Mobilités rurales" in reponse.content.decode()
    contenu = client.get(page(communaute)).content.decode()
    assert "engagements en cours" in contenu.lower()
    assert engagement.personne.email in contenu or str(engagement.personne) in contenu
    assert client.get(reverse("admin:communautes_engagement_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:communautes_engagement_change", args=[engagement.pk])).status_code
        == 200
    )
    # The state is changed through its own form, offered to those who may only.
    assert (url_statut(communaute) in contenu) is (nom in GESTION)


@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir"])
def test_people_outside_the_team_do_not_get_in(client_de, nom):
    communaute = CommunauteFactory()
    client = client_de(nom)
    for url in (reverse(LISTE), page(communaute), reverse(AJOUT)):
        reponse = client.get(url)
        assert reponse.status_code == 302 and "/admin/login/" in reponse["Location"]
    reponse = client.post(url_statut(communaute), {"statut-statut": "close"})
    assert reponse.status_code == 302 and "/admin/login/" in reponse["Location"]
    communaute.refresh_from_db()
    assert communaute.statut == StatutCommunaute.ACTIVE


@pytest.mark.parametrize("nom", EQUIPE)
def test_commitments_are_read_only_for_everyone(client_de, nom):
    engagement = EngagementFactory()
    client = client_de(nom)
    assert client.get(reverse("admin:communautes_engagement_add")).status_code == 403
    reponse = client.post(
        reverse("admin:communautes_engagement_change", args=[engagement.pk]),
        {"heures_par_mois": 40},
    )
    assert reponse.status_code == 403
    engagement.refresh_from_db()
    assert engagement.heures_par_mois == 2


def test_a_community_is_never_deleted(client_de):
    communaute = CommunauteFactory()
    client = client_de("direction")
    url = reverse("admin:communautes_communaute_delete", args=[communaute.pk])
    assert client.get(url).status_code == 403
    assert Communaute.objects.filter(pk=communaute.pk).exists()


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_running_members_in_a_fixed_number_of_queries(
    client_de, django_assert_max_num_queries
):
    animateur = PersonneFactory(roles=["Animation"], is_staff=True, last_name="Le Gall")
    theme = ThemeFactory()
    communautes = []
    for n in range(60):
        c = CommunauteFactory(nom=f"Communauté {n:02d}", animateur=animateur)
        c.themes.add(theme)
        communautes.append(c)
    personnes = PersonneFactory.create_batch(5)
    for c in communautes:
        for personne in personnes:
            EngagementFactory(communaute=c, personne=personne)
    # Ended and future commitments do not count.
    EngagementFactory(
        communaute=communautes[0],
        termine_le=timezone.localdate(),
        motif_fin=MotifFin.QUITTE,
    )
    EngagementFactory(
        communaute=communautes[0], debut=timezone.localdate() - timedelta(days=100)
    )  # ended by its date 10 days ago
    client = client_de("coordination")
    with django_assert_max_num_queries(12):
        reponse = client.get(reverse(LISTE))
    assert reponse.status_code == 200
    assert len(reponse.context["cl"].result_list) == 50
    premiere = reponse.context["cl"].result_list[0]
    assert premiere.nom == "Communauté 00" and premiere.nb_membres == 5


@pytest.mark.parametrize(
    "params", ["?type__exact=thematique", "?statut__exact=active", "?q=Mobil", "?o=4"]
)
def test_the_filters_and_search_work(client_de, params):
    CommunauteFactory(nom="Mobilités rurales")
    reponse = client_de("direction").get(reverse(LISTE) + params)
    assert reponse.status_code == 200


# --- Creating ------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", EQUIPE)
def test_creating_a_thematic_community_goes_through_the_service(client_de, persona, nom):
    animateur = PersonneFactory(roles=["Animation"], is_staff=True)
    theme, territoire = ThemeFactory(), TerritoireFactory()
    client = client_de(nom)
    reponse = client.post(
        reverse(AJOUT),
        {
            "type": TypeCommunaute.ARCHIPEL,
            "nom": "Archipel des secrétaires de mairie",
            "objet": "Partager les pratiques.",
            "animateur": animateur.pk,
            "themes": [theme.pk],
            "territoires": [territoire.pk],
            "actions-TOTAL_FORMS": 0,
            "actions-INITIAL_FORMS": 0,
            "engagements-TOTAL_FORMS": 0,
            "engagements-INITIAL_FORMS": 0,
        },
    )
    if nom not in GESTION:
        assert reponse.status_code == 403
        assert not Communaute.objects.exists()
        return
    assert reponse.status_code == 302, reponse.context["adminform"].form.errors
    communaute = Communaute.objects.get()
    assert communaute.slug == "archipel-des-secretaires-de-mairie"
    assert communaute.statut == StatutCommunaute.EN_CONSTITUTION
    assert communaute.type == TypeCommunaute.ARCHIPEL
    assert list(communaute.themes.all()) == [theme]
    assert list(communaute.territoires.all()) == [territoire]
    (action,) = communaute.actions.all()
    assert action.type == TypeAction.CONSTITUER and action.par == persona(nom)


def test_the_add_form_refuses_a_community_of_interest_and_a_relay_as_animator(client_de):
    relais = PersonneFactory(roles=["Relais"])
    reponse = client_de("direction").post(
        reverse(AJOUT),
        {
            "type": TypeCommunaute.INTERET,
            "nom": "",
            "objet": "",
            "animateur": relais.pk,
            "actions-TOTAL_FORMS": 0,
            "actions-INITIAL_FORMS": 0,
            "engagements-TOTAL_FORMS": 0,
            "engagements-INITIAL_FORMS": 0,
        },
    )
    assert reponse.status_code == 200
    erreurs = reponse.context["adminform"].form.errors
    assert set(erreurs) == {"type", "nom", "objet", "animateur"}
    assert not Communaute.objects.exists()


def test_the_service_refuses_a_community_of_interest_and_other_roles(persona):
    direction = persona("direction")
    with pytest.raises(ActionCommunauteImpossible):
        communaute_creer(
            par=direction,
            type=TypeCommunaute.INTERET,
            nom="Intérêt",
            objet="Objet.",
            animateur=direction,
        )
    for nom in ("documentation", "relais", "anonyme"):
        with pytest.raises(ActionCommunauteImpossible):
            communaute_creer(
                par=persona(nom),
                type=TypeCommunaute.THEMATIQUE,
                nom="Thématique",
                objet="Objet.",
                animateur=direction,
            )
    assert not Communaute.objects.exists()


def test_the_animator_list_holds_active_team_members_only(client_de):
    actif = PersonneFactory(roles=["Recherche"], is_staff=True, last_name="Équipe")
    inactif = PersonneFactory(roles=["Animation"], is_staff=True, is_active=False)
    relais = PersonneFactory(roles=["Relais"])
    choix = reponse_choix(client_de("direction").get(reverse(AJOUT)))
    assert actif.pk in choix and inactif.pk not in choix and relais.pk not in choix


def reponse_choix(reponse):
    champ = reponse.context["adminform"].form.fields["animateur"]
    return {p.pk for p in champ.queryset}


def test_editing_keeps_the_state_and_the_type_out_of_reach(client_de):
    communaute = CommunauteFactory(nom="Avant")
    animateur = PersonneFactory(roles=["Coordination"], is_staff=True)
    reponse = client_de("coordination").post(
        page(communaute),
        {
            "nom": "Après",
            "objet": "Nouvel objet.",
            "animateur": animateur.pk,
            "statut": "close",
            "type": "interet",
            "actions-TOTAL_FORMS": 0,
            "actions-INITIAL_FORMS": 0,
            "engagements-TOTAL_FORMS": 0,
            "engagements-INITIAL_FORMS": 0,
        },
    )
    assert reponse.status_code == 302
    communaute.refresh_from_db()
    assert communaute.nom == "Après" and communaute.animateur == animateur
    assert communaute.statut == StatutCommunaute.ACTIVE
    assert communaute.type == TypeCommunaute.THEMATIQUE


# --- State ---------------------------------------------------------------------------------


def test_changing_the_state_from_the_change_page_is_recorded(client_de, persona):
    communaute = CommunauteFactory(statut=StatutCommunaute.EN_CONSTITUTION)
    client = client_de("animation")
    reponse = client.post(
        url_statut(communaute), {"statut-statut": "active", "statut-detail": "Cinq membres."}
    )
    assert reponse.status_code == 302 and reponse["Location"] == page(communaute)
    communaute.refresh_from_db()
    assert communaute.statut == StatutCommunaute.ACTIVE
    (action,) = communaute.actions.all()
    assert action.type == TypeAction.CHANGER_STATUT and action.par == persona("animation")
    assert action.detail == "En constitution → Active\nCinq membres."
    messages = [str(m) for m in get_messages(reponse.wsgi_request)]
    assert any("est maintenant : Active" in m for m in messages)
    contenu = client.get(page(communaute)).content.decode()
    assert "En constitution → Active" in contenu  # the journal inline


def test_closing_ends_every_running_commitment_of_that_community_only(persona):
    communaute = CommunauteFactory()
    en_cours = EngagementFactory.create_batch(3, communaute=communaute)
    deja_fini = EngagementFactory(
        communaute=communaute,
        termine_le=timezone.localdate() - timedelta(days=3),
        motif_fin=MotifFin.QUITTE,
    )
    ailleurs = EngagementFactory()

    communaute_changer_statut(
        communaute=communaute, par=persona("coordination"), statut=StatutCommunaute.CLOSE
    )

    for engagement in en_cours:
        engagement.refresh_from_db()
        assert engagement.termine_le == timezone.localdate()
        assert engagement.motif_fin == MotifFin.COMMUNAUTE_CLOSE
    deja_fini.refresh_from_db()
    assert deja_fini.motif_fin == MotifFin.QUITTE
    ailleurs.refresh_from_db()
    assert ailleurs.termine_le is None
    assert not Engagement.objects.filter(communaute=communaute).actifs().exists()
    assert communaute.actions.get().detail == "Active → Close"


def test_a_refused_close_ends_nothing(persona):
    communaute = CommunauteFactory()
    engagement = EngagementFactory(communaute=communaute)
    with pytest.raises(ActionCommunauteImpossible):
        communaute_changer_statut(
            communaute=communaute, par=persona("documentation"), statut="close"
        )
    engagement.refresh_from_db()
    assert engagement.termine_le is None
    assert not ActionCommunaute.objects.exists()


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_only_direction_coordination_and_animation_change_the_state(persona, nom):
    communaute = CommunauteFactory()
    if nom in GESTION:
        communaute_changer_statut(communaute=communaute, par=persona(nom), statut="en_sommeil")
        communaute.refresh_from_db()
        assert communaute.statut == StatutCommunaute.EN_SOMMEIL
    else:
        with pytest.raises(ActionCommunauteImpossible):
            communaute_changer_statut(communaute=communaute, par=persona(nom), statut="en_sommeil")
        communaute.refresh_from_db()
        assert communaute.statut == StatutCommunaute.ACTIVE


@pytest.mark.parametrize("statut", ["active", "inconnu", ""])
def test_same_or_unknown_state_is_refused(persona, statut):
    communaute = CommunauteFactory()
    with pytest.raises(ActionCommunauteImpossible):
        communaute_changer_statut(communaute=communaute, par=persona("direction"), statut=statut)
    assert not ActionCommunaute.objects.exists()


@pytest.mark.parametrize("nom", ["documentation", "recherche"])
def test_reading_roles_cannot_post_a_state_change(client_de, nom):
    communaute = CommunauteFactory()
    reponse = client_de(nom).post(url_statut(communaute), {"statut-statut": "close"})
    assert reponse.status_code == 403
    communaute.refresh_from_db()
    assert communaute.statut == StatutCommunaute.ACTIVE


def test_a_bad_state_from_the_form_is_said_not_raised(client_de):
    communaute = CommunauteFactory()
    client = client_de("direction")
    reponse = client.post(url_statut(communaute), {"statut-statut": "n-importe-quoi"})
    assert reponse.status_code == 302
    assert client.get(url_statut(communaute)).status_code == 405  # POST only
    reponse = client.post(url_statut(communaute), {"statut-statut": "active"})  # already active
    messages = [str(m) for m in get_messages(reponse.wsgi_request)]
    assert any("déjà « Active »" in m for m in messages)
    assert not ActionCommunaute.objects.exists()


def test_the_bulk_action_changes_the_state_through_the_service(client_de):
    communautes = CommunauteFactory.create_batch(3)
    dormante = CommunauteFactory(statut=StatutCommunaute.EN_SOMMEIL)
    EngagementFactory(communaute=communautes[0])
    reponse = client_de("coordination").post(
        reverse(LISTE),
        {
            "action": "passer_close",
            "_selected_action": [c.pk for c in [*communautes, dormante]],
        },
    )
    assert reponse.status_code == 302
    assert set(Communaute.objects.values_list("statut", flat=True)) == {StatutCommunaute.CLOSE}
    assert ActionCommunaute.objects.filter(type=TypeAction.CHANGER_STATUT).count() == 4
    assert not Engagement.objects.actifs().exists()


def test_reading_roles_get_no_state_actions(client_de):
    CommunauteFactory()
    reponse = client_de("documentation").get(reverse(LISTE))
    actions = (
        reponse.context["action_form"].fields["action"].choices
        if reponse.context.get("action_form")
        else []
    )
    assert not any(str(valeur).startswith("passer_") for valeur, _libelle in actions)


# --- Events link to a community ------------------------------------------------------------


def test_an_event_can_be_linked_to_a_community(client_de):
    from tests.communautes.evenements.factories import EvenementFactory

    evenement = EvenementFactory()
    reponse = client_de("direction").get(
        reverse("admin:communautes_evenement_change", args=[evenement.pk])
    )
    assert reponse.status_code == 200
    assert "communaute" in reponse.context["adminform"].form.fields


# --- The problem's page in the desk --------------------------------------------------------


@pytest.mark.parametrize("nom", EQUIPE)
def test_the_desk_offers_to_form_the_community_to_those_who_may(client_de, nom):
    p = ProblematiqueFactory(publiee=True)
    SoutienFactory(problematique=p, rejoindrait_communaute=True)
    contenu = client_de(nom).get(page_problematique(p)).content.decode()
    assert (url_constituer(p) in contenu) is (nom in GESTION)
    if nom in GESTION:
        assert "Constituer la communauté d&#x27;intérêt" in contenu or (
            "Constituer la communauté d'intérêt" in contenu
        )
        assert "1 personne qui soutient" in contenu


@pytest.mark.parametrize("statut", list(Statut))
def test_the_button_shows_only_when_forming_is_legal(client_de, statut):
    p = ProblematiqueFactory(statut=statut, publiee_le=timezone.now())
    contenu = client_de("coordination").get(page_problematique(p)).content.decode()
    assert (url_constituer(p) in contenu) is (statut in {Statut.OUVERTE, Statut.AJOURNEE})


def test_once_formed_the_desk_links_to_the_community(client_de):
    communaute = CommunauteFactory(interet=True, nom="Soins de proximité")
    p = communaute.problematique
    p.statut = Statut.AJOURNEE
    p.save()
    contenu = client_de("coordination").get(page_problematique(p)).content.decode()
    assert url_constituer(p) not in contenu
    assert page(communaute) in contenu and "Soins de proximité" in contenu


def test_the_generic_step_buttons_never_offer_forming_a_community(client_de):
    assert all(type_ is not TypeTransition.CONSTITUER_COMMUNAUTE for type_, *_ in ETAPES.values())
    p = ProblematiqueFactory(publiee=True)
    client = client_de("coordination")
    contenu = client.get(page_problematique(p)).content.decode()
    assert "/etape/constituer" not in contenu
    reponse = client.post(
        reverse("admin:problematiques_problematique_etape", args=[p.pk, "constituer_communaute"])
    )
    assert reponse.status_code == 404
    p.refresh_from_db()
    assert p.statut == Statut.OUVERTE
    # Nor do the bulk actions.
    actions = (
        client.get(reverse("admin:problematiques_problematique_changelist"))
        .context["action_form"]
        .fields["action"]
        .choices
    )
    assert not any("constituer" in str(valeur) for valeur, _libelle in actions)


@pytest.mark.parametrize(
    ("modele", "champ", "nom"),
    [
        ("communaute", "themes", "animation"),
        ("communaute", "territoires", "coordination"),
        ("evenement", "communaute", "animation"),
    ],
)
def test_the_autocompletes_answer_the_people_who_edit(client_de, modele, champ, nom):
    ThemeFactory(nom="Mobilités")
    TerritoireFactory(nom="Morlaix")
    CommunauteFactory(nom="Mobilités rurales")
    reponse = client_de(nom).get(
        reverse("admin:autocomplete"),
        {"app_label": "communautes", "model_name": modele, "field_name": champ, "term": "Mo"},
    )
    assert reponse.status_code == 200
    assert reponse.json()["results"]


# --- Animator -------------------------------------------------------------------------------


def _donnees_modification(communaute, **champs):
    return {
        "nom": communaute.nom,
        "objet": communaute.objet,
        "animateur": communaute.animateur_id or "",
        "actions-TOTAL_FORMS": 0,
        "actions-INITIAL_FORMS": 0,
        "engagements-TOTAL_FORMS": 0,
        "engagements-INITIAL_FORMS": 0,
    } | champs


def test_handing_a_community_to_another_animator_is_recorded(client_de, persona):
    ancienne = PersonneFactory(roles=["Animation"], first_name="Rozenn", last_name="Kerbrat")
    communaute = CommunauteFactory(animateur=ancienne)
    nouvelle = persona("animation")
    reponse = client_de("coordination").post(
        page(communaute), _donnees_modification(communaute, animateur=nouvelle.pk)
    )
    assert reponse.status_code == 302
    communaute.refresh_from_db()
    assert communaute.animateur == nouvelle
    (action,) = communaute.actions.all()
    assert action.type == TypeAction.CHANGER_ANIMATEUR
    assert action.par == persona("coordination")
    assert action.detail == f"Rozenn Kerbrat → {nouvelle}"


def test_editing_other_fields_records_no_animator_change(client_de):
    communaute = CommunauteFactory(animateur=PersonneFactory(roles=["Animation"]))
    reponse = client_de("direction").post(
        page(communaute), _donnees_modification(communaute, nom="Nouveau nom")
    )
    assert reponse.status_code == 302
    communaute.refresh_from_db()
    assert communaute.nom == "Nouveau nom"
    assert not communaute.actions.exists()


def test_the_animator_service_refuses_other_roles_and_non_team_animators(persona):
    from communautes.services.communautes import communaute_changer_animateur

    communaute = CommunauteFactory(animateur=persona("animation"))
    with pytest.raises(ActionCommunauteImpossible):
        communaute_changer_animateur(
            communaute=communaute, par=persona("documentation"), animateur=persona("direction")
        )
    with pytest.raises(ActionCommunauteImpossible):
        communaute_changer_animateur(
            communaute=communaute, par=persona("direction"), animateur=persona("relais")
        )
    communaute.refresh_from_db()
    assert communaute.animateur == persona("animation")
    assert not communaute.actions.exists()


def test_the_change_page_names_its_journal_and_commitments_in_words(client_de):
    engagement = EngagementFactory(heures_par_mois=3)
    contenu = client_de("animation").get(page(engagement.communaute)).content.decode()
    assert "Journal de la communauté" in contenu
    assert f"Membre, 3 h par mois jusqu&#x27;au {engagement.fin:%d/%m/%Y}" in contenu
    assert f"{engagement.personne_id} → {engagement.communaute_id}" not in contenu
