from django.urls import path

from problematiques import views

app_name = "problematiques"

urlpatterns = [
    path("", views.index, name="index"),
    # Keep fixed paths (signaler/, mes-remontees/…) ABOVE this line: "<slug>/" matches them.
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/soutenir/", views.soutenir, name="soutenir"),
    path("<slug:slug>/retirer-soutien/", views.retirer_soutien, name="retirer_soutien"),
]
