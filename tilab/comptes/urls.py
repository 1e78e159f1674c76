from django.urls import path

from tilab.comptes import views

app_name = "comptes"

urlpatterns = [
    path("profil/", views.profil, name="profil"),
    path("mes-donnees/", views.export, name="export"),
    path("supprimer/", views.supprimer, name="supprimer"),
]
