"""The issue's whole journey, as people make it in a browser.

The team forms a community of interest from a supported problem; the supporters it invites by
e-mail open the link and join with a framed commitment; the maturity checklist on the public
problem page fills up, the team notes the willing territory and the problem is ready for
COPIL; people register to the community's event and the waiting list hands the freed seat on.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail

from communautes.models import Communaute, Engagement, Inscription, StatutInscription
from problematiques.models import Soutien, Statut
from tests.browser.aide import connecter
from tests.communautes.evenements.factories import EvenementFactory
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Expertise, Territoire

pytestmark = pytest.mark.browser

# (first name, expertise chosen in the join form, role)
SOUTIENS = [
    ("Anna", Expertise.AGENT_TERRAIN, "referent"),
    ("Brieuc", Expertise.DECIDEUR, "membre"),
    ("Carole", Expertise.CHERCHEUR, "membre"),
]


def _lien(message: mail.EmailMessage, chemin: str) -> str:
    trouve = re.search(rf"https?://\S+({re.escape(chemin)})", str(message.body))
    assert trouve, message.body
    return trouve.group(1)


def _criteres_manquants(page) -> list[str]:
    """The labels of the checklist's items that say « Manquant »."""
    page.locator("section.maturite").wait_for()
    return [
        " ".join(item.locator(".maturite__libelle").inner_text().split())
        for item in page.locator(".maturite__critere").all()
        if "Manquant" in item.locator(".maturite__etat").inner_text()
    ]


def _resume(page) -> str:
    return " ".join(page.locator(".maturite__resume").inner_text().split())


def test_form_join_mature_then_register_with_waiting_list(new_page, live_server, settings):
    settings.COMMUNAUTES_MATURITE_MEMBRES_MINIMUM = 3
    finistere = Territoire.objects.get(slug="finistere")
    probleme = ProblematiqueFactory(
        publiee=True,
        titre="Les aidants des hameaux ne trouvent pas de relais le week-end",
        territoires=[finistere],
    )
    soutiens = []
    for prenom, _expertise, _role in SOUTIENS:
        personne = PersonneFactory(roles=["Relais"], first_name=prenom, profil_public=True)
        Soutien.objects.create(
            problematique=probleme, personne=personne, rejoindrait_communaute=True
        )
        soutiens.append(personne)
    # Someone who said « nous aussi » without offering to join is not invited.
    Soutien.objects.create(problematique=probleme, personne=PersonneFactory(roles=["Relais"]))

    # 1. The coordination forms the community from the problem's page.
    coordination = PersonneFactory(roles=["Coordination"], is_staff=True, first_name="Morgane")
    equipe = new_page()
    connecter(equipe, live_server, coordination)
    equipe.goto(probleme.get_absolute_url())
    equipe.get_by_role("link", name="Constituer la communauté d'intérêt").click()
    equipe.get_by_label("Nom de la communauté", exact=False).fill("Aidants des hameaux")
    equipe.get_by_role("button", name="Constituer la communauté").click()
    equipe.wait_for_url("**/communautes/aidants-des-hameaux/")
    communaute = Communaute.objects.get(problematique=probleme)
    probleme.refresh_from_db()
    assert probleme.statut == Statut.COMMUNAUTE_CONSTITUEE

    invitations = {
        destinataire: message
        for message in mail.outbox
        for destinataire in message.to
        if "communauté" in message.subject.lower() and _lien_ou_rien(message, communaute)
    }
    assert set(invitations) == {p.email for p in soutiens}

    # The problem's public trajectory shows the step, with a link to the community.
    public = new_page(javascript=False)
    public.goto(probleme.get_absolute_url())
    trajectoire = public.locator(".trajectoire")
    assert "Communauté d'intérêt constituée" in trajectoire.inner_text()
    assert trajectoire.get_by_role("link", name=re.compile("Aidants des hameaux")).count() >= 1

    # 2. Each invited supporter opens the link of their e-mail and commits.
    for personne, (_prenom, expertise, role) in zip(soutiens, SOUTIENS, strict=True):
        page = new_page()
        connecter(page, live_server, personne)
        page.goto(_lien(invitations[personne.email], f"/communautes/{communaute.slug}/rejoindre/"))
        if role == "referent":
            page.get_by_label("Référent ou référente").check()
        page.get_by_label("L'expertise que vous apportez").select_option(expertise)
        page.get_by_label("Heures par mois").fill("2")
        page.get_by_role("button", name="Rejoindre la communauté").click()
        page.wait_for_url(f"**/communautes/{communaute.slug}/")
        assert Engagement.objects.actifs().filter(personne=personne, communaute=communaute).exists()

    # 3. The checklist fills up: everything holds but the willing territory.
    public.goto(probleme.get_absolute_url())
    manquants = _criteres_manquants(public)
    assert len(manquants) == 1 and "territoire" in manquants[0].lower(), manquants
    assert "Pas encore prête" in _resume(public)

    # The team notes the territory that said it is willing to commit.
    equipe.goto(probleme.get_absolute_url())
    equipe.get_by_role("link", name="Noter un territoire prêt à s'engager").click()
    territoire = equipe.get_by_label("Territoire prêt à s'engager")
    territoire.select_option(label="Finistère (Département)")
    equipe.get_by_label("Ce que le territoire a dit", exact=False).fill(
        "Le conseil départemental met **un agent** à disposition deux jours par mois."
    )
    equipe.get_by_role("button", name="Enregistrer").click()
    equipe.wait_for_url(f"**{probleme.get_absolute_url()}")

    public.goto(probleme.get_absolute_url())
    assert _criteres_manquants(public) == []
    assert "Prête pour le COPIL" in _resume(public)
    assert public.locator("section.maturite strong", has_text="un agent").count() == 1

    # 4. An event of the community with one seat: the first takes it, the second waits, and
    # the seat goes to the second when the first cancels.
    evenement = EvenementFactory(
        titre="Atelier des aidants", slug="atelier-des-aidants", capacite=1, communaute=communaute
    )
    anna, brieuc = (new_page(), new_page())
    connecter(anna, live_server, soutiens[0])
    connecter(brieuc, live_server, soutiens[1])
    anna.goto(f"/communautes/{communaute.slug}/")
    anna.get_by_role("link", name="Atelier des aidants").click()
    anna.get_by_role("button", name="M'inscrire", exact=True).click()
    anna.get_by_text("Vous êtes inscrit·e", exact=False).first.wait_for()
    brieuc.goto(evenement.get_absolute_url())
    brieuc.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    brieuc.get_by_text("liste d'attente", exact=False).first.wait_for()
    assert Inscription.objects.get(personne=soutiens[1]).statut == StatutInscription.EN_ATTENTE

    mail.outbox.clear()
    anna.goto(evenement.get_absolute_url())
    anna.get_by_role("button", name="Annuler mon inscription").click()
    anna.get_by_text("Votre inscription est annulée").wait_for()
    assert Inscription.objects.get(personne=soutiens[1]).statut == StatutInscription.INSCRITE
    assert [m.to for m in mail.outbox] == [[soutiens[1].email]]
    brieuc.goto(evenement.get_absolute_url())
    brieuc.get_by_text("Vous êtes inscrit·e", exact=False).first.wait_for()


def _lien_ou_rien(message: mail.EmailMessage, communaute: Communaute) -> bool:
    return f"/communautes/{communaute.slug}/rejoindre/" in message.body
