"""/evenements.ics and /evenements/<slug>.ics are valid iCalendar, read back by a parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from icalendar import Calendar

from communautes.models import Evenement
from tests.communautes.evenements.factories import EvenementFactory

pytestmark = pytest.mark.django_db


def lire(contenu: bytes) -> list[dict[str, str]]:
    """A small RFC 5545 reader: checks the line rules, unfolds, returns the VEVENTs."""
    texte = contenu.decode("utf-8")
    assert texte.endswith("\r\n")
    brutes = texte[:-2].split("\r\n")
    for ligne in brutes:
        assert "\n" not in ligne and "\r" not in ligne
        assert len(ligne.encode("utf-8")) <= 75, ligne
    lignes: list[str] = []
    for ligne in brutes:
        if ligne.startswith(" "):
            lignes[-1] += ligne[1:]
        else:
            lignes.append(ligne)
    assert lignes[0] == "BEGIN:VCALENDAR"
    assert lignes[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lignes
    assert any(ligne.startswith("PRODID:") for ligne in lignes)
    evenements: list[dict[str, str]] = []
    courant: dict[str, str] | None = None
    for ligne in lignes[1:-1]:
        nom, _, valeur = ligne.partition(":")
        if ligne == "BEGIN:VEVENT":
            assert courant is None
            courant = {}
        elif ligne == "END:VEVENT":
            assert courant is not None
            evenements.append(courant)
            courant = None
        elif courant is not None:
            courant[nom] = valeur
    assert courant is None
    for ev in evenements:
        for obligatoire in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert obligatoire in ev
    return evenements


def desechapper(valeur: str) -> str:
    resultat, i = "", 0
    while i < len(valeur):
        if valeur[i] == "\\":
            suivant = valeur[i + 1]
            resultat += "\n" if suivant in "nN" else suivant
            i += 2
        else:
            resultat += valeur[i]
            i += 1
    return resultat


def instant(valeur: str) -> datetime:
    return datetime.strptime(valeur, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def test_the_feed_lists_published_upcoming_events_in_utc(client):
    debut = timezone.now().replace(microsecond=0) + timedelta(days=3)
    a_venir = EvenementFactory(
        titre="Rencontre régionale ; mobilités, santé et emploi",
        debut=debut,
        fin=debut + timedelta(hours=2),
        description="Première ligne,\nseconde ligne avec un point-virgule ; " + "é" * 80,
        lieu="Salle B, Quimper",
    )
    EvenementFactory(passe=True, titre="Passé")
    EvenementFactory(publie=False, titre="Brouillon")

    reponse = client.get("/evenements.ics")
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    evenements = lire(reponse.content)

    assert len(evenements) == 1
    ev = evenements[0]
    assert desechapper(ev["SUMMARY"]) == a_venir.titre
    assert instant(ev["DTSTART"]) == debut
    assert instant(ev["DTEND"]) == debut + timedelta(hours=2)
    assert desechapper(ev["DESCRIPTION"]).startswith(a_venir.description)
    assert desechapper(ev["LOCATION"]) == "Salle B, Quimper"
    assert ev["UID"].startswith(f"evenement-{a_venir.pk}@")
    assert ev["URL"].endswith(f"/evenements/{a_venir.slug}/")


def test_one_event_has_its_own_file_and_a_stable_uid(client):
    e = EvenementFactory(lieu="", lien_en_ligne="https://visio.exemple.fr/salle")
    premier = lire(client.get(f"/evenements/{e.slug}.ics").content)
    second = lire(client.get(f"/evenements/{e.slug}.ics").content)
    assert len(premier) == 1
    assert premier[0]["UID"] == second[0]["UID"]
    assert premier[0]["LOCATION"] == "https://visio.exemple.fr/salle"


def test_a_past_event_still_has_its_own_file(client):
    e = EvenementFactory(passe=True)
    assert len(lire(client.get(f"/evenements/{e.slug}.ics").content)) == 1


def test_the_calendar_and_its_events_keep_their_properties_and_their_file_names(client):
    e = EvenementFactory(titre="Atelier, bilan ; suite")
    reponse = client.get("/evenements.ics")
    assert reponse["Content-Disposition"] == 'attachment; filename="evenements-ti-lab.ics"'
    lignes = reponse.content.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert lignes[:7] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Ti Lab//Portail du Ti Lab//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Événements du Ti Lab",
        "BEGIN:VEVENT",
    ]
    ev = lire(reponse.content)[0]
    assert set(ev) == {
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "URL",
        "CATEGORIES",
        "LOCATION",
    }
    assert abs(instant(ev["DTSTAMP"]) - timezone.now()) < timedelta(minutes=1)
    assert ev["CATEGORIES"] == "Atelier"
    assert desechapper(ev["DESCRIPTION"]).endswith(f"\n\n{ev['URL']}")

    seul = client.get(f"/evenements/{e.slug}.ics")
    assert seul["Content-Type"] == "text/calendar; charset=utf-8"
    assert seul["Content-Disposition"] == f'attachment; filename="{e.slug}.ics"'
    # The calendar of one event is named after it, its TEXT escaping included.
    assert "X-WR-CALNAME:Atelier\\, bilan \\; suite\r\n" in seul.content.decode("utf-8")


def test_a_long_description_is_folded_at_75_octets_without_splitting_a_character(client):
    description = "Première ligne " + "ê" * 100 + " puis " + "x" * 200
    e = EvenementFactory(description=description)
    texte = client.get(f"/evenements/{e.slug}.ics").content.decode("utf-8")

    lignes = texte.split("\r\n")
    debut = next(i for i, ligne in enumerate(lignes) if ligne.startswith("DESCRIPTION:"))
    fin = next(i for i in range(debut + 1, len(lignes)) if not lignes[i].startswith(" "))
    morceaux = lignes[debut:fin]
    assert len(morceaux) > 3
    for morceau in morceaux:
        assert len(morceau.encode("utf-8")) <= 75, morceau
    assert all(morceau.startswith(" ") for morceau in morceaux[1:])
    deplie = morceaux[0] + "".join(morceau[1:] for morceau in morceaux[1:])
    assert desechapper(deplie.removeprefix("DESCRIPTION:")).startswith(description)


def test_commas_semicolons_backslashes_and_newlines_survive_a_round_trip(client):
    titre = "Bilan, suite ; fin \\ C:\\dossier"
    description = "Un, deux ; trois\\quatre\nligne suivante\r\net la dernière"
    e = EvenementFactory(titre=titre, description=description, lieu="Salle 2, étage ; B")
    cal = Calendar.from_ical(client.get(f"/evenements/{e.slug}.ics").content)

    # The library reads an X- property verbatim, without TEXT unescaping.
    assert desechapper(str(cal["X-WR-CALNAME"])) == titre
    (ev,) = cal.walk("VEVENT")
    assert str(ev["SUMMARY"]) == titre
    assert str(ev["DESCRIPTION"]).startswith(description.replace("\r\n", "\n"))
    assert str(ev["LOCATION"]) == "Salle 2, étage ; B"
    assert ev["DTSTART"].dt == e.debut.replace(microsecond=0)


def test_every_line_ends_with_crlf(client):
    e = EvenementFactory(description="Une ligne\nune autre\r\net une dernière\r")
    for adresse in ("/evenements.ics", f"/evenements/{e.slug}.ics"):
        contenu = client.get(adresse).content
        assert contenu.endswith(b"END:VCALENDAR\r\n")
        assert contenu.count(b"\n") == contenu.count(b"\r\n")
        assert contenu.count(b"\r") == contenu.count(b"\r\n")


# --- The feed from the cache --------------------------------------------------------------


def titres_du_flux(client) -> list[str]:
    return [desechapper(ev["SUMMARY"]) for ev in lire(client.get("/evenements.ics").content)]


def test_the_feed_is_read_from_the_cache_while_no_event_changes(client, django_assert_num_queries):
    for i in range(30):
        EvenementFactory(titre=f"Atelier {i}")
    # The first feed after a change: the fingerprint, the cache's read, the events, and the
    # cache's write (five queries in a test: COUNT, SAVEPOINT, SELECT, INSERT, RELEASE; three
    # in production).
    with django_assert_num_queries(8):
        premier = client.get("/evenements.ics")
    # Every other one: the fingerprint and the cache's read, however many events there are.
    with django_assert_num_queries(2):
        second = client.get("/evenements.ics")
    assert second.content == premier.content
    assert len(lire(second.content)) == 30


def test_any_change_to_an_event_of_the_feed_shows_at_once(client):
    e = EvenementFactory(titre="Atelier")
    assert titres_du_flux(client) == ["Atelier"]

    # Even written behind the services' and the back office's back.
    Evenement.objects.filter(pk=e.pk).update(titre="Atelier renommé")
    assert titres_du_flux(client) == ["Atelier renommé"]

    Evenement.objects.filter(pk=e.pk).update(description="Une autre description")
    assert "Une autre description" in client.get("/evenements.ics").content.decode()

    Evenement.objects.filter(pk=e.pk).update(publie=False)
    assert titres_du_flux(client) == []

    Evenement.objects.filter(pk=e.pk).update(publie=True)
    autre = EvenementFactory(titre="Nouveau", debut=e.debut + timedelta(days=1))
    assert titres_du_flux(client) == ["Atelier renommé", "Nouveau"]

    autre.delete()
    assert titres_du_flux(client) == ["Atelier renommé"]


def test_an_event_leaves_the_feed_when_it_ends(client):
    debut = timezone.now() + timedelta(days=1)
    EvenementFactory(titre="Demain", debut=debut, fin=debut + timedelta(hours=2))
    assert titres_du_flux(client) == ["Demain"]

    plus_tard = timezone.now() + timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=plus_tard):
        assert titres_du_flux(client) == []


def test_the_feed_links_to_the_site_s_address_of_the_moment(client, settings):
    EvenementFactory(slug="atelier")
    settings.SITE_URL = "http://portail.exemple.fr"
    assert "http://portail.exemple.fr/evenements/atelier/" in (
        client.get("/evenements.ics").content.decode().replace("\r\n ", "")
    )
    settings.SITE_URL = "https://portail.exemple.fr"
    assert "https://portail.exemple.fr/evenements/atelier/" in (
        client.get("/evenements.ics").content.decode().replace("\r\n ", "")
    )


def test_a_calendar_application_is_told_when_nothing_changed(client):
    e = EvenementFactory(titre="Atelier")
    premier = client.get("/evenements.ics")
    etag, modifie = premier["ETag"], premier["Last-Modified"]

    avec_etag = client.get("/evenements.ics", headers={"If-None-Match": etag})
    assert avec_etag.status_code == 304 and avec_etag.content == b""
    assert avec_etag["ETag"] == etag
    avec_date = client.get("/evenements.ics", headers={"If-Modified-Since": modifie})
    assert avec_date.status_code == 304

    Evenement.objects.filter(pk=e.pk).update(titre="Atelier déplacé")
    apres = client.get("/evenements.ics", headers={"If-None-Match": etag})
    assert apres.status_code == 200
    assert apres["ETag"] != etag
    assert "Atelier déplacé" in apres.content.decode()
