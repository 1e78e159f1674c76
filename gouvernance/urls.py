from django.urls import path, re_path

from gouvernance import views
from gouvernance.views import textes

app_name = "gouvernance"

urlpatterns = [
    path("", views.index, name="index"),
    # --- The texts: theory of transformation and selection grid
    path("theorie/", textes.theorie, name="theorie"),
    path("theorie/comparer/", textes.theorie_comparer, name="theorie_comparer"),
    path("theorie/<int:numero>/", textes.theorie_version, name="theorie_version"),
    path("grille/", textes.grille, name="grille"),
    path("grille/comparer/", textes.grille_comparer, name="grille_comparer"),
    path("grille/<int:numero>/", textes.grille_version, name="grille_version"),
    re_path(
        r"^(?P<sorte>theorie|grille)/(?P<numero>[0-9]+)/commenter/$",
        textes.commenter,
        name="commenter",
    ),
    path("commentaires/<int:pk>/repondre/", textes.repondre, name="repondre"),
]
