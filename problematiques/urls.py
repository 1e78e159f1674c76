from django.urls import path

from problematiques.feeds import flux_des_problematiques
from problematiques.views import public, relais

app_name = "problematiques"

urlpatterns = [
    path("", public.index, name="index"),
    path("signaler/", relais.signaler, name="signaler"),
    path(
        "signaler/merci/<slug:slug>/",
        relais.signalement_envoye,
        name="signalement_envoye",
    ),
    path("mes-remontees/", relais.mes_remontees, name="mes_remontees"),
    path("flux/", flux_des_problematiques, name="flux"),
    # Keep fixed paths (signaler/, mes-remontees/…) ABOVE this line: "<slug>/" matches them.
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/soutenir/", public.soutenir, name="soutenir"),
    path("<slug:slug>/retirer-soutien/", public.retirer_soutien, name="retirer_soutien"),
]
