"""The triage desk: who gets in, the step buttons, the filters and the query count."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from problematiques.models import Problematique, Statut, TypeTransition
from tests.factories import TerritoireFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory
from tilab.comptes.models import Territoire

LISTE = "admin:problematiques_problematique_changelist"


def page(p):
    return reverse("admin:problematiques_problematique_change", args=[p.pk])


def etape(p, cle):
    return reverse("admin:problematiques_problematique_etape", args=[p.pk, cle])


@pytest.mark.django_db
@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir"])
def test_people_outside_the_team_do_not_get_in(client_de, nom):
    p = ProblematiqueFactory()
    client = client_de(nom)
    for url in (reverse(LISTE), page(p)):
        reponse = client.get(url)
        assert reponse.status_code == 302 and "/admin/login/" in reponse["Location"]
    reponse = client.post(etape(p, "qualifier"))
    assert reponse.status_code == 302 and "/admin/login/" in reponse["Location"]
    p.refresh_from_db()
    assert p.statut == Statut.SOUMISE


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nom", ["direction", "coordination", "animation", "documentation", "recherche"]
)
def test_the_whole_team_sees_the_desk(client_de, nom):
    p = ProblematiqueFactory(titre="Des bus trop rares à Carhaix")
    client = client_de(nom)
    reponse = client.get(reverse(LISTE))
    assert reponse.status_code == 200
    assert "Des bus trop rares à Carhaix" in reponse.content.decode()
    assert client.get(page(p)).status_code == 200


@pytest.mark.django_db
def test_coordination_qualifies_through_the_button(client_de, coordination):
    p = ProblematiqueFactory()
    client = client_de("coordination")
    contenu = client.get(page(p)).content.decode()
    assert etape(p, "qualifier") in contenu and etape(p, "ouvrir") in contenu
    reponse = client.post(
        etape(p, "qualifier"),
        {"qualifier-commentaire_public": "Parlons-en.", "qualifier-note_interne": "Appeler lundi."},
    )
    assert reponse.status_code == 302 and reponse["Location"] == page(p)
    p.refresh_from_db()
    assert p.statut == Statut.EN_QUALIFICATION
    transition = p.transitions.get()
    assert transition.auteur == coordination
    assert transition.note_interne == "Appeler lundi."
    # The history, internal notes included, is shown on the change page.
    contenu = client.get(page(p)).content.decode()
    assert "Appeler lundi." in contenu
    assert etape(p, "qualifier") not in contenu  # no longer legal from en_qualification


@pytest.mark.django_db
def test_a_get_on_a_step_does_nothing(client_de):
    p = ProblematiqueFactory()
    reponse = client_de("coordination").get(etape(p, "qualifier"))
    assert reponse.status_code == 405
    p.refresh_from_db()
    assert p.statut == Statut.SOUMISE


@pytest.mark.django_db
def test_animation_views_but_cannot_move_a_problem(client_de):
    p = ProblematiqueFactory()
    client = client_de("animation")
    contenu = client.get(page(p)).content.decode()
    assert etape(p, "qualifier") not in contenu
    assert client.post(etape(p, "qualifier")).status_code == 403
    p.refresh_from_db()
    assert p.statut == Statut.SOUMISE


@pytest.mark.django_db
def test_an_illegal_step_is_refused_with_a_french_message(client_de):
    p = ProblematiqueFactory(statut=Statut.CLOTUREE)
    client = client_de("coordination")
    reponse = client.post(etape(p, "ouvrir"), follow=True)
    textes = [str(m) for m in get_messages(reponse.wsgi_request)] + [reponse.content.decode()]
    assert any("impossible depuis" in t for t in textes)
    p.refresh_from_db()
    assert p.statut == Statut.CLOTUREE


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(client_de):
    p = ProblematiqueFactory(publiee=True)
    client = client_de("coordination")
    reponse = client.post(
        etape(p, "orienter"),
        {"orienter-vers": "", "orienter-note_interne": "Texte tapé à garder"},
        follow=True,
    )
    contenu = reponse.content.decode()
    assert "Texte tapé à garder" in contenu
    assert "Ce champ est obligatoire" in contenu
    p.refresh_from_db()
    assert p.statut == Statut.OUVERTE


@pytest.mark.django_db
def test_orient_merge_and_referent_buttons(client_de, coordination, persona):
    p = ProblematiqueFactory(publiee=True)
    cible = ProblematiqueFactory(publiee=True)
    client = client_de("coordination")
    animation = persona("animation")
    client.post(
        etape(p, "assigner_referent"),
        {"assigner_referent-referent": animation.pk, "assigner_referent-note_interne": ""},
    )
    p.refresh_from_db()
    assert p.referent == animation
    client.post(etape(p, "fusionner"), {"fusionner-cible": cible.pk})
    p.refresh_from_db()
    assert p.fusionnee_dans == cible and p.statut == Statut.CLOTUREE
    autre = ProblematiqueFactory(publiee=True)
    client.post(
        etape(autre, "orienter"),
        {"orienter-vers": "La CAF", "orienter-commentaire_public": "C'est sa compétence."},
    )
    autre.refresh_from_db()
    assert autre.statut == Statut.ORIENTEE and autre.orientee_vers == "La CAF"


@pytest.mark.django_db
def test_the_state_is_not_an_editable_field(client_de):
    p = ProblematiqueFactory()
    contenu = client_de("coordination").get(page(p)).content.decode()
    assert ' name="statut"' not in contenu
    assert ' name="publiee_le' not in contenu
    # (The merge form's search names the field in data-field-name: not an input.)
    assert ' name="fusionnee_dans"' not in contenu


@pytest.mark.django_db
def test_bulk_actions_publish_and_report_illegal_rows(client_de):
    a, b = ProblematiqueFactory(), ProblematiqueFactory(statut=Statut.EN_QUALIFICATION)
    close = ProblematiqueFactory(statut=Statut.CLOTUREE, titre="Déjà close")
    reponse = client_de("coordination").post(
        reverse(LISTE),
        {"action": "publier", "_selected_action": [a.pk, b.pk, close.pk]},
        follow=True,
    )
    textes = [str(m) for m in get_messages(reponse.wsgi_request)]
    assert any("Déjà close" in t and "impossible" in t for t in textes)
    assert set(Problematique.objects.filter(statut=Statut.OUVERTE)) == {a, b}
    assert a.transitions.get().type == TypeTransition.OUVRIR


@pytest.mark.django_db
def test_bulk_actions_are_not_offered_to_animation(client_de):
    ProblematiqueFactory()
    contenu = client_de("animation").get(reverse(LISTE)).content.decode()
    assert 'value="publier"' not in contenu


@pytest.mark.django_db
def test_oldest_unanswered_come_first(client_de):
    maintenant = timezone.now()
    repondue = ProblematiqueFactory(titre="Répondue")
    repondue_recente = ProblematiqueFactory(titre="Répondue récente")
    recente = ProblematiqueFactory(titre="Récente")
    vieille = ProblematiqueFactory(titre="Vieille")
    Problematique.objects.filter(pk=repondue.pk).update(
        cree_le=maintenant - timedelta(days=90), repondue_le=maintenant
    )
    Problematique.objects.filter(pk=repondue_recente.pk).update(
        cree_le=maintenant - timedelta(days=20), repondue_le=maintenant - timedelta(days=19)
    )
    Problematique.objects.filter(pk=vieille.pk).update(cree_le=maintenant - timedelta(days=40))
    reponse = client_de("coordination").get(reverse(LISTE))
    assert list(reponse.context["cl"].result_list) == [vieille, recente, repondue, repondue_recente]


@pytest.mark.django_db
def test_territory_filter_includes_epci_and_communes(client_de):
    ille = Territoire.objects.get(type="departement", code="35")
    epci = TerritoireFactory(type="epci", parent=ille, code="")
    commune = TerritoireFactory(type="commune", parent=epci)
    dedans = ProblematiqueFactory(territoires=[commune])
    ProblematiqueFactory()
    reponse = client_de("coordination").get(reverse(LISTE), {"territoire": ille.pk})
    assert list(reponse.context["cl"].result_list) == [dedans]


@pytest.mark.django_db
@pytest.mark.parametrize(("age", "jours"), [("moins-7", 2), ("7-30", 10), ("plus-30", 45)])
def test_age_filter(client_de, age, jours):
    cibles = {}
    for n in (2, 10, 45):
        p = ProblematiqueFactory()
        Problematique.objects.filter(pk=p.pk).update(cree_le=timezone.now() - timedelta(days=n))
        cibles[n] = p
    reponse = client_de("coordination").get(reverse(LISTE), {"age": age})
    assert list(reponse.context["cl"].result_list) == [cibles[jours]]


@pytest.mark.django_db
def test_the_list_shows_support_counts_without_a_query_per_row(
    client_de, django_assert_max_num_queries
):
    client = client_de("coordination")
    problemes = ProblematiqueFactory.create_batch(100, publiee=True)
    for p in problemes[:10]:
        SoutienFactory.create_batch(2, problematique=p)
    client.get(reverse(LISTE))  # warm the session and the content types
    with django_assert_max_num_queries(20):
        reponse = client.get(reverse(LISTE), {"all": ""})
    assert reponse.status_code == 200
    assert len(reponse.context["cl"].result_list) == 100
    compte = {p.pk: p.nb_soutiens for p in reponse.context["cl"].result_list}
    assert compte[problemes[0].pk] == 2


@pytest.mark.django_db
def test_the_change_page_has_a_bounded_number_of_queries(
    client_de, coordination, django_assert_max_num_queries
):
    from problematiques.services import problematique_assigner_referent, problematique_ouvrir

    p = ProblematiqueFactory()
    problematique_ouvrir(problematique=p, par=coordination, note_interne="Vu en réunion.")
    problematique_assigner_referent(problematique=p, par=coordination, referent=coordination)
    SoutienFactory.create_batch(30, problematique=p)
    ProblematiqueFactory.create_batch(30, publiee=True)
    client = client_de("coordination")
    client.get(page(p))
    with django_assert_max_num_queries(20):
        reponse = client.get(page(p))
    contenu = reponse.content.decode()
    assert "Vu en réunion." in contenu
    assert etape(p, "fusionner") in contenu and etape(p, "ouvrir") not in contenu


@pytest.mark.django_db
def test_the_address_of_a_published_problem_cannot_change(client_de):
    brouillon = ProblematiqueFactory()
    publiee = ProblematiqueFactory(publiee=True)
    client = client_de("coordination")
    assert 'name="slug"' in client.get(page(brouillon)).content.decode()
    assert 'name="slug"' not in client.get(page(publiee)).content.decode()


@pytest.mark.django_db
def test_search_theme_and_referent_filters(client_de, persona):
    from tests.factories import ThemeFactory

    theme = ThemeFactory()
    animation = persona("animation")
    trouvee = ProblematiqueFactory(titre="Cantines scolaires", themes=[theme], referent=animation)
    ProblematiqueFactory(titre="Transport à la demande")
    client = client_de("coordination")
    for parametres in (
        {"q": "cantines"},
        {"themes__id__exact": theme.pk},
        {"referent__id__exact": animation.pk},
    ):
        reponse = client.get(reverse(LISTE), parametres)
        assert list(reponse.context["cl"].result_list) == [trouvee], parametres


@pytest.mark.django_db
def test_saving_the_form_keeps_supports_added_since_it_was_read(rf, coordination):
    from django.contrib.admin.sites import site

    p = ProblematiqueFactory(publiee=True)
    copie = Problematique.objects.get(pk=p.pk)
    SoutienFactory(problematique=p)  # while the form was open
    requete = rf.post(page(p))
    requete.user = coordination

    site.get_model_admin(Problematique).save_model(requete, copie, form=None, change=True)

    assert Problematique.objects.get(pk=p.pk).nb_soutiens == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"themes__id__exact": "theme"},
        {"referent__id__exact": "referent"},
        {"statut": "ouverte"},
    ],
)
def test_the_desk_list_neither_counts_twice_nor_dedups_nor_scans_for_its_filters(
    client_de, persona, parametres
):
    from tests.factories import ThemeFactory
    from tests.pages import sql_de_la_page

    theme, animation = ThemeFactory(), persona("animation")
    ProblematiqueFactory.create_batch(3, publiee=True, themes=[theme], referent=animation)
    valeurs = {"theme": theme.pk, "referent": animation.pk, "ouverte": "ouverte"}
    url = reverse(LISTE) + "?" + "&".join(f"{k}={valeurs[v]}" for k, v in parametres.items())

    requetes = sql_de_la_page(client_de("coordination"), url)

    comptes = [sql for sql in requetes if sql.startswith("SELECT COUNT(*)")]
    assert len(comptes) == 1, comptes  # the filtered count only, not the whole table again
    assert not [sql for sql in requetes if "DISTINCT" in sql]
    # The theme and referent choices: those some problem uses, asked with EXISTS.
    assert len([sql for sql in requetes if "WHERE EXISTS(SELECT 1" in sql]) == 2


@pytest.mark.django_db
def test_two_themes_in_the_url_show_a_problem_once(client_de):
    from tests.factories import ThemeFactory

    eau, sante = ThemeFactory(), ThemeFactory()
    les_deux = ProblematiqueFactory(themes=[eau, sante])
    ProblematiqueFactory(themes=[ThemeFactory()])

    reponse = client_de("coordination").get(
        reverse(LISTE) + f"?themes__id__exact={eau.pk}&themes__id__exact={sante.pk}"
    )

    assert list(reponse.context["cl"].result_list) == [les_deux]


@pytest.mark.django_db
def test_the_filters_offer_only_what_is_used_and_the_empty_choice(client_de, persona):
    from tests.factories import ThemeFactory

    utilise, inutile = ThemeFactory(nom="Eau"), ThemeFactory(nom="Inutilisé")
    ProblematiqueFactory(themes=[utilise], referent=persona("animation"))
    ProblematiqueFactory(themes=[utilise])

    reponse = client_de("coordination").get(reverse(LISTE))

    filtres = {str(f.title): f for f in reponse.context["cl"].filter_specs}
    themes = [c["display"] for c in filtres["thèmes"].choices(reponse.context["cl"])]
    assert "Eau" in themes and inutile.nom not in themes
    referents = [c["display"] for c in filtres["référent Ti Team"].choices(reponse.context["cl"])]
    assert referents[0] == "Tout" and len(referents) == 3  # all, the animator, "none"
    sans = ProblematiqueFactory(themes=[utilise])
    vides = client_de("coordination").get(reverse(LISTE), {"referent__isnull": "True"})
    assert sans in vides.context["cl"].result_list


@pytest.mark.django_db
def test_the_desk_order_is_read_from_its_index(client_de):
    from django.db import connection

    from tests.pages import sql_de_la_page

    ProblematiqueFactory.create_batch(60)
    requetes = sql_de_la_page(client_de("coordination"), reverse(LISTE))
    page = next(sql for sql in requetes if "LIMIT 50" in sql)

    with connection.cursor() as curseur:
        curseur.execute("ANALYZE problematiques_problematique")
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute("SET LOCAL enable_sort = off")
        curseur.execute(f"EXPLAIN {page}")
        plan = "\n".join(ligne[0] for ligne in curseur.fetchall())

    assert "using problematique_triage" in plan and "Sort" not in plan, plan
