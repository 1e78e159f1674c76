"""French typography: the no-break spaces of the templates' literal text, of dates and times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from tilab.dates import date_francaise, heure_francaise
from tilab.typographie import (
    FINE,
    INSECABLE,
    typographier,
    typographier_gabarit,
    typographier_html,
    typographier_selon_nom,
)

F, N = FINE, INSECABLE
PARIS = ZoneInfo("Europe/Paris")


# --- The rules, on plain text --------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Votre organisation ?", f"Votre organisation{F}?"),
        ("Merci !", f"Merci{F}!"),
        ("un rôle ; une date", f"un rôle{F}; une date"),
        ("Publiée le : hier", f"Publiée le{N}: hier"),
        ("dites « nous aussi »", f"dites «{N}nous aussi{N}»"),
        ("4 h par mois", f"4{N}h par mois"),
        ("12 km, 10 Mo, 3 %, 20 €", f"12{N}km, 10{N}Mo, 3{N}%, 20{N}€"),
        ("le 1 décembre, le 1er janvier", f"le 1{N}décembre, le 1er{N}janvier"),
        ("la grille n° 3", f"la grille n°{N}3"),
        ("3 heures, 2 mois, 6 ans", f"3{N}heures, 2{N}mois, 6{N}ans"),
    ],
)
def test_les_espaces_qui_ne_doivent_pas_couper_la_ligne(texte, attendu):
    assert typographier(texte) == attendu


@pytest.mark.parametrize(
    "texte",
    [
        "https://tilab.bzh/recherche/?q=eau&page=2",
        "à 14:30",
        "Note:sans espace",
        "3 mots, 2 hommes, 2 m'ont dit, 5 ministères",
        "une ligne\n    : suite indentée",
        "deux  : espaces",
    ],
)
def test_ce_qui_n_est_pas_une_espace_francaise_reste(texte):
    assert typographier(texte) == texte


def test_le_numero_apres_n_degre():
    assert typographier_gabarit("<p>Pacte n° {{ n }}</p>") == f"<p>Pacte n°{N}{{{{ n }}}}</p>"
    assert typographier_gabarit("Pacte n° {{ n }}", html=False) == f"Pacte n°{N}{{{{ n }}}}"


def test_une_unite_apres_une_variable():
    assert typographier(" h par mois", apres_variable=True) == f"{N}h par mois"
    assert typographier(" hommes", apres_variable=True) == " hommes"
    assert typographier(" h par mois") == " h par mois"


# --- HTML: text only -----------------------------------------------------------------------


def test_le_texte_change_le_balisage_et_le_code_non():
    html = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<a href="/recherche/?q=a :b" class="x : y" data-confirmer="ok ?">Vous ici ?</a>'
        "<script>var x = a ? b : c;</script>"
        '<script type="application/json">{"a": "b : c"}</script>'
        "<style>a:hover { color: red !important; }</style>"
        "<pre>code : ici ?</pre><p><code>x ? y</code> : fin</p>"
        "<textarea>a ! b</textarea><kbd>Ctrl ; C</kbd>"
        "<!-- commentaire : ici ? -->"
    )
    attendu = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<a href="/recherche/?q=a :b" class="x : y" data-confirmer="ok ?">Vous ici{F}?</a>'
        "<script>var x = a ? b : c;</script>"
        '<script type="application/json">{"a": "b : c"}</script>'
        "<style>a:hover { color: red !important; }</style>"
        f"<pre>code : ici ?</pre><p><code>x ? y</code>{N}: fin</p>"
        "<textarea>a ! b</textarea><kbd>Ctrl ; C</kbd>"
        "<!-- commentaire : ici ? -->"
    )
    assert typographier_html(html) == attendu


def test_les_attributs_que_l_on_lit_ou_entend():
    html = '<nav aria-label="Pages : suite"><img alt="Carte ?" title="Voir !" src="a b"></nav>'
    assert typographier_html(html) == (
        f'<nav aria-label="Pages{N}: suite"><img alt="Carte{F}?" title="Voir{F}!" src="a b"></nav>'
    )


# --- Templates: literal text only ----------------------------------------------------------


def test_ce_qu_imprime_une_variable_n_est_pas_touche():
    source = "<p>{{ titre }} ? {{ heures }} h par mois, Oui : {{ x }}</p>"
    attendu = f"<p>{{{{ titre }}}}{F}? {{{{ heures }}}}{N}h par mois, Oui{N}: {{{{ x }}}}</p>"
    assert typographier_gabarit(source) == attendu
    rendu = (
        engines["django"]
        .from_string(attendu)
        .render({"titre": "Quoi ?", "heures": 4, "x": "a : b"})
    )
    assert rendu == f"<p>Quoi ?{F}? 4{N}h par mois, Oui{N}: a : b</p>"


def test_les_balises_de_gabarit_les_url_et_les_commentaires_restent():
    source = (
        '<a href="{% url "problematiques:index" %}?q={{ q|urlencode }}"'
        '{% if actif %} aria-current="page"{% endif %}>Liste ?</a>'
        "{% comment %}Un commentaire : <pre> jamais fermé{% endcomment %}"
        "{# note : rien #}<p>Après ?</p>"
    )
    attendu = (
        '<a href="{% url "problematiques:index" %}?q={{ q|urlencode }}"'
        f'{{% if actif %}} aria-current="page"{{% endif %}}>Liste{F}?</a>'
        "{% comment %}Un commentaire : <pre> jamais fermé{% endcomment %}"
        f"{{# note : rien #}}<p>Après{F}?</p>"
    )
    assert typographier_gabarit(source) == attendu


def test_l_etat_traverse_les_balises_de_gabarit():
    # A script opened in one piece of text and closed in another stays code in between.
    source = "<script>var a = '{{ a }} : x' ? 1 : 2;</script><p>{% if a %}Fin :{% endif %}</p>"
    attendu = (
        "<script>var a = '{{ a }} : x' ? 1 : 2;</script>"
        f"<p>{{% if a %}}Fin{N}:{{% endif %}}</p>"
    )
    assert typographier_gabarit(source) == attendu


def test_le_libelle_d_une_traduction():
    source = '<p>{% translate "Vous êtes sûr ?" %}</p><script>{% translate "a ?" %}</script>'
    attendu = (
        f'<p>{{% translate "Vous êtes sûr{F}?" %}}</p><script>{{% translate "a ?" %}}</script>'
    )
    assert typographier_gabarit(source) == attendu


def test_deux_passages_valent_un():
    source = source_du_gabarit("problematiques/includes/_soutien_formulaire.html")
    une_fois = typographier_gabarit(source)
    assert une_fois != source
    assert typographier_gabarit(une_fois) == une_fois


def source_du_gabarit(nom: str) -> str:
    return (settings.BASE_DIR / "templates" / nom).read_text()


def test_sujet_d_un_courriel_et_autres_fichiers_laisses():
    assert typographier_selon_nom("Étape : x", "a/courriels/transition-sujet.txt") == "Étape : x"
    assert typographier_selon_nom("Étape : x", "account/email/x_subject.txt") == "Étape : x"
    assert typographier_selon_nom("a : b", "robots.json") == "a : b"
    assert typographier_selon_nom("Étape : x", "a/courriels/transition-corps.txt") == f"Étape{N}: x"


def test_le_chargeur_du_portail_applique_la_typographie():
    # The portal's templates as compiled, and what they render.
    gabarit = engines["django"].engine.get_template(
        "problematiques/includes/_soutien_formulaire.html"
    )
    assert f"votre organisation{F}?" in gabarit.source
    rendu = render_to_string("includes/_messages.html", {"messages": ["Merci !"]})
    assert f"Information{N}:" in rendu
    assert f"Merci{F}!" in rendu


# --- Dates and times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "attendu"),
    [
        (time(9, 0), f"9{N}h"),
        (time(14, 30), f"14{N}h{N}30"),
        (time(0, 5), f"0{N}h{N}05"),
        (datetime(2026, 12, 1, 13, 30, tzinfo=UTC), f"14{N}h{N}30"),
    ],
)
def test_heure(moment, attendu):
    assert heure_francaise(moment) == attendu


def test_dates():
    jour = date(2026, 12, 1)
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    assert date_francaise(jour) == f"1{N}décembre{N}2026"
    assert date_francaise(jour, "j F Y") == f"1{N}décembre{N}2026"
    assert date_francaise(moment, "l j F Y à H:i") == f"mardi 1{N}décembre{N}2026 à 9{N}h"
    assert date_francaise(moment, "Y-m-d") == "2026-12-01"
    assert date_francaise(moment, "c") == "2026-12-01T09:00:00+01:00"


def test_le_filtre_date_de_chaque_gabarit():
    gabarit = engines["django"].from_string(
        '{{ m|date:"j F Y à H:i" }}|{{ m|date:"c" }}|{{ j|date }}|{{ j|date:"H:i" }}|{{ m|heure }}'
    )
    moment = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)  # 14 h 30 in Paris
    rendu = gabarit.render({"m": moment, "j": date(2026, 12, 1)})
    assert rendu == (
        f"1{N}décembre{N}2026 à 14{N}h{N}30|2026-12-01T14:30:00+01:00"
        f"|1{N}décembre{N}2026||14{N}h{N}30"
    )


def test_le_filtre_typographie():
    gabarit = engines["django"].from_string("{{ a|typographie }}|{{ b|typographie }}")
    rendu = gabarit.render(
        {"a": "C'est fait : <b> ?", "b": mark_safe('<a class="x : y">Oui !</a>')}
    )
    assert rendu == f'C&#x27;est fait{N}: &lt;b&gt;{F}?|<a class="x : y">Oui{F}!</a>'
