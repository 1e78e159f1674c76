"""The back office of the texts: everything written through the services, steps as buttons,
refusals shown with what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gouvernance.models import CadreTriennal, StatutVersion, VersionGrille, VersionTheorie
from gouvernance.services.consultation import commentaire_ajouter
from tests.gouvernance.aide_textes import (
    grille_brouillon,
    theorie_en_consultation,
    theorie_publiee,
)
from tests.saisies import formulaires

pytestmark = pytest.mark.django_db


def formulaire_de(client, adresse, identifiant):
    html = client.get(adresse).content.decode()
    return next(f for f in formulaires(html) if f.attributs.get("id") == identifiant)


def aplatir(donnees):
    return {cle: valeurs[0] if len(valeurs) == 1 else valeurs for cle, valeurs in donnees.items()}


def test_a_draft_is_written_then_consulted_then_published_by_its_buttons(client_de):
    client = client_de("coordination")
    reponse = client.post(
        reverse("admin:gouvernance_versiontheorie_add"),
        {"texte": "Premier jet.\n\nSuite.", "note_de_version": ""},
    )
    assert reponse.status_code == 302, [
        ligne for ligne in reponse.content.decode().splitlines() if "error" in ligne
    ]
    v = VersionTheorie.objects.get()
    assert (v.numero, v.statut, v.redigee_par.email) == (1, "brouillon", "coordination@tilab.test")
    etape = lambda cle: reverse("admin:gouvernance_versiontheorie_etape", args=[v.pk, cle])  # noqa: E731
    jour = timezone.localdate()
    # Dates the wrong way round: refused, the form shown again with its error.
    client.post(
        etape("consultation"),
        {
            "consultation-debut": jour.isoformat(),
            "consultation-fin": (jour - timedelta(1)).isoformat(),
        },
    )
    html = client.get(reverse("admin:gouvernance_versiontheorie_change", args=[v.pk])).content
    assert "La consultation ne peut pas finir avant de commencer." in html.decode()
    client.post(
        etape("consultation"),
        {"consultation-debut": jour.isoformat(), "consultation-fin": jour.isoformat()},
    )
    v.refresh_from_db()
    assert v.statut == StatutVersion.EN_CONSULTATION
    client.post(etape("publier"))
    v.refresh_from_db()
    assert v.statut == StatutVersion.PUBLIEE
    # Published: it offers a new grid version, opened in draft.
    html = client.get(reverse("admin:gouvernance_versiontheorie_change", args=[v.pk])).content
    assert "Ouvrir une nouvelle version de la grille" in html.decode()
    reponse = client.post(etape("nouvelle_grille"))
    grille = VersionGrille.objects.get()
    assert grille.theorie == v and grille.statut == StatutVersion.BROUILLON
    assert reponse["Location"] == reverse(
        "admin:gouvernance_versiongrille_change", args=[grille.pk]
    )


def test_a_draft_grid_s_criteria_and_scales_are_written_through_the_service(client_de):
    coordination = client_de("coordination")
    from tilab.comptes.models import Personne

    par = Personne.objects.get(email="coordination@tilab.test")
    theorie_publiee(par)
    grille = grille_brouillon(par)
    adresse = reverse("admin:gouvernance_versiongrille_change", args=[grille.pk])
    formulaire = formulaire_de(coordination, adresse, "versiongrille_form")
    donnees = aplatir(formulaire.donnees)
    assert donnees["criteres-0-echelle"].startswith("0 = Absent")
    donnees["criteres-0-poids"] = "5"
    donnees["criteres-1-libelle"] = "Maturité de la communauté d'intérêt"
    donnees["criteres-2-echelle"] = "0 = Non\n1 = Oui"
    reponse = coordination.post(adresse, donnees)
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    assert [(c.libelle, c.poids, c.niveaux.count()) for c in grille.criteres.all()] == [
        ("Ampleur du besoin", 5, 4),
        ("Maturité de la communauté d'intérêt", 2, 4),
        ("Potentiel d'essaimage", 2, 2),
    ]
    # A scale that cannot be read is refused next to its field, what was typed kept.
    donnees = aplatir(formulaire_de(coordination, adresse, "versiongrille_form").donnees)
    donnees["criteres-0-echelle"] = "zéro, absent"
    html = coordination.post(adresse, donnees).content.decode()
    assert (
        "Ligne 1\u00a0: écrivez «\u00a0valeur = libellé\u00a0»" in html and "zéro, absent" in html
    )


def test_a_published_grid_is_read_only(client_de, coordination):
    theorie_publiee(coordination)
    grille = grille_brouillon(coordination)
    from gouvernance.services.grille import grille_publier

    grille_publier(par=coordination, version=grille)
    html = (
        client_de("coordination")
        .get(reverse("admin:gouvernance_versiongrille_change", args=[grille.pk]))
        .content.decode()
    )
    assert 'name="criteres-0-poids"' not in html and "0 = Absent" in html


def test_an_overlapping_frame_is_refused_next_to_its_date(client_de, direction):
    client = client_de("direction")
    valeurs = {
        "titre": "Cadre 2025–2027",
        "debut": "2025-01-01",
        "fin": "2027-12-31",
        "orientations": "Transformer avec les agents.",
        "reunion_codir_le": "2024-12-05",
        "reunion_codir_note": "",
    }
    assert client.post(reverse("admin:gouvernance_cadretriennal_add"), valeurs).status_code == 302
    reponse = client.post(
        reverse("admin:gouvernance_cadretriennal_add"), valeurs | {"titre": "Autre"}
    )
    assert (
        "Cette période chevauche celle du cadre «\u00a0Cadre 2025–2027\u00a0»"
        in reponse.content.decode()
    )
    assert CadreTriennal.objects.count() == 1


def test_the_team_answers_a_comment_from_the_back_office(client_de, coordination, relais):
    v = theorie_en_consultation(coordination)
    c = commentaire_ajouter(par=relais, version=v, texte="Et les usagers ?")
    client = client_de("animation")
    adresse = reverse("admin:gouvernance_commentaire_change", args=[c.pk])
    assert "Écrivez la réponse" in client.post(adresse, {"reponse": " "}).content.decode()
    assert client.post(adresse, {"reponse": "Ils sont au § 2."}).status_code == 302
    c.refresh_from_db()
    assert (c.reponse, c.repondu_par.email) == ("Ils sont au § 2.", "animation@tilab.test")


@pytest.mark.parametrize("nom", ["direction", "coordination", "animation", "relais", "anonyme"])
def test_a_published_theory_s_page_offers_the_team_a_new_grid(nom, client_de, coordination):
    v = theorie_publiee(coordination)
    html = client_de(nom).get(v.get_absolute_url()).content.decode()
    assert ("Ouvrir une nouvelle version de la grille" in html) == (
        nom in ("direction", "coordination")
    )


def test_a_second_grid_draft_is_not_opened_from_the_same_theory(client_de, coordination):
    v = theorie_publiee(coordination)
    client = client_de("coordination")
    adresse = reverse("admin:gouvernance_versiontheorie_etape", args=[v.pk, "nouvelle_grille"])
    client.post(adresse)
    reponse = client.post(adresse, follow=True)
    assert "est déjà en préparation" in reponse.content.decode()
    assert VersionGrille.objects.count() == 1
    assert "Ouvrir une nouvelle version" not in client.get(v.get_absolute_url()).content.decode()


@pytest.mark.parametrize("modele", ["versiontheorie", "versiongrille"])
def test_a_draft_s_page_answers_bad_input_with_its_errors(modele, client_partage_de, persona):
    from tests.test_balayage_admin import _balayer, _formulaire_du_modele

    coordination = persona("coordination")
    theorie_publiee(coordination)
    if modele == "versiongrille":
        brouillon = grille_brouillon(coordination)
    else:
        from gouvernance.services.textes import theorie_rediger

        brouillon = theorie_rediger(par=coordination, texte="Brouillon.")
    client = client_partage_de("coordination")
    adresse = reverse(f"admin:gouvernance_{modele}_change", args=[brouillon.pk])
    reponse = client.get(adresse)
    _balayer(client, adresse, _formulaire_du_modele(reponse.content.decode(), _admin(modele)))


def _admin(modele):
    from django.contrib import admin

    return next(a for m, a in admin.site._registry.items() if m._meta.model_name == modele)
