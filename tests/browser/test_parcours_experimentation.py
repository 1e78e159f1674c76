"""The issue's whole journey, as people make it in a browser.

The Coordination creates the experiment of a retained problem from the problem's back-office
page, records its phases (a wrong date refused next to its field), its partner and its provider
with a budget line, launches it, writes a pact with a 0.1 FTE for the partner organisation and
proposes it; the agent and the decision-maker of that organisation each confirm it with their
own account; the agent's commitment then shows as contractual in the community; an anonymous
visitor reads the experiments and the team's load, the experiment with its time line and its
pact, and prints the pact.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from communautes.models import Engagement
from experimentations.models import (
    Experimentation,
    LigneBudget,
    Pacte,
    StatutExperimentation,
    StatutPacte,
)
from tests.browser.aide import connecter, sans_violation
from tests.browser.test_admin_experimentations import sans_violation as sans_violation_admin
from tests.communautes.factories import CommunauteFactory
from tests.factories import MOT_DE_PASSE, OrganisationFactory, PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Territoire

pytestmark = pytest.mark.browser


def _jour(d: date) -> str:
    """A date as the back office's date fields take it in French."""
    return d.strftime("%d/%m/%Y")


def _visible(locator):
    """The one input of an inline row on screen (the row the admin copies to add another is
    hidden, with the same labels), not the box select2 draws for it, named after it too."""
    return locator.filter(visible=True).and_(locator.page.locator("input, select, textarea"))


def _choisir(page, champ, recherche: str, option: str) -> None:
    """Pick ``option`` in the back office's autocomplete field ``champ`` (its ``<select>``, found
    by its label), as a person does: open it, type a word, click the suggestion."""
    champ.locator("xpath=following-sibling::span[contains(@class, 'select2')][1]").click()
    page.locator(".select2-container--open").get_by_role("searchbox").fill(recherche)
    page.locator(".select2-results").get_by_role("option", name=option).click()


def _se_connecter(page, personne) -> None:
    """``personne`` logs in through the login form (the journey of test_parcours_copil.py)."""
    page.goto("/comptes/login/")
    page.get_by_label("Adresse électronique").fill(personne.email)
    page.get_by_label("Mot de passe", exact=True).fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/comptes/profil/")


def _sur_son_profil(page, live_server, personne) -> None:
    """``personne`` logged in, on their profile page, where the login form leads (the form has
    its own tests: here the session is handed to the browser as a cookie)."""
    connecter(page, live_server, personne)
    page.goto("/comptes/profil/")


def _confirmer(page, live_server, personne, pacte: Pacte, organisation: str) -> None:
    """``personne`` logs in, finds the pact in « Mes pactes » and confirms it; the first time
    without ticking the box, which is refused next to it."""
    _sur_son_profil(page, live_server, personne)
    menu = page.get_by_text("Menu", exact=True)
    if menu.is_visible():  # On a phone the sections are folded under « Menu ».
        menu.click()
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Expérimentations"
    ).click()
    page.get_by_role("link", name="Mes pactes : ceux que je signe").click()
    page.wait_for_url("**/experimentations/pactes/mes-pactes/")
    page.get_by_role("link", name=f"Confirmer ma signature du Pacte n° {pacte.numero}").click()
    page.wait_for_url(f"**/experimentations/pactes/{pacte.numero}/signer/")

    bouton = page.get_by_role("button", name="Confirmer ma signature")
    bouton.click()
    page.get_by_text("Votre signature n'est pas encore enregistrée.").wait_for()
    case = page.get_by_label(f"J'ai lu le pacte et je le confirme au nom de {organisation}")
    erreur = page.locator(".field", has=case).get_by_text(
        "Cochez la case pour confirmer le pacte : sans elle, rien n'est enregistré."
    )
    assert erreur.is_visible()
    assert not case.is_checked()

    case.check()
    bouton.click()
    page.wait_for_url(f"**{pacte.get_absolute_url()}")
    assert page.get_by_text("Votre signature est confirmée.").is_visible()


def test_from_a_retained_problem_to_a_signed_pact_read_and_printed_by_the_public(
    new_page, live_server
):
    aujourd_hui = timezone.localdate()
    fin_avant_le_debut = _jour(aujourd_hui - timedelta(days=25))
    finistere = Territoire.objects.get(slug="finistere")
    probleme = ProblematiqueFactory(
        publiee=True,
        statut="retenue",
        titre="Les aînés isolés mangent seuls",
        territoires=[finistere],
    )
    communaute = CommunauteFactory(
        nom="Repas partagés", slug="repas-partages", interet=True, problematique=probleme
    )
    coordinatrice = PersonneFactory(
        roles=["Coordination"],
        is_staff=True,
        profil_public=True,
        first_name="Maëlle",
        last_name="Riou",
    )
    mairie = OrganisationFactory(nom="Commune de Plougastel")
    agent = PersonneFactory(
        organisation=mairie, profil_public=True, first_name="Yann", last_name="Kerjean"
    )
    decideuse = PersonneFactory(organisation=mairie, first_name="Soazig", last_name="Morvan")
    OrganisationFactory(nom="Atelier Design Breizh")

    # 1. The Coordination creates the experiment from the problem's back-office page.
    equipe = new_page()
    _sur_son_profil(equipe, live_server, coordinatrice)
    equipe.goto(f"/admin/problematiques/problematique/{probleme.pk}/change/")
    equipe.get_by_role("link", name="Créer l'expérimentation").click()
    equipe.wait_for_url(re.compile(r"/admin/experimentations/experimentation/add/\?problematique="))
    sans_violation_admin(equipe)
    assert equipe.get_by_label("Problématique d'origine").input_value() == str(probleme.pk)
    equipe.get_by_label("Coordinateur ou coordinatrice").select_option(
        label=f"Maëlle Riou ({coordinatrice.email})"
    )
    equipe.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    equipe.wait_for_url(re.compile(r"/admin/experimentations/experimentation/\d+/change/"))
    experimentation = Experimentation.objects.get(problematique=probleme)
    sans_violation_admin(equipe)
    assert experimentation.titre == "Les aînés isolés mangent seuls"
    assert experimentation.communaute == communaute

    # 2. Its first phase, its partner and its provider. An actual end before the actual start
    # is refused next to the field, and nothing typed is lost.
    phases = equipe.get_by_role("group", name="Phases")
    _visible(phases.get_by_label("Phase", exact=True)).select_option(label="Cadrage")
    _visible(phases.get_by_label("Début prévu")).fill(_jour(aujourd_hui - timedelta(days=30)))
    _visible(phases.get_by_label("Fin prévue")).fill(_jour(aujourd_hui + timedelta(days=30)))
    _visible(phases.get_by_label("Début réel")).fill(_jour(aujourd_hui - timedelta(days=20)))
    _visible(phases.get_by_label("Fin réelle")).fill(fin_avant_le_debut)
    participants = equipe.get_by_role("group", name="Participants")
    _choisir(
        equipe,
        _visible(participants.get_by_label("Organisation", exact=True)),
        "Plougastel",
        "Commune de Plougastel",
    )
    _visible(participants.get_by_label("Rôle")).select_option(label="Partenaire")
    prestataires = equipe.get_by_role("group", name="Prestataires")
    _choisir(
        equipe,
        _visible(prestataires.get_by_label("Organisation", exact=True)),
        "Atelier",
        "Atelier Design Breizh",
    )
    _visible(prestataires.get_by_label("Objet de la prestation")).fill("Design des repas partagés")
    enregistrer = equipe.get_by_role("button", name="Enregistrer et continuer les modifications")
    enregistrer.click()

    # The message is in the cell of the field it is about.
    message = "La fin réelle ne peut pas précéder le début réel."
    phases.get_by_text(message).wait_for()
    cellule = phases.locator("td", has_text=message)
    assert cellule.get_by_label("Fin réelle").input_value() == fin_avant_le_debut
    assert _visible(phases.get_by_label("Phase", exact=True)).input_value() == "cadrage"
    organisation = _visible(participants.get_by_label("Organisation", exact=True))
    assert organisation.input_value() == str(mairie.pk)
    assert _visible(participants.get_by_label("Rôle")).input_value() == "partenaire"
    assert _visible(prestataires.get_by_label("Objet de la prestation")).input_value() == (
        "Design des repas partagés"
    )
    assert experimentation.phases.count() == 0
    sans_violation_admin(equipe)
    cellule.get_by_label("Fin réelle").fill(_jour(aujourd_hui - timedelta(days=5)))
    enregistrer.click()
    equipe.get_by_text("a été modifié avec succès").wait_for()
    assert experimentation.phases.get().fin_reelle == aujourd_hui - timedelta(days=5)
    assert experimentation.participants.get().organisation == mairie

    # The provider's budget line, on its own page.
    equipe.get_by_role("group", name="Prestataires").get_by_role("link", name="Afficher").click()
    equipe.wait_for_url(re.compile(r"/admin/experimentations/prestataire/\d+/change/"))
    lignes = equipe.get_by_role("group", name="Lignes de budget")
    _visible(lignes.get_by_label("Libellé")).fill("Ateliers de conception")
    _visible(lignes.get_by_label("Montant (euros)")).fill("4500")
    _visible(lignes.get_by_label("Phase", exact=True)).select_option(label="Cadrage")
    equipe.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    equipe.get_by_text("a été modifié avec succès").wait_for()
    assert LigneBudget.objects.filter(
        prestataire__experimentation=experimentation, montant=4500, phase="cadrage"
    ).exists()

    # Its launch, back on its page.
    equipe.get_by_role("link", name="Les aînés isolés mangent seuls").click()
    equipe.wait_for_url(
        re.compile(rf"/admin/experimentations/experimentation/{experimentation.pk}/")
    )
    equipe.get_by_label("Nouvel état").select_option(label="En cours")
    equipe.get_by_role("button", name="Changer l'état").click()
    equipe.get_by_text("est maintenant : En cours").wait_for()
    experimentation.refresh_from_db()
    assert experimentation.statut == StatutExperimentation.EN_COURS

    # 3. A pact for the partner organisation: a 0.1 FTE of its agent, two signatories.
    equipe.get_by_role("link", name="Rédiger un pacte de transformation").click()
    equipe.wait_for_url(re.compile(r"/admin/experimentations/pacte/add/\?experimentation="))
    _choisir(
        equipe,
        equipe.get_by_label("Organisation partenaire"),
        "Plougastel",
        "Commune de Plougastel",
    )
    equipe.get_by_label(re.compile(r"^Début\W*$")).fill(_jour(aujourd_hui))
    equipe.get_by_label(re.compile(r"^Fin\W*$")).fill(_jour(aujourd_hui + timedelta(days=365)))
    engagements = equipe.get_by_role("group", name="Engagements du pacte")
    _visible(engagements.get_by_label("Nature")).select_option(
        label="Temps de travail d'un participant (ETP)"
    )
    _visible(engagements.get_by_label("Quantité")).fill("0.1")
    _visible(engagements.get_by_label("Unité")).fill("ETP")
    _visible(engagements.get_by_label("Description")).fill(
        "Un dixième du temps de Yann pour changer les pratiques de la commune."
    )
    _choisir(
        equipe, _visible(engagements.get_by_label("Personne nommée")), "Kerjean", "Yann Kerjean"
    )
    signataires = equipe.get_by_role("group", name=re.compile("^Signataires"))
    for n, (nom, qualite) in enumerate([("Kerjean", "Agent"), ("Morvan", "Décideur ou décideuse")]):
        ligne = signataires.locator(f"#signataires-{n}")
        _choisir(equipe, ligne.get_by_label("Personne", exact=True), nom, re.compile(nom))
        ligne.get_by_label("Qualité").select_option(label=qualite)
    equipe.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    equipe.wait_for_url(re.compile(r"/admin/experimentations/pacte/\d+/change/"))
    pacte = Pacte.objects.get(experimentation=experimentation)
    sans_violation_admin(equipe)
    assert pacte.statut == StatutPacte.BROUILLON

    equipe.locator("summary").filter(has_text="Proposer à la signature").click()
    equipe.get_by_role("button", name="Proposer à la signature").click()
    equipe.get_by_text(f"{pacte} : Proposé à la signature").wait_for()
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE
    assert Pacte.objects.count() == 1

    # 4. Each signatory confirms it with their own account, in their own browser.
    _confirmer(new_page(), live_server, agent, pacte, "Commune de Plougastel")
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE
    elle = new_page(width=375)
    _confirmer(elle, live_server, decideuse, pacte, "Commune de Plougastel")
    assert elle.get_by_text(f"le Pacte n° {pacte.numero} est signé").is_visible()
    etat = elle.locator(".pacte__infos div").filter(has=elle.get_by_text("État", exact=True))
    assert etat.locator("dd").inner_text().startswith("Signé (signé le ")
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.SIGNE

    # 5. An anonymous visitor reads the experiments and the team's load.
    public = new_page()
    public.goto("/")
    public.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Expérimentations"
    ).click()
    public.wait_for_url("**/experimentations/")
    charge = public.get_by_role("table", name="La charge de l'équipe : les chiffres")
    assert charge.get_by_role("row", name=re.compile("^Maëlle Riou 1")).is_visible()

    # The experiment: its time line with its table, its partner, its budget, its signed pact.
    public.get_by_role("link", name="Les aînés isolés mangent seuls").click()
    public.wait_for_url(f"**{experimentation.get_absolute_url()}")
    assert public.get_by_role(
        "img", name=re.compile("^Les phases de l'expérimentation : prévu et réel")
    ).is_visible()
    phases_publiques = public.get_by_role("table", name="Les phases : dates prévues et réelles")
    assert phases_publiques.get_by_role("row", name=re.compile("^Cadrage")).is_visible()
    assert (
        "Commune de Plougastel" in public.get_by_role("region", name="Qui y participe").inner_text()
    )
    assert re.search(r"4\s500", public.get_by_role("region", name="Le budget").inner_text())
    resume = public.get_by_role("region", name="Les pactes de transformation")
    assert "Signé" in resume.inner_text()
    assert "0,1\u00a0ETP (Yann Kerjean)" in resume.inner_text()
    sans_violation(public)

    # 6. Its community, where the agent's 0.1 FTE is a contractual commitment.
    public.get_by_role("region", name="Sa communauté").get_by_role(
        "link", name="Repas partagés"
    ).click()
    public.wait_for_url(f"**/communautes/{communaute.slug}/")
    carte = public.locator(".membre").filter(has_text="Yann Kerjean")
    assert f"engagement contractuel (Pacte n° {pacte.numero}" in carte.inner_text()
    assert Engagement.objects.filter(personne=agent, contractuel=True).count() == 1
    public.go_back()
    public.wait_for_url(f"**{experimentation.get_absolute_url()}")

    # The pact's page, then its paper copy: the pact alone, without the site's navigation.
    resume.get_by_role("link", name=f"Pacte n° {pacte.numero} : Commune de Plougastel").click()
    public.wait_for_url(f"**{pacte.get_absolute_url()}")
    assert public.get_by_role("heading", level=1).inner_text() == f"Pacte n° {pacte.numero}"
    signatures = public.get_by_role("table", name="Les signataires et la date de leur confirmation")
    assert signatures.get_by_text("Confirmé le").count() == 2
    sans_violation(public)

    public.emulate_media(media="print")
    for nav in public.locator("nav").all():
        assert not nav.is_visible()
    assert not public.locator(".site-header").is_visible()
    assert not public.locator(".site-footer").is_visible()
    assert public.locator(".button:visible, button:visible").count() == 0
    assert public.get_by_role("heading", name="Les engagements de l'organisation").is_visible()
    assert signatures.is_visible()
