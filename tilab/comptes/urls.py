from django.urls import path

from tilab.comptes import views as views_comptes

app_name = "comptes"

urlpatterns = [
    path("profil/", views_comptes.profil, name="profil"),
    path("mes-donnees/", views_comptes.export, name="export"),
    path("supprimer/", views_comptes.supprimer, name="supprimer"),
]
