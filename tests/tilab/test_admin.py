"""tilab.admin.ModeleAdminAvecBoutons: POST-only button URLs on an admin change page, served
by the admin site, and the change page's context for them."""

import pytest
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse

from tests.factories import PersonneFactory, ThemeFactory
from tilab import urls as urls_du_site
from tilab.admin import ModeleAdminAvecBoutons, UrlBouton
from tilab.comptes.models import Theme


class ThemeEssaiAdmin(ModeleAdminAvecBoutons):
    urls_boutons = (UrlBouton("<int:object_id>/renommer/", "renommer", "renommer_view"),)

    def contexte_modification(self, request, objet):
        return {"url_renommer": self.url_bouton("renommer", objet.pk), "nom_vu": objet.nom}

    def renommer_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        theme = Theme.objects.get(pk=object_id)
        theme.nom = request.POST["nom"]
        theme.save()
        return self.retour_page(theme)


site = admin.AdminSite(name="essai")
site.register(Theme, ThemeEssaiAdmin)
urlpatterns = [path("essai/", site.urls), *urls_du_site.urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def theme():
    return ThemeFactory(nom="Eau")


@pytest.fixture
def equipe(client):
    client.force_login(PersonneFactory(is_staff=True, is_superuser=True))
    return client


def url_renommer(theme):
    return reverse("essai:comptes_theme_renommer", args=[theme.pk])


def test_a_button_url_is_named_after_the_model_and_comes_before_the_model_s_own(theme):
    assert url_renommer(theme) == f"/essai/comptes/theme/{theme.pk}/renommer/"
    modele_admin = site._registry[Theme]
    assert modele_admin.url_bouton("renommer", theme.pk) == url_renommer(theme)
    assert modele_admin.get_urls()[0].name == "comptes_theme_renommer"


def test_a_button_answers_post_and_goes_back_to_the_change_page(equipe, theme):
    reponse = equipe.post(url_renommer(theme), {"nom": "Eau potable"})
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("essai:comptes_theme_change", args=[theme.pk])
    theme.refresh_from_db()
    assert theme.nom == "Eau potable"


def test_a_button_refuses_get(equipe, theme):
    assert equipe.get(url_renommer(theme)).status_code == 405


@pytest.mark.parametrize("personne", ["anonyme", "hors_equipe"])
def test_a_button_is_behind_the_admin_login(client, theme, personne):
    if personne == "hors_equipe":
        client.force_login(PersonneFactory(is_staff=False))
    reponse = client.post(url_renommer(theme), {"nom": "Piraté"})
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("essai:login"))
    theme.refresh_from_db()
    assert theme.nom == "Eau"


def test_the_change_page_receives_the_context_of_its_buttons(equipe, theme):
    reponse = equipe.get(reverse("essai:comptes_theme_change", args=[theme.pk]))
    assert reponse.status_code == 200
    assert reponse.context["url_renommer"] == url_renommer(theme)
    assert reponse.context["nom_vu"] == "Eau"


def test_a_missing_object_gets_no_button_context(equipe):
    reponse = equipe.get(reverse("essai:comptes_theme_change", args=[999999]))
    assert reponse.status_code == 302


def test_by_default_a_change_page_gets_nothing_more(theme, rf):
    assert ModeleAdminAvecBoutons(Theme, site).contexte_modification(rf.get("/"), theme) == {}
