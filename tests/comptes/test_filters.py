"""tilab.comptes.filters: the territory and theme filters every public list shares, and what a
list says of the criteria in use."""

import django_filters
import pytest
from django.http import QueryDict

from communautes.models import Communaute, StatutCommunaute
from tests.communautes.factories import CommunauteFactory
from tests.factories import TerritoireFactory, ThemeFactory
from tilab.comptes.filters import FiltresTerritoireTheme, filtre_territoire, filtre_theme
from tilab.comptes.models import Territoire

pytestmark = pytest.mark.django_db


class EssaiFilter(FiltresTerritoireTheme):
    """A list of communities with the shared filters between two of its own."""

    criteres = ("etat", "territoire", "theme")

    etat = django_filters.ChoiceFilter(
        field_name="statut", label="État", choices=StatutCommunaute.choices
    )
    territoire = filtre_territoire()
    theme = filtre_theme()
    tri = django_filters.ChoiceFilter(
        label="Trier", choices=[("nom", "Nom")], method="ne_pas_filtrer"
    )

    def ne_pas_filtrer(self, queryset, name, value):
        return queryset


def filtrer(chaine=""):
    return EssaiFilter(QueryDict(chaine), queryset=Communaute.objects.order_by("nom"))


@pytest.fixture
def perimetres():
    finistere = Territoire.objects.get(slug="finistere")
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon")
    commune = TerritoireFactory(type="commune", parent=epci, nom="Saint-Pol")
    for nom, territoire in [
        ("Sur la commune", commune),
        ("Sur l'EPCI", epci),
        ("Sur le département", finistere),
        ("Ailleurs", Territoire.objects.get(slug="morbihan")),
    ]:
        CommunauteFactory(nom=nom).territoires.add(territoire)
    CommunauteFactory(nom="Sans territoire")
    return finistere, epci, commune


def noms(filtre):
    return [c.nom for c in filtre.qs]


def test_the_form_keeps_the_order_the_filterset_declares():
    assert list(filtrer().form.fields) == ["etat", "territoire", "theme", "tri"]


def test_a_territory_includes_what_lies_under_it(perimetres):
    finistere, epci, commune = perimetres
    assert noms(filtrer("territoire=finistere")) == [
        "Sur l'EPCI",
        "Sur la commune",
        "Sur le département",
    ]
    assert noms(filtrer(f"territoire={epci.slug}")) == ["Sur l'EPCI", "Sur la commune"]
    assert len(noms(filtrer())) == 5


def test_territory_choices_are_grouped_by_departement_in_one_query(
    perimetres, django_assert_num_queries
):
    with django_assert_num_queries(1):
        filtre = filtrer()
    groupes = dict(filtre.filters["territoire"].extra["choices"])
    assert groupes["Finistère"][:2] == [
        ("finistere", "Finistère (tout le département)"),
        (perimetres[1].slug, "Haut-Léon"),
    ]


def test_an_unknown_territory_is_an_error_of_its_field_and_filters_nothing(perimetres):
    filtre = filtrer("territoire=nulle-part")
    assert len(noms(filtre)) == 5
    assert "territoire" in filtre.form.errors


def test_a_theme_is_chosen_by_its_slug():
    eau = ThemeFactory(nom="Eau", slug="eau")
    CommunauteFactory(nom="Avec le thème").themes.add(eau)
    CommunauteFactory(nom="Sans le thème")
    assert noms(filtrer("theme=eau")) == ["Avec le thème"]


def test_est_actif_reads_the_criteria_only():
    assert not filtrer().est_actif()
    assert not filtrer("tri=nom&page=2").est_actif()
    assert filtrer("territoire=finistere").est_actif()
    # A value the form refuses still counts: the page offers to clear it.
    assert filtrer("etat=n-importe-quoi").est_actif()


def test_resume_says_each_applied_criterion_in_words_in_order():
    ThemeFactory(nom="Eau potable", slug="eau")
    filtre = filtrer("theme=eau&territoire=finistere&etat=en_sommeil&tri=nom")
    assert filtre.resume() == [
        ("État", "En sommeil"),
        ("Territoire", "Finistère"),
        ("Thème", "Eau potable"),
    ]


def test_resume_leaves_out_what_the_form_refused():
    assert filtrer("etat=n-importe-quoi&territoire=<script>&theme=inconnu").resume() == []
    assert filtrer("etat=n-importe-quoi&territoire=morbihan").resume() == [
        ("Territoire", "Morbihan")
    ]


# --- The form's fields, kept rendered per process (tilab.formulaires.champs_retenus) ----------


def ecrits_un_a_un(filtre):
    return "".join(str(champ.as_field_group()) for champ in filtre.form)


@pytest.mark.parametrize(
    "chaine",
    [
        "",
        "etat=active",
        "territoire=finistere&theme=mobilite",
        "etat=nimporte&territoire=nulle-part",
    ],
    ids=["sans-critere", "un-etat", "territoire-et-theme", "fautif"],
)
def test_the_kept_fields_are_what_the_fields_write_one_by_one(chaine):
    ThemeFactory(nom="Mobilité", slug="mobilite")
    filtre = filtrer(chaine)
    assert str(filtre.champs()) == ecrits_un_a_un(filtrer(chaine))
    # Asked again with the same criteria: the same text, from the process's cache.
    assert filtrer(chaine).champs() is filtre.champs()


def test_the_kept_fields_show_a_theme_renamed_a_territory_added_and_the_value_chosen():
    theme = ThemeFactory(nom="Mobilité", slug="mobilite")
    avant = str(filtrer("theme=mobilite").champs())
    assert "Mobilité" in avant
    theme.nom = "Déplacements"
    theme.save()
    TerritoireFactory(
        type="epci", parent=Territoire.objects.get(slug="finistere"), code="", nom="Pays d'Iroise"
    )
    apres = str(filtrer("theme=mobilite").champs())
    assert "Déplacements" in apres and "Mobilité" not in apres
    assert "Pays d&#x27;Iroise" in apres or "Pays d'Iroise" in apres
    assert apres == ecrits_un_a_un(filtrer("theme=mobilite"))
    # Another value chosen, another rendering: the option chosen is the one selected.
    assert 'value="finistere" selected' in str(filtrer("territoire=finistere").champs())
    assert 'value="finistere" selected' not in str(filtrer().champs())


def test_an_error_is_kept_with_its_field_and_the_value_typed_stays():
    html = str(filtrer("territoire=nulle-part").champs())
    assert "Sélectionnez un choix valide" in html or "Choisissez une valeur" in html
    assert html == ecrits_un_a_un(filtrer("territoire=nulle-part"))


def test_the_territories_are_shared_by_the_forms_not_copied_and_still_validate(perimetres):
    finistere, epci, _ = perimetres
    filtre = filtrer(f"territoire={epci.slug}")
    choix = filtre.filters["territoire"].extra["choices"]
    champ = filtre.form.fields["territoire"]
    assert champ.choices.choices is choix  # django-filters' wrapper around the very same choices
    assert filtre.form.is_valid()
    assert sorted(noms(filtre)) == ["Sur l'EPCI", "Sur la commune"]
