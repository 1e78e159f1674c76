"""The site's URLs with the bench's, as ``tilab/urls.py`` has them when BENCH is on."""

from django.urls import include, path

from tilab.urls import urlpatterns as site

urlpatterns = [*site, path("", include("tilab.banc.urls"))]
