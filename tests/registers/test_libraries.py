"""The organisation's libraries: data categories, recipients, sources, security texts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import (
    Controller,
    DataCategory,
    DataCategoryKind,
    Recipient,
    Register,
    SecurityMeasure,
    Source,
)
from tests.factories import DataCategoryFactory, RecipientFactory, SourceFactory

pytestmark = pytest.mark.django_db

BASE = "/hallinta/oma-organisaatio-oy"

NEW_ITEMS = [
    ("tietoryhmat", DataCategory, {"name": "Osoite", "kind": "ordinary", "position": "0"}),
    ("vastaanottajat", Recipient, {"name": "Posti", "role": "processor", "position": "0"}),
    ("lahteet", Source, {"name": "Väestötietojärjestelmä", "position": "0"}),
    (
        "suojaus",
        SecurityMeasure,
        {"title": "Lukitut tilat", "material": "manual", "text": "Lukittu.", "position": "0"},
    ),
]


@pytest.mark.parametrize(("library", "model", "data"), NEW_ITEMS)
def test_an_officer_adds_and_edits_a_library_item(
    client: Client,
    officer: User,
    organisation: Controller,
    library: str,
    model: type,
    data: dict[str, str],
) -> None:
    client.force_login(officer)
    response = client.post(f"{BASE}/{library}/uusi/", data)
    assert response["Location"] == f"{BASE}/{library}/"
    item = model.objects.get(controller=organisation)

    name_field = "title" if "title" in data else "name"
    edited = {**data, name_field: "Muutettu"}
    response = client.post(f"{BASE}/{library}/{item.pk}/", edited)
    assert response.status_code == 302
    item.refresh_from_db()
    assert getattr(item, name_field) == "Muutettu"
    assert "Muutettu" in client.get(f"{BASE}/{library}/").content.decode()


def test_a_special_category_needs_its_article_9_condition(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        f"{BASE}/tietoryhmat/uusi/",
        {"name": "Terveys", "kind": DataCategoryKind.SPECIAL, "position": "0"},
    )
    assert response.status_code == 200
    assert "9 artiklan 2 kohdan peruste" in response.content.decode()
    assert 'value="Terveys"' in response.content.decode()
    assert not DataCategory.objects.exists()


def test_a_duplicate_name_is_a_form_error(
    client: Client, officer: User, organisation: Controller, other_organisation: Controller
) -> None:
    SourceFactory(controller=organisation, name="Asiakas")
    # The same name in another organisation does not count.
    SourceFactory(controller=other_organisation, name="Toinen")
    client.force_login(officer)
    response = client.post(f"{BASE}/lahteet/uusi/", {"name": "Asiakas", "position": "0"})
    assert "on jo olemassa" in response.content.decode()
    assert (
        client.post(f"{BASE}/lahteet/uusi/", {"name": "Toinen", "position": "0"}).status_code == 302
    )


def test_an_unused_item_can_be_deleted(
    client: Client, officer: User, organisation: Controller
) -> None:
    item = RecipientFactory(controller=organisation)
    client.force_login(officer)
    response = client.post(f"{BASE}/vastaanottajat/{item.pk}/poista/")
    assert response["Location"] == f"{BASE}/vastaanottajat/"
    assert not Recipient.objects.filter(pk=item.pk).exists()


def test_an_item_in_use_is_not_deleted_and_the_registers_are_named(
    client: Client, officer: User, register: Register
) -> None:
    category = register.data_categories.get()
    recipient = register.recipients.get()
    register.recipients.remove(recipient)  # still used by a transfer
    client.force_login(officer)

    for library, item in (("tietoryhmat", category), ("vastaanottajat", recipient)):
        response = client.post(f"{BASE}/{library}/{item.pk}/poista/", follow=True)
        body = response.content.decode()
        assert "ei poistettu" in body
        assert "Asiakasrekisteri" in body
        assert type(item).objects.filter(pk=item.pk).exists()


def test_a_viewer_sees_the_library_without_buttons(
    client: Client, viewer: User, organisation: Controller
) -> None:
    item = DataCategoryFactory(controller=organisation, name="Nimi")
    client.force_login(viewer)
    assert "Uusi tietoryhmä" not in client.get(f"{BASE}/tietoryhmat/").content.decode()
    body = client.get(f"{BASE}/tietoryhmat/{item.pk}/").content.decode()
    assert "Nimi" in body
    assert "Tallenna" not in body
    assert client.post(f"{BASE}/tietoryhmat/{item.pk}/poista/").status_code == 403


def test_an_outsider_gets_404(client: Client, outsider: User, organisation: Controller) -> None:
    item = DataCategoryFactory(controller=organisation)
    client.force_login(outsider)
    assert client.get(f"{BASE}/tietoryhmat/").status_code == 404
    assert client.get(f"{BASE}/tietoryhmat/{item.pk}/").status_code == 404
    assert client.post(f"{BASE}/tietoryhmat/{item.pk}/poista/").status_code == 404
    assert DataCategory.objects.filter(pk=item.pk).exists()


def test_another_organisations_item_is_404_even_under_ones_own_organisation(
    client: Client, officer: User, other_organisation: Controller
) -> None:
    foreign = DataCategoryFactory(controller=other_organisation)
    client.force_login(officer)
    assert client.get(f"{BASE}/tietoryhmat/{foreign.pk}/").status_code == 404
    assert client.post(f"{BASE}/tietoryhmat/{foreign.pk}/poista/").status_code == 404
