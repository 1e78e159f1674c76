"""The demo's documentation: some sixty pages of every kind, written as the services would
have left them (revisions, journal, review, counters), linked to the demo's experiments,
communities and events, and loaded once."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from documentation import rules
from documentation.demo.pages import PAGES
from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Licence,
    Page,
    Reutilisation,
    Revision,
    SortePage,
    StatutPage,
    TypeActionPage,
)
from documentation.models.pages import CHAMPS_REVISES
from documentation.services.pages import manques
from experimentations.models import Experimentation, StatutExperimentation
from tilab.comptes.models import Personne
from tilab.markdown import rendre_markdown

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_du_module")]

SE = StatutExperimentation


def _etat() -> dict[str, object]:
    return {
        "pages": sorted(
            Page.objects.values_list("slug", "statut", "corps", "nb_reutilisations", "modifiee_le")
        ),
        "revisions": Revision.objects.count(),
        "actions": ActionPage.objects.count(),
        "commentaires": CommentaireRelecture.objects.count(),
        "reutilisations": Reutilisation.objects.count(),
    }


def test_some_sixty_pages_of_every_kind_mostly_published():
    assert Page.objects.count() == len(PAGES) == 60
    assert set(Page.objects.values_list("sorte", flat=True)) == set(SortePage)
    statuts = Counter(Page.objects.values_list("statut", flat=True))
    assert statuts[StatutPage.EN_RELECTURE] == 2
    assert statuts[StatutPage.ARCHIVEE] == 2
    assert 2 <= statuts[StatutPage.BROUILLON] <= 6
    assert statuts[StatutPage.PUBLIEE] >= 50
    licences = Counter(Page.objects.values_list("licence", flat=True))
    assert set(licences) == set(Licence)
    assert licences.most_common(1)[0][0] == Licence.CC_BY_SA_4
    # Every page says what it is about and where.
    assert not Page.objects.filter(themes=None).exists()
    assert not Page.objects.filter(territoires=None).exists()
    assert not Page.objects.filter(auteurs=None).exists()


def test_every_public_page_meets_the_checklist():
    for page in Page.objects.publiques():
        assert manques(page) == {}, page.slug
        assert page.publiee_le is not None and page.creee_le <= page.publiee_le


def test_running_experiments_have_their_fiche_and_ended_ones_their_return():
    fiches = Page.objects.filter(sorte=SortePage.FICHE_EXPERIMENTATION)
    en_cours = Experimentation.objects.filter(statut=SE.EN_COURS)
    assert en_cours.exists()
    for e in en_cours:
        assert fiches.filter(experimentation=e).publiques().exists(), e.titre
    for e in Experimentation.objects.filter(statut__in=[SE.TERMINEE, SE.ESSAIMEE]):
        assert Page.objects.filter(
            experimentation=e, sorte=SortePage.RETOUR_EXPERIENCE, statut=StatutPage.PUBLIEE
        ).exists(), e.titre
    # Past events have their report, written after them.
    for page in Page.objects.filter(sorte=SortePage.COMPTE_RENDU).exclude(evenement=None):
        assert page.evenement.fin <= page.creee_le
    assert Page.objects.exclude(communaute=None).count() >= 10
    assert Page.objects.exclude(problematique=None).exists()


def test_revisions_are_numbered_and_hold_the_page_s_text_from_first_to_last():
    plusieurs = 0
    for page in Page.objects.prefetch_related("revisions"):
        revisions = sorted(page.revisions.all(), key=lambda r: r.numero)
        assert [r.numero for r in revisions] == list(range(1, len(revisions) + 1))
        premiere, derniere = revisions[0], revisions[-1]
        assert premiere.note == "Première version" and premiere.le == page.creee_le
        assert premiere.par_id == page.creee_par_id
        for champ in CHAMPS_REVISES:
            assert getattr(derniere, champ) == getattr(page, champ), (page.slug, champ)
        assert [r.le for r in revisions] == sorted(r.le for r in revisions)
        assert all(r.note for r in revisions)
        if len(revisions) > 1:
            plusieurs += 1
            # Each later revision changed something, and a published page kept its
            # checklist in every revision saved after its publication.
            for avant, apres in zip(revisions, revisions[1:], strict=False):
                assert any(getattr(avant, c) != getattr(apres, c) for c in CHAMPS_REVISES)
                if page.publiee_le and apres.le > page.publiee_le:
                    assert manques(apres) == {}, (page.slug, apres.numero)
    assert 18 <= plusieurs <= 25
    notes = set(Revision.objects.values_list("note", flat=True))
    assert {"Ajout des contacts de la commune", "Corrections après relecture"} <= notes


def test_one_revision_restores_an_earlier_one_with_the_same_text():
    restauration = Revision.objects.exclude(restaure=None).select_related("restaure").get()
    restauree = restauration.restaure
    assert restauree.page_id == restauration.page_id
    assert restauree.numero < restauration.numero - 1
    for champ in CHAMPS_REVISES:
        assert getattr(restauration, champ) == getattr(restauree, champ)
    assert restauration.page.actions.filter(type=TypeActionPage.RESTAURER).count() == 1


def test_the_journal_records_creation_saves_submission_publication_and_archiving():
    for page in Page.objects.prefetch_related("actions", "revisions"):
        actions = list(page.actions.all())
        types = [a.type for a in actions]
        assert types[0] == TypeActionPage.CREER and actions[0].le == page.creee_le
        assert [a.le for a in actions] == sorted(a.le for a in actions)
        enregistrees = types.count(TypeActionPage.ENREGISTRER) + types.count(
            TypeActionPage.RESTAURER
        )
        assert enregistrees == page.revisions.count() - 1
        publications = [a for a in actions if a.type == TypeActionPage.PUBLIER]
        if page.est_publique:
            assert len(publications) == 1 and publications[0].le == page.publiee_le
            assert rules.est_documentaliste(publications[0].par)
            soumise = types.index(TypeActionPage.SOUMETTRE)
            assert soumise < types.index(TypeActionPage.PUBLIER)
        else:
            assert publications == [] and page.publiee_le is None
        assert (TypeActionPage.ARCHIVER in types) == (page.statut == StatutPage.ARCHIVEE)
        if page.statut == StatutPage.EN_RELECTURE:
            assert types[-1] == TypeActionPage.SOUMETTRE
        if page.statut == StatutPage.BROUILLON:
            assert TypeActionPage.SOUMETTRE not in types


def test_two_pages_in_review_one_of_them_sent_back_once_for_changes():
    en_relecture = Page.objects.filter(statut=StatutPage.EN_RELECTURE)
    assert all(p.commentaires.exists() for p in en_relecture)
    renvoyee = en_relecture.get(commentaires__demande_des_modifications=True)
    demande = renvoyee.commentaires.get(demande_des_modifications=True)
    # Asked on the revision it read; the correction came after, then a new submission.
    correction = renvoyee.revisions.get(note="Corrections après relecture")
    assert demande.revision.numero == correction.numero - 1
    assert rules.est_documentaliste(demande.par)
    assert renvoyee.actions.filter(type=TypeActionPage.DEMANDER_MODIFICATIONS).count() == 1
    assert renvoyee.actions.filter(type=TypeActionPage.SOUMETTRE).count() == 2
    # Every comment reads a revision of its own page, never a later one.
    for c in CommentaireRelecture.objects.select_related("revision"):
        assert c.revision.page_id == c.page_id and c.revision.le <= c.le


def test_reuses_on_about_fifteen_public_pages_and_counted():
    avec = Page.objects.filter(nb_reutilisations__gt=0)
    assert 12 <= avec.count() <= 25
    comptes = dict(Page.objects.annotate(n=Count("reutilisations")).values_list("pk", "n"))
    assert comptes == dict(Page.objects.values_list("pk", "nb_reutilisations"))
    assert not Reutilisation.objects.exclude(
        page__statut__in=[StatutPage.PUBLIEE, StatutPage.ARCHIVEE]
    ).exists()
    for r in Reutilisation.objects.select_related("page", "par"):
        assert r.page.publiee_le < r.le and r.comment and r.ou
        assert r.organisation_id == r.par.organisation_id
    assert Reutilisation.objects.filter(ou="Commune de Plouaret").exists()


def test_texts_are_markdown_without_raw_html():
    for page in Page.objects.all():
        for champ in ("titre", "resume", "corps", "conditions_reutilisation", "contact"):
            assert "<" not in getattr(page, champ), (page.slug, champ)
        html = str(rendre_markdown(page.corps))
        # Sections become headings (shifted under the page's own by the renderer).
        assert html.count("</h") >= 2, page.slug
    for texte in [
        *Reutilisation.objects.values_list("comment", flat=True),
        *CommentaireRelecture.objects.values_list("texte", flat=True),
    ]:
        assert "<" not in texte


def test_the_demo_documentation_account_reviewed_and_published():
    soizic = Personne.objects.get(email="documentation@demo.tilab.bzh")
    assert rules.est_documentaliste(soizic)
    assert ActionPage.objects.filter(type=TypeActionPage.PUBLIER).exclude(par=soizic).count() == 0


def test_loading_the_demo_again_changes_nothing():
    avant = _etat()
    call_command("seed_demo", stdout=StringIO())
    assert _etat() == avant
