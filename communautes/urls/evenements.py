"""The URLs of events and their calendar feeds, included at the root."""

from django.urls import path

from communautes.feeds import flux_des_evenements
from communautes.views import evenements as views

app_name = "evenements"

urlpatterns = [
    path("evenements/", views.index, name="index"),
    path("evenements.ics", views.calendrier, name="calendrier"),
    # Before "<slug>/": an event's slug may not be « flux » nor « mes-inscriptions »
    # (Evenement.clean).
    path("evenements/flux/", flux_des_evenements, name="flux"),
    path("evenements/mes-inscriptions/", views.mes_inscriptions, name="mes_inscriptions"),
    path("evenements/<slug:slug>.ics", views.calendrier_evenement, name="ical"),
    path("evenements/<slug:slug>/", views.detail, name="detail"),
    path("evenements/<slug:slug>/inscription/", views.inscrire, name="inscrire"),
    path("evenements/<slug:slug>/annulation/", views.annuler, name="annuler"),
    path("evenements/<slug:slug>/inscriptions/", views.inscriptions, name="inscriptions"),
    path(
        "evenements/<slug:slug>/inscriptions.csv", views.inscriptions_csv, name="inscriptions_csv"
    ),
]
