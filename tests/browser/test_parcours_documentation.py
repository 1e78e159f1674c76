"""A documentation page's whole life, as people make it in a browser.

A relais who takes part in an experiment starts a page from the experiment's page, sends the
editor an empty title (refused next to the field, the rest kept), previews the text, saves the
draft, joins a PDF and submits it; the Documentation role finds it in the review queue and asks
for a change; the relais makes it and submits again; the Documentation role publishes it. An
anonymous visitor finds it by a word typed without its accent, reads it, downloads its Markdown,
its history and the difference between its two revisions, then logs in and declares a reuse,
which the page lists and counts. axe finds nothing on any of these pages, nor on the portal's
search and its open data; the editor is used with the keyboard, each field and button reached
in order with a visible focus; and at 375 px wide none of these pages scrolls sideways.
"""

from __future__ import annotations

import re

import pytest

from documentation.models import Page, PieceJointe, Reutilisation, StatutPage
from experimentations.models import RoleParticipant
from tests.browser.aide import connecter, sans_violation
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
from tests.factories import MOT_DE_PASSE, PersonneFactory

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

TITRE = "Un vélo-école pour les agents de Plouguerneau"
CORPS = "## Ce qu'on a fait\n\nDes **séances** d'une heure, le mardi, avec un moniteur."
AJOUT = "\n\n## Ce que cela coûte\n\n400 € par an pour l'entretien des vélos."

# What the editor's fields answer when focused from the keyboard: each field once (of a group
# of radio buttons, the checked one only), in the page's order, then its two buttons.
ORDRE_DE_TABULATION = """() => {
  const form = document.querySelector('form.doc-editeur__form');
  const vus = new Set();
  return [...form.querySelectorAll('input, select, textarea, button, summary')].filter((el) => {
    if (el.type === 'hidden' || el.disabled) return false;
    // Folded away in a <details> (the territory picker's list to browse): not reached.
    if (!el.checkVisibility()) return false;
    if (el.type === 'radio') {
      if (vus.has(el.name)) return false;
      const coche = form.querySelector(`input[name="${el.name}"]:checked`);
      if (coche && coche !== el) return false;
      vus.add(el.name);
    }
    return true;
  }).map((el) => el.id || el.textContent.trim());
}"""

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return el.matches(':focus-visible')
    && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
}"""

# The innermost elements that reach past the right edge of a 375 px window, to say what to fix.
DEBORDENT = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > 375 && el.children.length === 0)
  .slice(0, 5)
  .map((el) => {
    const droite = Math.round(el.getBoundingClientRect().right);
    return `${el.tagName.toLowerCase()}.${el.className} (${droite}px)`;
  })"""


def _envoyer(page, bouton) -> None:
    """Click ``bouton`` and wait for the page the form's answer brings."""
    with page.expect_navigation():
        bouton.click()


def _identifiant(page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.textContent.trim()"
    )


def test_a_page_written_reviewed_published_found_read_and_reused(
    new_page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    experimentation = ExperimentationFactory(titre="Le vélo au travail à Plouguerneau")
    relais = PersonneFactory(
        roles=["Relais"], first_name="Nolwenn", last_name="Kerhervé", profil_public=True
    )
    ParticipantFactory(
        experimentation=experimentation, personne=relais, role=RoleParticipant.PARTENAIRE
    )
    documentaliste = PersonneFactory(
        roles=["Documentation"], is_staff=True, first_name="Soizic", last_name="Le Floch"
    )
    lectrice = PersonneFactory(first_name="Gaëlle", last_name="Morvan", profil_public=True)

    # 1. The relais starts a page from the experiment's page.
    ecrit = new_page()
    connecter(ecrit, live_server, relais)
    ecrit.goto(experimentation.get_absolute_url())
    _envoyer(ecrit, ecrit.get_by_role("link", name="Écrire une page sur cette expérimentation"))
    assert ecrit.url.endswith(f"/documentation/nouvelle/?experimentation={experimentation.slug}")
    assert (
        ecrit.locator(".doc-editeur__sujet")
        .inner_text()
        .startswith(f"Cette page documente l'expérimentation « {experimentation.titre} »")
    )

    # The editor with the keyboard: every field and button in order, each focus visible.
    attendus = ecrit.evaluate(ORDRE_DE_TABULATION)
    assert attendus[:2] == ["id_titre", "id_sorte"]
    assert attendus[-2:] == ["Enregistrer le brouillon", "Prévisualiser"]
    ecrit.get_by_label("Titre").focus()
    atteints = [_identifiant(ecrit)]
    for _ in range(len(attendus) - 1):
        ecrit.keyboard.press("Tab")
        atteints.append(_identifiant(ecrit))
        assert ecrit.evaluate(FOCUS_VISIBLE), f"no visible focus on {atteints[-1]}"
    assert atteints == attendus

    # An empty title is refused next to its field; what was typed stays.
    ecrit.get_by_label("Type de page").select_option(label="Fiche expérimentation")
    ecrit.get_by_label("Résumé").fill("Apprendre le vélo aux agents qui ne l'ont jamais pratiqué.")
    ecrit.get_by_label("Contenu").fill(CORPS)
    ecrit.get_by_label("Conditions de réutilisation").fill("Un moniteur diplômé, dix vélos.")
    ecrit.get_by_label("Contact").fill("Mairie de Plouguerneau, service mobilité")
    _envoyer(ecrit, ecrit.get_by_role("button", name="Enregistrer le brouillon"))
    assert ecrit.title().startswith("Erreur\u00a0: ")
    erreur = ecrit.locator(".field--error", has=ecrit.get_by_label("Titre"))
    assert "Donnez un titre à la page." in erreur.inner_text()
    assert ecrit.get_by_label("Contenu").input_value() == CORPS
    sans_violation(ecrit, "l'éditeur, un champ refusé")

    # The preview shows the text rendered, and saves nothing.
    ecrit.get_by_label("Titre").fill(TITRE)
    _envoyer(ecrit, ecrit.get_by_role("button", name="Prévisualiser"))
    apercu = ecrit.get_by_role("region", name="Aperçu de vos textes")
    assert apercu.locator("strong", has_text="séances").is_visible()
    assert ecrit.get_by_label("Titre").input_value() == TITRE
    assert not Page.objects.exists()
    sans_violation(ecrit, "l'aperçu dans l'éditeur")

    # The draft is saved; a PDF joined to it; it goes to review.
    _envoyer(ecrit, ecrit.get_by_role("button", name="Enregistrer le brouillon"))
    page = Page.objects.get()
    assert ecrit.url.endswith(page.get_absolute_url())
    assert page.statut == StatutPage.BROUILLON
    _envoyer(ecrit, ecrit.get_by_role("link", name=re.compile("^Modifier")))
    ecrit.get_by_label("Fichier à joindre").set_input_files(
        {"name": "parcours-velo.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    _envoyer(ecrit, ecrit.get_by_role("button", name="Joindre le fichier"))
    assert ecrit.get_by_text("« parcours-velo.pdf » est jointe à la page.").is_visible()
    assert PieceJointe.objects.filter(page=page).count() == 1
    ecrit.goto(page.get_absolute_url())
    _envoyer(ecrit, ecrit.get_by_role("button", name="Soumettre à la relecture"))
    page.refresh_from_db()
    assert page.statut == StatutPage.EN_RELECTURE

    # 2. The Documentation role finds it in the review queue and asks for a change.
    relit = new_page()
    connecter(relit, live_server, documentaliste)
    relit.goto("/documentation/nouvelle/")
    assert relit.get_by_role("heading", name="Autre chose").is_visible()
    sans_violation(relit, "le choix de ce que documente une nouvelle page")
    relit.goto("/documentation/relecture/")
    sans_violation(relit, "la file de relecture")
    _envoyer(relit, relit.get_by_role("link", name=TITRE))
    relit.get_by_label("Votre commentaire").fill("Dites **combien** cela coûte par an.")
    relit.get_by_label("Demander des modifications").check()
    _envoyer(relit, relit.get_by_role("button", name="Envoyer le commentaire"))
    page.refresh_from_db()
    assert page.statut == StatutPage.BROUILLON

    # 3. The relais reads the comment, makes the change and submits again.
    ecrit.goto(page.get_absolute_url())
    relecture = ecrit.locator("#relecture")
    assert relecture.locator("strong", has_text="combien").is_visible()
    assert relecture.get_by_text("Modifications demandées").is_visible()
    _envoyer(ecrit, ecrit.get_by_role("link", name=re.compile("^Modifier")))
    ecrit.get_by_label("Contenu").fill(CORPS + AJOUT)
    ecrit.get_by_label("Note de révision").fill("Le coût par an, demandé à la relecture")
    _envoyer(ecrit, ecrit.get_by_role("button", name="Enregistrer la révision"))
    _envoyer(ecrit, ecrit.get_by_role("button", name="Soumettre à la relecture"))
    page.refresh_from_db()
    assert page.statut == StatutPage.EN_RELECTURE

    # 4. The Documentation role publishes it.
    relit.goto(page.get_absolute_url())
    assert relit.get_by_text("La page remplit la liste de contrôle").is_visible()
    _envoyer(relit, relit.get_by_role("button", name="Publier la page"))
    page.refresh_from_db()
    assert page.statut == StatutPage.PUBLIEE

    # 5. An anonymous visitor finds it without typing the accent, and reads it.
    public = new_page()
    public.goto("/documentation/")
    # The documentation's own styles apply (a lost brace once hid them all).
    assert (
        public.locator(".carte-doc").first.evaluate("el => getComputedStyle(el).borderLeftWidth")
        == "5px"
    )
    public.get_by_label("Mots à chercher").fill("velo")
    _envoyer(public, public.get_by_role("button", name="Afficher les pages"))
    assert "q=velo" in public.url
    resultat = public.get_by_role("link", name=TITRE)
    assert resultat.is_visible()
    sans_violation(public, "la base, une recherche")
    _envoyer(public, resultat)
    assert public.get_by_role("heading", level=1, name=TITRE).is_visible()
    assert public.get_by_text("400 € par an").is_visible()
    assert public.get_by_role("link", name="parcours-velo.pdf").is_visible()
    assert "combien" not in public.content()
    sans_violation(public, "la page publiée, vue du public")

    telechargement = public.request.get(f"{live_server.url}/documentation/{page.slug}/markdown/")
    assert telechargement.ok
    assert telechargement.headers["content-type"].startswith("text/markdown")
    assert "attachment" in telechargement.headers["content-disposition"]
    texte = telechargement.text()
    assert TITRE in texte
    assert "400 € par an" in texte

    _envoyer(public, public.get_by_role("link", name="Historique des révisions"))
    assert public.get_by_role("link", name="Révision 2").is_visible()
    sans_violation(public, "l'historique de la page")
    _envoyer(public, public.get_by_role("link", name="Ce qui change par rapport à la révision 1"))
    assert public.get_by_role(
        "heading", level=1, name="De la révision 1 à la révision 2"
    ).is_visible()
    assert public.locator(".difference ins", has_text="400").first.is_visible()
    sans_violation(public, "la comparaison de deux révisions")

    # 6. The visitor logs in from the page and declares a reuse, listed and counted.
    public.goto(page.get_absolute_url())
    _envoyer(
        public, public.get_by_role("link", name="Connectez-vous pour déclarer une réutilisation")
    )
    public.get_by_label("Adresse électronique").fill(lectrice.email)
    public.get_by_label("Mot de passe", exact=True).fill(MOT_DE_PASSE)
    _envoyer(public, public.get_by_role("button", name="Se connecter"))
    assert public.url.endswith(page.get_absolute_url())
    formulaire = public.get_by_role("form", name="J'ai réutilisé cette ressource")
    formulaire.get_by_label("Où l'avez-vous réutilisée ?").fill("Commune de Landéda")
    formulaire.get_by_label("Comment ?").fill(
        "<script>alert(1)</script><img src=x onerror=alert(1)> Avec **deux** moniteurs."
    )
    _envoyer(public, formulaire.get_by_role("button", name="Déclarer ma réutilisation"))
    assert Reutilisation.objects.filter(page=page).count() == 1
    reutilisations = public.locator("#reutilisations")
    assert reutilisations.get_by_text("1 réutilisation déclarée").is_visible()
    assert reutilisations.get_by_text("Commune de Landéda").is_visible()
    assert reutilisations.get_by_text("déclarée par Gaëlle Morvan").is_visible()
    assert reutilisations.locator("strong", has_text="deux").is_visible()
    assert reutilisations.locator("script, img").count() == 0
    sans_violation(public, "la page et sa réutilisation déclarée")

    # 7. The portal's search finds it too; the open data lists the pages.
    public.goto("/recherche/?q=velo")
    assert public.get_by_role("link", name=TITRE).is_visible()
    sans_violation(public, "la recherche dans tout le portail")
    public.goto("/donnees/")
    sans_violation(public, "les données ouvertes")

    # 8. At 375 px, none of these pages scrolls sideways.
    adresses = [
        (None, "/documentation/?q=velo"),
        (None, page.get_absolute_url()),
        (None, f"/documentation/{page.slug}/historique/"),
        (None, f"/documentation/{page.slug}/comparer/?de=1&a=2"),
        (None, "/recherche/?q=velo"),
        (None, "/donnees/"),
        (relais, f"/documentation/{page.slug}/modifier/"),
        (relais, "/documentation/mes-pages/"),
        (documentaliste, "/documentation/relecture/"),
        (documentaliste, "/documentation/nouvelle/"),
    ]
    etroites = {}
    trop_larges = []
    for personne, adresse in adresses:
        if personne not in etroites:
            etroites[personne] = new_page(width=375)
            if personne is not None:
                connecter(etroites[personne], live_server, personne)
        etroite = etroites[personne]
        etroite.goto(adresse)
        largeur = etroite.evaluate("document.documentElement.scrollWidth")
        if largeur > 375:
            debordent = etroite.evaluate(DEBORDENT)
            trop_larges.append(f"{adresse} is {largeur}px wide at 375px: {debordent}")
    assert not trop_larges, "\n".join(trop_larges)
