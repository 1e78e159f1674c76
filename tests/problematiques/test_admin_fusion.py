"""A problem's change page does not grow with the number of problems: the merge target is
searched (the admin's autocomplete) or named by its number or address, never picked from a
list of every problem; the desk's search reads the stored full-text vector; the supports
listed are the latest ones."""

from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from hypothesis import given, settings

from problematiques.admin import SoutienInline
from problematiques.models import Problematique, Statut
from tests.pages import sql_de_la_page
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory
from tests.saisies import STATUTS_ADMIS, Balayeuse, appliquer, valeur_mauvaise

LISTE = "admin:problematiques_problematique_changelist"
RECHERCHE = "/admin/autocomplete/"
CIBLE = {
    "app_label": "problematiques",
    "model_name": "problematique",
    "field_name": "fusionnee_dans",
}


def page(p):
    return reverse("admin:problematiques_problematique_change", args=[p.pk])


def fusionner(p):
    return reverse("admin:problematiques_problematique_etape", args=[p.pk, "fusionner"])


def contenu(reponse) -> str:
    return unescape(reponse.content.decode())


def textes(reponse) -> str:
    return "\n".join([str(m) for m in get_messages(reponse.wsgi_request)] + [contenu(reponse)])


@pytest.mark.django_db
def test_the_change_page_lists_no_other_problem(client_de, django_assert_max_num_queries):
    p = ProblematiqueFactory(publiee=True, titre="Celle que l'on fusionne")
    autres = ProblematiqueFactory.create_batch(30, publiee=True)
    client = client_de("coordination")
    client.get(page(p))

    with django_assert_max_num_queries(20):
        html = contenu(client.get(page(p)))

    assert 'data-field-name="fusionnee_dans"' in html  # the search is there
    assert not [autre.titre for autre in autres if autre.titre in html]
    formulaire = html[html.index(fusionner(p)) :]
    formulaire = formulaire[: formulaire.index("</form>")]
    assert formulaire.count("<option") == 1  # the empty choice only
    assert 'name="fusionner-cible_designee"' in formulaire  # without JavaScript


@pytest.mark.django_db
@pytest.mark.parametrize(
    "designation",
    ["liste", "numero", "n°", "identifiant", "adresse publique", "adresse du back-office"],
)
def test_the_merge_goes_through_with_the_target_named_any_way(client_de, designation):
    p = ProblematiqueFactory(publiee=True)
    cible = ProblematiqueFactory(publiee=True)
    donnees = {
        "liste": {"fusionner-cible": cible.pk},
        "numero": {"fusionner-cible_designee": f" {cible.pk} "},
        "n°": {"fusionner-cible_designee": f"n° {cible.pk}"},
        "identifiant": {"fusionner-cible_designee": cible.slug},
        "adresse publique": {
            "fusionner-cible_designee": "https://tilab.example" + cible.get_absolute_url()
        },
        "adresse du back-office": {"fusionner-cible_designee": page(cible) + "?_changelist=1"},
    }[designation]

    reponse = client_de("coordination").post(
        fusionner(p), donnees | {"fusionner-commentaire_public": "Le même problème."}
    )

    assert reponse.status_code == 302
    p.refresh_from_db()
    assert p.fusionnee_dans == cible and p.statut == Statut.CLOTUREE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cas", "message", "champ"),
    [
        ("elle-meme", "ne peut pas être fusionnée dans elle-même", "cible"),
        ("elle-meme par son numero", "ne peut pas être fusionnée dans elle-même", "designee"),
        ("close", "est elle-même fusionnée ou clôturée", "cible"),
        ("fusionnee", "est elle-même fusionnée ou clôturée", "designee"),
        ("inconnue", "Aucune problématique ne porte ce numéro", "designee"),
        ("adresse d'autre chose", "Aucune problématique ne porte ce numéro", "designee"),
        ("deux differentes", "désigne une autre problématique que celle choisie", "designee"),
        ("rien", "Choisissez la problématique qui reste", "cible"),
        ("numero qui deborde", "Sélectionnez un choix valide", "cible"),
    ],
)
def test_a_wrong_target_is_refused_in_french_next_to_its_field(client_de, cas, message, champ):
    p = ProblematiqueFactory(publiee=True)
    close = ProblematiqueFactory(statut=Statut.CLOTUREE)
    ouverte = ProblematiqueFactory(publiee=True)
    fusionnee = ProblematiqueFactory(statut=Statut.CLOTUREE, fusionnee_dans=ouverte)
    donnees = {
        "elle-meme": {"fusionner-cible": p.pk},
        "elle-meme par son numero": {"fusionner-cible_designee": str(p.pk)},
        "close": {"fusionner-cible": close.pk},
        "fusionnee": {"fusionner-cible_designee": fusionnee.slug},
        "inconnue": {"fusionner-cible_designee": "999999999"},
        "adresse d'autre chose": {"fusionner-cible_designee": "/communautes/"},
        "deux differentes": {
            "fusionner-cible": ouverte.pk,
            "fusionner-cible_designee": close.slug,
        },
        "rien": {},
        "numero qui deborde": {"fusionner-cible": "9" * 30},
    }[cas]

    reponse = client_de("coordination").post(
        fusionner(p),
        donnees | {"fusionner-note_interne": "Texte à garder"},
        follow=True,
    )

    html = contenu(reponse)
    assert "L'étape n'a pas été enregistrée" in textes(reponse)
    assert "Texte à garder" in html  # what was typed is kept
    # The error is in the row of its field.
    ligne = html[
        : html.index(f'for="id_fusionner-{"cible" if champ == "cible" else "cible_designee"}"')
    ]
    assert message in ligne[ligne.rindex('<div class="form-row') :]
    p.refresh_from_db()
    assert p.fusionnee_dans is None and p.statut == Statut.OUVERTE


@pytest.mark.django_db
def test_a_refused_target_is_shown_again_as_the_chosen_one(client_de):
    p = ProblematiqueFactory(publiee=True)
    close = ProblematiqueFactory(statut=Statut.CLOTUREE, titre="Déjà close")
    client = client_de("coordination")

    html = contenu(client.post(fusionner(p), {"fusionner-cible": close.pk}, follow=True))

    assert f'<option value="{close.pk}" selected>Déjà close (n° {close.pk}, Clôturée)' in html


@pytest.mark.django_db
def test_the_merge_search_offers_only_other_open_problems_with_their_number(client_de):
    doublon = ProblematiqueFactory(publiee=True, titre="Pharmacies de garde trop loin")
    ouverte = ProblematiqueFactory(publiee=True, titre="Pharmacies de garde fermées")
    ProblematiqueFactory(statut=Statut.CLOTUREE, titre="Pharmacies rurales closes")
    ProblematiqueFactory(
        statut=Statut.CLOTUREE, titre="Pharmacies fusionnées", fusionnee_dans=ouverte
    )
    ProblematiqueFactory(publiee=True, titre="Transport scolaire")
    client = client_de("coordination")
    # The page's search asks for the problems other than the one merged.
    html = contenu(client.get(page(doublon)))
    assert f'data-ajax--url="{RECHERCHE}?sauf={doublon.pk}"' in html

    for terme in ("pharma", "PHARMACIE de", str(ouverte.pk), f"n° {ouverte.pk}"):
        reponse = client.get(RECHERCHE, CIBLE | {"sauf": doublon.pk, "term": terme})
        assert reponse.status_code == 200
        assert reponse.json()["results"] == [
            {
                "id": str(ouverte.pk),
                "text": f"Pharmacies de garde fermées (n° {ouverte.pk}, Ouverte)",
            }
        ], terme


@pytest.mark.django_db
def test_the_merge_search_answers_any_term(client_de):
    ProblematiqueFactory(publiee=True)
    balayeuse = Balayeuse(client_de("coordination"))

    @settings(max_examples=40)
    @given(terme=valeur_mauvaise("texte"), sauf=valeur_mauvaise("nombre"))
    def verifier(terme, sauf):
        requete = appliquer({k: [v] for k, v in CIBLE.items()}, {"term": terme, "sauf": sauf})
        ecarts = balayeuse.envoyer(RECHERCHE, requete, {}, methode="get", statuts=STATUTS_ADMIS)
        assert not ecarts, f"{terme!r}, {sauf!r} : {ecarts}"

    verifier()


@pytest.mark.django_db
def test_other_searches_of_a_problem_keep_the_closed_ones(client_de):
    """Only the merge form's search leaves out closed problems; elsewhere (an event's
    problem) a closed problem can still be chosen."""
    close = ProblematiqueFactory(statut=Statut.CLOTUREE, titre="Pharmacies rurales closes")

    reponse = client_de("direction").get(
        RECHERCHE,
        {
            "app_label": "communautes",
            "model_name": "evenement",
            "field_name": "problematique",
            "term": "pharmacies",
        },
    )

    assert reponse.json()["results"] == [
        {"id": str(close.pk), "text": f"Pharmacies rurales closes (n° {close.pk}, Clôturée)"}
    ]


@pytest.mark.django_db
def test_the_desk_search_reads_the_stored_vector(client_de):
    trouvee = ProblematiqueFactory(
        titre="Les pharmacies ferment le dimanche", constat="Rien à moins de 30 km."
    )
    par_le_texte = ProblematiqueFactory(
        titre="Le bourg se vide", constat="Plus de pharmacie au bourg depuis l'été."
    )
    ProblematiqueFactory(titre="Transport scolaire")
    client = client_de("coordination")

    for terme, attendues in (
        ("pharmacie", {trouvee, par_le_texte}),
        ("Pharmacies dimanche", {trouvee}),
        ("pharm", {trouvee, par_le_texte}),
        ("école", set()),
        (str(trouvee.pk), {trouvee}),
        ("« ; » !", set()),
    ):
        reponse = client.get(reverse(LISTE), {"q": terme})
        assert set(reponse.context["cl"].result_list) == attendues, terme

    requetes = sql_de_la_page(client, reverse(LISTE) + "?q=pharmacie")
    recherches = [sql for sql in requetes if "problematiques_problematique" in sql and "@@" in sql]
    assert recherches and not [sql for sql in requetes if "LIKE" in sql]
    assert all('"vecteur_recherche" @@' in sql for sql in recherches), recherches


@pytest.mark.django_db
def test_the_change_page_lists_the_latest_supports_only(client_de):
    p = ProblematiqueFactory(publiee=True)
    SoutienFactory.create_batch(SoutienInline.derniers + 3, problematique=p)
    Problematique.objects.filter(pk=p.pk).recompter_soutiens()
    plus_ancien = p.soutiens.order_by("cree_le", "pk").first()

    reponse = client_de("coordination").get(page(p))

    formset = next(
        f for f in reponse.context["inline_admin_formsets"] if "soutien" in f.opts.verbose_name
    )
    affiches = [form.original for form in formset]
    assert len(affiches) == SoutienInline.derniers
    assert plus_ancien not in affiches
    assert affiches == sorted(affiches, key=lambda s: (s.cree_le, s.pk), reverse=True)
