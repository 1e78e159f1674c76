"""A page's history (``historique/``), one revision (``historique/<n>/``), the difference between
two (``comparer/?de=&a=``)."""

from __future__ import annotations

import pytest

from documentation.models import Licence, Revision, StatutPage
from documentation.models.pages import CHAMPS_REVISES
from tests.documentation.factories import une_page
from tests.factories import OrganisationFactory, PersonneFactory
from tilab.typographie import typographier

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def sans_charge_utile(contenu: str) -> bool:
    return "<script>alert(1)" not in contenu and "<img src=x" not in contenu


def reviser(page, numero: int, *, par=None, note: str = "", restaure=None, **champs) -> Revision:
    """A new revision of ``page``, its text also the page's (as the services do)."""
    for champ, valeur in champs.items():
        setattr(page, champ, valeur)
    page.save()
    return Revision.objects.create(
        page=page,
        numero=numero,
        par=par,
        note=note,
        restaure=restaure,
        **{c: getattr(page, c) for c in CHAMPS_REVISES},
    )


def page_a_25_revisions():
    organisation = OrganisationFactory()
    auteurs = [PersonneFactory(organisation=organisation) for _ in range(5)]
    page = une_page(titre="Page révisée", auteur=auteurs[0])
    premiere = page.revisions.get()
    for numero in range(2, 26):
        reviser(
            page,
            numero,
            par=auteurs[numero % 5],
            note=f"Note {numero}",
            restaure=premiere if numero == 25 else None,
            corps=f"Texte de la révision {numero}.",
        )
    return page


# --- The history ---------------------------------------------------------------------------------


def test_the_history_lists_revisions_newest_first_twenty_a_page(client):
    page = page_a_25_revisions()
    reponse = client.get(f"/documentation/{page.slug}/historique/")
    assert reponse.status_code == 200
    assert [r.numero for r in reponse.context["revisions"]] == list(range(25, 5, -1))
    contenu = reponse.content.decode()
    assert "25 révisions" in contenu
    assert f'<a href="/documentation/{page.slug}/historique/25/">Révision 25</a>' in contenu
    assert "Restaure la" in contenu and f'href="/documentation/{page.slug}/historique/1/"' in (
        contenu
    )
    assert "Note 25" in contenu
    suite = client.get(f"/documentation/{page.slug}/historique/", {"page": 2})
    assert [r.numero for r in suite.context["revisions"]] == list(range(5, 0, -1))


def test_the_history_offers_to_compare_two_revisions_with_a_get_form(client):
    page = page_a_25_revisions()
    contenu = client.get(f"/documentation/{page.slug}/historique/").content.decode()
    assert f'method="get" action="/documentation/{page.slug}/comparer/"' in contenu
    assert 'name="de"' in contenu and 'name="a"' in contenu
    assert 'value="24"' in contenu and 'value="25"' in contenu
    assert f"/documentation/{page.slug}/comparer/?de=24&amp;a=25" in contenu


def test_the_history_names_people_by_their_public_name(client):
    page = une_page(
        auteur=PersonneFactory(first_name="Anne", last_name="Le Goff", profil_public=True)
    )
    reviser(page, 2, par=None, note="Sans auteur")
    contenu = client.get(f"/documentation/{page.slug}/historique/").content.decode()
    assert "par Anne Le Goff" in contenu
    assert "par ancien membre" in contenu


def test_a_payload_in_a_revision_note_is_never_run(client):
    page = une_page()
    reviser(page, 2, note=f"Note {XSS}")
    assert sans_charge_utile(client.get(f"/documentation/{page.slug}/historique/").content.decode())


def test_the_history_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = page_a_25_revisions()
    client.get(f"/documentation/{page.slug}/historique/")
    # page, count, revisions with their authors
    with django_assert_num_queries(3):
        assert client.get(f"/documentation/{page.slug}/historique/").status_code == 200


def test_the_history_includes_the_revision_actions_partial(client):
    from django.template.loader import get_template

    assert get_template("documentation/includes/_revision_actions.html")
    page = une_page()
    reponse = client.get(f"/documentation/{page.slug}/historique/")
    noms = [t.name for t in reponse.templates]
    assert "documentation/includes/_revision_actions.html" in noms


# --- One revision --------------------------------------------------------------------------------


def test_an_old_revision_shows_its_text_as_it_was_with_a_notice(client):
    page = une_page(titre="Titre ancien", corps="Texte **ancien**.")
    reviser(page, 2, titre="Titre nouveau", corps="Texte nouveau.")
    reponse = client.get(f"/documentation/{page.slug}/historique/1/")
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "<h1>Titre ancien</h1>" in contenu
    assert "Texte <strong>ancien</strong>." in contenu
    assert "Ancienne révision." in contenu
    assert f'<a href="/documentation/{page.slug}/">Voir la page actuelle</a>' in contenu
    derniere = client.get(f"/documentation/{page.slug}/historique/2/").content.decode()
    assert "la révision en cours" in derniere


def test_an_unknown_revision_is_404(client):
    page = une_page()
    assert client.get(f"/documentation/{page.slug}/historique/9/").status_code == 404


@pytest.mark.parametrize(
    "champ", ["titre", "resume", "corps", "conditions_reutilisation", "contact", "note"]
)
def test_a_payload_in_a_revision_is_never_run(client, champ):
    page = une_page()
    if champ == "note":
        reviser(page, 2, note=f"Texte {XSS}")
    else:
        reviser(page, 2, **{champ: f"Texte {XSS}"})
    contenu = client.get(f"/documentation/{page.slug}/historique/2/").content.decode()
    assert sans_charge_utile(contenu)


# --- Two revisions compared ----------------------------------------------------------------------


def test_the_comparison_marks_what_changed_field_by_field(client):
    page = une_page(titre="Guide", corps="Un texte court.", licence=Licence.CC_BY_SA_4)
    reviser(page, 2, corps="Un texte plus long.", licence=Licence.CC0)
    reponse = client.get(f"/documentation/{page.slug}/comparer/", {"de": 1, "a": 2})
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "De la révision 1 à la révision 2" in contenu
    assert '<ins><span class="visually-hidden">ajouté : </span>plus long.' in contenu
    assert '<del><span class="visually-hidden">supprimé : </span>court.' in contenu
    assert '<h3 id="titre-difference-licence">Licence</h3>' in contenu
    assert "CC0" in contenu and "BY-SA" in contenu
    assert "Sans changement\u00a0: titre, type de page, résumé" in contenu


def test_the_comparison_escapes_what_people_wrote(client):
    page = une_page(corps="Avant.")
    reviser(page, 2, corps=f"Après {XSS}")
    contenu = client.get(
        f"/documentation/{page.slug}/comparer/", {"de": 1, "a": 2}
    ).content.decode()
    assert sans_charge_utile(contenu)
    assert "&lt;script&gt;" in contenu


def test_the_same_text_twice_says_so(client):
    page = une_page()
    reviser(page, 2)
    contenu = client.get(
        f"/documentation/{page.slug}/comparer/", {"de": 2, "a": 1}
    ).content.decode()
    assert "Le texte est le même dans les deux révisions." in contenu


def test_without_numbers_the_comparison_offers_the_form(client):
    page = une_page()
    reviser(page, 2)
    reponse = client.get(f"/documentation/{page.slug}/comparer/")
    assert reponse.status_code == 200
    assert "Choisissez deux révisions de la page." in reponse.content.decode()


@pytest.mark.parametrize(
    ("parametres", "message"),
    [
        ({"de": "1", "a": "abc"}, "Écrivez un numéro de révision en chiffres, par exemple 2."),
        ({"de": "1", "a": "9"}, "La page a 2 révisions : choisissez un numéro de 1 à 2."),
        ({"de": "0", "a": "2"}, "Les révisions sont numérotées à partir de 1."),
        ({"de": "1"}, "Indiquez un numéro de révision."),
        ({"de": "2", "a": "2"}, "Choisissez deux révisions différentes."),
    ],
)
def test_bad_numbers_give_the_form_again_with_a_french_message(client, parametres, message):
    page = une_page()
    reviser(page, 2)
    reponse = client.get(f"/documentation/{page.slug}/comparer/", parametres)
    assert reponse.status_code == 400
    contenu = reponse.content.decode()
    # As the page writes it: in French typography (tilab/typographie.py).
    assert typographier(message) in contenu
    assert "<title>Erreur\u00a0: " in contenu
    assert "Ces deux révisions ne peuvent pas être comparées." in contenu


def test_the_comparison_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = une_page()
    reviser(page, 2, corps="Autre.")
    # page, last number, the two revisions with their authors
    with django_assert_num_queries(3):
        client.get(f"/documentation/{page.slug}/comparer/", {"de": 1, "a": 2})


def test_a_draft_history_is_private_to_those_who_read_it(client_de, persona):
    page = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    reviser(page, 2, corps="Autre.")
    client = client_de("documentation")
    for suffixe in ("historique/", "historique/1/", "comparer/?de=1&a=2"):
        reponse = client.get(f"/documentation/{page.slug}/{suffixe}")
        assert reponse.status_code == 200
    assert client.get(f"/documentation/{page.slug}/comparer/?de=1&a=2")["Cache-Control"] == (
        "private"
    )
