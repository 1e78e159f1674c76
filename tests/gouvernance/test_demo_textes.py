"""The demo texts: a frame, two theory versions (the first validated by CODIR, the second
after a consultation with answered comments), two grid versions, loaded once."""

from __future__ import annotations

import pytest

from gouvernance import demo
from gouvernance.differences import difference_criteres
from gouvernance.models import AvisCodir, CadreTriennal, Commentaire, VersionGrille, VersionTheorie
from tilab.comptes import demo as demo_comptes

pytestmark = pytest.mark.django_db


def test_the_demo_texts_load_once_and_leave_grid_2_in_force():
    demo_comptes.charger()
    demo.charger()
    demo.charger()
    assert CadreTriennal.objects.en_vigueur().titre == demo.TITRE_CADRE
    v1, v2 = VersionTheorie.objects.order_by("numero")
    assert AvisCodir.objects.get().version == v1 and not v2.avis.exists()
    assert v2.consultation_fin < v2.publiee_le.date()
    commentaires = Commentaire.objects.filter(theorie=v2)
    assert commentaires.count() == 5
    assert commentaires.filter(paragraphe__isnull=True).count() == 2
    assert commentaires.exclude(reponse="").count() == 4
    g1, g2 = VersionGrille.objects.order_by("numero").prefetch_related("criteres__niveaux")
    assert (g1.theorie, g2.theorie) == (v1, v2)
    assert demo.grille_en_vigueur() == g2
    d = difference_criteres(g1.criteres.all(), g2.criteres.all())
    assert [c.libelle for c in d.ajoutes] == ["Ancrage territorial"]
    assert [c.apres.libelle for c in d.reformules] == ["Implication des agents et des décideurs"]
    assert [(c.avant.poids, c.apres.poids) for c in d.reponderes] == [(2, 3)]
    assert all(len(c.niveaux.all()) == 4 for c in g2.criteres.all())
