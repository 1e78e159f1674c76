from django.urls import path

from communautes import views_evenements as views

app_name = "evenements"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.ics", views.calendrier_evenement, name="ical"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/inscription/", views.inscrire, name="inscrire"),
    path("<slug:slug>/annulation/", views.annuler, name="annuler"),
    path("<slug:slug>/inscriptions/", views.inscriptions, name="inscriptions"),
    path("<slug:slug>/inscriptions.csv", views.inscriptions_csv, name="inscriptions_csv"),
]
