"""The bench's own URL, included by ``tilab/urls.py`` only when the bench setting is on: it
does not exist otherwise (``tests/test_roles_urls.py`` lists every URL of the site)."""

from django.urls import path

from tilab.banc import views

urlpatterns = [
    path("banc/temoin/", views.temoin, name="banc_temoin"),
]
