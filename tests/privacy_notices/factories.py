"""Factories and builders for notices (kept here so tests/factories.py stays the registers')."""

from __future__ import annotations

from typing import Any

import factory

from privacy_notices.models import NoticeRegister, PrivacyNotice
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataCategoryKind,
    DataSubjectCategory,
    LegalBasis,
    ProvisionRequirement,
    Purpose,
    Recipient,
    RecipientRole,
    Register,
    RetentionRule,
    RetentionUnit,
    SecurityMaterial,
    SecurityMeasure,
    Source,
    SpecialCategoryCondition,
    Transfer,
    TransferSafeguard,
)
from tests.factories import ControllerFactory


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
        recipients_note="recipients-note-text",
        automated_decisions=True,
        profiling=True,
        automated_decisions_description="automated-description-text",
        provision_requirement=ProvisionRequirement.CONTRACTUAL,
        provision_consequences="provision-consequences-text",
        covers_website=True,
        cookies_note="cookies-note-text",
        joint_controller_arrangement="joint-arrangement-text",
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
    )
    recipient = Recipient.objects.create(
        controller=controller,
        name=f"{name} recipient-name",
        role=RecipientRole.JOINT_CONTROLLER,
        description="recipient-description",
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
