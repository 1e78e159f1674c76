"""Rules the schema keeps so that deleting an account never breaks nor erases public content."""

from django.apps import apps
from django.conf import settings
from django.db import models

from tilab.comptes.models import Personne, cle_auteur

PROJET = {
    "tilab",
    "communautes",
    "problematiques",
    "gouvernance",
    "experimentations",
    "documentation",
}


def cles_vers_personne():
    for modele in apps.get_models():
        if modele._meta.app_label not in PROJET:
            continue
        for champ in modele._meta.get_fields():
            if champ.is_relation and champ.many_to_one and champ.related_model is Personne:
                yield f"{modele._meta.label}.{champ.name}", champ


def test_no_foreign_key_to_a_person_blocks_account_deletion():
    bloquantes = [
        nom
        for nom, champ in cles_vers_personne()
        if champ.remote_field.on_delete in (models.PROTECT, models.RESTRICT)
    ]
    # Such a key would turn "supprimer mon compte" into an error: use cle_auteur() (SET_NULL).
    assert bloquantes == []


def test_cle_auteur_keeps_the_content_when_the_author_leaves():
    champ = cle_auteur(related_name="essais")
    assert champ.remote_field.on_delete is models.SET_NULL
    assert champ.null and champ.blank
    assert (
        champ.remote_field.model == settings.AUTH_USER_MODEL
        or champ.remote_field.model == "comptes.Personne"
    )
