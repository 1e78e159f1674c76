"""The report form's guards: honeypot, minimum filling time, limits per account and address."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from problematiques import antispam
from problematiques.forms.signalement import (
    MESSAGE_DEJA_ENVOYE,
    MESSAGE_JETON_EXPIRE,
    MESSAGE_REFUS,
    MESSAGE_TROP_RAPIDE,
)
from problematiques.models import Problematique
from tests.factories import PersonneFactory
from tests.problematiques.aide_signalement import donnees_valides, jeton_ancien, referentiel
from tests.problematiques.factories import ProblematiqueFactory
from tilab.typographie import typographier

URL = reverse("problematiques:signaler")


def _texte(message) -> str:
    # As the page writes it: escaped, in French typography (tilab/typographie.py).
    return typographier(str(message)).replace("'", "&#x27;")


@pytest.fixture
def ref(db):
    return referentiel()


@pytest.fixture(autouse=True)
def _reglages(settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 5
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 5
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_IP = 20


# --- Honeypot -----------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_out_of_the_keyboard_path(client, relais, ref):
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    bloc = contenu.split('class="signalement__miel"', 1)[1].split("</div>", 1)[0]
    assert 'aria-hidden="true"' in bloc
    assert "Ne pas remplir ce champ" in bloc
    assert 'tabindex="-1"' in bloc
    assert 'autocomplete="off"' in bloc


def test_a_filled_honeypot_creates_nothing_and_keeps_the_text(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk, site_internet="http://spam.example")

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    assert _texte(MESSAGE_REFUS) in contenu
    assert _texte(donnees["constat"]) in contenu
    # Not shown back: an autofilled value would otherwise refuse the form forever.
    assert "spam.example" not in contenu


# --- Minimum time -------------------------------------------------------------------------


def test_a_form_sent_too_fast_is_refused_with_the_text_kept(client, relais, ref):
    client.force_login(relais)
    jeton = antispam.jeton_nouveau(relais.pk)
    donnees = donnees_valides(ref, relais.pk, jeton=jeton)

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    assert _texte(MESSAGE_TROP_RAPIDE) in contenu
    assert _texte(donnees["constat"]) in contenu
    # The clock is not restarted: the same token comes back, and sending again later works.
    assert f'value="{jeton}"' in contenu


def test_the_same_form_sent_again_after_the_minimum_time_is_accepted(client, relais, ref, settings):
    client.force_login(relais)
    jeton = antispam.jeton_nouveau(relais.pk, debut=timezone.now().timestamp() - 6)

    reponse = client.post(URL, donnees_valides(ref, relais.pk, jeton=jeton))

    assert reponse.status_code == 302
    assert Problematique.objects.count() == 1


@pytest.mark.parametrize(
    "jeton",
    [
        pytest.param("", id="absent"),
        pytest.param("n-importe-quoi", id="invalide"),
        pytest.param("tampered", id="signature-modifiee"),
        pytest.param("autre-personne", id="jeton-d-un-autre-compte"),
    ],
)
def test_a_missing_or_tampered_token_is_refused_and_replaced(client, relais, ref, jeton):
    client.force_login(relais)
    ancien = timezone.now().timestamp() - 600
    if jeton == "tampered":
        valide = antispam.jeton_nouveau(relais.pk, debut=ancien)
        jeton = valide[:-2] + ("AA" if not valide.endswith("AA") else "BB")
    elif jeton == "autre-personne":
        jeton = antispam.jeton_nouveau(PersonneFactory().pk, debut=ancien)
    elif jeton == "n-importe-quoi":
        jeton = signing.dumps({"t": ancien, "p": relais.pk}, salt="autre-sel")

    reponse = client.post(URL, donnees_valides(ref, relais.pk, jeton=jeton))

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    assert _texte(MESSAGE_TROP_RAPIDE) in contenu
    nouveau = contenu.split('name="jeton" value="', 1)[1].split('"', 1)[0]
    assert nouveau != jeton
    assert antispam.jeton_age(nouveau, relais.pk) is not None


# --- One report per token ----------------------------------------------------------------


def _jeton_de_la_page(contenu: str) -> str:
    return contenu.split('name="jeton" value="', 1)[1].split('"', 1)[0]


def test_a_token_sends_one_report_only(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk)
    assert client.post(URL, donnees).status_code == 302

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 200
    assert Problematique.objects.count() == 1
    contenu = reponse.content.decode()
    assert _texte(MESSAGE_DEJA_ENVOYE) in contenu
    assert _texte(donnees["constat"]) in contenu
    nouveau = _jeton_de_la_page(contenu)
    assert nouveau != donnees["jeton"]
    assert antispam.jeton_age(nouveau, relais.pk) is not None


def test_a_refused_or_previewed_form_keeps_its_token_usable(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk)

    client.post(URL, {**donnees, "apercu": "1"})
    client.post(URL, {**donnees, "titre": "Car"})

    assert client.post(URL, donnees).status_code == 302


def test_a_token_past_its_lifetime_is_refused_with_the_text_kept_and_replaced(
    client, relais, ref, settings
):
    client.force_login(relais)
    donnees = donnees_valides(
        ref, relais.pk, jeton=jeton_ancien(relais.pk, antispam.duree_jeton() + 60)
    )

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    assert _texte(MESSAGE_JETON_EXPIRE) in contenu
    assert _texte(donnees["constat"]) in contenu
    assert _jeton_de_la_page(contenu) != donnees["jeton"]


def test_a_token_is_spent_once_in_the_shared_cache(db):
    jeton = antispam.jeton_nouveau(1)

    assert antispam.jeton_utiliser(jeton, age=10) is True
    assert antispam.jeton_utiliser(jeton, age=20) is False
    assert antispam.jeton_utiliser(antispam.jeton_nouveau(1), age=10) is True


def test_a_spent_token_outlives_a_busy_cache(db):
    from django.core.cache import cache

    jeton = antispam.jeton_nouveau(1)
    antispam.jeton_utiliser(jeton, age=10)

    # Past its MAX_ENTRIES, Django's database cache drops a third of its rows, live ones too.
    cache.set_many({f"zz-compteur-{n}": n for n in range(400)})
    cache.set("zz-dernier", 0)

    assert antispam.jeton_utiliser(jeton, age=20) is False


# Real commits, so that the workers race on the cache table as in production (the migrated
# state comes back after it: tests/conftest.py).
@pytest.mark.django_db(transaction=True)
def test_two_workers_spending_the_same_token_at_once_send_one_report():
    jeton = antispam.jeton_nouveau(1)
    barriere = threading.Barrier(4)
    resultats: list[bool] = []

    def envoyer():
        try:
            barriere.wait()
            resultats.append(antispam.jeton_utiliser(jeton, age=10))
        finally:
            connection.close()

    fils = [threading.Thread(target=envoyer) for _ in range(4)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == [False, False, False, True]


# --- Rate limits --------------------------------------------------------------------------


def test_over_the_account_limit_the_form_comes_back_as_typed_saying_when_it_can_go(
    client, relais, ref, settings
):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 2
    ProblematiqueFactory.create_batch(2, auteur=relais)
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk)

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 429
    assert 3590 <= int(reponse["Retry-After"]) <= 3600
    assert Problematique.objects.count() == 2
    contenu = reponse.content.decode()
    assert "Votre signalement n'est pas encore envoyé" in contenu
    assert "Vous pourrez l'envoyer dans 60\u00a0minutes" in contenu
    assert "Retour" not in contenu
    # Everything typed is in the form, with no error, and the same token: one click sends it.
    for nom in ("titre", "constat", "publics_concernes", "deja_tente"):
        assert _texte(donnees[nom]) in contenu
    assert re.search(rf'name="themes" value="{ref.theme.pk}"[^>]*checked', contenu)
    assert re.search(rf'value="{ref.commune.slug}"[^>]*checked', contenu)
    assert f'value="{donnees["jeton"]}"' in contenu
    assert "errorlist" not in contenu


def test_once_the_limit_is_past_the_kept_form_goes_as_it_is(client, relais, ref, settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 1
    ProblematiqueFactory(auteur=relais)
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk)
    assert client.post(URL, donnees).status_code == 429

    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 2
    reponse = client.post(URL, donnees)

    assert reponse.status_code == 302
    assert Problematique.objects.filter(auteur=relais).count() == 2


def test_reports_older_than_an_hour_do_not_count(client, relais, ref, settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 2
    anciennes = ProblematiqueFactory.create_batch(2, auteur=relais)
    Problematique.objects.filter(pk__in=[p.pk for p in anciennes]).update(
        cree_le=timezone.now() - timedelta(hours=1, minutes=1)
    )
    client.force_login(relais)

    reponse = client.post(URL, donnees_valides(ref, relais.pk))

    assert reponse.status_code == 302


def test_the_account_limit_is_per_person(client, relais, ref, settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 1
    ProblematiqueFactory(auteur=PersonneFactory())
    client.force_login(relais)

    assert client.post(URL, donnees_valides(ref, relais.pk)).status_code == 302
    assert client.post(URL, donnees_valides(ref, relais.pk)).status_code == 429


def test_over_the_address_limit_other_accounts_are_refused_too(client, ref, settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_IP = 2
    adresse = {"REMOTE_ADDR": "203.0.113.7"}
    for _ in range(2):
        personne = PersonneFactory(roles=["Relais"])
        client.force_login(personne)
        assert client.post(URL, donnees_valides(ref, personne.pk), **adresse).status_code == 302

    troisieme = PersonneFactory(roles=["Relais"])
    client.force_login(troisieme)
    refus = client.post(URL, donnees_valides(ref, troisieme.pk), **adresse)
    ailleurs = client.post(URL, donnees_valides(ref, troisieme.pk), REMOTE_ADDR="198.51.100.4")

    assert refus.status_code == 429
    assert "Beaucoup de signalements sont partis de votre connexion" in refus.content.decode()
    assert ailleurs.status_code == 302
    assert Problematique.objects.count() == 3


def test_refused_and_previewed_forms_do_not_count_against_the_address(
    client, relais, ref, settings
):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_IP = 1
    client.force_login(relais)

    client.post(URL, donnees_valides(ref, relais.pk, apercu="1"))
    client.post(URL, donnees_valides(ref, relais.pk, titre="Car"))

    assert client.post(URL, donnees_valides(ref, relais.pk)).status_code == 302


def test_a_preview_stays_possible_over_the_limit(client, relais, ref, settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 1
    ProblematiqueFactory(auteur=relais)
    client.force_login(relais)

    reponse = client.post(URL, donnees_valides(ref, relais.pk, apercu="1"))

    assert reponse.status_code == 200


def test_allauth_rate_limits_answer_with_the_same_french_page(client, settings, db):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    url = reverse("account_login")
    client.post(url, {"login": "x@exemple.fr", "password": "x"})

    reponse = client.post(url, {"login": "x@exemple.fr", "password": "x"})

    assert reponse.status_code == 429
    contenu = reponse.content.decode()
    assert "<h1>Trop de demandes en peu de temps</h1>" in contenu
    assert "Patientez quelques minutes" in contenu
