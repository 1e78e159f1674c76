"""Forming a community of interest from a problem: the service, its e-mails, the team's form
and what the problem's page shows."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from communautes.models import (
    ActionCommunaute,
    Communaute,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
)
from communautes.services.communautes import (
    SLUGS_RESERVES,
    ActionCommunauteImpossible,
    ConstitutionImpossible,
    communaute_constituer,
    soutiens_invites,
)
from problematiques.models import Statut, Transition, TypeTransition
from problematiques.trajectoire import trajectoire
from tests.communautes.factories import CommunauteFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory
from tests.pages import nb_requetes
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory
from tilab.slugs import slug_unique

pytestmark = pytest.mark.django_db

CONSTITUANTS = {"direction", "coordination", "animation"}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> **gras**'


def url_constituer(p):
    return reverse("communautes:constituer_communaute", kwargs={"slug": p.slug})


@pytest.fixture
def soutenue():
    """A published problem with an author who follows it and four supports: one ready to join,
    one ready to join whose account is deactivated, one not ready, one ready whose account was
    deleted (its support stays, without a person)."""
    p = ProblematiqueFactory(
        publiee=True,
        titre="Se soigner sans voiture dans les hameaux",
        territoires=[TerritoireFactory(), TerritoireFactory()],
        themes=[ThemeFactory(), ThemeFactory()],
    )
    pret = SoutienFactory(
        problematique=p, rejoindrait_communaute=True, personne__email="prete@exemple.fr"
    )
    desactive = SoutienFactory(
        problematique=p,
        rejoindrait_communaute=True,
        personne__email="desactive@exemple.fr",
        personne__is_active=False,
    )
    pas_pret = SoutienFactory(
        problematique=p, rejoindrait_communaute=False, personne__email="simple@exemple.fr"
    )
    SoutienFactory(problematique=p, rejoindrait_communaute=True, personne=None, suivi=False)
    p.pret, p.desactive, p.pas_pret = pret, desactive, pas_pret
    return p


def constituer(p, par, **options):
    valeurs = {
        "problematique": p,
        "par": par,
        "nom": "Se soigner sans voiture",
        "objet": "Réunir **celles et ceux** qui cherchent des solutions.",
        "animateur": par,
    } | options
    return communaute_constituer(**valeurs)


# --- The service ---------------------------------------------------------------------------


def test_forming_creates_the_community_with_the_problem_themes_and_territories(
    soutenue, coordination
):
    communaute = constituer(soutenue, coordination)

    communaute.refresh_from_db()
    assert communaute.type == TypeCommunaute.INTERET
    assert communaute.statut == StatutCommunaute.EN_CONSTITUTION
    assert communaute.problematique == soutenue
    assert communaute.animateur == coordination
    assert communaute.slug == "se-soigner-sans-voiture"
    assert set(communaute.themes.all()) == set(soutenue.themes.all())
    assert set(communaute.territoires.all()) == set(soutenue.territoires.all())
    assert len(communaute.themes.all()) == 2 and len(communaute.territoires.all()) == 2
    (action,) = ActionCommunaute.objects.filter(communaute=communaute)
    assert action.type == TypeAction.CONSTITUER and action.par == coordination
    assert soutenue.titre in action.detail
    soutenue.refresh_from_db()
    assert soutenue.statut == Statut.COMMUNAUTE_CONSTITUEE


@pytest.mark.parametrize("statut", list(Statut))
def test_forming_is_legal_only_from_an_open_or_adjourned_problem(coordination, statut):
    p = ProblematiqueFactory(publiee=True, statut=statut)
    if statut in {Statut.OUVERTE, Statut.AJOURNEE}:
        constituer(p, coordination)
        assert Communaute.objects.filter(problematique=p).exists()
        etape = p.transitions.get(type=TypeTransition.CONSTITUER_COMMUNAUTE)
        assert etape.statut_avant == statut
        assert etape.statut_apres == Statut.COMMUNAUTE_CONSTITUEE
    else:
        with pytest.raises(ConstitutionImpossible) as refus:
            constituer(p, coordination)
        assert refus.value.code == "etat"
        assert not Communaute.objects.exists()
        assert not p.transitions.exists()
        p.refresh_from_db()
        assert p.statut == statut


def test_a_problem_has_one_community_only(soutenue, coordination, direction):
    constituer(soutenue, coordination)
    with pytest.raises(ConstitutionImpossible) as refus:
        constituer(soutenue, direction, nom="Une autre")
    assert refus.value.code == "deja"
    assert Communaute.objects.count() == 1
    assert soutenue.transitions.filter(type=TypeTransition.CONSTITUER_COMMUNAUTE).count() == 1


def test_an_adjourned_problem_whose_community_exists_is_refused(coordination):
    communaute = CommunauteFactory(interet=True)
    p = communaute.problematique
    p.statut = Statut.AJOURNEE
    p.save()
    with pytest.raises(ConstitutionImpossible, match="déjà sa communauté"):
        constituer(p, coordination)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_only_direction_coordination_and_animation_form_a_community(
    soutenue, persona, nom, django_capture_on_commit_callbacks
):
    par = persona(nom)
    animateur = PersonneFactory(roles=["Animation"], is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        if nom in CONSTITUANTS:
            communaute = constituer(soutenue, par, animateur=animateur)
            assert communaute.actions.get().par == par
            assert soutenue.transitions.get(type=TypeTransition.CONSTITUER_COMMUNAUTE).auteur == par
        else:
            with pytest.raises(ConstitutionImpossible) as refus:
                constituer(soutenue, par, animateur=animateur)
            assert refus.value.code == "role"
    if nom not in CONSTITUANTS:
        assert not Communaute.objects.exists()
        assert not soutenue.transitions.exists()
        assert mail.outbox == []


@pytest.mark.parametrize(
    ("roles", "actif"),
    [(["Relais"], True), (["COPIL"], True), ([], True), (["Coordination"], False)],
)
def test_the_animator_is_an_active_member_of_the_ti_team(soutenue, coordination, roles, actif):
    animateur = PersonneFactory(roles=roles, is_active=actif)
    with pytest.raises(ConstitutionImpossible) as refus:
        constituer(soutenue, coordination, animateur=animateur)
    assert "animateur" in refus.value.error_dict
    assert not Communaute.objects.exists()


@pytest.mark.parametrize(
    "role", ["Direction", "Coordination", "Animation", "Documentation", "Recherche"]
)
def test_any_active_ti_team_member_may_animate(soutenue, coordination, role):
    animateur = PersonneFactory(roles=[role], is_staff=True)
    assert constituer(soutenue, coordination, animateur=animateur).animateur == animateur


@pytest.mark.parametrize(("nom", "objet"), [("", "Un objet."), ("  ", "Un objet."), ("Nom", " ")])
def test_a_name_and_a_purpose_are_needed(soutenue, coordination, nom, objet):
    with pytest.raises(ConstitutionImpossible):
        constituer(soutenue, coordination, nom=nom, objet=objet)
    assert not Communaute.objects.exists()


def test_invitations_go_to_active_supporters_who_opted_in_and_nobody_gets_two_mails(
    soutenue, coordination, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as rappels:
        communaute = constituer(soutenue, coordination)
    assert mail.outbox == []  # nothing leaves before the commit
    for rappel in rappels:
        rappel()

    par_adresse: dict[str, list] = {}
    for message in mail.outbox:
        (adresse,) = message.to
        par_adresse.setdefault(adresse, []).append(message)
    assert set(par_adresse) == {
        "prete@exemple.fr",
        "simple@exemple.fr",
        soutenue.auteur.email,
    }
    assert all(len(messages) == 1 for messages in par_adresse.values())

    (invitation,) = par_adresse["prete@exemple.fr"]
    rejoindre = reverse("communautes:rejoindre", kwargs={"slug": communaute.slug})
    assert "rejoignez la communauté « Se soigner sans voiture »" in invitation.subject
    assert f"{settings.SITE_URL}{rejoindre}" in invitation.body
    html, type_mime = invitation.alternatives[0]
    assert type_mime == "text/html"
    assert rejoindre in html and "<strong>celles et ceux</strong>" in html

    for adresse in ("simple@exemple.fr", soutenue.auteur.email):
        (message,) = par_adresse[adresse]
        assert "communauté d'intérêt constituée" in message.subject
        assert "Communauté constituée" in message.body


def test_the_invitation_escapes_what_was_typed(
    soutenue, coordination, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        constituer(soutenue, coordination, nom="<b>Soins</b> & co", objet=XSS)
    (invitation,) = [m for m in mail.outbox if m.to == ["prete@exemple.fr"]]
    html = invitation.alternatives[0][0]
    assert "<script>" not in html and "<img" not in html and "<b>Soins" not in html
    assert "&lt;b&gt;Soins&lt;/b&gt;" in html
    assert "<strong>gras</strong>" in html


def test_the_counted_invitees_are_the_ones_invited(soutenue):
    assert [s.pk for s in soutiens_invites(soutenue)] == [soutenue.pret.pk]


def test_the_step_is_public_on_the_trajectory_with_a_link_to_the_community(
    soutenue, coordination, client
):
    communaute = constituer(soutenue, coordination)
    etape = Transition.objects.get(type=TypeTransition.CONSTITUER_COMMUNAUTE)
    assert etape.publique and etape.statut_apres == Statut.COMMUNAUTE_CONSTITUEE

    soutenue.refresh_from_db()
    (derniere,) = [e for e in trajectoire(soutenue) if e.genre == "communaute"]
    assert derniere.lien == communaute.get_absolute_url()
    assert "Se soigner sans voiture" in derniere.lien_texte

    page = client.get(soutenue.get_absolute_url()).content.decode()
    assert "trajectoire__etape--communaute" in page
    assert f'href="{communaute.get_absolute_url()}"' in page
    assert (
        "Communauté d&#x27;intérêt constituée" in page or "Communauté d'intérêt constituée" in page
    )


def test_slugs_are_unique_and_never_a_fixed_path(coordination):
    def slug_communaute(nom):
        # What the service asks the toolkit for (communautes.services.communautes._creer).
        return slug_unique(Communaute, nom, reserves=SLUGS_RESERVES)

    assert {"mes-engagements", "charge", "flux"} == SLUGS_RESERVES
    assert slug_communaute("Mes engagements") == "mes-engagements-2"
    assert slug_communaute("Flux") == "flux-2"
    assert slug_communaute("Charge") == "charge-2"
    assert slug_communaute("!!!") == "communaute"
    CommunauteFactory(slug="mobilites")
    CommunauteFactory(slug="mobilites-2")
    assert slug_communaute("Mobilités") == "mobilites-3"
    p = ProblematiqueFactory(publiee=True)
    assert constituer(p, coordination, nom="Charge").slug == "charge-2"
    autre = ProblematiqueFactory(publiee=True)
    assert constituer(autre, coordination, nom="Mobilités").slug == "mobilites-3"


# --- The form page -------------------------------------------------------------------------


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_who_gets_the_form(client_de, soutenue, nom):
    reponse = client_de(nom).get(url_constituer(soutenue))
    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
    elif nom in CONSTITUANTS:
        assert reponse.status_code == 200
        page = reponse.content.decode()
        assert 'value="Se soigner sans voiture dans les hameaux"' in page
        assert "1 personne</strong> qui soutient" in page
        assert (
            "Se soigner sans voiture dans les hameaux" in reponse.context["form"]["objet"].value()
        )
        # The person filling it in animates by default.
        assert reponse.context["form"]["animateur"].value() == reponse.wsgi_request.user.pk
    else:
        assert reponse.status_code == 403


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_who_may_post_the_form(client_de, persona, soutenue, nom):
    animateur = PersonneFactory(roles=["Animation"], is_staff=True)
    reponse = client_de(nom).post(
        url_constituer(soutenue),
        {"nom": "Soins de proximité", "objet": "Trouver des solutions.", "animateur": animateur.pk},
    )
    if nom in CONSTITUANTS:
        communaute = Communaute.objects.get()
        assert reponse.status_code == 302
        assert reponse["Location"] == communaute.get_absolute_url()
        assert communaute.nom == "Soins de proximité" and communaute.animateur == animateur
    else:
        if nom == "anonyme":
            assert reponse.status_code == 302
            assert reponse["Location"].startswith(reverse("account_login"))
        else:
            assert reponse.status_code == 403
        assert not Communaute.objects.exists()
        soutenue.refresh_from_db()
        assert soutenue.statut == Statut.OUVERTE


def test_success_says_how_many_people_were_invited(client_de, soutenue):
    client = client_de("coordination")
    reponse = client.post(
        url_constituer(soutenue),
        {
            "nom": "Soins",
            "objet": "Trouver des solutions.",
            "animateur": client.session["_auth_user_id"],
        },
        follow=False,
    )
    assert reponse.status_code == 302
    messages = [str(m) for m in reponse.wsgi_request._messages]
    assert messages == [
        "La communauté « Soins » est constituée. 1 personne invitée par courriel à la rejoindre."
    ]


def test_a_name_with_a_bidirectional_control_is_refused_next_to_the_field(client_de, soutenue):
    client = client_de("coordination")

    reponse = client.post(
        url_constituer(soutenue),
        {
            "nom": "\u202esniohcoS",
            "objet": "Trouver des solutions.",
            "animateur": client.session["_auth_user_id"],
        },
    )

    assert reponse.status_code == 400
    assert not Communaute.objects.exists()
    assert reponse.context["form"].errors.as_data()["nom"][0].code == "caracteres_invisibles"
    assert 'value="sniohcoS"' in reponse.content.decode()


def test_an_empty_name_keeps_the_input_and_says_why_in_french(client_de, soutenue, coordination):
    reponse = client_de("coordination").post(
        url_constituer(soutenue),
        {"nom": "  ", "objet": "Mon objet à moi", "animateur": coordination.pk},
    )
    assert reponse.status_code == 400
    page = reponse.content.decode()
    assert "Donnez un nom à la communauté." in page
    assert "Mon objet à moi" in page
    assert "n&#x27;est pas encore constituée" in page or "n'est pas encore constituée" in page
    assert 'aria-invalid="true"' in page
    assert not Communaute.objects.exists()


@pytest.mark.parametrize(
    ("donnees", "champ", "message"),
    [
        ({"nom": "ab"}, "nom", "Le nom est trop court"),
        ({"nom": "x" * 201}, "nom", "Le nom est trop long"),
        ({"objet": ""}, "objet", "Dites en quelques lignes pourquoi la communauté existe."),
        ({"animateur": ""}, "animateur", "Choisissez qui anime la communauté."),
        ({"animateur": "999999"}, "animateur", "Choisissez un membre actif de la Ti Team"),
        ({"animateur": "pas-un-nombre"}, "animateur", "Choisissez un membre actif de la Ti Team"),
    ],
)
def test_bad_input_is_answered_next_to_the_field(
    client_de, soutenue, coordination, donnees, champ, message
):
    valeurs = {"nom": "Soins", "objet": "Un objet.", "animateur": coordination.pk} | donnees
    reponse = client_de("coordination").post(url_constituer(soutenue), valeurs)
    assert reponse.status_code == 400
    assert any(message in e for e in reponse.context["form"].errors[champ])
    assert message in reponse.content.decode().replace("&#x27;", "'")
    assert not Communaute.objects.exists()


def test_a_relay_cannot_be_chosen_as_animator(client_de, soutenue):
    relais = PersonneFactory(roles=["Relais"])
    reponse = client_de("coordination").post(
        url_constituer(soutenue), {"nom": "Soins", "objet": "Un objet.", "animateur": relais.pk}
    )
    assert reponse.status_code == 400
    assert "animateur" in reponse.context["form"].errors


def test_the_preview_sanitises_the_purpose_and_forms_nothing(client_de, soutenue, coordination):
    reponse = client_de("coordination").post(
        url_constituer(soutenue),
        {"nom": "Soins", "objet": XSS, "animateur": coordination.pk, "apercu": "1"},
    )
    assert reponse.status_code == 200
    page = reponse.content.decode()
    assert "Aperçu de l&#x27;objet" in page or "Aperçu de l'objet" in page
    assert "<strong>gras</strong>" in page
    assert '<script>alert("x")</script>' not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page  # kept, escaped, in the textarea
    assert not Communaute.objects.exists()


def test_a_problem_in_another_state_sends_back_to_its_page(client_de):
    p = ProblematiqueFactory(statut=Statut.EN_QUALIFICATION)
    client = client_de("coordination")
    for reponse in (client.get(url_constituer(p)), client.post(url_constituer(p), {})):
        assert reponse.status_code == 302 and reponse["Location"] == p.get_absolute_url()
    assert not Communaute.objects.exists()


def test_a_problem_with_its_community_sends_to_the_community(client_de):
    communaute = CommunauteFactory(interet=True)
    reponse = client_de("direction").get(url_constituer(communaute.problematique))
    assert reponse.status_code == 302 and reponse["Location"] == communaute.get_absolute_url()


def test_an_unknown_problem_is_a_404(client_de):
    assert (
        client_de("coordination")
        .get("/problematiques/inconnue/constituer-la-communaute/")
        .status_code
        == 404
    )


def test_a_refusal_of_the_service_comes_back_above_the_form(
    client_de, soutenue, coordination, monkeypatch
):
    from communautes.services import communautes as services_communautes

    def refuse(**kwargs):
        raise ConstitutionImpossible("La problématique a changé entre-temps.", code="etat")

    monkeypatch.setattr(services_communautes, "communaute_constituer", refuse)
    reponse = client_de("coordination").post(
        url_constituer(soutenue),
        {"nom": "Soins", "objet": "Mon objet", "animateur": coordination.pk},
    )
    assert reponse.status_code == 400
    page = reponse.content.decode()
    assert "La problématique a changé entre-temps." in page and "Mon objet" in page


# --- The problem's page --------------------------------------------------------------------


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_the_team_box_shows_to_those_who_may_form_a_community(client_de, soutenue, nom):
    page = client_de(nom).get(soutenue.get_absolute_url()).content.decode()
    lien = f'href="{url_constituer(soutenue)}"'
    if nom in CONSTITUANTS:
        assert lien in page
        assert "1 personne</strong> qui soutient" in page
    else:
        assert lien not in page


def test_no_team_box_when_the_state_does_not_allow_it(client_de):
    p = ProblematiqueFactory(publiee=True, statut=Statut.ORIENTEE)
    assert (
        url_constituer(p)
        not in client_de("coordination").get(p.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_everyone_sees_the_community_and_how_to_join(client_de, nom):
    communaute = CommunauteFactory(
        interet=True, nom="Soins <b>proches</b>", statut=StatutCommunaute.ACTIVE
    )
    page = client_de(nom).get(communaute.problematique.get_absolute_url()).content.decode()
    assert "Sa communauté d&#x27;intérêt" in page or "Sa communauté d'intérêt" in page
    assert "Soins &lt;b&gt;proches&lt;/b&gt;" in page
    assert reverse("communautes:rejoindre", kwargs={"slug": communaute.slug}) in page
    assert url_constituer(communaute.problematique) not in page


def test_a_closed_community_does_not_offer_to_join(client):
    communaute = CommunauteFactory(interet=True, statut=StatutCommunaute.CLOSE)
    page = client.get(communaute.problematique.get_absolute_url()).content.decode()
    assert reverse("communautes:rejoindre", kwargs={"slug": communaute.slug}) not in page
    assert "n'accueille pas de nouveaux membres" in page


def test_the_community_box_costs_no_query_and_the_team_box_one(client, persona, monkeypatch):
    # The maturity checklist (its own panel, its own query) is left out of this count.
    from dataclasses import replace

    from problematiques import trajectoire as seam

    sans_maturite = replace(seam._panneaux["maturite"], contexte=lambda request, p: {})
    monkeypatch.setitem(seam._panneaux, "maturite", sans_maturite)
    sans = ProblematiqueFactory(publiee=True)
    avec = CommunauteFactory(interet=True).problematique
    for p in (sans, avec):
        SoutienFactory(problematique=p)
    assert nb_requetes(client, avec.get_absolute_url()) == nb_requetes(
        client, sans.get_absolute_url()
    )

    # The team: one more query (the supporters ready to join) on a problem without community.
    client.force_login(persona("documentation"))
    base = nb_requetes(client, sans.get_absolute_url())
    client.force_login(persona("coordination"))
    assert nb_requetes(client, sans.get_absolute_url()) <= base + 1


def test_an_anonymous_user_is_refused_by_the_service(soutenue, coordination):
    with pytest.raises(ActionCommunauteImpossible):
        constituer(soutenue, AnonymousUser(), animateur=coordination)


@pytest.mark.django_db(transaction=True)
def test_two_people_forming_at_once_make_one_community(persona):
    import threading

    from django.db import connection

    p = ProblematiqueFactory(publiee=True)
    equipe = [persona("coordination"), persona("animation")]
    barriere = threading.Barrier(2)
    resultats: list[str] = []

    def former(par):
        try:
            barriere.wait()
            constituer(p, par, nom="Même nom")
            resultats.append("ok")
        except ConstitutionImpossible as refus:
            resultats.append(refus.code or "")
        finally:
            connection.close()

    fils = [threading.Thread(target=former, args=(par,)) for par in equipe]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == ["deja", "ok"]
    assert Communaute.objects.count() == 1
    assert p.transitions.filter(type=TypeTransition.CONSTITUER_COMMUNAUTE).count() == 1
