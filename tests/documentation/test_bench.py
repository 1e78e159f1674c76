"""The bench's documentation at the tests' scale: pages in every state with their revisions
numbered, the journal, the review and the reuses counted, as the services would leave them."""

from __future__ import annotations

import pytest
from django.db.models import Count

from documentation import bench
from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Page,
    Reutilisation,
    Revision,
    StatutPage,
    TypeActionPage,
)
from documentation.models.pages import CHAMPS_REVISES
from documentation.services.pages import manques
from experimentations.models import Experimentation
from tests.tilab.banc.conftest import donnees_du_banc  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("donnees_du_banc")]


def test_every_kind_of_row_is_generated():
    assert all(n > 0 for n in bench.compter().values())
    assert set(Page.objects.values_list("statut", flat=True)) == set(StatutPage)
    assert not Page.objects.filter(vecteur_recherche=None).exists()
    assert not Page.objects.filter(themes=None).exists()
    assert not Page.objects.filter(territoires=None).exists()
    assert not Page.objects.filter(auteurs=None).exists()
    for page in Page.objects.order_by("?")[:5]:
        page.full_clean()


def test_revisions_are_numbered_and_the_last_holds_the_page_s_text():
    for page in Page.objects.prefetch_related("revisions", "actions"):
        revisions = sorted(page.revisions.all(), key=lambda r: r.numero)
        assert 1 <= len(revisions) <= 8
        assert [r.numero for r in revisions] == list(range(1, len(revisions) + 1))
        assert revisions[0].le == page.creee_le
        for champ in CHAMPS_REVISES:
            assert getattr(revisions[-1], champ) == getattr(page, champ)
        types = [a.type for a in page.actions.all()]
        assert types[0] == TypeActionPage.CREER
        assert types.count(TypeActionPage.ENREGISTRER) == len(revisions) - 1
        assert (TypeActionPage.PUBLIER in types) == page.est_publique
        assert (page.publiee_le is not None) == page.est_publique
        assert page.modifiee_le == max(a.le for a in page.actions.all())


def test_public_pages_meet_the_checklist_and_experiments_have_their_fiche():
    assert all(manques(p) == {} for p in Page.objects.publiques())
    for e in Experimentation.objects.all()[:10]:
        assert e.pages_documentation.filter(statut=StatutPage.PUBLIEE).exists()


def test_reuses_are_counted_on_public_pages_and_comments_on_pages_in_review():
    assert Reutilisation.objects.exists()
    comptes = dict(Page.objects.annotate(n=Count("reutilisations")).values_list("pk", "n"))
    assert comptes == dict(Page.objects.values_list("pk", "nb_reutilisations"))
    assert not Reutilisation.objects.filter(page__publiee_le=None).exists()
    en_relecture = Page.objects.filter(statut=StatutPage.EN_RELECTURE)
    assert all(p.commentaires.exists() for p in en_relecture)
    assert set(CommentaireRelecture.objects.values_list("page__statut", flat=True)) == {
        StatutPage.EN_RELECTURE
    }
    assert ActionPage.objects.filter(type=TypeActionPage.ARCHIVER).count() == (
        Page.objects.filter(statut=StatutPage.ARCHIVEE).count()
    )
    assert Revision.objects.count() >= Page.objects.count()


def test_pages_in_review_have_their_latest_submission_for_the_queue():
    en_relecture = Page.objects.filter(statut=StatutPage.EN_RELECTURE)
    assert en_relecture.exists()
    for page in en_relecture:
        soumissions = page.actions.filter(type="soumettre").order_by("-le")
        assert page.soumise_le is not None and page.soumise_le == soumissions[0].le
