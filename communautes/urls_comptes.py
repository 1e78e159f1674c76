from django.urls import path

from communautes import views_comptes

app_name = "comptes"

urlpatterns = [
    path("profil/", views_comptes.profil, name="profil"),
]
