"""The public pages of the theory and the grid: versions in force and earlier, drafts never
shown to the public, consultations with comments and answers, comparisons, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gouvernance.models import Commentaire
from gouvernance.services import textes as services_textes
from gouvernance.services.cadre import cadre_enregistrer
from gouvernance.services.consultation import commentaire_ajouter, commentaire_repondre
from gouvernance.services.grille import CritereSaisi
from tests.gouvernance.aide_textes import (
    CRITERES,
    ECHELLE,
    grille_en_consultation,
    grille_publiee,
    theorie_en_consultation,
    theorie_publiee,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>[lien](javascript:alert(1))'


def sans_charge(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "javascript:alert" not in html.replace("[lien](javascript:alert(1))", "")


@pytest.fixture
def textes(coordination, persona):
    v1 = theorie_publiee(coordination, "Le lab agit seul.\n\nSecond paragraphe.")
    services_textes.avis_codir_enregistrer(
        par=persona("codir"),
        version=v1,
        valide=True,
        le=timezone.localdate(),
        motifs="Conforme au cadre.",
    )
    v2 = theorie_publiee(coordination, "Le lab agit avec les agents.\n\nSecond paragraphe.")
    brouillon = services_textes.theorie_rediger(par=coordination, texte="Brouillon secret.")
    return v1, v2, brouillon


def test_the_theory_page_says_which_version_is_in_force_and_hides_drafts(client, textes):
    v1, v2, brouillon = textes
    html = client.get(reverse("gouvernance:theorie")).content.decode()
    assert "La version en vigueur\u00a0: version 2" in html
    assert "pas encore examinée par le CODIR" in html  # v2
    assert "validée par le CODIR le" in html  # v1, in the list
    assert "Brouillon secret" not in html and f"Version {brouillon.numero}<" not in html
    assert client.get(brouillon.get_absolute_url()).status_code == 404


def test_the_team_previews_a_draft(client_de, textes):
    brouillon = textes[2]
    reponse = client_de("coordination").get(brouillon.get_absolute_url())
    assert reponse.status_code == 200 and "Brouillon secret" in reponse.content.decode()


def test_a_version_s_paragraphs_are_numbered_and_anchored(client, textes):
    html = client.get(textes[0].get_absolute_url()).content.decode()
    assert 'id="p1"' in html and 'id="p2"' in html and 'href="#p2"' in html
    assert "Validée par le CODIR le" in html and "Conforme au cadre." in html


def test_the_comparison_marks_words_added_and_removed(client, textes):
    reponse = client.get(reverse("gouvernance:theorie_comparer"), {"de": 1, "a": 2})
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert '<del><span class="visually-hidden">supprimé : </span>seul.' in html
    assert '<ins><span class="visually-hidden">ajouté : </span>avec les agents.' in html


@pytest.mark.parametrize(
    ("parametres", "message"),
    [
        ({"de": "1"}, "Choisissez une version."),
        ({"de": "abc", "a": "2"}, "Aucune version publique ne porte ce numéro"),
        ({"de": "1", "a": "3"}, "Aucune version publique ne porte ce numéro"),  # the draft
        ({"de": "1", "a": "99"}, "Aucune version publique ne porte ce numéro"),
        ({"de": "2", "a": "2"}, "Choisissez deux versions différentes."),
        ({"de": "1\x00", "a": "9" * 30}, "Aucune version publique ne porte ce numéro"),
    ],
)
def test_a_bad_comparison_says_why_in_french(client, textes, parametres, message):
    for nom in ("gouvernance:theorie_comparer", "gouvernance:grille_comparer"):
        reponse = client.get(reverse(nom), parametres)
        assert reponse.status_code == 400
        if nom == "gouvernance:theorie_comparer":
            assert message in reponse.content.decode()


def test_comparing_without_choosing_shows_the_form(client, textes):
    reponse = client.get(reverse("gouvernance:theorie_comparer"))
    assert reponse.status_code == 200 and "Voir les différences" in reponse.content.decode()


def test_comments_and_answers_show_by_paragraph_and_on_the_whole(
    client, coordination, relais, persona
):
    v = theorie_en_consultation(coordination)
    par_paragraphe = commentaire_ajouter(par=relais, version=v, texte="Sur le 2.", paragraphe=2)
    commentaire_ajouter(par=persona("copil"), version=v, texte="Sur le tout.")
    commentaire_repondre(par=coordination, commentaire=par_paragraphe, reponse="Bien noté.")
    html = client.get(v.get_absolute_url()).content.decode()
    assert "Sur le 2." in html and "Sur le tout." in html and "Bien noté." in html
    assert '1 commentaire<span class="visually-hidden"> sur le paragraphe 2</span>' in html
    # One part's comments, a page at a time.
    html = client.get(v.get_absolute_url(), {"partie": "2"}).content.decode()
    assert "Sur le 2." in html and "Sur le tout." not in html
    html = client.get(v.get_absolute_url(), {"partie": "ensemble"}).content.decode()
    assert "Sur le 2." not in html and "Sur le tout." in html
    assert "Connectez-vous" in html  # the form is for members


def test_a_member_comments_during_the_window(client_de, coordination):
    v = theorie_en_consultation(coordination)
    client = client_de("relais")
    assert "Publier mon commentaire" in client.get(v.get_absolute_url()).content.decode()
    url = reverse("gouvernance:commenter", kwargs={"sorte": "theorie", "numero": v.numero})
    reponse = client.post(url, {"paragraphe": "1", "texte": "Très juste."})
    c = Commentaire.objects.get()
    assert reponse.status_code == 302 and reponse["Location"].endswith(f"#commentaire-{c.pk}")
    assert (c.paragraphe, c.texte) == (1, "Très juste.")


@pytest.mark.parametrize(
    ("donnees", "message"),
    [
        ({"paragraphe": "9", "texte": "Gardé tel quel"}, "Choisissez une partie dans la liste."),
        ({"paragraphe": "x", "texte": "Gardé tel quel"}, "Choisissez une partie dans la liste."),
        ({"paragraphe": "", "texte": ""}, "Écrivez votre commentaire."),
    ],
)
def test_a_refused_comment_comes_back_with_its_error_and_text(
    client_de, coordination, donnees, message
):
    v = theorie_en_consultation(coordination)
    url = reverse("gouvernance:commenter", kwargs={"sorte": "theorie", "numero": v.numero})
    reponse = client_de("relais").post(url, donnees)
    html = reponse.content.decode()
    assert reponse.status_code == 400 and message in html
    assert donnees["texte"] in html and not Commentaire.objects.exists()


def test_no_comment_once_the_consultation_is_closed(client_de, coordination):
    v = theorie_publiee(coordination)
    url = reverse("gouvernance:commenter", kwargs={"sorte": "theorie", "numero": v.numero})
    reponse = client_de("relais").post(url, {"texte": "Trop tard"}, follow=True)
    assert "La consultation sur cette version est close" in reponse.content.decode()
    assert not Commentaire.objects.exists()


def test_the_team_answers_and_a_blank_answer_comes_back_with_its_error(
    client_de, coordination, relais
):
    v = theorie_en_consultation(coordination)
    c = commentaire_ajouter(par=relais, version=v, texte="Une question ?")
    client = client_de("coordination")
    url = reverse("gouvernance:repondre", kwargs={"pk": c.pk})
    reponse = client.post(url, {f"reponse-{c.pk}-reponse": " "})
    assert reponse.status_code == 400
    assert "Écrivez la réponse de l&#x27;équipe." in reponse.content.decode()
    reponse = client.post(url, {f"reponse-{c.pk}-reponse": "Voici."})
    assert reponse.status_code == 302
    c.refresh_from_db()
    assert c.reponse == "Voici."


def test_a_payload_shows_as_text_in_comments_answers_theory_and_orientations(
    client, coordination, relais, direction
):
    v = theorie_en_consultation(coordination, texte=f"Texte.\n\n{XSS}")
    c = commentaire_ajouter(par=relais, version=v, texte=XSS, paragraphe=2)
    commentaire_repondre(par=coordination, commentaire=c, reponse=XSS)
    commentaire_ajouter(par=relais, version=v, texte=XSS)
    jour = timezone.localdate()
    cadre_enregistrer(
        par=direction,
        titre="Cadre <b>gras</b>",
        debut=date(jour.year - 1, 1, 1),
        fin=date(jour.year + 1, 12, 31),
        orientations=XSS,
        reunion_codir_le=date(jour.year - 2, 12, 1),
        reunion_codir_note=XSS,
    )
    publiee = theorie_publiee(coordination, texte=XSS)
    for adresse in (
        v.get_absolute_url(),
        publiee.get_absolute_url(),
        reverse("gouvernance:theorie"),
    ):
        html = client.get(adresse).content.decode()
        sans_charge(html)
    html = client.get(reverse("gouvernance:theorie")).content.decode()
    assert "Cadre &lt;b&gt;gras&lt;/b&gt;" in html
    html = client.get(
        reverse("gouvernance:theorie_comparer"), {"de": v.numero, "a": publiee.numero}
    ).content.decode()
    sans_charge(html)


def test_the_grid_pages_show_criteria_scales_and_their_differences(client, coordination):
    theorie_publiee(coordination)
    g1 = grille_publiee(coordination)
    g2 = grille_publiee(
        coordination,
        [
            CritereSaisi("Ampleur du besoin", 4, ECHELLE, CRITERES[0].description),
            CritereSaisi("Maturité de la communauté", 2, ECHELLE, "Des personnes engagées."),
            CRITERES[2],
            CritereSaisi("Ancrage territorial", 1, ECHELLE),
        ],
    )
    html = client.get(reverse("gouvernance:grille")).content.decode()
    assert "La version en vigueur\u00a0: version 2" in html and "Ancrage territorial" in html
    assert "Exemplaire" in html  # a level of the scale
    html = client.get(g1.get_absolute_url()).content.decode()
    assert "Ampleur du besoin" in html and "version 1 de la théorie" in html
    reponse = client.get(reverse("gouvernance:grille_comparer"), {"de": 1, "a": g2.numero})
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Critères ajoutés" in html and "Ancrage territorial" in html
    assert "Critères reformulés" in html and "Critères repondérés" in html
    assert "Critères retirés" not in html


def test_a_member_comments_on_a_grid_criterion(client_de, coordination):
    theorie_publiee(coordination)
    g = grille_en_consultation(coordination)
    client = client_de("relais")
    html = client.get(g.get_absolute_url()).content.decode()
    assert "Critère 2 : Maturité de la communauté" in html
    url = reverse("gouvernance:commenter", kwargs={"sorte": "grille", "numero": g.numero})
    assert client.post(url, {"paragraphe": "2", "texte": "Oui."}).status_code == 302
    assert Commentaire.objects.get().grille == g


# --- Query counts -------------------------------------------------------------------------------


def test_a_version_with_200_comments_reads_in_a_fixed_number_of_queries(
    client, coordination, relais, django_assert_num_queries
):
    v = theorie_en_consultation(coordination)
    Commentaire.objects.bulk_create(
        Commentaire(
            theorie=v,
            auteur=relais,
            texte=f"Commentaire {i}",
            paragraphe=(i % 4) or None,
            reponse="Réponse" if i % 2 else "",
            repondu_par=coordination if i % 2 else None,
            repondu_le=timezone.now() if i % 2 else None,
        )
        for i in range(200)
    )
    # The version, its comments counted by part, their page (counted, then read with their
    # authors), CODIR's opinions, the grids following it.
    with django_assert_num_queries(6):
        reponse = client.get(v.get_absolute_url(), {"page": "3"})
    html = reponse.content.decode()
    assert html.count('class="consultation__commentaire"') == 20
    assert "200 commentaires" in html and "Page 3 sur 10" in html


def test_a_grid_with_12_criteria_reads_in_a_fixed_number_of_queries(
    client, coordination, django_assert_num_queries
):
    theorie_publiee(coordination)
    criteres = [CritereSaisi(f"Critère n° {i}", 2, ECHELLE) for i in range(12)]
    g1 = grille_publiee(coordination, criteres)
    g2 = grille_publiee(coordination, criteres[::-1][:11])
    # The versions, the criteria in force, their levels, the numbers to compare.
    with django_assert_num_queries(4):
        assert client.get(reverse("gouvernance:grille")).status_code == 200
    # The version, its comments counted by part and for the page (none: no page to read),
    # its criteria, their levels.
    with django_assert_num_queries(5):
        assert client.get(g1.get_absolute_url()).status_code == 200
    # The public numbers, the two versions, their criteria, their levels.
    with django_assert_num_queries(4):
        reponse = client.get(
            reverse("gouvernance:grille_comparer"), {"de": g1.numero, "a": g2.numero}
        )
        assert reponse.status_code == 200


def test_the_theory_page_reads_in_a_fixed_number_of_queries(
    client, coordination, persona, django_assert_num_queries
):
    for n in range(8):
        v = theorie_publiee(coordination, f"Version {n}.")
        services_textes.avis_codir_enregistrer(
            par=persona("codir"), version=v, valide=bool(n % 2), le=timezone.localdate(),
            motifs="Motifs.",
        )  # fmt: skip
    # The versions with CODIR's latest opinion, the frames, the frame in force, the opinions
    # on the version in force, the numbers to compare.
    with django_assert_num_queries(5):
        html = client.get(reverse("gouvernance:theorie")).content.decode()
    assert html.count("invalidée par le CODIR") == 4


def test_a_member_without_a_verified_address_is_asked_to_verify_it(client_de, coordination):
    from allauth.account.models import EmailAddress

    v = theorie_en_consultation(coordination)
    client = client_de("relais")
    EmailAddress.objects.filter(email="relais@tilab.test").update(verified=False)
    url = reverse("gouvernance:commenter", kwargs={"sorte": "theorie", "numero": v.numero})
    reponse = client.post(url, {"texte": "Bonjour"})
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_email_verification_sent"))
    assert not Commentaire.objects.exists()


def test_a_payload_shows_as_text_in_the_grid_its_notes_and_codir_s_reasons(
    client, coordination, persona
):
    from gouvernance.services.grille import grille_ecrire, grille_publier, grille_rediger

    theorie = services_textes.theorie_rediger(par=coordination, texte="Texte", note_de_version=XSS)
    theorie = services_textes.theorie_publier(par=coordination, version=theorie)
    services_textes.avis_codir_enregistrer(
        par=persona("codir"), version=theorie, valide=False, le=timezone.localdate(), motifs=XSS
    )
    piege = [(0, XSS), (1, "Oui")]
    g1 = grille_rediger(par=coordination, note_de_version=XSS)
    grille_ecrire(par=coordination, version=g1, criteres=[CritereSaisi(XSS, 2, piege, XSS)])
    grille_publier(par=coordination, version=g1)
    g2 = grille_rediger(par=coordination)
    grille_ecrire(
        par=coordination,
        version=g2,
        criteres=[CritereSaisi(XSS + " revu", 3, piege[::-1], XSS + "!"), CRITERES[0]],
    )
    grille_publier(par=coordination, version=g2)
    for adresse, parametres in [
        (reverse("gouvernance:theorie"), {}),
        (theorie.get_absolute_url(), {}),
        (reverse("gouvernance:grille"), {}),
        (g1.get_absolute_url(), {}),
        (reverse("gouvernance:grille_comparer"), {"de": "1", "a": "2"}),
    ]:
        reponse = client.get(adresse, parametres)
        assert reponse.status_code == 200
        sans_charge(reponse.content.decode())


@pytest.mark.parametrize(
    "parametres",
    [
        {"partie": "²"},
        {"partie": "99999999999999999999"},
        {"commenter": "²"},
        {"commenter": "99999999999999999999"},
        {"page": "x"},
        {"partie": "\x00"},
    ],
)
def test_odd_parameters_on_a_version_s_page_answer_200(client_de, coordination, parametres):
    v = theorie_en_consultation(coordination)
    assert client_de("relais").get(v.get_absolute_url(), parametres).status_code == 200


def test_a_number_too_large_is_a_404_not_an_error(client):
    for adresse in (
        "/gouvernance/theorie/99999999999999999999/",
        "/gouvernance/grille/99999999999999999999/",
    ):
        assert client.get(adresse).status_code == 404
    adresse = "/gouvernance/theorie/99999999999999999999/commenter/"
    assert client.post(adresse, {"texte": "x"}).status_code == 404


def test_a_consultation_to_come_says_so_and_takes_no_comment(client_de, coordination):
    from datetime import timedelta

    v = services_textes.theorie_rediger(par=coordination, texte="Bientôt.")
    jour = timezone.localdate()
    services_textes.theorie_ouvrir_consultation(
        par=coordination, version=v, debut=jour + timedelta(days=3), fin=jour + timedelta(days=9)
    )
    html = client_de("relais").get(v.get_absolute_url()).content.decode()
    assert "elle n&#x27;est pas encore ouverte" in html or "elle n'est pas encore ouverte" in html
    assert "Publier mon commentaire" not in html


# --- CODIR's opinion, recorded on the version's page -----------------------------------------


def test_a_codir_member_records_its_opinion_on_the_published_version_page(client_de, coordination):
    from gouvernance.models import AvisCodir

    version = theorie_publiee(coordination)
    codir = client_de("codir")
    page = codir.get(version.get_absolute_url())
    assert "Enregistrer l'avis du CODIR" in page.content.decode()
    url = f"/gouvernance/theorie/{version.numero}/avis-codir/"
    # A date in the future and no reasons: the page again, the errors next to the fields,
    # the choice kept.
    refus = codir.post(url, {"avis-valide": "non", "avis-le": "01/01/2099", "avis-motifs": ""})
    assert refus.status_code == 400
    texte = refus.content.decode()
    assert "Écrivez les motifs de l&#x27;avis du CODIR." in texte
    assert (
        'value="non" checked' in texte
        or 'checked value="non"' in texte
        or ('value="non"' in texte and "checked" in texte)
    )
    assert not AvisCodir.objects.exists()
    reponse = codir.post(
        url,
        {
            "avis-valide": "non",
            "avis-le": "12/11/2026",
            "avis-motifs": "<script>x</script>Trop flou.",
        },
    )
    assert reponse.status_code == 302
    avis = AvisCodir.objects.get()
    assert not avis.valide and avis.version == version
    page = Client().get(version.get_absolute_url()).content.decode()  # a visitor
    assert "Invalidée par le CODIR" in page
    assert "<script>x</script>" not in page and "Trop flou." in page
    assert "Enregistrer l'avis du CODIR" not in page
