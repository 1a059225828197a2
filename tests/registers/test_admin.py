"""The Django admin, staff's entry path: validation, scoped choices, nothing lost."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import Controller, Purpose, Register, RightProcedure
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    RecipientFactory,
    RegisterFactory,
)

pytestmark = pytest.mark.django_db

INLINES = (
    "purposes",
    "data_subject_categories",
    "transfers",
    "retention_rules",
    "cookies",
    "right_procedures",
)


def _register_form(controller: Controller, **extra: str) -> dict[str, str]:
    data = {"controller": str(controller.pk), "name": "Asiakasrekisteri"}
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | extra


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def test_it_shows_a_finnish_error_for_an_invalid_business_id(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/registers/controller/add/",
        {
            "name": "Virhe Oy",
            "slug": "virhe-oy",
            "business_id": "2780101-8",
            "authority_name": "Tietosuojavaltuutetun toimisto",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Y-tunnuksen tarkistenumero ei täsmää" in response.content.decode()
    assert not Controller.objects.filter(slug="virhe-oy").exists()


def test_it_refuses_a_legitimate_interest_purpose_without_explanation(
    admin_client: Client,
) -> None:
    controller = ControllerFactory()
    data = _register_form(
        controller,
        **{
            "purposes-TOTAL_FORMS": "1",
            "purposes-0-position": "0",
            "purposes-0-description": "Suoramarkkinointi",
            "purposes-0-legal_basis": "legitimate_interests",
            "purposes-0-legitimate_interest": "",
        },
    )
    response = admin_client.post("/admin/registers/register/add/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "kerro mikä etu on (13 art. 1 d)" in body
    # What was typed is shown again, and nothing is saved.
    assert "Suoramarkkinointi" in body
    assert not Register.objects.exists()
    assert not Purpose.objects.exists()


def test_it_saves_a_valid_register_with_its_purpose(admin_client: Client) -> None:
    controller = ControllerFactory()
    data = _register_form(
        controller,
        **{
            "purposes-TOTAL_FORMS": "1",
            "purposes-0-position": "0",
            "purposes-0-description": "Laskutus",
            "purposes-0-legal_basis": "contract",
        },
    )
    response = admin_client.post("/admin/registers/register/add/", data)
    assert response.status_code == 302
    register = Register.objects.get()
    assert register.controller == controller
    assert [p.description for p in register.purposes.all()] == ["Laskutus"]


def test_it_offers_only_the_registers_own_library_items(admin_client: Client) -> None:
    register = RegisterFactory()
    own = DataCategoryFactory(controller=register.controller, name="Oma tietoryhmä")
    DataCategoryFactory(name="Vieras tietoryhmä")
    RecipientFactory(name="Vieras vastaanottaja")
    body = admin_client.get(f"/admin/registers/register/{register.pk}/change/").content.decode()
    assert own.name in body
    assert "Vieras tietoryhmä" not in body
    assert "Vieras vastaanottaja" not in body


def test_it_refuses_another_controllers_library_item_in_a_forged_post(
    admin_client: Client,
) -> None:
    controller = ControllerFactory()
    foreign = DataCategoryFactory(name="Vieras tietoryhmä")
    data = _register_form(controller, data_categories=str(foreign.pk))
    response = admin_client.post("/admin/registers/register/add/", data)
    assert response.status_code == 200
    assert "toisen rekisterinpitäjän" in response.content.decode()
    assert not Register.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/registers/controller/?q=Oy",
        "/admin/registers/register/?q=rekisteri&archived__exact=0",
        "/admin/registers/datacategory/?kind__exact=special",
        "/admin/registers/recipient/?role__exact=processor",
        "/admin/registers/source/?is_public__exact=1",
        "/admin/registers/securitymeasure/",
        "/admin/registers/membership/",
        "/admin/privacy_notices/privacynotice/",
    ],
)
def test_the_admin_lists_search_and_filter(admin_client: Client, url: str) -> None:
    RegisterFactory()
    assert admin_client.get(url).status_code == 200


def test_a_register_shows_its_history_in_the_admin(admin_client: Client) -> None:
    register = RegisterFactory(name="Alkuperäinen")
    register.name = "Muutettu"
    register.save()
    response = admin_client.get(f"/admin/registers/register/{register.pk}/history/")
    assert response.status_code == 200
    assert "Alkuperäinen" in response.content.decode()


def test_a_staff_save_makes_an_officers_open_copy_stale(
    admin_client: Client, organisation: Controller
) -> None:
    register = RegisterFactory(controller=organisation, name="Asiakasrekisteri")
    response = admin_client.post(
        f"/admin/registers/register/{register.pk}/change/",
        _register_form(organisation, description="Ylläpidon muutos"),
    )
    assert response.status_code == 302
    register.refresh_from_db()
    assert register.description == "Ylläpidon muutos"
    assert register.version == 2


def test_a_registers_right_procedure_saved_inline_belongs_to_its_controller(
    admin_client: Client,
) -> None:
    controller = ControllerFactory()
    data = _register_form(
        controller,
        **{
            "right_procedures-TOTAL_FORMS": "1",
            "right_procedures-0-right": "erasure",
            "right_procedures-0-text": "Kirjanpitoaineistoa ei poisteta.",
        },
    )
    response = admin_client.post("/admin/registers/register/add/", data)
    assert response.status_code == 302
    procedure = RightProcedure.objects.get()
    assert (procedure.controller, procedure.register) == (controller, Register.objects.get())


def test_the_controller_admin_refuses_a_second_text_for_one_right(
    admin_client: Client,
) -> None:
    controller = ControllerFactory()
    RightProcedure.objects.create(controller=controller, right="access", text="Ensimmäinen")
    page = admin_client.get(f"/admin/registers/controller/{controller.pk}/change/")
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value not in (None, False)
    }
    data |= {
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "right_procedures-TOTAL_FORMS": "2",
        "right_procedures-INITIAL_FORMS": "1",
        "right_procedures-0-id": str(RightProcedure.objects.get().pk),
        "right_procedures-0-controller": str(controller.pk),
        "right_procedures-0-right": "access",
        "right_procedures-0-text": "Ensimmäinen",
        "right_procedures-1-controller": str(controller.pk),
        "right_procedures-1-right": "access",
        "right_procedures-1-text": "Toinen",
    }
    response = admin_client.post(f"/admin/registers/controller/{controller.pk}/change/", data)
    assert response.status_code == 200
    assert RightProcedure.objects.count() == 1
