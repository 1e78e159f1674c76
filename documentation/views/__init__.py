"""The documentation's pages: reading and reusing (:mod:`documentation.views.lecture`), writing
and reviewing (:mod:`documentation.views.ecriture`)."""
