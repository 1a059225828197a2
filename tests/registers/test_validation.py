"""Validation rules of the register domain, in the model layer (every entry path)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registers.models import (
    DataCategory,
    DataCategoryKind,
    LegalBasis,
    ProvisionRequirement,
    Purpose,
    RetentionRule,
    RetentionUnit,
    SpecialCategoryCondition,
    Transfer,
    TransferSafeguard,
)
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    RecipientFactory,
    RegisterFactory,
)

pytestmark = pytest.mark.django_db


def _errors(instance: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()  # type: ignore[attr-defined]
    return excinfo.value.message_dict


def test_it_rejects_an_invalid_business_id_on_the_controller() -> None:
    controller = ControllerFactory.build(business_id="2780101-8")
    errors = _errors(controller)
    assert errors["business_id"] == ["Y-tunnuksen tarkistenumero ei täsmää. Tarkista tunnus."]


def test_a_controller_without_business_id_is_valid() -> None:
    ControllerFactory.build(business_id="").full_clean()


def test_the_supervisory_authority_defaults_to_the_finnish_ombudsman() -> None:
    controller = ControllerFactory()
    assert controller.authority_name == "Tietosuojavaltuutetun toimisto"
    assert controller.authority_website == "https://tietosuoja.fi"


def test_an_appointed_dpo_needs_a_name_and_contact() -> None:
    controller = ControllerFactory.build(dpo_appointed=True)
    errors = _errors(controller)
    assert "dpo_name" in errors
    assert "13 art. 1 b" in errors["dpo_email"][0]


def test_it_rejects_a_special_category_without_an_article_9_condition() -> None:
    category = DataCategory(
        controller=ControllerFactory(), name="Terveystiedot", kind=DataCategoryKind.SPECIAL
    )
    errors = _errors(category)
    assert "9 artiklan 2 kohdan peruste" in errors["special_condition"][0]


def test_it_accepts_a_special_category_with_a_condition() -> None:
    category = DataCategory(
        controller=ControllerFactory(),
        name="Terveystiedot",
        kind=DataCategoryKind.SPECIAL,
        special_condition=SpecialCategoryCondition.EXPLICIT_CONSENT,
    )
    category.full_clean()
    category.save()
    assert category.is_special


def test_it_rejects_a_condition_on_an_ordinary_category() -> None:
    category = DataCategory(
        controller=ControllerFactory(),
        name="Nimi",
        special_condition=SpecialCategoryCondition.EMPLOYMENT,
    )
    assert "special_condition" in _errors(category)


def test_the_database_refuses_a_special_category_without_condition() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        DataCategoryFactory(kind=DataCategoryKind.SPECIAL, special_condition="")


def test_it_rejects_legitimate_interest_without_an_explanation() -> None:
    purpose = Purpose(
        register=RegisterFactory(),
        description="Suoramarkkinointi",
        legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
        legitimate_interest="   ",
    )
    errors = _errors(purpose)
    assert errors["legitimate_interest"] == [
        "Kun käsittely perustuu oikeutettuun etuun, kerro mikä etu on (13 art. 1 d)."
    ]


def test_the_database_refuses_legitimate_interest_without_an_explanation() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Purpose.objects.create(
            register=RegisterFactory(),
            description="Suoramarkkinointi",
            legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
        )


def test_legitimate_interest_with_an_explanation_is_valid() -> None:
    Purpose(
        register=RegisterFactory(),
        description="Suoramarkkinointi",
        legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
        legitimate_interest="Asiakassuhteen ylläpito",
    ).full_clean()


@pytest.mark.parametrize("basis", [LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK])
def test_legal_obligation_and_public_task_must_name_the_law(basis: LegalBasis) -> None:
    purpose = Purpose(register=RegisterFactory(), description="Kirjanpito", legal_basis=basis)
    assert "6 art. 3 kohta" in _errors(purpose)["law_reference"][0]
    purpose.law_reference = "Kirjanpitolaki 1336/1997"
    purpose.full_clean()


def test_it_rejects_a_legal_basis_outside_article_6() -> None:
    purpose = Purpose(register=RegisterFactory(), description="X", legal_basis="whim")
    assert "legal_basis" in _errors(purpose)


def test_it_rejects_retention_without_period_or_criteria() -> None:
    rule = RetentionRule(register=RegisterFactory())
    assert _errors(rule)["period"] == [
        "Anna säilytysaika tai sen määrittämisen peruste (13 art. 2 a)."
    ]


def test_the_database_refuses_retention_without_period_or_criteria() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionRule.objects.create(register=RegisterFactory())


def test_a_retention_period_needs_its_unit() -> None:
    rule = RetentionRule(register=RegisterFactory(), period=3)
    assert "period_unit" in _errors(rule)


def test_retention_by_criteria_alone_is_valid() -> None:
    RetentionRule(register=RegisterFactory(), criteria="Asiakkuuden ajan").full_clean()


def test_the_retention_period_reads_in_finnish() -> None:
    rule = RetentionRule(
        register=RegisterFactory(),
        period=10,
        period_unit=RetentionUnit.YEARS,
        starts_from="asiakkuuden päättymisestä",
    )
    rule.full_clean()
    assert rule.period_text == "10 vuotta asiakkuuden päättymisestä"


def test_a_transfer_cannot_name_another_controllers_recipient() -> None:
    register = RegisterFactory()
    transfer = Transfer(
        register=register,
        recipient=RecipientFactory(),  # a recipient of another controller
        country="Intia",
        safeguard=TransferSafeguard.STANDARD_CLAUSES,
    )
    assert _errors(transfer)["recipient"] == ["Vastaanottaja kuuluu toiselle rekisterinpitäjälle."]


def test_a_transfer_needs_a_safeguard() -> None:
    register = RegisterFactory()
    transfer = Transfer(
        register=register,
        recipient=RecipientFactory(controller=register.controller),
        country="Intia",
    )
    assert "safeguard" in _errors(transfer)


def test_automated_decisions_must_be_described() -> None:
    register = RegisterFactory.build(controller=ControllerFactory(), automated_decisions=True)
    assert "13 art. 2 f" in _errors(register)["automated_decisions_description"][0]


def test_a_contractual_requirement_saves_without_consequences() -> None:
    # Refusing the save made officers leave the requirement unset; the completeness
    # check asks for the consequences instead (tests/privacy_notices/test_fidelity.py).
    register = RegisterFactory.build(
        controller=ControllerFactory(), provision_requirement=ProvisionRequirement.CONTRACTUAL
    )
    register.full_clean()


def test_register_names_are_unique_within_a_controller_only() -> None:
    first = RegisterFactory(name="Asiakasrekisteri")
    RegisterFactory(name="Asiakasrekisteri")  # another controller: fine
    duplicate = RegisterFactory.build(controller=first.controller, name="Asiakasrekisteri")
    assert "__all__" in _errors(duplicate)


def test_text_fields_store_any_text_verbatim() -> None:
    text = "<script>alert('x')</script> \"lainaus\" & ääkköset ∑ 😀"
    register = RegisterFactory(name=text, description=text)
    register.refresh_from_db()
    assert register.name == text
    assert register.description == text


@pytest.mark.parametrize(
    ("period", "unit", "text"),
    [
        (1, RetentionUnit.YEARS, "1 vuosi"),
        (2, RetentionUnit.YEARS, "2 vuotta"),
        (1, RetentionUnit.MONTHS, "1 kuukausi"),
        (6, RetentionUnit.MONTHS, "6 kuukautta"),
        (1, RetentionUnit.DAYS, "1 päivä"),
        (30, RetentionUnit.DAYS, "30 päivää"),
    ],
)
def test_the_retention_period_takes_the_finnish_singular_after_one(
    period: int, unit: RetentionUnit, text: str
) -> None:
    assert RetentionRule(period=period, period_unit=unit).period_text == text
