from django.urls import path

from communautes import views_comptes

app_name = "comptes"

urlpatterns = [
    path("profil/", views_comptes.profil, name="profil"),
    path("mes-donnees/", views_comptes.export, name="export"),
    path("supprimer/", views_comptes.supprimer, name="supprimer"),
]
