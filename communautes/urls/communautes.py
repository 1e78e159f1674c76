"""The URLs of communities, commitments and a problem's community and maturity.

Included at the root (``path("", include(...))``) so that this app declares its own paths
under ``/problematiques/<slug>/…`` too, without the problems app knowing about them.
"""

from django.urls import path

from communautes.feeds import flux_des_communautes
from communautes.views import communautes, constitution, engagements, maturite

app_name = "communautes"

# Fixed paths that a community's slug must not take (see services.communautes.SLUGS_RESERVES).
urlpatterns = [
    path("communautes/", communautes.index, name="index"),
    path("communautes/mes-engagements/", engagements.mes_engagements, name="mes_engagements"),
    path("communautes/charge/", engagements.charge, name="charge"),
    path("communautes/flux/", flux_des_communautes, name="flux"),
    # Keep fixed paths ABOVE this line: "<slug>/" matches them.
    path("communautes/<slug:slug>/", communautes.detail, name="detail"),
    path("communautes/<slug:slug>/rejoindre/", engagements.rejoindre, name="rejoindre"),
    path("communautes/<slug:slug>/prolonger/", engagements.prolonger, name="prolonger"),
    path("communautes/<slug:slug>/quitter/", engagements.quitter, name="quitter"),
    # The Ti Team's actions on a problem's community and maturity; ``slug`` is the problem's.
    path(
        "problematiques/<slug:slug>/constituer-la-communaute/",
        constitution.constituer,
        name="constituer_communaute",
    ),
    path(
        "problematiques/<slug:slug>/maturite/territoire/",
        maturite.territoire_volontaire,
        name="maturite_territoire",
    ),
    path(
        "problematiques/<slug:slug>/maturite/derogation/",
        maturite.derogation,
        name="maturite_derogation",
    ),
]
