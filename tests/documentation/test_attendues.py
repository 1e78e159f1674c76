"""The kinds of page an experiment owes: declared and withdrawn from its documentation panel
by those who run it (documentation.views.attendues, documentation.services.attendues) and in
the back office, recorded in its journal; shown as missing on its page and in the review
queue until a page of that kind is published."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from documentation.models import PageAttendue, SortePage, StatutPage
from documentation.services.attendues import (
    PageAttendueImpossible,
    page_attendue_ajouter,
    page_attendue_retirer,
)
from experimentations.models import ActionExperimentation, TypeActionExperimentation
from tests.conftest import ALL_PERSONAS
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
from tests.factories import PersonneFactory
from tilab.typographie import typographier

pytestmark = pytest.mark.django_db

# Who may say what an experiment owes: those who run it and the Documentation role.
DECLARENT = {"direction", "coordination", "documentation", "coordinateur"}
# The cast, plus a person without any role, a participant and the experiment's coordinator.
TOUS = [*ALL_PERSONAS, "sans_role", "participant", "coordinateur"]
FORMULAIRE = "Ajouter un type de page attendu"


@pytest.fixture
def experimentation():
    return ExperimentationFactory(titre="Le bus des démarches")


@pytest.fixture
def client_pour(client, persona, experimentation):
    """``client_pour(nom)``: a client logged in as a persona of the cast, or as a person
    without a role, a participant of the experiment, its coordinator (or anonymous)."""

    def get(nom: str):
        if nom == "anonyme":
            return client
        if nom == "sans_role":
            personne = PersonneFactory()
        elif nom == "participant":
            personne = PersonneFactory(roles=["Relais"])
            ParticipantFactory(experimentation=experimentation, personne=personne)
        elif nom == "coordinateur":
            personne = experimentation.coordinateur
        else:
            personne = persona(nom)
        client.force_login(personne)
        return client

    return get


def texte(reponse) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", reponse.content.decode())).split())


def ajouter(client, experimentation, sorte: str):
    return client.post(
        reverse("documentation:attendue_ajouter", args=[experimentation.slug]),
        {"attendue-sorte": sorte},
    )


def retirer(client, experimentation, sorte: str):
    return client.post(
        reverse("documentation:attendue_retirer", args=[experimentation.slug, sorte])
    )


def journal(experimentation) -> list[str]:
    return list(
        ActionExperimentation.objects.filter(
            experimentation=experimentation, type=TypeActionExperimentation.PAGES_ATTENDUES
        )
        .order_by("pk")
        .values_list("detail", flat=True)
    )


def messages_de(reponse) -> list[str]:
    return [str(m) for m in get_messages(reponse.wsgi_request)]


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", TOUS)
def test_who_runs_the_experiment_adds_a_kind_and_others_are_refused(
    client_pour, experimentation, nom
):
    reponse = ajouter(client_pour(nom), experimentation, SortePage.GUIDE)
    owed = PageAttendue.objects.filter(experimentation=experimentation, sorte=SortePage.GUIDE)
    if nom == "anonyme":
        # Logs in, then back to the experiment's page (not to the POST address).
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
        assert f"next={experimentation.get_absolute_url()}" in reponse["Location"]
    elif nom in DECLARENT:
        assert reponse.status_code == 302
        assert reponse["Location"] == f"{experimentation.get_absolute_url()}#pages-attendues"
    else:
        assert reponse.status_code == 403
    assert owed.exists() == (nom in DECLARENT)
    assert bool(journal(experimentation)) == (nom in DECLARENT)


@pytest.mark.parametrize("nom", TOUS)
def test_who_runs_the_experiment_withdraws_a_declared_kind_and_others_are_refused(
    client_pour, experimentation, nom
):
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.METHODE)
    reponse = retirer(client_pour(nom), experimentation, SortePage.METHODE)
    attendu = {"anonyme": 302}.get(nom, 302 if nom in DECLARENT else 403)
    assert reponse.status_code == attendu
    assert PageAttendue.objects.filter(experimentation=experimentation).exists() == (
        nom not in DECLARENT
    )


@pytest.mark.parametrize("nom", ["anonyme", "relais", "documentation"])
def test_the_addresses_answer_post_only(client_pour, experimentation, nom):
    client = client_pour(nom)
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.METHODE)
    assert (
        client.get(
            reverse("documentation:attendue_ajouter", args=[experimentation.slug])
        ).status_code
        == 405
    )
    assert (
        client.get(
            reverse("documentation:attendue_retirer", args=[experimentation.slug, "methode"])
        ).status_code
        == 405
    )
    assert PageAttendue.objects.count() == 1 and journal(experimentation) == []


def test_an_unknown_experiment_does_not_exist(client_pour):
    adresse = reverse("documentation:attendue_ajouter", args=["nulle-part"])
    reponse = client_pour("documentation").post(adresse, {"attendue-sorte": "guide"})
    assert reponse.status_code == 404


def test_a_person_without_a_proven_address_may_not(client, experimentation):
    personne = PersonneFactory(roles=["Documentation"], is_staff=True, verifiee=False)
    client.force_login(personne)
    assert ajouter(client, experimentation, SortePage.GUIDE).status_code == 403
    assert not PageAttendue.objects.exists()


# --- Adding and withdrawing ---------------------------------------------------------------------


def test_adding_a_kind_records_it_says_so_and_shows_it_missing(client_pour, experimentation):
    client = client_pour("coordinateur")
    reponse = ajouter(client, experimentation, SortePage.GUIDE)
    assert messages_de(reponse) == [
        "L'expérimentation doit désormais une page « Guide » : elle apparaît parmi les pages "
        "attendues tant qu'aucune n'est publiée."
    ]
    assert journal(experimentation) == ["Page attendue ajoutée : Guide."]
    entree = ActionExperimentation.objects.get(type=TypeActionExperimentation.PAGES_ATTENDUES)
    assert entree.par == experimentation.coordinateur
    page = texte(client.get(experimentation.get_absolute_url()))
    assert "Pas encore publiées : fiche expérimentation, guide." in page
    assert "Guide : pas encore en ligne Retirer la page « Guide » des pages attendues" in page


def test_withdrawing_a_kind_records_it_and_keeps_its_pages(client_pour, experimentation):
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.OUTIL)
    outil = une_page(experimentation=experimentation, sorte=SortePage.OUTIL)
    reponse = retirer(client_pour("documentation"), experimentation, SortePage.OUTIL)
    assert messages_de(reponse) == [
        "L'expérimentation ne doit plus de page « Outil » ; celles déjà écrites restent."
    ]
    assert not PageAttendue.objects.exists()
    assert journal(experimentation) == ["Page attendue retirée : Outil."]
    outil.refresh_from_db()
    assert outil.statut == StatutPage.PUBLIEE


@pytest.mark.parametrize(
    ("sorte", "message"),
    [
        ("", "Choisissez un type de page de la liste."),
        ("inventee", "Choisissez un type de page de la liste."),
        ("<script>", "Choisissez un type de page de la liste."),
        ("fiche_experimentation", "Toute expérimentation doit une page « Fiche expérimentation »"),
        ("retour_experience", "Toute expérimentation doit une page « Retour d'expérience »"),
        ("guide", "Cette expérimentation doit déjà une page « Guide »."),
    ],
)
def test_a_refused_kind_comes_back_next_to_the_field_with_the_choice_kept(
    client_pour, experimentation, sorte, message
):
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.GUIDE)
    client = client_pour("direction")
    reponse = ajouter(client, experimentation, sorte)
    assert reponse.status_code == 302
    assert reponse["Location"].endswith("#pages-attendues")
    assert messages_de(reponse) == [
        "Le type de page n'est pas ajouté : voyez la raison près du choix."
    ]
    assert PageAttendue.objects.count() == 1 and journal(experimentation) == []
    html = client.get(experimentation.get_absolute_url()).content.decode()
    formulaire = html.split(FORMULAIRE)[1].split("</form>")[0]
    # The error is tied to the select, and says why in words.
    assert 'aria-invalid="true"' in formulaire
    assert 'aria-describedby="id_attendue-sorte_error"' in formulaire
    assert typographier(unescape(message)) in unescape(formulaire)
    assert "<script>" not in formulaire
    # Shown once: the page read again is the plain form.
    html = client.get(experimentation.get_absolute_url()).content.decode()
    assert 'aria-invalid="true"' not in html.split(FORMULAIRE)[1]


def test_a_refused_kind_of_another_experiment_is_not_shown_here(client_pour, experimentation):
    autre = ExperimentationFactory()
    client = client_pour("direction")
    ajouter(client, autre, "inventee")
    html = client.get(experimentation.get_absolute_url()).content.decode()
    assert 'aria-invalid="true"' not in html


@pytest.mark.parametrize(
    ("sorte", "message"),
    [
        (
            "fiche_experimentation",
            "Toute expérimentation doit une page « Fiche expérimentation » : elle ne s'ajoute "
            "ni ne se retire.",
        ),
        ("inventee", "Choisissez un type de page de la liste."),
        ("synthese", "Cette expérimentation ne doit pas de page « Synthèse »."),
    ],
)
def test_withdrawing_what_cannot_be_says_why(client_pour, experimentation, sorte, message):
    reponse = retirer(client_pour("coordination"), experimentation, sorte)
    assert reponse.status_code == 302
    assert messages_de(reponse) == [message]
    assert journal(experimentation) == []


def test_the_service_refuses_who_does_not_run_the_experiment(persona, experimentation):
    with pytest.raises(PageAttendueImpossible):
        page_attendue_ajouter(
            experimentation=experimentation, sorte=SortePage.GUIDE, par=persona("animation")
        )
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.GUIDE)
    with pytest.raises(PageAttendueImpossible):
        page_attendue_retirer(
            experimentation=experimentation, sorte=SortePage.GUIDE, par=persona("relais")
        )
    assert PageAttendue.objects.count() == 1 and journal(experimentation) == []


def test_a_stray_row_of_a_default_kind_can_be_withdrawn(persona, experimentation):
    # Written by hand before the rule: withdrawing it leaves the kind owed by every experiment.
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.RETOUR_EXPERIENCE)
    page_attendue_retirer(
        experimentation=experimentation,
        sorte=SortePage.RETOUR_EXPERIENCE,
        par=persona("documentation"),
    )
    assert not PageAttendue.objects.exists()


# --- The panel ----------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", TOUS)
def test_the_panel_offers_the_form_and_the_buttons_to_those_who_may_only(
    client_pour, experimentation, nom
):
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.SYNTHESE)
    html = client_pour(nom).get(experimentation.get_absolute_url()).content.decode()
    # Everyone reads what the experiment owes.
    assert "<strong>Synthèse</strong>\u00a0: pas encore en ligne" in html
    assert (FORMULAIRE in html) == (nom in DECLARENT)
    retrait = reverse("documentation:attendue_retirer", args=[experimentation.slug, "synthese"])
    assert (retrait in html) == (nom in DECLARENT)


def test_the_form_offers_the_kinds_not_owed_yet_and_no_button_for_the_defaults(
    client_pour, experimentation
):
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.GUIDE)
    html = client_pour("documentation").get(experimentation.get_absolute_url()).content.decode()
    select = html.split('name="attendue-sorte"')[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)"', select)
    assert options == ["", "methode", "outil", "compte_rendu", "synthese"]
    assert "/fiche_experimentation/retirer/" not in html
    assert "/retour_experience/retirer/" not in html
    assert "/guide/retirer/" in html


def test_with_every_kind_owed_the_form_is_not_offered(client_pour, experimentation):
    for sorte in ("methode", "outil", "compte_rendu", "guide", "synthese"):
        PageAttendue.objects.create(experimentation=experimentation, sorte=sorte)
    html = client_pour("documentation").get(experimentation.get_absolute_url()).content.decode()
    assert FORMULAIRE not in html and html.count("des pages attendues</span>") == 5


def test_a_kind_is_due_from_the_state_its_rule_says(client):
    preparee = ExperimentationFactory(statut="en_preparation")
    PageAttendue.objects.create(experimentation=preparee, sorte=SortePage.GUIDE)
    page = texte(client.get(preparee.get_absolute_url()))
    assert "Fiche expérimentation : à publier dès le lancement de l'expérimentation" in page
    assert "Retour d'expérience : à publier à la fin de l'expérimentation" in page
    assert "Guide : à publier dès le lancement de l'expérimentation" in page
    assert "Pas encore publiées" not in page
    terminee = ExperimentationFactory(statut="terminee")
    une_page(experimentation=terminee, sorte=SortePage.FICHE_EXPERIMENTATION)
    page = texte(client.get(terminee.get_absolute_url()))
    assert "Pas encore publiées : retour d'expérience." in page


def test_an_owed_kind_is_missing_until_a_page_of_it_is_published(client_pour, experimentation):
    for sorte in (SortePage.FICHE_EXPERIMENTATION, SortePage.RETOUR_EXPERIENCE):
        une_page(experimentation=experimentation, sorte=sorte)
    PageAttendue.objects.create(experimentation=experimentation, sorte=SortePage.GUIDE)
    client = client_pour("documentation")

    def panneau() -> str:
        return texte(client.get(experimentation.get_absolute_url()))

    def file() -> str:
        html = client.get(reverse("documentation:relecture")).content.decode()
        return html.split('id="titre-dues"')[1]

    assert "Pas encore publiées : guide." in panneau()
    assert (
        "Le bus des démarches" in file()
        and '<td data-label="Pages manquantes">Guide</td>' in file()
    )
    brouillon = une_page(
        experimentation=experimentation, sorte=SortePage.GUIDE, statut=StatutPage.EN_RELECTURE
    )
    # A page in review is not published yet.
    assert "Pas encore publiées : guide." in panneau()
    assert "Le bus des démarches" in file()
    brouillon.statut = StatutPage.PUBLIEE
    brouillon.save(update_fields=["statut"])
    assert "Pas encore publiées" not in panneau() and "Guide : ✓ en ligne" in panneau()
    assert "Le bus des démarches" not in file()


def test_the_panel_costs_the_same_whatever_the_kinds_owed(
    client_pour, experimentation, django_assert_num_queries
):
    client = client_pour("documentation")
    client.get(experimentation.get_absolute_url())
    with django_assert_num_queries(17) as peu:
        client.get(experimentation.get_absolute_url())
    for sorte in ("methode", "outil", "compte_rendu", "guide"):
        PageAttendue.objects.create(experimentation=experimentation, sorte=sorte)
    for n in range(30):
        une_page(experimentation=experimentation, sorte=SortePage.values[n % 7])
    with django_assert_num_queries(len(peu.captured_queries)):
        reponse = client.get(experimentation.get_absolute_url())
    assert texte(reponse).count("✓ en ligne") == 6


# --- The back office ----------------------------------------------------------------------------


def test_the_back_office_adds_and_withdraws_through_the_service(client_pour, experimentation):
    client = client_pour("coordination")
    ajout = reverse("admin:documentation_pageattendue_add")
    reponse = client.post(ajout, {"experimentation": experimentation.pk, "sorte": "guide"})
    assert reponse.status_code == 302
    attendue = PageAttendue.objects.get()
    assert journal(experimentation) == ["Page attendue ajoutée : Guide."]
    # Again: refused next to the kind, in words.
    reponse = client.post(ajout, {"experimentation": experimentation.pk, "sorte": "guide"})
    assert reponse.status_code == 200
    assert "Cette expérimentation doit déjà une page «\u00a0Guide\u00a0»." in unescape(
        reponse.content.decode()
    )
    reponse = client.post(
        ajout, {"experimentation": experimentation.pk, "sorte": "fiche_experimentation"}
    )
    assert "Choisissez un type de page de la liste." in reponse.content.decode()
    suppression = reverse("admin:documentation_pageattendue_delete", args=[attendue.pk])
    assert client.post(suppression, {"post": "yes"}).status_code == 302
    assert not PageAttendue.objects.exists()
    assert journal(experimentation) == [
        "Page attendue ajoutée : Guide.",
        "Page attendue retirée : Guide.",
    ]


def test_the_back_offices_bulk_withdrawal_goes_through_the_service(client_pour):
    experimentations = [ExperimentationFactory() for _ in range(3)]
    attendues = [
        PageAttendue.objects.create(experimentation=e, sorte=SortePage.OUTIL)
        for e in experimentations
    ]
    client = client_pour("documentation")
    reponse = client.post(
        reverse("admin:documentation_pageattendue_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in attendues],
            "post": "yes",
        },
    )
    assert reponse.status_code == 302
    assert not PageAttendue.objects.exists()
    for e in experimentations:
        assert journal(e) == ["Page attendue retirée : Outil."]


# --- The review queue's pages owed ----------------------------------------------------------------


def dues(client, **parametres) -> str:
    html = client.get(reverse("documentation:relecture"), parametres).content.decode()
    return html.split('id="titre-dues"')[1].split("</section>")[0]


def test_the_queue_lists_what_is_due_by_state_the_oldest_first(client_de):
    def experimentation(titre, statut, *sortes):
        e = ExperimentationFactory(titre=titre, statut=statut)
        for sorte in sortes:
            une_page(experimentation=e, sorte=sorte)
        return e

    fiche, retour = SortePage.FICHE_EXPERIMENTATION, SortePage.RETOUR_EXPERIENCE
    experimentation("Préparée sans rien", "en_preparation")
    experimentation("En cours sans fiche", "en_cours")
    experimentation("En cours avec sa fiche", "en_cours", fiche)
    experimentation("Suspendue sans fiche", "suspendue")
    experimentation("Terminée sans retour", "terminee", fiche)
    experimentation("Essaimée complète", "essaimee", fiche, retour)
    archivee = experimentation("Essaimée sans retour publié", "essaimee", fiche)
    une_page(experimentation=archivee, sorte=retour, statut=StatutPage.BROUILLON)
    declaree = experimentation("Terminée, un guide annoncé", "terminee", fiche, retour)
    PageAttendue.objects.create(experimentation=declaree, sorte=SortePage.GUIDE)
    section = dues(client_de("documentation"))
    lignes = re.findall(
        r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td[^>]*>[^<]+</td>\s*'
        r"<td[^>]*>([^<]+)</td>",
        section,
    )
    assert [(unescape(t), unescape(m)) for t, m in lignes] == [
        ("En cours sans fiche", "Fiche expérimentation"),
        ("Suspendue sans fiche", "Fiche expérimentation"),
        ("Terminée sans retour", "Retour d'expérience"),
        ("Essaimée sans retour publié", "Retour d'expérience"),
        ("Terminée, un guide annoncé", "Guide"),
    ]
    assert '<span class="doc-compte">(5 expérimentations)</span>' in section
    assert "pagination" not in section


def test_the_queue_goes_through_the_pages_owed_a_page_at_a_time(client_de):
    for n in range(65):
        ExperimentationFactory(titre=f"Sans fiche {n:02d}")
    client = client_de("coordination")
    premiere = dues(client)
    assert "Sans fiche 00" in premiere and "Sans fiche 29" in premiere
    assert "Sans fiche 30" not in premiere
    assert "doc-compte" not in premiere  # no count of the whole list
    assert "Expérimentations 1 à 30, d'autres suivent." in premiere
    assert 'href="?attendues=2#titre-dues" rel="next"' in premiere
    assert 'rel="prev"' not in premiere
    troisieme = dues(client, attendues=3)
    assert "Sans fiche 60" in troisieme and "Sans fiche 64" in troisieme
    assert "Expérimentations 61 à 65." in troisieme
    assert 'href="?attendues=2#titre-dues" rel="prev"' in troisieme
    assert 'rel="next"' not in troisieme
    au_dela = dues(client, attendues=9)
    assert "Aucune autre expérimentation ne doit de page" in au_dela
    for mauvais in ("abc", "-1", "0", "2.5", "9" * 30, "<script>"):
        reponse = client.get(reverse("documentation:relecture"), {"attendues": mauvais})
        assert reponse.status_code == 200
        assert "Sans fiche 00" in reponse.content.decode().split('id="titre-dues"')[1] or (
            mauvais == "9" * 30
        )


def test_the_queues_pages_owed_cost_one_query_whatever_their_number(
    client_de, django_assert_num_queries
):
    client = client_de("documentation")
    client.get(reverse("documentation:relecture"))
    # Session, person with their roles; the pages in review (their count); the drafts sent
    # back; the experiments owing pages.
    with django_assert_num_queries(5) as peu:
        client.get(reverse("documentation:relecture"))
    for _n in range(40):
        e = ExperimentationFactory(statut="terminee")
        une_page(experimentation=e, sorte=SortePage.FICHE_EXPERIMENTATION)
        PageAttendue.objects.create(experimentation=e, sorte=SortePage.OUTIL)
    with django_assert_num_queries(len(peu.captured_queries)):
        html = client.get(reverse("documentation:relecture")).content.decode()
    assert html.count("Retour d&#x27;expérience, Outil") == 30
    requete = next(
        q["sql"] for q in peu.captured_queries if "documentation_pageattendue" in q["sql"]
    )
    # No count, no hash of every public page: the experiments walked in order, each checked.
    assert "COUNT(" not in requete.upper() and "LIMIT 31" in requete
