"""factory_boy factories shared by every test package."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from tilab.comptes.models import Organisation, Personne, Territoire, Theme, TypeOrganisation

MOT_DE_PASSE = "motdepasse-de-test-42"


class TerritoireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territoire

    nom = factory.Sequence(lambda n: f"Commune {n}")
    slug = factory.Sequence(lambda n: f"commune-{n}")
    type = "commune"
    code = factory.Sequence(lambda n: f"{35000 + n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    nom = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    type = TypeOrganisation.COMMUNE


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    nom = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class PersonneFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address, able to log in with MOT_DE_PASSE."""

    class Meta:
        model = Personne
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(MOT_DE_PASSE)

    @factory.post_generation
    def verifiee(obj: Personne, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def roles(obj: Personne, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            obj.groups.add(*Group.objects.filter(name__in=extracted))
