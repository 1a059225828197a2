from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from privacy_notices.models import NoticeRegister, PrivacyNotice
from registers.invitations import INVITATION_LIFETIME, hash_token
from registers.models import (
    AutomatedDecisionException,
    Controller,
    Cookie,
    DataCategory,
    DataCategoryKind,
    DataSubjectCategory,
    Invitation,
    LegalBasis,
    Membership,
    MembershipRole,
    ProvisionRequirement,
    Purpose,
    Recipient,
    RecipientRole,
    RecipientsStatement,
    Register,
    RetentionRule,
    RetentionUnit,
    SecurityMaterial,
    SecurityMeasure,
    Source,
    SourceOrigin,
    SpecialCategoryCondition,
    Transfer,
    TransferSafeguard,
    TransfersStatement,
)
from subjects.models import RequestStatus, RequestType, SubjectRequest

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


class PrivacyNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyNotice

    controller = factory.SubFactory(ControllerFactory)
    title = "Tietosuojaseloste"
    slug = factory.Sequence(lambda n: f"seloste-{n}")


def notice_with(controller: Controller, *registers: Register, **fields: Any) -> PrivacyNotice:
    notice = PrivacyNoticeFactory(controller=controller, **fields)
    for position, register in enumerate(registers):
        NoticeRegister.objects.create(notice=notice, register=register, position=position)
    return notice


def complete_register(controller: Controller, name: str = "Asiakasrekisteri") -> Register:
    """A register with every field filled, each with a value that names its field."""
    register = Register.objects.create(
        controller=controller,
        name=name,
        description=f"{name}: description-text",
        purposes_note="purposes-note-text",
        consent_withdrawal="consent-withdrawal-text",
        recipients_statement=RecipientsStatement.LISTED,
        recipients_note="recipients-note-text",
        transfers_statement=TransfersStatement.LISTED,
        transfers_note="transfers-note-text",
        automated_decisions=True,
        profiling=True,
        automated_decisions_description="automated-description-text",
        automated_decision_exception=AutomatedDecisionException.EXPLICIT_CONSENT,
        provision_requirement=ProvisionRequirement.CONTRACTUAL,
        provision_consequences="provision-consequences-text",
        covers_website=True,
        cookies_note="cookies-note-text",
        joint_controller_arrangement="joint-arrangement-text",
        informing_timing="informing-timing-text",
        informing_exemption="informing-exemption-text",
    )
    Purpose.objects.create(
        register=register, description="purpose-consent", legal_basis=LegalBasis.CONSENT
    )
    Purpose.objects.create(
        register=register,
        description="purpose-interest",
        legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
        legitimate_interest="legitimate-interest-text",
    )
    Purpose.objects.create(
        register=register,
        description="purpose-law",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        law_reference="law-reference-text",
    )
    DataSubjectCategory.objects.create(
        register=register, name="subject-name", description="subject-description"
    )
    special = DataCategory.objects.create(
        controller=controller,
        name=f"{name} special-category",
        description="category-description",
        kind=DataCategoryKind.SPECIAL,
        special_condition=SpecialCategoryCondition.EXPLICIT_CONSENT,
    )
    source = Source.objects.create(
        controller=controller,
        name=f"{name} source-name",
        description="source-description",
        is_public=True,
        origin=SourceOrigin.OTHER,
    )
    recipient = Recipient.objects.create(
        controller=controller,
        name=f"{name} recipient-name",
        role=RecipientRole.JOINT_CONTROLLER,
        description="recipient-description",
        country="recipient-country",
    )
    measure = SecurityMeasure.objects.create(
        controller=controller,
        title=f"{name} measure-title",
        material=SecurityMaterial.MANUAL,
        text="measure-text",
    )
    register.data_categories.add(special)
    register.sources.add(source)
    register.recipients.add(recipient)
    register.security_measures.add(measure)
    Transfer.objects.create(
        register=register,
        recipient=recipient,
        country="transfer-country",
        safeguard=TransferSafeguard.STANDARD_CLAUSES,
        safeguard_details="safeguard-details-text",
    )
    RetentionRule.objects.create(
        register=register,
        data_category=special,
        period=3,
        period_unit=RetentionUnit.YEARS,
        starts_from="retention-start-text",
        criteria="retention-criteria-text",
    )
    Cookie.objects.create(
        register=register,
        name="cookie-name",
        purpose="cookie-purpose",
        provider="cookie-provider",
        duration="cookie-duration",
        description="cookie-description",
        opt_out="cookie-opt-out",
        opt_out_url="https://opt-out.example.com/cookie",
    )
    return register


def bare_register(controller: Controller, name: str, *bases: str) -> Register:
    register = Register.objects.create(controller=controller, name=name)
    for basis in bases:
        Purpose.objects.create(
            register=register,
            description=f"{name} {basis}",
            legal_basis=basis,
            legitimate_interest="etu" if basis == LegalBasis.LEGITIMATE_INTERESTS else "",
            law_reference="laki"
            if basis in (LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK)
            else "",
        )
    return register


def pending_invitation(controller: Controller, token: str) -> Invitation:
    """A pending invitation to the controller, as an admin's invite leaves it."""
    now = timezone.now()
    return Invitation.objects.create(
        controller=controller,
        email="kutsuttu@example.com",
        role=MembershipRole.EDITOR,
        token_hash=hash_token(token),
        sent_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )


class SubjectRequestFactory(factory.django.DjangoModelFactory):
    """A request whose address is confirmed: it is in the organisation's inbox."""

    class Meta:
        model = SubjectRequest

    controller = factory.SubFactory(ControllerFactory)
    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    request_type = RequestType.ACCESS
    name = "Maija Meikäläinen"
    email = "maija@example.com"
    message = "Haluan nähdä tietoni."
    status = RequestStatus.RECEIVED
    confirmed_at = factory.LazyFunction(timezone.now)
