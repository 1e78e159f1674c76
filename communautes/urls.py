from django.urls import path

from communautes import views_communautes, views_engagements

app_name = "communautes"

# Fixed paths that a community's slug must not take (see services_communautes.SLUGS_RESERVES).
urlpatterns = [
    path("", views_communautes.index, name="index"),
    path("mes-engagements/", views_engagements.mes_engagements, name="mes_engagements"),
    path("charge/", views_engagements.charge, name="charge"),
    # Keep fixed paths ABOVE this line: "<slug>/" matches them.
    path("<slug:slug>/", views_communautes.detail, name="detail"),
    path("<slug:slug>/rejoindre/", views_engagements.rejoindre, name="rejoindre"),
    path("<slug:slug>/prolonger/", views_engagements.prolonger, name="prolonger"),
    path("<slug:slug>/quitter/", views_engagements.quitter, name="quitter"),
]
