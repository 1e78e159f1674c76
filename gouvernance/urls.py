from django.urls import path, re_path

from gouvernance import views
from gouvernance.feeds import flux_des_decisions
from gouvernance.views import candidatures, copil, textes

app_name = "gouvernance"

urlpatterns = [
    path("", views.index, name="index"),
    # --- The texts: theory of transformation and selection grid
    path("theorie/", textes.theorie, name="theorie"),
    path("theorie/comparer/", textes.theorie_comparer, name="theorie_comparer"),
    path("theorie/<int:numero>/", textes.theorie_version, name="theorie_version"),
    path("theorie/<int:numero>/avis-codir/", textes.avis_codir, name="avis_codir"),
    path("grille/", textes.grille, name="grille"),
    path("grille/comparer/", textes.grille_comparer, name="grille_comparer"),
    path("grille/<int:numero>/", textes.grille_version, name="grille_version"),
    re_path(
        r"^(?P<sorte>theorie|grille)/(?P<numero>[0-9]+)/commenter/$",
        textes.commenter,
        name="commenter",
    ),
    path("commentaires/<int:pk>/repondre/", textes.repondre, name="repondre"),
    path("copil/", copil.sessions, name="sessions"),
    path("copil/<slug:slug>/", copil.session, name="session"),
    path(
        "copil/<slug:slug>/candidatures/<int:pk>/",
        candidatures.candidature,
        name="candidature",
    ),
    path("decisions/", copil.decisions, name="decisions"),
    path("decisions/flux/", flux_des_decisions, name="decisions_flux"),
    path("copil/<slug:slug>/clore/", copil.clore, name="clore"),
    path("copil/<slug:slug>/publier/", copil.publier, name="publier"),
    path("copil/candidatures/<int:pk>/voter/", candidatures.voter, name="voter"),
    path("copil/candidatures/<int:pk>/decider/", candidatures.decider, name="decider"),
    path("decisions/<int:pk>/rectifier/", candidatures.rectifier, name="rectifier"),
]
