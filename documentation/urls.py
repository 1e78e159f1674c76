from django.urls import path

from documentation.views import lecture

app_name = "documentation"

# --- Reading and reusing (documentation.views.lecture)
urlpatterns_lecture = [
    path("", lecture.index, name="index"),
    path("<slug:slug>/", lecture.detail, name="page"),
    path("<slug:slug>/reutiliser/", lecture.reutiliser, name="reutiliser"),
    path("<slug:slug>/markdown/", lecture.markdown, name="markdown"),
    path("<slug:slug>/historique/", lecture.historique, name="historique"),
    path("<slug:slug>/historique/<int:numero>/", lecture.revision, name="revision"),
    path("<slug:slug>/comparer/", lecture.comparer, name="comparer"),
    path("<slug:slug>/pieces/<int:pk>/", lecture.piece_jointe, name="piece_jointe"),
]

# --- Writing and reviewing (documentation.views.ecriture)
urlpatterns_ecriture: list = []

# Writing's fixed paths (nouvelle/, relecture/) come before <slug>/.
urlpatterns = urlpatterns_ecriture + urlpatterns_lecture
