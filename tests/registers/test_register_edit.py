from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import (
    Controller,
    DataCategory,
    DataCategoryKind,
    LegalBasis,
    Purpose,
    Register,
    RetentionUnit,
    TransferSafeguard,
)
from tests.editor import add_row, register_post_data
from tests.factories import (
    DataCategoryFactory,
    RecipientFactory,
    SecurityMeasureFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def url(register: Register) -> str:
    return f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"


def test_the_page_shows_every_part_of_the_register(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    body = client.get(url(register)).content.decode()
    for text in (
        "Asiakasrekisteri",
        "Asiakassuhteen hoitaminen",
        "Asiakkaat",
        "Nimi",
        "Asiakas itse",
        "Kirjanpitotoimisto",
        "Yhdysvallat",
        "asiakkuuden päättymisestä",
        "Palomuuri",
        "Tallenna rekisteri",
    ):
        assert text in body, text


def test_an_officer_adds_a_purpose_ticks_a_category_and_adds_a_retention_rule(
    client: Client, officer: User, register: Register, organisation: Controller
) -> None:
    category = DataCategoryFactory(controller=organisation, name="Sähköposti")
    data = register_post_data(register)
    data["data_categories"] = [*data["data_categories"], str(category.pk)]
    add_row(
        data,
        "purposes",
        description="Markkinointi",
        legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
        legitimate_interest="Asiakassuhteen ylläpito",
    )
    add_row(data, "retention", period="2", period_unit=RetentionUnit.YEARS, starts_from="")
    client.force_login(officer)

    response = client.post(url(register), data)

    assert response.status_code == 302
    assert response["Location"] == url(register)
    register.refresh_from_db()
    assert [p.description for p in register.purposes.all()] == [
        "Asiakassuhteen hoitaminen",
        "Markkinointi",
    ]
    assert category in register.data_categories.all()
    assert register.retention_rules.count() == 2
    assert register.version == 2
    follow = client.get(url(register)).content.decode()
    assert "Rekisteri tallennettu." in follow
    assert "Markkinointi" in follow


def test_an_officer_edits_and_deletes_parts(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    data["name"] = "Uusi nimi"
    data["purposes-0-description"] = "Laskutus"
    data["transfers-0-DELETE"] = "on"
    data["covers_website"] = "on"
    add_row(data, "cookies", name="_ga", purpose="Analytiikka", provider="Google", duration="")
    client.force_login(officer)

    assert client.post(url(register), data).status_code == 302

    register.refresh_from_db()
    assert register.name == "Uusi nimi"
    assert register.purposes.get().description == "Laskutus"
    assert not register.transfers.exists()
    assert register.covers_website
    assert register.cookies.get().name == "_ga"


def test_a_new_library_category_is_added_and_ticked_without_leaving_the_page(
    client: Client, officer: User, register: Register, organisation: Controller
) -> None:
    data = register_post_data(register)
    data["new_category-name"] = "Terveystiedot"
    data["new_category-kind"] = DataCategoryKind.SPECIAL
    data["new_category-special_condition"] = "h"
    client.force_login(officer)

    assert client.post(url(register), data).status_code == 302

    category = DataCategory.objects.get(controller=organisation, name="Terveystiedot")
    assert category in register.data_categories.all()


def test_an_invalid_new_category_is_an_error_and_nothing_is_saved(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    data["name"] = "Ei tallennu"
    data["new_category-name"] = "Terveystiedot"
    data["new_category-kind"] = DataCategoryKind.SPECIAL
    client.force_login(officer)

    response = client.post(url(register), data)

    assert response.status_code == 200
    assert "9 artiklan 2 kohdan peruste" in response.content.decode()
    assert not DataCategory.objects.filter(name="Terveystiedot").exists()
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"


def test_a_legitimate_interest_purpose_without_the_interest_is_refused_and_input_kept(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    data["name"] = "Muutettu nimi"
    add_row(
        data,
        "purposes",
        description="Suoramarkkinointi kirjoitettuna",
        legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
        legitimate_interest="",
    )
    client.force_login(officer)

    response = client.post(url(register), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "kerro mikä etu on" in body
    assert "Suoramarkkinointi kirjoitettuna" in body
    assert 'value="Muutettu nimi"' in body
    assert "Mitään ei tallennettu" in body
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"
    assert register.purposes.count() == 1
    assert register.version == 1


def test_a_legal_obligation_needs_the_law(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    data["purposes-0-legal_basis"] = LegalBasis.LEGAL_OBLIGATION
    client.force_login(officer)

    response = client.post(url(register), data)

    assert "Nimeä laki" in response.content.decode()
    assert Purpose.objects.get().legal_basis == LegalBasis.CONTRACT


def test_a_retention_rule_needs_a_period_or_criteria(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    add_row(data, "retention", starts_from="asiakkuuden päättymisestä")
    client.force_login(officer)

    response = client.post(url(register), data)

    assert "Anna säilytysaika tai sen määrittämisen peruste" in response.content.decode()
    assert register.retention_rules.count() == 1


def test_automated_decisions_need_a_description(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    data["profiling"] = "on"
    client.force_login(officer)

    response = client.post(url(register), data)

    assert "Kuvaa automaattisen päätöksenteon" in response.content.decode()
    register.refresh_from_db()
    assert not register.profiling


FOREIGN_TICKS = [
    ("data_categories", DataCategoryFactory),
    ("sources", SourceFactory),
    ("recipients", RecipientFactory),
    ("security_measures", SecurityMeasureFactory),
]


@pytest.mark.parametrize(("field", "factory"), FOREIGN_TICKS)
def test_another_organisations_library_item_cannot_be_ticked_by_a_forged_post(
    client: Client,
    officer: User,
    register: Register,
    other_organisation: Controller,
    field: str,
    factory: type,
) -> None:
    foreign = factory(controller=other_organisation)
    data = register_post_data(register)
    data[field] = [*data[field], str(foreign.pk)]
    data["name"] = "Ei tallennu"
    client.force_login(officer)

    response = client.post(url(register), data)

    assert response.status_code == 200
    assert "Valitse oikea vaihtoehto" in response.content.decode()
    assert foreign not in getattr(register, field).all()
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"


def test_another_organisations_category_cannot_be_used_in_a_retention_rule(
    client: Client, officer: User, register: Register, other_organisation: Controller
) -> None:
    foreign = DataCategoryFactory(controller=other_organisation)
    data = register_post_data(register)
    data["retention-0-data_category"] = str(foreign.pk)
    client.force_login(officer)

    response = client.post(url(register), data)

    assert "Valitse oikea vaihtoehto" in response.content.decode()
    assert register.retention_rules.get().data_category is None


def test_another_organisations_recipient_cannot_be_used_in_a_transfer(
    client: Client, officer: User, register: Register, other_organisation: Controller
) -> None:
    foreign = RecipientFactory(controller=other_organisation, name="Vieras vastaanottaja")
    data = register_post_data(register)
    add_row(
        data,
        "transfers",
        recipient=str(foreign.pk),
        country="Intia",
        safeguard=TransferSafeguard.STANDARD_CLAUSES,
    )
    client.force_login(officer)

    response = client.post(url(register), data)

    assert response.status_code == 200
    assert "Valitse oikea vaihtoehto" in response.content.decode()
    assert register.transfers.count() == 1
    assert "Vieras vastaanottaja" not in response.content.decode()


def test_another_registers_part_cannot_be_edited_through_this_one(
    client: Client, officer: User, register: Register, other_organisation: Controller
) -> None:
    other = Purpose.objects.create(
        register=Register.objects.create(controller=other_organisation, name="Vieras"),
        description="Vieras tarkoitus",
        legal_basis=LegalBasis.CONSENT,
    )
    data = register_post_data(register)
    data["purposes-0-id"] = str(other.pk)
    data["purposes-0-description"] = "Kaapattu"
    client.force_login(officer)

    client.post(url(register), data)

    # Django's formset looks the row up among this register's parts only, so the
    # foreign id is ignored: neither purpose changes.
    other.refresh_from_db()
    assert other.description == "Vieras tarkoitus"
    assert not Purpose.objects.filter(description="Kaapattu").exists()


def test_a_viewer_sees_the_register_read_only(
    client: Client, viewer: User, register: Register
) -> None:
    client.force_login(viewer)
    body = client.get(url(register)).content.decode()
    assert "Asiakassuhteen hoitaminen" in body
    assert "Tallenna rekisteri" not in body
    assert "vain lukuoikeus" in body
    assert "disabled" in body


def test_a_viewers_save_is_forbidden(client: Client, viewer: User, register: Register) -> None:
    data = register_post_data(register)
    data["name"] = "Muutettu"
    client.force_login(viewer)
    assert client.post(url(register), data).status_code == 403
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"


def test_an_outsider_gets_404(client: Client, outsider: User, register: Register) -> None:
    client.force_login(outsider)
    assert client.get(url(register)).status_code == 404
    assert client.post(url(register), register_post_data(register)).status_code == 404
