"""The report form (/problematiques/signaler/): who may use it, what it keeps, what it says."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from problematiques.models import Problematique, Statut, Transition, TypeTransition
from tests.conftest import ALL_PERSONAS
from tests.factories import OrganisationFactory, PersonneFactory
from tests.problematiques.aide_signalement import donnees_valides, referentiel

URL = reverse("problematiques:signaler")


@pytest.fixture
def ref(db):
    return referentiel()


@pytest.fixture(autouse=True)
def _sans_delai(settings):
    # The time guard has its own tests (test_antispam.py).
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 0


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_persona_on_the_form_page(client_de, nom, ref):
    reponse = client_de(nom).get(URL)

    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"] == f"{reverse('account_login')}?next={URL}"
    else:
        assert reponse.status_code == 200
        contenu = reponse.content.decode()
        assert "<h1>Signaler une problématique</h1>" in contenu
        assert 'name="apercu"' in contenu
        assert "Pays des Abers (intercommunalité)" in contenu
        assert '<span class="selecteur__titre">Finistère</span>' in contenu


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_persona_sending_a_report(client_de, persona, nom, ref):
    client = client_de(nom)
    personne = persona(nom)

    reponse = client.post(URL, donnees_valides(ref, personne.pk))

    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
        assert not Problematique.objects.exists()
    else:
        problematique = Problematique.objects.get()
        assert problematique.auteur == personne
        assert reponse.status_code == 302
        assert reponse["Location"] == reverse(
            "problematiques:signalement_envoye", kwargs={"slug": problematique.slug}
        )


def test_unverified_person_is_sent_to_verify_and_nothing_is_created(client, ref):
    personne = PersonneFactory(verifiee=False, roles=["Relais"])
    client.force_login(personne)

    page = client.get(URL)
    envoi = client.post(URL, donnees_valides(ref, personne.pk))

    for reponse in (page, envoi):
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_email_verification_sent"))
    assert not Problematique.objects.exists()


def test_a_report_is_recorded_as_typed_through_the_service(client, relais, ref):
    organisation = OrganisationFactory(nom="Mairie de Plouguerneau")
    client.force_login(relais)

    client.post(
        URL,
        donnees_valides(
            ref,
            relais.pk,
            titre="  Pas de   transport vers la maison de santé ",
            themes=[str(ref.theme.pk), str(ref.autre_theme.pk)],
            organisation=str(organisation.pk),
        ),
    )

    p = Problematique.objects.get()
    assert p.titre == "Pas de transport vers la maison de santé"
    assert p.statut == Statut.SOUMISE
    assert p.organisation == organisation
    assert set(p.territoires.all()) == {ref.departement, ref.commune}
    assert set(p.themes.all()) == {ref.theme, ref.autre_theme}
    assert p.deja_tente.startswith("Un covoiturage solidaire")
    assert Transition.objects.filter(problematique=p, type=TypeTransition.SOUMETTRE).exists()
    assert p.suivis.filter(personne=relais).exists()


def test_the_organisation_of_the_profile_is_preselected(client, ref):
    organisation = OrganisationFactory(nom="Communauté de communes du Pays des Abers")
    personne = PersonneFactory(organisation=organisation, roles=["Relais"])
    client.force_login(personne)

    contenu = client.get(URL).content.decode()

    assert f'<option value="{organisation.pk}" selected>' in contenu


def test_one_territory_level_is_enough(client, relais, ref):
    client.force_login(relais)

    client.post(
        URL, donnees_valides(ref, relais.pk, departements=[], territoires_precis=[ref.epci.slug])
    )

    assert list(Problematique.objects.get().territoires.all()) == [ref.epci]


MAUVAISES_SAISIES = [
    pytest.param({"titre": "Car"}, "titre", "Le titre est trop court", id="titre-court"),
    pytest.param({"titre": "T" * 161}, "titre", "Le titre est trop long", id="titre-long"),
    pytest.param({"titre": ""}, "titre", "Donnez un titre", id="titre-vide"),
    pytest.param(
        {"titre": "Pas de car\u202e pour la maison de santé"},
        "titre",
        "caractères invisibles",
        id="titre-controle-bidi",
    ),
    pytest.param(
        {"constat": "Pas de car."}, "constat", "La description est trop courte", id="constat-court"
    ),
    pytest.param(
        {"publics_concernes": ""}, "publics_concernes", "Dites qui est touché", id="publics-vide"
    ),
    pytest.param(
        {"departements": [], "territoires_precis": []},
        "departements",
        "Choisissez au moins un territoire",
        id="sans-territoire",
    ),
    pytest.param(
        {"territoires_precis": ["nulle-part"]},
        "territoires_precis",
        "Ce territoire n'existe plus",
        id="territoire-inconnu",
    ),
    pytest.param({"themes": []}, "themes", "Cochez au moins un thème", id="sans-theme"),
    pytest.param({"themes": ["999999"]}, "themes", "Ce thème n'existe plus", id="theme-inconnu"),
    pytest.param({"themes": ["abc"]}, "themes", "Ce thème n'existe plus", id="theme-invalide"),
    pytest.param(
        {"organisation": "999999"}, "organisation", "Cette organisation", id="organisation-inconnue"
    ),
]


@pytest.mark.parametrize(("saisie", "champ", "message"), MAUVAISES_SAISIES)
def test_bad_input_keeps_what_was_typed_and_says_what_to_fix_next_to_the_field(
    client, relais, ref, saisie, champ, message
):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk, **saisie)

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    # The message sits in the field's own error list, which the widget points to.
    assert f'id="id_{champ}_error"' in contenu
    erreur = contenu.split(f'id="id_{champ}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in erreur.replace("&#x27;", "'")
    assert re.search(rf'aria-describedby="[^"]*id_{champ}_error', contenu)
    assert "pas encore envoyé" in contenu
    # Everything else typed is still there.
    for nom in ("titre", "constat", "publics_concernes", "deja_tente"):
        if nom not in saisie and donnees[nom]:
            assert donnees[nom].replace("'", "&#x27;") in contenu
    if "themes" not in saisie:
        assert re.search(rf'name="themes" value="{ref.theme.pk}"[^>]*checked', contenu)


def test_a_title_with_a_bidirectional_control_comes_back_without_it_and_then_goes(
    client, relais, ref
):
    client.force_login(relais)
    donnees = donnees_valides(
        ref, relais.pk, titre="\u202eétnas ed nosiam al srev tropsnart ed saP"
    )

    refus = client.post(URL, donnees)

    assert refus.status_code == 200
    assert 'value="étnas ed nosiam al srev tropsnart ed saP"' in refus.content.decode()
    assert not Problematique.objects.exists()
    reponse = client.post(URL, {**donnees, "titre": "étnas ed nosiam al srev tropsnart ed saP"})
    assert reponse.status_code == 302
    assert Problematique.objects.get().titre == "étnas ed nosiam al srev tropsnart ed saP"


def test_invisible_characters_are_taken_out_of_the_texts(client, relais, ref):
    client.force_login(relais)

    client.post(
        URL,
        donnees_valides(
            ref, relais.pk, constat="Le car\u202e ne passe plus\u200b depuis mars,\nni le mardi."
        ),
    )

    assert Problematique.objects.get().constat == "Le car ne passe plus depuis mars,\nni le mardi."


def test_preview_renders_markdown_inert_and_creates_nothing(client, relais, ref):
    client.force_login(relais)
    charge = (
        "Le car **ne passe plus** depuis mars.\n\n"
        "<script>alert('xss')</script>\n\n"
        "[cliquez](javascript:alert(1)) <img src=x onerror=alert(2)>"
    )

    reponse = client.post(
        URL, donnees_valides(ref, relais.pk, constat=charge, titre="Car", apercu="1")
    )

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    assert "Aperçu de vos textes" in contenu
    assert "<strong>ne passe plus</strong>" in contenu
    assert "<script>alert" not in contenu
    assert "<img src=x" not in contenu
    assert 'href="javascript:' not in contenu
    # The input comes back as typed (escaped in the textarea), and no error is shown yet,
    # not even for the title that is still too short.
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in contenu
    assert 'value="Car"' in contenu
    assert "errorlist" not in contenu
    assert re.search(rf'value="{ref.commune.slug}"[^>]*checked', contenu)


def test_preview_then_send_creates_the_report(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk)

    client.post(URL, {**donnees, "apercu": "1"})
    reponse = client.post(URL, donnees)

    assert reponse.status_code == 302
    assert Problematique.objects.count() == 1


def test_only_get_and_post(client, relais, ref):
    client.force_login(relais)
    assert client.put(URL).status_code == 405


def test_only_what_was_tried_and_the_organisation_are_called_optional(client, relais, ref):
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    # Either territory field may stay empty, but not both: neither is "facultatif".
    assert contenu.count("(facultatif)") == 2
    assert "Ce qui a déjà été essayé" in contenu.split("(facultatif)")[0]


def test_the_error_summary_links_to_each_field_in_error(client, relais, ref):
    client.force_login(relais)

    contenu = client.post(URL, donnees_valides(ref, relais.pk, titre="Car", themes=[])).content
    texte = contenu.decode()

    assert '<a href="#id_titre">Titre du problème\u00a0: Le titre est trop court' in texte
    assert '<a href="#id_themes">Thèmes\u00a0: Cochez au moins un thème.</a>' in texte


def test_sending_the_form_emails_the_relay_and_coordination(
    client, relais, persona, ref, django_capture_on_commit_callbacks, mailoutbox
):
    coordination = persona("coordination")
    client.force_login(relais)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, donnees_valides(ref, relais.pk))

    assert sorted(m.to[0] for m in mailoutbox) == sorted([relais.email, coordination.email])


def test_a_refused_form_sends_no_email(
    client, relais, persona, ref, django_capture_on_commit_callbacks, mailoutbox
):
    persona("coordination")
    client.force_login(relais)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, donnees_valides(ref, relais.pk, site_internet="robot"))
        client.post(URL, donnees_valides(ref, relais.pk, apercu="1"))

    assert mailoutbox == []


def _select(contenu: str, nom: str) -> str:
    trouve = re.search(rf'<select name="{nom}"[^>]*>.*?</select>', contenu, re.S)
    assert trouve, f"no select named {nom}"
    return trouve.group(0)


def test_a_refused_report_keeps_the_chosen_territories_and_organisation_selected(
    client, relais, ref
):
    organisation = OrganisationFactory(nom="Mairie de Plouguerneau")
    OrganisationFactory(nom="Mairie de Brest")
    client.force_login(relais)

    reponse = client.post(
        URL,
        donnees_valides(
            ref,
            relais.pk,
            titre="Car",
            territoires_precis=[ref.epci.slug, ref.commune.slug],
            organisation=str(organisation.pk),
        ),
    )

    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    # Both choices kept, ticked in the group of their département, which is open; the
    # commune under its EPCI, whose list of communes is open too.
    finistere = re.search(
        r'<details class="selecteur__groupe" open><summary><span class="selecteur__titre">'
        r"Finistère</span> <span class=\"selecteur__compte\">\(2 choisis\)</span></summary>"
        r"\n(.*?)\n</ul>\n</details>\n",
        contenu,
        re.S,
    )
    assert finistere
    assert re.search(
        r'<input type="checkbox" name="territoires_precis" value="pays-des-abers" '
        r'id="id_territoires_precis_\d+" checked> '
        r"Pays des Abers \(intercommunalité\)</label>\n"
        r'<details class="selecteur__sous" open><summary>Ses communes \(1\)</summary>\n'
        r'<ul class="selecteur__liste">\n<li><label for="id_territoires_precis_\d+">'
        r'<input type="checkbox" name="territoires_precis" value="plouguerneau" '
        r'id="id_territoires_precis_\d+" checked> '
        r"Plouguerneau \(commune, Pays des Abers\)</label></li>",
        finistere.group(1),
    ), finistere.group(1)
    # May stay empty when a département is ticked: no required attribute.
    assert 'name="territoires_precis" value="pays-des-abers" required' not in contenu
    organisations = _select(reponse.content.decode(), "organisation")
    assert organisations.count(" selected") == 1
    assert f'<option value="{organisation.pk}" selected>Mairie de Plouguerneau</option>' in (
        organisations
    )
    assert '<option value="">— Aucune ou pas dans la liste —</option>' in organisations
