from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from registers.models import (
    Controller,
    DataCategory,
    DataSubjectCategory,
    LegalBasis,
    Membership,
    MembershipRole,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    RetentionUnit,
    SecurityMeasure,
    Source,
    Transfer,
    TransferSafeguard,
)

PASSWORD = "correct horse battery staple"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()


class ControllerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Controller

    name = factory.Sequence(lambda n: f"Esimerkki {n} Oy")
    slug = factory.Sequence(lambda n: f"esimerkki-{n}-oy")
    business_id = "2780101-9"
    street_address = "Esimerkkikatu 1"
    postal_code = "00100"
    city = "Helsinki"
    email = "tietosuoja@example.com"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    controller = factory.SubFactory(ControllerFactory)
    role = MembershipRole.EDITOR


class DataCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataCategory

    controller = factory.SubFactory(ControllerFactory)
    name = factory.Sequence(lambda n: f"Tietoryhmä {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    controller = factory.SubFactory(ControllerFactory)
    name = factory.Sequence(lambda n: f"Lähde {n}")


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    controller = factory.SubFactory(ControllerFactory)
    name = factory.Sequence(lambda n: f"Vastaanottaja {n}")


class SecurityMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityMeasure

    controller = factory.SubFactory(ControllerFactory)
    title = factory.Sequence(lambda n: f"Suojaus {n}")
    text = "Tiedot on suojattu palomuurilla."


class RegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Register

    controller = factory.SubFactory(ControllerFactory)
    name = factory.Sequence(lambda n: f"Rekisteri {n}")


class PurposeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Purpose

    register = factory.SubFactory(RegisterFactory)
    description = "Asiakassuhteen hoitaminen"
    legal_basis = LegalBasis.CONTRACT


class DataSubjectCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSubjectCategory

    register = factory.SubFactory(RegisterFactory)
    name = "Asiakkaat"


class RetentionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionRule

    register = factory.SubFactory(RegisterFactory)
    period = 5
    period_unit = RetentionUnit.YEARS
    starts_from = "asiakkuuden päättymisestä"


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    register = factory.SubFactory(RegisterFactory)
    recipient = factory.SubFactory(
        RecipientFactory, controller=factory.SelfAttribute("..register.controller")
    )
    country = "Yhdysvallat"
    safeguard = TransferSafeguard.STANDARD_CLAUSES
