"""The URLs of experiments and pacts, under ``/experimentations/``."""

from django.urls import path

from experimentations.feeds import flux_des_experimentations
from experimentations.views import experimentations, pactes

app_name = "experimentations"

# Fixed paths that an experiment's slug must not take (services.experimentations.SLUGS_RESERVES).
urlpatterns = [
    path("", experimentations.index, name="index"),
    path("flux/", flux_des_experimentations, name="flux"),
    path("pactes/", pactes.index, name="pactes"),
    path("pactes/mes-pactes/", pactes.mes_pactes, name="mes_pactes"),
    path("pactes/<int:numero>/", pactes.detail, name="pacte"),
    path("pactes/<int:numero>/signer/", pactes.signer, name="signer"),
    # Keep fixed paths ABOVE this line: "<slug>/" matches them.
    path("<slug:slug>/", experimentations.detail, name="detail"),
]
