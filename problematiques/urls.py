from django.urls import path

from communautes import views_constitution, views_maturite
from problematiques import views, views_relais

app_name = "problematiques"

urlpatterns = [
    path("", views.index, name="index"),
    path("signaler/", views_relais.signaler, name="signaler"),
    path(
        "signaler/merci/<slug:slug>/",
        views_relais.signalement_envoye,
        name="signalement_envoye",
    ),
    path("mes-remontees/", views_relais.mes_remontees, name="mes_remontees"),
    # Keep fixed paths (signaler/, mes-remontees/…) ABOVE this line: "<slug>/" matches them.
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/soutenir/", views.soutenir, name="soutenir"),
    path("<slug:slug>/retirer-soutien/", views.retirer_soutien, name="retirer_soutien"),
    # The Ti Team's actions on a problem's community and maturity (communautes app).
    path(
        "<slug:slug>/constituer-la-communaute/",
        views_constitution.constituer,
        name="constituer_communaute",
    ),
    path(
        "<slug:slug>/maturite/territoire/",
        views_maturite.territoire_volontaire,
        name="maturite_territoire",
    ),
    path("<slug:slug>/maturite/derogation/", views_maturite.derogation, name="maturite_derogation"),
]
