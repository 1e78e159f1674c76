from django.urls import path

from documentation.views import lecture

app_name = "documentation"

# --- Reading and reusing (documentation.views.lecture)
urlpatterns_lecture = [
    path("", lecture.index, name="index"),
]

# --- Writing and reviewing (documentation.views.ecriture)
urlpatterns_ecriture: list = []

# Writing's fixed paths (nouvelle/, relecture/) come before <slug>/.
urlpatterns = urlpatterns_ecriture + urlpatterns_lecture
