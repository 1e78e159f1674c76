from django.urls import path

from documentation.feeds import flux_de_la_documentation
from documentation.views import attendues, ecriture, lecture

app_name = "documentation"

# --- Reading and reusing (documentation.views.lecture)
urlpatterns_lecture = [
    path("", lecture.index, name="index"),
    # Before "<slug>/" (« flux » is a reserved slug: services.pages.CHEMINS_RESERVES).
    path("flux/", flux_de_la_documentation, name="flux"),
    path("<slug:slug>/", lecture.detail, name="page"),
    path("<slug:slug>/reutiliser/", lecture.reutiliser, name="reutiliser"),
    path("<slug:slug>/markdown/", lecture.markdown, name="markdown"),
    path("<slug:slug>/historique/", lecture.historique, name="historique"),
    path("<slug:slug>/historique/<int:numero>/", lecture.revision, name="revision"),
    path("<slug:slug>/comparer/", lecture.comparer, name="comparer"),
    path("<slug:slug>/pieces/<int:pk>/", lecture.piece_jointe, name="piece_jointe"),
]

# --- Writing and reviewing (documentation.views.ecriture)
urlpatterns_ecriture: list = [
    path("nouvelle/", ecriture.nouvelle, name="nouvelle"),
    path("relecture/", ecriture.relecture, name="relecture"),
    path("mes-pages/", ecriture.mes_pages, name="mes_pages"),
    # The kinds of page an experiment owes (documentation.views.attendues), from its page.
    path("attendues/<slug:slug>/ajouter/", attendues.ajouter, name="attendue_ajouter"),
    path(
        "attendues/<slug:slug>/<slug:sorte>/retirer/",
        attendues.retirer,
        name="attendue_retirer",
    ),
    path("<slug:slug>/modifier/", ecriture.modifier, name="modifier"),
    path("<slug:slug>/soumettre/", ecriture.soumettre, name="soumettre"),
    path("<slug:slug>/commenter/", ecriture.commenter, name="commenter"),
    path("<slug:slug>/publier/", ecriture.publier, name="publier"),
    path("<slug:slug>/archiver/", ecriture.archiver, name="archiver"),
    path(
        "<slug:slug>/historique/<int:numero>/restaurer/",
        ecriture.restaurer,
        name="restaurer",
    ),
    path("<slug:slug>/pieces/ajouter/", ecriture.ajouter_piece, name="ajouter_piece"),
    path("<slug:slug>/pieces/<int:pk>/retirer/", ecriture.retirer_piece, name="retirer_piece"),
]

# Writing's fixed paths (nouvelle/, relecture/, attendues/…) come before <slug>/.
urlpatterns = urlpatterns_ecriture + urlpatterns_lecture
