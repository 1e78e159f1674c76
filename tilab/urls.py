from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from tilab import views

admin.site.site_header = "Ti Lab — back-office"
admin.site.site_title = "Ti Lab — back-office"
admin.site.index_title = "Tableau de bord"
# The admin login goes through allauth, so its rate limits and verification apply there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accessibilite/", views.accessibilite, name="accessibilite"),
    path("mentions-legales/", views.mentions_legales, name="mentions_legales"),
    path("donnees-personnelles/", views.donnees_personnelles, name="donnees_personnelles"),
    path("recherche/", views.recherche, name="recherche"),
    path("donnees/", views.donnees, name="donnees"),
    path("donnees/<slug:nom>.csv", views.donnees_csv, name="donnees_csv"),
    path("donnees/<slug:nom>.json", views.donnees_json, name="donnees_json"),
    path("problematiques/", include("problematiques.urls")),
    # communautes declares its paths whole: some live under /problematiques/<slug>/….
    path("", include("communautes.urls.communautes")),
    path("", include("communautes.urls.evenements")),
    path("experimentations/", include("experimentations.urls")),
    path("gouvernance/", include("gouvernance.urls")),
    path("documentation/", include("documentation.urls")),
    path("comptes/", include("tilab.comptes.urls")),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

# The bench's baseline page (make bench), only when the bench setting is on.
if settings.BENCH:
    urlpatterns.append(path("", include("tilab.banc.urls")))

handler400 = "tilab.views.erreur_400"
handler403 = "tilab.views.erreur_403"
handler404 = "tilab.views.erreur_404"
handler429 = "tilab.views.erreur_429"
handler500 = "tilab.views.erreur_500"
